-- Pricing calculator, schema version 2: add-on plans and seat caps on plans, and exchange rates.

-- An add-on is bought on top of a base plan, so the calculator never picks it as the cheapest
-- plan. max_seats caps the seats a plan allows (0: no cap).
ALTER TABLE plans ADD COLUMN add_on INTEGER NOT NULL DEFAULT 0 CHECK (add_on IN (0, 1));
ALTER TABLE plans ADD COLUMN max_seats INTEGER NOT NULL DEFAULT 0;

-- Exchange rates set by the user: one unit of currency is worth rate_micros / 1e6 units of base.
-- Setting a rate adds a row; the newest row per pair is the one in use, older rows are history.
CREATE TABLE IF NOT EXISTS fx_rates (
    id          INTEGER PRIMARY KEY,
    currency    TEXT    NOT NULL,
    base        TEXT    NOT NULL,
    rate_micros INTEGER NOT NULL CHECK (rate_micros > 0),
    set_on      TEXT    NOT NULL,
    CHECK (currency <> base)
);
CREATE INDEX IF NOT EXISTS fx_rates_pair ON fx_rates (currency, base, set_on, id);

-- Unit prices finer than the currency's minor unit (a price per token): how many decimals the
-- overage and tier amounts of an observation have beyond the currency's own.
ALTER TABLE price_observations ADD COLUMN unit_decimals INTEGER NOT NULL DEFAULT 0
    CHECK (unit_decimals BETWEEN 0 AND 6);

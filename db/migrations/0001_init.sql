-- Catalog schema, version 1. Dates are 'YYYY-MM-DD' text, timestamps RFC 3339 UTC text,
-- money integer minor units with an ISO 4217 code. Lists of short labels are JSON arrays.

CREATE TABLE competitors (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    is_self      INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
    website      TEXT    NOT NULL DEFAULT '',
    positioning  TEXT    NOT NULL DEFAULT '',
    segments     TEXT    NOT NULL DEFAULT '[]',
    headquarters TEXT    NOT NULL DEFAULT '',
    founded      INTEGER NOT NULL DEFAULT 0,
    size_band    TEXT    NOT NULL DEFAULT '',
    threat       TEXT    NOT NULL DEFAULT '' CHECK (threat IN ('', 'low', 'medium', 'high', 'critical')),
    status       TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'watch', 'acquired', 'dead')),
    tags         TEXT    NOT NULL DEFAULT '[]',
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);
-- Exactly one row may be our own product.
CREATE UNIQUE INDEX competitors_one_self ON competitors (is_self) WHERE is_self = 1;

CREATE TABLE features (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    weight      INTEGER NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 5)
);
CREATE INDEX features_category ON features (category);

CREATE TABLE support (
    competitor_id INTEGER NOT NULL REFERENCES competitors (id) ON DELETE CASCADE,
    feature_id    INTEGER NOT NULL REFERENCES features (id) ON DELETE CASCADE,
    level         TEXT    NOT NULL CHECK (level IN ('yes', 'partial', 'no', 'roadmap', 'unknown')),
    note          TEXT    NOT NULL DEFAULT '',
    source        TEXT    NOT NULL DEFAULT '',
    verified_at   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (competitor_id, feature_id)
) WITHOUT ROWID;
CREATE INDEX support_feature ON support (feature_id);

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    competitor_id INTEGER NOT NULL REFERENCES competitors (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    model         TEXT    NOT NULL CHECK (model IN ('per_seat', 'flat', 'usage', 'tiered', 'contact_sales')),
    currency      TEXT    NOT NULL,
    period        TEXT    NOT NULL CHECK (period IN ('month', 'year')),
    unit          TEXT    NOT NULL DEFAULT '',
    min_seats     INTEGER NOT NULL DEFAULT 0,
    included      TEXT    NOT NULL DEFAULT '',
    source        TEXT    NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (competitor_id, name)
);

-- Price history: a change is a new row, never an update of an old one.
CREATE TABLE price_observations (
    id                      INTEGER PRIMARY KEY,
    plan_id                 INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    observed_at             TEXT    NOT NULL,
    amount                  INTEGER NOT NULL DEFAULT 0,
    included_units          INTEGER NOT NULL DEFAULT 0,
    overage_amount          INTEGER NOT NULL DEFAULT 0,
    tiers                   TEXT    NOT NULL DEFAULT '[]',
    annual_discount_percent INTEGER NOT NULL DEFAULT 0,
    source                  TEXT    NOT NULL DEFAULT '',
    note                    TEXT    NOT NULL DEFAULT '',
    UNIQUE (plan_id, observed_at)
);

CREATE TABLE reason_codes (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE deals (
    id        INTEGER PRIMARY KEY,
    ref       TEXT    NOT NULL UNIQUE,
    account   TEXT    NOT NULL DEFAULT '',
    closed_at TEXT    NOT NULL,
    outcome   TEXT    NOT NULL CHECK (outcome IN ('won', 'lost', 'no_decision')),
    amount    INTEGER NOT NULL DEFAULT 0,
    currency  TEXT    NOT NULL DEFAULT '',
    segment   TEXT    NOT NULL DEFAULT '',
    region    TEXT    NOT NULL DEFAULT '',
    stage     TEXT    NOT NULL DEFAULT '',
    quote     TEXT    NOT NULL DEFAULT '',
    notes     TEXT    NOT NULL DEFAULT '',
    source    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX deals_closed_at ON deals (closed_at);

-- Competitors faced in a deal; position 0 is the primary competitor.
CREATE TABLE deal_competitors (
    deal_id       INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    competitor_id INTEGER NOT NULL REFERENCES competitors (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (deal_id, competitor_id)
) WITHOUT ROWID;
CREATE INDEX deal_competitors_competitor ON deal_competitors (competitor_id);

CREATE TABLE deal_reasons (
    deal_id    INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    reason_id  INTEGER NOT NULL REFERENCES reason_codes (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    PRIMARY KEY (deal_id, reason_id)
) WITHOUT ROWID;
CREATE INDEX deal_reasons_reason ON deal_reasons (reason_id);

CREATE TABLE cards (
    competitor_id      INTEGER PRIMARY KEY REFERENCES competitors (id) ON DELETE CASCADE,
    owner              TEXT NOT NULL DEFAULT '',
    last_reviewed      TEXT NOT NULL DEFAULT '',
    overview           TEXT NOT NULL DEFAULT '',
    pricing_talk_track TEXT NOT NULL DEFAULT ''
);

-- Bullet-list sections of a card, one row per bullet; objections carry their response.
CREATE TABLE card_items (
    id            INTEGER PRIMARY KEY,
    competitor_id INTEGER NOT NULL REFERENCES cards (competitor_id) ON DELETE CASCADE,
    section       TEXT    NOT NULL CHECK (section IN ('why_we_win', 'why_they_win', 'objections', 'landmines', 'quick_dismisses', 'proof_points')),
    position      INTEGER NOT NULL,
    text          TEXT    NOT NULL,
    response      TEXT    NOT NULL DEFAULT '',
    UNIQUE (competitor_id, section, position)
);

CREATE TABLE notes (
    id            INTEGER PRIMARY KEY,
    competitor_id INTEGER NOT NULL REFERENCES competitors (id) ON DELETE CASCADE,
    noted_at      TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    body          TEXT    NOT NULL DEFAULT '',
    source        TEXT    NOT NULL DEFAULT '',
    tags          TEXT    NOT NULL DEFAULT '[]',
    UNIQUE (competitor_id, noted_at, title)
);

-- Full-text indexes over the long free text, kept in sync by triggers. Each is an external
-- content table, so the text is stored once.
CREATE VIRTUAL TABLE features_fts USING fts5 (name, description, content = 'features', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER features_fts_ai AFTER INSERT ON features BEGIN
    INSERT INTO features_fts (rowid, name, description) VALUES (new.id, new.name, new.description);
END;
CREATE TRIGGER features_fts_ad AFTER DELETE ON features BEGIN
    INSERT INTO features_fts (features_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
END;
CREATE TRIGGER features_fts_au AFTER UPDATE OF name, description ON features BEGIN
    INSERT INTO features_fts (features_fts, rowid, name, description) VALUES ('delete', old.id, old.name, old.description);
    INSERT INTO features_fts (rowid, name, description) VALUES (new.id, new.name, new.description);
END;

CREATE VIRTUAL TABLE notes_fts USING fts5 (title, body, content = 'notes', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER notes_fts_ai AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER notes_fts_ad AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER notes_fts_au AFTER UPDATE OF title, body ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE VIRTUAL TABLE deals_fts USING fts5 (account, quote, notes, content = 'deals', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER deals_fts_ai AFTER INSERT ON deals BEGIN
    INSERT INTO deals_fts (rowid, account, quote, notes) VALUES (new.id, new.account, new.quote, new.notes);
END;
CREATE TRIGGER deals_fts_ad AFTER DELETE ON deals BEGIN
    INSERT INTO deals_fts (deals_fts, rowid, account, quote, notes) VALUES ('delete', old.id, old.account, old.quote, old.notes);
END;
CREATE TRIGGER deals_fts_au AFTER UPDATE OF account, quote, notes ON deals BEGIN
    INSERT INTO deals_fts (deals_fts, rowid, account, quote, notes) VALUES ('delete', old.id, old.account, old.quote, old.notes);
    INSERT INTO deals_fts (rowid, account, quote, notes) VALUES (new.id, new.account, new.quote, new.notes);
END;

CREATE VIRTUAL TABLE cards_fts USING fts5 (overview, pricing_talk_track, content = 'cards', content_rowid = 'competitor_id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER cards_fts_ai AFTER INSERT ON cards BEGIN
    INSERT INTO cards_fts (rowid, overview, pricing_talk_track) VALUES (new.competitor_id, new.overview, new.pricing_talk_track);
END;
CREATE TRIGGER cards_fts_ad AFTER DELETE ON cards BEGIN
    INSERT INTO cards_fts (cards_fts, rowid, overview, pricing_talk_track) VALUES ('delete', old.competitor_id, old.overview, old.pricing_talk_track);
END;
CREATE TRIGGER cards_fts_au AFTER UPDATE OF overview, pricing_talk_track ON cards BEGIN
    INSERT INTO cards_fts (cards_fts, rowid, overview, pricing_talk_track) VALUES ('delete', old.competitor_id, old.overview, old.pricing_talk_track);
    INSERT INTO cards_fts (rowid, overview, pricing_talk_track) VALUES (new.competitor_id, new.overview, new.pricing_talk_track);
END;

CREATE VIRTUAL TABLE card_items_fts USING fts5 (text, response, content = 'card_items', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER card_items_fts_ai AFTER INSERT ON card_items BEGIN
    INSERT INTO card_items_fts (rowid, text, response) VALUES (new.id, new.text, new.response);
END;
CREATE TRIGGER card_items_fts_ad AFTER DELETE ON card_items BEGIN
    INSERT INTO card_items_fts (card_items_fts, rowid, text, response) VALUES ('delete', old.id, old.text, old.response);
END;
CREATE TRIGGER card_items_fts_au AFTER UPDATE OF text, response ON card_items BEGIN
    INSERT INTO card_items_fts (card_items_fts, rowid, text, response) VALUES ('delete', old.id, old.text, old.response);
    INSERT INTO card_items_fts (rowid, text, response) VALUES (new.id, new.text, new.response);
END;

-- Change history: every write appends what it changed here, in the same transaction as the
-- change itself. A change set is one write (an edit, a command, an import run): when (RFC 3339,
-- UTC), who, from where ("tui", "deal add", "import deals.csv"), whether it was an import
-- (whose records are reverted one by one) and, for an undo, the set it reverted. Its changes are the records it created, updated or deleted: kind (competitor,
-- feature, cell, plan, price, reason, deal, card, note, fx), op (create, update, delete), the
-- record's natural key, the fields that changed and its values before and after in the catalog
-- format (old is NULL when created; new is NULL when deleted, and for rows an import created
-- in bulk).
CREATE TABLE IF NOT EXISTS change_sets (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    author  TEXT NOT NULL,
    source  TEXT NOT NULL,
    import  INTEGER NOT NULL DEFAULT 0,
    reverts INTEGER
);

CREATE TABLE IF NOT EXISTS changes (
    id         INTEGER PRIMARY KEY,
    set_id     INTEGER NOT NULL REFERENCES change_sets(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    op         TEXT NOT NULL,
    competitor TEXT NOT NULL DEFAULT '',
    key        TEXT NOT NULL,
    fields     TEXT NOT NULL DEFAULT '',
    old        TEXT,
    new        TEXT
);

-- No index on the record's key: what a change is checked against (the changes made after it)
-- is read by id range, and an index on keys would cost every large import.
CREATE INDEX IF NOT EXISTS changes_set ON changes(set_id);
CREATE INDEX IF NOT EXISTS change_sets_at ON change_sets(at);

-- The newest change each author has seen, for "N changes since you last looked".
CREATE TABLE IF NOT EXISTS change_readers (
    author       TEXT PRIMARY KEY,
    seen_through INTEGER NOT NULL
);

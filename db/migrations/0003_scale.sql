-- Indexes for large catalogs.
-- A competitor's notes, newest first, without reading every note.
CREATE INDEX IF NOT EXISTS notes_competitor ON notes (competitor_id, noted_at);
-- Matrix tallies per competitor and level (Store.Tallies) read this narrow index, not the cells.
CREATE INDEX IF NOT EXISTS support_tally ON support (competitor_id, level, verified_at);

-- Indexes for large catalogs.
-- A competitor's notes, newest first, without reading every note.
CREATE INDEX notes_competitor ON notes (competitor_id, noted_at);
-- Matrix tallies per competitor and level (Store.Tallies) read this narrow index, not the cells.
CREATE INDEX support_tally ON support (competitor_id, level, verified_at);

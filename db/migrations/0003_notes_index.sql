-- A competitor's notes, newest first, without reading every note.
CREATE INDEX notes_competitor ON notes (competitor_id, noted_at);

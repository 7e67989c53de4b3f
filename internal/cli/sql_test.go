package cli

import (
	"database/sql"
	"testing"
)

// mustSQL runs statements directly on a database file, bypassing the store, to set up states
// that only another program (or a newer rivals) would create.
func mustSQL(t *testing.T, path, stmt string) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}

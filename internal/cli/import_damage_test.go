package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// An import that meets a damaged table says the database is damaged, in the product's words,
// rather than blaming the record it was writing.
func TestImportIntoADamagedTableBlamesTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.db")
	copyFile(t, checkpointedDemo(t, dir), path)
	garbage(t, path, 0, "notes")
	note := writeFile(t, dir, "note.json", `{"version": 1, "notes": [{"competitor": "harborline", "date": "2026-11-20", "title": "A new note"}]}`)
	for _, args := range [][]string{{"import", note, "--db", path}, {"import", note, "--dry-run", "--db", path}} {
		r := runCLI(t, dir, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "is damaged") || strings.Contains(r.stderr, "notes[0]") || strings.Contains(r.stderr, "malformed") {
			t.Errorf("%v: exit %d %q", args[1:], r.code, r.stderr)
		}
	}
}

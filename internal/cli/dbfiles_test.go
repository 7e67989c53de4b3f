package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// emptyFile creates a zero-byte file at path, dated in the past so that a write shows in its
// modification time.
func emptyFile(t *testing.T, path string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, past, past); err != nil {
		t.Fatal(err)
	}
	return path
}

// A stray empty file is not a database: every read command and check refuse it with one line
// saying so and leave it as it is (no size, no new modification time, nothing beside it).
func TestEmptyFileIsRefusedByReads(t *testing.T) {
	dir := t.TempDir()
	one := writeFile(t, dir, "one.json", `{"version": 1, "competitors": [{"slug": "newco", "name": "New Co"}]}`)
	path := emptyFile(t, filepath.Join(dir, "db", "e.db"))
	reads := [][]string{
		{"list"}, {"show", "x"}, {"compare", "a", "b"}, {"price", "a"}, {"winloss"}, {"reasons"},
		{"card", "x"}, {"prep", "x"}, {"export", "catalog"}, {"backup", filepath.Join(dir, "b.db")},
		{"fx", "list"}, {"import", one, "--dry-run"}, {"price", "history", "x"},
		{"deal", "delete", "X-1"}, {"reasons", "rename", "price", "Cost"},
	}
	checkRefused(t, dir, path, "is not a rivals database (empty file): run rivals init", reads)
	if _, err := os.Stat(filepath.Join(dir, "b.db")); err == nil {
		t.Error("backup of an empty file wrote a copy")
	}
}

// Only commands that may create a database turn an empty file into one, and each says so on
// stderr first.
func TestEmptyFileIsInitialisedOnlyByCreatingCommands(t *testing.T) {
	dir := t.TempDir()
	one := writeFile(t, dir, "one.json", `{"version": 1, "competitors": [{"slug": "newco", "name": "New Co"}]}`)
	creates := [][]string{
		{"init"},
		{"import", one},
		{"deal", "add", "--outcome", "lost", "--competitor", "newco-absent"},
		{"fx", "set", "EUR", "1.08"},
		{""}, // the TUI's first run
	}
	for i, args := range creates {
		path := emptyFile(t, filepath.Join(dir, strings.Repeat("d", i+1), "e.db"))
		if args[0] == "" {
			args = nil
		}
		r := runCLI(t, dir, append(args, "--db", path)...)
		what := strings.Join(args, " ")
		want := "rivals: " + path + " is an empty file; making it a new rivals database\n"
		if !strings.HasPrefix(r.stderr, want) {
			t.Errorf("%s: stderr %q does not start with %q", what, r.stderr, want)
		}
		if v := rawValue(t, path, "PRAGMA user_version"); v == "0" {
			t.Errorf("%s: the empty file was not made a database", what)
		}
	}
}

// dryRunOK checks that a dry run of file against the database at path reports and exits 0,
// leaving the file and its directory as they were.
func dryRunOK(t *testing.T, dir, path, file, what string) {
	t.Helper()
	before := stateOf(t, path)
	r := runCLI(t, dir, "import", file, "--dry-run", "--db", path)
	if r.code != 0 || !strings.Contains(r.stdout, "nothing was written") || !strings.Contains(r.stdout, "competitors        1") {
		t.Errorf("dry run %s: exit %d, stdout %q, stderr %q", what, r.code, r.stdout, r.stderr)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("dry run %s changed the file or its directory:\nbefore %+v\nafter  %+v", what, before, after)
	}
}

// A dry run only reads: it works on a read-only file or directory, and on a file of an older
// schema without upgrading it (and without the copy an upgrade writes first).
func TestDryRunOpensReadOnly(t *testing.T) {
	dir := t.TempDir()
	demo := checkpointedDemo(t, dir)
	one := writeFile(t, dir, "one.json", `{"version": 1, "competitors": [{"slug": "newco", "name": "New Co"}]}`)
	dryRunOK(t, dir, copyFile(t, demo, filepath.Join(dir, "rw", "rw.db")), one, "on a writable file")
	older := copyFile(t, demo, filepath.Join(dir, "older", "old.db"))
	mustSQL(t, older, "ALTER TABLE deals DROP COLUMN deal_type; PRAGMA user_version = 3")
	dryRunOK(t, dir, older, one, "on a file of an older schema")
	if v := rawValue(t, older, "PRAGMA user_version"); v != "3" {
		t.Errorf("the dry run upgraded the file to schema %s", v)
	}
	if os.Geteuid() == 0 {
		t.Skip("running as root: permission bits do not stop root, so a read-only file or directory cannot be simulated")
	}
	file := copyFile(t, demo, filepath.Join(dir, "file", "ro.db"))
	os.Chmod(file, 0o400)
	dryRunOK(t, dir, file, one, "on a read-only file")
	inDir := copyFile(t, demo, filepath.Join(dir, "dir", "rw.db"))
	os.Chmod(filepath.Dir(inDir), 0o500)
	defer os.Chmod(filepath.Dir(inDir), 0o700)
	dryRunOK(t, dir, inDir, one, "in a read-only directory")
}

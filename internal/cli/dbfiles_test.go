package cli

import (
	"encoding/json"
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
	// The tallies of schema 6 that read deal_type go first: SQLite drops no column a trigger uses.
	mustSQL(t, older, "DROP TRIGGER deal_cube_ai; DROP TRIGGER deal_cube_ad; DROP TRIGGER deal_cube_au; DROP TABLE deal_cube;"+
		"ALTER TABLE deals DROP COLUMN deal_type; PRAGMA user_version = 3")
	dryRunOK(t, dir, older, one, "on a file of an older schema")
	if v := rawValue(t, older, "PRAGMA user_version"); v != "3" {
		t.Errorf("the dry run upgraded the file to schema %s", v)
	}
	// A damaged file is reported by its own name, never the temporary copy's, and left as it is.
	damaged := copyFile(t, demo, filepath.Join(dir, "damaged", "bad.db"))
	garbage(t, damaged, 0, "competitors")
	checkRefused(t, dir, damaged, "the database "+damaged+" is damaged", [][]string{{"import", one, "--dry-run"}})
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

// rivals check tells apart a sound file, a damaged one (naming its tables, what that means and
// the copies beside it to restore), a file that is not a rivals database, an empty file and a
// database of a newer rivals; only a sound file exits 0, and --json says which in status.
func TestCheckStatuses(t *testing.T) {
	dir := t.TempDir()
	demo := checkpointedDemo(t, dir)
	tests := []struct {
		name   string
		make   func(path string)
		status string
		stdout []string // lines the text output holds
	}{
		{"sound", func(p string) { copyFile(t, demo, p) }, "ok", []string{"ok"}},
		{"damaged", func(p string) {
			copyFile(t, demo, p)
			copyFile(t, demo, p+".v3-backup-20261123T090000Z")
			garbage(t, p, 0, "competitors")
		}, "damaged", []string{"damaged tables: competitors", "what it means: reads of the damaged tables may fail",
			"restore: DIR/x.db.v3-backup-20261123T090000Z (copied before a schema upgrade"}},
		{"not a database", func(p string) { os.WriteFile(p, []byte("meeting notes\n"), 0o600) }, "not_rivals_database", nil},
		{"another program's", func(p string) { mustSQL(t, p, "CREATE TABLE songs (title TEXT)") }, "not_rivals_database", nil},
		{"empty", func(p string) { emptyFile(t, p) }, "empty_file", nil},
		{"newer", func(p string) { copyFile(t, demo, p); mustSQL(t, p, "PRAGMA user_version = 99") }, "newer_schema", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			os.MkdirAll(sub, 0o700)
			path := filepath.Join(sub, "x.db")
			tt.make(path)
			before := stateOf(t, path)
			r := runCLI(t, dir, "check", "--db", path)
			if (r.code == 0) != (tt.status == "ok") {
				t.Errorf("exit %d for a %s file", r.code, tt.name)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(r.stdout, strings.ReplaceAll(want, "DIR", sub)) {
					t.Errorf("stdout %q lacks %q", r.stdout, want)
				}
			}
			r = runCLI(t, dir, "check", "--json", "--db", path)
			var res struct {
				Path    string   `json:"path"`
				Status  string   `json:"status"`
				OK      bool     `json:"ok"`
				Message string   `json:"message"`
				Tables  []string `json:"damaged_tables"`
				Backups []string `json:"backups"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
				t.Fatalf("check --json: %v in %q (stderr %q)", err, r.stdout, r.stderr)
			}
			if res.Status != tt.status || res.OK != (tt.status == "ok") || res.Path != path || (r.code == 0) != res.OK {
				t.Errorf("check --json: exit %d, %+v; want status %s", r.code, res, tt.status)
			}
			if tt.status != "ok" && res.Message == "" {
				t.Error("no message")
			}
			if tt.status == "damaged" {
				// The one thing check leaves: the marker that refuses writes (see
				// TestWritesRefusedOnDamagedDatabase), beside the file, not in it.
				if err := os.Remove(path + ".damaged"); err != nil {
					t.Errorf("no damage marker beside the damaged file: %v", err)
				}
			}
			if after := stateOf(t, path); after != before {
				t.Errorf("check changed the %s file", tt.name)
			}
		})
	}
}

// A current file whose schema version was set back by one (an upgrade half applied) is
// upgraded again by the next command, which says so; commands after it find it current, and
// one copy of the file is left beside it.
func TestHalfAppliedUpgradeFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	path := copyFile(t, checkpointedDemo(t, dir), filepath.Join(dir, "half", "x.db"))
	mustSQL(t, path, "PRAGMA user_version = 3")
	for run := 1; run <= 2; run++ {
		r := runCLI(t, dir, "list", "--db", path)
		if r.code != 0 || !strings.Contains(r.stdout, "harborline") {
			t.Fatalf("run %d: exit %d, %q", run, r.code, r.stderr)
		}
		upgraded := strings.Contains(r.stderr, "rivals: upgraded "+path+" from schema version 3 to ")
		if upgraded != (run == 1) {
			t.Errorf("run %d: stderr %q", run, r.stderr)
		}
	}
	copies, _ := filepath.Glob(path + ".v3-backup-*")
	if len(copies) != 1 {
		t.Errorf("%d copies beside the file, want 1: %v", len(copies), copies)
	}
}

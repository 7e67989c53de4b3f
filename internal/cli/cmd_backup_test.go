package cli

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/db"
)

// rawValue returns the first column of the first row of query on the file at path, read
// outside rivals.
func rawValue(t *testing.T, path, query string) string {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var v string
	if err := raw.QueryRow(query).Scan(&v); err != nil {
		t.Fatalf("%s on %s: %v", query, path, err)
	}
	return v
}

// oneLine checks that a failure printed exactly one line on stderr and exited 1, and that the
// line contains want.
func oneLine(t *testing.T, what string, r result, want string) {
	t.Helper()
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("%s: exit %d, stderr %q; want 1 and one line containing %q", what, r.code, r.stderr, want)
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	copyPath := filepath.Join(dir, "copy.db")
	writeFile(t, dir, ".copy.db.tmp-123", "what a killed backup left")
	r := runCLI(t, dir, "backup", copyPath, "--db", dbPath)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "backed up "+dbPath+" to "+copyPath+" (") || r.stderr != "" {
		t.Fatalf("backup: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if fi, err := os.Stat(copyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("copy: %v %v", fi, err)
	}
	want := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout
	if got := runCLI(t, dir, "export", "catalog", "--db", copyPath).stdout; got != want {
		t.Error("the copy's catalog differs from the database's")
	}
	before, _ := os.ReadFile(copyPath)
	oneLine(t, "backup over a file", runCLI(t, dir, "backup", copyPath, "--db", dbPath),
		"rivals backup: "+copyPath+" already exists (use --force to replace it)")
	if after, _ := os.ReadFile(copyPath); string(after) != string(before) {
		t.Error("the refused backup changed the file")
	}
	if r := runCLI(t, dir, "backup", copyPath, "--force", "--db", dbPath); r.code != 0 {
		t.Errorf("backup --force: %d %q", r.code, r.stderr)
	}
	oneLine(t, "backup over the database", runCLI(t, dir, "backup", dbPath, "--force", "--db", dbPath),
		"is the database itself")
	oneLine(t, "backup into a missing directory", runCLI(t, dir, "backup", filepath.Join(dir, "nope", "x.db"), "--db", dbPath),
		"cannot write "+filepath.Join(dir, "nope", "x.db")+": no such file or directory")
	if r := runCLI(t, dir, "backup", "--db", dbPath); r.code != 2 {
		t.Errorf("backup without FILE: exit %d", r.code)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("backups left %s behind", e.Name())
		}
	}
}

func TestCheckCommand(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	if r := runCLI(t, dir, "check", "--db", dbPath); r.code != 0 || r.stdout != "ok\n" || r.stderr != "" {
		t.Errorf("check: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r := runCLI(t, dir, "check", "--json", "--db", dbPath)
	var rep struct {
		Path        string            `json:"path"`
		OK          bool              `json:"ok"`
		Integrity   []string          `json:"integrity"`
		ForeignKeys []json.RawMessage `json:"foreign_keys"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 0 || !rep.OK || rep.Path != dbPath ||
		rep.Integrity == nil || rep.ForeignKeys == nil {
		t.Errorf("check --json: %d %q (%v)", r.code, r.stdout, err)
	}

	// Another program, without foreign keys on, deletes a competitor that notes are about.
	mustSQL(t, dbPath, `DELETE FROM competitors WHERE slug = 'quillon'`)
	r = runCLI(t, dir, "check", "--db", dbPath)
	oneLine(t, "check with broken references", r, "rivals check: "+dbPath+" failed the check: ")
	if !strings.HasPrefix(r.stdout, "foreign key: ") || !strings.Contains(r.stdout, " refers to a missing competitors row\n") {
		t.Errorf("check listed %q", r.stdout)
	}
	r = runCLI(t, dir, "check", "--json", "--db", dbPath)
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 1 || rep.OK || len(rep.ForeignKeys) == 0 {
		t.Errorf("check --json with broken references: %d %q (%v)", r.code, r.stdout, err)
	}
}

// writeVersion1 writes, at path, a database of the first schema holding one competitor, as
// the first rivals left it.
func writeVersion1(t *testing.T, path string) {
	t.Helper()
	v1, err := os.ReadFile(filepath.Join(repoRoot, "db", "migrations", "0001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	mustSQL(t, path, "PRAGMA journal_mode=WAL;\n"+string(v1)+`;
		PRAGMA user_version = 1;
		INSERT INTO competitors (slug, name, created_at, updated_at) VALUES ('acme', 'Acme', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
	os.Chmod(path, 0o600)
}

// The first command to open a database of an older schema copies it aside, says where, and
// upgrades it; the next one says nothing. A new database gets no copy.
func TestUpgradeBacksUpFirstAndSaysSo(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "rivals.db")
	writeVersion1(t, dbPath)
	backup := dbPath + ".v1-backup-20261123T090000Z"
	r := runCLI(t, dir, "list", "--db", dbPath)
	want := "rivals: upgraded " + dbPath + " from schema version 1 to " + strconv.Itoa(db.SchemaVersion()) +
		"; the previous file is saved as " + backup + "\n"
	if r.code != 0 || r.stderr != want || !strings.Contains(r.stdout, "acme") {
		t.Fatalf("first list: %d %q %q; want stderr %q", r.code, r.stdout, r.stderr, want)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup: %v %v", fi, err)
	}
	if v := rawValue(t, backup, "PRAGMA user_version"); v != "1" {
		t.Errorf("the backup has schema version %s", v)
	}
	if r := runCLI(t, dir, "check", "--db", backup); r.code != 0 {
		t.Errorf("check of the backup: %d %q", r.code, r.stderr)
	}
	if v := rawValue(t, backup, "PRAGMA user_version"); v != "1" {
		t.Error("checking the backup upgraded it")
	}
	if r := runCLI(t, dir, "list", "--db", dbPath); r.code != 0 || r.stderr != "" {
		t.Errorf("second list: %d %q", r.code, r.stderr)
	}

	fresh := filepath.Join(dir, "new", "rivals.db")
	if r := runCLI(t, dir, "init", "--db", fresh); r.code != 0 || r.stderr != "" {
		t.Errorf("init: %d %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(filepath.Dir(fresh)); len(entries) != 1 {
		t.Errorf("a new database has %d files beside it, want 1", len(entries))
	}
}

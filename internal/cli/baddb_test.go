package cli

import (
	"crypto/sha256"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
)

// fileState is what a refused command must not change: the file's bytes, size, mode and
// modification time, and the names in its directory (no -wal or -shm left behind).
type fileState struct {
	sum   [32]byte
	size  int64
	mode  os.FileMode
	mtime time.Time
	names string
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return fileState{sha256.Sum256(data), fi.Size(), fi.Mode(), fi.ModTime(), strings.Join(names, " ")}
}

// copyFile copies the file at from to a new file at to, 0600.
func copyFile(t *testing.T, from, to string) string {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return to
}

// garbage overwrites the database at path with garbage from page first (1-based) on, or only
// the pages of table when it is not "", leaving the header intact.
func garbage(t *testing.T, path string, first int64, table string) {
	t.Helper()
	const pageSize = 4096
	var pages []int64
	if table != "" {
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := raw.Query("SELECT pageno FROM dbstat WHERE name = ?", table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var p int64
			rows.Scan(&p)
			pages = append(pages, p)
		}
		rows.Close()
		raw.Close()
	} else {
		fi, _ := os.Stat(path)
		for p := first; p <= fi.Size()/pageSize; p++ {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		t.Fatal("no pages to damage")
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	junk := []byte(strings.Repeat("\x5a\xa5\x0f\xf0", pageSize/4))
	for _, p := range pages {
		if _, err := f.WriteAt(junk, (p-1)*pageSize); err != nil {
			t.Fatal(err)
		}
	}
}

// checkpointedDemo is a checkpointed copy of the demo database: everything in the main file.
func checkpointedDemo(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "demo.db")
	if r := runCLI(t, dir, "init", "--demo", "--db", path); r.code != 0 {
		t.Fatal(r.stderr)
	}
	return path
}

// checkRefused runs each command line on the database at path and checks that each fails
// with one line naming the file and containing want, without SQLite's jargon, and that the
// file and its directory are as they were.
func checkRefused(t *testing.T, dir, path, want string, lines [][]string) {
	t.Helper()
	before := stateOf(t, path)
	for _, args := range lines {
		r := runCLI(t, dir, append(args, "--db", path)...)
		what := strings.Join(args, " ")
		oneLine(t, what, r, want)
		if !strings.Contains(r.stderr, path) {
			t.Errorf("%s: %q does not name %s", what, r.stderr, path)
		}
		for _, jargon := range []string{"SQLITE", "locked", "malformed", "(11)", "(26)"} {
			if strings.Contains(r.stderr, jargon) {
				t.Errorf("%s: %q shows the driver's %q", what, r.stderr, jargon)
			}
		}
		if after := stateOf(t, path); after != before {
			t.Errorf("%s changed the file or its directory:\nbefore %+v\nafter  %+v", what, before, after)
		}
	}
}

// A damaged file, a file that is not a database, a database of a newer rivals and another
// program's database are each refused by reads and writes alike with one line, and left
// exactly as they were.
func TestBadDatabasesAreRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	demo := checkpointedDemo(t, dir)
	one := writeFile(t, dir, "one.json", `{"version": 1, "competitors": [{"slug": "newco", "name": "New Co"}]}`)
	commands := [][]string{
		{"list"},
		{"export", "catalog"},
		{"import", one},
		{"deal", "add", "--outcome", "lost", "--competitor", "harborline"},
		{"fx", "set", "EUR", "1.08"},
	}
	tests := []struct {
		name string
		make func(path string)
		want string
	}{
		{"garbage after the first page", func(p string) { copyFile(t, demo, p); garbage(t, p, 2, "") },
			"is damaged: restore it from a backup (rivals check lists what is wrong)"},
		// Damage is found where it is read, or by the check an import makes of the tables it
		// writes: every command here reads or writes the competitors. (A write that reads only
		// sound pages, such as fx set here, succeeds; rivals check reads them all.)
		{"a damaged table", func(p string) { copyFile(t, demo, p); garbage(t, p, 0, "competitors") },
			"is damaged: "},
		{"not a database", func(p string) {
			os.WriteFile(p, []byte(strings.Repeat("meeting notes, not a database\n", 200)), 0o600)
		}, "is not a rivals database"},
		{"from a newer rivals", func(p string) { copyFile(t, demo, p); mustSQL(t, p, "PRAGMA user_version = 99") },
			"database was created by a newer version of rivals (schema version 99"},
		{"another program's", func(p string) { mustSQL(t, p, "CREATE TABLE songs (title TEXT)") },
			"file is a SQLite database of another program"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strconv.Itoa(i), "bad.db")
			os.MkdirAll(filepath.Dir(path), 0o700)
			tt.make(path)
			lines := commands
			if tt.name == "a damaged table" {
				lines = commands[:4]
			}
			checkRefused(t, dir, path, tt.want, lines)
		})
	}
	// check says what is wrong with a damaged file, and changes nothing either but for the
	// marker it leaves beside it (which makes later writes refuse at once).
	path := copyFile(t, demo, filepath.Join(dir, "check", "bad.db"))
	garbage(t, path, 0, "competitors")
	before := stateOf(t, path)
	r := runCLI(t, dir, "check", "--db", path)
	if r.code != 1 || !strings.HasPrefix(r.stdout, "integrity: ") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("check of a damaged file: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if err := os.Remove(db.DamageMarker(path)); err != nil {
		t.Errorf("check left no marker: %v", err)
	}
	if stateOf(t, path) != before {
		t.Error("check changed the damaged file")
	}
	// Every page but the first damaged: the check's finding too, whether the file is too
	// damaged to open or the check stops at the first damaged page it reads (which happens
	// depends on where the schema's pages lie).
	path = copyFile(t, demo, filepath.Join(dir, "check2", "bad.db"))
	garbage(t, path, 2, "")
	r = runCLI(t, dir, "check", "--db", path)
	finding := strings.HasPrefix(r.stdout, "integrity: the file is too damaged to open\ndamaged tables: ") ||
		strings.HasPrefix(r.stdout, "integrity: the check stopped at a damaged page it could not read\ndamaged tables: ")
	if r.code != 1 || !finding || r.stderr != "rivals check: "+path+" failed the check: 1 problem; restore it from a backup\n" {
		t.Errorf("check of a file too damaged to open: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

// A file or directory this user may not write can still be read; every write is refused with
// one line, and nothing is created beside the file (SQLite's -wal and -shm files, which a
// read-only open could not remove, would later stop the owner writing).
func TestReadOnlyDatabases(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permission bits do not stop root, so a read-only file or directory cannot be simulated")
	}
	dir := t.TempDir()
	demo := checkpointedDemo(t, dir)
	one := writeFile(t, dir, "one.json", `{"version": 1, "competitors": [{"slug": "newco", "name": "New Co"}]}`)
	writes := [][]string{
		{"import", one},
		{"deal", "add", "--outcome", "lost", "--competitor", "harborline"},
		{"deal", "delete", "OPP-56131"},
		{"reasons", "rename", "price", "Cost"},
		{"fx", "set", "EUR", "1.08"},
	}
	const want = "the file or its directory is read-only"
	t.Run("read-only file", func(t *testing.T) {
		path := copyFile(t, demo, filepath.Join(dir, "file", "ro.db"))
		os.Chmod(path, 0o400)
		before := stateOf(t, path)
		if r := runCLI(t, dir, "list", "--db", path); r.code != 0 || !strings.Contains(r.stdout, "harborline") {
			t.Errorf("list of a read-only file: %d %q", r.code, r.stderr)
		}
		if stateOf(t, path) != before {
			t.Error("list changed the read-only file or its directory")
		}
		checkRefused(t, dir, path, want, writes)
	})
	t.Run("read-only directory", func(t *testing.T) {
		path := copyFile(t, demo, filepath.Join(dir, "dir", "rw.db"))
		os.Chmod(filepath.Dir(path), 0o500)
		defer os.Chmod(filepath.Dir(path), 0o700)
		before := stateOf(t, path)
		if r := runCLI(t, dir, "list", "--db", path); r.code != 0 || !strings.Contains(r.stdout, "harborline") {
			t.Errorf("list in a read-only directory: %d %q", r.code, r.stderr)
		}
		if stateOf(t, path) != before {
			t.Error("list changed the file in a read-only directory")
		}
		checkRefused(t, dir, path, want, writes)
		fresh := filepath.Join(filepath.Dir(path), "new.db")
		oneLine(t, "import into a new file in a read-only directory", runCLI(t, dir, "import", one, "--db", fresh),
			"cannot create "+fresh+": permission denied")
	})
}

// A write that runs out of room (here the file size limit, which fails writes with EFBIG as
// a full disk fails them with ENOSPC) fails with one line, and leaves the database whole and
// exactly as it was; a backup that runs out of room leaves no file at all.
func TestFullDiskChangesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes under a file size limit")
	}
	if !canLimitFileSize {
		t.Skip("no file size limit (RLIMIT_FSIZE) on this platform")
	}
	dir := t.TempDir()
	path := checkpointedDemo(t, dir)
	deals := writeFile(t, dir, "deals.csv", dealsCSV(5000, isoDay))
	before := stateOf(t, path)
	limit := []string{fsizeEnv + "=65536"}

	r := runChildCLI(t, limit, "import", deals, "--kind", "deals", "--db", path)
	oneLine(t, "import on a full disk", r, "rivals import: cannot write to "+path+": the write failed (disk full, file size limit or disk fault)")
	if after := stateOf(t, path); after != before {
		t.Errorf("the failed import changed the database:\nbefore %+v\nafter  %+v", before, after)
	}
	if v := rawValue(t, path, "PRAGMA integrity_check"); v != "ok" {
		t.Errorf("integrity_check = %q", v)
	}
	if r := runCLI(t, dir, "winloss", "--json", "--db", path); strings.Contains(r.stdout, "D-000001") {
		t.Error("part of the failed import was kept")
	}

	copyPath := filepath.Join(dir, "copy.db")
	r = runChildCLI(t, limit, "backup", copyPath, "--db", path)
	oneLine(t, "backup on a full disk", r, "rivals backup: cannot write to "+copyPath+": the write failed")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() == "copy.db" || strings.HasPrefix(e.Name(), ".copy.db") {
			t.Errorf("the failed backup left %s", e.Name())
		}
	}
	// Without the limit the same commands succeed.
	if r := runChildCLI(t, nil, "backup", copyPath, "--db", path); r.code != 0 {
		t.Errorf("backup without a limit: %d %q", r.code, r.stderr)
	}
	f, _ := os.Open(copyPath)
	defer f.Close()
	if n, _ := io.Copy(io.Discard, f); n == 0 {
		t.Error("empty backup")
	}
}

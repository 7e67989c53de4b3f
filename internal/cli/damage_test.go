package cli

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/db"
)

// flipPages flips 256 bytes in the middle of the first n leaf pages (in key order) of table
// in the closed, checkpointed database at path: damage away from the pages a new row goes to,
// which the engine meets only when it reads the damaged pages.
func flipPages(t *testing.T, path, table string, n int) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var pages []int64
	rows, err := raw.Query("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path LIMIT ?", table, n)
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
	if len(pages) < n {
		t.Fatalf("%s has %d leaf pages, want %d", table, len(pages), n)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const pageSize = 4096
	buf := make([]byte, 256)
	for _, p := range pages {
		off := (p-1)*pageSize + pageSize/2
		if _, err := f.ReadAt(buf, off); err != nil {
			t.Fatal(err)
		}
		for i := range buf {
			buf[i] ^= 0xff
		}
		if _, err := f.WriteAt(buf, off); err != nil {
			t.Fatal(err)
		}
	}
}

// A demo database with three damaged pages in its deals table: an import of deals is refused
// before any check has run; once rivals check has found the damage, every write is refused at
// once with one line, reads of sound pages go on, and a clean check of the restored file lets
// writes through again.
func TestWritesRefusedOnDamagedDatabase(t *testing.T) {
	dir := t.TempDir()
	demo := checkpointedDemo(t, dir)
	path := copyFile(t, demo, filepath.Join(dir, "damaged", "rivals.db"))
	flipPages(t, path, "deals", 3)
	deals := writeFile(t, dir, "deals.csv", "Ref,Close Date,Outcome,Competitor\nCORR-1,2026-11-20,lost,Harborline\n")
	one := writeFile(t, dir, "one.json", `{"version": 1, "competitors": [{"slug": "newco", "name": "New Co"}]}`)
	const refused = "rivals.db is damaged: run rivals check; restore from a backup"

	// An import checks the tables it writes first, without a check having run.
	checkRefused(t, dir, path, refused, [][]string{{"import", deals, "--kind", "deals"}})

	r := runCLI(t, dir, "check", "--db", path)
	if r.code != 1 || !strings.Contains(r.stdout, "integrity: ") {
		t.Fatalf("check of the damaged file: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(db.DamageMarker(path)); err != nil {
		t.Fatalf("check left no marker: %v", err)
	}
	checkRefused(t, dir, path, refused, [][]string{
		{"deal", "add", "--outcome", "lost", "--competitor", "harborline", "--ref", "CORR-1"},
		{"deal", "add", "--outcome", "won", "--competitor", "harborline", "--ref", "CORR-2", "--reason", "brand_new", "--new-reason"},
		{"deal", "delete", "OPP-56131"},
		{"fx", "set", "EUR", "1.08"},
		{"reasons", "rename", "price", "Cost"},
		{"reasons", "merge", "total_cost", "price"},
		{"import", one},
	})
	if r := runCLI(t, dir, "list", "--db", path); r.code != 0 || !strings.Contains(r.stdout, "harborline") {
		t.Errorf("list of the damaged file's sound pages: %d %q", r.code, r.stderr)
	}
	if r := runCLI(t, dir, "import", one, "--dry-run", "--db", path); r.code != 0 {
		t.Errorf("a dry run writes nothing and is not refused: %d %q", r.code, r.stderr)
	}

	// Restored from the backup and checked, the file takes writes again.
	copyFile(t, demo, path)
	if r := runCLI(t, dir, "deal", "add", "--outcome", "lost", "--competitor", "harborline", "--ref", "CORR-1", "--db", path); r.code != 1 {
		t.Errorf("a restored file was written before a check cleared it: %d %q", r.code, r.stderr)
	}
	if r := runCLI(t, dir, "check", "--db", path); r.code != 0 || r.stdout != "ok\n" {
		t.Fatalf("check of the restored file: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(db.DamageMarker(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a clean check left the marker: %v", err)
	}
	for _, args := range [][]string{
		{"deal", "add", "--outcome", "lost", "--competitor", "harborline", "--ref", "CORR-1"},
		{"winloss"},
		{"deal", "delete", "CORR-1"},
	} {
		if r := runCLI(t, dir, append(args, "--db", path)...); r.code != 0 {
			t.Errorf("%s after a clean check: %d %q", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}

// A command that writes refuses on the marker before it reads anything, so a check's finding
// reads the same even when the command's first read would meet the damage itself.
func TestWritesRefusedBeforeReadingDamage(t *testing.T) {
	dir := t.TempDir()
	path := copyFile(t, checkpointedDemo(t, dir), filepath.Join(dir, "damaged", "rivals.db"))
	flipPages(t, path, "competitors", 1)
	if r := runCLI(t, dir, "check", "--db", path); r.code != 1 {
		t.Fatalf("check of the damaged file: %d %q %q", r.code, r.stdout, r.stderr)
	}
	one := writeFile(t, dir, "one.json", `{"version": 1, "competitors": [{"slug": "newco", "name": "New Co"}]}`)
	checkRefused(t, dir, path, "rivals.db is damaged: run rivals check; restore from a backup", [][]string{
		{"deal", "add", "--outcome", "lost", "--competitor", "harborline", "--ref", "CORR-1"},
		{"deal", "delete", "OPP-56131"},
		{"reasons", "rename", "price", "Cost"},
		{"import", one},
	})
}

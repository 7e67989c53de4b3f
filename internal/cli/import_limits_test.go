package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// runLimited is runCLI with the import input limit lowered to limit bytes and stdin given.
func runLimited(t *testing.T, dir string, limit int64, stdin io.Reader, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"HOME": dir, "XDG_DATA_HOME": filepath.Join(dir, "data")}
	a := &app{demoCatalog: demoCatalog,
		stdin:    stdin,
		stdout:   &out,
		stderr:   &errOut,
		getenv:   func(k string) string { return env[k] },
		now:      func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) },
		runTUI:   tuiThatOpens,
		maxInput: limit,
	}
	code := a.run(context.Background(), args)
	return result{code, out.String(), errOut.String()}
}

// endless is an input that never ends: a CSV header, then rows for ever.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	const row = "Harborline,2026-01-01,a note\n"
	for i := range p {
		if e.n < len("Competitor,Date,Title\n") {
			p[i] = "Competitor,Date,Title\n"[e.n]
		} else {
			p[i] = row[(e.n-len("Competitor,Date,Title\n"))%len(row)]
		}
		e.n++
	}
	return len(p), nil
}

// checkImportRefused asserts a one-line error, exit 1 and no database created.
func checkImportRefused(t *testing.T, r result, dbPath, want string) {
	t.Helper()
	if r.code != 1 || r.stderr != want+"\n" {
		t.Errorf("exit %d, stderr %q; want 1, %q", r.code, r.stderr, want)
	}
	if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
		t.Errorf("the refused import created %s", dbPath)
	}
}

// TestImportRefusesHugeFilesBySize: a file over the limit (sparse: nothing is written) is
// refused by its size before any of it is read: 4 GB for a catalog JSON or CSV file imported
// on its own, which is read where it lies, a batch at a time; 256 MB beside other files.
func TestImportRefusesHugeFilesBySize(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	for name, c := range map[string]struct {
		size int64
		want string
	}{
		"big.csv":  {5 << 30, "is 5 GB; files over 4 GB are not read"},
		"big.json": {5 << 30, "is 5 GB; files over 4 GB are not read"},
	} {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(c.size); err != nil {
			t.Skipf("no sparse file of %d GB here: %v", c.size>>30, err)
		}
		f.Close()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r := runCLI(t, dir, "import", path, "--db", dbPath)
		runtime.ReadMemStats(&after)
		checkImportRefused(t, r, dbPath, "rivals import: "+path+": "+c.want+" (split it into smaller files)")
		if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
			t.Errorf("refusing %s allocated %d MB", name, n>>20)
		}
	}
	r := runCLI(t, dir, "import", dir, "--db", dbPath)
	checkImportRefused(t, r, dbPath, "rivals import: "+dir+": is a directory, not a file to import")

	// Under 4 GB, a CSV file imported on its own is read as its rows are: one of 1 GB of zero
	// bytes is refused by its start, before the database is opened; beside another file it
	// is read whole, so the 256 MB limit holds.
	zeros := filepath.Join(dir, "zeros.csv")
	if err := os.WriteFile(zeros, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(zeros, 1<<30); err != nil {
		t.Skipf("no sparse file here: %v", err)
	}
	r = runCLI(t, dir, "import", zeros, "--db", dbPath)
	checkImportRefused(t, r, dbPath, "rivals import: "+zeros+`: looks like UTF-16 text without a byte-order mark; save it as "CSV UTF-8" or as UTF-16 with a BOM`)
	r = runCLI(t, dir, "import", zeros, writeFile(t, dir, "deals.csv", "Ref,Close Date,Outcome,Competitor\n"), "--db", dbPath)
	checkImportRefused(t, r, dbPath, "rivals import: "+zeros+": is 1 GB; files over 256 MB are not read (split it into smaller files)")

	// Under 4 GB, a catalog JSON file is read a batch at a time: one of 1 GB of zero bytes is
	// refused at its first byte without being read whole.
	path := filepath.Join(dir, "zeros.json")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 1<<30); err != nil {
		t.Skipf("no sparse file here: %v", err)
	}
	// Beside another file it is read whole, so the 256 MB limit holds, and says what to do.
	other := writeFile(t, dir, "other.json", `{"version": 1}`)
	r = runCLI(t, dir, "import", path, other, "--db", dbPath)
	checkImportRefused(t, r, dbPath, "rivals import: "+path+": is 1 GB; beside other files, a catalog file over 256 MB is not read (import it on its own: it is then read a batch at a time)")
	// A dry run reads it a batch at a time too.
	for _, args := range [][]string{{"import", path}, {"import", "--dry-run", path}} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r = runCLI(t, dir, append(args, "--db", dbPath)...)
		runtime.ReadMemStats(&after)
		// Refused before the database is opened: none is created.
		checkImportRefused(t, r, dbPath, "rivals import: "+path+":1:1: invalid JSON: invalid character '\\x00' looking for beginning of value")
		if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
			t.Errorf("%v: refusing 1 GB of zero bytes allocated %d MB", args, n>>20)
		}
	}
	// So are files that are not JSON objects at all, with the message of a file read whole
	// (imported beside another one).
	for name, text := range map[string]string{
		"empty.json":  "",
		"spaces.json": "  \n\t ",
		"csv.json":    "\ufeffCompetitor,Date,Title\nHarborline,2026-01-01,a note\n",
		"array.json":  "\n\n  [{\"version\": 1}]",
	} {
		file := writeFile(t, dir, name, text)
		whole := runCLI(t, dir, "import", file, other, "--db", dbPath)
		if whole.code != 1 || whole.stderr == "" {
			t.Fatalf("%s beside another file: exit %d, %q", name, whole.code, whole.stderr)
		}
		os.Remove(dbPath)
		checkImportRefused(t, runCLI(t, dir, "import", file, "--db", dbPath), dbPath, strings.TrimSuffix(whole.stderr, "\n"))
	}
}

// TestImportStopsReadingEndlessInput: endless standard input and a device that never ends
// (/dev/zero) are read up to the limit and then refused, so memory stays bounded whatever the
// input. (A pipe named on the command line: TestImportStopsReadingEndlessFIFO.)
func TestImportStopsReadingEndlessInput(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	const limit = 1 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := runLimited(t, dir, limit, &endless{}, "import", "-", "--db", dbPath)
	runtime.ReadMemStats(&after)
	checkImportRefused(t, r, dbPath, "rivals import: stdin: is over 1 MB; files over 1 MB are not read (split it into smaller files)")
	if n := after.TotalAlloc - before.TotalAlloc; n > 16*limit {
		t.Errorf("reading stdin up to %d MB allocated %d MB", limit>>20, n>>20)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		r = runLimited(t, dir, limit, strings.NewReader(""), "import", "/dev/zero", "--db", dbPath)
		checkImportRefused(t, r, dbPath, "rivals import: /dev/zero: is over 1 MB; files over 1 MB are not read (split it into smaller files)")
	}
	// Within the limit, standard input imports as usual.
	small := "Competitor,Date,Title\nHarborline,2026-01-01,a note\n"
	r = runLimited(t, dir, limit, strings.NewReader(small), "import", "-", "--db", dbPath)
	if r.code != 0 {
		t.Errorf("a small stdin: exit %d, %s", r.code, r.stderr)
	}
}

// TestReadLimitedFileThatGrows: a file whose size was taken before it grew past the limit is
// still cut off at the limit.
func TestReadLimitedFileThatGrows(t *testing.T) {
	grown := io.MultiReader(strings.NewReader("Competitor,Date,Title\n"), &endless{})
	if _, err := readLimited("f.csv", grown, 22, 1<<20); err == nil || err.Error() != "f.csv: is over 1 MB; files over 1 MB are not read (split it into smaller files)" {
		t.Errorf("a file that grew: %v", err)
	}
	data, err := readLimited("f.csv", strings.NewReader("exactly"), 7, 7)
	if err != nil || string(data) != "exactly" {
		t.Errorf("a file at the limit: %q %v", data, err)
	}
}

package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// writeFile writes content to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// dealsCSV builds a long-format deals file of n rows; bad(i) may replace the date of row i
// (0-based, so row i is on line i+2).
func dealsCSV(n int, date func(i int) string) string {
	var b strings.Builder
	b.WriteString("Ref,Close Date,Outcome,Competitor,Amount,Currency,Reason\n")
	comps := []string{"Harborline", "Replyfox", "Quillon", "Ostra CX"}
	outcomes := []string{"won", "lost", "no decision"}
	for i := range n {
		fmt.Fprintf(&b, "D-%06d,%s,%s,%s,%d,USD,Price\n", i, date(i), outcomes[i%3], comps[i%len(comps)], 1000+i)
	}
	return b.String()
}

func isoDay(i int) string { return fmt.Sprintf("2025-%02d-%02d", i%12+1, i%28+1) }

func initDemo(t *testing.T, dir string) string {
	t.Helper()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "init", "--demo", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	return dbPath
}

// The same CSV files imported twice: the second run changes nothing.
func TestImportCSVTwiceChangesNothing(t *testing.T) {
	t.Chdir(repoRoot) // the fixtures are named as a user in a clone would name them
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "init", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	files := []string{"testdata/import/deals-crm-mdy.csv", "testdata/import/matrix-comparison.csv", "testdata/import/notes-multiline.csv", "--date-format", "MDY", "--db", dbPath}
	r := runCLI(t, dir, append([]string{"import"}, files...)...)
	if r.code != 0 {
		t.Fatalf("first import: %d %s", r.code, r.stderr)
	}
	for _, want := range []string{"testdata/import/matrix-comparison.csv: detected matrix (wide)\n", "testdata/import/deals-crm-mdy.csv: detected deals (CRM export)\n",
		`warning: testdata/import/matrix-comparison.csv:1:9 (Tidewell): new competitor "Tidewell" (tidewell) will be created`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("first import's stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "deals              4        0          0") {
		t.Errorf("first import:\n%s", r.stdout)
	}
	r = runCLI(t, dir, append([]string{"import"}, files...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "everything is already up to date") {
		t.Fatalf("second import: %d %s %s", r.code, r.stdout, r.stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[2:] {
		if f := strings.Fields(line); len(f) != 4 || f[1] != "0" || f[2] != "0" {
			t.Errorf("second import changed something: %q", line)
		}
	}
	// The matrix shows up in the comparison.
	r = runCLI(t, dir, "compare", "tidewell", "harborline-suite", "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, "SLA management") || !strings.Contains(r.stdout, "Tidewell vs Harborline Suite: wins 3, loses 2, ties 4") {
		t.Errorf("compare after import: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// One bad date deep in a large file is named by its line, and nothing is written.
func TestImportBadDateOnAFarLine(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	before := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout
	file := writeFile(t, dir, "deals.csv", dealsCSV(5000, func(i int) string {
		if i+2 == 4812 {
			return "2025-02-30"
		}
		return isoDay(i)
	}))
	r := runCLI(t, dir, "import", file, "--db", dbPath)
	want := file + ": detected deals (long format)\n" +
		"rivals import: " + file + `:4812:10 (Close Date): "2025-02-30" is not a date (February has 28 days)` + "\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("exit %d, stderr %q; want 1 and %q", r.code, r.stderr, want)
	}
	if after := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout; after != before {
		t.Error("a refused import changed the database")
	}
}

// Many errors: the first 20 are listed, then a count.
func TestImportListsTwentyErrors(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "deals.csv", dealsCSV(30, func(i int) string {
		if i < 25 {
			return "someday"
		}
		return isoDay(i)
	}))
	r := runCLI(t, dir, "import", file, "--kind", "deals", "--dry-run", "--demo")
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != 1 || len(lines) != 22 {
		t.Fatalf("exit %d, %d lines:\n%s", r.code, len(lines), r.stderr)
	}
	if lines[0] != file+`:2:10 (Close Date): "someday" is not a date; write YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY` ||
		lines[20] != "… and 5 more" || lines[21] != "rivals import: 25 errors; nothing was imported" {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// Several files are one import: a problem in any of them writes nothing from any.
func TestImportAllOrNothingAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	before := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout
	good := writeFile(t, dir, "good.csv", dealsCSV(3, isoDay))
	bad := writeFile(t, dir, "bad.csv", "Competitor,Date,Title\nHarborline,2026-01-01,\n")
	r := runCLI(t, dir, "import", good, bad, "--db", dbPath)
	if r.code != 1 || !strings.Contains(r.stderr, "bad.csv:2:23 (Title): is empty; a note needs a title") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if after := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout; after != before {
		t.Error("a refused import changed the database")
	}
	// Two files giving the same deal differently clash, each named.
	other := writeFile(t, dir, "other.csv", strings.Replace(dealsCSV(1, isoDay), ",won,", ",lost,", 1))
	r = runCLI(t, dir, "import", good, other, "--kind", "deals", "--db", dbPath)
	want := "rivals import: " + other + `:2:1: deals "D-000000" is also given, differently, at ` + good + ":2:1\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("clash: exit %d, stderr %q; want %q", r.code, r.stderr, want)
	}
}

// JSON catalogs and CSV files go in one run: prices find the plans of the JSON file.
func TestImportJSONWithCSV(t *testing.T) {
	t.Chdir(repoRoot) // the fixtures are named as a user in a clone would name them
	dir := t.TempDir()
	prices := writeFile(t, dir, "prices.csv", "Competitor,Plan,Date,Price\nHarborline,Suite Growth,2026-11-20,$61.00\n")
	r := runCLI(t, dir, "import", prices, "testdata/demo/catalog.json", "--dry-run", "--db", filepath.Join(dir, "x.db"))
	if r.code != 0 || !strings.Contains(r.stdout, "plans             41        0          0") || r.stderr != prices+": detected prices\n" {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// --dry-run reports per kind; --on-conflict decides what happens to stored records that differ.
func TestImportOnConflict(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	first := writeFile(t, dir, "deals.csv", dealsCSV(3, isoDay))
	r := runCLI(t, dir, "import", first, "--dry-run", "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, "nothing was written") || !strings.Contains(r.stdout, "deals              3        0          0") {
		t.Fatalf("dry run: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r = runCLI(t, dir, "import", first, "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	changed := writeFile(t, dir, "changed.csv", strings.Replace(dealsCSV(3, isoDay), ",1001,", ",9999,", 1))
	r = runCLI(t, dir, "import", changed, "--on-conflict", "skip", "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, "skipped") || !strings.Contains(r.stdout, "deals              0        0          2        1") {
		t.Errorf("skip: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, dir, "import", changed, "--on-conflict", "fail", "--db", dbPath)
	if r.code != 1 || !strings.Contains(r.stderr, "rivals import: "+changed+":3:1: already stored: it differs from the stored one") {
		t.Errorf("fail: %d %q", r.code, r.stderr)
	}
	matrix := writeFile(t, dir, "m.csv", "Feature,Tidewell,Zendoodle\nSSO,yes,no\n")
	r = runCLI(t, dir, "import", matrix, "--on-conflict", "fail", "--db", dbPath)
	if r.code != 1 || !strings.Contains(r.stderr, `m.csv:1:18 (Zendoodle): unknown competitor "Zendoodle"`) {
		t.Errorf("fail with a new product: %d %q", r.code, r.stderr)
	}
	r = runCLI(t, dir, "import", changed, "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, "deals              0        1          2") {
		t.Errorf("update: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestImportFlags(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"import", "x.csv", "--kind", "widgets"}, `unknown --kind "widgets" (want competitors, features, matrix, plans, prices, deals, notes)`},
		{[]string{"import", "x.csv", "--on-conflict", "merge"}, `unknown --on-conflict "merge" (want update, skip or fail)`},
		{[]string{"import", "x.csv", "--date-format", "YMD"}, `unknown --date-format "YMD" (want MDY or DMY)`},
		{[]string{"import", "x.csv", "--currency", "DOLLARS"}, `--currency "DOLLARS" is not an ISO 4217 code`},
	}
	for _, tt := range tests {
		r := runCLI(t, dir, tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("rivals %s: %d %q; want 2 and %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.want)
		}
	}
	// --kind overrides detection; --currency prices amounts that name none.
	file := writeFile(t, dir, "x.csv", "Competitor,Close Date,Outcome,Amount\nHarborline,2026-01-05,lost,1200\n")
	r := runCLI(t, dir, "import", file, "--kind", "deals", "--currency", "eur", "--dry-run", "--demo")
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "deals              1") {
		t.Errorf("--kind deals --currency eur: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

// A large import in a test (stderr is not a terminal) shows no progress bar.
func TestImportNoProgressOutsideTerminals(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "deals.csv", dealsCSV(12_000, isoDay))
	r := runCLI(t, dir, "import", file, "--db", filepath.Join(dir, "x.db"), "--kind", "deals")
	if r.code != 0 || strings.ContainsAny(r.stderr, "\r\x1b") || strings.Contains(r.stderr, "rows") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// A catalog JSON file is held to the same rule as the app and CSV files: nothing that
// already happened is dated after today.
func TestImportJSONRefusesFutureDates(t *testing.T) {
	dir := t.TempDir()
	doc := `{"version": 1, "competitors": [{"slug": "zephyr", "name": "Zephyr", "founded": 2027}],
"deals": [{"ref": "F-1", "closed_at": "2026-11-24", "outcome": "won", "competitors": ["zephyr"]}]}`
	file := writeFile(t, dir, "future.json", doc)
	r := runCLI(t, dir, "import", file, "--db", filepath.Join(dir, "x.db"))
	today := model.MustParseDate("2026-11-23")
	for _, err := range []error{model.CheckFoundedYear(2027, today), model.CheckNotFuture("closed_at", model.MustParseDate("2026-11-24"), today)} {
		var fe *model.FieldError
		if !errors.As(err, &fe) || !strings.Contains(r.stderr, fe.Msg) {
			t.Errorf("stderr lacks %v:\n%s", err, r.stderr)
		}
	}
	if r.code == 0 {
		t.Errorf("exit 0:\n%s", r.stdout)
	}
}

// An import refused for an error in one file does not announce the records it would have
// created from another; the other warnings still show.
func TestRefusedImportAnnouncesNoNewRecords(t *testing.T) {
	t.Chdir(repoRoot)
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "init", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	bad := writeFile(t, dir, "notes.csv", "competitor,date,title\nTidewell,not a date,Launch\n")
	r := runCLI(t, dir, "import", "testdata/import/matrix-comparison.csv", bad, "--db", dbPath)
	if r.code != 1 || !strings.Contains(r.stderr, "notes.csv:2:") {
		t.Fatalf("exit %d, want the bad date refused:\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "will be created") {
		t.Errorf("the refused import announces records it creates:\n%s", r.stderr)
	}
	r = runCLI(t, dir, "import", "testdata/import/matrix-comparison.csv", "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stderr, `new competitor "Tidewell" (tidewell) will be created`) {
		t.Errorf("the import alone: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/model"
)

// streamedRows is a deals table of a few batches, so that it is stored while it is read.
const streamedRows = 3*importer.BatchRows + 100

// streamedDeals is dealsCSV of streamedRows, where the row of deal late (0-based) names a
// competitor and a reason code the catalog lacks, and the last row another new competitor.
func streamedDeals(late int) string {
	lines := strings.Split(strings.TrimSuffix(dealsCSV(streamedRows, isoDay), "\n"), "\n")
	lines[late+1] = fmt.Sprintf("D-%06d,2025-03-04,lost,Zephyrdesk,5000,USD,Onboarding speed", late)
	lines[len(lines)-1] = fmt.Sprintf("D-%06d,2025-03-05,won,Lanternly,6000,USD,Price", streamedRows-1)
	return strings.Join(lines, "\n") + "\n"
}

// storedTable opens the database at path and returns its deals, competitors and reason codes.
func storedTable(t *testing.T, path string) ([]model.Deal, []model.Competitor, []model.ReasonCode) {
	t.Helper()
	ctx := context.Background()
	s, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	deals, err := snap.Deals(ctx, db.DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	comps, err := snap.Competitors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reasons, err := snap.ReasonCodes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return deals, comps, reasons
}

func hasCompetitor(comps []model.Competitor, slug string) bool {
	for _, c := range comps {
		if c.Slug == slug {
			return true
		}
	}
	return false
}

// A deals table of several batches, as CSV and as a workbook, imports in full: the competitor
// and reason code first named in a later batch are created and linked, and the counts are
// the table's.
func TestImportDealsTableStoredWhileRead(t *testing.T) {
	text := streamedDeals(2*importer.BatchRows + 7)
	for _, name := range []string{"deals.csv", "deals.xlsx"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			dbPath := initDemo(t, dir)
			before, _, _ := storedTable(t, dbPath)
			data := []byte(text)
			if strings.HasSuffix(name, ".xlsx") {
				data = workbookOf(t, data)
			}
			file := filepath.Join(dir, name)
			if err := os.WriteFile(file, data, 0o600); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, dir, "import", file, "--db", dbPath)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, fmt.Sprintf("deals          %5d", streamedRows)) || !strings.Contains(r.stdout, "competitors        2") {
				t.Errorf("report:\n%s", r.stdout)
			}
			for _, w := range []string{`new competitor "Zephyrdesk"`, `new competitor "Lanternly"`, `new reason code "Onboarding speed"`} {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("no warning %q in:\n%s", w, r.stderr)
				}
			}
			deals, comps, reasons := storedTable(t, dbPath)
			if len(deals) != len(before)+streamedRows {
				t.Errorf("%d deals stored, want %d", len(deals), len(before)+streamedRows)
			}
			if !hasCompetitor(comps, "zephyrdesk") || !hasCompetitor(comps, "lanternly") {
				t.Errorf("the new competitors were not created")
			}
			var late model.Deal
			for _, d := range deals {
				if d.Ref == fmt.Sprintf("D-%06d", 2*importer.BatchRows+7) {
					late = d
				}
			}
			code := model.ReasonCodeOf("Onboarding speed")
			if len(late.Competitors) != 1 || late.Competitors[0] != "zephyrdesk" || late.PrimaryReason != code {
				t.Errorf("the late deal is %+v", late)
			}
			found := false
			for _, rc := range reasons {
				found = found || rc.Code == code
			}
			if !found {
				t.Errorf("reason code %q not created", code)
			}
		})
	}
}

// An error in the last batch of a table stops the import after earlier batches were stored:
// nothing is written, not even the competitor an earlier batch created, and the error names
// its line.
func TestImportDealsTableErrorLateWritesNothing(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	before, _, _ := storedTable(t, dbPath)
	lines := strings.Split(streamedDeals(10), "\n")
	bad := 3*importer.BatchRows + 50
	lines[bad] = strings.Replace(lines[bad], ",won,", ",maybe,", 1)
	lines[bad] = strings.Replace(lines[bad], ",lost,", ",maybe,", 1)
	lines[bad] = strings.Replace(lines[bad], ",no decision,", ",maybe,", 1)
	file := writeFile(t, dir, "deals.csv", strings.Join(lines, "\n"))
	r := runCLI(t, dir, "import", file, "--db", dbPath)
	want := fmt.Sprintf("%s:%d:", file, bad+1)
	if r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, `"maybe" is not an outcome`) {
		t.Fatalf("exit %d, want an error at %s:\n%s", r.code, want, r.stderr)
	}
	if strings.Contains(r.stderr, "will be created") {
		t.Errorf("a refused import announces records it creates:\n%s", r.stderr)
	}
	deals, comps, _ := storedTable(t, dbPath)
	if len(deals) != len(before) || hasCompetitor(comps, "zephyrdesk") {
		t.Errorf("%d deals (want %d), zephyrdesk created: %v", len(deals), len(before), hasCompetitor(comps, "zephyrdesk"))
	}
	// A dry run of the good table says what it would do and writes nothing.
	good := writeFile(t, dir, "good.csv", streamedDeals(10))
	r = runCLI(t, dir, "import", "--dry-run", good, "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, "nothing was written") || !strings.Contains(r.stdout, fmt.Sprintf("deals          %5d", streamedRows)) {
		t.Errorf("dry run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "(zephyrdesk) will be created") {
		t.Errorf("the dry run does not say which competitor it would create:\n%s", r.stderr)
	}
	if deals, _, _ := storedTable(t, dbPath); len(deals) != len(before) {
		t.Errorf("the dry run wrote %d deals", len(deals)-len(before))
	}
}

// A record the store refuses in a late batch is located at its line in the table.
func TestImportDealsTableStoreRefusalLocated(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	text := streamedDeals(10)
	if r := runCLI(t, dir, "import", writeFile(t, dir, "deals.csv", text), "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	row := 2*importer.BatchRows + 500
	old := fmt.Sprintf("D-%06d,", row)
	lines := strings.Split(text, "\n")
	if !strings.HasPrefix(lines[row+1], old) {
		t.Fatalf("line %d is %q", row+2, lines[row+1])
	}
	lines[row+1] = strings.Replace(lines[row+1], fmt.Sprintf(",%d,", 1000+row), ",1,", 1)
	changed := writeFile(t, dir, "changed.csv", strings.Join(lines, "\n"))
	r := runCLI(t, dir, "import", changed, "--on-conflict", "fail", "--db", dbPath)
	want := fmt.Sprintf("rivals import: %s:%d:1: already stored: it differs from the stored one", changed, row+2)
	if r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, want %q in:\n%s", r.code, want, r.stderr)
	}
}

// An import refused once the database was opened, into a database it created, leaves no
// database behind: a catalog file refused far into it, a deals table refused in a late batch.
// Into an existing database, the file stays, unchanged.
func TestRefusedImportLeavesNoNewDatabase(t *testing.T) {
	dir := t.TempDir()
	lines := strings.Split(streamedDeals(10), "\n")
	for _, outcome := range []string{",won,", ",lost,", ",no decision,"} {
		lines[3*importer.BatchRows] = strings.Replace(lines[3*importer.BatchRows], outcome, ",maybe,", 1)
	}
	bad := map[string]string{
		"deals.csv":    strings.Join(lines, "\n"),
		"catalog.json": `{"competitors": [{"slug": "acme", "name": "Acme"}]}`,
	}
	for name, text := range bad {
		dbPath := filepath.Join(dir, name+".db")
		r := runCLI(t, dir, "import", writeFile(t, dir, name, text), "--db", dbPath)
		if r.code != 1 {
			t.Errorf("%s: exit %d: %s", name, r.code, r.stderr)
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if _, err := os.Stat(dbPath + suffix); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s: the refused import left %s (%v)", name, filepath.Base(dbPath+suffix), err)
			}
		}
	}
	dbPath := initDemo(t, dir)
	before, _, _ := storedTable(t, dbPath)
	if r := runCLI(t, dir, "import", filepath.Join(dir, "deals.csv"), "--db", dbPath); r.code != 1 {
		t.Errorf("exit %d", r.code)
	}
	if after, _, _ := storedTable(t, dbPath); len(after) != len(before) {
		t.Errorf("%d deals after a refused import, want %d", len(after), len(before))
	}
}

// A deals file in UTF-16 (what spreadsheets save as "Unicode text") longer than the part a
// file's kind is told from imports on its own: it is read whole, as UTF-16 must be.
func TestImportLongUTF16DealsFile(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	before, _, _ := storedTable(t, dbPath)
	text := dealsCSV(12000, isoDay)
	data := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		data = append(data, byte(u), byte(u>>8))
	}
	if len(data) <= detectHead {
		t.Fatalf("the file is %d bytes, not longer than the %d its kind is told from", len(data), detectHead)
	}
	file := filepath.Join(dir, "deals.csv")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, dir, "import", file, "--db", dbPath); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if after, _, _ := storedTable(t, dbPath); len(after) != len(before)+12000 {
		t.Errorf("%d deals stored, want %d", len(after)-len(before), 12000)
	}
}

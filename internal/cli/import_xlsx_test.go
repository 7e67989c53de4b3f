package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// writeWorkbook saves a workbook as Excel does: typed dates in the short date format, amounts
// formatted as currency, a percent, a cell with a line break, and a second sheet.
func writeWorkbook(t *testing.T, dir string) string {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	deals := "Opportunities"
	if err := wb.SetSheetName("Sheet1", deals); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Opportunity Name", "Stage", "Close Date", "Amount", "Competitor", "Loss Reason", "Notes"},
		{"Acme Corp", "Closed Won", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), 48000.5, "Harborline", "", "Signed after\na two-week pilot"},
		{"Globex", "Closed Lost", time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), 24000, "Replyfox", "Price", ""},
		{"Initech", "Negotiation", time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC), 12500, "Harborline", "", ""},
		{"Hooli", "Closed Lost", time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), 91000, "Harborline", "Feature gap", ""},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := wb.SetSheetRow(deals, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	date, _ := wb.NewStyle(&excelize.Style{NumFmt: 14})
	money := "$#,##0.00"
	currency, _ := wb.NewStyle(&excelize.Style{CustomNumFmt: &money})
	wb.SetCellStyle(deals, "C2", "C5", date)
	wb.SetCellStyle(deals, "D2", "D5", currency)
	wb.NewSheet("Competitors")
	for i, row := range [][]any{{"Name", "Threat"}, {"Zendoodle", "High"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		wb.SetSheetRow("Competitors", cell, &row)
	}
	wb.NewSheet("Notes to self") // left empty: skipped
	path := filepath.Join(dir, "pipeline.xlsx")
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// A workbook imports sheet by sheet, as the spreadsheet shows its cells, with the same
// detection, mapping and validation as CSV; --sheet picks one sheet.
func TestImportWorkbook(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	book := writeWorkbook(t, dir)
	r := runCLI(t, dir, "import", book, "--db", dbPath)
	if r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"pipeline.xlsx[Opportunities]: detected deals (CRM export)", "pipeline.xlsx[Competitors]: detected competitors",
		"pipeline.xlsx[Opportunities]:4:2 (Stage): 1 open deal(s) skipped"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	show := runCLI(t, dir, "winloss", "--json", "--db", dbPath).stdout
	if !strings.Contains(show, `"won": 1`) || !strings.Contains(show, `"lost": 2`) {
		t.Errorf("winloss after the workbook:\n%s", show)
	}
	export := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout
	for _, want := range []string{`"closed_at": "2026-03-04"`, `"amount": 4800050`, `"currency": "USD"`, `"notes": "Signed after\na two-week pilot"`, `"slug": "zendoodle"`} {
		if !strings.Contains(export, want) {
			t.Errorf("export lacks %s", want)
		}
	}

	// --sheet picks one sheet; a sheet that does not exist is named with the ones that do.
	other := filepath.Join(dir, "y.db")
	if r := runCLI(t, dir, "import", book, "--sheet", "Competitors", "--db", other); r.code != 0 || strings.Contains(r.stderr, "Opportunities") {
		t.Errorf("--sheet Competitors: exit %d\n%s", r.code, r.stderr)
	}
	if r := runCLI(t, dir, "import", book, "--sheet", "Deals", "--db", other); r.code != 1 || !strings.Contains(r.stderr, `has no sheet "Deals" (its sheets: "Opportunities", "Competitors", "Notes to self")`) {
		t.Errorf("--sheet Deals: exit %d %q", r.code, r.stderr)
	}
	// A problem names the sheet, its row and its column.
	wb, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	wb.SetCellValue("Opportunities", "D3", "$12,5,0")
	if err := wb.Save(); err != nil {
		t.Fatal(err)
	}
	wb.Close()
	r = runCLI(t, dir, "import", book, "--dry-run", "--db", dbPath)
	if r.code != 1 || !strings.Contains(r.stderr, `pipeline.xlsx[Opportunities]:3:4 (Amount): "$12,5,0" is not an amount`) {
		t.Errorf("bad amount: exit %d %q", r.code, r.stderr)
	}
}

// A file that is not a workbook, though named .xlsx, is refused in one line.
func TestImportNotAWorkbook(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "old.xlsx", "Name\nAcme\n")
	r := runCLI(t, dir, "import", file, "--db", filepath.Join(dir, "x.db"))
	if r.code != 1 || !strings.Contains(r.stderr, "old.xlsx: is not an Excel workbook that can be read") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("exit %d %q", r.code, r.stderr)
	}
}

// A workbook with a sheet whose kind cannot be told is refused whole, naming its sheets and
// --sheet.
func TestImportWorkbookWithAnUnknownSheet(t *testing.T) {
	dir := t.TempDir()
	book := writeWorkbook(t, dir)
	wb, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	wb.NewSheet("Scratch")
	wb.SetSheetRow("Scratch", "A1", &[]any{"foo", "bar"})
	wb.SetSheetRow("Scratch", "A2", &[]any{"1", "2"})
	if err := wb.Save(); err != nil {
		t.Fatal(err)
	}
	wb.Close()
	dbPath := filepath.Join(dir, "x.db")
	r := runCLI(t, dir, "import", book, "--db", dbPath)
	if r.code != 1 || !strings.Contains(r.stderr, "pipeline.xlsx[Scratch]:1:1: cannot tell what this file holds") ||
		!strings.Contains(r.stderr, "the workbook's sheets: Opportunities, Competitors, Scratch; import one with --sheet NAME") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if r := runCLI(t, dir, "import", book, "--sheet", "Opportunities", "--db", dbPath); r.code != 0 {
		t.Errorf("--sheet Opportunities: exit %d\n%s", r.code, r.stderr)
	}
}

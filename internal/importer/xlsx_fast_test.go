package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// openBook opens workbook bytes with the options Sheets uses.
func openBook(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		ShortDatePattern: "yyyy-mm-dd", UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedInMemory})
	if err != nil {
		t.Fatal(err)
	}
	return wb
}

// readBothWays reads a sheet with the fast reader and with the library's row iterator, each
// on its own copy of the workbook. ok is whether the fast reader took the sheet.
func readBothWays(t testing.TB, data []byte, sheet string) (fast, library [][]string, libraryErr error, ok bool) {
	t.Helper()
	a, b := openBook(t, data), openBook(t, data)
	defer a.Close()
	defer b.Close()
	fast, ok = newSheetReader(a).rows(sheet)
	library, libraryErr = libraryRows(b, sheet)
	return fast, library, libraryErr, ok
}

// sameRows compares two grids, treating a missing row and a row with no cells alike.
func sameRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) == 0 && len(b[i]) == 0 {
			continue
		}
		if !reflect.DeepEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

// richWorkbook writes a workbook with the cells spreadsheets hold: shared strings (with
// escapes, line breaks, markup characters, emoji, surrounding spaces), numbers of every
// length, dates, currency, percents, text-formatted digits, booleans, formulas, rich text, a
// styled header, gaps between rows and between cells.
func richWorkbook(t testing.TB) []byte {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	set := func(cell string, v any) {
		if err := wb.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	style := func(s *excelize.Style) int {
		id, err := wb.NewStyle(s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	bold := style(&excelize.Style{Font: &excelize.Font{Bold: true}})
	date := style(&excelize.Style{NumFmt: 14})
	dateTime := style(&excelize.Style{NumFmt: 22})
	money := "$#,##0.00"
	currency := style(&excelize.Style{CustomNumFmt: &money})
	euro := `#,##0.00\ "€"`
	euros := style(&excelize.Style{CustomNumFmt: &euro})
	percent := style(&excelize.Style{NumFmt: 10})
	text := style(&excelize.Style{NumFmt: 49})
	thousands := style(&excelize.Style{NumFmt: 3})
	literal := `"deal "0`
	withText := style(&excelize.Style{CustomNumFmt: &literal})
	hide := ";;;"
	hidden := style(&excelize.Style{CustomNumFmt: &hide})

	for i, h := range []string{"Name", "Amount", "Close", "Share", "Code", "Won", "Notes"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		set(cell, h)
		wb.SetCellStyle("Sheet1", cell, cell, bold)
	}
	names := []string{"Acme", "  spaced  ", "a\nb", "crlf\r\nline", "<&\"'>", "🚀 Ünïcode", "_x000D_ escaped", "_x005F_x0041_", "1.50", "=SUM(1)", "-12", ""}
	amounts := []any{48000.5, 24000, 0.1, 1e-7, 1234567890123456789, -3.25, 0.00003, 12345678901234.56, 99.999, 0, 7, 1.163}
	for i := range names {
		r := i + 2
		cell := func(col int) string { c, _ := excelize.CoordinatesToCellName(col, r); return c }
		if names[i] != "" {
			set(cell(1), names[i])
		}
		set(cell(2), amounts[i])
		set(cell(3), time.Date(2026, time.Month(i%12+1), i+1, 0, 0, 0, 0, time.UTC))
		set(cell(4), float64(i)/8)
		set(cell(5), "00"+strings.Repeat("1", i+1))
		set(cell(6), i%2 == 0)
		set(cell(8), amounts[(i+3)%len(amounts)])
		switch i % 4 {
		case 0:
			wb.SetCellStyle("Sheet1", cell(2), cell(2), currency)
			wb.SetCellStyle("Sheet1", cell(8), cell(8), withText)
		case 1:
			wb.SetCellStyle("Sheet1", cell(2), cell(2), euros)
			wb.SetCellStyle("Sheet1", cell(8), cell(8), thousands)
		case 2:
			wb.SetCellStyle("Sheet1", cell(2), cell(2), thousands)
			wb.SetCellStyle("Sheet1", cell(8), cell(8), bold)
		}
		if i%3 == 0 {
			wb.SetCellStyle("Sheet1", cell(3), cell(3), date)
		} else {
			wb.SetCellStyle("Sheet1", cell(3), cell(3), dateTime)
		}
		wb.SetCellStyle("Sheet1", cell(4), cell(4), percent)
		wb.SetCellStyle("Sheet1", cell(5), cell(5), text)
		wb.SetCellStyle("Sheet1", cell(1), cell(1), bold)
	}
	if err := wb.SetCellFormula("Sheet1", "I2", "B2*2"); err != nil {
		t.Fatal(err)
	}
	if err := wb.SetCellRichText("Sheet1", "A20", []excelize.RichTextRun{
		{Text: "Bold ", Font: &excelize.Font{Bold: true}}, {Text: "and plain"}}); err != nil {
		t.Fatal(err)
	}
	set("J25", "far away")
	set("M3", 5) // shown as nothing, at the end of its row
	wb.SetCellStyle("Sheet1", "M3", "M3", hidden)
	set("M4", 6) // shown as nothing, before a formula
	wb.SetCellStyle("Sheet1", "M4", "M4", hidden)
	wb.SetCellFormula("Sheet1", "O4", `""`)
	set("B24", 42)
	wb.SetCellStyle("Sheet1", "C22", "C22", date) // a styled cell with no value
	var out bytes.Buffer
	if err := wb.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// The fast reader gives exactly the cells the library's iterator gives on a workbook holding
// every kind of cell a spreadsheet saves.
func TestFastSheetReadsAsTheLibrary(t *testing.T) {
	fast, library, err, ok := readBothWays(t, richWorkbook(t), "Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatal("the fast reader declined a workbook the library wrote")
	}
	if !sameRows(fast, library) {
		t.Fatalf("fast reader:\n%q\nlibrary:\n%q", fast, library)
	}
	if len(fast) < 25 || fast[1][1] != "$48,000.50" || fast[1][2] != "2026-01-01" || fast[4][3] != "37.50%" {
		t.Fatalf("the workbook does not hold what the test expects: %q", fast[:5])
	}
}

// withSheetXML returns a workbook whose first sheet's XML is replaced by sheet (and whose
// shared strings by shared, when given), as other spreadsheet programs write them.
func withSheetXML(t testing.TB, book []byte, sheet, shared string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case f.Name == "xl/worksheets/sheet1.xml":
			io.WriteString(w, sheet)
		case f.Name == "xl/sharedStrings.xml" && shared != "":
			io.WriteString(w, shared)
		default:
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(w, r)
			r.Close()
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// Sheets as other programs write them: the fast reader takes what it reads exactly as the
// library does, and leaves the rest to the library.
func TestFastSheetOnHandWrittenXML(t *testing.T) {
	base := richWorkbook(t)
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData>`
	const tail = `</sheetData><pageMargins left="0.7"/></worksheet>`
	const shared = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">` +
		`<si><t>Competitor</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Harbor </t></r><r><t>line</t></r><rPh sb="0" eb="1"><t>ハ</t></rPh></si>` +
		`<si><t>a &amp; b &#x41;&#66;</t></si><si><t/></si></sst>`
	cases := []struct {
		name  string
		rows  string
		taken bool
	}{
		{"shared strings and runs", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="3"><c r="C3" t="s"><v> 2 </v></c><c r="D3" t="s"><v>3</v></c></row>`, true},
		{"inline strings", `<row r="1"><c r="A1" t="inlineStr"><is><t>inline &lt;b&gt;</t></is></c><c r="B1" t="inlineStr"><is><r><t>one</t></r><r><t> two</t></r></is></c></row>`, true},
		{"cells without references", `<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>3.50</v></c></row><row r="2" spans="1:3"><c r="B2"><v>1E-3</v></c><c><v>12345678901234567890</v></c></row>`, true},
		{"prefixed elements", `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c></x:row>`, true},
		{"line ends in text", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>one\r\ntwo\rthree</t></is></c></row>", true},
		{"booleans, errors and formula strings", `<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="str"><f>A1&amp;"x"</f><v>TRUEx</v></c><c r="D1"><f>1/0</f></c></row>`, true},
		{"comments between rows", `<!-- made by hand --><row r="1"><c r="A1"><v>1</v></c></row><!-- end -->`, true},
		{"out-of-range shared string", `<row r="1"><c r="A1" t="s"><v>99</v></c><c r="B1"><v>2</v></c></row>`, true},
		{"a row without its number", `<row><c r="A1"><v>1</v></c></row>`, false},
		{"rows out of order", `<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>`, false},
		{"cells out of order", `<row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c></row>`, false},
		{"a CDATA section", `<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>`, false},
		{"a date cell", `<row r="1"><c r="A1" t="d"><v>2026-01-02T00:00:00Z</v></c></row>`, false},
		{"an unknown entity", `<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>`, false},
		{"a bad cell reference", `<row r="1"><c r="1A"><v>1</v></c></row>`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			book := withSheetXML(t, base, head+c.rows+tail, shared)
			fast, library, err, ok := readBothWays(t, book, "Sheet1")
			if ok != c.taken {
				t.Fatalf("fast reader took the sheet: %v, want %v (library: %q, %v)", ok, c.taken, library, err)
			}
			if ok && (err != nil || !sameRows(fast, library)) {
				t.Fatalf("fast reader:\n%q\nlibrary:\n%q (%v)", fast, library, err)
			}
		})
	}
}

// FuzzFastSheet puts arbitrary XML in a worksheet: whenever the fast reader takes it, it
// gives the cells the library's iterator gives.
func FuzzFastSheet(f *testing.F) {
	base := richWorkbook(f)
	wb := openBook(f, base)
	v, _ := wb.Pkg.Load("xl/worksheets/sheet1.xml")
	wb.Close()
	f.Add(string(v.([]byte)))
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a&amp;b</t></is></c><c><v>1.5</v></c></row></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row r="2"><c r="B2" t="s" s="3"><v>1</v></c><c r="C2" s="4"><v>45000</v></c></row></sheetData></worksheet>`)
	f.Fuzz(func(t *testing.T, sheet string) {
		book := withSheetXML(t, base, sheet, "")
		fast, library, err, ok := readBothWays(t, book, "Sheet1")
		if ok && (err != nil || !sameRows(fast, library)) {
			t.Fatalf("fast reader:\n%q\nlibrary:\n%q (%v)", fast, library, err)
		}
	})
}

// dealsWorkbook writes n deals as Excel saves them: text in the shared-string table, close
// dates as serial numbers under the short date format, amounts as numbers under a currency
// format.
func dealsWorkbook(t testing.TB, n int) []byte {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	date, _ := wb.NewStyle(&excelize.Style{NumFmt: 14})
	money := "$#,##0.00"
	currency, _ := wb.NewStyle(&excelize.Style{CustomNumFmt: &money})
	sw, err := wb.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"Ref", "Close Date", "Outcome", "Competitor", "Amount", "Currency", "Reason"}); err != nil {
		t.Fatal(err)
	}
	comps := []string{"Harborline", "Replyfox", "Quillon", "Ostra CX"}
	outcomes := []string{"won", "lost", "no decision"}
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{
			fmt.Sprintf("D-%06d", i),
			excelize.Cell{StyleID: date, Value: time.Date(2025, time.Month(i%12+1), i%28+1, 0, 0, 0, 0, time.UTC)},
			outcomes[i%3], comps[i%4],
			excelize.Cell{StyleID: currency, Value: float64(1000+i%50000) + float64(i%100)/100},
			"USD", "Price",
		}
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := wb.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// BenchmarkSheets reads a 100,000-row deals sheet as Excel saves one into CSV text, as rivals
// import does, and reports the rows/s beside the library's own row iterator on the same
// sheet (the reference), and the ratio of the two.
func BenchmarkSheets(b *testing.B) {
	const n = 100_000
	book := dealsWorkbook(b, n)
	var library time.Duration
	for b.Loop() {
		sheets, err := Sheets("deals.xlsx", book, "")
		if err != nil || len(sheets) != 1 {
			b.Fatal(err)
		}
		b.StopTimer()
		start := time.Now()
		wb := openBook(b, book)
		rows, err := libraryRows(wb, "Sheet1")
		if err != nil || len(rows) != n+1 {
			b.Fatal(err, len(rows))
		}
		wb.Close()
		library += time.Since(start)
		b.StartTimer()
	}
	rows := float64(n * b.N)
	b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(rows/library.Seconds(), "library-rows/s")
	b.ReportMetric(library.Seconds()/b.Elapsed().Seconds(), "speed-up")
}

// isNumber takes the numbers spreadsheets write in cells and nothing else.
func TestIsNumber(t *testing.T) {
	for v, want := range map[string]bool{
		"1": true, "-1.5": true, "1e5": true, "1.5E-3": true, "12345678901234567890": true, "0.00003": true,
		"": false, "-": false, "1.": false, ".5": false, "1e": false, "+1": false, "1,5": false, "1e+": false,
		"Inf": false, "NaN": false, "0x1p3": false, "1_000": false, " 1": false, "1 ": false, "--1": false,
	} {
		if got := isNumber(v); got != want {
			t.Errorf("isNumber(%q) = %v, want %v", v, got, want)
		}
	}
}

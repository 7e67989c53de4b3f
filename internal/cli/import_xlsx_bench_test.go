package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/rivals-app/rivals/internal/importer"
	"github.com/xuri/excelize/v2"
)

// BenchmarkImportDealsXLSX imports the deals of BenchmarkImportDealsCSV from a workbook's
// sheet, through rivals import's own path: unzip and read the sheet, then runImport (the
// table parsed while its batches are stored). It reports the end-to-end rows/s, the share of
// reading the workbook, the parse alone measured apart (parse-alone-%, of the import's time),
// the same rows imported from CSV in the same run, and the ratio of the two.
func BenchmarkImportDealsXLSX(b *testing.B) {
	ctx := context.Background()
	text := []byte(dealsCSV(benchDeals, isoDay))
	book := workbookOf(b, text)
	a := &app{demoCatalog: demoCatalog, stdout: io.Discard, stderr: io.Discard, now: func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }}
	run := func(file importFile, sheet bool) (read, total time.Duration) {
		s := demoStore(b, ctx)
		defer s.Close()
		start := time.Now()
		if sheet {
			sheets, err := importer.Sheets("deals.xlsx", file.data, "")
			if err != nil {
				b.Fatal(err)
			}
			file = importFile{name: sheets[0].File, data: sheets[0].Data, kind: importer.KindDeals, sheets: []string{sheets[0].Name}}
		}
		read = time.Since(start)
		benchImport(b, ctx, a, s, file)
		return read, time.Since(start)
	}
	var read, parse, xlsx, csvTotal, bare time.Duration
	for b.Loop() {
		r, t := run(importFile{name: "deals.xlsx", data: book}, true)
		read, xlsx = read+r, xlsx+t
		b.StopTimer()
		_, c := run(importFile{name: "deals.csv", data: text, kind: importer.KindDeals}, false)
		csvTotal += c
		bare += bareSheetRead(b, book)
		sheets, err := importer.Sheets("deals.xlsx", book, "")
		if err != nil {
			b.Fatal(err)
		}
		s := demoStore(b, ctx)
		parseDeals(b, ctx, a, s, importFile{name: sheets[0].File, data: sheets[0].Data, kind: importer.KindDeals, sheets: []string{sheets[0].Name}}, &parse)
		s.Close()
		b.StartTimer()
	}
	rows := float64(benchDeals * b.N)
	b.ReportMetric(rows/xlsx.Seconds(), "rows/s")
	b.ReportMetric(100*read.Seconds()/xlsx.Seconds(), "sheet-read-%")
	b.ReportMetric(100*parse.Seconds()/xlsx.Seconds(), "parse-alone-%")
	b.ReportMetric(rows/csvTotal.Seconds(), "csv-rows/s")
	b.ReportMetric(csvTotal.Seconds()/xlsx.Seconds(), "ratio-to-csv")
	// The reference: the workbook library's own iterator over the sheet's cells, then the same
	// rows imported from CSV; an import reading the sheet through that iterator could not be
	// faster than both in turn.
	b.ReportMetric(rows/bare.Seconds(), "library-read-rows/s")
	b.ReportMetric((bare+csvTotal).Seconds()/xlsx.Seconds(), "speed-up-on-library-path")
}

// bareSheetRead times excelize reading every cell of the first sheet as formatted text, with
// the options Sheets uses, and nothing else.
func bareSheetRead(b *testing.B, book []byte) time.Duration {
	start := time.Now()
	wb, err := excelize.OpenReader(bytes.NewReader(book), excelize.Options{ShortDatePattern: "yyyy-mm-dd", UnzipXMLSizeLimit: 256 << 20, UnzipSizeLimit: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.Rows("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			b.Fatal(err)
		}
		n += len(cells)
	}
	rows.Close()
	if n == 0 {
		b.Fatal("no cells read")
	}
	return time.Since(start)
}

// workbookOf writes CSV text into the first sheet of a new workbook, as Excel saves one: text
// in the shared-string table, ISO dates as date serial numbers under the short date format,
// whole numbers as numbers under a currency format.
func workbookOf(b testing.TB, text []byte) []byte {
	records, err := csv.NewReader(bytes.NewReader(text)).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	wb := excelize.NewFile()
	defer wb.Close()
	date, err := wb.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		b.Fatal(err)
	}
	money := "#,##0.00"
	amount, err := wb.NewStyle(&excelize.Style{CustomNumFmt: &money})
	if err != nil {
		b.Fatal(err)
	}
	sw, err := wb.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	row := make([]any, 0, 16)
	for i, rec := range records {
		row = row[:0]
		for _, v := range rec {
			if day, err := time.Parse(time.DateOnly, v); err == nil && i > 0 {
				row = append(row, excelize.Cell{StyleID: date, Value: day})
			} else if n, err := strconv.Atoi(v); err == nil && i > 0 {
				row = append(row, excelize.Cell{StyleID: amount, Value: n})
			} else {
				row = append(row, v)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	if err := wb.Write(&out); err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}

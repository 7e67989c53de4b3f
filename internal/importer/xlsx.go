package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet of a workbook, as the spreadsheet shows it: Data holds its rows as
// CSV text, line N being the sheet's row N and field i its column i+1, which ReadFile reads
// with Options.Sheet set.
type Sheet struct {
	// File names the sheet in messages: "deals.xlsx[Opportunities]".
	File string
	// Name is the sheet's own name.
	Name string
	Data []byte
}

// Workbook size limits: what a workbook may hold once unzipped, and how much of a worksheet
// is unzipped in memory (more goes through a temporary file, which is slower to read).
const (
	maxUnzipped         = 1 << 30
	maxUnzippedInMemory = 256 << 20
)

// Sheets reads the worksheets of an .xlsx workbook, each as the spreadsheet shows its cells:
// numbers with their format (currency, percent), dates in the short date format as
// YYYY-MM-DD. Sheets with no values are left out, unless named by only, which keeps that
// sheet alone (an error lists the sheets when there is none of that name).
func Sheets(name string, data []byte, only string) ([]Sheet, error) {
	if len(data) > MaxFileSize {
		return nil, tooLarge(name, len(data))
	}
	wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		ShortDatePattern: "yyyy-mm-dd", UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedInMemory})
	if err != nil {
		return nil, &Problem{File: name, Msg: "is not an Excel workbook that can be read (" + workbookError(err) + "); save it as .xlsx or as CSV"}
	}
	defer wb.Close()
	names := wb.GetSheetList()
	if only != "" {
		found := false
		for _, n := range names {
			if n == only {
				found = true
			}
		}
		if !found {
			return nil, &Problem{File: name, Msg: fmt.Sprintf("has no sheet %q (its sheets: %s)", only, quoteList(names, 20))}
		}
		names = []string{only}
	}
	var out []Sheet
	fast := newSheetReader(wb)
	for _, sheet := range names {
		text, filled, err := sheetText(wb, fast, sheet)
		if err != nil {
			return nil, &Problem{File: fmt.Sprintf("%s[%s]", name, sheet), Msg: workbookError(err)}
		}
		if !filled && only == "" {
			continue
		}
		if len(text) > MaxFileSize {
			return nil, &Problem{File: fmt.Sprintf("%s[%s]", name, sheet), Msg: fmt.Sprintf("holds over %s of text; sheets over that are not read", ByteSize(MaxFileSize))}
		}
		out = append(out, Sheet{File: fmt.Sprintf("%s[%s]", name, sheet), Name: sheet, Data: text})
	}
	if len(out) == 0 {
		return nil, &Problem{File: name, Msg: "has no sheet with any values"}
	}
	return out, nil
}

// sheetText writes a worksheet as CSV, one line per row (empty rows included, so line numbers
// are row numbers) and every row as wide as the widest; line breaks inside cells are kept as
// cellNewline. The fast reader reads the sheet when it can, the library's row iterator
// otherwise; both give the same cells.
func sheetText(wb *excelize.File, fast *sheetReader, sheet string) ([]byte, bool, error) {
	grid, ok := fast.rows(sheet)
	if !ok {
		var err error
		if grid, err = libraryRows(wb, sheet); err != nil {
			return nil, false, err
		}
	}
	width, filled, size := 0, false, 0
	for n, cells := range grid {
		if len(cells) > MaxColumns {
			return nil, false, fmt.Errorf("row %d has more than %d cells; rows with more are not read", n+1, MaxColumns)
		}
		for i, c := range cells {
			if !filled && strings.TrimSpace(c) != "" {
				filled = true
			}
			if strings.Contains(c, "\n") {
				cells[i] = strings.ReplaceAll(strings.ReplaceAll(c, "\r\n", "\n"), "\n", cellNewline)
			}
			size += len(cells[i]) + 3 // the value, perhaps quoted, and its comma
		}
		width = max(width, len(cells))
	}
	var b bytes.Buffer
	b.Grow(size + len(grid)*(width+1))
	w := csv.NewWriter(&b)
	row := make([]string, width)
	for _, cells := range grid {
		n := copy(row, cells)
		clear(row[n:])
		if err := w.Write(row); err != nil {
			return nil, false, err
		}
	}
	w.Flush()
	return b.Bytes(), filled, w.Error()
}

// libraryRows reads a worksheet's rows through the workbook library's row iterator, row N
// at index N-1.
func libraryRows(wb *excelize.File, sheet string) ([][]string, error) {
	rows, err := wb.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var grid [][]string
	for rows.Next() {
		cells, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		if len(cells) > MaxColumns {
			return nil, fmt.Errorf("row %d has more than %d cells; rows with more are not read", len(grid)+1, MaxColumns)
		}
		grid = append(grid, cells)
	}
	return grid, rows.Error()
}

// workbookError words an error of the workbook reader for a message.
func workbookError(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return "not an .xlsx file: an old .xls workbook or another format"
	case errors.Is(err, excelize.ErrOptionsUnzipSizeLimit):
		return "it unzips to more than 1 GB"
	}
	return err.Error()
}

// sheetLayout maps a sheet's built text back to the sheet: line N is row N, field i column
// i+1.
var sheetLayout = &layout{newline: cellNewline, place: func(line, field int) (int, int) {
	return line, max(field, 0) + 1
}}

package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// table reads a delimited text file row by row and knows where every field came from.
type table struct {
	file string
	// src reads the text (UTF-8, BOM removed), size bytes of it; data is the whole text when
	// it is in memory, nil when it is read from a file as the rows are.
	src    io.ReaderAt
	size   int64
	data   []byte
	comma  rune
	header []string // header cells, trimmed, as written
	r      *csv.Reader
	rec    []string // the current row
	off    int64    // byte offset where the current row starts
	rows   int      // data rows read so far
	// headerOff is where the header row starts, bodyOff where the rows after it do.
	headerOff, bodyOff int64
	lines              lineIndex // where lines start, built as far as it is needed
	// footer is where the block a report tool appends after the rows starts (see footerAt);
	// nil when the file has none.
	footer *Problem
	// progress is called every progressEvery rows.
	progress func(rows int, read, total int64)
	// checked checks the text of a file read as its rows are; nil for text in memory, which
	// was checked whole.
	checked *checkedReader
	// layout, for a table rivals built from the file (a transposed sheet), maps places back
	// to the file the user has; nil for a file read as written.
	layout *layout
}

// layout maps a table built from a file back to the file: a place in the built text (its
// line, and a field index or -1 for the row) to the line and column in the file.
type layout struct {
	place func(line, field int) (int, int)
	// newline stands in the built text for line breaks inside cells, so each row is one line.
	newline string
}

const progressEvery = 4096

// openTable decodes data, sniffs its delimiter and reads the header row.
func openTable(file string, data []byte, progress func(int, int64, int64)) (*table, error) {
	text, err := decode(file, data)
	if err != nil {
		return nil, err
	}
	comma := sniff(text)
	if p := checkRows(file, text, comma); p != nil {
		return nil, p
	}
	return openText(file, text, comma, nil, progress)
}

// openText reads the header row of decoded text; lay is set for a table rivals built.
func openText(file string, text []byte, comma rune, lay *layout, progress func(int, int64, int64)) (*table, error) {
	t := &table{file: file, src: bytes.NewReader(text), size: int64(len(text)), data: text, comma: comma, progress: progress, layout: lay}
	t.r = t.readerAt(0)
	return t.readHeader(text)
}

// readHeader reads the header row through t.r; head is the start of the text.
func (t *table) readHeader(head []byte) (*table, error) {
	file := t.file
	if _, ok := sepLine(head); ok {
		if _, err := t.r.Read(); err != nil {
			return nil, t.readError(err)
		}
	}
	for {
		t.headerOff = t.r.InputOffset()
		rec, err := t.r.Read()
		if errors.Is(err, io.EOF) {
			return nil, &Problem{File: file, Msg: "has no header row (the file is empty)"}
		}
		if err != nil {
			return nil, t.readError(err)
		}
		t.rec = rec
		if allBlank(rec) {
			continue
		}
		t.header = make([]string, len(rec))
		for i, h := range rec {
			t.header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		}
		for i, h := range rec {
			if len(h) > MaxFieldSize {
				return nil, t.problem(i, fieldTooLarge(h))
			}
		}
		if p := t.repeatedHeader(); p != nil {
			return nil, p
		}
		t.bodyOff = t.r.InputOffset()
		return t, nil
	}
}

// repeatedHeader refuses a header that names a column twice (ignoring case, spaces and
// punctuation, as columns are matched): which of the two holds the value is anyone's guess.
// Blank headers, which spreadsheets leave over empty columns, may repeat.
func (t *table) repeatedHeader() *Problem {
	first := make(map[string]int, len(t.header))
	for i, h := range t.header {
		name, _ := normHeader(h)
		if name == "" {
			continue
		}
		if j, seen := first[name]; seen {
			return t.problemf(i, "column %d %q repeats column %d %q; name each column once (rename or remove one of them)",
				i+1, h, j+1, t.header[j])
		}
		first[name] = i
	}
	return nil
}

// readerAt returns a CSV reader of the text from byte offset off on.
func (t *table) readerAt(off int64) *csv.Reader {
	return t.csvReader(io.NewSectionReader(t.src, off, t.size-off))
}

// csvReader returns a CSV reader of the table's dialect over r.
func (t *table) csvReader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(r)
	cr.Comma = t.comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// delimiterName names the sniffed delimiter for messages.
func (t *table) delimiterName() string {
	switch t.comma {
	case '\t':
		return "tab"
	case ';':
		return "semicolon"
	case ',':
		return "comma"
	}
	return fmt.Sprintf("%q", t.comma)
}

// next reads the next data row into t.rec, skipping blank rows. It returns false at the end
// of the file or on a syntax error, which is then returned as a problem; a row with the wrong
// number of fields or an oversized field is a problem too, but reading can go on after it.
func (t *table) next() (ok bool, prob *Problem, fatal bool) {
	for {
		t.off = t.r.InputOffset()
		rec, err := t.r.Read()
		if errors.Is(err, io.EOF) {
			return false, nil, false
		}
		if err != nil {
			return false, t.readError(err), true
		}
		if allBlank(rec) || startsFooter(rec) {
			if t.footerAt(t.off, rec) {
				return false, nil, false
			}
			if allBlank(rec) {
				continue
			}
		}
		t.rows++
		if t.progress != nil && t.rows%progressEvery == 0 {
			t.progress(t.rows, t.r.InputOffset(), t.size)
		}
		t.rec = rec
		for i, f := range t.rec {
			if len(f) > MaxFieldSize {
				return true, t.problem(i, fieldTooLarge(f)), false
			}
		}
		if n := len(t.rec); n != len(t.header) {
			line, _ := t.r.FieldPos(0)
			return true, &Problem{File: t.file, Line: line, Column: 1,
				Msg: fmt.Sprintf("row has %d fields but the header has %d (fields are separated by %s; a field holding a %s must be in double quotes)",
					n, len(t.header), t.delimiterName(), t.delimiterName())}, false
		}
		return true, nil, false
	}
}

func fieldTooLarge(f string) string {
	return fmt.Sprintf("field is %s; fields over %s are not read", ByteSize(int64(len(f))), ByteSize(MaxFieldSize))
}

// readError turns a CSV syntax error into a problem at its place.
func (t *table) readError(err error) *Problem {
	var pe *csv.ParseError
	var p *Problem
	if errors.As(err, &p) {
		return p // found checking the text as it was read
	}
	if !errors.As(err, &pe) {
		return &Problem{File: t.file, Msg: err.Error()}
	}
	msg := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `a double quote inside an unquoted field; quote the whole field and double the quote ("" for ")`
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = fmt.Sprintf("a quoted field that starts on line %d is not closed properly (a quote must be followed by the delimiter or the end of the line)", pe.StartLine)
	}
	return &Problem{File: t.file, Line: pe.Line, Column: t.charCol(pe.Line, pe.Column), Msg: msg}
}

// estimateRows returns at least the number of data rows (a quoted newline counts one too many),
// so lists of records can be allocated once.
func (t *table) estimateRows() int {
	if t.data != nil {
		return bytes.Count(t.data[t.bodyOff:], []byte("\n")) + 1
	}
	// A file read as the rows are: a guess from the first rows, the lists grow past it.
	head := t.span(t.bodyOff, 64<<10)
	lines := bytes.Count(head, []byte("\n")) + 1
	return int(min((t.size-t.bodyOff)/int64(len(head)/lines+1)+1, 1<<20))
}

// cell returns field i of the current row, trimmed; "" when i < 0.
func (t *table) cell(i int) string { return t.field(t.rec, i) }

// cellAt returns field i of the row that starts on a line, read again, as cell gives it;
// "" when there is no such field.
func (t *table) cellAt(line, i int) string {
	rec, err := t.readerAt(int64(t.lineStart(line))).Read()
	if err != nil {
		return ""
	}
	return t.field(rec, i)
}

// field returns field i of a row, trimmed and with the line breaks of a built table's cells
// restored; "" when i is out of range.
func (t *table) field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	if t.layout != nil && t.layout.newline != "" {
		return strings.TrimSpace(strings.ReplaceAll(rec[i], t.layout.newline, "\n"))
	}
	return strings.TrimSpace(rec[i])
}

// headerOf returns the header of column i as written ("" when out of range).
func (t *table) headerOf(i int) string {
	if i < 0 || i >= len(t.header) {
		return ""
	}
	return t.header[i]
}

// problem builds a problem at field i of the current row (the row's start when i < 0).
func (t *table) problem(i int, msg string) *Problem {
	if i < 0 || i >= len(t.rec) {
		line, _ := t.r.FieldPos(0)
		if t.layout != nil {
			line, _ = t.layout.place(line, -1)
		}
		return &Problem{File: t.file, Line: line, Column: 1, Msg: msg}
	}
	line, col := t.r.FieldPos(i)
	if t.layout != nil {
		line, col = t.layout.place(line, i)
		return &Problem{File: t.file, Line: line, Column: col, Header: t.headerOf(i), Msg: msg}
	}
	return &Problem{File: t.file, Line: line, Column: t.charCol(line, col), Header: t.headerOf(i), Msg: msg}
}

// problemf is problem with a formatted message.
func (t *table) problemf(i int, format string, args ...any) *Problem {
	return t.problem(i, fmt.Sprintf(format, args...))
}

// origin is where a record came from: the row starting at byte offset off and, for records
// that come from one cell (a matrix cell), that cell's column.
type origin struct {
	off  int64
	cell int
}

// here returns the origin of the current row (cell -1) or of one of its cells.
func (t *table) here(cell int) origin { return origin{off: t.off, cell: cell} }

// locate returns the place of field i of the row at o (the row's start when i < 0), by reading
// that row again: only errors need it, and rows are not kept.
func (t *table) locate(o origin, i int, msg string) Problem {
	r := t.readerAt(o.off)
	rec, err := r.Read()
	base := t.lineAt(o.off)
	if err != nil || i < 0 || i >= len(rec) {
		line := base
		if err == nil && len(rec) > 0 {
			l, _ := r.FieldPos(0)
			line = base + l - 1
		}
		if t.layout != nil {
			line, _ = t.layout.place(line, -1)
		}
		return Problem{File: t.file, Line: line, Column: 1, Header: t.headerOf(i), Msg: msg}
	}
	l, c := r.FieldPos(i)
	line := base + l - 1
	if t.layout != nil {
		line, col := t.layout.place(line, i)
		return Problem{File: t.file, Line: line, Column: col, Header: t.headerOf(i), Msg: msg}
	}
	return Problem{File: t.file, Line: line, Column: t.charCol(line, c), Header: t.headerOf(i), Msg: msg}
}

// maxFooter is the most a report footer may hold, in bytes: it is a few short lines.
const maxFooter = 4096

// footerMarkers are lines only a report tool's footer holds (Salesforce appends the report
// name, a copyright line, a confidentiality notice, who generated it when, and the company).
var footerMarkers = []string{"copyright (c)", "salesforce.com, inc", "all rights reserved", "confidential information - do not distribute", "generated by:"}

// startsFooter reports a "Grand Totals (N records)" row, which opens a Salesforce footer.
func startsFooter(rec []string) bool {
	for _, f := range rec {
		if f = strings.TrimSpace(f); f != "" {
			return strings.HasPrefix(strings.ToLower(f), "grand totals (")
		}
	}
	return false
}

// footerAt reports whether the rest of the file, from the row at off (a blank row or a
// grand total), is a report footer: short, one or two values a row, with a line that only a
// footer holds. It then remembers where the footer is, for one warning.
func (t *table) footerAt(off int64, rec []string) bool {
	if t.size-off > maxFooter {
		return false
	}
	r := t.readerAt(off)
	marked := startsFooter(rec)
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return false
		}
		values := 0
		for _, f := range row {
			if strings.TrimSpace(f) != "" {
				values++
			}
		}
		if values > 2 {
			return false
		}
		line := strings.ToLower(strings.Join(row, " "))
		for _, m := range footerMarkers {
			marked = marked || strings.Contains(line, m)
		}
	}
	if !marked {
		return false
	}
	first, last := t.lineAt(off), t.lineAt(t.size)
	for first < last && strings.Trim(string(t.span(int64(t.lineStart(first)), int64(t.lineStart(first+1)-t.lineStart(first)))), " \t\r\n\",;") == "" {
		first++ // the blank rows before the footer's first line
	}
	t.footer = &Problem{File: t.file, Line: first, Column: 1,
		Msg: fmt.Sprintf("the report footer from line %d on (report name, copyright, generated by) is not imported", first)}
	return true
}

func allBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// checkRows refuses a file with a row over MaxRowSize bytes or MaxColumns fields before
// encoding/csv splits it, which would take far more memory than the row itself. It follows
// the quoting rules of encoding/csv closely enough to count fields (a quoted field may hold
// delimiters and line breaks); a malformed quote is left for the reader to report.
func checkRows(file string, data []byte, comma rune) *Problem {
	line, startLine, start, fields := 1, 1, 0, 1
	quoted, fieldStart := false, true
	for i := 0; i < len(data); i++ {
		if i-start > MaxRowSize {
			return &Problem{File: file, Line: startLine, Column: 1,
				Msg: fmt.Sprintf("row is over %s; rows over %s are not read", ByteSize(MaxRowSize), ByteSize(MaxRowSize))}
		}
		c := data[i]
		if quoted {
			switch {
			case c == '"' && i+1 < len(data) && data[i+1] == '"':
				i++
			case c == '"':
				quoted = false
			case c == '\n':
				line++
			}
			continue
		}
		switch {
		case c == '"' && fieldStart:
			quoted = true
		case c == '\n':
			line++
			startLine, start, fields = line, i+1, 1
			fieldStart = true
			continue
		case rune(c) == comma:
			if fields++; fields > MaxColumns {
				return &Problem{File: file, Line: startLine, Column: 1,
					Msg: fmt.Sprintf("row has more than %d fields; rows with more are not read", MaxColumns)}
			}
			fieldStart = true
			continue
		}
		fieldStart = false
	}
	return nil
}

package importer

import (
	"bytes"
	"encoding/xml"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetReader reads worksheets straight from their XML, several times faster than the
// workbook library's own row iterator, and gives the very cells that iterator gives: the
// same shared and inline strings, numbers written the same way, and every cell with a number
// format formatted by the library itself (each distinct value once). A sheet holding anything
// it does not read exactly that way (cell types other than strings, numbers, booleans and
// errors, rows without numbers or out of order, XML beyond what spreadsheet writers produce)
// is left to the library's iterator: rows gives ok false.
type sheetReader struct {
	wb *excelize.File

	// sharedStrings is the workbook's shared-string table, read on first use; sharedOK is
	// false when it could not be read exactly.
	sharedStrings         []string
	sharedRead, sharedOK  bool
	customTextFormat      bool // the styles define their own format under id 0 or 49
	customTextFormatKnown bool

	// verbatim caches, per style, whether the style leaves text as it is.
	verbatim map[int]bool
	// formatJobs numbers each distinct value to format through the library; formatted holds
	// the values of the jobs done (by number).
	formatJobs map[formatKey]int
	formatted  []string
	// formatter formats the values the sheet being read needs, in a goroutine of its own,
	// while the reader goes on; pending lists the cells that wait for it.
	formatter *formatter
	pending   []pendingCell
	// rowsHint is about how many rows the sheet being read has.
	rowsHint int
	// emptyFormulas holds the places of cells with a formula and an empty value in the sheet
	// being read: cells the library keeps, unlike the padding before a cell.
	emptyFormulas map[[2]int]bool
	// scratch names the sheet the library formats values in, once made.
	scratch string
}

// pendingCell is a cell whose value the formatter gives: at grid[row][col], job number job;
// formula says whether the cell holds one (a cell without a formula whose value turns out
// empty is dropped, as the library drops it).
type pendingCell struct {
	row, col, job int
	formula       bool
}

// formatKey is one value to format: a style and a number or a text.
type formatKey struct {
	style int
	text  bool
	value string
}

// newSheetReader reads the sheets of an open workbook.
func newSheetReader(wb *excelize.File) *sheetReader {
	return &sheetReader{wb: wb, verbatim: map[int]bool{}, formatJobs: map[formatKey]int{}}
}

// rows returns a sheet's rows as the library's row iterator gives them, row N at index N-1
// (rows the sheet leaves out are empty), or ok false when the sheet is one to read through
// that iterator.
func (r *sheetReader) rows(sheet string) (grid [][]string, ok bool) {
	where, found := worksheetPath(r.wb, sheet)
	if !found {
		return nil, false
	}
	v, _ := r.wb.Pkg.Load(where)
	data, isBytes := v.([]byte)
	if !isBytes {
		return nil, false
	}
	s := &xmlScanner{data: data}
	for {
		switch s.next() {
		case tokenEnd:
			return nil, false // no sheetData, or XML not read here
		case tokenStart:
			if s.is(tokenStart, "row") || s.is(tokenStart, "c") {
				return nil, false // rows outside sheetData
			}
			if s.is(tokenStart, "sheetData") {
				if s.selfClosing {
					return nil, true
				}
				grid, ok := r.sheetData(s)
				if !r.finishFormats(grid, ok) {
					return nil, false
				}
				return grid, true
			}
		}
	}
}

// sheetData reads the rows of a sheetData element up to its end tag.
func (r *sheetReader) sheetData(s *xmlScanner) ([][]string, bool) {
	r.rowsHint = bytes.Count(s.data[s.pos:], []byte("<row ")) + 1
	grid := make([][]string, 0, r.rowsHint)
	width := 0
	ok := s.eachChild(func() bool {
		if !s.is(tokenStart, "row") {
			return false
		}
		n, found := s.attr("r")
		row, err := strconv.Atoi(n)
		if !found || err != nil || row <= len(grid) || row > excelize.TotalRows || s.unsupported {
			return false
		}
		for len(grid) < row-1 {
			grid = append(grid, nil)
		}
		cells, ok := r.row(s, row-1, width)
		grid = append(grid, cells)
		width = max(width, len(cells))
		return ok
	})
	return grid, ok
}

// row reads the cells of a row element, standing on its start tag, up to its end tag; index
// is the row's index in the grid, width the widest row so far.
func (r *sheetReader) row(s *xmlScanner, index, width int) ([]string, bool) {
	if s.selfClosing {
		return nil, true
	}
	cells := make([]string, 0, width)
	col := 0
	ok := s.eachChild(func() bool {
		if !s.is(tokenStart, "c") {
			return false
		}
		a, ok := cellAttrsOf(s.attrs)
		if !ok {
			return false
		}
		if a.ref != nil {
			if col, ok = cellColumn(a.ref); !ok {
				return false
			}
		} else {
			col++
		}
		value, job, formula, ok := r.cell(s, a)
		if !ok {
			return false
		}
		if value == "" && !formula && job < 0 {
			return true
		}
		if col <= len(cells) {
			return false // cells out of order
		}
		for len(cells) < col-1 {
			cells = append(cells, "")
		}
		if job >= 0 {
			if r.pending == nil {
				r.pending = make([]pendingCell, 0, 2*r.rowsHint)
			}
			r.pending = append(r.pending, pendingCell{row: index, col: len(cells), job: job, formula: formula})
		} else if value == "" {
			if r.emptyFormulas == nil {
				r.emptyFormulas = map[[2]int]bool{}
			}
			r.emptyFormulas[[2]int{index, len(cells)}] = true
		}
		cells = append(cells, value)
		return true
	})
	return cells, ok
}

// cell reads a c element, standing on its start tag, and returns its value as the library
// gives it, or the number of the format job that gives it (else -1), and whether it holds a
// formula.
func (r *sheetReader) cell(s *xmlScanner, a cellAttrs) (value string, job int, formula, ok bool) {
	kind := string(a.kind) // short strings the compiler does not allocate for a switch
	style := 0
	if a.style != nil {
		n, ok := smallInt(a.style)
		if !ok {
			return "", -1, false, false
		}
		style = n
	}
	var v, inline string
	var hasV, hasInline bool
	read := s.eachChild(func() bool {
		switch {
		case s.is(tokenStart, "v") && !hasV:
			v, hasV = s.textOf(), true
		case s.is(tokenStart, "f"):
			formula = true
			s.skip()
		case s.is(tokenStart, "is") && !hasInline:
			text, ok := r.stringItem(s)
			if !ok {
				return false
			}
			inline, hasInline = text, true
		default:
			return false
		}
		return true
	})
	if !read {
		return "", -1, false, false
	}
	value, job, ok = r.value(kind, style, v, inline, hasInline)
	return value, job, formula, ok
}

// cellAttrs are the attributes of a c element the library reads: its reference, type and
// style (nil when absent).
type cellAttrs struct{ ref, kind, style []byte }

// cellAttrsOf reads a c element's attributes in one pass; ok is false when one of them is
// given twice or holds a reference.
func cellAttrsOf(attrs []byte) (a cellAttrs, ok bool) {
	for {
		key, v, rest, ok := nextAttr(attrs)
		if !ok {
			return a, false
		}
		if key == nil {
			return a, true
		}
		attrs = rest
		var dst *[]byte
		switch string(localName(key)) {
		case "r":
			dst = &a.ref
		case "t":
			dst = &a.kind
		case "s":
			dst = &a.style
		default:
			continue
		}
		if *dst != nil || bytes.IndexByte(v, '&') >= 0 {
			return a, false
		}
		*dst = v
	}
}

// cellColumn returns the column of a cell reference written as spreadsheets write them (one to
// three capital letters, then a row number without leading zeros), within the sheet's
// bounds; ok is false for any other reference.
func cellColumn(ref []byte) (int, bool) {
	col, i := 0, 0
	for i < len(ref) && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || col > excelize.MaxColumns {
		return 0, false
	}
	row, ok := smallInt(ref[i:])
	if !ok || row < 1 || row > excelize.TotalRows || ref[i] == '0' {
		return 0, false
	}
	return col, true
}

// smallInt parses a decimal number of at most nine digits.
func smallInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// value gives a cell's value as the library does for its type, style, v element and inline
// string, or the number of the format job that gives it (else -1).
func (r *sheetReader) value(kind string, style int, v, inline string, hasInline bool) (string, int, bool) {
	switch kind {
	case "s":
		if v == "" {
			return r.text(style, "")
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return "", -1, false
		}
		table, ok := r.sharedTable()
		if !ok {
			return "", -1, false
		}
		if i < 0 || i >= len(table) {
			return "", -1, true // the library leaves such a cell empty
		}
		return r.text(style, table[i])
	case "str":
		return v, -1, true
	case "inlineStr":
		if hasInline {
			return r.text(style, inline)
		}
		return r.text(style, v)
	case "b":
		switch v {
		case "1":
			return "TRUE", -1, true
		case "0":
			return "FALSE", -1, true
		}
		return "", -1, false
	case "", "n", "e":
		if style == 0 {
			return plainNumber(v), -1, true
		}
		if kind == "e" || (v != "" && !isNumber(v)) {
			return "", -1, false
		}
		return r.format(formatKey{style: style, value: v})
	}
	return "", -1, false
}

// text gives a string cell's value: the text itself under a style that leaves text as it
// is, else the number of the job formatting it as the library does.
func (r *sheetReader) text(style int, text string) (string, int, bool) {
	if style == 0 || r.leavesText(style) {
		return text, -1, true
	}
	if text == "" || isNumber(text) || strings.Contains(text, "_x") || len(text) > excelize.TotalCellChars {
		return "", -1, false // the scratch cell would not hold this text as a string
	}
	return r.format(formatKey{style: style, text: true, value: text})
}

// leavesText reports whether a style's number format shows text as it is (General, or the
// text format "@"), as long as the workbook does not define its own formats under those ids.
func (r *sheetReader) leavesText(style int) bool {
	if v, ok := r.verbatim[style]; ok {
		return v
	}
	if !r.customTextFormatKnown {
		r.customTextFormat, r.customTextFormatKnown = definesTextFormat(r.wb), true
	}
	st, err := r.wb.GetStyle(style)
	v := err == nil && !r.customTextFormat && st.CustomNumFmt == nil && (st.NumFmt == 0 || st.NumFmt == 49)
	r.verbatim[style] = v
	return v
}

// definesTextFormat reports whether the workbook's styles define a format of their own under
// id 0 or 49, which the library would use in place of General or "@". It says true when the
// styles cannot be read.
func definesTextFormat(wb *excelize.File) bool {
	v, ok := wb.Pkg.Load("xl/styles.xml")
	if !ok {
		return false
	}
	data, _ := v.([]byte)
	var styles struct {
		NumFmts []struct {
			ID string `xml:"numFmtId,attr"`
		} `xml:"numFmts>numFmt"`
	}
	if err := xml.Unmarshal(data, &styles); err != nil {
		return true
	}
	for _, f := range styles.NumFmts {
		if id, err := strconv.Atoi(strings.TrimSpace(f.ID)); err != nil || id == 0 || id == 49 {
			return true
		}
	}
	return false
}

// sharedTable reads the workbook's shared strings once.
func (r *sheetReader) sharedTable() ([]string, bool) {
	if r.sharedRead {
		return r.sharedStrings, r.sharedOK
	}
	r.sharedRead = true
	v, ok := r.wb.Pkg.Load("xl/sharedStrings.xml")
	if !ok {
		return nil, false
	}
	data, _ := v.([]byte)
	s := &xmlScanner{data: data}
	for s.next() != tokenEnd && !s.is(tokenStart, "sst") {
	}
	if s.kind == tokenEnd {
		return nil, false
	}
	var table []string
	read := s.eachChild(func() bool {
		if !s.is(tokenStart, "si") {
			s.skip()
			return true
		}
		text, ok := r.stringItem(s)
		table = append(table, text)
		return ok
	})
	if !read {
		return nil, false
	}
	r.sharedStrings, r.sharedOK = table, true
	return table, true
}

// stringItem reads a shared or inline string (si or is element, standing on its start tag):
// its own text and that of its runs, without phonetic runs, as the library joins them.
func (r *sheetReader) stringItem(s *xmlScanner) (string, bool) {
	var b strings.Builder
	hasT := false
	read := s.eachChild(func() bool {
		switch {
		case s.is(tokenStart, "t"):
			if hasT || b.Len() > 0 {
				return false // a second text, or one after the runs: joined otherwise
			}
			hasT = true
			b.WriteString(s.textOf())
		case s.is(tokenStart, "r"):
			text, ok := runText(s)
			if !ok {
				return false
			}
			b.WriteString(text)
		default:
			s.skip()
		}
		return true
	})
	if !read {
		return "", false
	}
	return bstrUnmarshal(b.String()), true
}

// runText reads the text of a rich-text run (r element, standing on its start tag).
func runText(s *xmlScanner) (string, bool) {
	text, hasT := "", false
	read := s.eachChild(func() bool {
		if !s.is(tokenStart, "t") {
			s.skip()
			return true
		}
		if hasT {
			return false
		}
		text, hasT = s.textOf(), true
		return true
	})
	return text, read
}

// plainNumber writes an unstyled number cell's value as the library does: a number with
// more than 15 significant digits rounded to 15, any other written out in full.
func plainNumber(v string) string {
	if strings.Contains(v, "_") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	full := strconv.FormatFloat(f, 'f', -1, 64)
	if len(full)-strings.Count(full, ".") > 15 && !integerWithinPrecision(v) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return full
}

// integerWithinPrecision reports whether v is an integer whose digits past the 15th are
// zeros.
func integerWithinPrecision(v string) bool {
	if strings.ContainsAny(v, ".Ee") {
		return false
	}
	v = strings.TrimLeft(v, "+-0")
	return len(strings.TrimRight(v, "0")) <= 15
}

// isNumber reports whether v is a number as spreadsheets write them in cells: an optional
// minus, digits, optionally a point and digits, optionally an exponent.
func isNumber(v string) bool {
	i := 0
	if i < len(v) && v[i] == '-' {
		i++
	}
	digits := func() bool {
		start := i
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		return i > start
	}
	if !digits() {
		return false
	}
	if i < len(v) && v[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(v) && (v[i] == 'e' || v[i] == 'E') {
		i++
		if i < len(v) && (v[i] == '-' || v[i] == '+') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(v)
}

// escapedCharacter is a character a spreadsheet escapes as _xHHHH_ in a string.
var escapedCharacter = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrUnmarshal resolves the _xHHHH_ escapes of a spreadsheet string as the library does:
// _x005F_ is an underscore, and an escape that is no character is dropped.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range escapedCharacter.FindAllStringIndex(s, -1) {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			b.WriteByte('_')
			continue
		}
		r, _ := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`)
		b.WriteString(r)
	}
	b.WriteString(s[cursor:])
	return b.String()
}

// isWorksheetPath makes sure the library reads the sheet from where worksheetPath found it:
// it puts a one-cell worksheet there, reads the sheet, and puts the XML back.
func isWorksheetPath(wb *excelize.File, sheet, where string) bool {
	v, ok := wb.Pkg.Load(where)
	if !ok {
		return false
	}
	const mark = "rivals-probe"
	wb.Pkg.Store(where, []byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`+mark+`</t></is></c></row></sheetData></worksheet>`))
	rows, err := wb.Rows(sheet)
	wb.Pkg.Store(where, v)
	if err != nil {
		return false
	}
	defer rows.Close()
	if !rows.Next() {
		return false
	}
	cells, err := rows.Columns()
	return err == nil && len(cells) == 1 && cells[0] == mark
}

// worksheetPath returns where a workbook keeps a worksheet's XML, as the library finds it:
// the sheet's relationship target in the workbook's relationships.
func worksheetPath(wb *excelize.File, sheet string) (string, bool) {
	book, ok1 := wb.Pkg.Load("xl/workbook.xml")
	rels, ok2 := wb.Pkg.Load("xl/_rels/workbook.xml.rels")
	if !ok1 || !ok2 {
		return "", false
	}
	var w struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var r struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	b1, _ := book.([]byte)
	b2, _ := rels.([]byte)
	if xml.Unmarshal(b1, &w) != nil || xml.Unmarshal(b2, &r) != nil {
		return "", false
	}
	for _, s := range w.Sheets {
		if s.Name != sheet || s.ID == "" {
			continue
		}
		for _, rel := range r.Rels {
			if rel.ID != s.ID {
				continue
			}
			target := path.Clean("xl/" + rel.Target)
			if strings.HasPrefix(rel.Target, "/") {
				target = strings.TrimPrefix(path.Clean(rel.Target), "/")
			}
			return target, isWorksheetPath(wb, sheet, target)
		}
	}
	return "", false
}

package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
)

// cellNewline stands for a line break inside a cell of a built table (a private-use
// character, never in a file rivals reads as text).
const cellNewline = "\ue000"

// transposed builds the table of t's file turned a quarter: its first column becomes the
// header, each later column a row. Places in it map back to the file's own line and column.
func transposed(t *table) (*table, error) {
	r := csv.NewReader(bytes.NewReader(t.data))
	r.Comma = t.comma
	r.FieldsPerRecord = -1
	type place struct{ line, col int }
	var rows [][]string
	var at [][]place
	width := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, t.readError(err)
		}
		if allBlank(rec) {
			continue
		}
		pos := make([]place, len(rec))
		for j := range rec {
			l, c := r.FieldPos(j)
			if t.layout != nil {
				pos[j].line, pos[j].col = t.layout.place(l, j) // a workbook's sheet: its row and column
			} else {
				pos[j] = place{l, t.charCol(l, c)}
			}
		}
		rows, at = append(rows, rec), append(at, pos)
		width = max(width, len(rec))
	}
	if len(rows) > MaxColumns {
		return nil, &Problem{File: t.file, Msg: "has more rows than a transposed matrix may have products (10,000)"}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = t.comma
	out := make([]string, len(rows))
	for j := range width {
		for i, rec := range rows {
			out[i] = ""
			if j < len(rec) {
				out[i] = strings.ReplaceAll(rec[j], "\n", cellNewline)
			}
		}
		if j == 0 {
			out[0] = "Feature" // the corner names what the rows were (products); now they are features
		}
		if err := w.Write(out); err != nil {
			return nil, err
		}
	}
	w.Flush()
	// Line L of the built text is column L of the file; its field f is the file's row f.
	lay := &layout{newline: cellNewline, place: func(line, field int) (int, int) {
		if field < 0 {
			field = 0
		}
		if field >= len(at) {
			return 0, 0
		}
		if line-1 < len(at[field]) {
			p := at[field][line-1]
			return p.line, p.col
		}
		return at[field][0].line, line
	}}
	return openText(t.file, b.Bytes(), t.comma, lay, t.progress)
}

// transposeVerdict says whether a file looks like a matrix with products as rows.
type transposeVerdict int

const (
	notTransposed transposeVerdict = iota
	looksTransposed
	mayBeTransposed // unsure: the header names known features, the rows no known products
)

// transposeLook judges from the header and the first rows whether products are the rows:
// the first column names known competitors, the header names none, and the cells are
// matrix levels. When the header names known features but the first column names too few
// known products to be sure, reading it either way could create competitors named after
// features, so the verdict is unsure.
func transposeLook(t *table, k *known) transposeVerdict {
	if len(t.header) < 2 {
		return notTransposed
	}
	for _, h := range t.header[1:] {
		if _, ok := k.competitor(h); ok || namesAField(h) {
			return notTransposed // a column of products, or one a kind of file names (Is Self, Status)
		}
	}
	features := 0
	for _, h := range t.header[1:] {
		if _, ok := k.feature(h); ok {
			features++
		}
	}
	named, products, cells, levels := 0, 0, 0, 0
	for _, rec := range t.sample(sampleRows) {
		if len(rec) == 0 || strings.TrimSpace(rec[0]) == "" {
			continue
		}
		named++
		if _, ok := k.competitor(strings.TrimSpace(rec[0])); ok {
			products++
		}
		for _, c := range rec[1:] {
			if c = strings.TrimSpace(c); c != "" {
				cells++
				if level, _, _, ok := ParseCell(c); ok && level != "" {
					levels++
				}
			}
		}
	}
	if cells == 0 || levels*2 < cells {
		return notTransposed
	}
	switch {
	case products >= 2 && products*2 >= named:
		return looksTransposed
	case features > 0:
		return mayBeTransposed
	}
	return notTransposed
}

// namesAField reports whether a header is a column name of some kind of file.
func namesAField(header string) bool {
	name, _ := normHeader(header)
	for _, fields := range specs {
		for _, fd := range fields {
			if slices.Contains(fd.names, name) {
				return true
			}
		}
	}
	return false
}

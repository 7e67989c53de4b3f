package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// decode returns the file's text as UTF-8 without a byte-order mark. UTF-8 files may start with
// a BOM; UTF-16 files (what spreadsheets save as "Unicode text") must, in either byte order.
func decode(name string, data []byte) ([]byte, error) {
	if len(data) > MaxFileSize {
		return nil, tooLarge(name, len(data))
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(name, data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(name, data[2:], true)
	}
	if utf8.Valid(data) {
		if looksUTF16(data) {
			return nil, &Problem{File: name, Msg: "looks like UTF-16 text without a byte-order mark; save it as \"CSV UTF-8\" or as UTF-16 with a BOM"}
		}
		return data, nil
	}
	// Point at the first byte that is not UTF-8, so the user can see which character it is.
	off := 0
	for off < len(data) {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	line := bytes.Count(data[:off], []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(data[:off], '\n') + 1
	col := utf8.RuneCount(data[lineStart:off]) + 1
	return nil, &Problem{File: name, Line: line, Column: col,
		Msg: fmt.Sprintf("byte 0x%02X is not UTF-8 (the file may be in a legacy encoding such as Windows-1252); save it as \"CSV UTF-8\" or UTF-16 text", data[off])}
}

// looksUTF16 spots UTF-16 saved without a BOM: ASCII text then has a NUL byte beside every
// character, which is valid UTF-8 but never what a spreadsheet means.
func looksUTF16(data []byte) bool {
	head := data[:min(len(data), 512)]
	return len(head) >= 4 && bytes.Count(head, []byte{0}) > len(head)/4
}

// decodeUTF16 converts UTF-16 (after its BOM) to UTF-8, refusing unpaired surrogates.
func decodeUTF16(name string, data []byte, bigEndian bool) ([]byte, error) {
	if len(data)%2 != 0 {
		return nil, &Problem{File: name, Msg: "is UTF-16 (it starts with a byte-order mark) but has an odd number of bytes; it is cut short or not UTF-16"}
	}
	unit := func(i int) uint16 {
		if bigEndian {
			return uint16(data[i])<<8 | uint16(data[i+1])
		}
		return uint16(data[i+1])<<8 | uint16(data[i])
	}
	out := make([]byte, 0, len(data)/2+len(data)/8)
	line, col := 1, 1
	for i := 0; i < len(data); i += 2 {
		u := unit(i)
		r := rune(u)
		if utf16.IsSurrogate(r) {
			high := r
			r = utf8.RuneError
			if high < 0xDC00 && i+3 < len(data) {
				r = utf16.DecodeRune(high, rune(unit(i+2)))
				i += 2
			}
			if r == utf8.RuneError {
				return nil, &Problem{File: name, Line: line, Column: col, Msg: "is not valid UTF-16 (an unpaired surrogate)"}
			}
		}
		out = utf8.AppendRune(out, r)
		col++
		if r == '\n' {
			line, col = line+1, 1
		}
	}
	return out, nil
}

// sepLine reports the delimiter named by Excel's optional first line "sep=;".
func sepLine(data []byte) (rune, bool) {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	if len(line) == 5 && bytes.EqualFold(line[:4], []byte("sep=")) && bytes.IndexByte([]byte(",;\t|"), line[4]) >= 0 {
		return rune(line[4]), true
	}
	return 0, false
}

// delimiters are the field separators sniffed, in order of preference on a tie.
var delimiters = []rune{',', ';', '\t'}

// sniff picks the delimiter that splits the first rows (the header above all) into the most
// columns, consistently: the same count on every row, quotes respected.
func sniff(data []byte) rune {
	if c, ok := sepLine(data); ok {
		return c
	}
	head := data
	if len(head) > 64<<10 {
		// Cut at a line end; a quoted field may still straddle the cut, which only costs the
		// rows after it.
		head = head[:64<<10]
		if i := bytes.LastIndexByte(head, '\n'); i > 0 {
			head = head[:i+1]
		}
	}
	best, bestScore := ',', -1
	for _, c := range delimiters {
		if s := delimiterScore(head, c); s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}

// delimiterScore rates a delimiter: 0 when it does not split the header, else the share of the
// following rows with as many fields as the header (in percent) plus the header's width.
func delimiterScore(head []byte, c rune) int {
	r := csv.NewReader(bytes.NewReader(head))
	r.Comma = c
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil || len(header) < 2 {
		return 0
	}
	width := len(header)
	rows, matching := 0, 0
	for rows < 50 {
		rec, err := r.Read()
		if err != nil {
			if _, ok := err.(*csv.ParseError); ok {
				rows++ // a row the delimiter cannot parse counts against it
			}
			break
		}
		rows++
		if len(rec) == width {
			matching++
		}
	}
	if rows == 0 {
		return 100 + width
	}
	return matching*100/rows + width
}

// ByteSize renders a size for messages: "256 MB", "300.2 MB", "900.5 KB".
func ByteSize(n int64) string {
	unit, name := int64(1), "bytes"
	switch {
	case n >= 1<<30:
		unit, name = 1<<30, "GB"
	case n >= 1<<20:
		unit, name = 1<<20, "MB"
	case n >= 1<<10:
		unit, name = 1<<10, "KB"
	}
	if n%unit == 0 {
		return fmt.Sprintf("%d %s", n/unit, name)
	}
	// Rounded up, so a size just over a limit never reads as the limit itself.
	tenths := (n*10 + unit - 1) / unit
	return fmt.Sprintf("%d.%d %s", tenths/10, tenths%10, name)
}

// tooLarge is the problem of a file over MaxFileSize.
func tooLarge(name string, size int) *Problem {
	return &Problem{File: name, Msg: fmt.Sprintf("is %s; files over %s are not read (split it into smaller files)", ByteSize(int64(size)), ByteSize(MaxFileSize))}
}

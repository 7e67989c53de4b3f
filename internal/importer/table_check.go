package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// errReadWhole says a file cannot be read as its rows are (UTF-16 text, which is converted
// whole): the caller reads it whole instead.
var errReadWhole = errors.New("the file must be read whole")

// File is a delimited text file read where it lies, as its rows are, rather than whole.
type File struct {
	// Name names the file in messages.
	Name string
	// R reads the file's bytes, Size of them.
	R    io.ReaderAt
	Size int64
}

// textCheck checks text as it is read, as decode and checkRows check a whole file before
// it is parsed: valid UTF-8, no row over MaxRowSize bytes or MaxColumns fields. Its problems
// are the ones those give.
type textCheck struct {
	file  string
	comma byte
	// The rows: the line being read, where the current row started (offset, line), its
	// fields so far, and where the quoting stands.
	pos, rowStart               int64
	line, startLine, fields     int
	quoted, quoteSeen, fieldEnd bool
	// UTF-8: the bytes of a character cut by the end of the last chunk, and the characters
	// read since the last line break.
	carry []byte
	col   int
}

func newTextCheck(file string, comma rune) *textCheck {
	return &textCheck{file: file, comma: byte(comma), line: 1, startLine: 1, fields: 1, fieldEnd: true}
}

// feed checks the next chunk of the text; final says it is the last.
func (c *textCheck) feed(p []byte, final bool) *Problem {
	if p := c.utf8(p, final); p != nil {
		return p
	}
	return c.rows(p)
}

// rows follows checkRows over a chunk.
func (c *textCheck) rows(p []byte) *Problem {
	for _, b := range p {
		i := c.pos
		c.pos++
		if i-c.rowStart > MaxRowSize {
			return &Problem{File: c.file, Line: c.startLine, Column: 1,
				Msg: fmt.Sprintf("row is over %s; rows over %s are not read", ByteSize(MaxRowSize), ByteSize(MaxRowSize))}
		}
		if c.quoted {
			switch {
			case c.quoteSeen && b == '"': // a doubled quote: still quoted
				c.quoteSeen = false
				continue
			case c.quoteSeen: // the quote closed the field; b is outside it
				c.quoted, c.quoteSeen = false, false
			case b == '"':
				c.quoteSeen = true
				continue
			case b == '\n':
				c.line++
				continue
			default:
				continue
			}
		}
		switch {
		case b == '"' && c.fieldEnd:
			c.quoted = true
		case b == '\n':
			c.line++
			c.startLine, c.rowStart, c.fields = c.line, i+1, 1
			c.fieldEnd = true
			continue
		case b == c.comma:
			if c.fields++; c.fields > MaxColumns {
				return &Problem{File: c.file, Line: c.startLine, Column: 1,
					Msg: fmt.Sprintf("row has more than %d fields; rows with more are not read", MaxColumns)}
			}
			c.fieldEnd = true
			continue
		}
		c.fieldEnd = false
	}
	return nil
}

// utf8 checks that a chunk continues the text as UTF-8; a character cut by the chunk's end is
// checked with the next one.
func (c *textCheck) utf8(p []byte, final bool) *Problem {
	b := p
	if len(c.carry) > 0 {
		b = append(c.carry, p...)
	}
	n := len(b)
	if !final {
		for k := 1; k <= 3 && k <= n; k++ {
			if utf8.RuneStart(b[n-k]) {
				if !utf8.FullRune(b[n-k:]) {
					n -= k
				}
				break
			}
		}
	}
	text := b[:n]
	if !utf8.Valid(text) {
		off := 0
		for off < len(text) {
			r, size := utf8.DecodeRune(text[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col := c.line+bytes.Count(text[:off], []byte("\n")), c.col
		if i := bytes.LastIndexByte(text[:off], '\n'); i >= 0 {
			col = utf8.RuneCount(text[i+1 : off])
		} else {
			col += utf8.RuneCount(text[:off])
		}
		return &Problem{File: c.file, Line: line, Column: col + 1,
			Msg: fmt.Sprintf("byte 0x%02X is not UTF-8 (the file may be in a legacy encoding such as Windows-1252); save it as \"CSV UTF-8\" or UTF-16 text", text[off])}
	}
	if i := bytes.LastIndexByte(text, '\n'); i >= 0 {
		c.col = utf8.RuneCount(text[i+1:])
	} else {
		c.col += utf8.RuneCount(text)
	}
	c.carry = append(c.carry[:0], b[n:]...)
	return nil
}

// CheckTextStart checks the start of a file that will be read where it lies, as its rows are,
// refusing what a whole read would refuse from its start on: UTF-16 text without a byte-order
// mark, or bytes that are not UTF-8 (a character cut by the end of head is not one).
func CheckTextStart(name string, head []byte) error {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil // UTF-16, read whole
	}
	if looksUTF16(head) {
		return &Problem{File: name, Msg: "looks like UTF-16 text without a byte-order mark; save it as \"CSV UTF-8\" or as UTF-16 with a BOM"}
	}
	if p := newTextCheck(name, ',').utf8(head, false); p != nil {
		return p
	}
	return nil
}

// checkedReader reads text through a textCheck, failing with its problem.
type checkedReader struct {
	r     io.Reader
	check *textCheck
	err   error
}

func (cr *checkedReader) Read(p []byte) (int, error) {
	if cr.err != nil {
		return 0, cr.err
	}
	n, err := cr.r.Read(p)
	if prob := cr.check.feed(p[:n], errors.Is(err, io.EOF)); prob != nil {
		cr.err = prob
		return 0, prob
	}
	return n, err
}

// openFileTable opens a delimited text file where it lies, to be read as its rows are: the
// byte-order mark and delimiter are found from its start, and the text is checked as it is
// read. UTF-16 text gives errReadWhole.
func openFileTable(f File, progress func(int, int64, int64)) (*table, error) {
	head := make([]byte, min(f.Size, 64<<10))
	n, err := f.R.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, &Problem{File: f.Name, Msg: err.Error()}
	}
	head = head[:n]
	start := int64(0)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		start = 3
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, errReadWhole
	}
	if err := CheckTextStart(f.Name, head); err != nil {
		return nil, err
	}
	head = head[start:]
	comma := sniff(head)
	size := f.Size - start
	t := &table{file: f.Name, src: io.NewSectionReader(f.R, start, size), size: size, comma: comma, progress: progress}
	t.checked = &checkedReader{r: io.NewSectionReader(t.src, 0, size), check: newTextCheck(f.Name, comma)}
	t.r = t.csvReader(t.checked)
	return t.readHeader(head)
}

// textProblem returns what checking the text as it was read found wrong, or nil.
func (t *table) textProblem() *Problem {
	if t.checked == nil {
		return nil
	}
	p, _ := t.checked.err.(*Problem)
	return p
}

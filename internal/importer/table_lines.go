package importer

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// lineIndex finds lines in a table's text without holding an entry per line: it marks a line
// start about every lineMarkEvery bytes, and counts line breaks from the nearest mark. It is
// built as far into the text as a question needs, so that a file read as its rows are is not
// read ahead of them.
type lineIndex struct {
	marks []lineMark
	// scanned is how far the marks are built: a line start (or the end of the text), which is
	// line scannedLine.
	scanned     int64
	scannedLine int
}

// lineMark is the start of line line at byte offset off.
type lineMark struct {
	off  int64
	line int
}

const lineMarkEvery = 4096

// span returns up to n bytes of the text from offset off (fewer at its end).
func (t *table) span(off, n int64) []byte {
	if off >= t.size || n <= 0 {
		return nil
	}
	n = min(n, t.size-off)
	if t.data != nil {
		return t.data[off : off+n]
	}
	buf := make([]byte, n)
	read, _ := t.src.ReadAt(buf, off)
	return buf[:read]
}

// scanLines builds the marks up to offset upTo, or until line upToLine is reached.
func (t *table) scanLines(upTo int64, upToLine int) {
	x := &t.lines
	if x.marks == nil {
		x.marks, x.scannedLine = []lineMark{{0, 1}}, 1
	}
	for x.scanned < t.size && x.scanned <= upTo && x.scannedLine < upToLine {
		block := t.span(x.scanned, 64<<10)
		if len(block) == 0 {
			x.scanned = t.size
			break
		}
		end := bytes.LastIndexByte(block, '\n')
		if end < 0 {
			if x.scanned+int64(len(block)) < t.size {
				// A line longer than a block: mark nothing in it, go on past it.
				x.scanned += int64(len(block))
				continue
			}
			x.scanned = t.size
			break
		}
		last := x.marks[len(x.marks)-1].off
		for i := 0; i <= end; {
			j := bytes.IndexByte(block[i:end+1], '\n')
			i += j + 1
			x.scannedLine++
			if off := x.scanned + int64(i); off-last >= lineMarkEvery {
				x.marks = append(x.marks, lineMark{off, x.scannedLine})
				last = off
			}
		}
		x.scanned += int64(end + 1)
	}
}

// lineAt returns the 1-based line holding byte offset off.
func (t *table) lineAt(off int64) int {
	off = min(off, t.size)
	t.scanLines(off, int(^uint(0)>>1))
	m := t.markBefore(func(m lineMark) bool { return m.off > off })
	return m.line + bytes.Count(t.span(m.off, off-m.off), []byte("\n"))
}

// lineStart returns the byte offset where a 1-based line starts (the end of the text when
// there is no such line).
func (t *table) lineStart(line int) int {
	if line < 1 {
		return int(t.size)
	}
	t.scanLines(t.size, line)
	m := t.markBefore(func(m lineMark) bool { return m.line > line })
	off, l := m.off, m.line
	for l < line {
		block := t.span(off, 64<<10)
		if len(block) == 0 {
			return int(t.size)
		}
		i := 0
		for l < line {
			j := bytes.IndexByte(block[i:], '\n')
			if j < 0 {
				i = len(block)
				break
			}
			i += j + 1
			l++
		}
		off += int64(i)
	}
	return int(off)
}

// markBefore returns the last mark for which after is false (marks are in order).
func (t *table) markBefore(after func(lineMark) bool) lineMark {
	marks := t.lines.marks
	i := sort.Search(len(marks), func(i int) bool { return after(marks[i]) })
	return marks[max(i-1, 0)]
}

// charCol converts a 1-based byte column on a line to a 1-based character column.
func (t *table) charCol(line, byteCol int) int {
	start := int64(t.lineStart(line))
	end := min(start+int64(byteCol)-1, t.size)
	if end <= start {
		return 1
	}
	return utf8.RuneCount(t.span(start, end-start)) + 1
}

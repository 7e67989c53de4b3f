package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// File is a catalog file read where it lies, a window at a time: its name for messages, its
// bytes and their number.
type File struct {
	Name string
	R    io.ReaderAt
	Size int64
	data []byte // the bytes, when the file is held in memory
}

// FileOf is a catalog file held in memory.
func FileOf(name string, data []byte) File {
	return File{Name: name, R: bytes.NewReader(data), Size: int64(len(data)), data: data}
}

// Batch is some records of one kind, in file order.
type Batch struct {
	Kind string
	// First is the place, among all the file's records of Kind, of the first record here.
	First   int
	Records model.Catalog
	// Last says that no record of Kind follows in the file.
	Last bool
}

// StreamOptions tune a Stream.
type StreamOptions struct {
	// Reread is the largest file that, when streaming meets a problem, is read again whole
	// so that the problem reported is the one Decode reports (a problem with the text
	// before one with a record, the first in file order otherwise). A larger file reports
	// the first problem met, in file order.
	Reread int64
	// BatchRecords is the most records a batch holds; 0 means DefaultBatchRecords.
	BatchRecords int
	readChunk    int64 // bytes read at a time; 0 means readChunk (tests read less)
}

// DefaultBatchRecords is how many records a batch holds at most. A batch also ends after
// batchBytes of records, so memory stays small whatever their size.
const DefaultBatchRecords = 8192

const (
	batchBytes = 4 << 20 // a batch ends once its records take this much of the file
	readChunk  = 4 << 20 // the file is read this much at a time
	// MaxRecordSize is the largest record a streamed file may hold, as written (64 MB):
	// every text field of a record is limited to far less.
	MaxRecordSize = 64 << 20
)

// Stream reads a catalog file list by list, in batches of records, checking each record as
// Decode does, so that a file of any size is read in little memory.
type Stream struct {
	file  File
	opt   StreamOptions
	start int64            // where the text starts, after a byte order mark
	lists map[string]int64 // kind → offset of the key of its last list
}

// NewStream prepares to read f: a first quick pass finds which kinds its lists hold.
func NewStream(f File, opt StreamOptions) *Stream {
	if opt.BatchRecords <= 0 {
		opt.BatchRecords = DefaultBatchRecords
	}
	if opt.readChunk <= 0 {
		opt.readChunk = readChunk
	}
	s := &Stream{file: f, opt: opt}
	bom := make([]byte, 3)
	if n, _ := f.R.ReadAt(bom, 0); n == 3 && string(bom) == "\xef\xbb\xbf" {
		s.start = 3
	}
	s.lists = scanLists(f.R, f.Size, s.start)
	return s
}

// Kinds lists the kinds the file gives lists of, in the order of model.CatalogKinds; on a
// file the stream will refuse, it may list fewer.
func (s *Stream) Kinds() []string {
	var out []string
	for _, k := range model.CatalogKinds {
		if _, ok := s.lists[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

// Run reads the file and hands each batch to emit as soon as it is checked and decoded;
// every kind's last batch says so, even when it is empty. An error stops it: batches emitted
// before it were valid, but the file as a whole is refused. The Index locates records for
// errors found later.
func (s *Stream) Run(emit func(Batch)) (*Index, error) {
	ix := &Index{file: s.file.Name, src: s.file.R, origin: s.start, size: s.file.Size, starts: map[string][]int64{}}
	w := &window{r: s.file.R, size: s.file.Size, base: s.start, hold: s.start, chunk: s.opt.readChunk}
	err := s.walk(w, ix, emit)
	if err == nil {
		return ix, nil
	}
	if s.file.Size <= s.opt.Reread {
		data := s.file.data
		if data == nil {
			data = make([]byte, s.file.Size)
			if _, rerr := s.file.R.ReadAt(data, 0); rerr != nil && !errors.Is(rerr, io.EOF) {
				return ix, err
			}
		}
		if _, whole, werr := Decode(s.file.Name, data); werr != nil {
			return whole, werr
		}
	}
	return ix, err
}

// walk reads the catalog object.
func (s *Stream) walk(w *window, ix *Index, emit func(Batch)) error {
	p, err := w.skipSpace(s.start)
	if err != nil {
		return err
	}
	c, ok := w.at(p)
	if !ok {
		return &LocatedError{File: ix.file, Msg: "file is empty"}
	}
	if c != '{' {
		if bytes.IndexByte([]byte(`["-0123456789tfn`), c) < 0 {
			return ix.syntaxFrom(w, p, "looking for beginning of value")
		}
		return ix.errorAt(p, "", notAnObject)
	}
	seenVersion := false
	for members := 0; ; members++ {
		if p, err = w.skipSpace(p + 1); err != nil {
			return err
		}
		w.hold = p
		if c, _ := w.at(p); c == '}' && members == 0 {
			break
		}
		keyOff := p
		key, end, err := s.key(w, ix, p)
		if err != nil {
			return err
		}
		if p, err = w.expect(ix, end, ':'); err != nil {
			return err
		}
		if p, err = w.skipSpace(p + 1); err != nil {
			return err
		}
		if key == "version" {
			raw, end, err := w.value(ix, p)
			if err != nil {
				return err
			}
			if !json.Valid(raw) {
				return ix.syntaxAt(p, raw)
			}
			if _, err := ix.version(p, raw); err != nil {
				return err
			}
			seenVersion, p = true, end
		} else {
			open, _ := w.at(p)
			kind, err := ix.listKind(key, keyOff, p, open)
			if err != nil {
				return err
			}
			last, known := s.lists[key]
			if !known {
				return ix.errorAt(keyOff, key, "cannot be read (the file changed while it was read)")
			}
			if p, err = s.list(w, ix, key, kind, p+1, last == keyOff, emit); err != nil {
				return err
			}
		}
		if p, err = w.skipSpace(p); err != nil {
			return err
		}
		if c, _ := w.at(p); c == '}' {
			break
		} else if c != ',' {
			return ix.syntaxFrom(w, p, "after object key:value pair")
		}
	}
	if end, err := w.skipSpace(p + 1); err != nil {
		return err
	} else if end < w.size {
		return ix.syntaxFrom(w, end, "after top-level value")
	}
	if !seenVersion {
		return ix.errorAt(0, "version", versionRequired)
	}
	return nil
}

// key reads the object key at p and returns it and the offset after it.
func (s *Stream) key(w *window, ix *Index, p int64) (string, int64, error) {
	if c, _ := w.at(p); c != '"' {
		return "", 0, ix.syntaxFrom(w, p, "looking for beginning of object key string")
	}
	raw, end, err := w.value(ix, p)
	if err != nil {
		return "", 0, err
	}
	if off := invalidUTF8(raw); off >= 0 {
		return "", 0, ix.errorAt(p+int64(off), "", notUTF8(raw[off]))
	}
	if !json.Valid(raw) {
		return "", 0, ix.syntaxAt(p, raw)
	}
	key, err := jsonKey(raw)
	if err != nil {
		return "", 0, ix.errorAt(p, "", err.Error())
	}
	return key, end, nil
}

// recordSpan is where one record sits in the file: [start, end).
type recordSpan struct{ start, end int64 }

// list reads the records of one list, from just after its '[' at p, and returns the offset
// after its ']'.
func (s *Stream) list(w *window, ix *Index, key string, kind recordKind, p int64, lastList bool, emit func(Batch)) (int64, error) {
	var batch []recordSpan
	batchFirst := len(ix.starts[key])
	flush := func(last bool) error {
		if len(batch) == 0 && !last {
			return nil
		}
		els := make([]element, len(batch))
		for k, sp := range batch {
			els[k] = element{start: int(sp.start), raw: w.bytes(sp.start, sp.end)}
		}
		var part model.Catalog
		_, err := kind.decodeAll(&part, els, func(k int, raw []byte, v any) error {
			start := batch[k].start
			if off := invalidUTF8(raw); off >= 0 {
				return ix.errorAt(start+int64(off), "", notUTF8(raw[off]))
			}
			if !json.Valid(raw) {
				return ix.syntaxAt(start, raw)
			}
			return ix.checkRecord(key, batchFirst+k, start, raw, kind.typ, v)
		})
		if err != nil {
			return err
		}
		emit(Batch{Kind: key, First: batchFirst, Records: part, Last: last})
		batchFirst += len(batch)
		batch = batch[:0]
		return nil
	}
	p, err := w.skipSpace(p)
	if err != nil {
		return 0, err
	}
	if c, _ := w.at(p); c == ']' {
		return p + 1, flush(lastList)
	}
	for {
		if len(batch) == 0 {
			w.hold = p
		}
		_, end, err := w.value(ix, p)
		if err != nil {
			return 0, err
		}
		batch = append(batch, recordSpan{p, end})
		ix.starts[key] = append(ix.starts[key], p)
		if len(batch) >= s.opt.BatchRecords || end-batch[0].start >= batchBytes {
			if err := flush(false); err != nil {
				return 0, err
			}
		}
		if p, err = w.skipSpace(end); err != nil {
			return 0, err
		}
		switch c, _ := w.at(p); c {
		case ',':
			if p, err = w.skipSpace(p + 1); err != nil {
				return 0, err
			}
			continue
		case ']':
			return p + 1, flush(lastList)
		}
		return 0, ix.syntaxFrom(w, p, "after array element")
	}
}

// syntaxAt explains why raw, written at off, is not JSON.
func (ix *Index) syntaxAt(off int64, raw []byte) error {
	var v json.RawMessage
	return ix.syntaxError(off, json.Unmarshal(raw, &v))
}

// syntaxFrom explains an unexpected byte (or the end of the file) at p.
func (ix *Index) syntaxFrom(w *window, p int64, context string) error {
	c, ok := w.at(p)
	if !ok {
		return ix.errorAt(p, "", "invalid JSON: unexpected end of JSON input")
	}
	if c >= utf8.RuneSelf {
		w.fill(p + utf8.UTFMax)
		if r, _ := utf8.DecodeRune(w.bytes(p, min(p+utf8.UTFMax, w.base+int64(len(w.buf))))); r == utf8.RuneError {
			return ix.errorAt(p, "", notUTF8(c))
		}
	}
	return ix.errorAt(p, "", fmt.Sprintf("invalid JSON: invalid character %s %s", quoteChar(c), context))
}

// quoteChar writes a byte as encoding/json's messages do.
func quoteChar(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c == '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// window is the part of a file in memory: it moves on as the file is read, keeping the bytes
// from hold on.
type window struct {
	r     io.ReaderAt
	size  int64
	buf   []byte // the file's bytes from base
	base  int64
	hold  int64 // bytes from here on must stay
	chunk int64 // bytes read at a time
	err   error // a read failed
}

// fill makes the window reach to (or the end of the file).
func (w *window) fill(to int64) error {
	if w.err != nil {
		return w.err
	}
	have := w.base + int64(len(w.buf))
	if to <= have || have >= w.size {
		return nil
	}
	if drop := w.hold - w.base; drop > 0 {
		n := copy(w.buf, w.buf[drop:])
		w.buf, w.base = w.buf[:n], w.hold
	}
	want := min(max(to, have+w.chunk)-w.base, w.size-w.base)
	if want > int64(cap(w.buf)) {
		grown := make([]byte, len(w.buf), max(want, 2*int64(cap(w.buf))))
		copy(grown, w.buf)
		w.buf = grown
	}
	n, err := w.r.ReadAt(w.buf[len(w.buf):want], w.base+int64(len(w.buf)))
	w.buf = w.buf[:len(w.buf)+n]
	if err != nil && !errors.Is(err, io.EOF) {
		w.err = err
		return err
	}
	if n == 0 {
		// The file is shorter than it was: read as if it ended here.
		w.size = w.base + int64(len(w.buf))
	}
	return nil
}

// at returns the byte at p; false past the end of the file.
func (w *window) at(p int64) (byte, bool) {
	if w.fill(p+1) != nil || p >= w.base+int64(len(w.buf)) {
		return 0, false
	}
	return w.buf[p-w.base], true
}

// bytes returns the bytes [from, to), which must be in the window.
func (w *window) bytes(from, to int64) []byte {
	return w.buf[from-w.base : to-w.base]
}

// skipSpace returns the offset of the first byte at or after p that is not JSON white space.
func (w *window) skipSpace(p int64) (int64, error) {
	for {
		c, ok := w.at(p)
		if !ok {
			return p, w.err
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return p, nil
		}
		p++
	}
}

// expect skips white space from p to the byte c and returns its offset.
func (w *window) expect(ix *Index, p int64, c byte) (int64, error) {
	p, err := w.skipSpace(p)
	if err != nil {
		return 0, err
	}
	if got, _ := w.at(p); got != c {
		return 0, ix.syntaxFrom(w, p, "after object key")
	}
	return p, nil
}

// value finds the end of the value starting at p, reading on as far as it takes, and returns
// its bytes (valid until the window moves) and the offset after it.
func (w *window) value(ix *Index, p int64) ([]byte, int64, error) {
	if w.hold > p {
		w.hold = p
	}
	for {
		local := w.buf[p-w.base:]
		atEOF := w.base+int64(len(w.buf)) >= w.size
		if n, ok := scanValue(local, 0, atEOF); ok {
			return local[:n], p + int64(n), nil
		}
		if int64(len(local)) > MaxRecordSize {
			return nil, 0, ix.errorAt(p, "", fmt.Sprintf("a value of more than %s; values over %s are not read", megabytes(MaxRecordSize), megabytes(MaxRecordSize)))
		}
		if err := w.fill(w.base + int64(len(w.buf)) + w.chunk); err != nil {
			return nil, 0, err
		}
	}
}

// scanValue returns the offset just past the JSON value starting at off. ok is false when
// data ends first and more may follow (not atEOF). On text that is not JSON it stops at a
// plausible end, for the caller's check to explain.
func scanValue(data []byte, off int, atEOF bool) (end int, ok bool) {
	depth := 0
	for i := off; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if i >= len(data) {
				return len(data), atEOF
			}
			if depth == 0 {
				return i + 1, true
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				return i + 1, true
			}
		case ' ', '\t', '\r', '\n', ',', ':':
			if depth == 0 {
				return i, true
			}
		default:
			if depth == 0 {
				// A number or a literal: it ends at a delimiter.
				for i < len(data) && !isDelimiter(data[i]) {
					i++
				}
				if i == len(data) && !atEOF {
					return 0, false
				}
				return i, true
			}
		}
	}
	return len(data), atEOF
}

// isDelimiter reports whether c ends a number or a literal.
func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

// scanLists walks the top-level keys of the catalog object in r, reading it a chunk at a
// time, and returns the offset of the last key of each name. It stops early, without failing,
// on what is not JSON.
func scanLists(r io.ReaderAt, size, start int64) map[string]int64 {
	last := map[string]int64{}
	var (
		depth     int
		inString  bool
		escaped   bool
		expectKey bool
		keyStart  int64
		key       []byte // the top-level key being read, with its quotes
	)
	buf := make([]byte, 1<<20)
	for at := start; at < size; {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), size-at)], at)
		for i, c := range buf[:n] {
			if depth == 0 && c != '{' && c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				return last // not a catalog object
			}
			if inString {
				if key != nil {
					key = append(key, c)
				}
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				case c == '"':
					inString = false
					if key != nil {
						if k, err := jsonKey(key); err == nil {
							last[k] = keyStart
						}
						key = nil
					}
				}
				continue
			}
			switch c {
			case '"':
				inString = true
				if depth == 1 && expectKey {
					keyStart, key, expectKey = at+int64(i), []byte{'"'}, false
				}
			case '{', '[':
				depth++
				expectKey = depth == 1
			case '}', ']':
				depth--
				if depth <= 0 {
					return last
				}
			case ',':
				expectKey = depth == 1
			}
		}
		at += int64(n)
		if err != nil && n == 0 {
			break
		}
	}
	return last
}

package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// LocatedError is a problem at a known place in a catalog file.
type LocatedError struct {
	File      string
	Line, Col int    // 1-based; 0 when unknown
	Path      string // JSON path such as "competitors[3].threat"; may be empty
	Msg       string
}

// Error renders "FILE:LINE:COL: path: message".
func (e *LocatedError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// element is where one record sits in the file.
type element struct {
	start int // byte offset of the record's opening brace
	raw   []byte
}

// Index maps records of a decoded catalog back to their place in the file. It reads the file
// again, from data when the whole file is in memory or else from src, only to explain an error.
type Index struct {
	file   string
	data   []byte      // the whole file, or nil
	src    io.ReaderAt // the file when data is nil
	origin int64       // where src's text starts, after a byte order mark
	size   int64
	starts map[string][]int64 // kind → byte offset of each record, in file order
}

// newIndex indexes a file held in memory.
func newIndex(name string, data []byte) *Index {
	return &Index{file: name, data: data, size: int64(len(data)), starts: map[string][]int64{}}
}

// position converts a byte offset to a 1-based line and column (in characters).
func (ix *Index) position(off int64) (line, col int) {
	off = min(max(off, 0), ix.size)
	if ix.data != nil {
		before := ix.data[:off]
		line = bytes.Count(before, []byte("\n")) + 1
		lineStart := bytes.LastIndexByte(before, '\n') + 1
		return line, utf8.RuneCount(before[lineStart:]) + 1
	}
	// Read from the start in chunks; a character is counted by its first byte, so one split
	// between chunks is counted once.
	line, col = 1, 1
	buf := make([]byte, 1<<20)
	for at := ix.origin; at < off; {
		n, err := ix.src.ReadAt(buf[:min(int64(len(buf)), off-at)], at)
		for _, c := range buf[:n] {
			switch {
			case c == '\n':
				line, col = line+1, 1
			case c&0xC0 != 0x80:
				col++
			}
		}
		at += int64(n)
		if err != nil && n == 0 {
			break
		}
	}
	return line, col
}

// record returns the bytes of record i of kind as written in the file (nil when there is no
// such record or it cannot be read).
func (ix *Index) record(kind string, i int) (start int64, raw []byte) {
	starts := ix.starts[kind]
	if i < 0 || i >= len(starts) {
		return -1, nil
	}
	start = starts[i]
	if ix.data != nil {
		return start, ix.data[start:skipValue(ix.data, int(start))]
	}
	for n := int64(64 << 10); ; n *= 2 {
		buf := make([]byte, min(n, ix.size-start))
		got, err := ix.src.ReadAt(buf, start)
		buf = buf[:got]
		if end, ok := scanValue(buf, 0, start+int64(got) >= ix.size); ok {
			return start, buf[:end]
		}
		if err != nil && !errors.Is(err, io.EOF) || got == 0 {
			return start, buf
		}
	}
}

// errorAt builds a LocatedError at a byte offset.
func (ix *Index) errorAt(off int64, path, msg string) *LocatedError {
	line, col := ix.position(off)
	return &LocatedError{File: ix.file, Line: line, Col: col, Path: path, Msg: msg}
}

// Locate returns a LocatedError for a problem with field (a path inside the record such as
// "observations[2].amount", or "") of record i of kind. It points at the field's value when the
// field is present in the file, else at the record itself.
func (ix *Index) Locate(kind string, i int, field, msg string) *LocatedError {
	path := recordPath(kind, i, field)
	start, raw := ix.record(kind, i)
	if raw == nil {
		return &LocatedError{File: ix.file, Path: path, Msg: msg}
	}
	return ix.errorAt(start+int64(fieldOffset(raw, splitPath(field))), path, msg)
}

// LocateError turns an error about the catalog into a LocatedError when it names a record
// (kind, index and a *model.FieldError inside); other errors come back unchanged.
func (ix *Index) LocateError(kind string, i int, err error) error {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return ix.Locate(kind, i, fe.Field, fe.Msg)
	}
	return ix.Locate(kind, i, "", err.Error())
}

// splitPath turns "observations[2].amount" into ["observations", "2", "amount"].
func splitPath(field string) []string {
	field = strings.NewReplacer("[", ".", "]", "").Replace(field)
	var out []string
	for _, s := range strings.Split(field, ".") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// valueStart skips white space, ':' and ',' from off to the first byte of the next value.
func valueStart(raw []byte, off int) int {
	for off < len(raw) && strings.IndexByte(" \t\r\n:,", raw[off]) >= 0 {
		off++
	}
	return off
}

// span is where one JSON value sits inside a record: its path from the record ("observations",
// "1", "amount"), the offsets of its first and one-past-last bytes, and for object members the
// offset of the key.
type span struct {
	path       []string
	keyStart   int
	start, end int
}

// spans lists every value inside raw (the record itself included, with an empty path) in
// document order. Invalid JSON yields the spans read before the problem.
func spans(raw []byte) []span {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out []span
	var walk func(path []string, keyStart int) error
	walk = func(path []string, keyStart int) error {
		start := valueStart(raw, int(dec.InputOffset()))
		idx := len(out)
		out = append(out, span{path: path, keyStart: keyStart, start: start})
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				ks := valueStart(raw, int(dec.InputOffset()))
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := kt.(string)
				if err := walk(append(slices.Clip(path), key), ks); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				return err
			}
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := walk(append(slices.Clip(path), strconv.Itoa(i)), -1); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				return err
			}
		}
		out[idx].end = int(dec.InputOffset())
		return nil
	}
	walk(nil, -1)
	return out
}

// fieldOffset returns the offset within raw of the value at path, or of the deepest part of the
// path that exists (0, the record itself, when nothing matches).
func fieldOffset(raw []byte, path []string) int {
	best, depth := 0, -1
	for _, sp := range spans(raw) {
		n := commonPrefix(sp.path, path)
		if n == len(sp.path) && n > depth {
			best, depth = sp.start, n
		}
	}
	return best
}

func commonPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// formatPath renders ["observations", "1", "amount"] as "observations[1].amount".
func formatPath(path []string) string {
	var b strings.Builder
	for _, seg := range path {
		if _, err := strconv.Atoi(seg); err == nil {
			b.WriteString("[" + seg + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(seg)
	}
	return b.String()
}

// recordPath joins a record's path ("plans[0]") with a field path inside it.
func recordPath(kind string, i int, field string) string {
	path := fmt.Sprintf("%s[%d]", kind, i)
	switch {
	case field == "":
		return path
	case strings.HasPrefix(field, "["):
		return path + field
	}
	return path + "." + field
}

// withoutIndexes drops the array indexes from a path, the form encoding/json uses in
// UnmarshalTypeError.Field ("observations.amount").
func withoutIndexes(path []string) string {
	var keep []string
	for _, seg := range path {
		if _, err := strconv.Atoi(seg); err != nil {
			keep = append(keep, seg)
		}
	}
	return strings.Join(keep, ".")
}

// recordDecodeError explains why one record did not decode, pointing at the offending value
// with its full path (array indexes included).
func (ix *Index) recordDecodeError(kind string, i int, start int64, raw []byte, err error) error {
	all := spans(raw)
	at := func(sp span, off int, msg string) error {
		return ix.errorAt(start+int64(off), recordPath(kind, i, formatPath(sp.path)), msg)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		msg := fmt.Sprintf("got %s, want %s", te.Value, jsonTypeName(te.Type.Kind().String()))
		if te.Type.Name() == "Date" {
			msg = fmt.Sprintf("%s is not a date (want \"YYYY-MM-DD\")", te.Value)
		}
		// encoding/json reports where the bad value ends; the innermost value ending there
		// is the culprit. Errors raised by a type's own UnmarshalJSON (dates) carry no offset:
		// find the value by its field name and text instead.
		var best *span
		for k := range all {
			sp := &all[k]
			hit := false
			if te.Offset > 0 {
				hit = sp.start < int(te.Offset) && int(te.Offset) <= sp.end
			} else {
				hit = withoutIndexes(sp.path) == te.Field && string(raw[sp.start:sp.end]) == te.Value
			}
			if hit && (best == nil || len(sp.path) > len(best.path)) {
				best = sp
			}
		}
		if best != nil {
			return at(*best, best.start, msg)
		}
		return ix.Locate(kind, i, te.Field, msg)
	}
	// Timestamps fail inside time.Time's own parser, whose error names no field: find the
	// timestamp that does not parse.
	for _, sp := range all {
		if len(sp.path) == 0 || !timestampFields[sp.path[len(sp.path)-1]] {
			continue
		}
		var v string
		if json.Unmarshal(raw[sp.start:sp.end], &v) != nil {
			return at(sp, sp.start, fmt.Sprintf("got %s, want a timestamp such as \"2026-03-14T09:30:00Z\"", raw[sp.start:sp.end]))
		}
		if _, perr := time.Parse(time.RFC3339, v); perr != nil {
			return at(sp, sp.start, fmt.Sprintf("%q is not a timestamp (want RFC 3339 such as \"2026-03-14T09:30:00Z\")", v))
		}
	}
	return ix.Locate(kind, i, "", strings.TrimPrefix(err.Error(), "json: "))
}

// timestampFields are the keys decoded as time.Time.
var timestampFields = map[string]bool{"created_at": true, "updated_at": true}

// checkKeys reports the first key in a record that the catalog format does not define, by exact
// spelling: encoding/json would accept "Name" for "name" and let a duplicate silently win.
func (ix *Index) checkKeys(kind string, i int, start int64, raw []byte, record reflect.Type) error {
	if keysExact(raw, record) {
		return nil
	}
	firstAt := map[string]int{} // path of each member → where its key was first written
	for _, sp := range spans(raw) {
		if sp.keyStart < 0 {
			continue
		}
		at := strings.Join(sp.path, "\x00")
		if prev, twice := firstAt[at]; twice {
			line, _ := ix.position(start + int64(prev))
			return ix.errorAt(start+int64(sp.keyStart), recordPath(kind, i, formatPath(sp.path)),
				fmt.Sprintf("%q is given twice in one object (first on line %d); give each field once", sp.path[len(sp.path)-1], line))
		}
		firstAt[at] = sp.keyStart
		parent, ok := typeAt(record, sp.path[:len(sp.path)-1])
		if !ok || !hasJSONFields(parent) {
			continue // not an object in the format; decoding reports the type error
		}
		if _, known := jsonField(parent, sp.path[len(sp.path)-1]); !known {
			return ix.errorAt(start+int64(sp.keyStart), recordPath(kind, i, formatPath(sp.path)), "unknown field (see docs/catalog-format.md)")
		}
	}
	return nil
}

// typeAt follows a path of keys and indexes from t to the Go type of the value there.
func typeAt(t reflect.Type, path []string) (reflect.Type, bool) {
	for _, seg := range path {
		switch t.Kind() {
		case reflect.Slice:
			t = t.Elem()
		case reflect.Struct:
			f, ok := jsonField(t, seg)
			if !ok {
				return nil, false
			}
			t = f
		default:
			return nil, false
		}
	}
	return t, true
}

// jsonField finds the struct field whose JSON name is exactly name.
func jsonField(t reflect.Type, name string) (reflect.Type, bool) {
	f, ok := jsonFields(t)[name]
	return f, ok
}

// fieldsByType memoizes jsonFields: a large catalog asks about the same few types millions of
// times.
var fieldsByType sync.Map // reflect.Type → map[string]reflect.Type

// jsonFields maps a struct type's JSON field names to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldsByType.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for f := range t.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == "" && f.Anonymous && f.Type.Kind() == reflect.Struct:
			// An embedded struct's fields are written as its owner's, as encoding/json does.
			for name, ft := range jsonFields(f.Type) {
				m[name] = ft
			}
		case tag != "" && tag != "-":
			m[tag] = f.Type
		}
	}
	fieldsByType.Store(t, m)
	return m
}

// hasJSONFields reports whether t is a struct the catalog format spells out (not time.Time or
// model.Date, which are written as strings).
func hasJSONFields(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	for f := range t.Fields() {
		if f.Tag.Get("json") != "" {
			return true
		}
	}
	return false
}

// jsonTypeName describes a Go kind the way a JSON author thinks of it.
func jsonTypeName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "a whole number"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "slice":
		return "an array"
	case kind == "struct", kind == "map":
		return "an object"
	case kind == "bool":
		return "true or false"
	}
	return "a " + kind
}

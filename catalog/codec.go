// Package catalog reads and writes the catalog JSON format (docs/catalog-format.md). Decoding
// remembers where every record starts so that any error, including validation errors found
// later by the store, can be reported as FILE:LINE:COL.
package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// Encode writes cat in the canonical, deterministic form: records sorted (cat's slices are
// sorted in place), two-space indentation, empty values omitted, HTML characters unescaped and a
// final newline.
func Encode(w io.Writer, cat model.Catalog) error {
	cat.Version = model.CatalogVersion
	cat.Sort()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(cat)
}

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

// Index maps records of a decoded catalog back to their place in the file.
type Index struct {
	file     string
	data     []byte
	elements map[string][]element
}

// position converts a byte offset to a 1-based line and column (in characters).
func (ix *Index) position(off int) (line, col int) {
	if off > len(ix.data) {
		off = len(ix.data)
	}
	before := ix.data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// errorAt builds a LocatedError at a byte offset.
func (ix *Index) errorAt(off int, path, msg string) *LocatedError {
	line, col := ix.position(off)
	return &LocatedError{File: ix.file, Line: line, Col: col, Path: path, Msg: msg}
}

// Locate returns a LocatedError for a problem with field (a path inside the record such as
// "observations[2].amount", or "") of record i of kind. It points at the field's value when the
// field is present in the file, else at the record itself.
func (ix *Index) Locate(kind string, i int, field, msg string) *LocatedError {
	path := fmt.Sprintf("%s[%d]", kind, i)
	if field != "" {
		if strings.HasPrefix(field, "[") {
			path += field
		} else {
			path += "." + field
		}
	}
	els := ix.elements[kind]
	if i < 0 || i >= len(els) {
		return &LocatedError{File: ix.file, Path: path, Msg: msg}
	}
	off := els[i].start + fieldOffset(els[i].raw, splitPath(field))
	return ix.errorAt(off, path, msg)
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

// fieldOffset finds the value at path inside a JSON value and returns its byte offset within
// raw, or the deepest point of the path that exists (0 when nothing matches).
func fieldOffset(raw []byte, path []string) int {
	dec := json.NewDecoder(bytes.NewReader(raw))
	best := 0
	for _, seg := range path {
		tok, err := dec.Token()
		if err != nil {
			return best
		}
		delim, ok := tok.(json.Delim)
		if !ok {
			return best
		}
		found := false
		switch delim {
		case '{':
			for dec.More() {
				keyTok, err := dec.Token()
				if err != nil {
					return best
				}
				if key, _ := keyTok.(string); key == seg {
					best = valueStart(raw, int(dec.InputOffset()))
					found = true
					break
				}
				if skipValue(dec) != nil {
					return best
				}
			}
		case '[':
			idx := -1
			fmt.Sscanf(seg, "%d", &idx)
			for n := 0; dec.More(); n++ {
				if n == idx {
					best = valueStart(raw, int(dec.InputOffset()))
					found = true
					break
				}
				if skipValue(dec) != nil {
					return best
				}
			}
		}
		if !found {
			return best
		}
	}
	return best
}

// valueStart skips white space, ':' and ',' from off to the first byte of the next value.
func valueStart(raw []byte, off int) int {
	for off < len(raw) && strings.IndexByte(" \t\r\n:,", raw[off]) >= 0 {
		off++
	}
	return off
}

// skipValue consumes one complete JSON value from dec.
func skipValue(dec *json.Decoder) error {
	var v json.RawMessage
	return dec.Decode(&v)
}

// topLevelKinds are the array keys a catalog may hold, mapped to a decoder for one record.
var topLevelKinds = map[string]func(cat *model.Catalog, raw []byte) error{
	model.KindCompetitors: appendRecord(func(c *model.Catalog) *[]model.Competitor { return &c.Competitors }),
	model.KindFeatures:    appendRecord(func(c *model.Catalog) *[]model.Feature { return &c.Features }),
	model.KindSupport:     appendRecord(func(c *model.Catalog) *[]model.Support { return &c.Support }),
	model.KindPlans:       appendRecord(func(c *model.Catalog) *[]model.PricePlan { return &c.Plans }),
	model.KindReasonCodes: appendRecord(func(c *model.Catalog) *[]model.ReasonCode { return &c.ReasonCodes }),
	model.KindDeals:       appendRecord(func(c *model.Catalog) *[]model.Deal { return &c.Deals }),
	model.KindCards:       appendRecord(func(c *model.Catalog) *[]model.BattleCard { return &c.Cards }),
	model.KindNotes:       appendRecord(func(c *model.Catalog) *[]model.IntelNote { return &c.Notes }),
}

// appendRecord decodes one record strictly (unknown keys are errors) and appends it.
func appendRecord[T any](list func(*model.Catalog) *[]T) func(*model.Catalog, []byte) error {
	return func(cat *model.Catalog, raw []byte) error {
		var v T
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			return err
		}
		l := list(cat)
		*l = append(*l, v)
		return nil
	}
}

// Decode parses a catalog file. name is the file name used in error messages. Errors are
// *LocatedError. The returned Index locates records for errors found later (validation,
// unknown references).
func Decode(name string, data []byte) (model.Catalog, *Index, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	ix := &Index{file: name, data: data, elements: map[string][]element{}}
	var cat model.Catalog
	var syntaxCheck json.RawMessage
	if err := json.Unmarshal(data, &syntaxCheck); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return cat, ix, ix.errorAt(int(se.Offset), "", "invalid JSON: "+strings.TrimPrefix(se.Error(), "json: "))
		}
		if len(bytes.TrimSpace(data)) == 0 {
			return cat, ix, &LocatedError{File: name, Msg: "file is empty"}
		}
		return cat, ix, &LocatedError{File: name, Msg: "invalid JSON: " + err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, _ := dec.Token(); tok != json.Delim('{') {
		return cat, ix, ix.errorAt(valueStart(data, 0), "", "a catalog must be a JSON object")
	}
	seenVersion := false
	for dec.More() {
		keyOff := valueStart(data, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return cat, ix, ix.errorAt(keyOff, "", err.Error())
		}
		key, _ := tok.(string)
		valOff := valueStart(data, int(dec.InputOffset()))
		if key == "version" {
			var v json.Number
			if err := dec.Decode(&v); err != nil {
				return cat, ix, ix.errorAt(valOff, "version", "must be a whole number")
			}
			n, err := v.Int64()
			if err != nil || n < 1 {
				return cat, ix, ix.errorAt(valOff, "version", "must be a whole number ≥ 1")
			}
			if n > model.CatalogVersion {
				return cat, ix, ix.errorAt(valOff, "version", fmt.Sprintf("catalog format %d is newer than this rivals understands (%d); upgrade rivals", n, model.CatalogVersion))
			}
			cat.Version, seenVersion = int(n), true
			continue
		}
		add, ok := topLevelKinds[key]
		if !ok {
			return cat, ix, ix.errorAt(keyOff, key, fmt.Sprintf("unknown key (want version or one of %s)", strings.Join(slices.Sorted(maps.Keys(topLevelKinds)), ", ")))
		}
		if t, _ := dec.Token(); t != json.Delim('[') {
			return cat, ix, ix.errorAt(valOff, key, "must be an array")
		}
		for i := 0; dec.More(); i++ {
			start := valueStart(data, int(dec.InputOffset()))
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return cat, ix, ix.errorAt(start, fmt.Sprintf("%s[%d]", key, i), err.Error())
			}
			ix.elements[key] = append(ix.elements[key], element{start: start, raw: raw})
			if err := add(&cat, raw); err != nil {
				return cat, ix, ix.recordDecodeError(key, i, raw, err)
			}
		}
		dec.Token() // closing ']'
	}
	if !seenVersion {
		return cat, ix, ix.errorAt(0, "version", "is required (this build writes 1)")
	}
	return cat, ix, nil
}

// recordDecodeError explains why one record did not decode, pointing at the offending field.
func (ix *Index) recordDecodeError(kind string, i int, raw []byte, err error) error {
	start := ix.elements[kind][i].start
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		msg := fmt.Sprintf("got %s, want %s", te.Value, jsonTypeName(te.Type.Kind().String()))
		if te.Type.Name() == "Date" {
			msg = fmt.Sprintf("%s is not a date (want \"YYYY-MM-DD\")", te.Value)
		}
		if te.Offset > 0 {
			// Offset is just past the bad value; walk back to its start for a precise column.
			off := int(te.Offset)
			for off > 0 && strings.IndexByte(" \t\r\n,}]", raw[off-1]) >= 0 {
				off--
			}
			return ix.errorAt(start+valueStartBefore(raw, off), fmt.Sprintf("%s[%d].%s", kind, i, field), msg)
		}
		return ix.Locate(kind, i, field, msg)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		name = strings.Trim(name, `"`)
		off := bytes.Index(raw, []byte(`"`+name+`"`))
		if off < 0 {
			off = 0
		}
		return ix.errorAt(start+off, fmt.Sprintf("%s[%d].%s", kind, i, name), "unknown field (see docs/catalog-format.md)")
	}
	return ix.Locate(kind, i, "", msg)
}

// valueStartBefore finds the start of the JSON scalar that ends at end.
func valueStartBefore(raw []byte, end int) int {
	i := end
	if i > 0 && raw[i-1] == '"' {
		i--
		for i > 0 {
			i--
			if raw[i] == '"' && (i == 0 || raw[i-1] != '\\') {
				return i
			}
		}
		return 0
	}
	for i > 0 && strings.IndexByte(" \t\r\n:,[{", raw[i-1]) < 0 {
		i--
	}
	return i
}

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

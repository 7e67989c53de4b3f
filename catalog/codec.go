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
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
	"github.com/rivals-app/rivals/termtext"
)

// Encode writes cat in the canonical, deterministic form: records sorted (cat's slices are
// sorted in place), two-space indentation, empty values omitted, HTML characters unescaped and a
// final newline. C1 controls and invisible formatting characters are written as \uXXXX.
func Encode(w io.Writer, cat model.Catalog) error {
	cat.Version = model.CatalogVersion
	cat.Sort()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cat); err != nil {
		return err
	}
	// Exports get printed to terminals too: escape characters that would act on one.
	_, err := w.Write(termtext.JSONSafe(buf.Bytes()))
	return err
}

// recordKind decodes the records of one top-level array.
type recordKind struct {
	typ    reflect.Type
	decode func(cat *model.Catalog, raw []byte) error
}

// topLevelKinds are the array keys a catalog may hold.
var topLevelKinds = map[string]recordKind{
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
func appendRecord[T any](list func(*model.Catalog) *[]T) recordKind {
	return recordKind{
		typ: reflect.TypeFor[T](),
		decode: func(cat *model.Catalog, raw []byte) error {
			var v T
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&v); err != nil {
				return err
			}
			l := list(cat)
			*l = append(*l, v)
			return nil
		},
	}
}

// MaxStringSize is the longest JSON string Decode reads, in bytes as written in the file
// (4 MB). Every text field is limited to far less (100,000 characters at most, see
// model.MaxTextLen, which escapes can spell in at most 1.2 MB), so a longer string can never
// be valid: it is refused before it is decoded.
const MaxStringSize = 4 << 20

// Decode parses a catalog file. name is the file name used in error messages. Errors are
// *LocatedError. The returned Index locates records for errors found later (validation,
// unknown references).
func Decode(name string, data []byte) (model.Catalog, *Index, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	ix := &Index{file: name, data: data, elements: map[string][]element{}}
	var cat model.Catalog
	if len(bytes.TrimSpace(data)) == 0 {
		return cat, ix, &LocatedError{File: name, Msg: "file is empty"}
	}
	if off := invalidUTF8(data); off >= 0 {
		// encoding/json would quietly turn the byte into U+FFFD: refuse it, as CSV import does.
		return cat, ix, ix.errorAt(off, "", fmt.Sprintf("byte 0x%02X is not UTF-8 (the file may be in a legacy encoding such as Windows-1252); save it as UTF-8", data[off]))
	}
	var syntaxCheck json.RawMessage
	if json.Valid(data) {
		// Valid: nothing to report, and json.Valid does not allocate.
	} else if err := json.Unmarshal(data, &syntaxCheck); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// Offset counts the offending byte as read; point at the byte itself.
			off := int(se.Offset)
			if !strings.Contains(se.Error(), "unexpected end") {
				off = max(off-1, 0)
			}
			return cat, ix, ix.errorAt(off, "", "invalid JSON: "+strings.TrimPrefix(se.Error(), "json: "))
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
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return cat, ix, ix.errorAt(valOff, "version", "must be a whole number ≥ 1")
			}
			n, err := strconv.ParseInt(string(raw), 10, 64)
			if err != nil || n < 1 {
				return cat, ix, ix.errorAt(valOff, "version", "must be a whole number ≥ 1")
			}
			if n > model.CatalogVersion {
				return cat, ix, ix.errorAt(valOff, "version", fmt.Sprintf("catalog format %d is newer than this rivals understands (%d); upgrade rivals", n, model.CatalogVersion))
			}
			cat.Version, seenVersion = int(n), true
			continue
		}
		kind, ok := topLevelKinds[key]
		if !ok {
			return cat, ix, ix.errorAt(keyOff, key, fmt.Sprintf("unknown key (want version or one of %s)", strings.Join(slices.Sorted(maps.Keys(topLevelKinds)), ", ")))
		}
		if t, _ := dec.Token(); t != json.Delim('[') {
			return cat, ix, ix.errorAt(valOff, key, "must be an array")
		}
		// A kind may appear more than once; its records are numbered on from the first list.
		for i := len(ix.elements[key]); dec.More(); i++ {
			start := valueStart(data, int(dec.InputOffset()))
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return cat, ix, ix.errorAt(start, fmt.Sprintf("%s[%d]", key, i), err.Error())
			}
			ix.elements[key] = append(ix.elements[key], element{start: start, raw: raw})
			if err := ix.checkKeys(key, i, raw, kind.typ); err != nil {
				return cat, ix, err
			}
			if off, n := longString(raw, MaxStringSize); off >= 0 {
				return cat, ix, ix.errorAt(start+off, recordPath(key, i, pathAt(raw, off)),
					fmt.Sprintf("a string of %s; strings over %s are not read", megabytes(n), megabytes(MaxStringSize)))
			}
			if err := kind.decode(&cat, raw); err != nil {
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

// invalidUTF8 returns the offset of the first byte of data that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size <= 1 {
			return off
		}
		off += size
	}
	return -1
}

// longString returns the offset in raw (a valid JSON value) of the first string, key or
// value, longer than max bytes as written, and its length; the offset is -1 when there is
// none.
func longString(raw []byte, max int) (off, n int) {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '"' {
			continue
		}
		start := i
		for i++; i < len(raw) && raw[i] != '"'; i++ {
			if raw[i] == '\\' {
				i++
			}
		}
		if n := i - start - 1; n > max {
			return start, n
		}
	}
	return -1, 0
}

// pathAt returns the path, inside a record, of the value starting at off ("" for the record).
func pathAt(raw []byte, off int) string {
	for _, sp := range spans(raw) {
		if sp.start == off {
			return formatPath(sp.path)
		}
	}
	return ""
}

// megabytes renders a size for messages: "2 MB", "3.5 MB" (rounded up, so a size just over a
// limit never reads as the limit).
func megabytes(n int) string {
	tenths := (n*10 + 1<<20 - 1) >> 20
	if tenths%10 == 0 {
		return fmt.Sprintf("%d MB", tenths/10)
	}
	return fmt.Sprintf("%d.%d MB", tenths/10, tenths%10)
}

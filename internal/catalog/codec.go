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
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// Encode writes cat in the canonical, deterministic form: records sorted (cat's slices are
// sorted in place), two-space indentation, empty values omitted, HTML characters unescaped and a
// final newline. C1 controls and invisible formatting characters are written as \uXXXX.
func Encode(w io.Writer, cat model.Catalog) error {
	cat.Sort()
	e := NewEncoder(w)
	if err := encodeAll(e, model.KindCompetitors, cat.Competitors); err != nil {
		return err
	}
	if err := encodeAll(e, model.KindFeatures, cat.Features); err != nil {
		return err
	}
	if err := encodeAll(e, model.KindSupport, cat.Support); err != nil {
		return err
	}
	if err := encodeAll(e, model.KindPlans, cat.Plans); err != nil {
		return err
	}
	if err := encodeAll(e, model.KindReasonCodes, cat.ReasonCodes); err != nil {
		return err
	}
	if err := encodeAll(e, model.KindDeals, cat.Deals); err != nil {
		return err
	}
	if err := encodeAll(e, model.KindCards, cat.Cards); err != nil {
		return err
	}
	if err := encodeAll(e, model.KindNotes, cat.Notes); err != nil {
		return err
	}
	return e.Close()
}

// encodeAll writes the records of one kind.
func encodeAll[T any](e *Encoder, kind string, records []T) error {
	for _, r := range records {
		if err := e.Record(kind, r); err != nil {
			return err
		}
	}
	return nil
}

// recordKind decodes the records of one top-level array.
type recordKind struct {
	typ reflect.Type
	// decodeAll decodes the records els into their list in cat. check validates and decodes one
	// record into v (a *T); the first record, in file order, that fails stops the list before it
	// and its error is returned with its position in els.
	decodeAll func(cat *model.Catalog, els []element, check func(k int, raw []byte, v any) error) (int, error)
}

// topLevelKinds are the array keys a catalog may hold.
var topLevelKinds = map[string]recordKind{
	model.KindCompetitors: appendRecords(func(c *model.Catalog) *[]model.Competitor { return &c.Competitors }),
	model.KindFeatures:    appendRecords(func(c *model.Catalog) *[]model.Feature { return &c.Features }),
	model.KindSupport:     appendRecords(func(c *model.Catalog) *[]model.Support { return &c.Support }),
	model.KindPlans:       appendRecords(func(c *model.Catalog) *[]model.PricePlan { return &c.Plans }),
	model.KindReasonCodes: appendRecords(func(c *model.Catalog) *[]model.ReasonCode { return &c.ReasonCodes }),
	model.KindDeals:       appendRecords(func(c *model.Catalog) *[]model.Deal { return &c.Deals }),
	model.KindCards:       appendRecords(func(c *model.Catalog) *[]model.BattleCard { return &c.Cards }),
	model.KindNotes:       appendRecords(func(c *model.Catalog) *[]model.IntelNote { return &c.Notes }),
}

// appendRecords decodes a list of records, spread over the processors, and appends them.
func appendRecords[T any](list func(*model.Catalog) *[]T) recordKind {
	return recordKind{
		typ: reflect.TypeFor[T](),
		decodeAll: func(cat *model.Catalog, els []element, check func(k int, raw []byte, v any) error) (int, error) {
			out := make([]T, len(els))
			bad, err := firstFailure(len(els), func(k int) error { return check(k, els[k].raw, &out[k]) })
			n := len(els)
			if err != nil {
				n = bad
			}
			l := list(cat)
			if n == 0 {
				// Nothing to add: an empty list stays nil.
			} else if *l == nil {
				*l = out[:n:n]
			} else {
				*l = append(*l, out[:n]...)
			}
			return bad, err
		},
	}
}

// decodeStrict decodes one record into v strictly (unknown keys are errors).
func decodeStrict(raw []byte, v any) error {
	if sp, ok := v.(*model.Support); ok && decodeSupportFast(raw, sp) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// parallelChunk is how many records a decoding worker takes at a time.
const parallelChunk = 256

// firstFailure runs f for 0 ≤ k < n, spread over GOMAXPROCS goroutines, and returns the smallest
// k for which f fails with its error (-1, nil when none does). Every k below that one is run;
// some above it may be. Work is handed out in increasing chunks, so the result is the one a
// sequential loop stopping at the first failure gives.
func firstFailure(n int, check func(k int) error) (int, error) {
	// A record that made a decoder panic is that record's error, not a crash from a goroutine
	// nothing recovers.
	f := func(k int) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("cannot be read (internal error: %v)", r)
			}
		}()
		return check(k)
	}
	workers := min(runtime.GOMAXPROCS(0), (n+parallelChunk-1)/parallelChunk)
	if workers <= 1 {
		for k := range n {
			if err := f(k); err != nil {
				return k, err
			}
		}
		return -1, nil
	}
	var (
		next   atomic.Int64 // next chunk to hand out
		mu     sync.Mutex
		badAt  = n // smallest failing k so far
		badErr error
		wg     sync.WaitGroup
	)
	failedBefore := func(k int) bool {
		mu.Lock()
		defer mu.Unlock()
		return badAt < k
	}
	for range workers {
		wg.Go(func() {
			for {
				start := int(next.Add(1)-1) * parallelChunk
				if start >= n || failedBefore(start) {
					return
				}
				for k := start; k < min(start+parallelChunk, n); k++ {
					if err := f(k); err != nil {
						mu.Lock()
						if k < badAt {
							badAt, badErr = k, err
						}
						mu.Unlock()
						break
					}
				}
			}
		})
	}
	wg.Wait()
	if badErr == nil {
		return -1, nil
	}
	return badAt, badErr
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
	ix := newIndex(name, data)
	var cat model.Catalog
	if len(bytes.TrimSpace(data)) == 0 {
		return cat, ix, &LocatedError{File: name, Msg: "file is empty"}
	}
	if off := invalidUTF8(data); off >= 0 {
		// encoding/json would quietly turn the byte into U+FFFD: refuse it, as CSV import does.
		return cat, ix, ix.errorAt(int64(off), "", notUTF8(data[off]))
	}
	var syntaxCheck json.RawMessage
	if json.Valid(data) {
		// Valid: nothing to report, and json.Valid does not allocate.
	} else if err := json.Unmarshal(data, &syntaxCheck); err != nil {
		return cat, ix, ix.syntaxError(0, err)
	}
	// The file is valid JSON: its structure is walked by hand, which cannot fail, and the
	// records of each list are then checked and decoded.
	pos := skipSpace(data, 0)
	if data[pos] != '{' {
		return cat, ix, ix.errorAt(int64(valueStart(data, 0)), "", notAnObject)
	}
	pos++
	seenVersion := false
	for {
		pos = valueStart(data, pos)
		if data[pos] == '}' {
			break
		}
		keyOff := pos
		pos = skipValue(data, pos)
		key, err := jsonKey(data[keyOff:pos])
		if err != nil {
			return cat, ix, ix.errorAt(int64(keyOff), "", err.Error())
		}
		valOff := valueStart(data, pos)
		pos = skipValue(data, valOff)
		if key == "version" {
			n, err := ix.version(int64(valOff), data[valOff:pos])
			if err != nil {
				return cat, ix, err
			}
			cat.Version, seenVersion = n, true
			continue
		}
		kind, err := ix.listKind(key, int64(keyOff), int64(valOff), data[valOff])
		if err != nil {
			return cat, ix, err
		}
		// A kind may appear more than once; its records are numbered on from the first list.
		first := len(ix.starts[key])
		var els []element
		for at := valueStart(data, valOff+1); data[at] != ']'; at = valueStart(data, at) {
			end := skipValue(data, at)
			els = append(els, element{start: at, raw: data[at:end]})
			ix.starts[key] = append(ix.starts[key], int64(at))
			at = end
		}
		bad, err := kind.decodeAll(&cat, els, func(k int, raw []byte, v any) error {
			return ix.checkRecord(key, first+k, int64(els[k].start), raw, kind.typ, v)
		})
		if err != nil {
			// As if read one by one: the index ends at the record that failed.
			ix.starts[key] = ix.starts[key][:first+bad+1]
			return cat, ix, err
		}
	}
	if !seenVersion {
		return cat, ix, ix.errorAt(0, "version", versionRequired)
	}
	return cat, ix, nil
}

// Messages shared by the whole-file and the streaming reader.
const (
	notAnObject     = "a catalog must be a JSON object"
	versionRequired = "is required (this build writes 1)"
)

// notUTF8 explains a byte that is not UTF-8.
func notUTF8(c byte) string {
	return fmt.Sprintf("byte 0x%02X is not UTF-8 (the file may be in a legacy encoding such as Windows-1252); save it as UTF-8", c)
}

// syntaxError locates an encoding/json error about the bytes from base on.
func (ix *Index) syntaxError(base int64, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the offending byte as read; point at the byte itself.
		off := se.Offset
		if !strings.Contains(se.Error(), "unexpected end") {
			off = max(off-1, 0)
		}
		return ix.errorAt(base+off, "", "invalid JSON: "+strings.TrimPrefix(se.Error(), "json: "))
	}
	return &LocatedError{File: ix.file, Msg: "invalid JSON: " + err.Error()}
}

// version reads the value of the catalog's "version" key, written at off.
func (ix *Index) version(off int64, raw []byte) (int, error) {
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || n < 1 {
		return 0, ix.errorAt(off, "version", "must be a whole number ≥ 1")
	}
	if n > model.CatalogVersion {
		return 0, ix.errorAt(off, "version", fmt.Sprintf("catalog format %d is newer than this rivals understands (%d); upgrade rivals", n, model.CatalogVersion))
	}
	return int(n), nil
}

// listKind returns how to read the list of key, whose value starts with the byte open.
func (ix *Index) listKind(key string, keyOff, valOff int64, open byte) (recordKind, error) {
	kind, ok := topLevelKinds[key]
	if !ok {
		return kind, ix.errorAt(keyOff, key, fmt.Sprintf("unknown key (want version or one of %s)", strings.Join(slices.Sorted(maps.Keys(topLevelKinds)), ", ")))
	}
	if open != '[' {
		return kind, ix.errorAt(valOff, key, "must be an array")
	}
	return kind, nil
}

// checkRecord checks record i of kind, written at start, and decodes it into v.
func (ix *Index) checkRecord(kind string, i int, start int64, raw []byte, typ reflect.Type, v any) error {
	if err := ix.checkKeys(kind, i, start, raw, typ); err != nil {
		return err
	}
	if off, n := longString(raw, MaxStringSize); off >= 0 {
		return ix.errorAt(start+int64(off), recordPath(kind, i, pathAt(raw, off)),
			fmt.Sprintf("a string of %s; strings over %s are not read", megabytes(n), megabytes(MaxStringSize)))
	}
	if err := decodeStrict(raw, v); err != nil {
		return ix.recordDecodeError(kind, i, start, raw, err)
	}
	return nil
}

// skipSpace returns the offset of the first byte at or after off that is not JSON white space.
func skipSpace(data []byte, off int) int {
	for off < len(data) && (data[off] == ' ' || data[off] == '\t' || data[off] == '\r' || data[off] == '\n') {
		off++
	}
	return off
}

// skipValue returns the offset just past the JSON value starting at off, in valid JSON.
func skipValue(data []byte, off int) int {
	depth := 0
	for i := off; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		default:
			if depth == 0 {
				// A number or a literal: it ends at a delimiter.
				for i < len(data) && !strings.ContainsRune(",}] \t\r\n", rune(data[i])) {
					i++
				}
				return i
			}
		}
	}
	return len(data)
}

// jsonKey reads an object key (a JSON string as written).
func jsonKey(raw []byte) (string, error) {
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	var key string
	err := json.Unmarshal(raw, &key)
	return key, err
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

// decodeSupportFast decodes a matrix cell of the common shape, an object whose values are all
// strings written without escapes, as encoding/json would: a large catalog holds hundreds of
// thousands of them. It reports false, leaving *v alone, for anything else (escapes, other
// types, a repeated or unknown key, a date that does not parse), which encoding/json then
// decodes or explains.
func decodeSupportFast(raw []byte, v *model.Support) bool {
	var sp model.Support
	var seen uint8
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	for i = skipSpace(raw, i+1); i < len(raw) && raw[i] != '}'; {
		key, next, ok := plainString(raw, i)
		if !ok {
			return false
		}
		i = skipSpace(raw, next)
		if i >= len(raw) || raw[i] != ':' {
			return false
		}
		val, next, ok := plainString(raw, skipSpace(raw, i+1))
		if !ok {
			return false
		}
		var bit uint8
		switch string(key) {
		case "competitor":
			bit, sp.Competitor = 1, string(val)
		case "feature":
			bit, sp.Feature = 2, string(val)
		case "level":
			bit, sp.Level = 4, model.Level(val)
		case "note":
			bit, sp.Note = 8, string(val)
		case "source":
			bit, sp.Source = 16, string(val)
		case "verified_at":
			d, err := model.ParseDate(string(val))
			if err != nil {
				return false
			}
			bit, sp.VerifiedAt = 32, d
		default:
			return false
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		i = skipSpace(raw, next)
		if i < len(raw) && raw[i] == ',' {
			i = skipSpace(raw, i+1)
			if i < len(raw) && raw[i] == '}' {
				return false
			}
		} else if i >= len(raw) || raw[i] != '}' {
			return false
		}
	}
	if i >= len(raw) || skipSpace(raw, i+1) != len(raw) {
		return false
	}
	*v = sp
	return true
}

// plainString reads the JSON string starting at raw[i] when it has no escapes, returning its
// body and the offset after it.
func plainString(raw []byte, i int) (body []byte, next int, ok bool) {
	if i >= len(raw) || raw[i] != '"' {
		return nil, 0, false
	}
	for j := i + 1; j < len(raw); j++ {
		switch c := raw[j]; {
		case c == '"':
			// encoding/json would replace bytes that are not UTF-8.
			return raw[i+1 : j], j + 1, utf8.Valid(raw[i+1 : j])
		case c == '\\' || c < 0x20:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

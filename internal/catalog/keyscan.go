package catalog

import (
	"bytes"
	"reflect"
)

// keysExact reports whether every object key in raw (a syntactically valid JSON value) is a
// field the catalog format defines for the Go type at that place, spelled exactly. It is the
// fast path of checkKeys: one pass over the bytes with no allocation, so a catalog of a million
// records checks in a fraction of a second; only when it finds a problem (or a key written with
// escapes) does the slow path run to locate it.
func keysExact(raw []byte, t reflect.Type) bool {
	s := keyScanner{b: raw}
	return s.value(t) && !s.bad
}

type keyScanner struct {
	b   []byte
	i   int
	bad bool
}

func (s *keyScanner) space() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

// str skips a string starting at s.i and returns its bytes, reporting escapes.
func (s *keyScanner) str() (body []byte, escaped bool) {
	s.i++ // opening quote
	start := s.i
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '\\':
			escaped = true
			s.i += 2
			continue
		case '"':
			body = s.b[start:s.i]
			s.i++
			return body, escaped
		}
		s.i++
	}
	s.bad = true
	return nil, escaped
}

// value walks one value whose Go type is t (nil: not checked).
func (s *keyScanner) value(t reflect.Type) bool {
	s.space()
	if s.i >= len(s.b) {
		s.bad = true
		return false
	}
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch s.b[s.i] {
	case '{':
		s.i++
		checked := t != nil && hasJSONFields(t)
		var fields map[string]reflect.Type
		if checked {
			fields = jsonFields(t)
		}
		var seenBuf [32][]byte // the keys of this object so far: a record has a few dozen at most
		seen := seenBuf[:0]
		for {
			s.space()
			if s.i < len(s.b) && s.b[s.i] == '}' {
				s.i++
				return true
			}
			if s.i >= len(s.b) || s.b[s.i] != '"' {
				s.bad = true
				return false
			}
			key, escaped := s.str()
			var child reflect.Type
			if checked {
				f, ok := fields[string(key)]
				if !ok || escaped {
					return false
				}
				for _, k := range seen {
					if bytes.Equal(k, key) {
						return false // a repeated key: the slow path names it
					}
				}
				seen = append(seen, key)
				child = f
			}
			s.space()
			if s.i >= len(s.b) || s.b[s.i] != ':' {
				s.bad = true
				return false
			}
			s.i++
			if !s.value(child) {
				return false
			}
			s.space()
			if s.i < len(s.b) && s.b[s.i] == ',' {
				s.i++
			}
		}
	case '[':
		s.i++
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for {
			s.space()
			if s.i < len(s.b) && s.b[s.i] == ']' {
				s.i++
				return true
			}
			if !s.value(elem) {
				return false
			}
			s.space()
			if s.i < len(s.b) && s.b[s.i] == ',' {
				s.i++
			}
		}
	case '"':
		s.str()
		return !s.bad
	default:
		for s.i < len(s.b) && s.b[s.i] != ',' && s.b[s.i] != '}' && s.b[s.i] != ']' && s.b[s.i] != ' ' && s.b[s.i] != '\n' && s.b[s.i] != '\t' && s.b[s.i] != '\r' {
			s.i++
		}
		return true
	}
}

package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Accents fold both ways: a label is matched as its letters are spelt without accents, and so
// is the query, so "muller" finds "Müller" and "Müller" finds "Muller", "cafe" finds "café".
// Each letter keeps its case and stays one rune, so a label's matched positions are the same
// in its accent-free spelling, and the index scores that spelling exactly as sahilm/fuzzy would.

// baseTab maps every rune of the Basic Multilingual Plane to its letter without accents; filled
// once, on first use.
var (
	baseTab  [0x10000]uint16
	baseOnce sync.Once
)

// unaccented are letters with no canonical decomposition that readers still take for the plain
// letter.
var unaccented = map[rune]rune{'ø': 'o', 'Ø': 'O', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ħ': 'h', 'Ħ': 'H'}

// baseSlow is r without its accents: the first rune of its canonical decomposition when every
// other rune of it is a combining mark, else r itself.
func baseSlow(r rune) rune {
	if b, ok := unaccented[r]; ok {
		return b
	}
	d := norm.NFD.String(string(r))
	first, size := utf8.DecodeRuneInString(d)
	if size == len(d) || first == utf8.RuneError {
		return r
	}
	for _, m := range d[size:] {
		if !unicode.Is(unicode.Mn, m) {
			return r
		}
	}
	return first
}

// baseRune is r without its accents.
func baseRune(r rune) rune {
	if r < utf8.RuneSelf || r >= 0x10000 {
		return r
	}
	baseOnce.Do(func() {
		for i := range baseTab {
			baseTab[i] = uint16(baseSlow(rune(i)))
		}
	})
	return rune(baseTab[r])
}

// unaccent spells s without accents, rune for rune; bytes that are not UTF-8 stay as they are.
// ASCII text is returned as it is, without copying.
func unaccent(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteByte(s[i])
		} else {
			b.WriteRune(baseRune(r))
		}
		i += size
	}
	return b.String()
}

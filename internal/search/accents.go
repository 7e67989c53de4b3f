package search

import (
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
// once, on first use, from the blocks of accented Latin, Greek and Cyrillic letters and the
// letterlike symbols (the Kelvin and Ångström signs); any other rune stands for itself.
var (
	baseTab  [0x10000]uint16
	baseOnce sync.Once
)

// accentedBlocks are the ranges of runes whose accents are dropped.
var accentedBlocks = [][2]rune{{0x00C0, 0x024F}, {0x0370, 0x04FF}, {0x1E00, 0x1FFF}, {0x2100, 0x214F}}

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
			baseTab[i] = uint16(i)
		}
		for _, b := range accentedBlocks {
			for r := b[0]; r <= b[1]; r++ {
				baseTab[r] = uint16(baseSlow(r))
			}
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
	return string(appendUnaccented(make([]byte, 0, len(s)), s))
}

// appendUnaccented appends s spelt without accents to dst.
func appendUnaccented(dst []byte, s string) []byte {
	if isASCII(s) {
		return append(dst, s...)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[i])
		} else {
			dst = utf8.AppendRune(dst, baseRune(r))
		}
		i += size
	}
	return dst
}

// unaccentedLen is the length in bytes of s spelt without accents.
func unaccentedLen(s string) int {
	if isASCII(s) {
		return len(s)
	}
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			n++
		} else {
			n += utf8.RuneLen(baseRune(r))
		}
		i += size
	}
	return n
}

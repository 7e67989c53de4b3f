package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Case folding, exactly as sahilm/fuzzy compares characters.
//
// fuzzy compares a pattern rune with a text rune through its copy of strings.EqualFold's rune
// test: equal runes, the ASCII letter pairs, and otherwise two runes in the same
// unicode.SimpleFold orbit. That is not unicode.ToLower: 'İ' (U+0130) lowers to 'i' but does
// not fold to it, so "i" never matches "İ"; the Kelvin sign 'K' (U+212A) and the long s 'ſ'
// (U+017F) do fold to the ASCII letters k and s. Orbits are equivalence classes, so mapping each
// rune to one representative of its orbit turns the comparison into plain equality, and a text
// whose runes are all mapped can be scanned byte by byte with strings.IndexByte.

// foldTab maps every rune of the Basic Multilingual Plane to its representative; filled once.
var (
	foldTab  [0x10000]uint16
	foldOnce sync.Once
)

// lowerASCII maps an ASCII byte to its representative: the letter lower-cased.
var lowerASCII = func() (t [utf8.RuneSelf]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// foldSlow is the representative of r's fold orbit: its smallest member, lower-cased when that
// is an ASCII capital, so that ASCII text folds to its lower case.
func foldSlow(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	if 'A' <= least && least <= 'Z' {
		least += 'a' - 'A'
	}
	return least
}

// foldRune maps r to the representative of its fold orbit; two runes are equal under fuzzy's
// comparison exactly when their representatives are equal.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if r < 0 {
			return r
		}
		return rune(lowerASCII[r])
	}
	if r < 0x10000 {
		foldOnce.Do(func() {
			for i := range foldTab {
				foldTab[i] = uint16(foldSlow(rune(i))) // a representative never exceeds its rune
			}
		})
		return rune(foldTab[r])
	}
	return foldSlow(r)
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// matchable is the part of a label fuzzy matches against: everything before its first NUL.
func matchable(label string) string {
	if i := strings.IndexByte(label, 0); i >= 0 {
		return label[:i]
	}
	return label
}

// appendFolded appends the folded text of s: ASCII lower-cased byte for byte, anything else
// rune by rune as the UTF-8 of its representative (an invalid byte decodes, as in fuzzy, to
// U+FFFD). Folded text is valid UTF-8, so an ASCII byte found in it is a whole rune. aligned
// reports whether every rune kept its length, so that offsets in s and in its folded text agree;
// it does not for an invalid byte, a Kelvin sign (k), a long s (s), an ẞ (ß)…
func appendFolded(dst []byte, s string, ascii bool) (_ []byte, aligned bool) {
	if ascii {
		for i := 0; i < len(s); i++ {
			dst = append(dst, lowerASCII[s[i]])
		}
		return dst, true
	}
	aligned = true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		n := len(dst)
		dst = utf8.AppendRune(dst, foldRune(r))
		if len(dst)-n != size {
			aligned = false
		}
		i += size
	}
	return dst, aligned
}

// foldedQuery is a query ready for scanning: its runes without accents and folded, their UTF-8 and where each
// rune's bytes start.
type foldedQuery struct {
	runes []rune
	bytes []byte
	offs  []int // offs[i]:offs[i+1] are the bytes of runes[i]
	ascii bool  // every folded rune is a single byte
}

// set folds q into f, reusing f's buffers.
func (f *foldedQuery) set(q string) {
	f.runes, f.bytes, f.offs, f.ascii = f.runes[:0], f.bytes[:0], f.offs[:0], true
	for _, r := range q {
		r = foldRune(baseRune(r))
		f.runes = append(f.runes, r)
		f.offs = append(f.offs, len(f.bytes))
		f.bytes = utf8.AppendRune(f.bytes, r)
		if r >= utf8.RuneSelf {
			f.ascii = false
		}
	}
	f.offs = append(f.offs, len(f.bytes))
}

// isSubsequence reports whether every rune of a occurs in b in order: then every text matching
// b also matches a, and a's matches can be narrowed to b's.
func isSubsequence(a, b []rune) bool {
	i := 0
	for _, r := range b {
		if i < len(a) && a[i] == r {
			i++
		}
	}
	return i == len(a)
}

package search

import (
	"bytes"
	"math"
	"unicode"
	"unicode/utf8"
)

// The scorer: sahilm/fuzzy v0.1.3's FindFromIterNoSort for one text, rewritten to compare folded
// characters (see fold.go) and to visit only the characters that can score. It must give the
// same verdict, score and matched offsets as fuzzy; the property tests hold it to that.
//
// How fuzzy scores, for the record. It walks the text once, keeping the pattern rune it is
// looking for. Every occurrence of that rune is scored: +10 at the start of the text, +20 for a
// capital after a lower-case letter, +20 after one of the separators "/-_ .\", and, when the
// previous character was the last committed match, an adjacency bonus of 2×(running bonus)+5
// that also grows the running bonus (which never resets). The best-scoring occurrence (the
// first among equals) is committed when the next character of the text is the next pattern
// rune, or at the end of the text for the last rune: so rune i+1 is always found at its first
// occurrence after rune i's first occurrence, and a text matches exactly when the folded pattern
// is a subsequence of it. The first commit also takes −5 per byte before it, at most −15; the
// text finally loses 1 per byte it has beyond the matched ones. Offsets and lengths are in
// bytes, which is why Hit converts its offsets to runes.

// Constants of sahilm/fuzzy v0.1.3.
const (
	firstCharMatchBonus            = 10
	matchFollowingSeparatorBonus   = 20
	camelCaseMatchBonus            = 20
	adjacentMatchBonus             = 5
	unmatchedLeadingCharPenalty    = -5
	maxUnmatchedLeadingCharPenalty = -15
)

// separator marks the bytes of fuzzy's separators "/-_ .\".
var separator = [256]bool{'/': true, '-': true, '_': true, ' ': true, '.': true, '\\': true}

// adjacencyMax[m] is the most m adjacency bonuses can add: fuzzy's running bonus grows as
// 5, 20, 65… (each bonus is twice the running total plus 5) and never resets.
var adjacencyMax = func() (t [32]int) {
	for m := 1; m < len(t); m++ {
		t[m] = 3*t[m-1] + adjacentMatchBonus
	}
	return t
}()

// bound is at least the score of a matching slot, from what the prefilter found (f) without
// scoring: the first rune earns at most 15 with its leading penalty (5 past the third byte),
// every other rune at most 20 (a camel-case or a separator bonus, never both) plus adjacency
// bonuses, which need the character before f[p] to be rune p−1; the text then loses its length.
func bound(arena []byte, e *slot, q *foldedQuery, f []int) int {
	n := len(f)
	if n >= len(adjacencyMax) {
		return math.MaxInt
	}
	first, adjacent := 15, n-1
	if e.text != textOther { // f is in raw offsets
		switch {
		case f[0] == 2:
			first = 10
		case f[0] > 2:
			first = 5
		}
		folded := e.folded(arena)
		adjacent = 0
		for p := 1; p < n; p++ {
			prev := q.bytes[q.offs[p-1]:q.offs[p]]
			if f[p] >= len(prev) && bytes.Equal(folded[f[p]-len(prev):f[p]], prev) {
				adjacent++
			}
		}
	}
	return first + 20*(n-1) + adjacencyMax[adjacent] + n - int(e.raw)
}

// ceiling is the best score n query runes can get in any text, less its length: bound with
// nothing known about where they are.
func ceiling(n int) int {
	if n >= len(adjacencyMax) {
		return math.MaxInt / 2
	}
	return 15 + 20*(n-1) + adjacencyMax[n-1] + n
}

// scoreAligned scores a text whose raw and folded bytes share offsets (textASCII or
// textAligned), jumping from one occurrence of a pattern rune to the next instead of walking
// every byte. f holds the greedy match the prefilter found: f[p] is the first occurrence of
// rune p after rune p−1's. That is where fuzzy commits rune p−1 (the character before f[p]) and
// starts looking for rune p, so rune p's candidates are its occurrences in [f[p], f[p+1]) (to
// the end for the last rune), and the adjacency bonus can only apply at f[p]. The caller
// knows the text matches. When rec is not nil it receives the matched offsets.
func scoreAligned(raw, folded []byte, q *foldedQuery, f []int, ascii bool, rec []int) int {
	n, end := len(f), len(raw)
	total, adj, prev := 0, 0, -1
	for p := range n {
		needle := q.bytes[q.offs[p]:q.offs[p+1]]
		hi := end
		if p < n-1 {
			hi = f[p+1]
		}
		best, at := -1, -1
		for j := f[p]; ; {
			var s, lastIndex int
			if ascii {
				s, lastIndex = bonusASCII(raw, j)
			} else {
				s, lastIndex = bonusRunes(raw, j)
			}
			if p > 0 && prev == lastIndex {
				bonus := adj*2 + adjacentMatchBonus
				s += bonus
				adj += bonus
			}
			if s > best {
				best, at = s, j
			}
			next := j + len(needle)
			var k int
			if len(needle) == 1 {
				k = bytes.IndexByte(folded[next:hi], needle[0])
			} else {
				k = bytes.Index(folded[next:hi], needle)
			}
			if k < 0 {
				break
			}
			j = next + k
		}
		if p == 0 {
			best += max(at*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
		}
		total += best
		if rec != nil {
			rec[p] = at
		}
		prev = at
	}
	return total + n - end
}

// bonusASCII is fuzzy's bonus for matching the character at j of an ASCII text, and the offset
// of the character before it.
func bonusASCII(raw []byte, j int) (bonus, lastIndex int) {
	if j == 0 {
		return firstCharMatchBonus, -1
	}
	last, c := raw[j-1], raw[j]
	if 'a' <= last && last <= 'z' && 'A' <= c && c <= 'Z' {
		bonus += camelCaseMatchBonus
	}
	if separator[last] {
		bonus += matchFollowingSeparatorBonus
	}
	return bonus, j - 1
}

// bonusRunes is bonusASCII for valid UTF-8.
func bonusRunes(raw []byte, j int) (bonus, lastIndex int) {
	if j == 0 {
		return firstCharMatchBonus, -1
	}
	c, _ := utf8.DecodeRune(raw[j:])
	last, size := utf8.DecodeLastRune(raw[:j])
	if unicode.IsLower(last) && unicode.IsUpper(c) {
		bonus += camelCaseMatchBonus
	}
	if last < utf8.RuneSelf && separator[last] {
		bonus += matchFollowingSeparatorBonus
	}
	return bonus, j - size
}

// scoreRunes scores any text the way fuzzy does, walking it rune by rune: for textOther, whose
// folded offsets are no use. pat is the folded pattern (non-empty). It reports whether the text
// matches; when rec is not nil it receives the matched offsets.
func scoreRunes(raw []byte, pat []rune, rec []int) (score int, ok bool) {
	n, end := len(pat), len(raw)
	p, best, at, adj := 0, -1, -1, 0
	matched, lastMatch, lastIndex := 0, -1, 0
	var last rune
	next, nextSize := utf8.DecodeRune(raw)
	for j := 0; j < end; {
		c, size := next, nextSize
		fc := foldRune(c)
		if fc == pat[p] {
			s := 0
			if j == 0 {
				s = firstCharMatchBonus
			}
			if unicode.IsLower(last) && unicode.IsUpper(c) {
				s += camelCaseMatchBonus
			}
			if j != 0 && last < utf8.RuneSelf && separator[last] {
				s += matchFollowingSeparatorBonus
			}
			if matched > 0 && lastMatch == lastIndex {
				bonus := adj*2 + adjacentMatchBonus
				s += bonus
				adj += bonus
			}
			if s > best {
				best, at = s, j
			}
		}
		var nextp rune
		if p < n-1 {
			nextp = pat[p+1]
		}
		atEnd := j+size >= end
		if atEnd {
			next, nextSize = 0, 0
		} else {
			next, nextSize = utf8.DecodeRune(raw[j+size:])
		}
		if (atEnd || foldRune(next) == nextp) && at > -1 {
			if matched == 0 {
				best += max(at*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			score += best
			if rec != nil {
				rec[matched] = at
			}
			matched, lastMatch, best = matched+1, at, -1
			if p++; p == n {
				break
			}
		}
		lastIndex, last = j, c
		j += size
	}
	return score + matched - end, matched == n
}

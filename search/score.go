package search

import (
	"unicode"
	"unicode/utf8"
)

// The scorer: sahilm/fuzzy v0.1.3's FindFromIterNoSort for one text, rewritten to compare folded
// characters (see fold.go) and to skip the work a prefiltered text does not need. It must give
// the same verdict, score and matched offsets as fuzzy; the property tests hold it to that.
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

// scoreASCII scores an ASCII text. raw is the text as written (up to its first NUL), low its
// lower-cased copy, pat the folded pattern (one byte per rune, non-empty) and from the offset of
// the first occurrence of pat[0] in low, where the walk can start: nothing happens before it.
// When rec is not nil it receives the matched offsets; it needs room for len(pat).
func scoreASCII(raw, low, pat []byte, from int, rec []int) (score int, ok bool) {
	n, end := len(pat), len(raw)
	p, best, at, adj := 0, -1, -1, 0
	matched, lastMatch, lastIndex := 0, -1, from-1
	var last byte
	if from > 0 {
		last = raw[from-1]
	}
	for j := from; j < end; j++ {
		c := raw[j]
		if low[j] == pat[p] {
			s := 0
			if j == 0 {
				s = firstCharMatchBonus
			}
			if 'a' <= last && last <= 'z' && 'A' <= c && c <= 'Z' {
				s += camelCaseMatchBonus
			}
			if j != 0 && separator[last] {
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
		var nextp byte // 0 after the last pattern rune: it commits only at the end
		if p < n-1 {
			nextp = pat[p+1]
		}
		if (j+1 == end || low[j+1] == nextp) && at > -1 {
			if matched == 0 {
				best += max(at*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			score += best
			if rec != nil {
				rec[matched] = at
			}
			matched, lastMatch, best = matched+1, at, -1
			if p++; p == n {
				break // only at the end of the text: the last rune never commits earlier
			}
		}
		lastIndex, last = j, c
	}
	return score + matched - end, matched == n
}

// scoreRunes scores any text, decoding it as fuzzy does; pat is the folded pattern (non-empty).
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

package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// How closely a label matches a query, as a reader judges it: the query is the label, starts
// it, starts one of its words, spells its words' initials, sits inside a word, or only has its
// letters somewhere in order. Both are compared folded (accents dropped, case folded).

// labelTier is the tier of a label for a folded query q, and whether the match ends where a
// word ends ("SOC" in "SOC 2", not in "Social"). raw is the label without accents and folded
// its folded text; where both have the same length, a capital after a lower-case letter in raw
// starts a word too ("Plane" in "ServicePlane"). Initials count only for a name (byInitials):
// in a sentence, almost any short query starts a few of its words.
func labelTier(raw, folded, q string, byInitials bool) (tier Tier, whole bool) {
	tier, whole, _ = matchTier(raw, folded, q, byInitials)
	return tier, whole
}

// matchTier is labelTier, with where the query matched as typed: the byte offset in folded of
// the occurrence that set the tier, or -1 (initials, letters apart).
func matchTier(raw, folded, q string, byInitials bool) (tier Tier, whole bool, at int) {
	if q == "" {
		return TierFuzzy, false, -1
	}
	if folded == q {
		return TierExact, true, 0
	}
	camel := len(raw) == len(folded)
	first := strings.Index(folded, q)
	if first == 0 {
		return TierPrefix, wordEnds(raw, folded, len(q), camel), 0
	}
	word := -1
	for i := first; i >= 0; {
		if wordStarts(raw, folded, i, camel) {
			if wordEnds(raw, folded, i+len(q), camel) {
				return TierWord, true, i
			}
			if word < 0 {
				word = i
			}
		}
		next := strings.Index(folded[i+1:], q)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	switch {
	case word >= 0:
		return TierWord, false, word
	case byInitials && initials(raw, folded, q, camel) != nil:
		return TierAcronym, false, -1
	case first > 0:
		return TierSubstring, false, first
	}
	return TierFuzzy, false, -1
}

// tierPositions are the rune indexes of the label's characters that a match by tier holds (a
// label's folded text has a rune for each of its runes): the query's runes where it matched
// as typed, or the initials it spelt; nil for letters apart.
func tierPositions(raw, folded, q string, tier Tier, at int) []int {
	var bytes []int
	switch {
	case tier == TierAcronym:
		bytes = initials(raw, folded, q, len(raw) == len(folded))
	case at >= 0:
		for i := range q {
			bytes = append(bytes, at+i)
		}
	}
	pos := make([]int, 0, len(bytes))
	for _, b := range bytes {
		if b <= len(folded) && utf8.RuneStart(folded[min(b, len(folded)-1)]) {
			pos = append(pos, utf8.RuneCountInString(folded[:b]))
		}
	}
	if len(pos) == 0 {
		return nil
	}
	return pos
}

// wordStarts reports whether a word of the label starts at byte i of folded.
func wordStarts(raw, folded string, i int, camel bool) bool {
	if i == 0 {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(folded[:i])
	if !isWordRune(last) {
		return true
	}
	return camel && isHump(raw, i)
}

// wordEnds reports whether a word of the label ends just before byte j of folded.
func wordEnds(raw, folded string, j int, camel bool) bool {
	if j >= len(folded) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(folded[j:])
	if !isWordRune(next) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(folded[:j])
	return !isWordRune(last) || camel && isHump(raw, j)
}

// isHump reports whether raw has a capital at i right after a lower-case letter.
func isHump(raw string, i int) bool {
	c, _ := utf8.DecodeRuneInString(raw[i:])
	last, _ := utf8.DecodeLastRuneInString(raw[:i])
	return unicode.IsUpper(c) && unicode.IsLower(last)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// initials finds the query's letters and digits (two or more), in order, as the first
// characters of some of the label's words ("sso" of "SAML single sign-on"): their byte offsets
// in folded, or nil.
func initials(raw, folded, q string, camel bool) []int {
	var want []rune
	for _, r := range q {
		if isWordRune(r) {
			want = append(want, r)
		}
	}
	if len(want) < 2 {
		return nil
	}
	// Matched from the end, so the latest words are taken: "single sign-on" rather than
	// "SAML single … on".
	var starts []int
	for i, r := range folded {
		if isWordRune(r) && wordStarts(raw, folded, i, camel) {
			starts = append(starts, i)
		}
	}
	at := make([]int, len(want))
	k := len(want) - 1
	for j := len(starts) - 1; j >= 0 && k >= 0; j-- {
		if r, _ := utf8.DecodeRuneInString(folded[starts[j]:]); r == want[k] {
			at[k] = starts[j]
			k--
		}
	}
	if k >= 0 {
		return nil
	}
	return at
}

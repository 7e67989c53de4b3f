package search

import (
	"sort"
	"strings"
)

// Closest returns at most limit of words nearest to query by edit distance (ignoring case),
// nearest first and in their given order among equals: the suggestions of a "did you mean"
// for a mistyped code.
func Closest(query string, words []string, limit int) []string {
	type scored struct {
		word string
		d    int
	}
	q := strings.ToLower(strings.TrimSpace(query))
	all := make([]scored, 0, len(words))
	for _, w := range words {
		all = append(all, scored{w, editDistance(q, strings.ToLower(w))})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	var out []string
	for i := 0; i < len(all) && i < limit; i++ {
		out = append(out, all[i].word)
	}
	return out
}

package search

import (
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// Item is something findable by its label: a competitor, a feature, a plan, a note title…
type Item struct {
	// Kind says what the item is ("competitor", "feature", "note"…).
	Kind string
	// Key identifies it (a competitor slug or a feature key).
	Key string
	// Label is the text matched and shown.
	Label string
	// Ref is the caller's own handle (a row id, an index into its slice); search never reads it.
	Ref int
}

// Hit is an item matched by a query, with the positions (rune indexes into Label) of the
// matched characters for highlighting and sahilm/fuzzy's score for the match.
type Hit struct {
	Item    Item
	Matched []int
	Score   int
	// ID is the item's handle in the Index that found it (zero from Names).
	ID ID
}

// labels adapts items to fuzzy.Source without copying them.
type labels []Item

func (l labels) String(i int) string { return l[i].Label }
func (l labels) Len() int            { return len(l) }

// Names fuzzy-matches query against the items' labels, best first, at most limit hits. It scans
// every item; an Index answers the same queries with the same results much faster.
func Names(query string, items []Item, limit int) []Hit {
	if query == "" || limit <= 0 {
		return nil
	}
	matches := fuzzy.FindFrom(query, labels(items))
	if len(matches) > limit {
		matches = matches[:limit]
	}
	out := make([]Hit, len(matches))
	for i, m := range matches {
		label := items[m.Index].Label
		out[i] = Hit{Item: items[m.Index], Matched: runePositions(label, m.MatchedIndexes), Score: m.Score}
	}
	return out
}

// runePositions turns sahilm/fuzzy's matched byte offsets into rune indexes, in place: the two
// differ once a label holds a non-ASCII character, and highlighting walks runes.
func runePositions(label string, offsets []int) []int {
	runes, at := 0, 0
	for i, off := range offsets {
		if off < at || off > len(label) {
			continue // offsets ascend; anything else is left as it came
		}
		runes += utf8.RuneCountInString(label[at:off])
		at = off
		offsets[i] = runes
	}
	return offsets
}

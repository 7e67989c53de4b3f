package search

import "github.com/sahilm/fuzzy"

// Item is something findable by its name: a competitor or a feature.
type Item struct {
	// Kind says what the item is ("competitor", "feature").
	Kind string
	// Key identifies it (a competitor slug or a feature key).
	Key string
	// Label is the text matched and shown.
	Label string
}

// Hit is an item matched by a query, with the positions (rune indexes into Label) of the
// matched characters for highlighting.
type Hit struct {
	Item    Item
	Matched []int
}

// labels adapts items to fuzzy.Source without copying them.
type labels []Item

func (l labels) String(i int) string { return l[i].Label }
func (l labels) Len() int            { return len(l) }

// Names fuzzy-matches query against the items' labels, best first, at most limit hits.
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
		out[i] = Hit{Item: items[m.Index], Matched: m.MatchedIndexes}
	}
	return out
}

// Package search finds things in the catalog: competitor names typed on the command line now,
// and the in-memory index behind the TUI's search later. It never imports Bubble Tea.
package search

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rivals-app/rivals/model"
	"github.com/sahilm/fuzzy"
)

// NameError says a NAME did not resolve to exactly one competitor. Candidates holds the closest
// slugs, best first.
type NameError struct {
	Query      string
	Ambiguous  bool
	Candidates []string
}

// Error renders a one-line message that lists the candidates.
func (e *NameError) Error() string {
	what := "no competitor matches"
	if e.Ambiguous {
		what = "more than one competitor matches"
	}
	msg := fmt.Sprintf("%s %q", what, e.Query)
	if len(e.Candidates) > 0 {
		msg += " (did you mean " + strings.Join(e.Candidates, ", ") + "?)"
	}
	return msg
}

// maxCandidates bounds the suggestions in a NameError.
const maxCandidates = 5

// selfAliases name our own product on the command line ("rivals compare us harborline"), unless
// a competitor's slug is literally one of them.
var selfAliases = []string{"us", "ours"}

// ResolveCompetitor finds the competitor a user meant by name: an exact slug, then "us" or
// "ours" for our own product, then a case-insensitive exact name, then a fuzzy match on name or
// slug if exactly one competitor matches. Anything else is a *NameError listing the closest
// candidates.
func ResolveCompetitor(query string, comps []model.Competitor) (model.Competitor, error) {
	q := strings.TrimSpace(query)
	for _, c := range comps {
		if c.Slug == q {
			return c, nil
		}
	}
	for _, alias := range selfAliases {
		if !strings.EqualFold(q, alias) {
			continue
		}
		for _, c := range comps {
			if c.IsSelf {
				return c, nil
			}
		}
	}
	var named []model.Competitor
	for _, c := range comps {
		if strings.EqualFold(c.Name, q) {
			named = append(named, c)
		}
	}
	switch len(named) {
	case 1:
		return named[0], nil
	case 0:
	default:
		e := &NameError{Query: query, Ambiguous: true}
		for _, c := range named {
			e.Candidates = append(e.Candidates, c.Slug)
		}
		return model.Competitor{}, e
	}
	if q == "" {
		return model.Competitor{}, &NameError{Query: query, Candidates: closest(q, comps)}
	}
	// Match each competitor's "name slug" so either spelling works.
	keys := make([]string, len(comps))
	for i, c := range comps {
		keys[i] = c.Name + " " + c.Slug
	}
	matches := fuzzy.Find(q, keys)
	switch len(matches) {
	case 0:
		return model.Competitor{}, &NameError{Query: query, Candidates: closest(q, comps)}
	case 1:
		return comps[matches[0].Index], nil
	}
	var cands []string
	for i, m := range matches {
		if i == maxCandidates {
			break
		}
		cands = append(cands, comps[m.Index].Slug)
	}
	return model.Competitor{}, &NameError{Query: query, Ambiguous: true, Candidates: cands}
}

// closest ranks competitors by edit distance between query and their slug or name.
func closest(query string, comps []model.Competitor) []string {
	type scored struct {
		slug string
		d    int
	}
	q := strings.ToLower(query)
	all := make([]scored, 0, len(comps))
	for _, c := range comps {
		d := min(editDistance(q, c.Slug), editDistance(q, strings.ToLower(c.Name)))
		all = append(all, scored{c.Slug, d})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	var out []string
	for i := 0; i < len(all) && i < maxCandidates; i++ {
		out = append(out, all[i].slug)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

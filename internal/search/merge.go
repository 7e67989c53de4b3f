package search

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// The search palette asks three searches at once: the name index (competitors, their slugs and
// tags, features, pricing plans), the label index (note titles, deal accounts, battle-card
// lines) and the full-text index over long text. Merge ranks their hits together, so a name
// typed from its start comes before a word buried in a note, and groups them by what they are.

// Source says which search found a hit.
type Source uint8

// The searches, from the most to the least name-like.
const (
	// FromNames is the name index: competitors, slugs, tags, features and plans.
	FromNames Source = iota
	// FromLabels is the label index: note titles, deal accounts and battle-card lines.
	FromLabels
	// FromText is the full-text index over long text: note bodies, quotes, card paragraphs,
	// feature descriptions.
	FromText
)

// Found is one hit handed to Merge: the hit itself, the search that found it (hits of one
// search come best first), whose it is and, for full text, the excerpt to show.
type Found struct {
	Hit
	Source Source
	// Owner is the display name of whose the hit is: its competitor, or for a feature's
	// description the feature. Empty for a competitor's or a feature's own name.
	Owner string
	// Snippet is a full-text excerpt: alternating plain and matched parts, plain first.
	Snippet []string
	// Limited says its search stopped at the number of hits it was asked for, so its group may
	// hold more than are listed.
	Limited bool
}

// Tier is how closely a hit matches the query; lower is closer.
type Tier uint8

// The tiers, closest first.
const (
	// TierExact: the label is the query (case and accents aside).
	TierExact Tier = iota
	// TierPrefix: the label starts with the query.
	TierPrefix
	// TierWord: a word of the label starts with the query.
	TierWord
	// TierAcronym: the query's letters start words of the label ("sso" of "single sign-on").
	TierAcronym
	// TierSubstring: the query is inside the label.
	TierSubstring
	// TierFuzzy: the query's letters are in the label, in order, with gaps.
	TierFuzzy
	// TierText: the query's words are somewhere in a long text.
	TierText
)

// Result is a ranked hit.
type Result struct {
	Found
	Tier Tier
	// whole says the match ends where a word of the label ends.
	whole bool
}

// Group is the results of one kind ("competitor", "feature", "plan", "card", "note", "deal"),
// best first. More says a search stopped at its limit, so there are likely more than listed.
type Group struct {
	Kind    string
	Results []Result
	More    bool
}

// ManyResults is the number of results above which each group's heading says how many it
// holds: a handful can be taken in at a glance, more need the tally.
const ManyResults = 6

// Merge ranks the hits of the palette's searches together and groups them by kind.
//
// Hits that match as typed (the whole label, its start, a word's start) or spell the initials
// of its words come first: names before labels, a name before a competitor's slug or tag (so
// "sso" lists the feature before a competitor tagged "sso"), then the closer tier, then a match
// that ends with a word ("SOC" finds "SOC 2" before "Social"), then a competitor or feature
// before a pricing plan. Then hits with the query inside
// a word, then those holding only its letters apart, then long text; within each, names
// before labels before long text, a name before a slug or tag, then as its search ranked it.
// Each record is listed once, at its best: a competitor found by name, slug and tag, a note
// found by title and by body. When a name or label matches as typed (from its start, a word's
// start or inside), hits that only hold the query's letters apart are dropped: "sla" finds
// "SLA policies", not "Social messaging". When nothing does, they are how a misspelt name is
// found, but a label matched by letters scattered across it is still dropped (almost any query
// matches a sentence that way; full text finds its words better). Groups come in the order of
// their best result.
func Merge(query string, found []Found) []Group {
	q := foldString(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	ranked := make([]Result, 0, len(found))
	close := false // something matches as typed
	for _, f := range found {
		r := Result{Found: f, Tier: TierText}
		if f.Source != FromText {
			r.Tier, r.whole = labelTier(unaccent(f.Item.Label), foldString(f.Item.Label), q, f.Source == FromNames)
		}
		close = close || r.Tier <= TierSubstring
		ranked = append(ranked, r)
	}
	ranked = slices.DeleteFunc(ranked, func(r Result) bool {
		return r.Tier == TierFuzzy && (close || r.Source == FromLabels && !tight(query, r.Matched))
	})
	slices.SortStableFunc(ranked, func(a, b Result) int {
		return cmp.Or(band(a.Tier)-band(b.Tier), int(a.Source)-int(b.Source), alias(a.Item.Kind)-alias(b.Item.Kind),
			int(a.Tier)-int(b.Tier), boolRank(b.whole)-boolRank(a.whole), planLast(a.Item.Kind)-planLast(b.Item.Kind))
	})
	seen, more := map[string]bool{}, map[string]bool{}
	for _, f := range found {
		more[GroupOf(f.Item.Kind)] = more[GroupOf(f.Item.Kind)] || f.Limited
	}
	var groups []Group
	at := map[string]int{}
	for _, r := range ranked {
		id := identity(r.Item)
		if seen[id] {
			continue
		}
		seen[id] = true
		kind := GroupOf(r.Item.Kind)
		i, ok := at[kind]
		if !ok {
			i = len(groups)
			at[kind] = i
			groups = append(groups, Group{Kind: kind, More: more[kind]})
		}
		groups[i].Results = append(groups[i].Results, r)
	}
	return groups
}

// alias is 1 for a competitor's other names (its slug and tags), which rank after a name
// matched as closely, and 0 for anything else.
func alias(kind string) int {
	if kind == "slug" || kind == "tag" {
		return 1
	}
	return 0
}

// GroupOf is the group a kind of item is listed under: a competitor's slug and tags under the
// competitor, a battle card's paragraphs and lines under "card".
func GroupOf(kind string) string {
	switch kind {
	case "slug", "tag":
		return "competitor"
	case "card_item":
		return "card"
	}
	return kind
}

// identity names the record a hit is about, so that it is listed once.
func identity(it Item) string {
	switch it.Kind {
	case "competitor", "slug", "tag":
		return "competitor/" + it.Key
	case "feature":
		return "feature/" + it.Key
	}
	return it.Kind + "/" + it.Key + "/" + strconv.Itoa(it.Ref)
}

// planLast is 1 for a pricing plan, which ranks after a competitor or feature matched as
// closely ("on-prem" lists the feature On-premises deployment before a plan On-Premises), and 0
// for anything else.
func planLast(kind string) int {
	if kind == "plan" {
		return 1
	}
	return 0
}

// band groups the tiers a reader tells apart at a glance: as typed or by initials, inside a
// word, letters apart, long text.
func band(t Tier) int {
	switch {
	case t <= TierAcronym:
		return 0
	case t == TierSubstring:
		return 1
	case t == TierFuzzy:
		return 2
	}
	return 3
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// foldString folds s the way the index compares characters: accents dropped (accents.go),
// then case folded (fold.go).
func foldString(s string) string {
	return strings.Map(func(r rune) rune { return foldRune(baseRune(r)) }, s)
}

// tight reports whether a fuzzy match in a long label is worth showing: its matched characters
// form no more separate runs than the query has words, plus one.
func tight(query string, matched []int) bool {
	runs := 0
	for i, pos := range matched {
		if i == 0 || pos != matched[i-1]+1 {
			runs++
		}
	}
	return runs <= len(strings.Fields(query))+1
}

// Count is how many results the groups hold.
func Count(groups []Group) int {
	n := 0
	for _, g := range groups {
		n += len(g.Results)
	}
	return n
}

// Noun says what a result is, as the palette shows it: "tag", "feature", "note"…
func (r Result) Noun() string {
	switch r.Item.Kind {
	case "card_item":
		return "card line"
	case "card":
		return "battle card"
	case "feature":
		if r.Source == FromText {
			return "feature description"
		}
	}
	return r.Item.Kind
}

// Describe splits the line that presents a result around its matched text: what it is before
// ("tag ", "feature · "), whose it is after (" · Harborline"). A competitor's or a feature's own
// name stands alone ("feature · SLA policies").
func (r Result) Describe() (before, after string) {
	if r.Owner == "" {
		return r.Noun() + " · ", ""
	}
	return r.Noun() + " ", " · " + r.Owner
}

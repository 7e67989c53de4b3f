package tui

import (
	"context"
	"strings"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// paletteGroups maps the kinds search.Merge groups by to their heading and profile tab.
var paletteGroups = map[string]struct {
	title string
	tab   profileTab
}{
	"competitor": {"Competitors", tabOverview},
	"feature":    {"Features", tabFeatures},
	"plan":       {"Pricing plans", tabPricing},
	"card":       {"Battle cards", tabCard},
	"note":       {"Intel notes", tabIntel},
	"deal":       {"Deals", tabWinLoss},
}

// textPerKind is how many full-text hits of each kind the palette asks for, namesPerKind how
// many names of each kind (competitors, slugs, tags, features, plans) and labelHits how many
// note titles, deal accounts and card bullets in all.
const (
	textPerKind  = 8
	namesPerKind = 8
	labelHits    = 8
)

// fullTextMinRunes is the shortest query sent to the full-text index while the fuzzy indexes
// find something: one or two letters match nearly every record's words, and names and short
// labels answer them better.
const fullTextMinRunes = 3

// A query runs in three searches, each listing more as it comes: the names (competitors, slugs,
// tags, features, plans: few, so every one is ranked, and fast at any catalog size), then side
// by side the labels (note titles, deal accounts, card bullets: as many as the catalog's
// records, through the fuzzy label index) and the full text.

// paletteNamesMsg carries the names that match one query. gen drops replies to older queries.
type paletteNamesMsg struct {
	gen   int
	found []search.Found
}

// paletteLabelsMsg carries the labels that match one query.
type paletteLabelsMsg struct {
	gen   int
	found []search.Found
}

// paletteTextMsg carries the full-text hits of one query.
type paletteTextMsg struct {
	gen   int
	found []search.Found
	err   error
}

// paletteNamesCmd matches one query against every name, each kind's closest first
// (search.Ranked), off the UI goroutine. owners maps a slug to its competitor's display name;
// the snapshot and the map are never changed once made, so the command can read them.
func paletteNamesCmd(gen int, query string, data catalogView, owners map[string]string) tea.Cmd {
	names := data.names
	return func() tea.Msg {
		var found []search.Found
		if names != nil {
			for _, h := range names.Ranked(query, namesPerKind) {
				f := search.Found{Hit: h, Source: search.FromNames}
				if h.Item.Kind != "competitor" && h.Item.Kind != "feature" {
					f.Owner = owners[h.Item.Key]
				}
				found = append(found, f)
			}
		}
		return paletteNamesMsg{gen: gen, found: found}
	}
}

// paletteLabelsCmd matches one query against the label index (note titles, deal accounts,
// card bullets) by fuzzy score; a query already outdated when its turn comes (ctx ended) is not
// run.
func paletteLabelsCmd(ctx context.Context, gen int, query string, owners map[string]string, labels *search.Session) tea.Cmd {
	return func() tea.Msg {
		if ctx.Err() != nil {
			return paletteLabelsMsg{gen: gen}
		}
		var found []search.Found
		for _, h := range labels.Search(query, labelHits) {
			found = append(found, search.Found{Hit: h, Source: search.FromLabels, Owner: owners[h.Item.Key]})
		}
		return paletteLabelsMsg{gen: gen, found: found}
	}
}

// wantsFullText says whether a query goes on to the full-text index when the fuzzy indexes
// listed results for it: always from fullTextMinRunes characters on, and for a shorter
// query only when they found nothing.
func wantsFullText(query string, listed int) bool {
	return listed == 0 || longEnoughForFullText(query)
}

// longEnoughForFullText says whether a query goes on to the full-text index whatever else
// matches it.
func longEnoughForFullText(query string) bool {
	return utf8.RuneCountInString(strings.TrimSpace(query)) >= fullTextMinRunes
}

// paletteTextCmd runs one query through the full-text index (notes, deal quotes, battle
// cards, feature descriptions), all from one snapshot of the store; ctx is the query's own,
// ended as soon as a newer query starts, which interrupts the search.
func paletteTextCmd(ctx context.Context, gen int, query string, store *db.Store, owners map[string]string, features []model.Feature) tea.Cmd {
	return func() tea.Msg {
		hits, err := store.SearchText(ctx, query, textPerKind)
		if err != nil {
			return paletteTextMsg{gen: gen, err: err}
		}
		perKind := map[string]int{}
		for _, h := range hits {
			perKind[h.Kind]++
		}
		var found []search.Found
		for _, h := range hits {
			if f, ok := textFound(h, owners, features); ok {
				f.Limited = perKind[h.Kind] == textPerKind
				found = append(found, f)
			}
		}
		return paletteTextMsg{gen: gen, found: found}
	}
}

// competitorNames maps each competitor's slug to its display name.
func competitorNames(v catalogView) map[string]string {
	names := make(map[string]string, len(v.competitors))
	for _, c := range v.competitors {
		names[c.Slug] = termtext.Line(c.Name)
	}
	return names
}

// textFound turns a full-text hit into a search hit: a competitor's record is keyed by its
// slug, a feature's description by the feature's key and owned by its name. It reports false
// for a hit that leads nowhere (a deal with no competitor, a feature gone since).
func textFound(h db.TextHit, names map[string]string, features []model.Feature) (search.Found, bool) {
	f := search.Found{Source: search.FromText, Snippet: splitSnippet(h.Snippet), Owner: names[h.Competitor]}
	f.Item = search.Item{Kind: h.Kind, Key: h.Competitor, Ref: int(h.ID), Label: strings.Join(f.Snippet, "")}
	if h.Kind != "feature" {
		return f, h.Competitor != ""
	}
	for _, ft := range features {
		if ft.ID == h.ID {
			f.Item.Key, f.Owner = ft.Key, termtext.Line(ft.Name)
			return f, true
		}
	}
	return f, false
}

// paletteResults turns merged groups into palette lines, each with the row it leads to.
func paletteResults(groups []search.Group, current string) []paletteResult {
	var out []paletteResult
	for _, g := range groups {
		where, ok := paletteGroups[g.Kind]
		if !ok {
			continue
		}
		for _, r := range g.Results {
			pr := paletteResult{group: where.title, more: g.More, tab: where.tab, slug: r.Item.Key}
			pr.before, pr.after = r.Describe()
			pr.parts = r.Snippet
			if r.Source != search.FromText {
				pr.parts = splitMatched(r.Item.Label, r.Matched)
			}
			switch g.Kind {
			case "feature":
				pr.slug, pr.target.featureKey = current, r.Item.Key
			case "plan":
				pr.target.planID = int64(r.Item.Ref)
			case "note":
				pr.target.noteID = int64(r.Item.Ref)
			case "deal":
				pr.target.dealID = int64(r.Item.Ref)
			case "card":
				pr.target.cardText = r.Item.Label
				if r.Source == search.FromText && len(r.Snippet) > 1 {
					pr.target.cardText = strings.Trim(r.Item.Label, "…")
					pr.target.cardWord = r.Snippet[1]
				}
			}
			if pr.slug != "" {
				out = append(out, pr)
			}
		}
	}
	return out
}

// splitMatched cuts s into alternating plain and matched parts from matched rune positions.
func splitMatched(s string, matched []int) []string {
	hit := map[int]bool{}
	for _, i := range matched {
		hit[i] = true
	}
	parts := []string{""}
	for i, r := range []rune(s) {
		inMatch := len(parts)%2 == 0
		if hit[i] != inMatch {
			parts = append(parts, "")
		}
		parts[len(parts)-1] += string(r)
	}
	return parts
}

// splitSnippet cuts an FTS snippet at its match markers into alternating plain and matched
// parts, each sanitized (the markers are control characters, so sanitize after splitting).
func splitSnippet(s string) []string {
	var parts []string
	for _, chunk := range strings.Split(s, db.SnippetOpen) {
		matched, plain, found := strings.Cut(chunk, db.SnippetClose)
		if !found {
			parts = appendPart(parts, false, chunk)
			continue
		}
		parts = appendPart(parts, true, matched)
		parts = appendPart(parts, false, plain)
	}
	return parts
}

// appendPart adds text to the plain or matched slot of an alternating parts list.
func appendPart(parts []string, matched bool, text string) []string {
	text = strings.ReplaceAll(termtext.Clean(text), "\n", " ") // keep edge spaces between parts
	wantOdd := matched
	if len(parts) == 0 {
		parts = append(parts, "")
	}
	if (len(parts)%2 == 0) != wantOdd {
		parts = append(parts, "")
	}
	parts[len(parts)-1] += text
	return parts
}

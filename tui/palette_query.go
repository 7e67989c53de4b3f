package tui

import (
	"context"
	"strings"

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

// textPerKind is how many full-text hits of each kind the palette asks for.
const textPerKind = 8

// paletteQueryCmd runs one query off the UI goroutine over value copies of the names: names
// and short labels are matched fuzzily as typed, long text through the full-text index, and
// search.Merge ranks them together. current is the competitor whose Features tab a feature
// leads to.
func paletteQueryCmd(ctx context.Context, gen int, query string, store *db.Store, data catalogView, text *search.Session, current string) tea.Cmd {
	names := map[string]string{}
	for _, c := range data.competitors {
		names[c.Slug] = termtext.Line(c.Name)
	}
	features := data.features // a snapshot is never changed
	typing := data.typing
	return func() tea.Msg {
		var found []search.Found
		if typing != nil {
			for _, h := range typing.Search(query, 10) {
				f := search.Found{Hit: h, Source: search.FromNames}
				if h.Item.Kind != "competitor" && h.Item.Kind != "feature" {
					f.Owner = names[h.Item.Key]
				}
				found = append(found, f)
			}
		}
		if text != nil {
			for _, h := range text.Search(query, 8) {
				found = append(found, search.Found{Hit: h, Source: search.FromLabels, Owner: names[h.Item.Key]})
			}
		}
		var err error
		if store != nil {
			var hits []db.TextHit
			hits, err = store.SearchText(ctx, query, textPerKind)
			perKind := map[string]int{}
			for _, h := range hits {
				perKind[h.Kind]++
			}
			for _, h := range hits {
				if f, ok := textFound(h, names, features); ok {
					f.Limited = perKind[h.Kind] == textPerKind
					found = append(found, f)
				}
			}
		}
		return paletteResultsMsg{gen: gen, results: paletteResults(search.Merge(query, found), current), err: err}
	}
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

package tui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/internal/termtext"
)

// paletteResult is one line of the search palette: where it leads and what to show.
type paletteResult struct {
	group string // heading it is listed under
	title string // competitor the result belongs to, or the feature name
	// snippet holds alternating plain and matched parts: even indexes plain, odd matched.
	snippet []string
	slug    string
	tab     profileTab
	// findText, when set, is what the profile scrolls to (a fuzzy match's whole label).
	findText string
}

// find is the text of the result for the profile to scroll to: the whole label of a fuzzy
// match, else the first matched part of a full-text snippet.
func (r paletteResult) find() string {
	if r.findText != "" {
		return r.findText
	}
	if len(r.snippet) > 1 {
		return r.snippet[1]
	}
	return ""
}

// paletteResultsMsg carries the results of one query; gen drops replies to older queries.
type paletteResultsMsg struct {
	gen     int
	results []paletteResult
	err     error
}

// Result groups, in display order.
var paletteGroups = []string{"Competitors", "Pricing plans", "Battle cards", "Intel notes", "Deals", "Features"}

// palette is the global search box (ctrl+k): competitors and features by fuzzy name, and the
// long text of cards, notes, deals and feature descriptions through the full-text index.
type palette struct {
	styles *Styles
	keys   paletteKeys
	input  textinput.Model
	gen    int
	busy   bool
	// ctx and store run the full-text queries; data is the latest snapshot, whose names are
	// matched as typed, and current the competitor in view when the palette opened (features
	// lead to its Features tab).
	ctx     context.Context
	store   *db.Store
	data    catalogView
	current string
	// textIndex is the fuzzy index over note titles, deal accounts and card bullets, built in
	// the background as the catalog loads and updated in place after edits; text is the
	// palette's search session over it. Both are nil until it is built (the box says so).
	textIndex *search.Index
	text      *search.Session

	results []paletteResult
	cursor  int
	err     error
	width   int
	height  int
}

type paletteKeys struct {
	Up, Down, Open, Close key.Binding
}

func newPalette(ctx context.Context, store *db.Store, styles *Styles) *palette {
	in := textinput.New()
	in.Prompt = "search › "
	in.Placeholder = "competitors, features, battle cards, notes, deal quotes"
	in.CharLimit = 200
	in.Cursor.SetMode(cursor.CursorStatic)
	return &palette{
		styles: styles,
		ctx:    ctx,
		store:  store,
		input:  in,
		keys: paletteKeys{
			Up:    key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "previous")),
			Down:  key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "next")),
			Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "jump to it")),
			Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		},
	}
}

// Open clears and focuses the box; current is the competitor in view.
func (p *palette) Open(current string) tea.Cmd {
	p.current = current
	p.input.SetValue("")
	p.results, p.cursor, p.err, p.busy = nil, 0, nil, false
	p.gen++
	return p.input.Focus()
}

// SetSize gives the palette its share of the terminal.
func (p *palette) SetSize(width, height int) {
	p.width, p.height = width, height
	p.input.Width = max(1, width-lipgloss.Width(p.input.Prompt)-1)
}

// ShortHelp lists the palette's keys.
func (p palette) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Down, p.keys.Up, p.keys.Open, p.keys.Close}
}

// FullHelp lists the palette's keys.
func (p palette) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// SetData hands the palette the latest snapshot.
func (p *palette) SetData(v catalogView) { p.data = v }

// Update handles typing, selection and query results. It returns a query command when the text
// changed and an openProfileMsg or backMsg command when the user is done.
func (p *palette) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case paletteResultsMsg:
		if msg.gen == p.gen {
			p.results, p.err, p.busy = msg.results, msg.err, false
			p.cursor = min(p.cursor, max(0, len(p.results)-1))
		}
		return nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Close):
			p.input.Blur()
			return func() tea.Msg { return backMsg{} }
		case key.Matches(msg, p.keys.Up):
			p.cursor = max(0, p.cursor-1)
			return nil
		case key.Matches(msg, p.keys.Down):
			p.cursor = min(max(0, len(p.results)-1), p.cursor+1)
			return nil
		case key.Matches(msg, p.keys.Open):
			if p.cursor < len(p.results) {
				r := p.results[p.cursor]
				p.input.Blur()
				return func() tea.Msg { return openProfileMsg{slug: r.slug, tab: r.tab, find: r.find()} }
			}
			return nil
		}
		before := p.input.Value()
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		if q := p.input.Value(); q != before {
			p.gen++
			p.cursor = 0
			if strings.TrimSpace(q) == "" {
				p.results, p.busy = nil, false
				return cmd
			}
			p.busy = true
			return tea.Batch(cmd, paletteQueryCmd(p.ctx, p.gen, q, p.store, p.data, p.text, p.current))
		}
		return cmd
	}
	return nil
}

// SetTextIndex hands the palette a newly built index over note titles, deal accounts and
// card bullets, with its search session.
func (p *palette) SetTextIndex(ix *search.Index, text *search.Session) {
	p.textIndex, p.text = ix, text
}

// TextIndex is the index over note titles, deal accounts and card bullets, or nil while it is
// being built.
func (p *palette) TextIndex() *search.Index { return p.textIndex }

// textGroups maps the text index's kinds to their result group and profile tab.
var textGroups = map[string]struct {
	group string
	tab   profileTab
}{"note": {"Intel notes", tabIntel}, "deal": {"Deals", tabWinLoss}, "card_item": {"Battle cards", tabCard}}

// paletteQueryCmd runs one query off the UI goroutine over value copies of the names. Names
// and short labels are matched fuzzily as typed; long text comes from the full-text index,
// leaving out records a label already found.
func paletteQueryCmd(ctx context.Context, gen int, query string, store *db.Store, data catalogView, text *search.Session, current string) tea.Cmd {
	names := map[string]string{}
	for _, c := range data.competitors {
		names[c.Slug] = termtext.Line(c.Name)
	}
	typing := data.typing
	return func() tea.Msg {
		var results []paletteResult
		if typing != nil {
			listed := map[string]bool{}
			for _, h := range typing.Search(query, 10) {
				r := paletteResult{title: h.Item.Label, snippet: splitMatched(h.Item.Label, h.Matched)}
				switch h.Item.Kind {
				case "competitor", "slug", "tag":
					// A competitor is listed once, by its best match: name, slug or a tag.
					if listed[h.Item.Key] {
						continue
					}
					listed[h.Item.Key] = true
					r.group, r.slug, r.tab = "Competitors", h.Item.Key, tabOverview
					if h.Item.Kind != "competitor" {
						r.title = names[h.Item.Key]
					}
				case "plan":
					r.group, r.slug, r.tab, r.title = "Pricing plans", h.Item.Key, tabPricing, names[h.Item.Key]
				default:
					r.group, r.slug, r.tab = "Features", current, tabFeatures
				}
				results = append(results, r)
			}
		}
		found := map[string]bool{}
		if text != nil {
			for _, h := range text.Search(query, 8) {
				if !tightMatch(query, h.Matched) {
					continue
				}
				g := textGroups[h.Item.Kind]
				results = append(results, paletteResult{group: g.group, tab: g.tab, slug: h.Item.Key, title: names[h.Item.Key],
					snippet: splitMatched(h.Item.Label, h.Matched), findText: h.Item.Label})
				found[fmt.Sprint(h.Item.Kind, h.Item.Ref)] = true
			}
		}
		var err error
		if store != nil {
			var hits []db.TextHit
			hits, err = store.SearchText(ctx, query, 8)
			for _, h := range hits {
				r := paletteResult{title: names[h.Competitor], snippet: splitSnippet(h.Snippet), slug: h.Competitor}
				switch h.Kind {
				case "note":
					r.group, r.tab = "Intel notes", tabIntel
				case "card", "card_item":
					r.group, r.tab = "Battle cards", tabCard
				case "deal":
					r.group, r.tab = "Deals", tabWinLoss
				case "feature":
					r.group, r.tab, r.slug, r.title = "Features", tabFeatures, current, "description"
				}
				if r.slug == "" || found[fmt.Sprint(h.Kind, h.ID)] {
					continue
				}
				results = append(results, r)
			}
		}
		return paletteResultsMsg{gen: gen, results: groupResults(results), err: err}
	}
}

// tightMatch reports whether a fuzzy match in a long label is worth showing: its matched
// characters form no more separate runs than the query has words, plus one. Scattered letters
// across a sentence match almost any query; the full-text results cover those words better.
func tightMatch(query string, matched []int) bool {
	runs := 0
	for i, pos := range matched {
		if i == 0 || pos != matched[i-1]+1 {
			runs++
		}
	}
	return runs <= len(strings.Fields(query))+1
}

// groupResults orders results by group, keeping each group's own ranking.
func groupResults(rs []paletteResult) []paletteResult {
	out := make([]paletteResult, 0, len(rs))
	for _, g := range paletteGroups {
		for _, r := range rs {
			if r.group == g {
				out = append(out, r)
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

// View renders the box and the grouped results, keeping the selection visible.
func (p *palette) View() string {
	st := p.styles
	lines := []string{truncate(p.input.View(), p.width), ""}
	switch {
	case p.err != nil:
		lines = append(lines, st.StatusError.Render("search failed: "+termtext.Line(p.err.Error())))
	case strings.TrimSpace(p.input.Value()) == "":
		lines = append(lines, st.Muted.Render("Type to search names, battle cards, intel notes, deal quotes and features."))
		if p.text == nil {
			lines = append(lines, st.Muted.Render("Indexing notes, deals and card lines…"))
		}
	case len(p.results) == 0 && !p.busy:
		lines = append(lines, st.Muted.Render("No matches."))
	}
	// Render every result with its group headings, then scroll so the cursor stays in view.
	var body []string
	cursorLine := 0
	group := ""
	for i, r := range p.results {
		if r.group != group {
			group = r.group
			if len(body) > 0 {
				body = append(body, "")
			}
			body = append(body, st.Heading.Render(group))
		}
		if i == p.cursor {
			cursorLine = len(body)
		}
		body = append(body, p.renderResult(r, i == p.cursor))
	}
	room := max(1, p.height-len(lines))
	start := 0
	if cursorLine >= room {
		start = cursorLine - room + 1
	}
	if start < len(body) {
		body = body[start:]
	}
	lines = append(lines, body...)
	return fitBlock(strings.Join(lines, "\n"), p.width, p.height)
}

func (p *palette) renderResult(r paletteResult, selected bool) string {
	st := p.styles
	cursor := "  "
	if selected {
		cursor = st.Selected.Render("▌ ")
	}
	var b strings.Builder
	for i, part := range r.snippet {
		if i%2 == 1 {
			b.WriteString(st.Match.Render(part))
		} else {
			b.WriteString(part)
		}
	}
	title := ""
	if r.group != "Competitors" {
		title = st.Muted.Render(fmt.Sprintf("%-14s ", truncate(r.title, 14)))
	}
	return truncate(cursor+title+b.String(), p.width)
}

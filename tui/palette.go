package tui

import (
	"context"
	"fmt"
	"slices"
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
	more  bool   // the group likely holds more than are listed
	// before and after say what the result is and whose ("tag ", " · Harborline"); parts is
	// the matched text between them, alternating plain and matched parts, plain first.
	before, after string
	parts         []string
	slug          string
	tab           profileTab
	target        jumpTarget
}

// palette is the global search box (ctrl+k): competitors and features by fuzzy name, and the
// long text of cards, notes, deals and feature descriptions through the full-text index.
type palette struct {
	styles *Styles
	keys   paletteKeys
	input  textinput.Model
	// gen numbers the queries; busy says the latest one's results are still coming.
	gen  int
	busy bool
	// ctx and store run the full-text queries. queryCtx is the latest query's own, which cancel
	// ends as soon as a newer query makes its searches pointless. data is the latest snapshot, whose names are matched as typed,
	// owners its competitors' display names by slug, and current the competitor in view when
	// the palette opened (features lead to its Features tab).
	ctx      context.Context
	queryCtx context.Context
	cancel   context.CancelFunc
	store    *db.Store
	data     catalogView
	owners   map[string]string
	current  string
	// textIndex is the fuzzy index over note titles, deal accounts and card bullets, built in
	// the background as the catalog loads and updated in place after edits; text is the
	// palette's search session over it. Both are nil until it is built (the box says so).
	textIndex *search.Index
	text      *search.Session

	// names, labels and textHits are what each search found for the latest query so far,
	// merged into the lines listed, results; pending counts its searches still running, and
	// textStarted says its full-text search was started.
	names, labels, textHits []search.Found
	pending                 int
	textStarted             bool
	results                 []paletteResult
	// counts is the number of results in each group, shown beside its heading when there are
	// many results.
	counts map[string]int
	cursor int
	err    error
	width  int
	height int
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
	p.newQuery()
	p.cursor = 0
	return p.input.Focus()
}

// newQuery starts a new generation of results, ending the previous query's searches and
// clearing what they found.
func (p *palette) newQuery() {
	p.gen++
	p.stopQuery()
	p.names, p.labels, p.textHits, p.results, p.err, p.busy = nil, nil, nil, nil, nil, false
	p.pending, p.textStarted = 0, false
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
func (p *palette) SetData(v catalogView) {
	p.data, p.owners = v, competitorNames(v)
}

// Update handles typing, selection and query results. It returns a query command when the text
// changed and an openProfileMsg or backMsg command when the user is done.
func (p *palette) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case paletteNamesMsg:
		if msg.gen != p.gen {
			return nil
		}
		p.names = msg.found
		p.pending--
		p.show()
		var cmds []tea.Cmd
		if p.text != nil {
			p.pending++
			cmds = append(cmds, paletteLabelsCmd(p.queryCtx, p.gen, p.input.Value(), p.owners, p.text))
		}
		if longEnoughForFullText(p.input.Value()) || p.text == nil {
			cmds = append(cmds, p.fullText())
		}
		p.busy = p.pending > 0
		return tea.Batch(cmds...)
	case paletteLabelsMsg:
		if msg.gen != p.gen {
			return nil
		}
		p.labels = msg.found
		p.pending--
		p.show()
		cmd := p.fullText()
		p.busy = p.pending > 0
		return cmd
	case paletteTextMsg:
		if msg.gen != p.gen {
			return nil
		}
		p.textHits, p.err = msg.found, msg.err
		p.pending--
		p.show()
		p.busy = p.pending > 0
		return nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Close):
			p.newQuery()
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
				p.stopQuery()
				p.input.Blur()
				return func() tea.Msg { return openProfileMsg{slug: r.slug, tab: r.tab, target: r.target} }
			}
			return nil
		}
		before := p.input.Value()
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		if q := p.input.Value(); q != before {
			p.newQuery()
			p.cursor = 0
			if strings.TrimSpace(q) == "" {
				return cmd
			}
			p.busy, p.pending = true, 1
			p.queryCtx, p.cancel = context.WithCancel(p.ctx)
			return tea.Batch(cmd, paletteNamesCmd(p.gen, q, p.data, p.owners))
		}
		return cmd
	}
	return nil
}

// fullText starts the latest query's full-text search, once: as soon as its names are listed
// when it is long enough, else once its labels are too and only if nothing was found.
func (p *palette) fullText() tea.Cmd {
	if p.store == nil || p.textStarted || !wantsFullText(p.input.Value(), len(p.results)) {
		return nil
	}
	p.textStarted = true
	p.pending++
	return paletteTextCmd(p.queryCtx, p.gen, p.input.Value(), p.store, p.owners, p.data.features)
}

// stopQuery ends the latest query's searches still to run or running (its context lives until
// then, so at most one query's is open).
func (p *palette) stopQuery() {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
}

// show lists the results of the latest query from what its searches found so far.
func (p *palette) show() {
	found := slices.Concat(p.names, p.labels, p.textHits)
	p.results = paletteResults(search.Merge(p.input.Value(), found), p.current)
	p.counts = map[string]int{}
	for _, r := range p.results {
		p.counts[r.group]++
	}
	p.cursor = min(p.cursor, max(0, len(p.results)-1))
}

// SetTextIndex hands the palette a newly built index over note titles, deal accounts and
// card bullets, with its search session.
func (p *palette) SetTextIndex(ix *search.Index, text *search.Session) {
	p.textIndex, p.text = ix, text
}

// TextIndex is the index over note titles, deal accounts and card bullets, or nil while it is
// being built.
func (p *palette) TextIndex() *search.Index { return p.textIndex }

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
			heading := group
			if len(p.results) > search.ManyResults {
				heading += fmt.Sprintf(" · %d", p.counts[group])
				if r.more {
					heading += "+"
				}
			}
			body = append(body, st.Heading.Render(heading))
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

// renderResult renders one result: what it is, the matched text, whose it is. The matched
// text is cut first, so the owner stays in view.
func (p *palette) renderResult(r paletteResult, selected bool) string {
	st := p.styles
	cursor := "  "
	if selected {
		cursor = st.Selected.Render("▌ ")
	}
	var b strings.Builder
	for i, part := range r.parts {
		if i%2 == 1 {
			b.WriteString(st.Match.Render(part))
		} else {
			b.WriteString(part)
		}
	}
	text := b.String()
	if room := p.width - 2 - lipgloss.Width(r.before) - lipgloss.Width(r.after); room >= 12 {
		text = truncate(text, room)
	}
	return truncate(cursor+st.Muted.Render(r.before)+text+st.Muted.Render(r.after), p.width)
}

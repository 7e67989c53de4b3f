package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// Products a comparison takes.
const (
	minCompare = 2
	maxCompare = 4
)

// openCompareMsg asks the app to compare products (baseline first).
type openCompareMsg struct{ slugs []string }

// picker chooses 2–4 products to compare: type to narrow, space to tick, enter to compare.
type picker struct {
	styles *Styles
	keys   pickerKeys
	input  textinput.Model

	all      []model.Competitor
	rows     []int // indexes into all, as shown
	matches  map[int][]int
	cursor   int
	selected []string // slugs in the order they were ticked
	problem  string
	width    int
	height   int
}

type pickerKeys struct {
	Up, Down, Toggle, Compare, Close key.Binding
}

func newPicker(styles *Styles) *picker {
	in := textinput.New()
	in.Prompt = "compare › "
	in.Placeholder = "type to find a product"
	in.CharLimit = 64
	in.Cursor.SetMode(cursor.CursorStatic)
	return &picker{styles: styles, input: in, keys: pickerKeys{
		Up:      key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		Down:    key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		Toggle:  key.NewBinding(key.WithKeys(" ", "tab"), key.WithHelp("space", "tick")),
		Compare: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "compare")),
		Close:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
}

// Open starts a pick with our own product and, if given, one rival ticked.
func (p *picker) Open(all []model.Competitor, rival string) tea.Cmd {
	p.all, p.selected, p.problem = all, nil, ""
	for _, c := range all {
		if c.IsSelf {
			p.selected = append(p.selected, c.Slug)
		}
	}
	if rival != "" && !p.isSelected(rival) {
		p.selected = append(p.selected, rival)
	}
	p.input.SetValue("")
	p.filter()
	return p.input.Focus()
}

// SetSize gives the picker its share of the terminal.
func (p *picker) SetSize(width, height int) {
	p.width, p.height = width, height
	p.input.Width = max(1, width-12)
}

func (p picker) isSelected(slug string) bool {
	for _, s := range p.selected {
		if s == slug {
			return true
		}
	}
	return false
}

func (p *picker) filter() {
	p.rows, p.matches, p.cursor = nil, nil, 0
	q := strings.TrimSpace(p.input.Value())
	if q == "" {
		for i := range p.all {
			p.rows = append(p.rows, i)
		}
		return
	}
	items := make([]search.Item, len(p.all))
	for i, c := range p.all {
		items[i] = search.Item{Key: c.Slug, Label: termtext.Line(c.Name)}
	}
	p.matches = map[int][]int{}
	for _, h := range search.Names(q, items, len(items)) {
		for i, c := range p.all {
			if c.Slug == h.Item.Key {
				p.rows = append(p.rows, i)
				p.matches[i] = h.Matched
			}
		}
	}
}

// ShortHelp lists the picker's keys.
func (p picker) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Down, p.keys.Up, p.keys.Toggle, p.keys.Compare, p.keys.Close}
}

// FullHelp lists the picker's keys.
func (p picker) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// Update handles typing, ticking and choosing.
func (p *picker) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, p.keys.Close):
		return func() tea.Msg { return backMsg{} }
	case key.Matches(km, p.keys.Up):
		p.cursor = max(0, p.cursor-1)
		return nil
	case key.Matches(km, p.keys.Down):
		p.cursor = min(max(0, len(p.rows)-1), p.cursor+1)
		return nil
	case key.Matches(km, p.keys.Toggle):
		if p.cursor < len(p.rows) {
			slug := p.all[p.rows[p.cursor]].Slug
			if p.isSelected(slug) {
				var keep []string
				for _, s := range p.selected {
					if s != slug {
						keep = append(keep, s)
					}
				}
				p.selected = keep
			} else if len(p.selected) < maxCompare {
				p.selected = append(p.selected, slug)
			} else {
				p.problem = fmt.Sprintf("at most %d products side by side", maxCompare)
				return nil
			}
			p.problem = ""
		}
		return nil
	case key.Matches(km, p.keys.Compare):
		if len(p.selected) < minCompare {
			p.problem = fmt.Sprintf("tick at least %d products (space)", minCompare)
			return nil
		}
		slugs := append([]string(nil), p.selected...)
		p.input.Blur()
		return func() tea.Msg { return openCompareMsg{slugs: slugs} }
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(km)
	if p.input.Value() != before {
		p.filter()
	}
	return cmd
}

// View renders the box, the ticked products and the list.
func (p *picker) View() string {
	st := p.styles
	var names []string
	for _, s := range p.selected {
		for _, c := range p.all {
			if c.Slug == s {
				names = append(names, termtext.Line(c.Name))
			}
		}
	}
	status := st.Muted.Render(fmt.Sprintf("%d of %d–%d ticked: %s", len(p.selected), minCompare, maxCompare, strings.Join(names, " vs ")))
	if p.problem != "" {
		status = st.StatusError.Render(p.problem)
	}
	lines := []string{truncate(p.input.View(), p.width), truncate(status, p.width), ""}
	room := max(1, p.height-len(lines))
	start := 0
	if p.cursor >= room {
		start = p.cursor - room + 1
	}
	for i := start; i < len(p.rows) && len(lines) < p.height; i++ {
		c := p.all[p.rows[i]]
		box := "[ ] "
		if p.isSelected(c.Slug) {
			box = st.Selected.Render("[x] ")
		}
		cur, style := "  ", st.Normal
		if i == p.cursor {
			cur, style = st.Selected.Render("▌ "), st.Selected
		}
		name := highlight(termtext.Line(c.Name), p.matches[p.rows[i]], max(1, p.width-8), style, st.Match)
		if c.IsSelf {
			name += st.Muted.Render("  our product")
		}
		lines = append(lines, truncate(cur+box+name, p.width))
	}
	return fitBlock(strings.Join(lines, "\n"), p.width, p.height)
}

// pickCompareMsg asks for the compare picker, with our product ticked and the competitor in
// view too unless it is ours.
type pickCompareMsg struct{ slug string }

func (a pickCompareMsg) start(m *Model) tea.Cmd {
	rival := a.slug
	if m.data.profile(a.slug).competitor.IsSelf {
		rival = ""
	}
	m.open(m.picker)
	return m.picker.Open(m.data.competitors, rival)
}

func (pickCompareMsg) readsOnly() {}

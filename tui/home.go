package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/model"
	"github.com/rivals-app/rivals/termtext"
)

// home is the first screen: the competitor list beside the selected competitor's profile.
type home struct {
	styles *Styles
	keys   homeKeys
	today  model.Date

	data    catalogView
	version int // bumped on every new snapshot; keys the preview cache
	cursor  int
	offset  int // first visible list row
	width   int
	height  int

	// preview is shared by the copies Bubble Tea makes of the model, so a render cached by
	// one View is reused by the next.
	preview *renderCache
}

// renderCache holds one rendered block and the key (data version, selection, size) it was
// rendered for.
type renderCache struct {
	key   string
	block string
}

func newHome(styles *Styles, today model.Date) home {
	return home{styles: styles, keys: newHomeKeys(), today: today, preview: &renderCache{}}
}

// SetSize gives the screen its share of the terminal.
func (h *home) SetSize(width, height int) {
	h.width, h.height = width, height
	h.clampScroll()
}

// SetData replaces the snapshot, keeping the selection on the same competitor when it exists.
func (h *home) SetData(v catalogView) {
	selected := h.selectedSlug()
	h.data = v
	h.version++
	h.cursor = 0
	for i, c := range v.competitors {
		if c.Slug == selected {
			h.cursor = i
		}
	}
	h.clampScroll()
}

func (h home) selectedSlug() string {
	if h.cursor < len(h.data.competitors) {
		return h.data.competitors[h.cursor].Slug
	}
	return ""
}

// ShortHelp lists the main bindings for the footer.
func (h home) ShortHelp() []key.Binding {
	return []key.Binding{h.keys.Down, h.keys.Up}
}

// FullHelp lists every binding of the screen.
func (h home) FullHelp() [][]key.Binding {
	return [][]key.Binding{{h.keys.Down, h.keys.Up, h.keys.Top, h.keys.Bottom}}
}

// Update handles the screen's keys.
func (h home) Update(msg tea.Msg) (home, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return h, nil
	}
	n := len(h.data.competitors)
	switch {
	case key.Matches(km, h.keys.Down):
		if h.cursor < n-1 {
			h.cursor++
		}
	case key.Matches(km, h.keys.Up):
		if h.cursor > 0 {
			h.cursor--
		}
	case key.Matches(km, h.keys.Top):
		h.cursor = 0
	case key.Matches(km, h.keys.Bottom):
		h.cursor = max(0, n-1)
	}
	h.clampScroll()
	return h, nil
}

// clampScroll keeps the cursor row visible.
func (h *home) clampScroll() {
	rows := max(1, h.height)
	if h.cursor < h.offset {
		h.offset = h.cursor
	}
	if h.cursor >= h.offset+rows {
		h.offset = h.cursor - rows + 1
	}
	h.offset = max(0, min(h.offset, len(h.data.competitors)-rows))
}

// listWidth decides how wide the competitor list is: a third of the screen, within bounds.
func (h home) listWidth() int {
	if h.width < 60 {
		return h.width // too narrow for two panes: the list alone
	}
	return min(max(h.width/3, 24), 40)
}

// View renders exactly height lines, none wider than width.
func (h *home) View() string {
	if h.width <= 0 || h.height <= 0 {
		return ""
	}
	if len(h.data.competitors) == 0 {
		return fitBlock(h.styles.Muted.Render("No competitors yet. Import a catalog: rivals import FILE"), h.width, h.height)
	}
	lw := h.listWidth()
	list := h.renderList(lw)
	if lw == h.width {
		return list
	}
	pw := h.width - lw - 3
	sep := strings.TrimRight(strings.Repeat(h.styles.PaneBorder.Render(" │ ")+"\n", h.height), "\n")
	return lipgloss.JoinHorizontal(lipgloss.Top, list, sep, h.renderPreview(pw))
}

func (h *home) renderList(width int) string {
	var b strings.Builder
	comps := h.data.competitors
	for row := 0; row < h.height; row++ {
		i := h.offset + row
		if row > 0 {
			b.WriteByte('\n')
		}
		if i >= len(comps) {
			continue
		}
		c := comps[i]
		marker := "  "
		if c.IsSelf {
			marker = h.styles.SelfMarker.Render("★ ")
		}
		badge := ""
		if c.Threat != model.ThreatNone {
			badge = " " + h.styles.Threat[string(c.Threat)].Render(string(c.Threat))
		}
		name := termtext.Line(c.Name)
		room := width - lipgloss.Width(marker) - lipgloss.Width(badge) - 2
		if room < 4 {
			badge, room = "", width-lipgloss.Width(marker)-2
		}
		name = truncate(name, max(room, 1))
		style := h.styles.Normal
		cursor := "  "
		if i == h.cursor {
			style, cursor = h.styles.Selected, h.styles.Selected.Render("▌ ")
		}
		line := cursor + marker + style.Render(name)
		pad := width - lipgloss.Width(line) - lipgloss.Width(badge)
		if pad > 0 {
			line += strings.Repeat(" ", pad)
		}
		b.WriteString(truncate(line+badge, width))
	}
	return fitBlock(b.String(), width, h.height)
}

// preview renders the selected competitor's profile, cached per snapshot, selection and size.
func (h *home) renderPreview(width int) string {
	slug := h.selectedSlug()
	cacheKey := fmt.Sprintf("%d/%s/%dx%d", h.version, slug, width, h.height)
	if cacheKey == h.preview.key {
		return h.preview.block
	}
	c := h.data.competitors[h.cursor]
	s := h.data.summaries[slug]
	st := h.styles
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	title := st.Heading.Render(termtext.Line(c.Name))
	if c.IsSelf {
		title += st.Muted.Render("  our product")
	} else if badge, ok := st.Threat[string(c.Threat)]; ok {
		title += "  " + badge.Render(string(c.Threat)) + st.Muted.Render(" "+string(c.Status))
	}
	add(title)
	if c.Positioning != "" {
		add(wrap(st.Muted.Render(termtext.Line(c.Positioning)), width)...)
	}
	add("")
	field := func(label, value string) {
		if value != "" {
			add(st.Label.Render(fmt.Sprintf("%-10s ", label)) + termtext.Line(value))
		}
	}
	field("Segments", strings.Join(c.Segments, ", "))
	field("Company", c.CompanyFacts())
	field("Website", c.Website)
	m := s.matrix
	matrix := fmt.Sprintf("%d yes · %d partial · %d no", m.Levels[model.LevelYes], m.Levels[model.LevelPartial], m.Levels[model.LevelNo])
	if m.Stale > 0 {
		matrix += st.Stale.Render(fmt.Sprintf("  %d stale", m.Stale))
	}
	add(st.Label.Render(fmt.Sprintf("%-10s ", "Features")) + matrix)
	field("Plans", fmt.Sprintf("%d", len(s.plans)))
	if !c.IsSelf {
		wl := s.winLoss
		record := fmt.Sprintf("%d won · %d lost", wl.Won, wl.Lost)
		if r, ok := wl.WinRate(); ok {
			record += fmt.Sprintf(" · %.0f%% win rate (n=%d)", r*100, wl.Decided())
		}
		field("Win/loss", record)
		card := "none yet"
		if s.card != nil {
			card = "never reviewed"
			if !s.card.LastReviewed.IsZero() {
				card = "reviewed " + s.card.LastReviewed.String()
			}
			if model.IsStale(s.card.LastReviewed, h.today, model.StaleCardDays) {
				card += st.Stale.Render(" (stale)")
			}
		}
		field("Card", card)
	}
	if s.card != nil && len(s.card.WhyWeWin) > 0 {
		add("", st.Heading.Render("Why we win"))
		for _, item := range s.card.WhyWeWin {
			add(bullet(termtext.Line(item), width)...)
		}
	}
	if len(s.notes) > 0 {
		add("", st.Heading.Render("Latest intel"))
		for i, n := range s.notes {
			if i == 3 {
				break
			}
			add(wrap(st.Muted.Render(n.Date.String())+" "+termtext.Line(n.Title), width)...)
		}
	}
	h.preview.key = cacheKey
	h.preview.block = fitBlock(strings.Join(lines, "\n"), width, h.height)
	return h.preview.block
}

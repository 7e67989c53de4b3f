package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
	"github.com/sahilm/fuzzy"
)

// openProfileMsg asks the app to open a competitor's profile on a tab.
type openProfileMsg struct {
	slug string
	tab  profileTab
	// target is the row to select on the tab (none for a plain open).
	target jumpTarget
}

// home is the first screen: the competitor list beside the selected competitor's profile.
type home struct {
	styles *Styles
	keys   homeKeys
	today  model.Date

	data    catalogView
	version int    // bumped on every new snapshot; keys the preview cache
	dbPath  string // the database shown, named when the catalog is empty
	width   int
	height  int

	// The rows shown: indexes into data.competitors, in display order, with the matched rune
	// positions of each name while a filter is active.
	rows    []int
	matches map[int][]int
	cursor  int // index into rows
	offset  int // first visible row

	filter    textinput.Model
	filtering bool // the filter box has the keyboard

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
	f := textinput.New()
	f.Prompt = "/ "
	f.Placeholder = "filter by name"
	f.CharLimit = 64
	f.Cursor.SetMode(cursor.CursorStatic) // no blink ticks: nothing redraws while idle
	return home{styles: styles, keys: newHomeKeys(), today: today, filter: f, preview: &renderCache{}}
}

// SetSize gives the screen its share of the terminal.
func (h *home) SetSize(width, height int) {
	h.width, h.height = width, height
	h.filter.Width = max(1, h.listWidth()-4)
	h.clampScroll()
}

// SetData replaces the snapshot, keeping the selection on the same competitor when it exists.
func (h *home) SetData(v catalogView) {
	selected := h.selectedSlug()
	h.data = v
	h.version++
	h.applyFilter()
	h.selectSlug(selected)
	// An empty catalog has no list to move in or filter: help offers only what starts one.
	some := len(v.competitors) > 0
	for _, b := range []*key.Binding{&h.keys.Up, &h.keys.Down, &h.keys.Top, &h.keys.Bottom, &h.keys.Filter} {
		b.SetEnabled(some)
	}
}

// selectSlug moves the cursor to a competitor if it is visible.
func (h *home) selectSlug(slug string) {
	for i, idx := range h.rows {
		if h.data.competitors[idx].Slug == slug {
			h.cursor = i
		}
	}
	h.clampScroll()
}

func (h home) selectedSlug() string {
	if h.cursor < len(h.rows) {
		return h.data.competitors[h.rows[h.cursor]].Slug
	}
	return ""
}

// applyFilter recomputes the visible rows from the filter text: all competitors in catalog order
// (our own product first) without one, fuzzy matches best first with one.
func (h *home) applyFilter() {
	q := strings.TrimSpace(h.filter.Value())
	previous := h.selectedSlug()
	h.rows, h.matches = make([]int, 0, len(h.data.competitors)), nil // fresh: model copies must not share it
	if q == "" {
		for i := range h.data.competitors {
			h.rows = append(h.rows, i)
		}
	} else {
		names := make([]string, len(h.data.competitors))
		for i, c := range h.data.competitors {
			names[i] = termtext.Line(c.Name)
		}
		h.matches = map[int][]int{}
		for _, m := range fuzzy.Find(q, names) {
			h.rows = append(h.rows, m.Index)
			h.matches[m.Index] = m.MatchedIndexes
		}
	}
	// Narrowing selects the best match; clearing the text goes back to what was selected.
	h.cursor = 0
	h.offset = 0
	if q == "" {
		h.selectSlug(previous)
	}
}

// Filtering reports whether the filter box has the keyboard (so global keys like q are text).
func (h home) Filtering() bool { return h.filtering }

// ShortHelp lists the main bindings for the footer.
func (h home) ShortHelp() []key.Binding {
	if h.filtering {
		return []key.Binding{h.keys.AcceptFilter, h.keys.ClearFilter}
	}
	b := []key.Binding{h.keys.Down, h.keys.Up}
	if h.selectedSlug() != "" {
		b = append(b, h.keys.Open)
	}
	b = append(b, h.keys.Filter, h.keys.New)
	if h.filter.Value() != "" {
		b = append(b, h.keys.ClearFilter)
	}
	return b
}

// FullHelp lists every binding of the screen.
func (h home) FullHelp() [][]key.Binding {
	if h.filtering {
		return [][]key.Binding{{h.keys.AcceptFilter, h.keys.ClearFilter}}
	}
	nav := []key.Binding{h.keys.Down, h.keys.Up, h.keys.Top, h.keys.Bottom}
	var acts []key.Binding
	if h.selectedSlug() != "" {
		acts = append(acts, h.keys.Open)
	}
	acts = append(acts, h.keys.Filter)
	if h.filter.Value() != "" {
		acts = append(acts, h.keys.ClearFilter)
	}
	edit := []key.Binding{h.keys.Compare, h.keys.Calculator, h.keys.Prep, h.keys.New}
	if h.selectedSlug() != "" {
		edit = append(edit, h.keys.Edit, h.keys.Delete)
	}
	return [][]key.Binding{nav, acts, edit}
}

// Update handles the screen's keys.
func (h *home) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if h.filtering {
		switch {
		case key.Matches(km, h.keys.ClearFilter):
			h.filtering = false
			h.filter.Blur()
			h.filter.SetValue("")
			h.applyFilter()
			return nil
		case key.Matches(km, h.keys.AcceptFilter):
			h.filtering = false
			h.filter.Blur()
			return nil
		case km.Type == tea.KeyUp:
			h.move(-1)
			return nil
		case km.Type == tea.KeyDown:
			h.move(1)
			return nil
		}
		before := h.filter.Value()
		var cmd tea.Cmd
		h.filter, cmd = h.filter.Update(km)
		if h.filter.Value() != before {
			h.applyFilter()
		}
		return cmd
	}
	switch {
	case key.Matches(km, h.keys.Filter):
		h.filtering = true
		return h.filter.Focus()
	case key.Matches(km, h.keys.ClearFilter):
		if h.filter.Value() != "" {
			selected := h.selectedSlug()
			h.filter.SetValue("")
			h.applyFilter()
			h.selectSlug(selected)
		}
	case key.Matches(km, h.keys.Open):
		if slug := h.selectedSlug(); slug != "" {
			return func() tea.Msg { return openProfileMsg{slug: slug, tab: tabOverview} }
		}
	case key.Matches(km, h.keys.New):
		return actionCmd(newCompetitorMsg{})
	case key.Matches(km, h.keys.Compare):
		return actionCmd(pickCompareMsg{slug: h.selectedSlug()})
	case key.Matches(km, h.keys.Prep):
		if slug := h.selectedSlug(); slug != "" {
			return func() tea.Msg { return openPrepMsg{slug: slug} }
		}
	case key.Matches(km, h.keys.Calculator):
		return func() tea.Msg { return openCalculatorMsg{} }
	case key.Matches(km, h.keys.Edit):
		if slug := h.selectedSlug(); slug != "" {
			return actionCmd(editCompetitorMsg{slug: slug})
		}
	case key.Matches(km, h.keys.Delete):
		if slug := h.selectedSlug(); slug != "" {
			return actionCmd(deleteCompetitorMsg{slug: slug})
		}
	case key.Matches(km, h.keys.Down):
		h.move(1)
	case key.Matches(km, h.keys.Up):
		h.move(-1)
	case key.Matches(km, h.keys.Top):
		h.cursor = 0
	case key.Matches(km, h.keys.Bottom):
		h.cursor = max(0, len(h.rows)-1)
	}
	h.clampScroll()
	return nil
}

func (h *home) move(delta int) {
	h.cursor = max(0, min(h.cursor+delta, len(h.rows)-1))
	h.clampScroll()
}

// listRows is the number of list rows that fit under the list's header line.
func (h home) listRows() int { return max(1, h.height-1) }

// clampScroll keeps the cursor row visible.
func (h *home) clampScroll() {
	rows := h.listRows()
	if h.cursor < h.offset {
		h.offset = h.cursor
	}
	if h.cursor >= h.offset+rows {
		h.offset = h.cursor - rows + 1
	}
	h.offset = max(0, min(h.offset, len(h.rows)-rows))
}

// listWidth decides how wide the competitor list is.
func (h home) listWidth() int {
	if h.width < 72 {
		return h.width // too narrow for two panes: the list alone
	}
	return min(max(h.width*2/5, 34), 72)
}

// View renders exactly height lines, none wider than width.
func (h *home) View() string {
	if h.width <= 0 || h.height <= 0 {
		return ""
	}
	if h.version > 0 && len(h.data.competitors) == 0 {
		return h.renderEmpty()
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

// listColumns decides which optional columns fit beside a name of at least minName cells.
type listColumns struct {
	name                                    int
	threat, stale, status, updated, segment bool
}

func (h home) columns(width int) listColumns {
	const minName = 14
	c := listColumns{name: width - 4} // cursor and self marker
	try := func(w int, on *bool) {
		if c.name-w >= minName {
			c.name -= w
			*on = true
		}
	}
	try(11, &c.threat)
	try(4, &c.stale)
	try(10, &c.status)
	try(11, &c.updated)
	try(13, &c.segment)
	return c
}

func (h *home) renderList(width int) string {
	st := h.styles
	var b strings.Builder
	// Header: the filter box, or how to open it.
	switch {
	case h.filtering:
		b.WriteString(truncate(h.filter.View(), width))
	case h.filter.Value() != "":
		b.WriteString(truncate(st.Muted.Render(fmt.Sprintf("/ %s  (%d of %d · esc clears)", termtext.Line(h.filter.Value()), len(h.rows), len(h.data.competitors))), width))
	default:
		b.WriteString(truncate(st.Muted.Render("/ filter"), width))
	}
	if h.version == 0 {
		b.WriteString("\n" + st.Muted.Render("Loading the catalog…"))
		return fitBlock(b.String(), width, h.height)
	}
	if len(h.rows) == 0 {
		b.WriteString("\n" + st.Muted.Render("Nothing matches."))
		return fitBlock(b.String(), width, h.height)
	}
	cols := h.columns(width)
	for row := 0; row < h.listRows(); row++ {
		i := h.offset + row
		if i >= len(h.rows) {
			break
		}
		b.WriteByte('\n')
		b.WriteString(h.renderRow(h.rows[i], i == h.cursor, cols, width))
	}
	return fitBlock(b.String(), width, h.height)
}

// renderRow draws one competitor: cursor, our-product marker, name with matched characters
// highlighted, then the optional columns.
func (h *home) renderRow(idx int, selected bool, cols listColumns, width int) string {
	st := h.styles
	c := h.data.competitors[idx]
	p := h.data.profile(c.Slug)
	cursor, nameStyle := "  ", st.Normal
	if selected {
		cursor, nameStyle = st.Selected.Render("▌ "), st.Selected
	}
	marker := "  "
	if c.IsSelf {
		marker = st.SelfMarker.Render("★ ")
	}
	name := highlight(termtext.Line(c.Name), h.matches[idx], cols.name, nameStyle, st.Match)
	line := cursor + marker + name + strings.Repeat(" ", max(0, cols.name-lipgloss.Width(name)))
	if cols.stale {
		// How many facts need re-checking, so one old cell reads differently from fifty.
		flag := ""
		if p.staleFacts > 0 {
			flag = st.Stale.Render(fmt.Sprintf("⚑%d", min(p.staleFacts, 99)))
		}
		line += padRight(flag, 4)
	}
	if cols.threat {
		line += " " + padLeft(h.threatBadge(c.Threat), 10)
	}
	if cols.status {
		line += " " + padRight(st.Muted.Render(string(c.Status)), 9)
	}
	if cols.updated {
		line += " " + st.Muted.Render(c.UpdatedAt.Local().Format(model.DateLayout))
	}
	if cols.segment && len(c.Segments) > 0 {
		line += "  " + st.Muted.Render(truncate(termtext.Line(c.Segments[0]), 11))
	}
	return truncate(line, width)
}

// threatBadge renders a threat level as a coloured badge ("" for our own product).
func (h *home) threatBadge(t model.Threat) string {
	if s, ok := h.styles.Threat[string(t)]; ok {
		return s.Render(string(t))
	}
	return ""
}

// highlight renders s in at most width cells, styling the runes at matched positions.
func highlight(s string, matched []int, width int, base, match lipgloss.Style) string {
	runes := []rune(s)
	if lipgloss.Width(s) > width {
		cut := []rune(truncate(s, width))
		runes = cut
	}
	if len(matched) == 0 {
		return base.Render(string(runes))
	}
	hit := make(map[int]bool, len(matched))
	for _, i := range matched {
		hit[i] = true
	}
	var b strings.Builder
	var run []rune
	runHit := false
	flush := func() {
		if len(run) == 0 {
			return
		}
		if runHit {
			b.WriteString(match.Render(string(run)))
		} else {
			b.WriteString(base.Render(string(run)))
		}
		run = run[:0]
	}
	for i, r := range runes {
		if hit[i] != runHit {
			flush()
			runHit = hit[i]
		}
		run = append(run, r)
	}
	flush()
	return b.String()
}

func padLeft(s string, width int) string {
	return strings.Repeat(" ", max(0, width-lipgloss.Width(s))) + s
}

func padRight(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-lipgloss.Width(s)))
}

// renderPreview renders the selected competitor's summary, cached per snapshot, selection and
// size.
func (h *home) renderPreview(width int) string {
	slug := h.selectedSlug()
	cacheKey := fmt.Sprintf("%d/%s/%dx%d", h.version, slug, width, h.height)
	if cacheKey == h.preview.key {
		return h.preview.block
	}
	block := ""
	if slug != "" {
		block = renderSummary(h.styles, h.data.profile(slug), h.today, width, true)
	}
	h.preview.key = cacheKey
	h.preview.block = fitBlock(block, width, h.height)
	return h.preview.block
}

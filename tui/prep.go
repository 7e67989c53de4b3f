package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
)

// openPrepMsg asks the app to show the call-prep sheet of a competitor.
type openPrepMsg struct{ slug string }

// prepView is the call-prep sheet: everything a sales engineer needs minutes before a call, in
// the order the call needs it. The title and what is stale stay at the top; the blocks below
// scroll, and a screen only ever shows whole items (a bullet, an objection with its answer),
// saying how many blocks are below.
type prepView struct {
	styles *Styles
	keys   prepKeys
	sheet  report.PrepSheet
	width  int
	height int
	// head is the title and the stale banner; layout is the scrolling body, both for the
	// current sheet and width.
	head   []string
	layout prepLayout
	// top is the first body line shown.
	top int
}

// prepKeys are the sheet's bindings: scrolling is enabled only when the sheet does not fit.
type prepKeys struct {
	Down, Up, PageDown, PageUp, Top, Bottom key.Binding
	Back                                    key.Binding
	Copy, CopyFormat                        key.Binding
}

func newPrepView(styles *Styles) *prepView {
	copyKey, formatKey := newCopyKeys()
	return &prepView{styles: styles, keys: prepKeys{
		Down:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "scroll down")),
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "scroll up")),
		PageDown:   key.NewBinding(key.WithKeys(" ", "pgdown", "f"), key.WithHelp("space", "page down")),
		PageUp:     key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b", "page up")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Back:       key.NewBinding(key.WithKeys("esc", "p", "backspace"), key.WithHelp("esc", "back")),
		Copy:       copyKey,
		CopyFormat: formatKey,
	}}
}

// Open shows a sheet from its top.
func (v *prepView) Open(sheet report.PrepSheet) {
	v.sheet, v.top = sheet, 0
	v.relayout()
}

// Refresh shows a newer reading of the sheet where the reader is.
func (v *prepView) Refresh(sheet report.PrepSheet) {
	v.sheet = sheet
	v.relayout()
	v.scrollTo(v.top)
}

// SetSize gives the sheet its share of the terminal.
func (v *prepView) SetSize(width, height int) {
	if width != v.width {
		v.width, v.height = width, height
		v.relayout()
	}
	v.width, v.height = width, height
	v.scrollTo(v.top)
}

// relayout lays the sheet out for the current width.
func (v *prepView) relayout() {
	if v.width <= 0 {
		v.head, v.layout = nil, prepLayout{}
		return
	}
	st, s := v.styles, v.sheet
	title := st.Heading.Render(termtext.Line(s.Name)) + st.Muted.Render(" · call prep")
	if badge, ok := st.Threat[string(s.Threat)]; ok {
		title += "  " + badge.Render(string(s.Threat))
	}
	v.head = wrap(title, v.width)
	if len(s.Stale) > 0 {
		for _, l := range wrapWords("⚠ Stale: "+termtext.Line(strings.Join(s.Stale, "; ")), v.width) {
			v.head = append(v.head, st.Stale.Render(l))
		}
	}
	v.layout = layoutPrep(prepBlocks(st, s, v.width), v.width)
	v.scrollTo(v.top)
}

// ShortHelp lists the bindings for the footer.
func (v prepView) ShortHelp() []key.Binding {
	return []key.Binding{v.keys.Down, v.keys.PageDown, v.keys.Copy, v.keys.Back}
}

// FullHelp lists every binding.
func (v prepView) FullHelp() [][]key.Binding {
	return [][]key.Binding{{v.keys.Down, v.keys.Up, v.keys.PageDown, v.keys.PageUp, v.keys.Top, v.keys.Bottom}, {v.keys.Copy, v.keys.CopyFormat, v.keys.Back}}
}

// Update handles the sheet's keys.
func (v *prepView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, v.keys.Back):
		return func() tea.Msg { return backMsg{} }
	case key.Matches(km, v.keys.Copy):
		return func() tea.Msg { return copyCardMsg{prep: true} }
	case key.Matches(km, v.keys.CopyFormat):
		return func() tea.Msg { return toggleCopyFormatMsg{} }
	case key.Matches(km, v.keys.Down):
		v.scrollTo(v.nextStop(v.top))
	case key.Matches(km, v.keys.Up):
		v.scrollTo(v.previousStop(v.top))
	case key.Matches(km, v.keys.PageDown):
		v.scrollTo(v.shownEnd(v.top))
	case key.Matches(km, v.keys.PageUp):
		v.scrollTo(v.pageBack(v.top))
	case key.Matches(km, v.keys.Top):
		v.scrollTo(0)
	case key.Matches(km, v.keys.Bottom):
		v.scrollTo(v.lastTop())
	}
	return nil
}

// bodyHeight is how many body lines fit between the head and the footer line.
func (v *prepView) bodyHeight() int { return max(v.height-len(v.head)-1, 1) }

// fits reports whether the whole body shows at once.
func (v *prepView) fits() bool { return len(v.layout.body) <= v.bodyHeight() }

// scrollTo moves the top to line, kept between the first line and the last top, and enables the
// scrolling keys that can move.
func (v *prepView) scrollTo(line int) {
	v.top = max(min(line, v.lastTop()), 0)
	more, back := v.shownEnd(v.top) < len(v.layout.body), v.top > 0
	v.keys.Down.SetEnabled(more)
	v.keys.PageDown.SetEnabled(more)
	v.keys.Bottom.SetEnabled(more)
	v.keys.Up.SetEnabled(back)
	v.keys.PageUp.SetEnabled(back)
	v.keys.Top.SetEnabled(back)
}

// shownEnd is the line after the last one shown from top: the furthest break that fits, or, when
// one item is taller than the screen, as much of it as fits. A block that would be cut but fits
// on a screen of its own waits for the next screen when the blocks before it fill at least half
// of this one: a screen shows fewer blocks, whole, without leaving most of itself empty.
func (v *prepView) shownEnd(top int) int {
	limit := top + v.bodyHeight()
	end := top
	for _, b := range v.layout.breaks {
		if b > top && b <= limit {
			end = b
		}
	}
	if end == top {
		return min(limit, len(v.layout.body))
	}
	for _, b := range v.layout.blocks {
		if b[0]-top >= (v.bodyHeight()+1)/2 && b[0] < end && end < b[1] && b[1]-b[0] <= v.bodyHeight() && containsInt(v.layout.breaks, b[0]) {
			return b[0]
		}
	}
	return end
}

// nextStop is the top one step down: the next break, or one screen further inside an item
// taller than the screen.
func (v *prepView) nextStop(top int) int {
	for _, b := range v.layout.breaks {
		if b > top {
			return min(b, top+v.bodyHeight())
		}
	}
	return top
}

// previousStop is the top one step up: the break before top.
func (v *prepView) previousStop(top int) int {
	prev := 0
	for _, b := range v.layout.breaks {
		if b >= top {
			break
		}
		prev = b
	}
	return max(prev, top-v.bodyHeight())
}

// pageBack is the top one screen up: the earliest break whose screen reaches top.
func (v *prepView) pageBack(top int) int {
	for _, b := range v.layout.breaks {
		if b < top && v.shownEnd(b) >= top {
			return b
		}
	}
	return v.previousStop(top)
}

// lastTop is the top that shows the end of the body: the earliest break from which the rest
// fits, or the start of the last screenful.
func (v *prepView) lastTop() int {
	n := len(v.layout.body)
	for _, b := range v.layout.breaks {
		if n-b <= v.bodyHeight() {
			return b
		}
	}
	return max(n-v.bodyHeight(), 0)
}

// View draws the head, the whole items that fit from the top line, and a footer that says
// what is above and below.
func (v *prepView) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	end := v.shownEnd(v.top)
	body := v.layout.body[v.top:end]
	for len(body) > 0 && body[len(body)-1] == "" {
		body = body[:len(body)-1]
	}
	lines := append(append([]string{}, v.head...), body...)
	if v.fits() {
		return fitBlock(strings.Join(lines, "\n"), v.width, v.height)
	}
	for len(lines) < v.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:min(len(lines), v.height-1)], v.footer(end))
	return fitBlock(strings.Join(lines, "\n"), v.width, v.height)
}

// footer says how many blocks are below (or that the sheet ends) and where the screen is.
func (v *prepView) footer(end int) string {
	below, partly := 0, false
	for _, b := range v.layout.blocks {
		switch {
		case b[0] >= end:
			below++
		case b[1] > end:
			partly = true
		}
	}
	var say string
	switch {
	case below > 0:
		say = fmt.Sprintf("↓ %s below", plural(below, "more block"))
	case partly:
		say = "↓ more below"
	default:
		say = "end of the sheet"
	}
	where := fmt.Sprintf("lines %d–%d of %d", v.top+1, end, len(v.layout.body))
	if v.width >= len(say)+len(where)+3 {
		say += " · " + where
	}
	return v.styles.Muted.Render(say)
}

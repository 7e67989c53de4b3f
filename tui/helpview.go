package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// renderFullHelp lays out every enabled binding in as many columns as the width allows,
// filled top to bottom, shortening descriptions rather than dropping keys, so ? shows every key
// of the screen even at 40 columns.
func renderFullHelp(st *Styles, groups [][]key.Binding, width int) string {
	var keys []key.Binding
	for _, g := range groups {
		for _, b := range g {
			if b.Enabled() && b.Help().Key != "" {
				keys = append(keys, b)
			}
		}
	}
	if len(keys) == 0 || width <= 0 {
		return ""
	}
	kw, dw := 0, 0
	for _, b := range keys {
		kw = max(kw, lipgloss.Width(b.Help().Key))
		dw = max(dw, lipgloss.Width(b.Help().Desc))
	}
	const gap = 3
	cols := max(1, (width+gap)/(kw+1+dw+gap))
	if cols < 2 && width >= 2*(kw+1+6)+gap {
		cols = 2 // two columns of shortened descriptions beat one tall column
	}
	colWidth := (width - (cols-1)*gap) / cols
	rows := (len(keys) + cols - 1) / cols
	lines := make([]string, rows)
	for i, b := range keys {
		row, col := i%rows, i/rows
		cell := st.Help.FullKey.Render(padRight(b.Help().Key, kw)) + " " +
			st.Help.FullDesc.Render(truncate(b.Help().Desc, max(1, colWidth-kw-1)))
		if col > 0 {
			lines[row] += strings.Repeat(" ", gap)
		}
		lines[row] += padRight(cell, colWidth)
	}
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.Join(lines, "\n")
}

// helpLines is the expanded help of the screen in focus, one string per line.
func (m Model) helpLines() []string {
	s := renderFullHelp(m.styles, m.FullHelp(), m.width)
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// helpRows is the most lines the expanded help may take: everything but the header, the
// status bar and three lines of the screen it explains.
func (m Model) helpRows() int { return max(2, m.height-2-3) }

// helpScroller shows the expanded help in the rows it has; when the help is taller, it shows a
// window of it with a position line, and takes the scrolling keys.
type helpScroller struct {
	keys   helpScrollKeys
	offset int // first help line shown
}

// helpScrollKeys scroll the expanded help when it does not fit.
type helpScrollKeys struct {
	Down, Up, PageDown, PageUp, Top, Bottom key.Binding
}

func newHelpScroller() helpScroller {
	return helpScroller{keys: helpScrollKeys{
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/k", "scroll help")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k", "scroll help up")),
		PageDown: key.NewBinding(key.WithKeys(" ", "pgdown"), key.WithHelp("space/b", "page")),
		PageUp:   key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b", "page up")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/G", "top/bottom")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
	}}
}

// window is how many help lines show at once when the help does not fit in rows: one row
// goes to the position line. It is 0 when the help fits.
func (h helpScroller) window(lines []string, rows int) int {
	if len(lines) <= rows {
		return 0
	}
	return max(1, rows-1)
}

// clamped is the offset kept within the help.
func (h helpScroller) clamped(lines []string, rows int) int {
	return max(0, min(h.offset, len(lines)-h.window(lines, rows)))
}

// Update scrolls on the scrolling keys when the help does not fit in rows, reporting whether
// it used the key. When the help fits, every key goes to the screen as before.
func (h *helpScroller) Update(msg tea.KeyMsg, lines []string, rows int) bool {
	win := h.window(lines, rows)
	if win == 0 {
		return false
	}
	h.offset = h.clamped(lines, rows)
	switch {
	case key.Matches(msg, h.keys.Down):
		h.offset++
	case key.Matches(msg, h.keys.Up):
		h.offset--
	case key.Matches(msg, h.keys.PageDown):
		h.offset += win
	case key.Matches(msg, h.keys.PageUp):
		h.offset -= win
	case key.Matches(msg, h.keys.Top):
		h.offset = 0
	case key.Matches(msg, h.keys.Bottom):
		h.offset = len(lines)
	default:
		return false
	}
	h.offset = h.clamped(lines, rows)
	return true
}

// View is the help in at most rows lines: all of it, or a window and where it is, "help 1–8 of
// 14 · j/k space/b g/G scroll · ? close".
func (h helpScroller) View(st *Styles, lines []string, rows, width int) string {
	win := h.window(lines, rows)
	if win == 0 {
		return strings.Join(lines, "\n")
	}
	off := h.clamped(lines, rows)
	shown := append([]string{}, lines[off:off+win]...)
	where := fmt.Sprintf("help %d–%d of %d", off+1, off+win, len(lines))
	switch {
	case off == 0:
		where += " · more below"
	case off+win == len(lines):
		where += " · end"
	}
	where += " · j/k space/b g/G scroll · ? close"
	return strings.Join(append(shown, truncate(st.Muted.Render(where), width)), "\n")
}

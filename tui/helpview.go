package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
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

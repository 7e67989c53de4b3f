package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// truncate cuts s (which may hold styling) to at most width cells, marking the cut with "…".
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// fitBlock makes s exactly height lines, each at most width cells wide: extra lines are
// dropped, missing ones added empty, long ones truncated. Every screen passes its output
// through here so the frame can never outgrow the terminal.
func fitBlock(s string, width, height int) string {
	if height <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = truncate(l, width)
	}
	return strings.Join(lines, "\n")
}

// wrap word-wraps s (which may hold styling) to width cells.
func wrap(s string, width int) []string {
	if width <= 0 {
		return nil
	}
	return strings.Split(ansi.Wrap(s, width, ""), "\n")
}

// bullet wraps one list item with a hanging indent: "• first line" then "  continued".
func bullet(s string, width int) []string {
	return hang(wrap(s, max(width-2, 1)))
}

// hang marks the first of a list item's lines with a bullet and indents the rest under it.
func hang(lines []string) []string {
	for i := range lines {
		if i == 0 {
			lines[i] = "• " + lines[i]
		} else {
			lines[i] = "  " + lines[i]
		}
	}
	return lines
}

// fitWidth cuts every line of s to width, marking cuts with "…".
func fitWidth(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = truncate(l, width)
	}
	return strings.Join(lines, "\n")
}

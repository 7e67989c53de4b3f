package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/internal/termtext"
)

// emptyHomeSteps are the ways to fill an empty catalog: a key here, or a command.
var emptyHomeSteps = [][2]string{
	{"n", "add a competitor here; start with your own product, every comparison is against it"},
	{"rivals import FILE", "load a catalog JSON or CSV file (a spreadsheet, a CRM export); --dry-run checks it first"},
	{"rivals init --demo", "fill this database with the demo catalog, to look around first"},
}

// renderEmpty is Home with nothing in the catalog: how to start, using the whole width.
func (h *home) renderEmpty() string {
	st := h.styles
	lines := []string{st.Heading.Render("No competitors yet. To start:"), ""}
	keyWidth := 0
	for _, s := range emptyHomeSteps {
		keyWidth = max(keyWidth, lipgloss.Width(s[0]))
	}
	for _, s := range emptyHomeSteps {
		// The key or command stays whole on its line; the explanation wraps beside it, or
		// under it when the screen is too narrow for both.
		if h.width-2-keyWidth-2 >= 24 {
			for i, l := range wrap(s[1], h.width-2-keyWidth-2) {
				lead := strings.Repeat(" ", keyWidth)
				if i == 0 {
					lead = st.Selected.Render(padRight(s[0], keyWidth))
				}
				lines = append(lines, "  "+lead+"  "+st.Muted.Render(l))
			}
		} else {
			lines = append(lines, "  "+st.Selected.Render(s[0]))
			for _, l := range wrap(s[1], max(1, h.width-4)) {
				lines = append(lines, "    "+st.Muted.Render(l))
			}
		}
	}
	note := "Run the commands in another terminal"
	if h.dbPath != "" {
		note += " on this database (" + termtext.Line(h.dbPath) + "; add --db with that path if it is not your default)"
	}
	note += ". The list fills in as soon as the catalog changes."
	lines = append(lines, "")
	lines = append(lines, wrap(st.Muted.Render(note), h.width)...)
	return fitBlock(strings.Join(lines, "\n"), h.width, h.height)
}

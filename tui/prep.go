package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
)

// openPrepMsg asks the app to show the call-prep sheet of a competitor.
type openPrepMsg struct{ slug string }

// prepView is the one-screen call-prep sheet: everything a sales engineer needs two minutes
// before a call, never scrolled. When the screen is small it drops the least important blocks
// whole rather than cutting them.
type prepView struct {
	styles *Styles
	keys   prepKeys
	sheet  report.PrepSheet
	width  int
	height int
	// cache is the laid-out sheet for the current size.
	cache, cacheKey string
}

type prepKeys struct {
	Back key.Binding
}

func newPrepView(styles *Styles) *prepView {
	return &prepView{styles: styles, keys: prepKeys{Back: key.NewBinding(key.WithKeys("esc", "p", "backspace"), key.WithHelp("esc", "back"))}}
}

// Open shows a sheet.
func (v *prepView) Open(sheet report.PrepSheet) {
	v.sheet, v.cacheKey = sheet, ""
}

// SetSize gives the sheet its share of the terminal.
func (v *prepView) SetSize(width, height int) { v.width, v.height = width, height }

// ShortHelp lists the bindings for the footer.
func (v prepView) ShortHelp() []key.Binding { return []key.Binding{v.keys.Back} }

// FullHelp lists every binding.
func (v prepView) FullHelp() [][]key.Binding { return [][]key.Binding{v.ShortHelp()} }

// Update handles the sheet's keys.
func (v *prepView) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, v.keys.Back) {
		return func() tea.Msg { return backMsg{} }
	}
	return nil
}

// prepBlock is one part of the sheet; wide blocks span both columns.
type prepBlock struct {
	lines []string
	wide  bool
	right bool // in the right column when there are two
}

// View lays the sheet out.
func (v *prepView) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	cacheKey := fmt.Sprintf("%s/%d/%d", v.sheet.Name, v.width, v.height)
	if cacheKey != v.cacheKey {
		v.cache, v.cacheKey = v.layout(), cacheKey
	}
	return v.cache
}

// layout places the blocks in order of importance, dropping from the least important until
// the sheet fits: two columns when the terminal is wide, one otherwise.
func (v prepView) layout() string {
	two := v.width >= 90
	colWidth := v.width
	if two {
		colWidth = (v.width - 3) / 2
	}
	blocks := v.blocks(colWidth)
	for n := len(blocks); n > 0; n-- {
		out := arrange(blocks[:n], two, colWidth, v.width)
		if lipgloss.Height(out) <= v.height {
			return fitBlock(out, v.width, v.height)
		}
	}
	return fitBlock(arrange(blocks[:1], false, v.width, v.width), v.width, v.height)
}

// arrange stacks wide blocks and sets the others in two columns (or one).
func arrange(blocks []prepBlock, two bool, colWidth, width int) string {
	var out, left, right []string
	flush := func() {
		if len(left)+len(right) == 0 {
			return
		}
		if two {
			l := lipgloss.NewStyle().Width(colWidth).Render(strings.Join(left, "\n"))
			r := lipgloss.NewStyle().Width(colWidth).Render(strings.Join(right, "\n"))
			out = append(out, lipgloss.JoinHorizontal(lipgloss.Top, l, "   ", r))
		} else {
			out = append(out, strings.Join(left, "\n"))
		}
		left, right = nil, nil
	}
	for _, b := range blocks {
		switch {
		case b.wide:
			flush()
			out = append(out, strings.Join(b.lines, "\n"))
		case two && b.right:
			right = append(right, b.lines...)
		default:
			left = append(left, b.lines...)
		}
	}
	flush()
	return strings.Join(out, "\n")
}

// blocks are the sheet's parts, most important first.
func (v prepView) blocks(colWidth int) []prepBlock {
	st, s := v.styles, v.sheet
	full := v.width
	clip := func(text string, w, lines int) []string {
		ls := wrap(termtext.Line(text), w)
		if len(ls) > lines {
			ls = ls[:lines]
			ls[lines-1] = truncate(ls[lines-1]+" …", w)
		}
		return ls
	}
	list := func(title string, items []string, w int) []string {
		out := []string{"", st.Heading.Render(title)}
		for _, it := range items {
			for i, l := range clip(it, w-2, 2) {
				if i == 0 {
					out = append(out, "• "+l)
				} else {
					out = append(out, "  "+l)
				}
			}
		}
		return out
	}
	title := st.Heading.Render(termtext.Line(s.Name)) + st.Muted.Render(" · call prep")
	if badge, ok := st.Threat[string(s.Threat)]; ok {
		title += "  " + badge.Render(string(s.Threat))
	}
	head := []string{truncate(title, full)}
	if s.OneLiner != "" {
		for _, l := range clip(s.OneLiner, full, 2) {
			head = append(head, st.Muted.Render(l))
		}
	}
	blocks := []prepBlock{{lines: head, wide: true}}
	var numbers []string
	if s.Record != "" {
		numbers = append(numbers, clip(s.Record, full, 2)...)
	}
	if s.Price != "" {
		numbers = append(numbers, clip(s.Price, full, 2)...)
	}
	if len(numbers) > 0 {
		blocks = append(blocks, prepBlock{lines: append([]string{""}, numbers...), wide: true})
	}
	if !s.HasCard {
		blocks = append(blocks, prepBlock{lines: []string{"", st.Stale.Render("No battle card yet: the numbers above are all the catalog has.")}, wide: true})
	}
	if len(s.WhyWeWin) > 0 {
		blocks = append(blocks, prepBlock{lines: list("Why we win", s.WhyWeWin, colWidth)})
	}
	if len(s.Landmines) > 0 {
		blocks = append(blocks, prepBlock{lines: list("Landmines to set", s.Landmines, colWidth)})
	}
	if len(s.Objections) > 0 {
		lines := []string{"", st.Heading.Render("Objections")}
		for _, o := range s.Objections {
			lines = append(lines, clip("“"+o.Objection+"”", colWidth, 1)...)
			for i, l := range clip(o.Response, colWidth-4, 2) {
				if i == 0 {
					lines = append(lines, "  → "+l)
				} else {
					lines = append(lines, "    "+l)
				}
			}
		}
		blocks = append(blocks, prepBlock{lines: lines, right: true})
	}
	if len(s.Freshness) > 0 {
		lines := []string{"", st.Heading.Render("How fresh")}
		for _, f := range s.Freshness {
			lines = append(lines, clip(f, colWidth, 1)...)
		}
		for i := range lines[2:] {
			if strings.Contains(lines[2+i], "stale") {
				lines[2+i] = st.Stale.Render(lines[2+i])
			} else {
				lines[2+i] = st.Muted.Render(lines[2+i])
			}
		}
		blocks = append(blocks, prepBlock{lines: lines, right: true})
	}
	return blocks
}

package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
)

// prepColumnGap separates the columns of the call-prep sheet.
const prepColumnGap = "   "

// Widths at which the call-prep sheet sets its blocks in two and three columns.
const (
	prepTwoColumns   = 90
	prepThreeColumns = 180
)

// prepBlock is one part of the sheet: a heading and the items under it. An item (a bullet, an
// objection with its answer, a paragraph) is never split between two screens.
type prepBlock struct {
	title string
	items [][]string
	// wide blocks span every column.
	wide bool
}

// height is the block's number of lines.
func (b prepBlock) height() int {
	n := 0
	for _, it := range b.items {
		n += len(it)
	}
	return n
}

// starts lists the line offsets at which the block's items begin after the first.
func (b prepBlock) starts() []int {
	var out []int
	n := 0
	for i, it := range b.items {
		if i > 0 {
			out = append(out, n)
		}
		n += len(it)
	}
	return out
}

// lines is the block's items one after the other.
func (b prepBlock) lines() []string {
	var out []string
	for _, it := range b.items {
		out = append(out, it...)
	}
	return out
}

// prepLayout is the sheet laid out at one width: the lines of the scrolling body, the lines at
// which the view may start or stop without cutting an item, and where each block starts and ends.
type prepLayout struct {
	body []string
	// breaks are ascending line indexes of body, 0 and len(body) included, where no item of any
	// column is cut.
	breaks []int
	// blocks holds the first and the last line+1 of each block, in reading order.
	blocks [][2]int
}

// prepColumns is how many columns the sheet uses at width.
func prepColumns(width int) int {
	switch {
	case width >= prepThreeColumns:
		return 3
	case width >= prepTwoColumns:
		return 2
	}
	return 1
}

// layoutPrep sets the blocks in rows of as many columns as the width takes, a wide block on a
// row of its own, with a blank line between rows.
func layoutPrep(blocks []prepBlock, width int) prepLayout {
	cols := prepColumns(width)
	var l prepLayout
	var row []prepBlock
	flush := func() {
		if len(row) == 0 {
			return
		}
		if len(l.body) > 0 {
			l.body = append(l.body, "")
		}
		l.addRow(row, width, cols)
		row = nil
	}
	for _, b := range blocks {
		if b.wide {
			flush()
			row = []prepBlock{b}
			flush()
			continue
		}
		row = append(row, b)
		if len(row) == cols {
			flush()
		}
	}
	flush()
	if len(l.breaks) == 0 || l.breaks[len(l.breaks)-1] != len(l.body) {
		l.breaks = append(l.breaks, len(l.body))
	}
	return l
}

// addRow appends one row of blocks set side by side in columns of equal width.
func (l *prepLayout) addRow(row []prepBlock, width, cols int) {
	start := len(l.body)
	colWidth := (width - len(prepColumnGap)*(cols-1)) / cols
	if len(row) == 1 && row[0].wide {
		colWidth = width
	}
	height := 0
	for _, b := range row {
		height = max(height, b.height())
		l.blocks = append(l.blocks, [2]int{start, start + b.height()})
	}
	columns := make([][]string, len(row))
	for i, b := range row {
		columns[i] = b.lines()
	}
	for r := 0; r < height; r++ {
		var line strings.Builder
		for i, c := range columns {
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			if i > 0 {
				line.WriteString(prepColumnGap)
			}
			line.WriteString(cell)
			if i < len(columns)-1 {
				line.WriteString(strings.Repeat(" ", max(colWidth-lipgloss.Width(cell), 0)))
			}
		}
		l.body = append(l.body, strings.TrimRight(line.String(), " "))
	}
	// A row may be cut where every column is between two items or already done.
	l.breaks = append(l.breaks, start)
	for r := 1; r < height; r++ {
		whole := true
		for _, b := range row {
			if r < b.height() && !containsInt(b.starts(), r) {
				whole = false
				break
			}
		}
		if whole {
			l.breaks = append(l.breaks, start+r)
		}
	}
	l.breaks = append(l.breaks, start+height) // the row's end, before the blank line
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// prepBlockWidth is the width of a block that is not wide, at a sheet width.
func prepBlockWidth(width int) int {
	cols := prepColumns(width)
	return max((width-len(prepColumnGap)*(cols-1))/cols, 1)
}

// prepBlocks are the sheet's parts in the order a call needs them: the positioning, the record,
// the price, the landmines, the objections, why we win, why they win, and how fresh it all is.
// Every text is wrapped whole.
func prepBlocks(st *Styles, s report.PrepSheet, width int) []prepBlock {
	w := prepBlockWidth(width)
	heading := func(title string) []string { return []string{st.Heading.Render(title)} }
	para := func(text string, w int, style func(...string) string) []string {
		var out []string
		for _, l := range wrapWords(termtext.Line(text), w) {
			out = append(out, style(l))
		}
		return out
	}
	plain := func(s ...string) string { return strings.Join(s, "") }
	// withHeading puts the heading on the block's first item, so it never ends a screen alone.
	withHeading := func(title string, items [][]string) prepBlock {
		if len(items) == 0 {
			return prepBlock{title: title, items: [][]string{heading(title)}}
		}
		items[0] = append(heading(title), items[0]...)
		return prepBlock{title: title, items: items}
	}
	list := func(title string, texts []string) prepBlock {
		var items [][]string
		for _, t := range texts {
			items = append(items, bulletWords(termtext.Line(t), w))
		}
		return withHeading(title, items)
	}
	var blocks []prepBlock
	if len(s.QuickRead) > 0 {
		var items [][]string
		for _, l := range s.QuickRead {
			var item []string
			for _, w := range wrapWords(termtext.Line(l), max(width-2, 1)) {
				item = append(item, st.Selected.Render("│ ")+w)
			}
			items = append(items, item)
		}
		blocks = append(blocks, prepBlock{title: "30-second read", items: items, wide: true})
	}
	if s.OneLiner != "" {
		blocks = append(blocks, prepBlock{title: "Positioning", items: [][]string{para(s.OneLiner, width, st.Muted.Render)}, wide: true})
	}
	if s.Record != "" {
		blocks = append(blocks, withHeading("Record", [][]string{para(s.Record, w, plain)}))
	}
	if s.Price != "" {
		price := [][]string{para(s.Price, w, plain)}
		if s.PricingFacts != "" {
			price = append(price, para(s.PricingFacts, w, st.Muted.Render))
		}
		blocks = append(blocks, withHeading("Price", price))
	}
	if !s.HasCard {
		blocks = append(blocks, prepBlock{title: "Battle card", items: [][]string{
			para("No battle card yet: the numbers above are all the catalog has.", w, st.Stale.Render)}})
	} else {
		if len(s.DoNotSay) > 0 {
			var items [][]string
			for _, l := range s.DoNotSay {
				var item []string
				for i, w := range wrapWords(termtext.Line(l), max(w-2, 1)) {
					prefix := "  "
					if i == 0 {
						prefix = "✗ "
					}
					item = append(item, st.DoNotSay.Render(prefix+w))
				}
				items = append(items, item)
			}
			items[0] = append([]string{st.DoNotSay.Render("Do not say")}, items[0]...)
			blocks = append(blocks, prepBlock{title: "Do not say", items: items})
		}
		if len(s.Landmines) > 0 {
			blocks = append(blocks, list("Landmines to set", s.Landmines))
		}
		if len(s.Objections) > 0 {
			var items [][]string
			for _, o := range s.Objections {
				item := para("“"+o.Objection+"”", w, plain)
				for i, l := range wrapWords(termtext.Line(o.Response), max(w-4, 1)) {
					if i == 0 {
						item = append(item, "  → "+l)
					} else {
						item = append(item, "    "+l)
					}
				}
				items = append(items, item)
			}
			blocks = append(blocks, withHeading("Objections", items))
		}
		if len(s.WhyWeWin) > 0 {
			blocks = append(blocks, list("Why we win", s.WhyWeWin))
		}
		if len(s.WhyTheyWin) > 0 {
			blocks = append(blocks, list("Why they win", s.WhyTheyWin))
		}
	}
	if len(s.Freshness) > 0 {
		var items [][]string
		for _, f := range s.Freshness {
			style := st.Muted.Render
			if strings.Contains(f, "stale") {
				style = st.Stale.Render
			}
			items = append(items, para(f, w, style))
		}
		blocks = append(blocks, withHeading("How fresh", items))
	}
	return blocks
}

// wrapWords wraps plain text to width cells at spaces only, so a hyphenated word ("add-on")
// stays whole; a word wider than the line is the only thing ever split.
func wrapWords(text string, width int) []string {
	width = max(width, 1)
	var lines []string
	line, lineWidth := "", 0
	for _, word := range strings.Fields(text) {
		w := ansi.StringWidth(word)
		switch {
		case line == "":
		case lineWidth+1+w <= width:
			line, lineWidth = line+" "+word, lineWidth+1+w
			continue
		default:
			lines = append(lines, line)
		}
		for w > width {
			head := ansi.Cut(word, 0, width)
			lines = append(lines, head)
			word = ansi.Cut(word, width, w)
			w = ansi.StringWidth(word)
		}
		line, lineWidth = word, w
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// bulletWords is wrapWords with a bullet and a hanging indent.
func bulletWords(text string, width int) []string {
	return hang(wrapWords(text, max(width-2, 1)))
}

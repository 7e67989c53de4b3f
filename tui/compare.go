package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// editCellMsg asks the app to open the cell editor.
type editCellMsg struct{ cell model.Support }

func (a editCellMsg) start(m *Model) tea.Cmd {
	p := m.data.profile(a.cell.Competitor)
	return m.showForm(cellForm(m.ctx, m.store, m.styles, a.cell, m.data.featureName(a.cell.Feature), p.competitor.Name, model.DateOf(m.opts.Now())))
}

// winLoseFilter cycles through all rows, rows we win and rows we lose.
type winLoseFilter int

const (
	showAll winLoseFilter = iota
	showWeWin
	showWeLose
)

// compareRow is one line of the comparison: a category heading or a feature.
type compareRow struct {
	category string
	feature  *model.Feature
}

// compareKeys are the bindings of the compare view.
type compareKeys struct {
	Up, Down, Left, Right, Top, Bottom key.Binding
	Edit, Collapse, Diff, WinLose, Cat key.Binding
	Back, Calculator                   key.Binding
}

func newCompareKeys() compareKeys {
	return compareKeys{
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Left:       key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("←/h", "previous product")),
		Right:      key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("→/l", "next product")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Edit:       key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "edit cell")),
		Collapse:   key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "fold category")),
		Diff:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "differences only")),
		WinLose:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "all/we win/we lose")),
		Cat:        key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "next category")),
		Back:       key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Calculator: newCalculatorKey(),
	}
}

// compareView shows 2–4 products side by side: a sticky header of products with their scores,
// features grouped by foldable categories, and the notes of the row under the cursor.
type compareView struct {
	styles *Styles
	keys   compareKeys
	today  model.Date

	matrix    model.Matrix
	diffOnly  bool
	winLose   winLoseFilter
	category  string
	collapsed map[string]bool

	rows   []compareRow
	scores []model.ProductScore
	heads  []model.HeadToHead
	cursor int
	offset int
	col    int // selected product
	colOff int // first product column shown
	width  int
	height int
	// longestName is the width of the longest feature name, for the feature column.
	longestName int
	// loading is set while the products' cells are still being read (a large catalog).
	loading bool
}

func newCompareView(styles *Styles, today model.Date) compareView {
	return compareView{styles: styles, keys: newCompareKeys(), today: today, collapsed: map[string]bool{}}
}

// Open compares products (baseline first) using the snapshot's matrix cells.
func (c *compareView) Open(v catalogView, slugs []string) {
	c.diffOnly, c.winLose, c.category = false, showAll, ""
	c.collapsed = map[string]bool{}
	c.cursor, c.offset, c.col, c.colOff = 0, 0, 0, 0
	c.load(v, slugs)
}

// SetData takes a newer snapshot, keeping the products, toggles and cursor.
func (c *compareView) SetData(v catalogView) {
	c.load(v, c.Slugs())
	c.clamp()
}

// load builds the matrix of the products from the snapshot. In a large catalog their cells
// may still be loading: the view says so rather than showing every cell as unknown.
func (c *compareView) load(v catalogView, slugs []string) {
	var products []model.Competitor
	var cells []model.Support
	for _, s := range slugs {
		p := v.profile(s)
		products = append(products, p.competitor)
		for _, cell := range p.support {
			cells = append(cells, cell)
		}
	}
	c.loading = !v.ready(slugs...)
	c.matrix = model.NewMatrix(products, v.features, cells)
	c.longestName = 0
	for _, f := range c.matrix.Features {
		c.longestName = max(c.longestName, lipgloss.Width(termtext.Line(f.Name)))
	}
	c.rebuild()
}

// SetCell puts an edited cell into the comparison and recomputes scores, without reloading.
func (c *compareView) SetCell(cell model.Support) {
	if _, ok := c.matrix.Cells[cell.Competitor]; !ok {
		return
	}
	// Copy-on-write: the map may be shared with an earlier model value.
	cells := make(map[string]model.Support, len(c.matrix.Cells[cell.Competitor])+1)
	for k, v := range c.matrix.Cells[cell.Competitor] {
		cells[k] = v
	}
	cells[cell.Feature] = cell
	all := make(map[string]map[string]model.Support, len(c.matrix.Cells))
	for k, v := range c.matrix.Cells {
		all[k] = v
	}
	all[cell.Competitor] = cells
	c.matrix.Cells = all
	c.rebuild()
}

// Slugs returns the products compared.
func (c compareView) Slugs() []string {
	var out []string
	for _, p := range c.matrix.Products {
		out = append(out, p.Slug)
	}
	return out
}

// rebuild recomputes scores and the visible rows after any change of data or toggles.
func (c *compareView) rebuild() {
	c.scores = c.matrix.Scores()
	c.heads = c.matrix.HeadToHeads()
	shown := c.matrix.Filter(model.MatrixFilter{
		DiffOnly: c.diffOnly, Category: c.category,
		WeWin: c.winLose == showWeWin, WeLose: c.winLose == showWeLose,
	})
	c.rows = c.rows[:0:0]
	category := ""
	for i := range shown.Features {
		f := &shown.Features[i]
		if f.Category != category {
			category = f.Category
			c.rows = append(c.rows, compareRow{category: category})
		}
		if !c.collapsed[category] {
			c.rows = append(c.rows, compareRow{category: category, feature: f})
		}
	}
	c.cursor = max(0, min(c.cursor, len(c.rows)-1))
	c.clamp()
}

// SetSize gives the view its share of the terminal.
func (c *compareView) SetSize(width, height int) {
	c.width, c.height = width, height
	c.clamp()
}

// detailLines is how many lines show the selected row's cells: one per product when there is
// room, else just the selected product's.
func (c compareView) detailLines() int {
	if c.height >= 20 {
		return len(c.matrix.Products)
	}
	return 1
}

// bodyRows is what is left for rows after the title, header, scores, a blank line and details.
func (c compareView) bodyRows() int {
	return max(1, c.height-3-1-c.detailLines())
}

// nameWidth is the feature column: as wide as the longest name (with the cursor's two cells
// and a space) up to a third of the screen, never under 14.
func (c compareView) nameWidth() int { return max(14, min(c.longestName+3, c.width/3)) }

// Product columns are compareColWidth wide, wider when the screen has room for every product,
// up to compareMaxColWidth; from compareNoteWidth a cell shows its note beside the level.
const (
	compareColWidth    = 12
	compareMaxColWidth = 44
	compareNoteWidth   = 24
)

// colWidth is the width of each product column: the screen shared among the products.
func (c compareView) colWidth() int {
	n := max(1, len(c.matrix.Products))
	return max(compareColWidth, min(compareMaxColWidth, (c.width-c.nameWidth())/n-1))
}

func (c compareView) visibleCols() int {
	return max(1, min(len(c.matrix.Products), (c.width-c.nameWidth())/(c.colWidth()+1)))
}

func (c *compareView) clamp() {
	rows := c.bodyRows()
	if c.cursor < c.offset {
		c.offset = c.cursor
	}
	if c.cursor >= c.offset+rows {
		c.offset = c.cursor - rows + 1
	}
	c.offset = max(0, min(c.offset, len(c.rows)-rows))
	c.col = max(0, min(c.col, len(c.matrix.Products)-1))
	vis := c.visibleCols()
	if c.col < c.colOff {
		c.colOff = c.col
	}
	if c.col >= c.colOff+vis {
		c.colOff = c.col - vis + 1
	}
	c.colOff = max(0, min(c.colOff, len(c.matrix.Products)-vis))
}

// ShortHelp lists the main bindings.
func (c compareView) ShortHelp() []key.Binding {
	return []key.Binding{c.keys.Down, c.keys.Edit, c.keys.Diff, c.keys.WinLose, c.keys.Cat, c.keys.Back}
}

// FullHelp lists every binding.
func (c compareView) FullHelp() [][]key.Binding {
	k := c.keys
	return [][]key.Binding{{k.Down, k.Up, k.Left, k.Right, k.Top, k.Bottom}, {k.Edit, k.Collapse, k.Diff, k.WinLose, k.Cat, k.Calculator, k.Back}}
}

// Update handles the view's keys.
func (c *compareView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := c.keys
	if c.loading && !key.Matches(km, k.Back) {
		return nil // nothing to move over or edit yet
	}
	switch {
	case key.Matches(km, k.Back):
		return func() tea.Msg { return backMsg{} }
	case key.Matches(km, k.Calculator):
		slugs := c.Slugs()
		return func() tea.Msg { return openCalculatorMsg{slugs: slugs} }
	case key.Matches(km, k.Down):
		c.cursor = min(c.cursor+1, max(0, len(c.rows)-1))
	case key.Matches(km, k.Up):
		c.cursor = max(0, c.cursor-1)
	case key.Matches(km, k.Top):
		c.cursor = 0
	case key.Matches(km, k.Bottom):
		c.cursor = max(0, len(c.rows)-1)
	case key.Matches(km, k.Left):
		c.col--
	case key.Matches(km, k.Right):
		c.col++
	case key.Matches(km, k.Collapse):
		if c.cursor < len(c.rows) {
			cat := c.rows[c.cursor].category
			c.collapsed[cat] = !c.collapsed[cat]
			c.rebuild()
			for i, r := range c.rows {
				if r.feature == nil && r.category == cat {
					c.cursor = i
				}
			}
		}
	case key.Matches(km, k.Edit):
		if c.cursor < len(c.rows) {
			r := c.rows[c.cursor]
			if r.feature == nil {
				c.collapsed[r.category] = !c.collapsed[r.category]
				c.rebuild()
				break
			}
			cell := c.matrix.Cell(c.matrix.Products[c.col].Slug, r.feature.Key)
			return func() tea.Msg { return editCellMsg{cell: cell} }
		}
	case key.Matches(km, k.Diff):
		c.diffOnly = !c.diffOnly
		c.rebuild()
	case key.Matches(km, k.WinLose):
		c.winLose = (c.winLose + 1) % 3
		c.rebuild()
	case key.Matches(km, k.Cat):
		cats := c.matrix.Categories()
		next := ""
		for i, cat := range cats {
			if cat == c.category && i+1 < len(cats) {
				next = cats[i+1]
			}
		}
		if c.category == "" && len(cats) > 0 {
			next = cats[0]
		}
		c.category = next
		c.cursor = 0
		c.rebuild()
	}
	c.clamp()
	return nil
}

// View renders the comparison in exactly height lines.
func (c *compareView) View() string {
	if c.width <= 0 || c.height <= 0 || len(c.matrix.Products) == 0 {
		return ""
	}
	if c.loading {
		return fitBlock(c.styles.Muted.Render("Loading the products' feature matrix…"), c.width, c.height)
	}
	st := c.styles
	nw, cw := c.nameWidth(), c.colWidth()
	vis := c.visibleCols()
	cols := c.matrix.Products[c.colOff : c.colOff+vis]
	var lines []string
	// Title with the active toggles.
	var toggles []string
	if c.diffOnly {
		toggles = append(toggles, "differences only")
	}
	switch c.winLose {
	case showWeWin:
		toggles = append(toggles, "where we win")
	case showWeLose:
		toggles = append(toggles, "where we lose")
	}
	if c.category != "" {
		toggles = append(toggles, termtext.Line(c.category))
	}
	title := st.Heading.Render(fmt.Sprintf("Comparing %d", len(c.matrix.Products)))
	if vis < len(c.matrix.Products) {
		title += st.Muted.Render(fmt.Sprintf(" · %d–%d of %d (h/l)", c.colOff+1, c.colOff+vis, len(c.matrix.Products)))
	}
	if len(toggles) > 0 {
		title += st.Muted.Render(" · " + strings.Join(toggles, " · "))
	}
	lines = append(lines, truncate(title, c.width))
	// Sticky header: product names, then their overall scores and head to head.
	header := padRight(st.Muted.Render(truncate("feature", nw)), nw)
	scoreLine := padRight(st.Muted.Render(truncate("score · us +won −lost", nw)), nw)
	for i, p := range cols {
		idx := c.colOff + i
		name := truncate(termtext.Line(p.Name), cw)
		if idx == c.col {
			name = st.Selected.Render(name)
		} else {
			name = st.Heading.Render(name)
		}
		header += " " + padRight(name, cw)
		score := fmt.Sprintf("%.0f%%", c.scores[idx].Overall.Ratio()*100)
		if idx > 0 {
			h := c.heads[idx-1]
			score += st.Muted.Render(fmt.Sprintf(" +%d −%d", h.Wins, h.Losses))
		}
		scoreLine += " " + padRight(truncate(score, cw), cw)
	}
	lines = append(lines, truncate(header, c.width), truncate(scoreLine, c.width))
	// Rows.
	rows := c.bodyRows()
	for i := c.offset; i < c.offset+rows; i++ {
		if i >= len(c.rows) {
			lines = append(lines, "")
			continue
		}
		lines = append(lines, c.renderRow(i, cols, nw, cw))
	}
	if len(c.rows) == 0 {
		lines[3] = st.Muted.Render("No features match these filters.")
	}
	lines = append(lines, "")
	lines = append(lines, c.detail()...)
	return fitBlock(strings.Join(lines, "\n"), c.width, c.height)
}

// renderRow renders row i: a category with its scores, or a feature with each product's cell
// in columns cw wide.
func (c *compareView) renderRow(i int, cols []model.Competitor, nw, cw int) string {
	st := c.styles
	r := c.rows[i]
	selected := i == c.cursor
	if r.feature == nil {
		fold := "▾ "
		if c.collapsed[r.category] {
			fold = "▸ "
		}
		label := fold + termtext.Line(r.category)
		line := padRight(truncate(label, nw), nw)
		for j := range cols {
			s := c.scores[c.colOff+j].ByCategory[r.category]
			line += " " + padRight(fmt.Sprintf("%.0f%%", s.Ratio()*100), cw)
		}
		if selected {
			return truncate(st.Selected.Render(line), c.width)
		}
		return truncate(st.Heading.Render(line), c.width)
	}
	name := "  " + termtext.Line(r.feature.Name)
	if selected {
		name = st.Selected.Render("▌ ") + st.Selected.Render(termtext.Line(r.feature.Name))
	}
	line := padRight(truncate(name, nw), nw)
	for j, p := range cols {
		cell := c.matrix.Cell(p.Slug, r.feature.Key)
		text := st.Glyphs[cell.Level] + " " + string(cell.Level)
		if cell.Level != model.LevelUnknown && model.IsStale(cell.VerifiedAt, c.today, model.StaleFactDays) {
			text += "⚑"
		}
		isCursor := selected && c.colOff+j == c.col
		if note := termtext.Line(cell.Note); cw >= compareNoteWidth && note != "" {
			room := cw - lipgloss.Width(text) - 2
			if isCursor {
				room -= 2 // the brackets
			}
			text += " " + truncate(note, room)
		}
		if isCursor {
			text = st.Selected.Render("[" + text + "]")
		} else if c.colOff+j > 0 {
			switch c.matrix.Outcome(p.Slug, r.feature.Key) {
			case 1:
				text = st.Muted.Render(text) // we are ahead here
			case -1:
				text = st.Stale.Render(text) // they are ahead here
			}
		}
		line += " " + padRight(text, cw)
	}
	return truncate(line, c.width)
}

// detail shows each product's cell of the selected feature: level, note, source and freshness.
func (c *compareView) detail() []string {
	st := c.styles
	if c.cursor >= len(c.rows) || c.rows[c.cursor].feature == nil {
		return []string{st.Muted.Render("space folds a category · enter on a cell edits it")}
	}
	f := c.rows[c.cursor].feature
	products := c.matrix.Products
	if c.detailLines() == 1 {
		products = products[c.col : c.col+1]
	}
	var out []string
	for _, p := range products {
		cell := c.matrix.Cell(p.Slug, f.Key)
		s := fmt.Sprintf("%s: %s %s", termtext.Line(p.Name), st.Glyphs[cell.Level], cell.Level)
		if cell.Note != "" {
			s += " — " + termtext.Line(cell.Note)
		}
		if !cell.VerifiedAt.IsZero() {
			s += st.Muted.Render(" (verified " + cell.VerifiedAt.String() + ")")
		}
		out = append(out, truncate(s, c.width))
	}
	return out
}

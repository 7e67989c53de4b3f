package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// smallSample is the number of decided deals below which a win rate is flagged as anecdotal.
const smallSample = 5

// dateRange is a preset of the dashboard's date filter.
type dateRange struct {
	label string
	days  int // 0: all time
}

var dateRanges = []dateRange{{model.AllTimeLabel, 0}, {model.RecordWindowLabel, model.EvidenceWindowDays}, {"last 6 months", 182}, {"last 90 days", 90}}

// openDashboardMsg asks the app to show the win/loss dashboard.
type openDashboardMsg struct{}

// dashboard shows win/loss analytics: win rate per competitor and per quarter, top reasons,
// and breakdowns by segment and region, under date, segment and competitor filters.
type dashboard struct {
	styles *Styles
	keys   dashboardKeys
	today  model.Date

	data    catalogView
	version int
	span    int    // index into dateRanges
	segment string // "" for all
	rival   string // competitor slug, "" for all
	// dealType keeps deals of one type (new, expansion, renewal, churn); "" for all.
	dealType model.DealType
	width    int
	height   int
	vp       viewport.Model
	cached   string // the key of what vp holds
}

type dashboardKeys struct {
	Range, Segment, Rival, Type, Reasons, Up, Down, PageUp, PageDown, Back key.Binding
}

func newDashboard(styles *Styles, today model.Date) dashboard {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{}
	return dashboard{styles: styles, today: today, vp: vp, keys: dashboardKeys{
		Range:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "date range")),
		Segment:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "segment")),
		Rival:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "competitor")),
		Type:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "deal type")),
		Reasons:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "manage reasons")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("b", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("space", "page down")),
		Back:     key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
	}}
}

// SetData takes a fresh snapshot, keeping the filters.
func (d *dashboard) SetData(v catalogView, version int) {
	d.data, d.version = v, version
	d.keys.Type.SetEnabled(len(typesOf(v.deals)) > 0) // no deal has a type: nothing to filter
	d.refresh()
}

// SetSize gives the dashboard its share of the terminal.
func (d *dashboard) SetSize(width, height int) {
	d.width, d.height = width, height
	d.vp.Width, d.vp.Height = width, max(1, height)
	d.refresh()
}

// Focus shows one competitor's numbers ("" for all).
func (d *dashboard) Focus(slug string) {
	d.rival = slug
	d.refresh()
}

// query is the current filter.
func (d dashboard) query() model.DealQuery {
	q := model.DealQuery{Segment: d.segment, Competitor: d.rival, Type: d.dealType}
	if days := dateRanges[d.span].days; days > 0 {
		q.Since = d.today.AddDays(-days)
	}
	return q
}

// ShortHelp lists the main bindings for the footer.
func (d dashboard) ShortHelp() []key.Binding {
	return []key.Binding{d.keys.Range, d.keys.Segment, d.keys.Rival, d.keys.Type, d.keys.Down, d.keys.Reasons, d.keys.Back}
}

// FullHelp lists every binding of the dashboard.
func (d dashboard) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.keys.Range, d.keys.Segment, d.keys.Rival, d.keys.Type, d.keys.Reasons}, {d.keys.Down, d.keys.Up, d.keys.PageDown, d.keys.PageUp, d.keys.Back}}
}

// Update handles the dashboard's keys.
func (d *dashboard) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, d.keys.Back):
		return func() tea.Msg { return backMsg{} }
	case key.Matches(km, d.keys.Reasons):
		return func() tea.Msg { return openReasonsMsg{} }
	case key.Matches(km, d.keys.Range):
		d.span = (d.span + 1) % len(dateRanges)
	case key.Matches(km, d.keys.Segment):
		d.segment = next(segmentsOf(d.data.deals), d.segment)
	case key.Matches(km, d.keys.Type):
		d.dealType = model.DealType(next(typesOf(d.data.deals), string(d.dealType)))
	case key.Matches(km, d.keys.Rival):
		var slugs []string
		for _, c := range d.data.competitors {
			if !c.IsSelf {
				slugs = append(slugs, c.Slug)
			}
		}
		d.rival = next(slugs, d.rival)
	case key.Matches(km, d.keys.Down):
		d.vp.ScrollDown(1)
	case key.Matches(km, d.keys.Up):
		d.vp.ScrollUp(1)
	case key.Matches(km, d.keys.PageDown):
		d.vp.PageDown()
	case key.Matches(km, d.keys.PageUp):
		d.vp.PageUp()
	}
	d.refresh()
	return nil
}

// next cycles through "" (all) and then each value.
func next(values []string, cur string) string {
	i := slices.Index(values, cur)
	if i+1 >= len(values) {
		return ""
	}
	return values[i+1]
}

// typesOf lists the deal types the deals have, in model.DealTypes order.
func typesOf(deals []model.Deal) []string {
	var out []string
	for _, t := range model.DealTypes {
		if slices.ContainsFunc(deals, func(d model.Deal) bool { return d.Type == t }) {
			out = append(out, string(t))
		}
	}
	return out
}

// refresh re-renders the content when the data, filters or width changed.
func (d *dashboard) refresh() {
	if d.width <= 0 {
		return
	}
	cacheKey := fmt.Sprintf("%d/%d/%s/%s/%s/%d", d.version, d.span, d.segment, d.rival, d.dealType, d.width)
	if cacheKey == d.cached {
		return
	}
	d.cached = cacheKey
	if !d.data.allDeals {
		d.vp.SetContent(d.styles.Muted.Render("Loading every deal…"))
		d.cached = "" // render again once they arrive
		return
	}
	d.vp.SetContent(fitWidth(d.render(), d.width))
}

// View renders the dashboard.
func (d dashboard) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	return fitBlock(d.vp.View(), d.width, d.height)
}

// render lays out the whole dashboard: filters and totals, then the charts in one column, or
// two when there is room.
func (d dashboard) render() string {
	st := d.styles
	q := d.query()
	deals := q.Select(d.data.deals)
	total := model.TallyDeals(deals)
	filters := []string{dateRanges[d.span].label}
	if d.segment != "" {
		filters = append(filters, "segment "+termtext.Line(d.segment))
	}
	if d.rival != "" {
		filters = append(filters, "against "+termtext.Line(d.data.profile(d.rival).competitor.Name))
	}
	if d.dealType != "" {
		filters = append(filters, string(d.dealType)+" deals")
	}
	head := append([]string{truncate(st.Heading.Render("Win/loss")+st.Muted.Render(" · "+strings.Join(filters, " · ")), d.width)},
		wrap(tallyLine(total, dateRanges[d.span].label), d.width)...)
	if len(deals) == 0 {
		return strings.Join(append(head, "", st.Muted.Render("No deals match. t, s, c and d change the filters; w logs a deal.")), "\n")
	}
	two := d.width >= 96
	colWidth := d.width
	if two {
		colWidth = (d.width - 3) / 2
	}
	var left, right []string
	left = append(left, d.rateChart("Win rate by competitor", d.competitorGroups(deals), colWidth)...)
	left = append(left, "")
	left = append(left, d.rateChart("Win rate by quarter", model.Breakdown(deals, model.ByQuarter), colWidth)...)
	right = append(right, d.reasons("Top loss reasons", deals, model.OutcomeLost, colWidth)...)
	right = append(right, "")
	right = append(right, d.reasons("Top win reasons", deals, model.OutcomeWon, colWidth)...)
	right = append(right, "")
	right = append(right, d.rateChart("By segment", model.Breakdown(deals, model.BySegment), colWidth)...)
	right = append(right, "")
	right = append(right, d.rateChart("By region", model.Breakdown(deals, model.ByRegion), colWidth)...)
	if len(typesOf(deals)) > 0 {
		right = append(right, "")
		right = append(right, d.rateChart("By deal type", model.Breakdown(deals, model.ByType), colWidth)...)
	}
	body := append(left, append([]string{""}, right...)...)
	if two {
		l := lipgloss.NewStyle().Width(colWidth).Render(strings.Join(left, "\n"))
		r := lipgloss.NewStyle().Width(colWidth).Render(strings.Join(right, "\n"))
		return strings.Join(head, "\n") + "\n\n" + lipgloss.JoinHorizontal(lipgloss.Top, l, "   ", r)
	}
	return strings.Join(append(append(head, ""), body...), "\n")
}

// competitorGroups is the by-competitor breakdown with names instead of slugs, our own product
// left out (deals are against competitors).
func (d dashboard) competitorGroups(deals []model.Deal) []model.Group {
	var out []model.Group
	for _, g := range model.Breakdown(deals, model.ByCompetitor) {
		p := d.data.profile(g.Key)
		if p.competitor.IsSelf || (d.rival != "" && g.Key != d.rival) {
			continue // with a competitor chosen, the others in its deals are not the question
		}
		if p.competitor.Name != "" {
			g.Key = p.competitor.Name
		}
		out = append(out, g)
	}
	return out
}

// rateChart draws one bar per group: label, win-rate bar, "62.5% of 16"; groups with few
// decided deals are marked so a rate from three deals reads as such.
func (d dashboard) rateChart(title string, groups []model.Group, width int) []string {
	st := d.styles
	lines := []string{st.Heading.Render(title)}
	labelWidth := 0
	for _, g := range groups {
		labelWidth = max(labelWidth, lipgloss.Width(termtext.Line(g.Key)))
	}
	labelWidth = min(labelWidth, max(8, width/3))
	statWidth := 13 // "100.0% of 999"
	for _, g := range groups {
		if g.Decided() < smallSample {
			statWidth += len(" small n")
			break
		}
	}
	barWidth := max(0, min(24, width-labelWidth-statWidth-3))
	for _, g := range groups {
		label := padRight(truncate(termtext.Line(g.Key), labelWidth), labelWidth)
		rate, ok := g.WinRateTenths()
		stat := "—"
		if ok {
			stat = fmt.Sprintf("%d.%d%% of %d", rate/10, rate%10, g.Decided())
		}
		bar := ""
		if barWidth > 0 {
			filled := 0
			if ok {
				filled = int((rate*int64(barWidth) + 500) / 1000)
			}
			bar = st.BarFull.Render(strings.Repeat(st.Bar[0], filled)) + st.Muted.Render(strings.Repeat(st.Bar[1], barWidth-filled)) + " "
		}
		line := label + " " + bar + stat
		if g.Decided() < smallSample {
			line += st.Stale.Render(" small n")
		}
		if g.NoDecision > 0 && width-lipgloss.Width(line) > 12 {
			line += st.Muted.Render(fmt.Sprintf(" +%d undecided", g.NoDecision))
		}
		lines = append(lines, truncate(line, width))
	}
	return lines
}

// reasons lists the most cited reasons of deals with an outcome.
func (d dashboard) reasons(title string, deals []model.Deal, outcome model.Outcome, width int) []string {
	st := d.styles
	lines := []string{st.Heading.Render(title)}
	top := model.TopReasons(deals, outcome, 5)
	if len(top) == 0 {
		return append(lines, st.Muted.Render("none recorded"))
	}
	for _, r := range top {
		line := fmt.Sprintf("%3d  %s", r.Deals, termtext.Line(d.data.reasonLabel(r.Code)))
		if r.Primary > 0 {
			line += st.Muted.Render(fmt.Sprintf(" · primary in %d", r.Primary))
		}
		lines = append(lines, truncate(line, width))
	}
	return lines
}

// tallyLine renders a tally with its win rate, n and the window it covers: "124 won · 100 lost ·
// 24 no decision · win rate 55% of 224 decided, all time".
func tallyLine(w model.WinLoss, window string) string {
	s := fmt.Sprintf("%d won · %d lost", w.Won, w.Lost)
	if w.NoDecision > 0 {
		s += fmt.Sprintf(" · %d no decision", w.NoDecision)
	}
	return s + " · win rate " + w.RateInWindow(window)
}

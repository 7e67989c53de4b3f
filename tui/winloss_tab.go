package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// dealFilter narrows the Win/Loss tab: an outcome, a segment and a date range (indexes into
// dateRanges), each cycled by a key.
type dealFilter struct {
	outcome model.Outcome // "" for all
	segment string        // "" for all
	span    int
}

// query is the filter as a model query for one competitor.
func (f dealFilter) query(slug string, today model.Date) model.DealQuery {
	q := model.DealQuery{Competitor: slug, Segment: f.segment}
	if days := dateRanges[f.span].days; days > 0 {
		q.Since = today.AddDays(-days)
	}
	return q
}

// apply returns the deals the filter keeps, in their order.
func (f dealFilter) apply(deals []model.Deal, slug string, today model.Date) []model.Deal {
	var out []model.Deal
	for _, d := range f.query(slug, today).Select(deals) {
		if f.outcome == "" || d.Outcome == f.outcome {
			out = append(out, d)
		}
	}
	return out
}

// segmentsOf lists the segments deals were recorded in, alphabetically, each in the case first
// written ("SMB" and "smb" are one segment).
func segmentsOf(deals []model.Deal) []string {
	var out []string
	for _, g := range model.Breakdown(deals, model.BySegment) {
		if g.Key != model.Unspecified {
			out = append(out, g.Key)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

// describe says what the filter shows: "lost · smb · last 90 days".
func (f dealFilter) describe() string {
	parts := []string{"all outcomes", "all segments", dateRanges[f.span].label}
	if f.outcome != "" {
		parts[0] = strings.ReplaceAll(string(f.outcome), "_", " ")
	}
	if f.segment != "" {
		parts[1] = termtext.Line(f.segment)
	}
	return strings.Join(parts, " · ")
}

// renderWinLoss renders the record against the competitor with its top reasons, then the
// deals the filter keeps, newest first, marking the selected one. It also returns the line
// each deal starts on.
func renderWinLoss(st *Styles, d *profileData, v catalogView, f dealFilter, today model.Date, selected, width int) (string, []int) {
	if d.competitor.IsSelf {
		return st.Muted.Render("Win/loss is recorded against competitors, not our own product."), nil
	}
	if len(d.deals) == 0 {
		return st.Muted.Render("No deals recorded against " + termtext.Line(d.competitor.Name) + ". Press w to log one."), nil
	}
	inRange := f.query(d.competitor.Slug, today).Select(d.deals)
	lines := wrapWords(tallyLine(model.TallyDeals(inRange), dateRanges[f.span].label), width)
	for _, top := range []struct {
		title   string
		outcome model.Outcome
	}{{"Lost on", model.OutcomeLost}, {"Won on", model.OutcomeWon}} {
		var parts []string
		for _, r := range model.TopReasons(inRange, top.outcome, 3) {
			parts = append(parts, fmt.Sprintf("%s (%d)", v.reasonLabel(r.Code), r.Deals))
		}
		if len(parts) > 0 {
			lines = append(lines, wrapField(st, top.title, strings.Join(parts, ", "), width)...)
		}
	}
	lines = append(lines, truncate(st.Muted.Render("Showing "+f.describe()+" · o outcome · s segment · t dates"), width))
	deals := f.apply(d.deals, d.competitor.Slug, today)
	if len(deals) == 0 {
		return strings.Join(append(lines, "", st.Muted.Render("No deals match the filter.")), "\n"), nil
	}
	starts := make([]int, len(deals))
	for i, deal := range deals {
		lines = append(lines, "")
		starts[i] = len(lines)
		badge := st.Outcome[string(deal.Outcome)].Render(strings.ReplaceAll(string(deal.Outcome), "_", " "))
		marker, account := "  ", termtext.Line(deal.Account)
		if account == "" {
			account = termtext.Line(deal.Ref)
		}
		if i == selected {
			marker, account = st.Selected.Render("▌ "), st.Selected.Render(account)
		}
		lines = append(lines, truncate(fmt.Sprintf("%s%s %s %s", marker, deal.ClosedAt, badge, account), width))
		var facts []string
		if deal.Amount > 0 {
			facts = append(facts, model.FormatMoney(deal.Amount, deal.Currency))
		}
		for _, fact := range []string{deal.Segment, deal.Region, v.reasonLabel(deal.PrimaryReason)} {
			if fact != "" {
				facts = append(facts, termtext.Line(fact))
			}
		}
		if len(deal.Competitors) > 1 {
			var others []string
			for _, c := range deal.Competitors {
				if c != d.competitor.Slug {
					others = append(others, termtext.Line(v.profile(c).competitor.Name))
				}
			}
			facts = append(facts, "also "+strings.Join(others, ", "))
		}
		if len(facts) > 0 {
			lines = append(lines, truncate(st.Muted.Render("  "+strings.Join(facts, " · ")), width))
		}
		if deal.Quote != "" {
			for _, l := range wrap("“"+termtext.Line(deal.Quote)+"”", max(width-2, 8)) {
				lines = append(lines, "  "+l)
			}
		}
	}
	return strings.Join(lines, "\n"), starts
}

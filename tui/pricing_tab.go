package tui

import (
	"strings"

	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/model"
)

// renderPricing renders the price at the calculator's deal size, then each plan: its current
// price, a step chart of its history, when and where the price was last seen, and the history
// itself, marking the selected plan. It also returns the line each plan starts on.
func renderPricing(st *Styles, d *profileData, q model.Quote, today model.Date, selected, width int) (string, []int) {
	lines := priceDeltaLines(st, d, q, width)
	if facts := report.PricingFactsLine(d.competitor.Pricing); facts != "" {
		lines = append(lines, "")
		for _, l := range wrap("Pricing facts: "+facts, width) {
			lines = append(lines, st.Muted.Render(l))
		}
	} else if !d.competitor.IsSelf {
		lines = append(lines, "", st.Muted.Render(truncate("No pricing facts yet: press f to add trial, discount and terms.", width)))
	}
	if len(d.plans) == 0 {
		return strings.Join(append(lines, "", st.Muted.Render("No pricing plans recorded. Press n to add one.")), "\n"), nil
	}
	starts := make([]int, len(d.plans))
	for i, h := range report.NewPriceHistory(d.competitor, d.plans, today).Plans {
		lines = append(lines, "")
		starts[i] = len(lines)
		marker, name := "  ", st.Heading.Render(h.Name)
		if i == selected {
			marker, name = st.Selected.Render("▌ "), st.Selected.Render(h.Name)
		}
		lines = append(lines, truncate(marker+name+st.Muted.Render("  "+h.Facts), width))
		indent := func(ls []string) {
			for _, l := range ls {
				lines = append(lines, "  "+l)
			}
		}
		inner := max(width-2, 8)
		indent(wrap(h.Price, inner))
		if h.Included != "" {
			indent(wrap(st.Muted.Render(h.Included), inner))
		}
		if line := historyChart(st, d.plans[i], h, today, inner); line != "" {
			lines = append(lines, truncate("  "+line, width))
		}
		switch {
		case h.Seen == "":
			lines = append(lines, "  "+st.Stale.Render("⚑ no price recorded yet: press r to record one"))
		case h.Stale:
			lines = append(lines, truncate("  "+st.Stale.Render("⚑ "+h.Seen), width))
		default:
			lines = append(lines, truncate("  "+st.Muted.Render(h.Seen), width))
		}
		lines = append(lines, historyLines(st, h, width)...)
	}
	return strings.Join(lines, "\n"), starts
}

// historyChart renders a step chart of a plan's prices beside the trend in words, "▁▁▄▄██
// $69.00 → $79.00 (+14.5%) since 2024-06-10", or just the words when the chart has no room.
func historyChart(st *Styles, p model.PricePlan, h report.PlanHistory, today model.Date, width int) string {
	if h.Trend == "" {
		return ""
	}
	chartWidth := min(24, width-len([]rune(h.Trend))-1)
	if chartWidth < 6 {
		return st.Muted.Render(h.Trend)
	}
	return stepChart(planPoints(p), today, chartWidth, st.Spark) + " " + st.Muted.Render(h.Trend)
}

// historyLines lists a plan's observations oldest first with the change at each step, in
// aligned columns.
func historyLines(st *Styles, h report.PlanHistory, width int) []string {
	priceWidth := 0
	for _, s := range h.Steps {
		priceWidth = max(priceWidth, len([]rune(s.Brief)))
	}
	var lines []string
	for _, s := range h.Steps {
		change := ""
		if s.Moved {
			change = s.Change
		}
		row := "    " + s.Date.String() + "  " + padRight(s.Brief, priceWidth) + "  " + st.Stale.Render(padRight(change, 7))
		if s.Note != "" {
			row += st.Muted.Render(" " + s.Note)
		}
		lines = append(lines, truncate(strings.TrimRight(row, " "), width))
	}
	return lines
}

// priceDeltaLines renders what the product costs at the calculator's deal size and how that
// compares with our product.
func priceDeltaLines(st *Styles, d *profileData, q model.Quote, width int) []string {
	dp, ok := report.NewDealPrice(q, d.competitor.Slug, "a usage")
	if !ok {
		return nil
	}
	lines := []string{truncate(st.Heading.Render(dp.Heading)+st.Muted.Render(" · $ calculator"), width)}
	lines = append(lines, wrap(dp.Summary, width)...)
	if dp.Versus != "" {
		lines = append(lines, wrapWords(dp.Versus, width)...)
	}
	if dp.Ours != "" {
		lines = append(lines, wrap(st.Muted.Render(dp.Ours), width)...)
	}
	for _, r := range dp.Rates {
		lines = append(lines, truncate(st.Muted.Render(r), width))
	}
	return lines
}

package tui

import (
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// renderPricing renders the price at the calculator's deal size, then each plan: its current
// price, a step chart of its history, when and where the price was last seen, and the history
// itself, marking the selected plan. It also returns the line each plan starts on.
func renderPricing(st *Styles, d *profileData, q model.Quote, today model.Date, selected, width int) (string, []int) {
	lines := priceDeltaLines(st, d, q, width)
	if len(d.plans) == 0 {
		return strings.Join(append(lines, "", st.Muted.Render("No pricing plans recorded. Press n to add one.")), "\n"), nil
	}
	starts := make([]int, len(d.plans))
	for i, p := range d.plans {
		lines = append(lines, "")
		starts[i] = len(lines)
		marker, name := "  ", st.Heading.Render(termtext.Line(p.Name))
		if i == selected {
			marker, name = st.Selected.Render("▌ "), st.Selected.Render(termtext.Line(p.Name))
		}
		lines = append(lines, truncate(marker+name+st.Muted.Render("  "+planFacts(p)), width))
		indent := func(ls []string) {
			for _, l := range ls {
				lines = append(lines, "  "+l)
			}
		}
		inner := max(width-2, 8)
		indent(wrap(termtext.Line(p.PriceText()), inner))
		if p.Included != "" {
			indent(wrap(st.Muted.Render(termtext.Line(p.Included)), inner))
		}
		if line := historyChart(st, p, today, inner); line != "" {
			lines = append(lines, truncate("  "+line, width))
		}
		if o, ok := p.Latest(); ok {
			seen := "last seen " + o.ObservedAt.String()
			if src := firstNonEmpty(o.Source, p.Source); src != "" {
				seen += " · " + termtext.Line(src)
			}
			if model.IsStale(o.ObservedAt, today, model.StaleFactDays) {
				lines = append(lines, truncate("  "+st.Stale.Render(fmt.Sprintf("⚑ stale: %s, over %d days ago", seen, model.StaleFactDays)), width))
			} else {
				lines = append(lines, truncate("  "+st.Muted.Render(seen), width))
			}
		} else {
			lines = append(lines, "  "+st.Stale.Render("⚑ no price recorded yet: press r to record one"))
		}
		lines = append(lines, historyLines(st, p, width)...)
	}
	return strings.Join(lines, "\n"), starts
}

// planFacts is the plan's one-line description: model, currency, seat range, add-on.
func planFacts(p model.PricePlan) string {
	facts := []string{strings.ReplaceAll(string(p.Model), "_", " "), p.Currency}
	switch {
	case p.MinSeats > 0 && p.MaxSeats > 0:
		facts = append(facts, fmt.Sprintf("%d–%d seats", p.MinSeats, p.MaxSeats))
	case p.MaxSeats > 0:
		facts = append(facts, fmt.Sprintf("up to %d seats", p.MaxSeats))
	}
	if p.AddOn {
		facts = append(facts, "add-on")
	}
	return strings.Join(facts, " · ")
}

// historyChart renders "▁▁▄▄██ $69.00 → $79.00 (+14.5%) since 2024-06-10" for a plan with
// more than one price, or just the chart's summary when the price never moved.
func historyChart(st *Styles, p model.PricePlan, today model.Date, width int) string {
	points := planPoints(p)
	if len(points) == 0 {
		return ""
	}
	first, last := points[0], points[len(points)-1]
	summary := fmt.Sprintf("unchanged since %s", first.from)
	if first.amount != last.amount {
		summary = fmt.Sprintf("%s → %s", model.FormatMoney(first.amount, p.Currency), model.FormatMoney(last.amount, p.Currency))
		if t, ok := model.ChangeTenths(first.amount, last.amount); ok {
			summary += " (" + model.FormatPercentTenths(t) + ")"
		}
		summary += " since " + first.from.String()
	}
	chartWidth := min(24, width-len([]rune(summary))-1)
	if chartWidth < 6 {
		return st.Muted.Render(summary)
	}
	return stepChart(points, today, chartWidth, st.Spark) + " " + st.Muted.Render(summary)
}

// historyLines lists a plan's observations oldest first with the change at each step, in
// aligned columns.
func historyLines(st *Styles, p model.PricePlan, width int) []string {
	priceWidth := 0
	for _, o := range p.Observations {
		priceWidth = max(priceWidth, len([]rune(observationText(p, o))))
	}
	var lines []string
	var prev int64
	hasPrev := false
	for _, o := range p.Observations {
		change := ""
		if a, ok := p.Headline(o); ok {
			if t, ok := model.ChangeTenths(prev, a); hasPrev && ok && t != 0 {
				change = model.FormatPercentTenths(t)
			}
			prev, hasPrev = a, true
		}
		row := fmt.Sprintf("    %s  %s  %s", o.ObservedAt, padRight(observationText(p, o), priceWidth), st.Stale.Render(padRight(change, 7)))
		if o.Note != "" {
			row += st.Muted.Render(" " + termtext.Line(o.Note))
		}
		lines = append(lines, truncate(strings.TrimRight(row, " "), width))
	}
	return lines
}

// observationText is one observation's price in a few words.
func observationText(p model.PricePlan, o model.PriceObservation) string {
	switch p.Model {
	case model.ModelContactSales:
		return "contact sales"
	case model.ModelTiered:
		if len(o.Tiers) == 0 {
			return "no tiers"
		}
		return "from " + model.FormatMoney(o.Tiers[len(o.Tiers)-1].Amount, p.Currency)
	case model.ModelUsage:
		s := model.FormatMoney(o.Amount, p.Currency)
		if o.IncludedUnits > 0 {
			s += " incl. " + model.FormatCount(o.IncludedUnits)
		}
		if o.OverageAmount > 0 {
			s += ", then " + model.FormatMoney(o.OverageAmount, p.Currency)
		}
		return s
	}
	return model.FormatMoney(o.Amount, p.Currency)
}

// priceDeltaLines renders what the product costs at the calculator's deal size and how that
// compares with our product.
func priceDeltaLines(st *Styles, d *profileData, q model.Quote, width int) []string {
	pq, ok := quoteFor(q, d.competitor.Slug)
	if !ok {
		return nil
	}
	lines := []string{truncate(st.Heading.Render("Price at "+q.Input.Describe())+st.Muted.Render(" · $ calculator"), width)}
	lines = append(lines, wrap(quoteSummary(pq, q), width)...)
	if self, ok := q.Self(); ok && !pq.IsSelf && self.Best.Plan != "" {
		_, annual := quoteCost(self, q.Currency)
		ours := "Us: " + termtext.Line(self.Name) + " " + termtext.Line(self.Best.Plan)
		if annual != "" {
			ours += " at " + annual + "/yr"
		} else {
			ours += ": " + quoteProblem(self)
		}
		lines = append(lines, wrap(st.Muted.Render(ours), width)...)
	}
	for _, r := range q.Rates {
		lines = append(lines, truncate(st.Muted.Render("rate used: "+r.String()), width))
	}
	return lines
}

// quoteSummary is one product's answer in a sentence: plan, cost, and delta to us.
func quoteSummary(p model.ProductQuote, q model.Quote) string {
	s := termtext.Line(p.Best.Plan)
	if s == "" {
		s = termtext.Line(p.Name)
	}
	monthly, annual := quoteCost(p, q.Currency)
	if annual == "" {
		return s + ": " + quoteProblem(p)
	}
	s += ": " + monthly + "/mo · " + annual + "/yr"
	if p.Conversion != nil {
		s += " (converted from " + p.Best.Currency + ")"
	}
	if delta := quoteDelta(p, q); !p.IsSelf && delta != "" && delta != "—" {
		s += " · " + delta + " vs us"
	}
	return s
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

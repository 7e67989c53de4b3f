package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

func setupPriceHistory(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	asJSON := fs.Bool("json", false, "print JSON: the plans with their observations")
	return func(ctx context.Context, args []string) error {
		snap, comps, cleanup, err := a.openCompetitors(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		c, err := search.ResolveCompetitor(args[0], comps)
		if err != nil {
			return err
		}
		plans, err := snap.Plans(ctx, c.Slug)
		if err != nil {
			return err
		}
		if *asJSON {
			if plans == nil {
				plans = []model.PricePlan{}
			}
			return writeJSON(a.stdout, plans)
		}
		return writePriceHistory(a.stdout, c, plans, model.DateOf(a.now()))
	}
}

// writePriceHistory prints each plan with its observations oldest first: the date, the change
// of the headline price since the previous observation, the price in words, the note and the
// source. The newest observation is flagged when it is older than model.StaleFactDays.
func writePriceHistory(w io.Writer, c model.Competitor, plans []model.PricePlan, today model.Date) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): price history, oldest first\n", termtext.Line(c.Name), c.Slug)
	if len(plans) == 0 {
		b.WriteString("\nno plans recorded\n")
	}
	// Text goes under the price, past the date and the change, wrapped to fit 80 columns;
	// sources are not wrapped, so they can be copied whole.
	const indent = "                       "
	const textWidth = 80 - len(indent)
	for _, p := range plans {
		fmt.Fprintf(&b, "\n%s\n", planHeading(p))
		if len(p.Observations) == 0 {
			b.WriteString("  no price recorded\n")
			continue
		}
		for i, o := range p.Observations {
			change := ""
			if i > 0 {
				change = changeText(p, p.Observations[i-1], o)
			}
			for j, line := range wrap(observationText(p, o), textWidth) {
				if j == 0 {
					fmt.Fprintf(&b, "  %s %8s  %s\n", o.ObservedAt, change, line)
				} else {
					b.WriteString(indent + line + "\n")
				}
			}
			for _, line := range wrap(termtext.Line(o.Note), textWidth) {
				b.WriteString(indent + line + "\n")
			}
			if o.Source != "" {
				b.WriteString(indent + termtext.Line(o.Source) + "\n")
			}
		}
		if last, _ := p.Latest(); model.IsStale(last.ObservedAt, today, model.StaleFactDays) {
			fmt.Fprintf(&b, "%sstale: last seen %d days ago; check it before quoting it\n", indent, last.ObservedAt.DaysSince(today))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// planHeading names a plan with what its prices mean: "Suite Growth · per seat in USD · min 5
// agents".
func planHeading(p model.PricePlan) string {
	kind := map[model.PricingModel]string{
		model.ModelPerSeat: "per seat", model.ModelFlat: "flat fee", model.ModelUsage: "usage-based",
		model.ModelTiered: "volume tiers", model.ModelContactSales: "contact sales",
	}[p.Model]
	if kind == "" {
		kind = string(p.Model)
	}
	if p.Model != model.ModelContactSales {
		kind += " in " + p.Currency
	}
	parts := []string{termtext.Line(p.Name), kind}
	seats := "seats"
	if p.Model == model.ModelPerSeat && p.Unit != "" {
		seats = plural(termtext.Line(p.Unit))
	}
	if p.MinSeats > 0 {
		parts = append(parts, fmt.Sprintf("min %s %s", model.FormatCount(int64(p.MinSeats)), seats))
	}
	if p.MaxSeats > 0 {
		parts = append(parts, fmt.Sprintf("max %s %s", model.FormatCount(int64(p.MaxSeats)), seats))
	}
	if p.AddOn {
		parts = append(parts, "add-on")
	}
	return strings.Join(parts, " · ")
}

// observationText describes one observed price: "$79.00 per agent/month, 15% off yearly",
// "$549.00 per month incl. 500 AI resolutions, then $1.25 each", "per 1k tickets/month: $280.00
// up to 1, $240.00 up to 5, then $190.00", "contact sales".
func observationText(p model.PricePlan, o model.PriceObservation) string {
	money := func(minor int64) string { return model.FormatMoney(minor, p.Currency) }
	unit := termtext.Line(p.Unit)
	if unit == "" {
		unit = "unit"
	}
	var s string
	switch p.Model {
	case model.ModelContactSales:
		return "contact sales"
	case model.ModelFlat:
		s = fmt.Sprintf("%s per %s", money(o.Amount), p.Period)
	case model.ModelUsage:
		s = fmt.Sprintf("%s per %s", money(o.Amount), p.Period)
		if o.IncludedUnits > 0 {
			s += fmt.Sprintf(" incl. %s %s", model.FormatCount(o.IncludedUnits), plural(unit))
		}
		if o.OverageAmount > 0 {
			s += fmt.Sprintf(", then %s each", money(o.OverageAmount))
		}
	case model.ModelTiered:
		tiers := make([]string, len(o.Tiers))
		for i, t := range o.Tiers {
			switch {
			case t.UpTo > 0:
				tiers[i] = fmt.Sprintf("%s up to %s", money(t.Amount), model.FormatCount(t.UpTo))
			case i > 0:
				tiers[i] = "then " + money(t.Amount)
			default:
				tiers[i] = money(t.Amount)
			}
		}
		s = fmt.Sprintf("per %s/%s: %s", unit, p.Period, strings.Join(tiers, ", "))
	default:
		s = fmt.Sprintf("%s per %s/%s", money(o.Amount), unit, p.Period)
	}
	if o.AnnualDiscountPercent > 0 && p.Period == model.PeriodMonth {
		s += fmt.Sprintf(", %d%% off yearly", o.AnnualDiscountPercent)
	}
	return s
}

// changeText is the change of the headline price (model.PricePlan.Headline) from prev to o,
// "+6.8%", or "" when there is no number to compare (contact sales, a zero price).
func changeText(p model.PricePlan, prev, o model.PriceObservation) string {
	before, ok1 := p.Headline(prev)
	after, ok2 := p.Headline(o)
	if !ok1 || !ok2 {
		return ""
	}
	tenths, ok := model.ChangeTenths(before, after)
	if !ok {
		return ""
	}
	return model.FormatPercentTenths(tenths)
}

// plural makes a unit name plural for counts: "AI resolution" → "AI resolutions".
func plural(unit string) string {
	if strings.HasSuffix(unit, "s") {
		return unit
	}
	return unit + "s"
}

// wrap breaks s into lines of at most width runes at spaces; a longer word gets a line of its own.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

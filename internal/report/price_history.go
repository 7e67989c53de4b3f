package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// PriceHistory is every price a product's plans have had, in words: what `rivals price
// history` prints and what the TUI's Pricing tab shows beside its charts.
type PriceHistory struct {
	// Name is the product's name, clean; Slug its slug.
	Name, Slug string
	Plans      []PlanHistory
	// Today is the day the history was read on, which staleness is counted to.
	Today model.Date
}

// PlanHistory is one plan of a PriceHistory. Every string is one clean line.
type PlanHistory struct {
	Name string
	// Heading names the plan with what its prices mean (PlanHeading); Facts gives its terms in
	// short (PlanFacts).
	Heading, Facts string
	// Price is the newest price in words (PlanPrice); Included is what the plan includes.
	Price, Included string
	// Trend sums up how the price moved: "$69.00 → $79.00 (+14.5%) since 2024-06-10",
	// "unchanged since 2024-06-10"; "" when no price has a number (contact sales).
	Trend string
	// LastSeen is the day the newest price was observed, zero when none was; Stale is set when
	// that is over model.StaleFactDays ago.
	LastSeen model.Date
	Stale    bool
	// Seen says when and where the newest price was seen, and when that is too long ago: "last
	// seen 2026-10-19 · https://…", "stale: last seen 2025-06-01, over 180 days ago"; "" when
	// no price was recorded.
	Seen string
	// Steps are the observed prices, oldest first.
	Steps []PriceStep
}

// PriceStep is one observed price of a plan with its change since the one before.
type PriceStep struct {
	Date model.Date
	// Price is the price in full (ObservationPrice); Brief in a few words (ObservationBrief).
	Price, Brief string
	// Change is the change of the headline price (model.PricePlan.Headline) since the step
	// before: "+6.8%", "0.0%"; "" when there is no number to compare (the first step, contact
	// sales, a zero price). Moved is set when Change is not zero.
	Change string
	Moved  bool
	// Note and Source are the observation's, clean.
	Note, Source string
}

// NewPriceHistory puts a product's plans and their observations into words, as of today.
func NewPriceHistory(c model.Competitor, plans []model.PricePlan, today model.Date) PriceHistory {
	h := PriceHistory{Name: termtext.Line(c.Name), Slug: c.Slug, Today: today}
	for _, p := range plans {
		h.Plans = append(h.Plans, NewPlanHistory(p, today))
	}
	return h
}

// NewPlanHistory puts one plan and its observations into words, as of today.
func NewPlanHistory(p model.PricePlan, today model.Date) PlanHistory {
	h := PlanHistory{Name: termtext.Line(p.Name), Heading: PlanHeading(p), Facts: PlanFacts(p), Price: PlanPrice(p),
		Included: termtext.Line(p.Included), Trend: priceTrend(p)}
	if o, ok := p.Latest(); ok {
		h.LastSeen = o.ObservedAt
		h.Stale = model.IsStale(o.ObservedAt, today, model.StaleFactDays)
		h.Seen = "last seen " + o.ObservedAt.String()
		if src := firstNonEmpty(o.Source, p.Source); src != "" {
			h.Seen += " · " + termtext.Line(src)
		}
		if h.Stale {
			h.Seen = fmt.Sprintf("stale: %s, over %d days ago", h.Seen, model.StaleFactDays)
		}
	}
	for i, o := range p.Observations {
		s := PriceStep{Date: o.ObservedAt, Price: ObservationPrice(p, o), Brief: ObservationBrief(p, o),
			Note: termtext.Line(o.Note), Source: termtext.Line(o.Source)}
		if i > 0 {
			if tenths, ok := headlineChange(p, p.Observations[i-1], o); ok {
				s.Change, s.Moved = model.FormatPercentTenths(tenths), tenths != 0
			}
		}
		h.Steps = append(h.Steps, s)
	}
	return h
}

// headlineChange is the change of the headline price from prev to o in tenths of a percent; it
// reports false when either has no headline price or prev's is not positive.
func headlineChange(p model.PricePlan, prev, o model.PriceObservation) (int64, bool) {
	before, ok1 := p.Headline(prev)
	after, ok2 := p.Headline(o)
	if !ok1 || !ok2 {
		return 0, false
	}
	return model.ChangeTenths(before, after)
}

// priceTrend compares the first and the last headline price of a plan: "$69.00 → $79.00
// (+14.5%) since 2024-06-10", "unchanged since 2024-06-10"; "" when none has one.
func priceTrend(p model.PricePlan) string {
	var since model.Date
	var first, last int64
	found := false
	for _, o := range p.Observations {
		if a, ok := p.Headline(o); ok {
			if !found {
				since, first, found = o.ObservedAt, a, true
			}
			last = a
		}
	}
	switch {
	case !found:
		return ""
	case first == last:
		return "unchanged since " + since.String()
	}
	s := model.FormatMoney(first, p.Currency) + " → " + model.FormatMoney(last, p.Currency)
	if t, ok := model.ChangeTenths(first, last); ok {
		s += " (" + model.FormatPercentTenths(t) + ")"
	}
	return s + " since " + since.String()
}

// firstNonEmpty returns the first of s that is not empty, or "".
func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// PriceHistoryText writes a price history for a terminal or a pipe, within 80 columns: each
// plan with its observations oldest first (the date, the change since the one before, the price
// in words, the note and the source) and a warning when its newest price is stale.
func PriceHistoryText(w io.Writer, h PriceHistory) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): price history, oldest first\n", h.Name, h.Slug)
	if len(h.Plans) == 0 {
		b.WriteString("\nno plans recorded\n")
	}
	// Text goes under the price, past the date and the change, wrapped to fit 80 columns;
	// sources are not wrapped, so they can be copied whole.
	const indent = "                       "
	const textWidth = 80 - len(indent)
	for _, p := range h.Plans {
		fmt.Fprintf(&b, "\n%s\n", p.Heading)
		if len(p.Steps) == 0 {
			b.WriteString("  no price recorded\n")
			continue
		}
		for _, s := range p.Steps {
			for j, line := range wrap(s.Price, textWidth, "", "") {
				if j == 0 {
					fmt.Fprintf(&b, "  %s %8s  %s\n", s.Date, s.Change, line)
				} else {
					b.WriteString(indent + line + "\n")
				}
			}
			if s.Note != "" {
				for _, line := range wrap(s.Note, textWidth, "", "") {
					b.WriteString(indent + line + "\n")
				}
			}
			if s.Source != "" {
				b.WriteString(indent + s.Source + "\n")
			}
		}
		if p.Stale {
			fmt.Fprintf(&b, "%sstale: last seen %d days ago; check it before quoting it\n", indent, p.LastSeen.DaysSince(h.Today))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

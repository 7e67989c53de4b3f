package tui

import (
	"strings"

	"github.com/rivals-app/rivals/model"
)

// sparkUnicode and sparkASCII are the eight levels of a step chart, lowest first.
var (
	sparkUnicode = []rune("▁▂▃▄▅▆▇█")
	sparkASCII   = []rune("_.-:=+*#")
)

// pricePoint is a price in effect from a date on.
type pricePoint struct {
	from   model.Date
	amount int64
}

// stepChart draws prices as a step chart width cells wide, spanning from the first point's date
// to today: each cell shows the price in effect on its date, scaled between the lowest and
// highest price (a flat history sits at mid height). It returns "" with no points or no room.
func stepChart(points []pricePoint, today model.Date, width int, levels []rune) string {
	if len(points) == 0 || width <= 0 {
		return ""
	}
	lo, hi := points[0].amount, points[0].amount
	for _, p := range points {
		lo, hi = min(lo, p.amount), max(hi, p.amount)
	}
	start := points[0].from
	span := max(1, start.DaysSince(today), start.DaysSince(points[len(points)-1].from))
	var b strings.Builder
	for i := range width {
		// The date this cell stands for: its share of the span.
		day := start.AddDays(span * i / max(1, width-1))
		amount := points[0].amount
		for _, p := range points {
			if !day.Before(p.from) {
				amount = p.amount
			}
		}
		level := len(levels) / 2
		if hi > lo {
			level = int((amount - lo) * int64(len(levels)-1) / (hi - lo))
		}
		b.WriteRune(levels[level])
	}
	return b.String()
}

// planPoints turns a plan's observations into chart points, dropping the ones without a
// comparable price (contact sales).
func planPoints(p model.PricePlan) []pricePoint {
	var out []pricePoint
	for _, o := range p.Observations {
		if a, ok := p.Headline(o); ok {
			out = append(out, pricePoint{from: o.ObservedAt, amount: a})
		}
	}
	return out
}

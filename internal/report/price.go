package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// Widths of the price table: product names are cut to maxProductWidth; plan names get what is
// left of tableWidth, between minPlanWidth and maxPlanWidth.
const (
	tableWidth      = 80
	maxProductWidth = 16
	minPlanWidth    = 14
	maxPlanWidth    = 24
)

// PriceTable writes q as an aligned plain-text table for a terminal or a pipe: what was priced,
// one row per product in the quote's order with its plan, monthly and annual cost and the
// difference to our product, then the notes behind the numbers (PriceNotes).
func PriceTable(w io.Writer, q model.Quote) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s · compared in %s\n\n", termtext.Line(q.Input.Describe()), q.Currency)
	writePriceRows(&b, append([]QuoteRow{QuoteHeader(q)}, QuoteRows(q, "--usage")...))
	foot := PriceNotes(q)
	if len(foot) > 0 {
		b.WriteString("\n" + strings.Join(foot, "\n") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// PriceNotes are the lines a reader needs to trust a quote: which amounts were converted and
// with which rates, the currencies that lack a rate and how to set one, the assumptions behind
// each priced row and the add-ons no cost includes.
func PriceNotes(q model.Quote) []string {
	self, hasSelf := q.Self()
	var missing []string // currencies with no rate to the comparison currency
	for _, p := range q.Products {
		if p.Best.Status == model.QuotePriced && !p.Comparable && !slices.Contains(missing, p.Best.Currency) {
			missing = append(missing, p.Best.Currency)
		}
	}
	var foot []string
	if len(q.Rates) > 0 {
		foot = append(foot, "* converted to "+q.Currency+" with the rates below")
		for i, rate := range q.Rates {
			label := "rates: "
			if i > 0 {
				label = "       "
			}
			foot = append(foot, label+rate.String())
		}
	}
	for _, cur := range missing {
		hint := "rivals fx set " + cur + " RATE"
		if q.Currency != "USD" {
			hint += " --base " + q.Currency
		}
		line := fmt.Sprintf("no %s→%s rate; set one with: %s", cur, q.Currency, hint)
		if meaning := fmt.Sprintf(" (1 %s = RATE %s)", cur, q.Currency); width(line+meaning) <= tableWidth {
			line += meaning
		}
		foot = append(foot, line)
	}
	if hasSelf && !self.Comparable {
		foot = append(foot, fmt.Sprintf("no differences: %s has no comparable price in %s", termtext.Line(self.Name), q.Currency))
	}
	foot = append(foot, planNotes(q)...)
	if addOns := addOnNames(q); len(addOns) > 0 {
		foot = append(foot, "add-ons not counted: "+strings.Join(addOns, ", "))
	}
	return foot
}

// PriceStatus says why a product has no cost: "contact sales", "needs --usage (priced by
// volume per 1k tickets)", "not comparable (counts AI resolutions, not
// tickets)". usage names how the reader gives a usage figure.
func PriceStatus(p model.ProductQuote, usage string) string {
	why := ""
	if len(p.Best.Notes) > 0 {
		why = " (" + termtext.Line(p.Best.Notes[0]) + ")"
	}
	switch p.Best.Status {
	case model.QuotePriced:
		return ""
	case model.QuoteContactSales:
		return "contact sales"
	case model.QuoteNeedsUsage:
		return "needs " + usage + why
	case model.QuoteOtherUnit:
		return "not comparable" + why
	case model.QuoteOverSeatCap:
		return "over its seat cap" + why
	case model.QuoteTooLarge:
		return "too large to price"
	}
	if len(p.Plans) == 0 {
		return "no plans recorded"
	}
	return "no price recorded"
}

// planNotes lists the assumptions behind the priced rows: "Tidewell Business: billed for the
// 10-seat minimum".
func planNotes(q model.Quote) []string {
	var out []string
	for _, p := range q.Products {
		if p.Best.Status != model.QuotePriced {
			continue
		}
		for _, n := range p.Best.Notes {
			out = append(out, fmt.Sprintf("note: %s %s — %s", termtext.Line(p.Name), termtext.Line(p.Best.Plan), termtext.Line(n)))
		}
	}
	return out
}

// addOnNames lists the add-ons of the products shown, which no product's cost includes.
func addOnNames(q model.Quote) []string {
	var out []string
	for _, p := range q.Products {
		for _, pl := range p.Plans {
			if pl.AddOn {
				out = append(out, termtext.Line(p.Name)+" "+termtext.Line(pl.Plan))
			}
		}
	}
	return out
}

// writePriceRows lays the rows out in columns: names left-aligned and cut to their caps, money
// right-aligned, the last column free: the difference to us, or why there is no cost, which
// starts under MONTHLY. A row with no plan shows "—". Amounts converted from another currency
// carry a "*".
func writePriceRows(b *strings.Builder, rows []QuoteRow) {
	anyConverted := slices.ContainsFunc(rows, func(r QuoteRow) bool { return r.Converted })
	mark := func(r QuoteRow, s string) string {
		switch {
		case !anyConverted || s == "":
			return s
		case r.Converted:
			return s + "*"
		}
		return s + " "
	}
	var wProduct, wPlan, wMonthly, wAnnual, wDelta int
	for i := range rows {
		r := &rows[i]
		r.Product = truncate(r.Product, maxProductWidth)
		wProduct = max(wProduct, width(r.Product))
		if r.Problem != "" {
			continue
		}
		r.Monthly, r.Annual = mark(*r, r.Monthly), mark(*r, r.Annual)
		wMonthly, wAnnual, wDelta = max(wMonthly, width(r.Monthly)), max(wAnnual, width(r.Annual)), max(wDelta, width(r.Delta))
	}
	planCap := min(max(tableWidth-(wProduct+wMonthly+wAnnual+wDelta+8), minPlanWidth), maxPlanWidth)
	for i := range rows {
		if rows[i].Plan == "" {
			rows[i].Plan = "—"
		}
		rows[i].Plan = truncate(rows[i].Plan, planCap)
		wPlan = max(wPlan, width(rows[i].Plan))
	}
	for _, r := range rows {
		line := pad(r.Product, wProduct) + "  " + pad(r.Plan, wPlan) + "  "
		if r.Problem != "" {
			line += r.Problem
		} else {
			line += padLeft(r.Monthly, wMonthly) + "  " + padLeft(r.Annual, wAnnual) + "  " + r.Delta
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
}

// width counts runes: catalog names are nearly always in scripts one column per rune.
func width(s string) int { return utf8.RuneCountInString(s) }

func pad(s string, n int) string     { return s + strings.Repeat(" ", max(0, n-width(s))) }
func padLeft(s string, n int) string { return strings.Repeat(" ", max(0, n-width(s))) + s }

// truncate cuts s to n runes, ending with an ellipsis when it had to cut.
func truncate(s string, n int) string {
	if width(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

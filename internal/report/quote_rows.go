package report

import (
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// QuoteRow is one product of a quote as the cells of a price table; each front end lays the
// cells out. Every string is one clean line.
type QuoteRow struct {
	Product string
	// Plan is the plan the product is priced on, or the one its Problem is about; "" when it
	// has no plans.
	Plan string
	// Unit is what the plan's price counts when it depends on usage: "per 1k tickets"; "" for
	// seat and flat prices.
	Unit string
	// Monthly and Annual are the cost: in the comparison currency when the product is
	// comparable, else in its plan's own; "" when it has none (see Problem).
	Monthly, Annual string
	// Converted is set when the amounts were converted from another currency (PriceNotes
	// names the rates).
	Converted bool
	// Delta is the difference to our product (PriceDelta: "$8,160.00 less (-16.8%)"), or why
	// there is none ("no EUR→USD rate"); Percent is the same without the money, for narrow
	// tables (PriceDeltaPercent: "16.8% less"). Both are "" when the product has no cost.
	Delta, Percent string
	// Problem says why the product has no cost (PriceStatus); "" when it has one.
	Problem string
	// Self marks our own product.
	Self bool
}

// QuoteHeader is the header of a price table: PRODUCT, PLAN, MONTHLY, ANNUAL, and the
// difference to our product named after it ("VS TIDEWELL"), or "" without a product of ours.
// Percent heads the difference when only its percentage fits.
func QuoteHeader(q model.Quote) QuoteRow {
	h := QuoteRow{Product: "PRODUCT", Plan: "PLAN", Monthly: "MONTHLY", Annual: "ANNUAL", Percent: "VS US"}
	if self, ok := q.Self(); ok {
		h.Delta = "VS " + strings.ToUpper(termtext.Line(self.Name))
	}
	return h
}

// QuoteRows turns each product of q into a row, in the quote's order. usage names how the
// reader gives a usage figure, in the words of a product that needs one (see PriceStatus).
func QuoteRows(q model.Quote, usage string) []QuoteRow {
	rows := make([]QuoteRow, len(q.Products))
	for i, p := range q.Products {
		rows[i] = quoteRow(p, q, usage)
	}
	return rows
}

// quoteRow is one product's row of QuoteRows.
func quoteRow(p model.ProductQuote, q model.Quote, usage string) QuoteRow {
	r := QuoteRow{Product: termtext.Line(p.Name), Plan: termtext.Line(p.Best.Plan), Converted: p.Conversion != nil, Self: p.IsSelf}
	if p.Best.Unit != "" {
		r.Unit = "per " + termtext.Line(p.Best.Unit)
	}
	switch {
	case p.Comparable:
		r.Monthly, r.Annual = model.FormatMoney(p.Monthly, q.Currency), model.FormatMoney(p.Annual, q.Currency)
		r.Delta = PriceDelta(p, q)
	case p.Best.Status == model.QuotePriced:
		r.Monthly, r.Annual = model.FormatMoney(p.Best.Monthly, p.Best.Currency), model.FormatMoney(p.Best.Annual, p.Best.Currency)
		r.Delta = fmt.Sprintf("no %s→%s rate", p.Best.Currency, q.Currency)
		if p.IsSelf {
			r.Delta = "(us)"
		}
	default:
		r.Problem = PriceStatus(p, usage)
		return r
	}
	r.Percent = r.Delta
	if p.Comparable {
		r.Percent = PriceDeltaPercent(p, q)
	}
	return r
}

// DealPrice is what one product costs at a quote's deal size, in sentences. Every string is one
// clean line.
type DealPrice struct {
	// Heading names the deal size: "Price at 25 seats, billed yearly".
	Heading string
	// Summary is the product's answer: plan and cost, "Suite Growth: $1,678.75/mo ·
	// $20,145.00/yr", or why it has no cost.
	Summary string
	// Versus says who is cheaper (PriceComparison): "Harborline costs $5,100.00/yr more than
	// Tidewell (+33.9%)"; "" for our own product or when there is nothing to compare.
	Versus string
	// Ours is our product's answer, beside a rival's: "Us: Tidewell Team at $15,045.00/yr"; ""
	// for our own product or when ours has no plan.
	Ours string
	// Rates name the exchange rates the quote used: "rate used: 1 EUR = 1.1 USD (set 2026-11-20)".
	Rates []string
}

// NewDealPrice words the quote of the product slug; it reports false when q does not price it.
// usage names how the reader gives a usage figure (see PriceStatus).
func NewDealPrice(q model.Quote, slug, usage string) (DealPrice, bool) {
	i := -1
	for j, p := range q.Products {
		if p.Slug == slug {
			i = j
			break
		}
	}
	if i < 0 {
		return DealPrice{}, false
	}
	p := q.Products[i]
	d := DealPrice{Heading: "Price at " + termtext.Line(q.Input.Describe()), Summary: dealSummary(p, q, usage), Versus: PriceComparison(p, q)}
	if self, ok := q.Self(); ok && !p.IsSelf && self.Best.Plan != "" {
		r := quoteRow(self, q, usage)
		d.Ours = "Us: " + r.Product + " " + r.Plan
		if r.Annual != "" {
			d.Ours += " at " + r.Annual + "/yr"
		} else {
			d.Ours += ": " + r.Problem
		}
	}
	for _, rate := range q.Rates {
		d.Rates = append(d.Rates, "rate used: "+rate.String())
	}
	return d, true
}

// dealSummary is one product's answer in a sentence: plan and cost.
func dealSummary(p model.ProductQuote, q model.Quote, usage string) string {
	r := quoteRow(p, q, usage)
	s := r.Plan
	if s == "" {
		s = r.Product
	}
	if r.Annual == "" {
		return s + ": " + r.Problem
	}
	s += ": " + r.Monthly + "/mo · " + r.Annual + "/yr"
	if r.Converted {
		s += " (converted from " + p.Best.Currency + ")"
	}
	return s
}

package report

import (
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// Every difference in price between a product and ours is worded here, so each front end says
// who is cheaper the same way:
//
//   - in a sentence (call prep, the battle card, the Pricing tab): "Brightdesk costs $5,685/yr
//     less than Tidewell (-37.8%)", "… the same as Tidewell";
//   - in a table column headed "VS TIDEWELL" (rivals price, the calculator): "$5,685 less
//     (-37.8%)", "$5,550 more (+11.5%)", "same price";
//   - in a narrow table, without the money: "37.8% less", "11.5% more".
//
// The amounts are yearly, in the quote's comparison currency, rounded to whole units (cents in a
// yearly difference are noise). There is no percentage of a zero cost.

// PriceDelta is a product's yearly difference to ours for a table column that names our product:
// "$9,690 less (-20.0%)", "$5,550 more (+11.5%)", "same price", "(us)" for ours, "—" when
// there is none, "" when the quote has no product of ours.
func PriceDelta(p model.ProductQuote, q model.Quote) string {
	self, hasSelf := q.Self()
	switch {
	case p.IsSelf:
		return "(us)"
	case !hasSelf:
		return ""
	case !p.HasDelta:
		return "—"
	case p.DeltaAnnual == 0:
		return "same price"
	}
	s := deltaMoney(p.DeltaAnnual, q.Currency) + " " + moreOrLess(p.DeltaAnnual)
	if self.Annual != 0 {
		s += " (" + model.FormatPercentTenths(p.DeltaTenths) + ")"
	}
	return s
}

// PriceDeltaPercent is PriceDelta for a narrow column: "20.0% less", "11.5% more", "same price";
// PriceDelta's words when there is no percentage.
func PriceDeltaPercent(p model.ProductQuote, q model.Quote) string {
	self, _ := q.Self()
	if p.IsSelf || !p.HasDelta || p.DeltaAnnual == 0 || self.Annual == 0 {
		return PriceDelta(p, q)
	}
	t := abs(p.DeltaTenths)
	if t == 0 {
		return "under 0.1% " + moreOrLess(p.DeltaAnnual)
	}
	return fmt.Sprintf("%d.%d%% %s", t/10, t%10, moreOrLess(p.DeltaAnnual))
}

// PriceComparison says in a sentence who is cheaper: "Harborline costs $5,100/yr more than
// Tidewell (+33.9%)", "Brightdesk costs $5,685/yr less than Tidewell (-37.8%)", "CaseCraft
// costs the same as Tidewell", or why there is no comparison ("No EUR→USD rate to compare
// Quillon with Tidewell"). It is "" for our own product, without a product of ours, or when
// either has no cost.
func PriceComparison(p model.ProductQuote, q model.Quote) string {
	self, hasSelf := q.Self()
	if p.IsSelf || !hasSelf {
		return ""
	}
	name, ours := termtext.Line(p.Name), termtext.Line(self.Name)
	switch {
	case p.HasDelta && p.DeltaAnnual == 0:
		return name + " costs the same as " + ours
	case p.HasDelta:
		s := fmt.Sprintf("%s costs %s/yr %s than %s", name, deltaMoney(p.DeltaAnnual, q.Currency), moreOrLess(p.DeltaAnnual), ours)
		if self.Annual != 0 {
			s += " (" + model.FormatPercentTenths(p.DeltaTenths) + ")"
		}
		return s
	case p.Best.Status == model.QuotePriced && !p.Comparable:
		return fmt.Sprintf("No %s→%s rate to compare %s with %s", p.Best.Currency, q.Currency, name, ours)
	case p.Best.Status == model.QuotePriced && self.Best.Status == model.QuotePriced && !self.Comparable:
		return fmt.Sprintf("No %s→%s rate to compare %s with %s", self.Best.Currency, q.Currency, name, ours)
	}
	return ""
}

// moreOrLess is "more" for a product dearer than ours, "less" for a cheaper one.
func moreOrLess(delta int64) string {
	if delta > 0 {
		return "more"
	}
	return "less"
}

// deltaMoney is the size of a difference in whole units of its currency: "$5,685", "1,200 CHF".
// A difference under one unit keeps its minor units ("$0.40").
func deltaMoney(minor int64, currency string) string {
	exp := model.CurrencyExponent(currency)
	unit := int64(1)
	for range exp {
		unit *= 10
	}
	m := abs(minor)
	if m < unit || exp == 0 {
		return model.FormatMoney(m, currency)
	}
	s := model.FormatMoney((m+unit/2)/unit*unit, currency)
	return strings.Replace(s, "."+strings.Repeat("0", exp), "", 1)
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

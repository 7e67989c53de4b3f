package model

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
)

// ProductQuote is one product priced for a QuoteInput: its cheapest fitting plan, that plan's
// cost in the comparison currency and the difference to our product.
type ProductQuote struct {
	Slug   string `json:"slug"`
	Name   string `json:"name"`
	IsSelf bool   `json:"is_self,omitempty"`
	// Best is the plan chosen: the cheapest priced plan that fits, add-ons never counting,
	// among the plans sold in the comparison currency when there are any.
	// When no plan can be priced it is the most useful answer instead, in this order: a
	// contact-sales plan, a plan that needs a usage figure, one over its seat cap.
	Best PlanQuote `json:"best"`
	// Plans are all of the product's plans priced the same way, in catalog order.
	Plans []PlanQuote `json:"plans"`
	// Comparable is true when Best is priced and its cost is known in the comparison
	// currency (the same currency, or converted with a user-set rate).
	Comparable bool `json:"comparable"`
	// Monthly and Annual are Best's cost in the comparison currency, when Comparable.
	Monthly int64 `json:"monthly,omitempty"`
	Annual  int64 `json:"annual,omitempty"`
	// Conversion names the rates used when Best was converted.
	Conversion *Conversion `json:"conversion,omitempty"`
	// HasDelta is true when both this product and ours are Comparable.
	HasDelta bool `json:"has_delta"`
	// DeltaAnnual is this product's annual cost minus ours: positive means they cost more.
	DeltaAnnual int64 `json:"delta_annual,omitempty"`
	// DeltaTenths is DeltaAnnual as a share of our annual cost, in tenths of a percent,
	// rounded half away from zero (248 is 24.8%). Zero when our cost is zero.
	DeltaTenths int64 `json:"delta_tenths_percent,omitempty"`
}

// Quote is a set of products priced side by side.
type Quote struct {
	Input QuoteInput `json:"input"`
	// Currency is the comparison currency: the input's, else our product's.
	Currency string `json:"currency"`
	// Products are sorted: comparable costs cheapest first, then costs in other currencies,
	// contact-sales, needs-usage and the rest.
	Products []ProductQuote `json:"products"`
	// Rates lists every exchange rate used.
	Rates []FXRate `json:"rates,omitempty"`
}

// Self returns our product's quote, if it is in the set.
func (q Quote) Self() (ProductQuote, bool) {
	for _, p := range q.Products {
		if p.IsSelf {
			return p, true
		}
	}
	return ProductQuote{}, false
}

// QuoteProducts prices each product's plans (plans by competitor slug) for in, picks each one's
// cheapest fitting plan (a usage figure with no unit counts the first of UsageUnits, and
// the quote's Input says so), converts costs to the comparison currency with rates (never silently:
// a cost in another currency with no rate stays in its own currency and gets no delta) and
// works out each product's difference to ours.
func QuoteProducts(products []Competitor, plans map[string][]PricePlan, in QuoteInput, rates FXTable) Quote {
	if in.Usage > 0 && in.UsageUnit == "" {
		if units := UsageUnits(products, plans); len(units) > 0 {
			in.UsageUnit = units[0]
		}
	}
	q := Quote{Input: in, Currency: in.Currency}
	if q.Currency == "" {
		q.Currency = HomeCurrency(products, plans)
	}
	for _, c := range products {
		pq := ProductQuote{Slug: c.Slug, Name: c.Name, IsSelf: c.IsSelf}
		for _, p := range plans[c.Slug] {
			pq.Plans = append(pq.Plans, QuotePlan(p, in))
		}
		pq.pick(q.Currency, rates)
		q.Products = append(q.Products, pq)
	}
	if self, ok := q.Self(); ok && self.Comparable {
		for i := range q.Products {
			p := &q.Products[i]
			if !p.Comparable {
				continue
			}
			p.HasDelta = true
			p.DeltaAnnual = p.Annual - self.Annual
			if self.Annual != 0 {
				share := new(big.Int).Mul(big.NewInt(p.DeltaAnnual), big.NewInt(1000))
				p.DeltaTenths, _ = roundRat(new(big.Rat).SetFrac(share, big.NewInt(self.Annual)))
			}
		}
	}
	slices.SortStableFunc(q.Products, func(a, b ProductQuote) int {
		if c := cmp.Compare(a.rank(), b.rank()); c != 0 {
			return c
		}
		if a.Comparable {
			return cmp.Compare(a.Annual, b.Annual)
		}
		if a.Best.Status == QuotePriced {
			if c := cmp.Compare(a.Best.Currency, b.Best.Currency); c != 0 {
				return c
			}
			return cmp.Compare(a.Best.Annual, b.Best.Annual)
		}
		return 0
	})
	seen := map[FXRate]bool{}
	for _, p := range q.Products {
		if p.Conversion == nil {
			continue
		}
		for _, r := range p.Conversion.Rates {
			if !seen[r] {
				seen[r] = true
				q.Rates = append(q.Rates, r)
			}
		}
	}
	return q
}

// rank orders products by how answerable their price is.
func (p ProductQuote) rank() int {
	switch {
	case p.Comparable:
		return 0
	case p.Best.Status == QuotePriced:
		return 1
	}
	return 2 + slices.Index(fallbackOrder, p.Best.Status)
}

// fallbackOrder ranks the answers given when no plan of a product can be priced.
var fallbackOrder = []QuoteStatus{QuoteContactSales, QuoteNeedsUsage, QuoteOtherUnit, QuoteOverSeatCap, QuoteNoPrice, QuoteTooLarge}

// pick chooses Best among the product's quoted plans.
func (p *ProductQuote) pick(currency string, rates FXTable) {
	best, bestFound := -1, false
	var bestAnnual int64
	var bestConv Conversion
	// Plans sold in the comparison currency come first: a buyer paying in dollars gets the
	// dollar price list. Other currencies are converted only when there is no such plan.
	for _, native := range []bool{true, false} {
		for i, pl := range p.Plans {
			if pl.AddOn || pl.Status != QuotePriced || (pl.Currency == currency) != native {
				continue
			}
			annual, conv, ok := rates.Convert(pl.Annual, pl.Currency, currency)
			if ok && (!bestFound || annual < bestAnnual) {
				best, bestFound, bestAnnual, bestConv = i, true, annual, conv
			}
		}
		if bestFound {
			break
		}
	}
	if bestFound {
		pl := p.Plans[best]
		p.Best, p.Comparable, p.Annual = pl, true, bestAnnual
		p.Monthly, _, _ = rates.Convert(pl.Monthly, pl.Currency, currency)
		if len(bestConv.Rates) > 0 {
			p.Conversion = &bestConv
		}
		return
	}
	// Nothing comparable: the cheapest priced plan in the currency of the first one.
	for i, pl := range p.Plans {
		if pl.AddOn || pl.Status != QuotePriced {
			continue
		}
		if best < 0 || (pl.Currency == p.Plans[best].Currency && pl.Annual < p.Plans[best].Annual) {
			best = i
		}
	}
	if best >= 0 {
		p.Best = p.Plans[best]
		return
	}
	for _, status := range fallbackOrder {
		for _, pl := range p.Plans {
			if !pl.AddOn && pl.Status == status {
				p.Best = pl
				return
			}
		}
	}
	p.Best = PlanQuote{Status: QuoteNoPrice}
}

// HomeCurrency is the currency our product's plans are mostly priced in, else the currency most
// used across all the products' plans, else USD: the currency prices are compared in and new
// deals are recorded in unless the user says otherwise.
func HomeCurrency(products []Competitor, plans map[string][]PricePlan) string {
	count := func(self bool) string {
		n := map[string]int{}
		var order []string
		for _, c := range products {
			if self && !c.IsSelf {
				continue
			}
			for _, p := range plans[c.Slug] {
				if p.AddOn || p.Currency == "" {
					continue
				}
				if n[p.Currency] == 0 {
					order = append(order, p.Currency)
				}
				n[p.Currency]++
			}
		}
		best := ""
		for _, cur := range order {
			if best == "" || n[cur] > n[best] {
				best = cur
			}
		}
		return best
	}
	if c := count(true); c != "" {
		return c
	}
	if c := count(false); c != "" {
		return c
	}
	return "USD"
}

// FormatPercentTenths renders tenths of a percent with a sign: 248 gives "+24.8%", -5 gives
// "-0.5%", 0 gives "0.0%".
func FormatPercentTenths(t int64) string {
	sign := "+"
	switch {
	case t < 0:
		sign, t = "-", -t
	case t == 0:
		sign = ""
	}
	return fmt.Sprintf("%s%d.%d%%", sign, t/10, t%10)
}

// FormatSignedMoney renders an amount with an explicit sign: "+$1,200.00", "-€30.00", "$0.00".
func FormatSignedMoney(minor int64, currency string) string {
	if minor > 0 {
		return "+" + FormatMoney(minor, currency)
	}
	return FormatMoney(minor, currency)
}

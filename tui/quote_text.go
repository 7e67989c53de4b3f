package tui

import (
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// quoteCost returns a product's monthly and annual cost as text: in the comparison currency
// when it is comparable, else in the plan's own; empty when the plan has no price.
func quoteCost(p model.ProductQuote, currency string) (monthly, annual string) {
	switch {
	case p.Comparable:
		return model.FormatMoney(p.Monthly, currency), model.FormatMoney(p.Annual, currency)
	case p.Best.Status == model.QuotePriced:
		return model.FormatMoney(p.Best.Monthly, p.Best.Currency), model.FormatMoney(p.Best.Annual, p.Best.Currency)
	}
	return "", ""
}

// quoteProblem says why a product has no cost to show: "contact sales", "needs a usage
// (volume-priced per 1k tickets)"; empty when it has one.
func quoteProblem(p model.ProductQuote) string {
	return report.PriceStatus(p, "a usage")
}

// quoteDelta describes a product's difference to ours: "-$4,080.00 (-16.8%)", "(us)", or why
// there is none ("no EUR→USD rate").
func quoteDelta(p model.ProductQuote, q model.Quote) string {
	if p.Best.Status == model.QuotePriced && !p.Comparable && !p.IsSelf {
		return fmt.Sprintf("no %s→%s rate", p.Best.Currency, q.Currency)
	}
	return report.PriceDelta(p, q)
}

// quoteFor returns the quote of one product.
func quoteFor(q model.Quote, slug string) (model.ProductQuote, bool) {
	for _, p := range q.Products {
		if p.Slug == slug {
			return p, true
		}
	}
	return model.ProductQuote{}, false
}

// quoteTable renders the priced products as a header and one row each, sorted as the quote
// is. When narrow, the least useful goes first: the monthly column, the plan column, then the
// money in the delta (the percentage stays).
func quoteTable(st *Styles, q model.Quote, width int) []string {
	type row struct {
		product, plan, monthly, annual, delta, problem string
		percent                                        string // the delta without the money, for narrow screens
		self                                           bool
	}
	vs := "VS US"
	if self, ok := q.Self(); ok {
		vs = "VS " + strings.ToUpper(termtext.Line(self.Name))
	}
	head := row{product: "PRODUCT", plan: "PLAN", monthly: "MONTHLY", annual: "ANNUAL", delta: vs, percent: "VS US"}
	rows := []row{head}
	for _, p := range q.Products {
		r := row{product: termtext.Line(p.Name), plan: termtext.Line(p.Best.Plan), self: p.IsSelf}
		r.monthly, r.annual = quoteCost(p, q.Currency)
		if p.Conversion != nil {
			r.monthly, r.annual = r.monthly+"*", r.annual+"*" // explained under the table
		}
		if r.annual == "" {
			r.problem = quoteProblem(p)
		} else {
			r.delta, r.percent = quoteDelta(p, q), quoteDelta(p, q)
			if p.HasDelta && p.DeltaAnnual != 0 && p.DeltaTenths != 0 {
				r.percent = model.FormatPercentTenths(p.DeltaTenths)
			}
		}
		rows = append(rows, r)
	}
	widthOf := func(get func(row) string, limit int) int {
		w := 0
		for _, r := range rows {
			w = max(w, len([]rune(get(r))))
		}
		return min(w, limit)
	}
	wProduct := widthOf(func(r row) string { return r.product }, 18)
	wPlan := widthOf(func(r row) string { return r.plan }, 20)
	wMonthly := widthOf(func(r row) string { return r.monthly }, 16)
	wAnnual := widthOf(func(r row) string { return r.annual }, 18)
	wDelta := widthOf(func(r row) string { return r.delta }, 24)
	showMonthly, showPlan := true, true
	total := func() int {
		t := wProduct + 2 + wAnnual + 2 + wDelta
		if showMonthly {
			t += wMonthly + 2
		}
		if showPlan {
			t += wPlan + 2
		}
		return t
	}
	if total() > width {
		showMonthly = false
	}
	if total() > width {
		showPlan = false
	}
	if total() > width {
		for i := range rows {
			rows[i].delta = rows[i].percent
		}
		wDelta = widthOf(func(r row) string { return r.delta }, 24)
	}
	if over := total() - width; over > 0 {
		wProduct = max(6, wProduct-over)
	}
	out := make([]string, 0, len(rows))
	for i, r := range rows {
		cells := []string{padRight(truncate(r.product, wProduct), wProduct)}
		if showPlan {
			cells = append(cells, padRight(truncate(r.plan, wPlan), wPlan))
		}
		if r.problem != "" {
			cells = append(cells, r.problem)
		} else {
			if showMonthly {
				cells = append(cells, padLeft(r.monthly, wMonthly))
			}
			cells = append(cells, padLeft(r.annual, wAnnual), r.delta)
		}
		line := truncate(strings.Join(cells, "  "), width)
		switch {
		case i == 0:
			line = st.Label.Render(line)
		case r.self:
			line = st.SelfMarker.Render(line)
		case r.problem != "":
			line = st.Muted.Render(line)
		}
		out = append(out, line)
	}
	return out
}

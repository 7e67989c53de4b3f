package report

import (
	"reflect"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// quoteFixture prices rivalsOfEveryKind for 10 seats billed monthly.
func quoteFixture(rates model.FXTable) model.Quote {
	products, plans := rivalsOfEveryKind()
	return model.QuoteProducts(products, plans, model.QuoteInput{Seats: 10, Billing: model.PeriodMonth}, rates)
}

func TestQuoteRows(t *testing.T) {
	rows := map[string]QuoteRow{}
	for _, r := range QuoteRows(quoteFixture(nil), "a usage") {
		rows[r.Product] = r
	}
	for product, want := range map[string]QuoteRow{
		"Us":         {Product: "Us", Plan: "Team", Monthly: "$500.00", Annual: "$6,000.00", Delta: "(us)", Percent: "(us)", Self: true},
		"Big":        {Product: "Big", Plan: "Pro", Monthly: "$600.00", Annual: "$7,200.00", Delta: "$1,200 more (+20.0%)", Percent: "20.0% more"},
		"Euro Co":    {Product: "Euro Co", Plan: "Basis", Monthly: "€400.00", Annual: "€4,800.00", Delta: "no EUR→USD rate", Percent: "no EUR→USD rate"},
		"Small":      {Product: "Small", Plan: "Starter", Problem: "over its seat cap (allows at most 5 seats)"},
		"Quote Only": {Product: "Quote Only", Plan: "Enterprise", Problem: "contact sales"},
		"Volume":     {Product: "Volume", Plan: "Basic", Unit: "per 1k tickets", Problem: "needs a usage (volume-priced per 1k tickets)"},
		"Nothing":    {Product: "Nothing", Problem: "no plans recorded"},
	} {
		if got := rows[product]; !reflect.DeepEqual(got, want) {
			t.Errorf("row of %s:\n%+v\nwant\n%+v", product, got, want)
		}
	}

	rate := model.NewFXRate("EUR", "USD", 1_100_000, model.NewDate(2026, 11, 20))
	for _, r := range QuoteRows(quoteFixture(model.FXTable{rate}), "--usage") {
		switch r.Product {
		case "Euro Co":
			want := QuoteRow{Product: "Euro Co", Plan: "Basis", Monthly: "$440.00", Annual: "$5,280.00", Converted: true, Delta: "$720 less (-12.0%)", Percent: "12.0% less"}
			if r != want {
				t.Errorf("converted row:\n%+v\nwant\n%+v", r, want)
			}
		case "Volume":
			if r.Problem != "needs --usage (volume-priced per 1k tickets)" {
				t.Errorf("the usage hint is not the caller's: %q", r.Problem)
			}
		}
	}
}

func TestQuoteHeader(t *testing.T) {
	q := quoteFixture(nil)
	if got, want := QuoteHeader(q), (QuoteRow{Product: "PRODUCT", Plan: "PLAN", Monthly: "MONTHLY", Annual: "ANNUAL", Delta: "VS US", Percent: "VS US"}); got != want {
		t.Errorf("QuoteHeader = %+v, want %+v", got, want)
	}
	q.Products[0].Name = "Tide\x1b[2Jwell"
	if got := QuoteHeader(q).Delta; got != "VS TIDEWELL" {
		t.Errorf("the difference column is headed %q, want it named after our product", got)
	}
	q.Products = q.Products[1:]
	if got := QuoteHeader(q).Delta; got != "" {
		t.Errorf("with no product of ours the difference column is headed %q", got)
	}
}

func TestNewDealPrice(t *testing.T) {
	rate := model.NewFXRate("EUR", "USD", 1_100_000, model.NewDate(2026, 11, 20))
	tests := []struct {
		name  string
		rates model.FXTable
		slug  string
		want  DealPrice
	}{
		{"dearer", nil, "big", DealPrice{Heading: "Price at 10 seats, billed monthly",
			Summary: "Pro: $600.00/mo · $7,200.00/yr", Versus: "Big costs $1,200/yr more than Us (+20.0%)", Ours: "Us: Us Team at $6,000.00/yr"}},
		{"no rate", nil, "eu", DealPrice{Heading: "Price at 10 seats, billed monthly",
			Summary: "Basis: €400.00/mo · €4,800.00/yr", Versus: "No EUR→USD rate to compare Euro Co with Us", Ours: "Us: Us Team at $6,000.00/yr"}},
		{"converted", model.FXTable{rate}, "eu", DealPrice{Heading: "Price at 10 seats, billed monthly",
			Summary: "Basis: $440.00/mo · $5,280.00/yr (converted from EUR)", Versus: "Euro Co costs $720/yr less than Us (-12.0%)",
			Ours: "Us: Us Team at $6,000.00/yr", Rates: []string{"rate used: 1 EUR = 1.1 USD (set 2026-11-20)"}}},
		{"no cost", nil, "quote", DealPrice{Heading: "Price at 10 seats, billed monthly",
			Summary: "Enterprise: contact sales", Ours: "Us: Us Team at $6,000.00/yr"}},
		{"no plan", nil, "none", DealPrice{Heading: "Price at 10 seats, billed monthly",
			Summary: "Nothing: no plans recorded", Ours: "Us: Us Team at $6,000.00/yr"}},
		{"ours", nil, "us", DealPrice{Heading: "Price at 10 seats, billed monthly", Summary: "Team: $500.00/mo · $6,000.00/yr"}},
	}
	for _, tt := range tests {
		got, ok := NewDealPrice(quoteFixture(tt.rates), tt.slug, "a usage")
		if !ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: NewDealPrice = %+v, %v\nwant %+v", tt.name, got, ok, tt.want)
		}
	}
	if _, ok := NewDealPrice(quoteFixture(nil), "absent", "a usage"); ok {
		t.Error("a product the quote does not price has a deal price")
	}
}

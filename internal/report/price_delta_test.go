package report

import (
	"testing"

	"github.com/rivals-app/rivals/model"
)

// TestPriceDeltaWords checks the one wording rule for a difference in price, in its three forms,
// both ways, at equal prices, without a percentage and without a rate.
func TestPriceDeltaWords(t *testing.T) {
	priced := model.PlanQuote{Status: model.QuotePriced, Currency: "USD"}
	ours := model.ProductQuote{Slug: "tidewell", Name: "Tidewell", IsSelf: true, Comparable: true, Annual: 15_045_00, Best: priced}
	rival := func(annual, delta, tenths int64) model.ProductQuote {
		return model.ProductQuote{Slug: "rival", Name: "Brightdesk", Comparable: true, Annual: annual, HasDelta: true,
			DeltaAnnual: delta, DeltaTenths: tenths, Best: priced}
	}
	quote := func(self model.ProductQuote, ps ...model.ProductQuote) model.Quote {
		return model.Quote{Currency: "USD", Products: append([]model.ProductQuote{self}, ps...)}
	}
	free := ours
	free.Annual = 0
	euro := model.ProductQuote{Slug: "rival", Name: "Quillon", Best: model.PlanQuote{Status: model.QuotePriced, Currency: "EUR"}}
	contact := model.ProductQuote{Slug: "rival", Name: "Bigco", Best: model.PlanQuote{Status: model.QuoteContactSales}}
	tests := []struct {
		name                   string
		p                      model.ProductQuote
		q                      model.Quote
		sentence, cell, narrow string
	}{
		{"cheaper", rival(9_360_00, -5_685_00, -378), quote(ours),
			"Brightdesk costs $5,685/yr less than Tidewell (-37.8%)", "$5,685 less (-37.8%)", "37.8% less"},
		{"dearer", rival(20_145_00, 5_100_00, 339), quote(ours),
			"Brightdesk costs $5,100/yr more than Tidewell (+33.9%)", "$5,100 more (+33.9%)", "33.9% more"},
		{"equal", rival(15_045_00, 0, 0), quote(ours),
			"Brightdesk costs the same as Tidewell", "same price", "same price"},
		{"a hair dearer", rival(15_045_01, 1, 0), quote(ours),
			"Brightdesk costs $0.01/yr more than Tidewell (0.0%)", "$0.01 more (0.0%)", "under 0.1% more"},
		{"ours costs nothing", rival(1_200_00, 1_200_00, 0), quote(free),
			"Brightdesk costs $1,200/yr more than Tidewell", "$1,200 more", "$1,200 more"},
		{"missing rate", euro, quote(ours), "No EUR→USD rate to compare Quillon with Tidewell", "—", "—"},
		{"no cost", contact, quote(ours), "", "—", "—"},
		{"rounded to whole dollars", rival(15_045_00+1_234_50, 1_234_50, 82), quote(ours),
			"Brightdesk costs $1,235/yr more than Tidewell (+8.2%)", "$1,235 more (+8.2%)", "8.2% more"},
		{"ours", ours, quote(ours), "", "(us)", "(us)"},
		{"no product of ours", rival(1, 1, 1), model.Quote{Currency: "USD"}, "", "", ""},
	}
	for _, tt := range tests {
		if got := PriceComparison(tt.p, tt.q); got != tt.sentence {
			t.Errorf("%s: PriceComparison = %q, want %q", tt.name, got, tt.sentence)
		}
		if got := PriceDelta(tt.p, tt.q); got != tt.cell {
			t.Errorf("%s: PriceDelta = %q, want %q", tt.name, got, tt.cell)
		}
		if got := PriceDeltaPercent(tt.p, tt.q); got != tt.narrow {
			t.Errorf("%s: PriceDeltaPercent = %q, want %q", tt.name, got, tt.narrow)
		}
	}
}

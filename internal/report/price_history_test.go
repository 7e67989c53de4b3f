package report

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// growthPlan is a seat plan whose price rose twice and was then re-verified, last seen on seen.
func growthPlan(seen model.Date) model.PricePlan {
	return model.PricePlan{Name: "Suite Growth", Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth,
		Unit: "agent", MinSeats: 5, Source: "https://example.com/pricing",
		Observations: []model.PriceObservation{
			{ObservedAt: model.NewDate(2024, 6, 10), Amount: 6900},
			{ObservedAt: model.NewDate(2025, 2, 1), Amount: 7400, Note: "Increase\x1b[2J announced by email."},
			{ObservedAt: model.NewDate(2026, 3, 1), Amount: 7900, AnnualDiscountPercent: 15},
			{ObservedAt: seen, Amount: 7900, Source: "https://example.com/\x1b]8;;x\x07pricing", Note: "Re-verified."},
		}}
}

func TestNewPlanHistory(t *testing.T) {
	today := model.NewDate(2026, 11, 23)
	h := NewPlanHistory(growthPlan(model.NewDate(2026, 10, 19)), today)
	want := PlanHistory{Name: "Suite Growth", Heading: "Suite Growth · per seat in USD · min 5 agents", Facts: "per seat · USD",
		Price: "$79.00 per agent/month (min 5)", Trend: "$69.00 → $79.00 (+14.5%) since 2024-06-10",
		LastSeen: model.NewDate(2026, 10, 19), Seen: "last seen 2026-10-19 · https://example.com/pricing",
		Steps: []PriceStep{
			{Date: model.NewDate(2024, 6, 10), Price: "$69.00 per agent/month", Brief: "$69.00"},
			{Date: model.NewDate(2025, 2, 1), Price: "$74.00 per agent/month", Brief: "$74.00", Change: "+7.2%", Moved: true, Note: "Increase announced by email."},
			{Date: model.NewDate(2026, 3, 1), Price: "$79.00 per agent/month, 15% off yearly", Brief: "$79.00", Change: "+6.8%", Moved: true},
			{Date: model.NewDate(2026, 10, 19), Price: "$79.00 per agent/month", Brief: "$79.00", Change: "0.0%", Note: "Re-verified.", Source: "https://example.com/pricing"},
		}}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("NewPlanHistory =\n%+v\nwant\n%+v", h, want)
	}

	tests := []struct {
		name        string
		plan        model.PricePlan
		trend, seen string
		stale       bool
	}{
		{"stale", growthPlan(model.NewDate(2026, 3, 2)), "$69.00 → $79.00 (+14.5%) since 2024-06-10",
			"stale: last seen 2026-03-02 · https://example.com/pricing, over 180 days ago", true},
		{"one price", model.PricePlan{Model: model.ModelFlat, Currency: "EUR", Period: model.PeriodYear,
			Observations: []model.PriceObservation{{ObservedAt: model.NewDate(2026, 9, 1), Amount: 100000}}}, "unchanged since 2026-09-01", "last seen 2026-09-01", false},
		{"contact sales", model.PricePlan{Model: model.ModelContactSales, Currency: "USD", Period: model.PeriodYear,
			Observations: []model.PriceObservation{{ObservedAt: model.NewDate(2026, 9, 1)}}}, "", "last seen 2026-09-01", false},
		{"no price", model.PricePlan{Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth}, "", "", false},
	}
	for _, tt := range tests {
		h := NewPlanHistory(tt.plan, today)
		if h.Trend != tt.trend || h.Seen != tt.seen || h.Stale != tt.stale {
			t.Errorf("%s: trend %q, seen %q, stale %v; want %q, %q, %v", tt.name, h.Trend, h.Seen, h.Stale, tt.trend, tt.seen, tt.stale)
		}
	}
}

func TestPriceHistoryText(t *testing.T) {
	c := model.Competitor{Slug: "harborline", Name: "Harbor\x1b[31mline"}
	growth := growthPlan(model.NewDate(2026, 3, 2))
	growth.Observations[3].Note = "Re-verified on the public pricing page; the yearly discount is no longer offered to new customers."
	plans := []model.PricePlan{growth,
		{Name: "Enterprise", Model: model.ModelContactSales, Currency: "USD", Period: model.PeriodYear}}
	var b bytes.Buffer
	if err := PriceHistoryText(&b, NewPriceHistory(c, plans, model.NewDate(2026, 11, 23))); err != nil {
		t.Fatal(err)
	}
	want := `Harborline (harborline): price history, oldest first

Suite Growth · per seat in USD · min 5 agents
  2024-06-10           $69.00 per agent/month
  2025-02-01    +7.2%  $74.00 per agent/month
                       Increase announced by email.
  2026-03-01    +6.8%  $79.00 per agent/month, 15% off yearly
  2026-03-02     0.0%  $79.00 per agent/month
                       Re-verified on the public pricing page; the yearly
                       discount is no longer offered to new customers.
                       https://example.com/pricing
                       stale: last seen 266 days ago; check it before quoting it

Enterprise · contact sales
  no price recorded
`
	if b.String() != want {
		t.Errorf("PriceHistoryText =\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := PriceHistoryText(&b, NewPriceHistory(c, nil, model.NewDate(2026, 11, 23))); err != nil {
		t.Fatal(err)
	}
	if want := "Harborline (harborline): price history, oldest first\n\nno plans recorded\n"; b.String() != want {
		t.Errorf("with no plans: %q, want %q", b.String(), want)
	}
}

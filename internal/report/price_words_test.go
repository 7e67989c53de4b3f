package report

import (
	"testing"

	"github.com/rivals-app/rivals/model"
)

// day is the first observation date of the plans in these tests.
var day = model.NewDate(2026, 1, 1)

func TestPlanPrice(t *testing.T) {
	tests := []struct {
		plan model.PricePlan
		want string
	}{
		{model.PricePlan{Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth, Unit: "agent", MinSeats: 10,
			Observations: []model.PriceObservation{{ObservedAt: day, Amount: 8900}, {ObservedAt: day.AddDays(30), Amount: 9500}}}, "$95.00 per agent/month (min 10)"},
		{model.PricePlan{Model: model.ModelContactSales, Currency: "USD", Period: model.PeriodYear, Observations: []model.PriceObservation{{ObservedAt: day}}}, "contact sales"},
		{model.PricePlan{Model: model.ModelUsage, Currency: "USD", Period: model.PeriodMonth, Unit: "AI resolution",
			Observations: []model.PriceObservation{{ObservedAt: day, Amount: 54900, IncludedUnits: 1500, OverageAmount: 125}}}, "$549.00 per month incl. 1,500 AI resolutions, then $1.25 each"},
		{model.PricePlan{Model: model.ModelTiered, Currency: "EUR", Period: model.PeriodMonth, Unit: "1k tickets",
			Observations: []model.PriceObservation{{ObservedAt: day, Tiers: []model.PriceTier{{UpTo: 5, Amount: 6000}, {Amount: 4500}}}}}, "from €45.00 per 1k tickets/month, tiered"},
		{model.PricePlan{Model: model.ModelFlat, Currency: "GBP", Period: model.PeriodYear, Observations: []model.PriceObservation{{ObservedAt: day, Amount: 1200000}}}, "£12,000.00 per year"},
		{model.PricePlan{Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth}, "no price recorded"},
		{model.PricePlan{Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth, Unit: "seat\x1b[2J",
			Observations: []model.PriceObservation{{ObservedAt: day, Amount: 1000}}}, "$10.00 per seat/month"},
	}
	for _, tt := range tests {
		if got := PlanPrice(tt.plan); got != tt.want {
			t.Errorf("PlanPrice(%s) = %q, want %q", tt.plan.Model, got, tt.want)
		}
	}
	plan := model.PricePlan{Name: "Team\x07 ", Model: model.ModelFlat, Currency: "USD", Period: model.PeriodMonth,
		Observations: []model.PriceObservation{{ObservedAt: day, Amount: 9900}}}
	if got, want := PlanPriceLine(plan), "Team : $99.00 per month"; got != want {
		t.Errorf("PlanPriceLine = %q, want %q", got, want)
	}
}

func TestObservationPriceAndBrief(t *testing.T) {
	seat := model.PricePlan{Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth, Unit: "agent"}
	usage := model.PricePlan{Model: model.ModelUsage, Currency: "USD", Period: model.PeriodMonth, Unit: "AI resolution"}
	tiered := model.PricePlan{Model: model.ModelTiered, Currency: "USD", Period: model.PeriodMonth, Unit: "1k tickets"}
	yearly := model.PricePlan{Model: model.ModelFlat, Currency: "EUR", Period: model.PeriodYear}
	sales := model.PricePlan{Model: model.ModelContactSales, Currency: "USD", Period: model.PeriodYear}
	tests := []struct {
		name        string
		plan        model.PricePlan
		obs         model.PriceObservation
		full, brief string
	}{
		{"seat with discount", seat, model.PriceObservation{Amount: 7900, AnnualDiscountPercent: 15}, "$79.00 per agent/month, 15% off yearly", "$79.00"},
		{"usage", usage, model.PriceObservation{Amount: 54900, IncludedUnits: 500, OverageAmount: 125}, "$549.00 per month incl. 500 AI resolutions, then $1.25 each", "$549.00 incl. 500, then $1.25"},
		{"tiers", tiered, model.PriceObservation{Tiers: []model.PriceTier{{UpTo: 1, Amount: 28000}, {UpTo: 5, Amount: 24000}, {Amount: 19000}}},
			"per 1k tickets/month: $280.00 up to 1, $240.00 up to 5, then $190.00", "from $190.00"},
		{"no tiers", tiered, model.PriceObservation{}, "per 1k tickets/month: ", "no tiers"},
		{"yearly plans have no yearly discount", yearly, model.PriceObservation{Amount: 100000, AnnualDiscountPercent: 10}, "€1,000.00 per year", "€1,000.00"},
		{"contact sales", sales, model.PriceObservation{Amount: 5}, "contact sales", "contact sales"},
	}
	for _, tt := range tests {
		if got := ObservationPrice(tt.plan, tt.obs); got != tt.full {
			t.Errorf("%s: ObservationPrice = %q, want %q", tt.name, got, tt.full)
		}
		if got := ObservationBrief(tt.plan, tt.obs); got != tt.brief {
			t.Errorf("%s: ObservationBrief = %q, want %q", tt.name, got, tt.brief)
		}
	}
}

func TestPlanHeadingAndFacts(t *testing.T) {
	tests := []struct {
		plan           model.PricePlan
		heading, facts string
	}{
		{model.PricePlan{Name: "Suite Growth", Model: model.ModelPerSeat, Currency: "USD", Unit: "agent", MinSeats: 5},
			"Suite Growth · per seat in USD · min 5 agents", "per seat · USD"},
		{model.PricePlan{Name: "Team", Model: model.ModelPerSeat, Currency: "USD", MinSeats: 3, MaxSeats: 1500},
			"Team · per seat in USD · min 3 seats · max 1,500 seats", "per seat · USD · 3–1500 seats"},
		{model.PricePlan{Name: "AI\x1b[31m Resolutions", Model: model.ModelUsage, Currency: "EUR", Unit: "resolution", MaxSeats: 50, AddOn: true},
			"AI Resolutions · usage-based in EUR · max 50 seats · add-on", "usage · EUR · up to 50 seats · add-on"},
		{model.PricePlan{Name: "Enterprise", Model: model.ModelContactSales, Currency: "USD"},
			"Enterprise · contact sales", "contact sales · USD"},
		{model.PricePlan{Name: "Volume", Model: model.ModelTiered, Currency: "USD"}, "Volume · volume tiers in USD", "tiered · USD"},
	}
	for _, tt := range tests {
		if got := PlanHeading(tt.plan); got != tt.heading {
			t.Errorf("PlanHeading = %q, want %q", got, tt.heading)
		}
		if got := PlanFacts(tt.plan); got != tt.facts {
			t.Errorf("PlanFacts = %q, want %q", got, tt.facts)
		}
	}
}

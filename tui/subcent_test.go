package tui

import (
	"testing"

	"github.com/rivals-app/rivals/model"
)

// The price form keeps a unit price below a cent as written: it shows it with its decimals,
// reads it back to the same stored value, and reads finer tiers alike.
func TestPriceFormKeepsSubCentPrices(t *testing.T) {
	today := model.DateOf(testToday)
	o := model.PriceObservation{ObservedAt: today.AddDays(-30), Amount: 1000, OverageAmount: 25, UnitDecimals: 4}
	plan := model.PricePlan{Competitor: "tokenco", Name: "API", Model: model.ModelUsage, Currency: "USD", Period: model.PeriodMonth,
		Unit: "token", Observations: []model.PriceObservation{o}}
	d := newPriceDraft(plan, today)
	if d.overage != "0.000025" {
		t.Errorf("the form shows the overage as %q, want 0.000025", d.overage)
	}
	got, err := d.observation(model.ModelUsage, "USD")
	if err != nil {
		t.Fatal(err)
	}
	if got.OverageAmount != 25 || got.UnitDecimals != 4 || got.Amount != 1000 {
		t.Errorf("read back as %+v", got)
	}
	tiers, decimals, err := parseTiers("1000000:0.00003; 0.000025", "USD")
	if err != nil || decimals != 4 || tiers[0].Amount != 30 || tiers[1].Amount != 25 {
		t.Errorf("tiers %+v, decimals %d, %v; want 30 and 25 at 4 decimals", tiers, decimals, err)
	}
}

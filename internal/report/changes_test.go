package report

import (
	"testing"

	"github.com/rivals-app/rivals/model"
)

func TestChangedSinceReview(t *testing.T) {
	ch := func(kind model.ChangeKind) model.Change { return model.Change{Kind: kind} }
	for _, tc := range []struct {
		changes []model.Change
		want    string
	}{
		{nil, ""},
		{[]model.Change{ch(model.ChangeCard)}, ""},
		{[]model.Change{ch(model.ChangePrice), ch(model.ChangeCell), ch(model.ChangeCell), ch(model.ChangeNote)},
			"changed since review: pricing, 2 matrix cells, 1 intel note"},
		{[]model.Change{ch(model.ChangeDeal), ch(model.ChangeCompetitor)}, "changed since review: profile, 1 deal"},
	} {
		if got := ChangedSinceReview(tc.changes); got != tc.want {
			t.Errorf("ChangedSinceReview(%v) = %q, want %q", tc.changes, got, tc.want)
		}
	}
}

// A price change line says the old and new price and how much it moved.
func TestPriceMove(t *testing.T) {
	d := model.MustParseDate
	old := model.PricePlan{Name: "Suite Growth", Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth, Unit: "agent",
		Observations: []model.PriceObservation{{ObservedAt: d("2026-03-01"), Amount: 8900}}}
	new := old
	new.Observations = append(append([]model.PriceObservation{}, old.Observations...), model.PriceObservation{ObservedAt: d("2026-11-30"), Amount: 9900})
	if got, want := PriceMove(old, new), "Suite Growth $89.00 → $99.00 per agent/month (+11.2%)"; got != want {
		t.Errorf("PriceMove = %q, want %q", got, want)
	}
	if got, want := priceSentence(old, new), "Raised Suite Growth from $89.00 to $99.00 per agent/month (+11.2%), seen 2026-11-30."; got != want {
		t.Errorf("priceSentence = %q, want %q", got, want)
	}
}

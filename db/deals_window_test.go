package db

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// TestDealsInWindow lists deals by competitor and close-date window and wants what listing
// every deal and selecting them gives, in the same order with the same links.
func TestDealsInWindow(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	cat := sampleCatalog()
	cat.Competitors = append(cat.Competitors, model.Competitor{Slug: "zen", Name: "Zen"})
	rng := rand.New(rand.NewPCG(8, 9))
	for i := range 200 {
		d := model.Deal{Ref: fmt.Sprint("W-", i), ClosedAt: model.MustParseDate("2025-01-01").AddDays(rng.IntN(90)),
			Outcome: model.OutcomeWon, Competitors: []string{[]string{"acme", "zen"}[rng.IntN(2)]}, Reasons: []string{"price"}}
		if rng.IntN(3) == 0 {
			d.Competitors = append(d.Competitors, "us")
		}
		cat.Deals = append(cat.Deals, d)
	}
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	all, err := s.Deals(ctx, DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	d := model.MustParseDate
	for _, f := range []DealFilter{{Since: d("2025-02-01")}, {Until: d("2025-02-01")}, {Competitor: "zen", Since: d("2025-01-10"), Until: d("2025-02-20")},
		{Competitor: "us", Until: d("2025-03-01")}, {Competitor: "acme", Since: d("2025-03-05"), Until: d("2025-03-05")}} {
		got, err := s.Deals(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want := model.DealQuery{Competitor: f.Competitor, Since: f.Since, Until: f.Until}.Select(all)
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: %d deals, want %d", f, len(got), len(want))
		}
	}
}

package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/model"
)

// TestWinLossFromTalliesEqualsFromDeals analyses random deals (segments spelt two ways, many
// deals a day, several competitors and reasons each) both ways, from the store's tallies and
// from the deals themselves, for every query the tallies answer, and wants the same report.
func TestWinLossFromTalliesEqualsFromDeals(t *testing.T) {
	ctx := context.Background()
	s, err := db.Open(ctx, filepath.Join(t.TempDir(), "rivals.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(5, 6))
	slugs := []string{"us", "acme", "zen", "loop"}
	cat := model.Catalog{Version: 1}
	for i, slug := range slugs {
		cat.Competitors = append(cat.Competitors, model.Competitor{Slug: slug, Name: "Name " + slug, IsSelf: i == 0})
	}
	codes := []string{"price", "fit", "speed", "trust", "api", "sla", "ux"}
	for _, c := range codes {
		cat.ReasonCodes = append(cat.ReasonCodes, model.ReasonCode{Code: c, Label: "Label " + c})
	}
	for i := range 600 {
		d := model.Deal{Ref: fmt.Sprintf("R-%03d", rng.IntN(1000)*1000+i), ClosedAt: model.MustParseDate("2025-01-01").AddDays(rng.IntN(120)),
			Outcome: []model.Outcome{model.OutcomeWon, model.OutcomeLost, model.OutcomeNoDecision}[rng.IntN(3)],
			Segment: []string{"", "smb", "SMB", "Smb", "enterprise", "(none)"}[rng.IntN(6)],
			Region:  []string{"", "EMEA", "emea", "NA"}[rng.IntN(4)],
			Type:    []model.DealType{"", model.DealNew, model.DealType("renewal")}[rng.IntN(3)]}
		for _, k := range rng.Perm(len(slugs) - 1)[:1+rng.IntN(2)] {
			d.Competitors = append(d.Competitors, slugs[1+k])
		}
		for _, k := range rng.Perm(len(codes))[:rng.IntN(3)] {
			d.Reasons = append(d.Reasons, codes[k])
		}
		if len(d.Reasons) > 0 {
			d.PrimaryReason = d.Reasons[rng.IntN(len(d.Reasons))]
		}
		cat.Deals = append(cat.Deals, d)
	}
	if _, err := s.Import(ctx, cat, db.ImportOptions{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, c := range cat.Competitors {
		names[c.Slug] = c.Name
	}
	labels := map[string]string{}
	for _, c := range cat.ReasonCodes {
		labels[c.Code] = c.Label
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	deals, err := snap.Deals(ctx, db.DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	d := model.MustParseDate
	windows := [][2]model.Date{{}, {d("2025-02-10"), {}}, {{}, d("2025-03-31")}, {d("2025-01-15"), d("2025-02-14")},
		{d("2025-03-03"), d("2025-03-03")}, {d("2026-01-01"), d("2026-02-01")}}
	for _, w := range windows {
		for _, by := range model.Dimensions {
			q := model.DealQuery{Since: w[0], Until: w[1]}
			if !db.CountsWinLoss(q, by) {
				continue
			}
			c, err := snap.DealCounts(ctx, q, by)
			if err != nil {
				t.Fatal(err)
			}
			got := report.NewWinLossCounted(c, q, by, names, labels)
			want := report.NewWinLoss(deals, q, by, names, labels)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%v–%v by %s:\n got %+v\nwant %+v", w[0], w[1], by, got, want)
			}
		}
	}
}

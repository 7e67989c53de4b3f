package db

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// tallyRows reads a tally table, or the same counts made from the deals, as "key|id|outcome" →
// deals.
func tallyRows(t *testing.T, s *Store, query string) map[string]int {
	t.Helper()
	rows, err := s.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var key, outcome string
		var id int64
		var n int
		if err := rows.Scan(&key, &id, &outcome, &n); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprintf("%s|%d|%s", key, id, outcome)] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkTallyMatchesDeals fails the test unless both tallies equal a count made from the deals.
func checkTallyMatchesDeals(t *testing.T, s *Store, after string) {
	t.Helper()
	for _, c := range []struct{ table, stored, counted string }{
		{"deal_tally_day", `SELECT day, competitor_id, outcome, deals FROM deal_tally_day`,
			`SELECT d.closed_at, dc.competitor_id, d.outcome, count(*) FROM deal_competitors dc JOIN deals d ON d.id = dc.deal_id GROUP BY 1, 2, 3`},
		{"deal_tally_month", `SELECT month, competitor_id, outcome, deals FROM deal_tally_month`,
			`SELECT substr(d.closed_at, 1, 7), dc.competitor_id, d.outcome, count(*) FROM deal_competitors dc JOIN deals d ON d.id = dc.deal_id GROUP BY 1, 2, 3`},
		{"reason_tally", `SELECT day, reason_id, outcome, deals * 1000 + primaries FROM reason_tally`,
			`SELECT d.closed_at, dr.reason_id, d.outcome, count(*) * 1000 + sum(dr.is_primary) FROM deal_reasons dr JOIN deals d ON d.id = dr.deal_id GROUP BY 1, 2, 3`},
		{"deal_cube", `SELECT day || outcome || '|' || segment || '|' || region, 0, deal_type, deals FROM deal_cube`,
			`SELECT closed_at || outcome || '|' || segment || '|' || region, 0, deal_type, count(*) FROM deals GROUP BY closed_at, outcome, segment, region, deal_type`},
		{"deal_facets", `SELECT facet, 0, value, deals FROM deal_facets`,
			`SELECT 'segment', 0, segment, count(*) FROM deals GROUP BY segment UNION ALL SELECT 'region', 0, region, count(*) FROM deals GROUP BY region`},
	} {
		stored, counted := tallyRows(t, s, c.stored), tallyRows(t, s, c.counted)
		for k, n := range counted {
			if stored[k] != n {
				t.Fatalf("after %s: %s[%s] = %d, the deals count %d", after, c.table, k, stored[k], n)
			}
		}
		for k, n := range stored {
			if _, ok := counted[k]; !ok {
				t.Fatalf("after %s: %s[%s] = %d, the deals count none", after, c.table, k, n)
			}
		}
	}
}

// TestDealTallyMatchesRecountAfterEveryWrite writes deals in every way the store offers, in a
// random order, and checks after each write that the tallies equal a count from the deals.
func TestDealTallyMatchesRecountAfterEveryWrite(t *testing.T) {
	ctx := context.Background()
	ran := map[string]int{}
	for seed := range uint64(2) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			s := openTest(t)
			rng := rand.New(rand.NewPCG(seed, 7))
			slugs := []string{"us", "acme", "zen", "loop", "nimbus"}
			cat := model.Catalog{Version: 1, ReasonCodes: []model.ReasonCode{{Code: "price", Label: "Price"}, {Code: "fit", Label: "Fit"}, {Code: "speed", Label: "Speed"}}}
			for i, slug := range slugs {
				cat.Competitors = append(cat.Competitors, model.Competitor{Slug: slug, Name: slug, IsSelf: i == 0})
			}
			if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
				t.Fatal(err)
			}
			refs := 0
			randomDeal := func() model.Deal {
				refs++
				d := model.Deal{Ref: fmt.Sprintf("R-%d", refs), ClosedAt: model.MustParseDate("2025-11-20").AddDays(rng.IntN(80)),
					Outcome: []model.Outcome{model.OutcomeWon, model.OutcomeLost, model.OutcomeNoDecision}[rng.IntN(3)]}
				for _, k := range rng.Perm(len(slugs) - 1)[:1+rng.IntN(3)] {
					d.Competitors = append(d.Competitors, slugs[1+k])
				}
				if rng.IntN(2) == 0 {
					for _, k := range rng.Perm(len(cat.ReasonCodes))[:1+rng.IntN(2)] {
						d.Reasons = append(d.Reasons, cat.ReasonCodes[k].Code)
					}
				}
				d.Segment = []string{"", "smb", "SMB", "enterprise"}[rng.IntN(4)]
				d.Region = []string{"", "EMEA", "NA"}[rng.IntN(3)]
				d.Type = []model.DealType{"", model.DealType("new"), model.DealType("renewal")}[rng.IntN(3)]
				if len(d.Reasons) > 0 && rng.IntN(2) == 0 {
					d.PrimaryReason = d.Reasons[0]
				}
				return d
			}
			stored := func() []model.Deal {
				deals, err := s.Deals(ctx, DealFilter{})
				if err != nil {
					t.Fatal(err)
				}
				return deals
			}
			for step := range 50 {
				var op string
				var err error
				deals := stored()
				switch k := rng.IntN(9); {
				case k == 0 || len(deals) == 0:
					op = "add"
					_, err = s.SaveDeal(ctx, randomDeal(), nil)
				case k == 1:
					op = "edit"
					d := deals[rng.IntN(len(deals))]
					r := randomDeal()
					d.Outcome, d.ClosedAt, d.Competitors, d.Segment, d.Type = r.Outcome, r.ClosedAt, r.Competitors, r.Segment, r.Type
					d.Reasons, d.PrimaryReason = r.Reasons, r.PrimaryReason
					_, err = s.SaveDeal(ctx, d, nil)
				case k == 2:
					op = "delete"
					err = s.DeleteDeal(ctx, deals[rng.IntN(len(deals))].ID)
				case k == 3 || (k == 4 && len(deals) > bulkDealsMin):
					op = "import a few, new and changed"
					in := model.Catalog{Version: 1}
					for range 1 + rng.IntN(4) {
						in.Deals = append(in.Deals, randomDeal())
					}
					for range min(2, len(deals)) {
						d := deals[rng.IntN(len(deals))]
						d.ID, d.Outcome, d.ClosedAt = 0, randomDeal().Outcome, d.ClosedAt.AddDays(rng.IntN(40))
						if !containsRef(in.Deals, d.Ref) {
							in.Deals = append(in.Deals, d)
						}
					}
					_, err = s.Import(ctx, in, ImportOptions{Now: testNow})
				case k == 4:
					// At most twice: it at least doubles the deals. The first adds new deals
					// only (the tallies get the additions), a later one also changes a stored
					// deal (the tallies are counted again).
					op = "bulk import of new deals"
					in := model.Catalog{Version: 1}
					for range max(bulkDealsMin, len(deals)) {
						in.Deals = append(in.Deals, randomDeal())
					}
					if ran[op] > 0 && len(deals) > 0 {
						op = "bulk import changing a stored deal"
						d := deals[0]
						d.ID, d.Outcome = 0, model.OutcomeNoDecision
						in.Deals = append(in.Deals, d)
					}
					_, err = s.Import(ctx, in, ImportOptions{Now: testNow})
				case k == 5:
					op = "delete a competitor"
					slug := slugs[1+rng.IntN(len(slugs)-1)]
					if err = s.DeleteCompetitor(ctx, slug); err == nil {
						_, err = s.CreateCompetitor(ctx, model.Competitor{Slug: slug, Name: slug}, testNow)
					}
				case k == 6:
					op = "rename a competitor"
					slug := slugs[1+rng.IntN(len(slugs)-1)]
					_, err = s.SaveCompetitor(ctx, model.Competitor{Slug: slug, Name: fmt.Sprintf("%s %d", slug, step)}, testNow)
				case k == 7:
					op = "merge reason codes"
					from := []string{"fit", "speed"}[rng.IntN(2)]
					if _, err = s.MergeReasonCodes(ctx, from, "price"); err == nil {
						err = s.SaveReasonCode(ctx, model.ReasonCode{Code: from, Label: from})
					}
				default:
					op = "edit keeping the outcome and date"
					d := deals[rng.IntN(len(deals))]
					d.Account = fmt.Sprint("account ", step)
					_, err = s.SaveDeal(ctx, d, nil)
				}
				if err != nil {
					t.Fatalf("step %d %s: %v", step, op, err)
				}
				checkTallyMatchesDeals(t, s, fmt.Sprintf("step %d (%s)", step, op))
				ran[op]++
			}
		})
	}
	if len(ran) != 10 {
		t.Errorf("the random writes covered only %v", ran)
	}
}

func containsRef(deals []model.Deal, ref string) bool {
	for _, d := range deals {
		if d.Ref == ref {
			return true
		}
	}
	return false
}

// TestDealTallyBuiltForExistingDatabase opens a database written before the tallies existed:
// the upgrade counts them.
func TestDealTallyBuiltForExistingDatabase(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	// Back to the schema before the tallies, with deals written meanwhile.
	for _, stmt := range []string{`DROP TABLE deal_tally_month`, `DROP TABLE deal_tally_day`, `DROP TABLE reason_tally`, `DROP TABLE deal_cube`, `DROP TABLE deal_facets`} {
		if _, err := s.db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range dealTallyTriggers {
		if _, err := s.db.Exec(`DROP TRIGGER ` + name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveDeal(ctx, model.Deal{ClosedAt: model.MustParseDate("2026-03-04"), Outcome: model.OutcomeWon, Competitors: []string{"acme"}}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`PRAGMA user_version = 5`); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := len(tallyRows(t, s, `SELECT day, competitor_id, outcome, deals FROM deal_tally_day`)); n != 2 {
		t.Errorf("%d daily tally rows after the upgrade, want 2", n)
	}
	checkTallyMatchesDeals(t, s, "the upgrade")
	// The triggers are back: a new deal counts.
	if _, err := s.SaveDeal(ctx, model.Deal{ClosedAt: model.MustParseDate("2026-03-04"), Outcome: model.OutcomeWon, Competitors: []string{"acme"}}, nil); err != nil {
		t.Fatal(err)
	}
	checkTallyMatchesDeals(t, s, "a deal saved after the upgrade")
}

// TestWinLossWindowFromTallies counts windows of every shape (within a month, across months,
// unbounded, empty) from the tallies and compares them with counting the deals.
func TestWinLossWindowFromTallies(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	rng := rand.New(rand.NewPCG(3, 4))
	cat := sampleCatalog()
	cat.Deals = nil
	for i := range 400 {
		d := model.Deal{Ref: fmt.Sprint("W-", i), ClosedAt: model.MustParseDate("2025-01-01").AddDays(rng.IntN(500)),
			Outcome: []model.Outcome{model.OutcomeWon, model.OutcomeLost, model.OutcomeNoDecision}[rng.IntN(3)], Competitors: []string{"acme"}}
		if rng.IntN(3) == 0 {
			d.Competitors = append(d.Competitors, "us")
		}
		cat.Deals = append(cat.Deals, d)
	}
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	ids, err := competitorIDs(ctx, s.db)
	if err != nil {
		t.Fatal(err)
	}
	windows := [][2]model.Date{{}, {model.MustParseDate("2025-03-03"), model.MustParseDate("2025-03-20")},
		{model.MustParseDate("2025-03-20"), model.MustParseDate("2025-03-03")}, {{}, model.MustParseDate("2025-06-30")},
		{model.MustParseDate("2025-06-30"), {}}}
	for range 40 {
		since := model.MustParseDate("2024-12-01").AddDays(rng.IntN(560))
		windows = append(windows, [2]model.Date{since, since.AddDays(rng.IntN(400))})
	}
	for _, w := range windows {
		got, err := winLossByCompetitor(ctx, s.db, w[0], w[1])
		if err != nil {
			t.Fatal(err)
		}
		for _, slug := range []string{"acme", "us"} {
			var want model.WinLoss
			for _, d := range cat.Deals {
				if containsSlug(d.Competitors, slug) && (w[0].IsZero() || !d.ClosedAt.Before(w[0])) && (w[1].IsZero() || !w[1].Before(d.ClosedAt)) {
					want = want.AddN(d.Outcome, 1)
				}
			}
			if got[ids[slug]] != want {
				t.Errorf("window %v–%v, %s: %+v, want %+v", w[0], w[1], slug, got[ids[slug]], want)
			}
		}
	}
}

func containsSlug(slugs []string, slug string) bool {
	for _, s := range slugs {
		if s == slug {
			return true
		}
	}
	return false
}

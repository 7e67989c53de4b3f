package db

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/rivals-app/rivals/model"
)

func TestSaveRecordAndDeletePlan(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	d := model.MustParseDate
	p, err := s.SavePlan(ctx, model.PricePlan{Competitor: "acme", Name: " AI add-on ", Model: model.ModelUsage, Currency: "usd",
		Period: model.PeriodMonth, Unit: "resolution", AddOn: true,
		Observations: []model.PriceObservation{{ObservedAt: d("2026-01-01"), Amount: 50000, IncludedUnits: 500, OverageAmount: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	if p.ID == 0 || p.Name != "AI add-on" || p.Currency != "USD" {
		t.Fatalf("saved %+v", p)
	}
	if _, err := s.SavePlan(ctx, model.PricePlan{Competitor: "acme", Name: "Pro", Model: model.ModelFlat, Currency: "USD", Period: model.PeriodMonth}); !isField(err, "name") {
		t.Errorf("a second plan named Pro: %v, want a name error", err)
	}

	// A price change is a new observation; the same date again is refused, not overwritten.
	if err := s.RecordPrice(ctx, p.ID, model.PriceObservation{ObservedAt: d("2026-06-01"), Amount: 55000, IncludedUnits: 500, OverageAmount: 100, Source: "https://acme.example/pricing"}); err != nil {
		t.Fatal(err)
	}
	err = s.RecordPrice(ctx, p.ID, model.PriceObservation{ObservedAt: d("2026-06-01"), Amount: 1})
	if !isField(err, "observed_at") || !strings.Contains(err.Error(), "never overwritten") {
		t.Errorf("same date again: %v", err)
	}
	if err := s.RecordPrice(ctx, p.ID, model.PriceObservation{ObservedAt: d("2026-07-01"), Amount: 1, Tiers: []model.PriceTier{{Amount: 1}}}); !isField(err, "observations[2].tiers") {
		t.Errorf("tiers on a usage plan: %v", err)
	}
	if err := s.RecordPrice(ctx, 9999, model.PriceObservation{ObservedAt: d("2026-07-01")}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown plan: %v", err)
	}

	// Editing keeps the history and refuses to change what it means.
	p.Name, p.MaxSeats, p.Observations = "AI resolutions", 0, nil
	if _, err := s.SavePlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.Currency = "EUR"
	if _, err := s.SavePlan(ctx, p); !isField(err, "currency") {
		t.Errorf("currency change with history: %v", err)
	}
	plans, err := s.Plans(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	last := plans[len(plans)-1]
	if last.Name != "AI resolutions" || !last.AddOn || len(last.Observations) != 2 || last.Observations[1].Amount != 55000 {
		t.Fatalf("after edits: %+v", last)
	}
	if plans[0].MaxSeats != 100 {
		t.Errorf("max_seats not stored: %+v", plans[0])
	}

	if err := s.DeletePlan(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePlan(ctx, p.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	var left int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM price_observations WHERE plan_id = ?`, p.ID).Scan(&left); err != nil || left != 0 {
		t.Errorf("history left behind: %d, %v", left, err)
	}
}

func isField(err error, field string) bool {
	var fe *model.FieldError
	return errors.As(err, &fe) && fe.Field == field
}

func TestRatesKeepHistoryAndUseTheNewest(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	d := model.MustParseDate
	for _, r := range []model.FXRate{
		model.NewFXRate("EUR", "USD", 1_100_000, d("2026-01-01")),
		model.NewFXRate("EUR", "USD", 1_080_000, d("2026-11-20")),
		model.NewFXRate("GBP", "USD", 1_270_000, d("2026-11-20")),
		model.NewFXRate("EUR", "USD", 1_050_000, d("2025-06-01")), // back-dated: history, not current
	} {
		if err := s.SetRate(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetRate(ctx, model.NewFXRate("EUR", "EUR", 1, d("2026-01-01"))); err == nil {
		t.Error("a rate to itself was stored")
	}
	rates, err := s.Rates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rates) != 2 || rates[0].String() != "1 EUR = 1.08 USD (set 2026-11-20)" || rates[1].Currency != "GBP" {
		t.Fatalf("rates = %v", rates)
	}
	var rows int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM fx_rates`).Scan(&rows); err != nil || rows != 4 {
		t.Errorf("history rows = %d, %v; want 4", rows, err)
	}
}

// writeVersion1 writes, at path, a database of the first schema with one competitor (acme)
// and one plan, as the first rivals left it: in WAL mode, checkpointed.
func writeVersion1(t *testing.T, path string) string {
	t.Helper()
	v1, err := migrationFiles.ReadFile("migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, stmt := range []string{"PRAGMA journal_mode=WAL", string(v1), "PRAGMA user_version = 1",
		`INSERT INTO competitors (slug, name, created_at, updated_at) VALUES ('acme', 'Acme', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
		`INSERT INTO plans (competitor_id, name, model, currency, period) VALUES (1, 'Pro', 'per_seat', 'USD', 'month')`,
	} {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestUpgradeFromVersion1 opens a database written by the first schema and checks the upgrade
// keeps its plans and adds the new columns with their defaults.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := writeVersion1(t, filepath.Join(t.TempDir(), "v1.db"))
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	plans, err := s.Plans(ctx, "acme")
	if err != nil || len(plans) != 1 || plans[0].Name != "Pro" || plans[0].AddOn || plans[0].MaxSeats != 0 {
		t.Fatalf("plans after upgrade = %+v, %v", plans, err)
	}
	if err := s.SetRate(ctx, model.NewFXRate("EUR", "USD", 1_080_000, model.MustParseDate("2026-11-20"))); err != nil {
		t.Errorf("fx table missing after upgrade: %v", err)
	}
}

func TestCorrectAndDeletePrice(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	d := model.MustParseDate
	p, err := s.SavePlan(ctx, model.PricePlan{Competitor: "acme", Name: "Team", Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth,
		Observations: []model.PriceObservation{{ObservedAt: d("2026-01-01"), Amount: 4900}, {ObservedAt: d("2026-06-01"), Amount: 5900}, {ObservedAt: d("2026-09-01"), Amount: 6900}}})
	if err != nil {
		t.Fatal(err)
	}
	history := func() []model.PriceObservation {
		t.Helper()
		plans, err := s.Plans(ctx, "acme")
		if err != nil {
			t.Fatal(err)
		}
		for _, pl := range plans {
			if pl.ID == p.ID {
				return pl.Observations
			}
		}
		t.Fatal("plan gone")
		return nil
	}
	// A mistyped amount, and a date that moves to a free day.
	if err := s.CorrectPrice(ctx, p.ID, d("2026-06-01"), model.PriceObservation{ObservedAt: d("2026-06-02"), Amount: 5950, Note: "typo"}); err != nil {
		t.Fatal(err)
	}
	h := history()
	if len(h) != 3 || h[0].Amount != 4900 || h[1].ObservedAt != d("2026-06-02") || h[1].Amount != 5950 || h[1].Note != "typo" || h[2].Amount != 6900 {
		t.Fatalf("after correcting: %+v", h)
	}
	// Onto a day that has a price: refused, nothing changes.
	if err := s.CorrectPrice(ctx, p.ID, d("2026-06-02"), model.PriceObservation{ObservedAt: d("2026-09-01"), Amount: 1}); !isField(err, "observed_at") {
		t.Errorf("onto a taken day: %v", err)
	}
	if err := s.CorrectPrice(ctx, p.ID, d("2026-06-02"), model.PriceObservation{ObservedAt: d("2026-06-02"), Amount: -1}); err == nil {
		t.Error("a negative amount was stored")
	}
	if err := s.CorrectPrice(ctx, p.ID, d("2020-01-01"), model.PriceObservation{ObservedAt: d("2020-01-01"), Amount: 1}); !errors.Is(err, ErrNotFound) {
		t.Errorf("no price that day: %v", err)
	}
	if h2 := history(); len(h2) != 3 || h2[1].Amount != 5950 || h2[2].Amount != 6900 {
		t.Errorf("refused corrections changed the history: %+v", h2)
	}
	// Deleting one price keeps the others.
	if err := s.DeletePrice(ctx, p.ID, d("2026-06-02")); err != nil {
		t.Fatal(err)
	}
	if h := history(); len(h) != 2 || h[0].Amount != 4900 || h[1].Amount != 6900 {
		t.Errorf("after deleting: %+v", h)
	}
	if err := s.DeletePrice(ctx, p.ID, d("2026-06-02")); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
}

package db

import (
	"context"
	"errors"
	"testing"

	"github.com/rivals-app/rivals/model"
)

func TestSaveDealWithNewReasonAndGeneratedRef(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	d := model.Deal{ClosedAt: model.MustParseDate("2026-10-01"), Outcome: model.OutcomeLost, Competitors: []string{"acme"},
		Amount: 1200000, Currency: "usd", Reasons: []string{"integration", "price"}, PrimaryReason: "integration", Quote: "No Jira sync"}
	saved, err := s.SaveDeal(ctx, d, []model.ReasonCode{{Code: "integration", Label: "Integrations"}})
	if err != nil {
		t.Fatal(err)
	}
	if saved.ID == 0 || saved.Ref != "D-2026-10-01-1" || saved.Currency != "USD" {
		t.Fatalf("saved %+v", saved)
	}
	second, err := s.SaveDeal(ctx, model.Deal{ClosedAt: d.ClosedAt, Outcome: model.OutcomeWon, Competitors: []string{"acme"}}, nil)
	if err != nil || second.Ref != "D-2026-10-01-2" {
		t.Fatalf("second deal of the day: %+v, %v", second, err)
	}
	deals, err := s.Deals(ctx, DealFilter{Competitor: "acme"})
	if err != nil {
		t.Fatal(err)
	}
	var got model.Deal
	for _, x := range deals {
		if x.Ref == saved.Ref {
			got = x
		}
	}
	if got.PrimaryReason != "integration" || len(got.Reasons) != 2 || got.Quote != "No Jira sync" {
		t.Errorf("stored %+v", got)
	}

	// Edits keep the id; errors change nothing.
	got.Outcome, got.Ref = model.OutcomeWon, "OPP-77"
	if _, err := s.SaveDeal(ctx, got, nil); err != nil {
		t.Fatal(err)
	}
	bad := got
	bad.Competitors = []string{"nobody"}
	if _, err := s.SaveDeal(ctx, bad, []model.ReasonCode{{Code: "fresh", Label: "Fresh"}}); !isField(err, "competitors[0]") {
		t.Errorf("unknown competitor: %v", err)
	}
	codes, _ := s.ReasonCodes(ctx)
	for _, c := range codes {
		if c.Code == "fresh" {
			t.Error("a failed save left its new reason code behind")
		}
	}
	bad = got
	bad.Reasons, bad.PrimaryReason = []string{"nope"}, "nope"
	if _, err := s.SaveDeal(ctx, bad, nil); !isField(err, "reasons[0]") {
		t.Errorf("unknown reason: %v", err)
	}
	bad = got
	bad.Ref = "OPP-1"
	if _, err := s.SaveDeal(ctx, bad, nil); !isField(err, "ref") {
		t.Errorf("taken ref: %v", err)
	}
	if err := s.DeleteDeal(ctx, got.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDeal(ctx, got.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
}

func TestMergeReasonCodesKeepsHistory(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	cat := sampleCatalog()
	cat.ReasonCodes = append(cat.ReasonCodes, model.ReasonCode{Code: "cost", Label: "Cost"})
	cat.Deals = append(cat.Deals,
		model.Deal{Ref: "OPP-2", ClosedAt: model.MustParseDate("2026-03-01"), Outcome: model.OutcomeLost, Competitors: []string{"acme"},
			Reasons: []string{"security", "cost"}, PrimaryReason: "cost"},
		model.Deal{Ref: "OPP-3", ClosedAt: model.MustParseDate("2026-04-01"), Outcome: model.OutcomeLost, Competitors: []string{"acme"},
			Reasons: []string{"cost", "price"}, PrimaryReason: "cost"})
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	n, err := s.MergeReasonCodes(ctx, "cost", "price")
	if err != nil || n != 2 {
		t.Fatalf("merge: %d, %v", n, err)
	}
	deals, _ := s.Deals(ctx, DealFilter{})
	want := map[string]string{"OPP-1": "price", "OPP-2": "price", "OPP-3": "price"}
	for _, d := range deals {
		if d.PrimaryReason != want[d.Ref] {
			t.Errorf("%s primary %q, want %q (reasons %v)", d.Ref, d.PrimaryReason, want[d.Ref], d.Reasons)
		}
		for _, r := range d.Reasons {
			if r == "cost" {
				t.Errorf("%s still cites the merged code", d.Ref)
			}
		}
		if d.Ref == "OPP-3" && len(d.Reasons) != 1 {
			t.Errorf("OPP-3 cited both codes and should cite price once: %v", d.Reasons)
		}
	}
	if _, err := s.MergeReasonCodes(ctx, "cost", "price"); !isField(err, "from") {
		t.Errorf("merging a gone code: %v", err)
	}
	if err := s.SaveReasonCode(ctx, model.ReasonCode{Code: "price", Label: "Price too high"}); err != nil {
		t.Fatal(err)
	}
	codes, _ := s.ReasonCodes(ctx)
	if len(codes) != 2 || codes[0].Label != "Price too high" {
		t.Errorf("codes after rename: %+v", codes)
	}
}

func TestReasonUsesCountsCitingDeals(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	cat := sampleCatalog()
	cat.ReasonCodes = append(cat.ReasonCodes, model.ReasonCode{Code: "cost", Label: "Cost"}, model.ReasonCode{Code: "unused", Label: "Unused"})
	cat.Deals = append(cat.Deals,
		model.Deal{Ref: "OPP-2", ClosedAt: model.MustParseDate("2026-03-01"), Outcome: model.OutcomeLost, Competitors: []string{"acme"},
			Reasons: []string{"security", "cost"}, PrimaryReason: "cost"},
		model.Deal{Ref: "OPP-3", ClosedAt: model.MustParseDate("2026-04-01"), Outcome: model.OutcomeWon, Competitors: []string{"acme"},
			Reasons: []string{"cost"}, PrimaryReason: "cost"})
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	uses, err := snap.ReasonUses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"cost": 2, "security": 1}
	for _, d := range cat.Deals[:1] {
		for _, r := range d.Reasons {
			want[r]++
		}
	}
	for code, n := range want {
		if uses[code] != n {
			t.Errorf("%s cited by %d deals, want %d (all: %v)", code, uses[code], n, uses)
		}
	}
	if _, ok := uses["unused"]; ok {
		t.Error("an unused code is counted")
	}
}

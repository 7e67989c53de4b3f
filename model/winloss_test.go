package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func deal(ref, closed string, o Outcome, comps []string, seg string, reasons ...string) Deal {
	d := Deal{Ref: ref, ClosedAt: mustDate(closed), Outcome: o, Competitors: comps, Segment: seg, Reasons: reasons}
	if len(reasons) > 0 {
		d.PrimaryReason = reasons[0]
	}
	return d
}

var sampleDeals = []Deal{
	deal("1", "2026-01-15", OutcomeWon, []string{"acme"}, "smb", "ux"),
	deal("2", "2026-02-01", OutcomeLost, []string{"acme", "zed"}, "enterprise", "price", "integration"),
	deal("3", "2026-07-04", OutcomeLost, []string{"zed"}, "smb", "integration", "price"),
	deal("4", "2026-07-30", OutcomeNoDecision, []string{"acme"}, ""),
	deal("5", "2025-12-31", OutcomeWon, []string{"acme"}, "SMB", "price"),
}

func TestWinRateCountsOnlyDecidedDeals(t *testing.T) {
	tests := []struct {
		w     WinLoss
		tenth int64
		ok    bool
		text  string
	}{
		{WinLoss{Won: 5, Lost: 3, NoDecision: 4}, 625, true, "62.5% of 8"},
		{WinLoss{Won: 2, Lost: 1}, 667, true, "66.7% of 3"},
		{WinLoss{Won: 1, Lost: 2}, 333, true, "33.3% of 3"},
		{WinLoss{Won: 0, Lost: 4}, 0, true, "0.0% of 4"},
		{WinLoss{NoDecision: 7}, 0, false, "no decided deals"},
		{WinLoss{}, 0, false, "no decided deals"},
	}
	for _, tt := range tests {
		got, ok := tt.w.WinRateTenths()
		if got != tt.tenth || ok != tt.ok || tt.w.RateText() != tt.text {
			t.Errorf("%+v: %d %v %q, want %d %v %q", tt.w, got, ok, tt.w.RateText(), tt.tenth, tt.ok, tt.text)
		}
	}
}

func TestDealQuery(t *testing.T) {
	refs := func(ds []Deal) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Ref)
		}
		return out
	}
	tests := []struct {
		q    DealQuery
		want []string
	}{
		{DealQuery{}, []string{"1", "2", "3", "4", "5"}},
		{DealQuery{Competitor: "zed"}, []string{"2", "3"}},                                            // primary or not
		{DealQuery{Since: mustDate("2026-02-01"), Until: mustDate("2026-07-04")}, []string{"2", "3"}}, // inclusive
		{DealQuery{Segment: "smb"}, []string{"1", "3", "5"}},                                          // case-insensitive
		{DealQuery{Competitor: "acme", Since: mustDate("2026-01-01")}, []string{"1", "2", "4"}},
	}
	for _, tt := range tests {
		if got := refs(tt.q.Select(sampleDeals)); !slices.Equal(got, tt.want) {
			t.Errorf("%+v selects %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestBreakdown(t *testing.T) {
	tests := []struct {
		by   Dimension
		want []Group
	}{
		{ByCompetitor, []Group{
			{"acme", WinLoss{Won: 2, Lost: 1, NoDecision: 1}}, // a deal counts for every competitor faced
			{"zed", WinLoss{Lost: 2}},
		}},
		{ByQuarter, []Group{
			{"2025-Q4", WinLoss{Won: 1}},
			{"2026-Q1", WinLoss{Won: 1, Lost: 1}},
			{"2026-Q2", WinLoss{}}, // gaps are filled
			{"2026-Q3", WinLoss{Lost: 1, NoDecision: 1}},
		}},
		{BySegment, []Group{
			{"smb", WinLoss{Won: 2, Lost: 1}}, // "SMB" is the same segment
			{"enterprise", WinLoss{Lost: 1}},
			{Unspecified, WinLoss{NoDecision: 1}},
		}},
		{ByReason, []Group{
			{"price", WinLoss{Won: 1, Lost: 2}},
			{"integration", WinLoss{Lost: 2}},
			{"ux", WinLoss{Won: 1}}, // as many deals as (none), more decided
			{Unspecified, WinLoss{NoDecision: 1}},
		}},
	}
	for _, tt := range tests {
		if got := Breakdown(sampleDeals, tt.by); !slices.Equal(got, tt.want) {
			t.Errorf("by %s:\n got %+v\nwant %+v", tt.by, got, tt.want)
		}
	}
	if Breakdown(nil, ByQuarter) != nil {
		t.Error("no deals, no quarters")
	}
}

func TestQuarterOf(t *testing.T) {
	for in, want := range map[string]string{"2026-01-01": "2026-Q1", "2026-03-31": "2026-Q1", "2026-04-01": "2026-Q2", "2026-12-31": "2026-Q4"} {
		if got := QuarterOf(mustDate(in)); got != want {
			t.Errorf("QuarterOf(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestTopReasons(t *testing.T) {
	got := TopReasons(sampleDeals, OutcomeLost, 0)
	want := []ReasonCount{{"integration", 2, 1}, {"price", 2, 1}}
	if !slices.Equal(got, want) {
		t.Errorf("lost: %+v, want %+v", got, want)
	}
	got = TopReasons(sampleDeals, OutcomeWon, 1)
	if len(got) != 1 || got[0] != (ReasonCount{"price", 1, 1}) {
		t.Errorf("won, limit 1: %+v", got)
	}
}

func TestReasonCodeAndLabelFromText(t *testing.T) {
	for text, want := range map[string][2]string{
		"Missing Salesforce integration": {"missing_salesforce_integration", "Missing Salesforce integration"},
		"product_gap":                    {"product_gap", "Product gap"},
		" security review ":              {"security_review", "Security review"},
	} {
		if got := ReasonCodeOf(text); got != want[0] {
			t.Errorf("ReasonCodeOf(%q) = %q, want %q", text, got, want[0])
		}
		if got := ReasonLabelOf(text); got != want[1] {
			t.Errorf("ReasonLabelOf(%q) = %q, want %q", text, got, want[1])
		}
	}
}

// Deal types are read as CRMs write them, kept on the deal, filtered and grouped by.
func TestDealTypes(t *testing.T) {
	for text, want := range map[string]DealType{
		"New Business": DealNew, "newbusiness": DealNew, "Existing Business": DealExpansion, "Upsell": DealExpansion,
		"Cross-sell": DealExpansion, "Renewal": DealRenewal, "Churn": DealChurn, "cancellation": DealChurn,
	} {
		if got, ok := ParseDealType(text); !ok || got != want {
			t.Errorf("ParseDealType(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
	if _, ok := ParseDealType("Partner deal"); ok {
		t.Error(`"Partner deal" read as a deal type`)
	}
	d := Deal{Ref: "D-1", ClosedAt: mustDate("2026-01-01"), Outcome: OutcomeWon, Competitors: []string{"a"}, Type: "merger"}
	if err := d.Validate(); err == nil || !strings.Contains(err.Error(), "type") {
		t.Errorf("a deal of type merger: %v", err)
	}
	deals := []Deal{
		{Ref: "1", Outcome: OutcomeWon, Type: DealNew}, {Ref: "2", Outcome: OutcomeLost, Type: DealNew},
		{Ref: "3", Outcome: OutcomeWon, Type: DealRenewal}, {Ref: "4", Outcome: OutcomeLost},
	}
	if got := (DealQuery{Type: DealNew}).Select(deals); len(got) != 2 {
		t.Errorf("--type new selected %d deals, want 2", len(got))
	}
	groups := Breakdown(deals, ByType)
	var keys []string
	for _, g := range groups {
		keys = append(keys, fmt.Sprintf("%s %d/%d", g.Key, g.Won, g.Decided()))
	}
	if got, want := strings.Join(keys, ", "), "new 1/2, (none) 0/1, renewal 1/1"; got != want {
		t.Errorf("by type: %s, want %s", got, want)
	}
}

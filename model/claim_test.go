package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseClaimLine(t *testing.T) {
	for _, tc := range []struct {
		line, text string
		want       Citation
	}{
		{"Faster rollout", "Faster rollout", Citation{}},
		{"Faster rollout [src: https://x.test/a | 2026-10-03 | fact]", "Faster rollout",
			Citation{Source: "https://x.test/a", Confirmed: MustParseDate("2026-10-03"), Confidence: ConfidenceFact}},
		{"SOC 2 since 2025 [SRC: inference | 2026-01-02]", "SOC 2 since 2025", Citation{Confirmed: MustParseDate("2026-01-02"), Confidence: ConfidenceInference}},
		{"Layoffs coming [src: call with ACME, 2026-10-03 | rumor]", "Layoffs coming", Citation{Source: "call with ACME, 2026-10-03", Confidence: ConfidenceRumour}},
		{"Uses [brackets] inside", "Uses [brackets] inside", Citation{}},
		{"Ends in a bracket [see deck]", "Ends in a bracket [see deck]", Citation{}},
	} {
		text, c, err := ParseClaimLine(tc.line)
		if err != nil || text != tc.text || c != tc.want {
			t.Errorf("ParseClaimLine(%q) = %q, %+v, %v; want %q, %+v", tc.line, text, c, err, tc.text, tc.want)
		}
	}
	for line, want := range map[string]string{
		"x [src: a | b]":             "one source",
		"x [src: 2026-13-40 | fact]": "invalid date",
	} {
		if _, _, err := ParseClaimLine(line); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseClaimLine(%q): %v, want %q", line, err, want)
		}
	}
}

func TestClaimSectionRoundTrips(t *testing.T) {
	k := BattleCard{Competitor: "acme",
		WhyWeWin:   []Claim{{Text: "Faster", Citation: Citation{Source: "matrix: SSO", Confirmed: MustParseDate("2026-10-03"), Confidence: ConfidenceFact}}, {Text: "Plain"}},
		Objections: []Objection{{Objection: "Pricey", Response: "Year one is cheaper", Citation: Citation{Confidence: ConfidenceInference}}}}
	for _, key := range []string{"why_we_win", "objections"} {
		var back BattleCard
		if err := back.SetSectionText(key, k.SectionText(key)); err != nil {
			t.Fatal(err)
		}
		if back.SectionText(key) != k.SectionText(key) {
			t.Errorf("%s: %q", key, back.SectionText(key))
		}
	}
	if got := k.SectionText("why_we_win"); got != "Faster [src: matrix: SSO | 2026-10-03 | fact]\nPlain" {
		t.Errorf("inline form %q", got)
	}
}

func TestClaimJSON(t *testing.T) {
	var k BattleCard
	in := `{"competitor":"acme","why_we_win":["Plain",{"text":"Cited","source":"https://x.test","confirmed":"2026-10-03","confidence":"rumour"}],
		"objections":[{"objection":"o","response":"r","confidence":"inference"}]}`
	if err := json.Unmarshal([]byte(in), &k); err != nil {
		t.Fatal(err)
	}
	if k.WhyWeWin[0].Text != "Plain" || k.WhyWeWin[1].Confidence != ConfidenceRumour || k.Objections[0].Confidence != ConfidenceInference {
		t.Errorf("decoded %+v", k)
	}
	out, _ := json.Marshal(k)
	want := `{"competitor":"acme","why_we_win":["Plain",{"text":"Cited","source":"https://x.test","confirmed":"2026-10-03","confidence":"rumour"}],"objections":[{"objection":"o","response":"r","confidence":"inference"}]}`
	if string(out) != want {
		t.Errorf("encoded\n%s\nwant\n%s", out, want)
	}
	if err := json.Unmarshal([]byte(`{"competitor":"a","why_we_win":[{"text":"x","sauce":"y"}]}`), &k); err == nil {
		t.Error("an unknown key in a claim was accepted")
	}
}

func TestClaimValidation(t *testing.T) {
	base := BattleCard{Competitor: "acme"}
	for name, tc := range map[string]struct {
		k    BattleCard
		want string
	}{
		"bad confidence":   {BattleCard{Competitor: "acme", WhyWeWin: []Claim{{Text: "x", Citation: Citation{Confidence: "gossip"}}}}, "why_we_win[0].confidence"},
		"pipe in source":   {BattleCard{Competitor: "acme", Landmines: []Claim{{Text: "x", Citation: Citation{Source: "a|b"}}}}, "landmines[0].source"},
		"tag in text":      {BattleCard{Competitor: "acme", ProofPoints: Claims("x [src: y]")}, "proof_points[0]"},
		"four-line read":   {BattleCard{Competitor: "acme", QuickRead: "a\nb\nc\nd"}, "quick_read"},
		"blank do not say": {BattleCard{Competitor: "acme", DoNotSay: []string{""}}, "do_not_say[0]"},
		"objection source": {BattleCard{Competitor: "acme", Objections: []Objection{{Objection: "o", Response: "r", Citation: Citation{Source: "www.x.test"}}}}, "objections[0].source"},
	} {
		err := tc.k.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
	if err := base.Validate(); err != nil {
		t.Error(err)
	}
}

func TestTallyClaims(t *testing.T) {
	today := MustParseDate("2026-12-01")
	k := BattleCard{WhyWeWin: []Claim{
		{Text: "a", Citation: Citation{Source: "s", Confirmed: today.AddDays(-181), Confidence: ConfidenceFact}},
		{Text: "b", Citation: Citation{Source: "s", Confirmed: today.AddDays(-180), Confidence: ConfidenceInference}},
		{Text: "c", Citation: Citation{Confidence: ConfidenceRumour}},
		{Text: "d"},
	}}
	got := k.TallyClaims(today)
	if got != (ClaimTally{Claims: 4, Sourced: 2, Stale: 1, Inferences: 1, Rumours: 1}) {
		t.Errorf("tally %+v", got)
	}
	if s := got.Summary(); s != "4 claims, 2 sourced, 1 ⚑ unconfirmed 180+ days, 1 inference, 1 rumour" {
		t.Errorf("summary %q", s)
	}
	if m := (Citation{Confidence: ConfidenceInference}).Marker(); m != "ⁱ" {
		t.Errorf("marker %q", m)
	}
}

func TestPricingFacts(t *testing.T) {
	p := PricingFacts{Visibility: PricingPartial, TrialDays: 14, Freemium: No, DiscountPercent: 15, ContractTerms: "annual only"}
	if got := strings.Join(p.Facts(), "; "); got != "pricing partly public; 14-day free trial; no free tier; typical discount 15%; annual only" {
		t.Errorf("facts %q", got)
	}
	if got := p.AfterDiscount(1_000_00); got != 850_00 {
		t.Errorf("after discount %d", got)
	}
	if got := (PricingFacts{DiscountPercent: 15}).AfterDiscount(333); got != 283 {
		t.Errorf("after discount rounds: %d", got) // 333 × 0.15 = 49.95 → 50
	}
	for _, bad := range []PricingFacts{{Visibility: "secret"}, {TrialDays: -1}, {Freemium: "maybe"}, {DiscountPercent: 96}} {
		if err := bad.Validate(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	c := Competitor{Slug: "a", Name: "A", Pricing: PricingFacts{Visibility: "bogus"}}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "pricing_facts.visibility") {
		t.Errorf("competitor validation: %v", err)
	}
}

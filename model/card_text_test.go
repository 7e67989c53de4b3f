package model

import (
	"slices"
	"strings"
	"testing"
)

func TestCardSectionTextRoundTrips(t *testing.T) {
	k := BattleCard{Competitor: "acme", Overview: "Incumbent suite.", WhyWeWin: Claims("Faster rollout", "Clean reporting"),
		Objections:       []Objection{{Objection: "They have more apps", Response: "We integrate with what you use"}, {Objection: "You are small", Response: "So is our churn"}},
		PricingTalkTrack: "Compare the year-one bill."}
	for _, s := range CardSections {
		var back BattleCard
		if err := back.SetSectionText(s.Key, k.SectionText(s.Key)); err != nil {
			t.Fatalf("%s: %v", s.Key, err)
		}
		if back.SectionText(s.Key) != k.SectionText(s.Key) {
			t.Errorf("%s does not round-trip: %q", s.Key, back.SectionText(s.Key))
		}
	}
}

func TestSetSectionTextParsesWhatPeopleType(t *testing.T) {
	var k BattleCard
	if err := k.SetSectionText("why_we_win", "- Faster rollout\r\n\n* Clean reporting\n  SOC 2  \n-\n"); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(k.WhyWeWin, Claims("Faster rollout", "Clean reporting", "SOC 2")) {
		t.Errorf("bullets %q", k.WhyWeWin)
	}
	if err := k.SetSectionText("objections", "objection: Too pricey\nresponse: Compare year one,\nnot seat price.\n\nObjection: No voice\nResponse: Partner integrations"); err != nil {
		t.Fatal(err)
	}
	if len(k.Objections) != 2 || k.Objections[0].Response != "Compare year one, not seat price." {
		t.Errorf("objections %+v", k.Objections)
	}
	for text, want := range map[string]string{
		"Objection: Lonely":        "has no \"Response:\"",
		"Response: first":          "line 1: a response before",
		"stray text\nObjection: x": "line 1: start each objection",
	} {
		if err := k.SetSectionText("objections", text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", text, err, want)
		}
	}
	if err := k.SetSectionText("nonsense", "x"); err == nil {
		t.Error("an unknown section was accepted")
	}
}

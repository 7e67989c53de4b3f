package model

import (
	"testing"
)

func TestDraftEvidence(t *testing.T) {
	today := mustDate("2026-11-23")
	self, rival := Competitor{Slug: "us", IsSelf: true}, Competitor{Slug: "acme"}
	features := []Feature{
		{Key: "sso", Name: "SSO", Category: "Security", Weight: 5},
		{Key: "audit", Name: "Audit log", Category: "Security", Weight: 3},
		{Key: "voice", Name: "Voice", Category: "Channels", Weight: 4},
		{Key: "api", Name: "API", Category: "Platform", Weight: 5},
		{Key: "emoji", Name: "Emoji", Category: "Fun", Weight: 0}, // unweighted: never evidence
	}
	cells := []Support{
		{Competitor: "us", Feature: "sso", Level: LevelYes}, {Competitor: "acme", Feature: "sso", Level: LevelNo, Note: "roadmap only", VerifiedAt: mustDate("2026-10-01")},
		{Competitor: "us", Feature: "audit", Level: LevelYes}, {Competitor: "acme", Feature: "audit", Level: LevelPartial},
		{Competitor: "us", Feature: "voice", Level: LevelNo}, {Competitor: "acme", Feature: "voice", Level: LevelYes},
		{Competitor: "us", Feature: "api", Level: LevelYes}, {Competitor: "acme", Feature: "api", Level: LevelYes},
		{Competitor: "us", Feature: "emoji", Level: LevelYes},
	}
	deals := []Deal{
		deal("old", "2025-10-01", OutcomeLost, []string{"acme"}, "", "price"), // before the window
		deal("a", "2026-01-10", OutcomeWon, []string{"acme"}, "", "ux"),
		deal("b", "2026-05-10", OutcomeLost, []string{"zed", "acme"}, "", "voice", "price"),
		deal("c", "2026-09-10", OutcomeLost, []string{"acme"}, "", "voice"),
		deal("d", "2026-09-11", OutcomeWon, []string{"zed"}, "", "ux"), // another rival
	}
	notes := []IntelNote{
		{Competitor: "acme", Date: mustDate("2026-01-01"), Title: "old"},
		{Competitor: "acme", Date: mustDate("2026-11-01"), Title: "newest"},
		{Competitor: "zed", Date: mustDate("2026-11-20"), Title: "not theirs"},
		{Competitor: "acme", Date: mustDate("2026-06-01"), Title: "middle"},
		{Competitor: "acme", Date: mustDate("2026-03-01"), Title: "older"},
	}
	e := DraftEvidence(self, rival, features, cells, deals, nil, notes, today)
	if len(e.Advantages) != 2 || e.Advantages[0].Key != "sso" || e.Advantages[1].Key != "audit" {
		t.Errorf("advantages %+v, want sso (5 × 1) before audit (3 × ½)", e.Advantages)
	}
	if a := e.Advantages[0]; a.Note != "roadmap only" || a.VerifiedAt != mustDate("2026-10-01") || a.Theirs != LevelNo {
		t.Errorf("the advantage does not carry its source: %+v", a)
	}
	if len(e.Gaps) != 1 || e.Gaps[0].Key != "voice" {
		t.Errorf("gaps %+v", e.Gaps)
	}
	if e.DealsSince != mustDate("2025-11-23") || e.Record != (WinLoss{Won: 1, Lost: 2}) {
		t.Errorf("deals since %s: %+v, want 1 won 2 lost", e.DealsSince, e.Record)
	}
	if len(e.LossReasons) != 2 || e.LossReasons[0] != (ReasonCount{"voice", 2, 2}) || e.LossReasons[1] != (ReasonCount{"price", 1, 0}) {
		t.Errorf("loss reasons %+v", e.LossReasons)
	}
	if len(e.Notes) != 3 || e.Notes[0].Title != "newest" || e.Notes[2].Title != "older" {
		t.Errorf("notes %+v", e.Notes)
	}

	// A new loss changes the evidence: the record, and the reasons.
	deals = append(deals, deal("e", "2026-11-20", OutcomeLost, []string{"acme"}, "", "price"))
	e = DraftEvidence(self, rival, features, cells, deals, nil, notes, today)
	if e.Record.Lost != 3 || e.LossReasons[1] != (ReasonCount{"price", 2, 1}) {
		t.Errorf("after a new loss: %+v, %+v", e.Record, e.LossReasons)
	}
}

package search

import (
	"errors"
	"reflect"
	"testing"

	"github.com/rivals-app/rivals/model"
)

var comps = []model.Competitor{
	{Slug: "harborline", Name: "Harborline"},
	{Slug: "brightdesk", Name: "Brightdesk"},
	{Slug: "loopdesk", Name: "Loopdesk"},
	{Slug: "ostra-cx", Name: "Ostra CX"},
	{Slug: "cx", Name: "Helpdesk CX"}, // a slug that is also a substring of another name
}

func TestResolveCompetitor(t *testing.T) {
	tests := []struct {
		query     string
		want      string
		ambiguous bool
		cands     []string
	}{
		{query: "harborline", want: "harborline"},
		{query: "cx", want: "cx"},                // exact slug beats fuzzy matches
		{query: "ostra cx", want: "ostra-cx"},    // case-insensitive exact name
		{query: "  Ostra CX ", want: "ostra-cx"}, // surrounding space ignored
		{query: "harb", want: "harborline"},      // unique fuzzy
		{query: "ostra-c", want: "ostra-cx"},     // unique fuzzy on slug
		{query: "desk", ambiguous: true, cands: []string{"loopdesk", "brightdesk", "cx"}},
		{query: "harbourline", cands: []string{"harborline", "brightdesk", "loopdesk", "ostra-cx", "cx"}},
		{query: "", cands: []string{"cx", "loopdesk", "ostra-cx", "harborline", "brightdesk"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := ResolveCompetitor(tt.query, comps)
			if tt.want != "" {
				if err != nil || got.Slug != tt.want {
					t.Fatalf("ResolveCompetitor(%q) = %q, %v; want %q", tt.query, got.Slug, err, tt.want)
				}
				return
			}
			var ne *NameError
			if !errors.As(err, &ne) {
				t.Fatalf("ResolveCompetitor(%q) = %q, %v; want a NameError", tt.query, got.Slug, err)
			}
			if ne.Ambiguous != tt.ambiguous {
				t.Errorf("ambiguous = %v, want %v", ne.Ambiguous, tt.ambiguous)
			}
			if tt.ambiguous {
				// Fuzzy ranking decides the order; the set must be right.
				if len(ne.Candidates) != len(tt.cands) {
					t.Errorf("candidates = %v, want %v", ne.Candidates, tt.cands)
				}
				return
			}
			if !reflect.DeepEqual(ne.Candidates[:1], tt.cands[:1]) || len(ne.Candidates) > maxCandidates {
				t.Errorf("candidates = %v, want closest first %v", ne.Candidates, tt.cands[:1])
			}
		})
	}
}

func TestSameNameIsAmbiguous(t *testing.T) {
	twins := []model.Competitor{{Slug: "acme-us", Name: "Acme"}, {Slug: "acme-eu", Name: "Acme"}}
	_, err := ResolveCompetitor("acme", twins)
	var ne *NameError
	if !errors.As(err, &ne) || !ne.Ambiguous || len(ne.Candidates) != 2 {
		t.Fatalf("ResolveCompetitor(acme) = %v, want ambiguous between both", err)
	}
	if c, err := ResolveCompetitor("acme-eu", twins); err != nil || c.Slug != "acme-eu" {
		t.Errorf("slug still resolves: %v %v", c.Slug, err)
	}
}

func TestUsMeansOurProduct(t *testing.T) {
	market := []model.Competitor{
		{Slug: "tidewell", Name: "Tidewell", IsSelf: true},
		{Slug: "harborline", Name: "Harborline"},
		{Slug: "nimbus", Name: "Nimbus Assist"}, // "us" is a fuzzy match for "Nimbus"
	}
	for _, q := range []string{"us", "US", " ours "} {
		if c, err := ResolveCompetitor(q, market); err != nil || c.Slug != "tidewell" {
			t.Errorf("ResolveCompetitor(%q) = %q, %v; want our product", q, c.Slug, err)
		}
	}
	// A competitor whose slug is literally "us" keeps it.
	withUs := append([]model.Competitor{{Slug: "us", Name: "US Helpdesk"}}, market...)
	if c, err := ResolveCompetitor("us", withUs); err != nil || c.Slug != "us" {
		t.Errorf("slug us = %q, %v", c.Slug, err)
	}
	// With no product of our own, "us" is an ordinary name.
	if c, err := ResolveCompetitor("us", market[1:]); err != nil || c.Slug != "nimbus" {
		t.Errorf("us without our product = %q, %v; want the fuzzy match", c.Slug, err)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"harbourline", "harborline", 1}, {"café", "cafe", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNameErrorMessage(t *testing.T) {
	e := &NameError{Query: "desk", Ambiguous: true, Candidates: []string{"loopdesk", "brightdesk"}}
	want := `more than one competitor matches "desk" (did you mean loopdesk, brightdesk?)`
	if e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}

func TestNames(t *testing.T) {
	items := []Item{
		{Kind: "competitor", Key: "harborline", Label: "Harborline"},
		{Kind: "feature", Key: "sla", Label: "SLA policies"},
		{Kind: "competitor", Key: "loopdesk", Label: "Loopdesk"},
	}
	hits := Names("hbl", items, 10)
	if len(hits) != 1 || hits[0].Item.Key != "harborline" || !reflect.DeepEqual(hits[0].Matched, []int{0, 3, 6}) {
		t.Errorf("Names(hbl) = %+v", hits)
	}
	if hits := Names("o", items, 1); len(hits) != 1 {
		t.Errorf("limit not applied: %d hits", len(hits))
	}
	if hits := Names("", items, 10); hits != nil {
		t.Errorf("empty query matched %v", hits)
	}
}

func TestNamesRunePositions(t *testing.T) {
	hits := Names("cs", []Item{{Label: "Café Société"}}, 5)
	if len(hits) != 1 || !reflect.DeepEqual(hits[0].Matched, []int{0, 5}) {
		t.Errorf("Names(cs) = %+v", hits)
	}
}

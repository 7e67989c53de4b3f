package report

import (
	"reflect"
	"testing"
)

// The stale list names the card, the matrix and the prices behind the price line when each is
// out of date, and nothing when all are fresh.
func TestPrepSheetStale(t *testing.T) {
	doc := demoCardDoc(t, "harborline")
	if got := NewPrepSheet(doc).Stale; !reflect.DeepEqual(got, []string{"4 of 57 matrix cells"}) {
		t.Errorf("harborline on the demo day: %q", got)
	}
	// A year later the card and both price lists are stale too.
	doc.Generated = cardToday.AddDays(365)
	want := []string{"battle card reviewed 2026-11-18", "prices observed Harborline 2026-10-19, Tidewell 2026-11-02"}
	got := NewPrepSheet(doc).Stale
	if len(got) != 3 || got[0] != want[0] || got[2] != want[1] {
		t.Errorf("a year later: %q", got)
	}
	fresh := doc
	fresh.Generated, fresh.Matrix.Stale = cardToday, 0
	if got := NewPrepSheet(fresh).Stale; len(got) != 0 {
		t.Errorf("all fresh: %q", got)
	}
	never := fresh
	card := *never.Card
	card.LastReviewed = never.Generated.AddDays(-10000)
	never.Card = &card
	if got := NewPrepSheet(never).Stale; len(got) != 1 {
		t.Errorf("an old card: %q", got)
	}
}

package db

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// Every competitor's deals of a window, read in one pass, are what Deals gives for that
// competitor and window: the same deals in the same order, with their competitors in order
// and their reasons and primary reason; competitors without deals in the window are not
// called; deals on the window's first and last days count.
func TestEachCompetitorDealsIsDealsPerCompetitor(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	cat := model.Catalog{Version: 1}
	for i := range 6 {
		cat.Competitors = append(cat.Competitors, model.Competitor{Slug: fmt.Sprintf("rival-%d", i), Name: fmt.Sprintf("Rival %d", i), IsSelf: i == 0})
	}
	cat.ReasonCodes = []model.ReasonCode{{Code: "price", Label: "Price"}, {Code: "security", Label: "Security"}, {Code: "speed", Label: "Speed"}}
	day := model.MustParseDate("2026-01-01")
	for i := range 300 {
		d := model.Deal{Ref: fmt.Sprintf("D-%03d", i), ClosedAt: day.AddDays(i % 97), Outcome: model.Outcomes[i%3],
			Competitors: []string{fmt.Sprintf("rival-%d", 1+i%4)}, Amount: int64(100 * i), Currency: "USD", Quote: fmt.Sprintf("quote %d", i)}
		if i%5 == 0 {
			d.Competitors = append([]string{"rival-4"}, d.Competitors...) // listed first, and twice when 1+i%4 is 4
			d.Competitors = d.Competitors[:len(d.Competitors)-boolInt(d.Competitors[1] == "rival-4")]
		}
		switch i % 3 {
		case 0:
			d.Reasons, d.PrimaryReason = []string{"speed", "price"}, "price"
		case 1:
			d.Reasons, d.PrimaryReason = []string{"security"}, "security"
		}
		cat.Deals = append(cat.Deals, d)
	}
	if _, err := s.Import(ctx, cat, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	comps, err := snap.Competitors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	since, until := day.AddDays(10), day.AddDays(60)
	got := map[int64][]model.Deal{}
	last := int64(-1)
	if err := snap.EachCompetitorDeals(ctx, since, until, func(id int64, deals []model.Deal) error {
		if id <= last {
			t.Errorf("competitor %d after %d", id, last)
		}
		last = id
		// fn may read the snapshot while the deals are read.
		if _, err := snap.Features(ctx); err != nil {
			return err
		}
		got[id] = deals
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, c := range comps {
		want, err := snap.Deals(ctx, DealFilter{Competitor: c.Slug, Since: since, Until: until})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[c.ID], want) {
			t.Errorf("%s: %d deals in one pass, want %d\n%+v\n%+v", c.Slug, len(got[c.ID]), len(want), got[c.ID], want)
		}
		checked += len(want)
	}
	if checked < 100 || len(got) != 4 {
		t.Errorf("%d deals for %d competitors checked", checked, len(got))
	}
	stop := errors.New("stop")
	calls := 0
	if err := snap.EachCompetitorDeals(ctx, since, until, func(int64, []model.Deal) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("an error from fn: %v after %d calls", err, calls)
	}
}

// A prepared view of a snapshot reads what the snapshot reads, and closing it leaves the
// snapshot open.
func TestPreparedSnapshotView(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	view := snap.Prepared(ctx)
	for range 2 { // the second time through the kept statements
		want, err := snap.Support(ctx, "acme")
		if err != nil {
			t.Fatal(err)
		}
		got, err := view.Support(ctx, "acme")
		if err != nil || !reflect.DeepEqual(got, want) || len(got) == 0 {
			t.Fatalf("the view read %v (%v), want %v", got, err, want)
		}
	}
	view.Close()
	if _, err := view.Support(ctx, "acme"); !errors.Is(err, ErrSnapshotClosed) {
		t.Errorf("a closed view read: %v", err)
	}
	if _, err := snap.Support(ctx, "acme"); err != nil {
		t.Errorf("closing the view closed the snapshot: %v", err)
	}
}

package db

import (
	"cmp"
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// The aggregate tallies agree with summarizing the loaded rows, for every demo competitor, on
// a day when some cells are stale and some are not, and some deals are older than the
// record's window and some are not.
func TestTalliesMatchTheLoadedRows(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, demoCatalog(t), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	today := model.MustParseDate("2026-11-23")
	got, err := s.Tallies(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	features, _ := s.Features(ctx)
	comps, _ := s.Competitors(ctx)
	if len(got) != len(comps) {
		t.Fatalf("%d tallies for %d competitors", len(got), len(comps))
	}
	stale, outside := 0, 0
	for _, c := range comps {
		cells, err := s.Support(ctx, c.Slug)
		if err != nil {
			t.Fatal(err)
		}
		deals, err := s.Deals(ctx, DealFilter{Competitor: c.Slug})
		if err != nil {
			t.Fatal(err)
		}
		want := model.ProfileTally{Matrix: model.SummarizeSupport(features, cells, today), WinLoss: model.TallyDeals(model.RecordWindow(today).Select(deals))}
		for level, n := range want.Matrix.Levels {
			if n == 0 {
				delete(want.Matrix.Levels, level)
			}
		}
		g := got[c.Slug]
		for level, n := range g.Matrix.Levels {
			if n == 0 {
				delete(g.Matrix.Levels, level)
			}
		}
		if !reflect.DeepEqual(g, want) {
			t.Errorf("%s: tally %+v, want %+v", c.Slug, g, want)
		}
		stale += g.Matrix.Stale
		outside += len(deals) - len(model.RecordWindow(today).Select(deals))
	}
	if outside == 0 {
		t.Error("no deal outside the window: the test does not exercise it")
	}
	if stale == 0 {
		t.Error("no stale cells counted: the test does not exercise the cutoff")
	}
}

// One competitor's rows read through the indexed queries are exactly its share of all rows.
func TestPerCompetitorQueriesMatchTheFullLists(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, demoCatalog(t), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	allCells, _ := s.Support(ctx, "")
	allNotes, _ := s.Notes(ctx, "")
	allDeals, err := s.Deals(ctx, DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, slug := range []string{"harborline", "tidewell", "nobody"} {
		cells, _ := s.Support(ctx, slug)
		notes, _ := s.Notes(ctx, slug)
		deals, err := s.Deals(ctx, DealFilter{Competitor: slug})
		if err != nil {
			t.Fatal(err)
		}
		var wantCells []model.Support
		for _, c := range allCells {
			if c.Competitor == slug {
				wantCells = append(wantCells, c)
			}
		}
		var wantNotes []model.IntelNote
		for _, n := range allNotes {
			if n.Competitor == slug {
				wantNotes = append(wantNotes, n)
			}
		}
		var wantDeals []model.Deal
		for _, d := range allDeals {
			if slices.Contains(d.Competitors, slug) {
				wantDeals = append(wantDeals, d)
			}
		}
		if !reflect.DeepEqual(cells, wantCells) || !reflect.DeepEqual(notes, wantNotes) || !reflect.DeepEqual(deals, wantDeals) {
			t.Errorf("%s: %d cells, %d notes, %d deals; want %d, %d, %d", slug, len(cells), len(notes), len(deals),
				len(wantCells), len(wantNotes), len(wantDeals))
		}
		if slug == "harborline" && (len(cells) == 0 || len(notes) == 0 || len(deals) == 0) {
			t.Error("the demo's Harborline should have cells, notes and deals")
		}
	}
}

func TestDealFacets(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, demoCatalog(t), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	segments, regions, err := s.DealFacets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	deals, _ := s.Deals(ctx, DealFilter{})
	var wantSeg, wantReg []string
	for _, d := range deals {
		if d.Segment != "" && !slices.Contains(wantSeg, d.Segment) {
			wantSeg = append(wantSeg, d.Segment)
		}
		if d.Region != "" && !slices.Contains(wantReg, d.Region) {
			wantReg = append(wantReg, d.Region)
		}
	}
	slices.Sort(wantSeg)
	slices.Sort(wantReg)
	if !slices.Equal(segments, wantSeg) || !slices.Equal(regions, wantReg) || len(segments) == 0 {
		t.Errorf("facets %v %v, want %v %v", segments, regions, wantSeg, wantReg)
	}
}

func TestLabelsListNotesDealsAndCardBullets(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	cat := demoCatalog(t)
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	labels, err := s.Labels(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	// One competitor's labels are exactly its share of all of them.
	mine, err := s.Labels(ctx, "harborline")
	if err != nil {
		t.Fatal(err)
	}
	var want []Label
	for _, l := range labels {
		if l.Competitor == "harborline" {
			want = append(want, l)
		}
	}
	slices.SortFunc(mine, func(a, b Label) int { return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID)) })
	slices.SortFunc(want, func(a, b Label) int { return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID)) })
	if len(want) == 0 || !reflect.DeepEqual(mine, want) {
		t.Errorf("harborline's labels: %d, want %d", len(mine), len(want))
	}
	count := map[string]int{}
	for _, l := range labels {
		count[l.Kind]++
		if l.Competitor == "" || l.Text == "" || l.ID == 0 {
			t.Errorf("incomplete label %+v", l)
		}
	}
	bullets := 0
	for _, c := range cat.Cards {
		bullets += len(c.WhyWeWin) + len(c.WhyTheyWin) + len(c.Objections) + len(c.Landmines) + len(c.QuickDismisses) + len(c.ProofPoints)
	}
	if count["note"] != len(cat.Notes) || count["deal"] != len(cat.Deals) || count["card_item"] != bullets {
		t.Errorf("labels %v, want %d notes, %d deals, %d bullets", count, len(cat.Notes), len(cat.Deals), bullets)
	}
	// Each label belongs to its record's competitor: a note's, a deal's primary one.
	owners := map[string]bool{}
	for _, n := range cat.Notes {
		owners["note|"+n.Title+"|"+n.Competitor] = true
	}
	for _, d := range cat.Deals {
		text := d.Ref
		if d.Account != "" {
			text = d.Account + " (" + d.Ref + ")"
		}
		owners["deal|"+text+"|"+d.Competitors[0]] = true
	}
	for _, l := range labels {
		if l.Kind != "card_item" && !owners[l.Kind+"|"+l.Text+"|"+l.Competitor] {
			t.Errorf("label %+v is not its record's competitor's", l)
		}
	}
	// Read one at a time, the labels are the same, told by their number first.
	size := -1
	var each []Label
	if err := s.EachLabel(ctx, "", func(n int) { size = n }, func(l Label) { each = append(each, l) }); err != nil {
		t.Fatal(err)
	}
	if size != len(labels) || !reflect.DeepEqual(each, labels) {
		t.Errorf("EachLabel: size %d and %d labels, want %d", size, len(each), len(labels))
	}
}

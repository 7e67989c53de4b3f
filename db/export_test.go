package db

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// scrambledCatalog is a catalog whose records were written in an order far from the canonical
// one, so row ids disagree with it everywhere: competitors named against their slugs, features
// whose keys run against their categories and ids, several deals closed on one day, notes of
// one day whose titles sort differently by bytes and by letters, deals whose competitors and
// reasons are listed against their ids.
func scrambledCatalog() model.Catalog {
	d := model.MustParseDate
	cat := model.Catalog{Version: model.CatalogVersion}
	slugs := []string{"zulu", "mike", "alpha", "bravo"}
	for i, s := range slugs {
		cat.Competitors = append(cat.Competitors, model.Competitor{Slug: s, Name: fmt.Sprintf("%c Name", 'A'+len(slugs)-i), IsSelf: s == "mike"})
	}
	for i := range 6 {
		cat.Features = append(cat.Features, model.Feature{Key: fmt.Sprintf("k%d", 9-i), Name: "Feature", Category: []string{"B", "A"}[i%2]})
	}
	levels := []model.Level{model.LevelYes, model.LevelNo, model.LevelPartial}
	for i, c := range slices.Backward(cat.Competitors) {
		for j, f := range cat.Features {
			if (i+j)%4 != 0 {
				cat.Support = append(cat.Support, model.Support{Competitor: c.Slug, Feature: f.Key, Level: levels[(i+j)%3], Note: fmt.Sprint(i, j)})
			}
		}
	}
	cat.ReasonCodes = []model.ReasonCode{{Code: "timing", Label: "Timing"}, {Code: "price", Label: "Price"}, {Code: "gaps", Label: "Gaps"}}
	for i := range 8 {
		deal := model.Deal{Ref: fmt.Sprintf("R-%d", 8-i), ClosedAt: d("2026-01-01").AddDays(i % 3), Outcome: model.OutcomeLost,
			Competitors: []string{slugs[i%4], slugs[(i+2)%4]}, Reasons: []string{"timing", "gaps", "price"}[i%2:], PrimaryReason: "price"}
		if i%3 == 0 {
			deal.Reasons, deal.PrimaryReason = nil, ""
		}
		cat.Deals = append(cat.Deals, deal)
	}
	for i, title := range []string{"beta", "Zeta", "alpha", "Ärger", "Alpha"} {
		for _, c := range []string{"zulu", "alpha"} {
			cat.Notes = append(cat.Notes, model.IntelNote{Competitor: c, Date: d("2026-02-01").AddDays(i % 2), Title: title})
		}
	}
	return cat
}

// TestExportEachGivesCanonicalOrder checks that the records come out of the database already in
// the order model.Catalog.Sort puts them in, kind by kind, with every deal's competitors and
// reasons in the order they were given.
func TestExportEachGivesCanonicalOrder(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	in := scrambledCatalog()
	if _, err := s.Import(ctx, in, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	var got model.Catalog
	var kinds []string
	err := s.Read(ctx, func(snap *Snapshot) error {
		return snap.ExportEach(ctx, func(kind string, record any) error {
			if len(kinds) == 0 || kinds[len(kinds)-1] != kind {
				kinds = append(kinds, kind)
			}
			switch r := record.(type) {
			case model.Competitor:
				got.Competitors = append(got.Competitors, r)
			case model.Feature:
				got.Features = append(got.Features, r)
			case model.Support:
				got.Support = append(got.Support, r)
			case model.ReasonCode:
				got.ReasonCodes = append(got.ReasonCodes, r)
			case model.Deal:
				got.Deals = append(got.Deals, r)
			case model.IntelNote:
				got.Notes = append(got.Notes, r)
			default:
				t.Errorf("unexpected %s record %T", kind, record)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{model.KindCompetitors, model.KindFeatures, model.KindSupport, model.KindReasonCodes, model.KindDeals, model.KindNotes}
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds came as %v, want %v", kinds, want)
	}
	sorted := got
	sorted.Competitors = slices.Clone(got.Competitors)
	sorted.Features = slices.Clone(got.Features)
	sorted.Support = slices.Clone(got.Support)
	sorted.ReasonCodes = slices.Clone(got.ReasonCodes)
	sorted.Deals = slices.Clone(got.Deals)
	sorted.Notes = slices.Clone(got.Notes)
	sorted.Sort()
	if !reflect.DeepEqual(got, sorted) {
		t.Errorf("export order is not canonical:\n got %+v\nwant %+v", got, sorted)
	}
	if len(got.Support) != len(in.Support) || len(got.Deals) != len(in.Deals) || len(got.Notes) != len(in.Notes) {
		t.Fatalf("exported %d cells, %d deals, %d notes; imported %d, %d, %d",
			len(got.Support), len(got.Deals), len(got.Notes), len(in.Support), len(in.Deals), len(in.Notes))
	}
	for _, d := range in.Deals {
		i := slices.IndexFunc(got.Deals, func(e model.Deal) bool { return e.Ref == d.Ref })
		if i < 0 {
			t.Fatalf("deal %s missing", d.Ref)
		}
		e := got.Deals[i]
		if !slices.Equal(e.Competitors, d.Competitors) || !slices.Equal(e.Reasons, d.Reasons) || e.PrimaryReason != d.PrimaryReason {
			t.Errorf("deal %s came back with %v %v %q, want %v %v %q", d.Ref, e.Competitors, e.Reasons, e.PrimaryReason,
				d.Competitors, d.Reasons, d.PrimaryReason)
		}
	}
}

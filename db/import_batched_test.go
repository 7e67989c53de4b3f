package db

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// inBatches hands cat's records to ImportKinds size records at a time, as a streaming
// reader of a catalog file does.
func inBatches(cat model.Catalog, size int) func(kind string) (model.Catalog, bool, error) {
	taken := map[string]int{}
	return func(kind string) (model.Catalog, bool, error) {
		all := onlyKind(cat, kind)
		n := all.Len()
		from := taken[kind]
		to := min(from+size, n)
		taken[kind] = to
		part := model.Catalog{Version: cat.Version}
		switch kind {
		case model.KindCompetitors:
			part.Competitors = all.Competitors[from:to]
		case model.KindFeatures:
			part.Features = all.Features[from:to]
		case model.KindSupport:
			part.Support = all.Support[from:to]
		case model.KindPlans:
			part.Plans = all.Plans[from:to]
		case model.KindReasonCodes:
			part.ReasonCodes = all.ReasonCodes[from:to]
		case model.KindDeals:
			part.Deals = all.Deals[from:to]
		case model.KindCards:
			part.Cards = all.Cards[from:to]
		case model.KindNotes:
			part.Notes = all.Notes[from:to]
		}
		return part, to < n, nil
	}
}

// largeSample is the sample catalog with enough deals, notes and cells for every bulk path.
func largeSample() model.Catalog {
	cat := sampleCatalog()
	cat.Deals = append(cat.Deals, bulkDeals(2*bulkDealsMin+3)...)
	for i := range bulkDealsMin + 7 {
		cat.Notes = append(cat.Notes, model.IntelNote{Competitor: "acme", Date: model.MustParseDate("2026-04-01"),
			Title: fmt.Sprintf("Okapi pricing leak %d", i), Body: "Seen on a call", Tags: []string{"pricing"}})
	}
	for i := range bulkDealsMin + 11 {
		key := fmt.Sprintf("bulk-feature-%04d", i)
		cat.Features = append(cat.Features, model.Feature{Key: key, Name: fmt.Sprintf("Bulk feature %d", i), Category: "Platform"})
		cat.Support = append(cat.Support, model.Support{Competitor: "acme", Feature: key, Level: model.LevelYes, VerifiedAt: model.MustParseDate("2026-03-01")})
	}
	return cat
}

// A catalog stored batch by batch ends exactly as the same catalog stored at once: the same
// report, records, tallies, search index and schema, whatever the batch size.
func TestImportInBatchesEqualsImportAtOnce(t *testing.T) {
	ctx := context.Background()
	cat := largeSample()
	whole := openTest(t)
	wantRep, err := whole.Import(ctx, cat, ImportOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	want, err := whole.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1, 7, 500, 100_000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			s := openTest(t)
			rep, err := s.ImportKinds(ctx, kindsOf(cat), ImportOptions{Now: testNow}, inBatches(cat, size))
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range model.CatalogKinds {
				if *rep.Kinds[k] != *wantRep.Kinds[k] {
					t.Errorf("%s: report %+v, at once %+v", k, *rep.Kinds[k], *wantRep.Kinds[k])
				}
			}
			got, err := s.Export(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Error("the catalog stored in batches differs from the one stored at once")
			}
			checkTallyMatchesDeals(t, s, "a batched import")
			if schemaOf(t, s) != schemaOf(t, whole) {
				t.Error("the schema after a batched import differs")
			}
			if hits, err := s.SearchText(ctx, "Okapi", 5); err != nil || len(hits) == 0 {
				t.Errorf("notes stored in batches are not searchable: %v %v", hits, err)
			}
			if hits, err := s.SearchText(ctx, "Zanzibar", 5); err != nil || len(hits) == 0 {
				t.Errorf("deals stored in batches are not searchable: %v %v", hits, err)
			}
			// Again, in batches: nothing changes.
			rep, err = s.ImportKinds(ctx, kindsOf(cat), ImportOptions{Now: testNow}, inBatches(cat, size))
			if err != nil || rep.Changed() {
				t.Errorf("a second batched import changed something: %v", err)
			}
		})
	}
}

// Records are numbered across batches: a duplicate or an invalid record in a later batch is
// reported at its place in the whole list, and nothing is written.
func TestImportInBatchesLocatesErrorsInTheWholeList(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		spoil func(*model.Catalog)
		kind  string
		index int
		msg   string
	}{
		{"duplicate deal in a later batch", func(c *model.Catalog) { c.Deals[1500].Ref = c.Deals[3].Ref }, model.KindDeals, 1500, "deals[3]"},
		{"invalid note in a later batch", func(c *model.Catalog) { c.Notes[800].Title = "" }, model.KindNotes, 800, "title"},
		{"cell set twice across batches", func(c *model.Catalog) {
			c.Support[len(c.Support)-1].Feature = c.Support[0].Feature
			c.Support[len(c.Support)-1].Competitor = c.Support[0].Competitor
		}, model.KindSupport, -1, "already set by support[0]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cat := largeSample()
			c.spoil(&cat)
			s := openTest(t)
			before := schemaOf(t, s)
			_, err := s.ImportKinds(ctx, kindsOf(cat), ImportOptions{Now: testNow}, inBatches(cat, 250))
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a record error", err)
			}
			index := c.index
			if index < 0 {
				index = len(cat.Support) - 1
			}
			if re.Kind != c.kind || re.Index != index {
				t.Errorf("error at %s[%d], want %s[%d]: %v", re.Kind, re.Index, c.kind, index, err)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q does not say %q", err, c.msg)
			}
			if n := countRows(t, s, `SELECT count(*) FROM deals`) + countRows(t, s, `SELECT count(*) FROM competitors`); n != 0 {
				t.Errorf("a refused import left %d rows", n)
			}
			if schemaOf(t, s) != before {
				t.Error("a refused batched import changed the schema")
			}
		})
	}
}

package db

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// bulkDeals makes n new deals against the sample catalog's competitor.
func bulkDeals(n int) []model.Deal {
	out := make([]model.Deal, n)
	for i := range out {
		out[i] = model.Deal{Ref: fmt.Sprintf("BULK-%05d", i), Account: fmt.Sprintf("Zanzibar Freight %d", i),
			ClosedAt: model.MustParseDate("2026-05-01"), Outcome: model.OutcomeLost, Competitors: []string{"acme"},
			Reasons: []string{"price", "security"}, PrimaryReason: "security", Quote: "too costly"}
	}
	return out
}

func countRows(t *testing.T, s *Store, query string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// schemaOf lists every stored table, index and trigger definition, in a stable order (the
// planner's statistics, sqlite_stat1, are data rather than schema).
func schemaOf(t *testing.T, s *Store) string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT type, name, COALESCE(sql, '') FROM sqlite_master
		WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var kind, name, create string
		if err := rows.Scan(&kind, &name, &create); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s %s\n", kind, name, create)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestBulkDealImportKeepsSearchAndLinks(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	before := schemaOf(t, s)
	deals := bulkDeals(bulkDeals0)
	rep, err := s.Import(ctx, model.Catalog{Version: 1, Deals: deals}, ImportOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if c := rep.Kinds[model.KindDeals]; c.New != len(deals) {
		t.Fatalf("counts %+v", c)
	}
	// The indexes and the search trigger dropped for the bulk insert are back as they were.
	if after := schemaOf(t, s); after != before {
		t.Errorf("schema after a bulk import:\n%s\nwant:\n%s", after, before)
	}
	if n := countRows(t, s, `SELECT count(*) FROM pragma_foreign_key_check`); n != 0 {
		t.Errorf("%d foreign key violations after a bulk import", n)
	}
	got, err := s.Deals(ctx, DealFilter{Competitor: "acme"})
	if err != nil || len(got) != len(deals)+1 {
		t.Fatalf("%d deals, %v", len(got), err)
	}
	for _, d := range got {
		if d.Ref == "BULK-00042" && (d.PrimaryReason != "security" || len(d.Reasons) != 2 || d.Account != "Zanzibar Freight 42") {
			t.Errorf("stored %+v", d)
		}
	}
	hits, err := s.SearchText(ctx, "Zanzibar", 5)
	if err != nil || len(hits) == 0 {
		t.Errorf("bulk deals are not searchable: %v, %v", hits, err)
	}
	// The trigger is back: a deal saved afterwards is indexed at once.
	if _, err := s.SaveDeal(ctx, model.Deal{Ref: "ONE", ClosedAt: model.MustParseDate("2026-06-01"), Outcome: model.OutcomeWon,
		Competitors: []string{"acme"}, Account: "Quokka Logistics"}, nil); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.SearchText(ctx, "Quokka", 5); len(hits) == 0 {
		t.Error("the search trigger was not restored")
	}
	// Re-importing is idempotent.
	rep, err = s.Import(ctx, model.Catalog{Version: 1, Deals: deals}, ImportOptions{Now: testNow})
	if err != nil || rep.Kinds[model.KindDeals].Unchanged != len(deals) {
		t.Errorf("re-import: %+v, %v", rep.Kinds[model.KindDeals], err)
	}
}

// bulkDeals0 is large enough to take the bulk path.
const bulkDeals0 = bulkDealsMin + 37

func TestFailedBulkImportLeavesEverythingAsItWas(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	before := schemaOf(t, s)
	deals := bulkDeals(bulkDeals0)
	deals[len(deals)-5].Competitors = []string{"nobody"}
	_, err := s.Import(ctx, model.Catalog{Version: 1, Deals: deals}, ImportOptions{Now: testNow})
	var re *RecordError
	if !errors.As(err, &re) || re.Index != len(deals)-5 {
		t.Fatalf("error %v", err)
	}
	if n := countRows(t, s, `SELECT count(*) FROM deals`); n != 1 {
		t.Errorf("%d deals after a failed import, want the 1 from before", n)
	}
	if after := schemaOf(t, s); after != before {
		t.Errorf("schema after a failed bulk import:\n%s\nwant:\n%s", after, before)
	}
}

func TestImportConflictRules(t *testing.T) {
	ctx := context.Background()
	changed := sampleCatalog()
	changed.Competitors[1].Positioning = "Now the cheapest suite"
	changed.Deals[0].Quote = "Edited quote"
	for _, tt := range []struct {
		rule       Conflict
		wantErr    bool
		positioned string
		skipped    int
	}{
		{ConflictUpdate, false, "Now the cheapest suite", 0},
		{ConflictSkip, false, "", 1},
		{ConflictFail, true, "", 0},
	} {
		t.Run(string(tt.rule), func(t *testing.T) {
			s := openTest(t)
			if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
				t.Fatal(err)
			}
			rep, err := s.Import(ctx, changed, ImportOptions{Now: testNow, OnConflict: tt.rule})
			if tt.wantErr {
				if !errors.Is(err, ErrConflict) {
					t.Fatalf("error %v, want a conflict", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			c, _ := s.Competitor(ctx, "acme")
			if c.Positioning != tt.positioned {
				t.Errorf("positioning %q, want %q", c.Positioning, tt.positioned)
			}
			if !tt.wantErr && (rep.Kinds[model.KindCompetitors].Skipped != tt.skipped || rep.Kinds[model.KindDeals].Skipped != tt.skipped) {
				t.Errorf("skipped %+v %+v", rep.Kinds[model.KindCompetitors], rep.Kinds[model.KindDeals])
			}
		})
	}
}

func TestBulkNotesAndCellsImport(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	cat := sampleCatalog()
	for i := range bulkDealsMin + 5 {
		cat.Notes = append(cat.Notes, model.IntelNote{Competitor: "acme", Date: model.MustParseDate("2026-04-01"),
			Title: fmt.Sprintf("Okapi pricing leak %d", i), Body: "Seen on a call", Tags: []string{"pricing"}})
	}
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.SearchText(ctx, "Okapi", 5); err != nil || len(hits) == 0 {
		t.Errorf("bulk notes are not searchable: %v %v", hits, err)
	}
	if n := countRows(t, s, `SELECT count(*) FROM sqlite_master WHERE name = 'notes_fts_ai'`); n != 1 {
		t.Error("the notes search trigger was not restored")
	}
	rep, err := s.Import(ctx, cat, ImportOptions{Now: testNow})
	if err != nil || rep.Changed() {
		t.Errorf("re-import changed something: %+v %v", rep.Kinds[model.KindNotes], err)
	}
	out, _ := s.Export(ctx)
	if len(out.Notes) != len(cat.Notes) || len(out.Support) != len(cat.Support) {
		t.Errorf("exported %d notes and %d cells, want %d and %d", len(out.Notes), len(out.Support), len(cat.Notes), len(cat.Support))
	}
}

// A large matrix and many notes take the bulk path: their secondary indexes and the notes'
// search trigger are dropped and rebuilt in the import's transaction. The schema afterwards is
// exactly that of a fresh database, whether the import succeeds or fails.
func TestBulkMatrixImportKeepsTheSchema(t *testing.T) {
	ctx := context.Background()
	fresh := schemaOf(t, openTest(t))
	big := func() model.Catalog {
		cat := sampleCatalog()
		for i := range 600 {
			f := model.Feature{Key: fmt.Sprintf("bulk-%03d", i), Name: fmt.Sprintf("Bulk feature %d", i), Category: "Bulk", Weight: 1}
			cat.Features = append(cat.Features, f)
			for _, c := range cat.Competitors {
				cat.Support = append(cat.Support, model.Support{Competitor: c.Slug, Feature: f.Key, Level: model.LevelYes,
					VerifiedAt: model.MustParseDate("2026-01-01")})
			}
		}
		for i := range bulkDealsMin + 5 {
			cat.Notes = append(cat.Notes, model.IntelNote{Competitor: cat.Competitors[0].Slug, Date: model.MustParseDate("2026-04-01"),
				Title: fmt.Sprintf("Okapi pricing leak %d", i)})
		}
		return cat
	}
	s := openTest(t)
	bad := big()
	bad.Support[len(bad.Support)-3].Feature = "no-such-feature"
	if _, err := s.Import(ctx, bad, ImportOptions{Now: testNow}); err == nil {
		t.Fatal("an unknown feature was accepted")
	}
	if got := schemaOf(t, s); got != fresh {
		t.Errorf("schema after a failed bulk import:\n%s\nwant:\n%s", got, fresh)
	}
	if n := countRows(t, s, `SELECT count(*) FROM support`); n != 0 {
		t.Errorf("%d cells written by a failed import", n)
	}
	cat := big()
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if got := schemaOf(t, s); got != fresh {
		t.Errorf("schema after a bulk import:\n%s\nwant:\n%s", got, fresh)
	}
	if n := countRows(t, s, `SELECT count(*) FROM support`); n != len(cat.Support) {
		t.Errorf("%d cells, want %d", n, len(cat.Support))
	}
	if n := countRows(t, s, `SELECT count(*) FROM pragma_foreign_key_check`); n != 0 {
		t.Errorf("%d foreign key violations", n)
	}
	if n := countRows(t, s, `SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'`); n != 0 {
		t.Errorf("%d integrity problems", n)
	}
}

// A bulk import records a creation for every new deal under its exact ref and primary
// competitor, refs that need escaping in JSON included.
func TestBulkDealImportRecordsEveryCreation(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	before := lastID(t, s)
	deals := bulkDeals(bulkDeals0)
	odd := []string{`Q"uote`, `back\slash`, "Zürich-7", "tab\there", "<&>", "\u2028line"}
	for i, ref := range odd {
		deals[i].Ref = ref
	}
	deals[1].Competitors = []string{"us", "acme"}
	if _, err := s.Import(ctx, model.Catalog{Version: 1, Deals: deals}, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, ch := range newChanges(t, s, before) {
		if ch.Kind != model.ChangeDeal || ch.Op != model.ChangeCreate {
			t.Errorf("change %+v, want a deal created", ch)
		}
		got[ch.Key] = ch.Competitor
	}
	if len(got) != len(deals) {
		t.Errorf("%d deals created in the history, want %d", len(got), len(deals))
	}
	for _, d := range deals {
		if c, ok := got[d.Ref]; !ok || c != d.PrimaryCompetitor() {
			t.Errorf("deal %q: recorded under competitor %q (%v), want %q", d.Ref, c, ok, d.PrimaryCompetitor())
		}
	}
}

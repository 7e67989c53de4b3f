package db

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rivals-app/rivals/model"
)

// openTest opens a fresh store in a temporary directory.
func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "rivals.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestOpenCreatesPrivateFileAndDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "rivals")
	path := filepath.Join(dir, "rivals.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s has mode %o, want %o", p, got, want)
		}
	}
}

func TestOpenAppliesMigrationsAndPragmas(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	var version int
	var journal string
	var fk int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&journal); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || version < 1 {
		t.Errorf("user_version = %d, want %d", version, SchemaVersion())
	}
	if journal != "wal" {
		t.Errorf("journal_mode = %q, want wal", journal)
	}
	if fk != 1 {
		t.Errorf("foreign_keys = %d, want 1", fk)
	}
	// Reopening an up-to-date database is a no-op.
	s2, err := Open(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
}

func TestOpenRefusesNewerSchemaWithoutTouchingIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE x (a); PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Open = %v, want ErrNewerSchema", err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("refused database file was modified")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("refused database got a WAL file")
	}
}

func TestOpenRefusesOtherProgramsDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE foo (a); INSERT INTO foo VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before, _ := os.ReadFile(path)
	if _, err := Open(context.Background(), path); !errors.Is(err, ErrForeignDatabase) {
		t.Fatalf("Open = %v, want ErrForeignDatabase", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("another program's database was modified")
	}
}

func TestOpenExistingDoesNotCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo", "rivals.db")
	if _, err := OpenExisting(context.Background(), path); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("OpenExisting = %v, want ErrNoDatabase", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Error("OpenExisting created the directory")
	}
}

func TestOpenRefusesNonDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte("these are my meeting notes, not a database, and they are long enough to have a header\n")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	if !errors.Is(err, ErrNotDatabase) {
		t.Fatalf("Open = %v, want ErrNotDatabase", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(content, after) {
		t.Error("non-database file was modified")
	}
}

// sampleCatalog is a small catalog touching every kind.
func sampleCatalog() model.Catalog {
	d := model.MustParseDate
	return model.Catalog{
		Version: 1,
		Competitors: []model.Competitor{
			{Slug: "us", Name: "Us", IsSelf: true, Segments: []string{"mid-market"}},
			{Slug: "acme", Name: "Acme Desk", Threat: model.ThreatHigh, Tags: []string{"incumbent"},
				Pricing:   model.PricingFacts{Visibility: model.PricingPartial, TrialDays: 14, Freemium: model.No, DiscountPercent: 20, ContractTerms: "annual only"},
				CreatedAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), UpdatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		},
		Features: []model.Feature{
			{Key: "sso", Name: "Single sign-on", Category: "Security", Description: "SAML and OIDC login", Weight: 5},
			{Key: "voice", Name: "Voice", Category: "Channels", Weight: 3},
		},
		Support: []model.Support{
			{Competitor: "acme", Feature: "sso", Level: model.LevelPartial, Note: "Enterprise only", VerifiedAt: d("2026-01-10")},
			{Competitor: "us", Feature: "sso", Level: model.LevelYes, VerifiedAt: d("2026-11-01")},
		},
		Plans: []model.PricePlan{
			{Competitor: "acme", Name: "Pro", Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth, Unit: "agent", MaxSeats: 100,
				Observations: []model.PriceObservation{{ObservedAt: d("2025-01-01"), Amount: 4900}, {ObservedAt: d("2026-03-01"), Amount: 5900}}},
			{Competitor: "acme", Name: "Enterprise", Model: model.ModelContactSales, Currency: "USD", Period: model.PeriodYear,
				Observations: []model.PriceObservation{{ObservedAt: d("2026-03-01")}}},
		},
		ReasonCodes: []model.ReasonCode{{Code: "price", Label: "Price"}, {Code: "security", Label: "Security"}},
		Deals: []model.Deal{
			{Ref: "OPP-1", ClosedAt: d("2026-02-01"), Outcome: model.OutcomeLost, Competitors: []string{"acme"}, Amount: 1200000, Currency: "USD",
				Reasons: []string{"price", "security"}, PrimaryReason: "price", Quote: "Acme was simply cheaper for our team"},
		},
		Cards: []model.BattleCard{
			{Competitor: "acme", Owner: "Pat", LastReviewed: d("2026-10-01"), Overview: "Incumbent suite.",
				QuickRead: "Incumbent, slow to deploy.\nLead with time to value.", DoNotSay: []string{"Don't call them insecure: SOC 2 since 2025"},
				WhyWeWin: []model.Claim{{Text: "Faster rollout", Citation: model.Citation{Source: "https://acme.test/docs", Confirmed: d("2026-09-30"), Confidence: model.ConfidenceFact}},
					{Text: "Clean reporting"}},
				Objections: []model.Objection{{Objection: "They have more apps", Response: "We integrate with what you use",
					Citation: model.Citation{Source: "call with Northwind, 2026-10-03", Confidence: model.ConfidenceInference}}}},
		},
		Notes: []model.IntelNote{
			{Competitor: "acme", Date: d("2026-03-01"), Title: "Acme raised list prices", Body: "Pro went from $49 to $59 per agent.", Tags: []string{"pricing"}},
		},
	}
}

func TestImportThenExportPreservesEverything(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	in := sampleCatalog()
	rep, err := s.Import(ctx, in, ImportOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Kinds[model.KindSupport].New; got != 2 {
		t.Errorf("support new = %d, want 2", got)
	}
	out, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := sampleCatalog()
	want.Normalize()
	// Timestamps missing from the file are stamped with the import time.
	want.Competitors[0].CreatedAt, want.Competitors[0].UpdatedAt = testNow, testNow
	want.Sort()
	if !equalJSON(out, want) {
		t.Errorf("export differs from import\n got: %+v\nwant: %+v", out, want)
	}
}

func TestImportIsIdempotent(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	first, _ := s.Export(ctx)
	rep, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed() {
		t.Errorf("second import changed something: %+v", rep.Kinds)
	}
	second, _ := s.Export(ctx)
	if !equalJSON(first, second) {
		t.Error("second import altered the catalog")
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	rep, err := s.Import(ctx, sampleCatalog(), ImportOptions{DryRun: true, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kinds[model.KindCompetitors].New != 2 {
		t.Errorf("dry run reported %+v competitors, want 2 new", rep.Kinds[model.KindCompetitors])
	}
	if empty, _ := s.IsEmpty(ctx); !empty {
		t.Error("dry run wrote to the database")
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Export(ctx)
	bad := sampleCatalog()
	bad.Competitors[1].Name = "Renamed"        // a valid change early in the file…
	bad.Notes[0].Competitor = "no-such-vendor" // …and a bad reference at the end
	_, err := s.Import(ctx, bad, ImportOptions{Now: testNow})
	var re *RecordError
	if !errors.As(err, &re) || re.Kind != model.KindNotes || re.Index != 0 {
		t.Fatalf("Import = %v, want a RecordError for notes[0]", err)
	}
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "competitor" {
		t.Errorf("error %v does not name the competitor field", err)
	}
	after, _ := s.Export(ctx)
	if !equalJSON(before, after) {
		t.Error("failed import left partial changes")
	}
}

func TestImportReportsInvalidRecords(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(c *model.Catalog)
		kind   string
		index  int
		field  string
	}{
		{"bad threat", func(c *model.Catalog) { c.Competitors[1].Threat = "extreme" }, model.KindCompetitors, 1, "threat"},
		{"duplicate slug", func(c *model.Catalog) { c.Competitors[1].Slug = "us"; c.Competitors[1].IsSelf = false }, model.KindCompetitors, 1, "slug"},
		{"two selves", func(c *model.Catalog) { c.Competitors[1].IsSelf, c.Competitors[1].Threat = true, "" }, model.KindCompetitors, 1, "is_self"},
		{"unknown feature", func(c *model.Catalog) { c.Support[1].Feature = "teleport" }, model.KindSupport, 1, "feature"},
		{"unknown reason", func(c *model.Catalog) { c.Deals[0].Reasons = []string{"price", "vibes"} }, model.KindDeals, 0, "reasons[1]"},
		{"unknown deal competitor", func(c *model.Catalog) { c.Deals[0].Competitors = []string{"acme", "ghost"} }, model.KindDeals, 0, "competitors[1]"},
		{"contact sales with price", func(c *model.Catalog) { c.Plans[1].Observations[0].Amount = 100 }, model.KindPlans, 1, "observations[0].amount"},
		{"blank list item keeps its index", func(c *model.Catalog) { c.Deals[0].Competitors = []string{"acme", " ", "ghost"} }, model.KindDeals, 0, "competitors[1]"},
		{"card for unknown", func(c *model.Catalog) { c.Cards[0].Competitor = "ghost" }, model.KindCards, 0, "competitor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			cat := sampleCatalog()
			tt.mutate(&cat)
			_, err := s.Import(context.Background(), cat, ImportOptions{Now: testNow})
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("Import = %v, want a RecordError", err)
			}
			var fe *model.FieldError
			errors.As(err, &fe)
			if re.Kind != tt.kind || re.Index != tt.index || fe == nil || fe.Field != tt.field {
				t.Errorf("got %v (kind %s index %d), want %s[%d].%s", err, re.Kind, re.Index, tt.kind, tt.index, tt.field)
			}
			if empty, _ := s.IsEmpty(context.Background()); !empty {
				t.Error("failed import wrote records")
			}
		})
	}
}

func TestPriceHistoryIsMergedNeverOverwritten(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	// A later file that only knows the newest price must not erase the history.
	later := model.Catalog{Version: 1, Plans: []model.PricePlan{{
		Competitor: "acme", Name: "Pro", Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth, Unit: "agent",
		Observations: []model.PriceObservation{{ObservedAt: model.MustParseDate("2026-11-01"), Amount: 6900}},
	}}}
	rep, err := s.Import(ctx, later, ImportOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kinds[model.KindPlans].Updated != 1 {
		t.Errorf("plans report %+v, want 1 updated", rep.Kinds[model.KindPlans])
	}
	plans, err := s.Plans(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	var amounts []int64
	for _, o := range plans[0].Observations {
		amounts = append(amounts, o.Amount)
	}
	if len(amounts) != 3 || amounts[0] != 4900 || amounts[2] != 6900 {
		t.Errorf("history = %v, want [4900 5900 6900]", amounts)
	}
	latest, _ := plans[0].Latest()
	if latest.Amount != 6900 {
		t.Errorf("latest = %d, want 6900", latest.Amount)
	}
}

func TestOnlyOneSelf(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.SaveCompetitor(ctx, model.Competitor{Slug: "us", Name: "Us", IsSelf: true}, testNow); err != nil {
		t.Fatal(err)
	}
	_, err := s.SaveCompetitor(ctx, model.Competitor{Slug: "them", Name: "Them", IsSelf: true}, testNow)
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "is_self" {
		t.Fatalf("second self = %v, want an is_self field error", err)
	}
	// The schema enforces it too, whatever the caller does.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO competitors (slug, name, is_self, created_at, updated_at) VALUES ('x', 'X', 1, '', '')`); err == nil {
		t.Error("schema accepted a second is_self row")
	}
}

func TestSaveAndDeleteCompetitor(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	c, err := s.Competitor(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	c.Positioning = "The incumbent"
	later := testNow.Add(48 * time.Hour)
	saved, err := s.SaveCompetitor(ctx, c, later)
	if err != nil {
		t.Fatal(err)
	}
	if !saved.UpdatedAt.Equal(later) || !saved.CreatedAt.Equal(c.CreatedAt) {
		t.Errorf("timestamps after save: created %v updated %v", saved.CreatedAt, saved.UpdatedAt)
	}
	// Saving without a change keeps the timestamp.
	again, err := s.SaveCompetitor(ctx, saved, later.Add(time.Hour))
	if err != nil || !again.UpdatedAt.Equal(later) {
		t.Errorf("unchanged save moved updated_at to %v (%v)", again.UpdatedAt, err)
	}
	if err := s.DeleteCompetitor(ctx, "acme"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Competitor(ctx, "acme"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Competitor after delete = %v, want ErrNotFound", err)
	}
	if err := s.DeleteCompetitor(ctx, "acme"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete = %v, want ErrNotFound", err)
	}
	// Everything about the competitor went with it.
	stats, _ := s.Stats(ctx)
	for _, kind := range []string{model.KindPlans, model.KindCards, model.KindNotes} {
		if stats[kind] != 0 {
			t.Errorf("%d %s left after delete", stats[kind], kind)
		}
	}
	if stats[model.KindSupport] != 1 {
		t.Errorf("support rows = %d, want only ours (1)", stats[model.KindSupport])
	}
}

func TestFullTextIndexFollowsEdits(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	kinds := func(q string) map[string]int {
		hits, err := s.SearchText(ctx, q, 50)
		if err != nil {
			t.Fatalf("SearchText(%q): %v", q, err)
		}
		out := map[string]int{}
		for _, h := range hits {
			out[h.Kind]++
		}
		return out
	}
	if k := kinds("raised"); k["note"] != 1 {
		t.Errorf("note not indexed: %v", k)
	}
	if k := kinds("chea"); k["deal"] != 1 { // prefix query on a deal quote
		t.Errorf("deal quote not indexed by prefix: %v", k)
	}
	if k := kinds("rollout"); k["card_item"] != 1 {
		t.Errorf("card bullet not indexed: %v", k)
	}
	if k := kinds("oidc"); k["feature"] != 1 {
		t.Errorf("feature description not indexed: %v", k)
	}
	// Update: the old words leave the index, the new ones arrive.
	edited := sampleCatalog()
	edited.Notes[0].Body = "Pro now costs $69 after another increase."
	edited.Cards[0].WhyWeWin = model.Claims("Weeks not months to go live")
	if _, err := s.Import(ctx, edited, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if k := kinds("another increase"); k["note"] != 1 {
		t.Errorf("updated note body not indexed: %v", k)
	}
	if k := kinds("rollout"); k["card_item"] != 0 {
		t.Errorf("replaced card bullet still indexed: %v", k)
	}
	// Delete: cascades clear the index too.
	if err := s.DeleteCompetitor(ctx, "acme"); err != nil {
		t.Fatal(err)
	}
	if k := kinds("increase"); len(k) != 0 {
		t.Errorf("deleted records still found: %v", k)
	}
	// Punctuation typed by a user is never FTS5 syntax.
	for _, q := range []string{`"`, "AND OR NOT", "a*b(", "-", "sso:"} {
		if _, err := s.SearchText(ctx, q, 10); err != nil {
			t.Errorf("SearchText(%q) = %v", q, err)
		}
	}
}

func TestDealsKeepCompetitorOrderAndPrimaryReason(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	cat := sampleCatalog()
	cat.Competitors = append(cat.Competitors, model.Competitor{Slug: "zed", Name: "Zed"})
	cat.Deals[0].Competitors = []string{"zed", "acme"}
	cat.Deals[0].PrimaryReason = "security"
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	for _, slug := range []string{"acme", "zed"} {
		deals, err := s.Deals(ctx, DealFilter{Competitor: slug})
		if err != nil {
			t.Fatal(err)
		}
		if len(deals) != 1 {
			t.Fatalf("deals facing %s = %d, want 1", slug, len(deals))
		}
		d := deals[0]
		if d.PrimaryCompetitor() != "zed" || d.PrimaryReason != "security" || len(d.Reasons) != 2 {
			t.Errorf("deal = %+v", d)
		}
	}
	if deals, _ := s.Deals(ctx, DealFilter{Competitor: "us"}); len(deals) != 0 {
		t.Errorf("deals facing us = %d, want 0", len(deals))
	}
}

package db

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/model"
)

func TestDeleteCompetitorKeepsDealsConsistent(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	cat := sampleCatalog()
	cat.Competitors = append(cat.Competitors, model.Competitor{Slug: "zed", Name: "Zed"})
	cat.Deals = append(cat.Deals, model.Deal{Ref: "OPP-2", ClosedAt: model.MustParseDate("2026-03-01"),
		Outcome: model.OutcomeWon, Competitors: []string{"acme", "zed"}})
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	impact, err := s.DeleteImpactOf(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	want := DeleteImpact{Support: 1, Plans: 2, Notes: 1, Cards: 1, DealsOnlyThem: 1, DealsShared: 1}
	if impact != want {
		t.Errorf("impact = %+v, want %+v", impact, want)
	}
	if err := s.DeleteCompetitor(ctx, "acme"); err != nil {
		t.Fatal(err)
	}
	deals, err := s.Deals(ctx, DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(deals) != 1 || deals[0].Ref != "OPP-2" || deals[0].PrimaryCompetitor() != "zed" {
		t.Fatalf("deals after delete = %+v, want only OPP-2 with zed as primary", deals)
	}
	// What is left still exports to a catalog that imports cleanly.
	out, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openTest(t).Import(ctx, out, ImportOptions{Now: testNow}); err != nil {
		t.Errorf("export after delete does not import: %v", err)
	}
}

func TestPlanHistoryMeaningCannotChange(t *testing.T) {
	for _, tt := range []struct {
		field  string
		mutate func(p *model.PricePlan)
	}{
		{"currency", func(p *model.PricePlan) { p.Currency = "EUR" }},
		{"model", func(p *model.PricePlan) { p.Model = model.ModelFlat }},
		{"period", func(p *model.PricePlan) { p.Period = model.PeriodYear }},
	} {
		t.Run(tt.field, func(t *testing.T) {
			s := openTest(t)
			ctx := context.Background()
			if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
				t.Fatal(err)
			}
			cat := model.Catalog{Version: 1, Plans: sampleCatalog().Plans[:1]}
			tt.mutate(&cat.Plans[0])
			_, err := s.Import(ctx, cat, ImportOptions{Now: testNow})
			var fe *model.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !strings.Contains(fe.Msg, "rewrite its history") {
				t.Errorf("changing %s of a plan with history = %v", tt.field, err)
			}
		})
	}
}

func TestNewPlansGoAfterExistingOnes(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	// A file holding only the second plan, and then a new one, must not reorder anything.
	second := sampleCatalog().Plans[1]
	extra := model.PricePlan{Competitor: "acme", Name: "Add-on", Model: model.ModelFlat, Currency: "USD", Period: model.PeriodMonth}
	if _, err := s.Import(ctx, model.Catalog{Version: 1, Plans: []model.PricePlan{second, extra}}, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	plans, err := s.Plans(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range plans {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "Pro,Enterprise,Add-on" {
		t.Errorf("plan order = %v, want Pro, Enterprise, Add-on", names)
	}
}

func TestCompetitorTimestampsStayOrdered(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	past := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	cat := model.Catalog{Version: 1, Competitors: []model.Competitor{{Slug: "a", Name: "A", UpdatedAt: past}}}
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	c, err := s.Competitor(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if !c.CreatedAt.Equal(past) || !c.UpdatedAt.Equal(past) {
		t.Errorf("created %v updated %v, want both %v", c.CreatedAt, c.UpdatedAt, past)
	}
	// An update claiming a time before the stored creation is refused.
	cat.Competitors[0].Name, cat.Competitors[0].UpdatedAt = "A2", past.Add(-time.Hour)
	_, err = s.Import(ctx, cat, ImportOptions{Now: testNow})
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "updated_at" {
		t.Errorf("update before creation = %v, want an updated_at error", err)
	}
}

func TestCreateCompetitorRefusesTakenSlug(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.CreateCompetitor(ctx, model.Competitor{Slug: "acme", Name: "Acme"}, testNow); err != nil {
		t.Fatal(err)
	}
	_, err := s.CreateCompetitor(ctx, model.Competitor{Slug: "acme", Name: "Other Acme"}, testNow)
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "slug" {
		t.Fatalf("second create = %v, want a slug error", err)
	}
	if c, _ := s.Competitor(ctx, "acme"); c.Name != "Acme" {
		t.Errorf("the first competitor was overwritten: %q", c.Name)
	}
}

func TestSaveAndDeleteNote(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	n, err := s.SaveNote(ctx, model.IntelNote{Competitor: "acme", Date: model.MustParseDate("2026-11-20"), Title: "Acme hires a CRO", Body: "From a rival vendor."})
	if err != nil || n.ID == 0 {
		t.Fatalf("SaveNote = %+v, %v", n, err)
	}
	n.Body = "From a rival vendor; expect discounting."
	if _, err := s.SaveNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	notes, _ := s.Notes(ctx, "acme")
	if len(notes) != 2 || notes[0].Title != "Acme hires a CRO" || notes[0].Body != n.Body {
		t.Fatalf("notes = %+v", notes)
	}
	if hits, _ := s.SearchText(ctx, "discounting", 5); len(hits) != 1 {
		t.Errorf("edited note body not searchable: %v", hits)
	}
	// Same competitor, date and title as another note.
	dup := model.IntelNote{Competitor: "acme", Date: notes[1].Date, Title: notes[1].Title}
	var fe *model.FieldError
	if _, err := s.SaveNote(ctx, dup); !errors.As(err, &fe) || fe.Field != "title" {
		t.Errorf("duplicate note = %v", err)
	}
	if _, err := s.SaveNote(ctx, model.IntelNote{Competitor: "acme", Title: "no date"}); !errors.As(err, &fe) || fe.Field != "date" {
		t.Errorf("note without date = %v", err)
	}
	if err := s.DeleteNote(ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteNote(ctx, n.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete = %v", err)
	}
}

func TestSaveSupport(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	cell := model.Support{Competitor: "acme", Feature: "voice", Level: model.LevelYes, Note: "Native since v9", VerifiedAt: model.MustParseDate("2026-11-23")}
	if _, err := s.SaveSupport(ctx, cell); err != nil {
		t.Fatal(err)
	}
	cell.Level = model.LevelPartial
	if _, err := s.SaveSupport(ctx, cell); err != nil {
		t.Fatal(err)
	}
	cells, _ := s.Support(ctx, "acme")
	var got []string
	for _, c := range cells {
		got = append(got, c.Feature+"="+string(c.Level))
	}
	if strings.Join(got, ",") != "sso=partial,voice=partial" {
		t.Errorf("cells = %v", got)
	}
	if _, err := s.SaveSupport(ctx, model.Support{Competitor: "acme", Feature: "teleport", Level: model.LevelYes}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown feature = %v", err)
	}
	var fe *model.FieldError
	if _, err := s.SaveSupport(ctx, model.Support{Competitor: "acme", Feature: "sso", Level: "maybe"}); !errors.As(err, &fe) || fe.Field != "level" {
		t.Errorf("bad level = %v", err)
	}
}

func TestFeatureManagement(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFeature(ctx, model.Feature{Key: "scim", Name: "SCIM provisioning", Category: "Security", Weight: 3}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveFeature(ctx, model.Feature{Key: "scim", Name: "SCIM", Category: "Security", Weight: 9}); err == nil {
		t.Error("weight 9 accepted")
	}
	n, err := s.RenameCategory(ctx, "Security", "Security & Compliance")
	if err != nil || n != 2 {
		t.Fatalf("RenameCategory = %d, %v; want 2 features", n, err)
	}
	if _, err := s.RenameCategory(ctx, "Nope", "X"); !errors.Is(err, ErrNotFound) {
		t.Errorf("rename of a missing category = %v", err)
	}
	day := model.MustParseDate("2026-11-23")
	n, err = s.MarkVerified(ctx, "acme", "Security & Compliance", day)
	if err != nil || n != 1 {
		t.Fatalf("MarkVerified = %d, %v; want the one recorded acme cell", n, err)
	}
	cells, _ := s.Support(ctx, "acme")
	if cells[0].VerifiedAt != day {
		t.Errorf("verified_at = %s", cells[0].VerifiedAt)
	}
	if err := s.DeleteFeature(ctx, "sso"); err != nil {
		t.Fatal(err)
	}
	if cells, _ := s.Support(ctx, ""); len(cells) != 0 {
		t.Errorf("cells of a deleted feature remain: %v", cells)
	}
	if err := s.DeleteFeature(ctx, "sso"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete = %v", err)
	}
}

func TestSaveCardReplacesSections(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	k, err := s.Card(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	k.WhyWeWin = model.Claims(" Faster rollout ", "Clean reporting", "SOC 2 from day one")
	k.Objections = nil
	k.LastReviewed = model.MustParseDate("2026-11-23")
	if _, err := s.SaveCard(ctx, k); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Card(ctx, "acme")
	if len(got.WhyWeWin) != 3 || got.WhyWeWin[0].Text != "Faster rollout" || len(got.Objections) != 0 || got.LastReviewed.String() != "2026-11-23" {
		t.Errorf("saved card %+v", got)
	}
	// A competitor with no card gets one; an unknown one is refused.
	if _, err := s.SaveCard(ctx, model.BattleCard{Competitor: "us", Overview: "Ours"}); err != nil {
		t.Errorf("new card: %v", err)
	}
	if _, err := s.SaveCard(ctx, model.BattleCard{Competitor: "nobody"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown competitor: %v", err)
	}
	// The full-text index follows the edit.
	hits, err := s.SearchText(ctx, "SOC", 10)
	if err != nil || len(hits) == 0 {
		t.Errorf("search after the edit: %v, %v", hits, err)
	}
}

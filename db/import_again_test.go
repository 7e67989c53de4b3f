package db

import (
	"context"
	"errors"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// An import run again finds its records stored as they are and changes nothing, without
// running their upserts; a change to any one field of a matrix cell, deal or note is still
// found, stored and logged as one update.
func TestImportAgainFindsEachChange(t *testing.T) {
	ctx := context.Background()
	s := seededForChanges(t)
	before := lastID(t, s)
	rep, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed() || rep.Kinds[model.KindSupport].Unchanged != 2 || rep.Kinds[model.KindDeals].Unchanged != 1 || rep.Kinds[model.KindNotes].Unchanged != 1 {
		t.Errorf("the same catalog again: %+v %+v %+v", *rep.Kinds[model.KindSupport], *rep.Kinds[model.KindDeals], *rep.Kinds[model.KindNotes])
	}
	if chs := newChanges(t, s, before); len(chs) != 0 {
		t.Errorf("the same catalog again logged %d changes", len(chs))
	}
	d := model.MustParseDate
	for name, c := range map[string]struct {
		kind   string
		change func(*model.Catalog)
	}{
		"cell note":         {model.KindSupport, func(c *model.Catalog) { c.Support[0].Note = "All plans" }},
		"cell verified":     {model.KindSupport, func(c *model.Catalog) { c.Support[0].VerifiedAt = d("2026-02-10") }},
		"cell source":       {model.KindSupport, func(c *model.Catalog) { c.Support[1].Source = "https://us.test/sso" }},
		"deal reason order": {model.KindDeals, func(c *model.Catalog) { c.Deals[0].Reasons = []string{"security", "price"} }},
		"deal primary":      {model.KindDeals, func(c *model.Catalog) { c.Deals[0].PrimaryReason = "security" }},
		"deal account":      {model.KindDeals, func(c *model.Catalog) { c.Deals[0].Account = "Northwind" }},
		"note body":         {model.KindNotes, func(c *model.Catalog) { c.Notes[0].Body = "Pro went to $59." }},
		"note tags":         {model.KindNotes, func(c *model.Catalog) { c.Notes[0].Tags = []string{"pricing", "launch"} }},
	} {
		cat := sampleCatalog()
		c.change(&cat)
		before := lastID(t, s)
		rep, err := s.Import(ctx, cat, ImportOptions{Now: testNow})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		updated := 0
		for _, counts := range rep.Kinds {
			updated += counts.Updated
		}
		if rep.Kinds[c.kind].Updated != 1 || updated != 1 {
			t.Errorf("%s: %d %s updated, %d in all; want 1", name, rep.Kinds[c.kind].Updated, c.kind, updated)
		}
		if chs := newChanges(t, s, before); len(chs) != 1 || chs[0].Op != model.ChangeUpdate {
			t.Errorf("%s: logged %+v, want one update", name, chs)
		}
		// Back to the sample, which is then again one update.
		if rep, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil || rep.Kinds[c.kind].Updated != 1 {
			t.Errorf("%s: back to the sample: %v, %+v", name, err, rep.Kinds[c.kind])
		}
	}
}

// An import whose context is cancelled while it stores records (here as its deals are asked
// for, after the matrix cells went in one statement each) stops with the context's error and
// writes nothing.
func TestImportStopsWhenCancelled(t *testing.T) {
	s := seededForChanges(t)
	before := exportJSON(t, s)
	cat := sampleCatalog()
	cat.Support[0].Note = "All plans" // stored through the per-record statements
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := s.ImportKinds(ctx, kindsOf(cat), ImportOptions{Now: testNow}, func(kind string) (model.Catalog, bool, error) {
		if kind == model.KindDeals {
			cancel()
		}
		return cat, false, nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled import: %v", err)
	}
	if after := exportJSON(t, s); after != before {
		t.Error("a cancelled import wrote to the database")
	}
}

// With DistinctRefs the import keeps no map of the refs it is given; should two deals share a
// ref after all, the import still fails and writes nothing.
func TestImportDistinctRefsStillRefusesARepeatedRef(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	cat := sampleCatalog()
	d := cat.Deals[0]
	d.Account = "Another account"
	cat.Deals = append(cat.Deals, d)
	if _, err := s.Import(ctx, cat, ImportOptions{DistinctRefs: true}); err == nil {
		t.Fatal("two deals with one ref imported")
	}
	if deals, err := s.Deals(ctx, DealFilter{}); err != nil || len(deals) != 0 {
		t.Errorf("%d deals stored (%v)", len(deals), err)
	}
}

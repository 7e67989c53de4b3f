package cli

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/model"
)

// demoFile names the embedded demo catalog in error messages.
const demoFile = "testdata/demo/catalog.json"

// demoEdit is one edit of the demo's recent history: made by who, how many days before the
// demo is opened, and what it does to the store.
type demoEdit struct {
	author  string
	daysAgo int
	apply   func(ctx context.Context, store *db.Store) error
}

// loadDemo imports the demo catalog (Env.DemoCatalog) into store together with a short recent
// history, so that the change history and the digest have something to show: the catalog is
// imported as it was, dated when its first record was made, then the last few edits (a price rise, a feature shipped,
// an intel note, a card edit) are made again, dated relative to now so that they stay recent
// however old the demo is. The catalog ends exactly as the file has it.
func loadDemo(ctx context.Context, store *db.Store, demo []byte, now time.Time) error {
	cat, ix, err := catalog.Decode(demoFile, demo)
	if err != nil {
		return err
	}
	past, edits := demoHistory(cat)
	at := func(days int) func() time.Time {
		t := now.Add(-time.Duration(days) * 24 * time.Hour)
		return func() time.Time { return t }
	}
	// The catalog itself is dated when its first record was made: before every review and
	// every fact in it, whenever the demo is opened.
	since := now.Add(-45 * 24 * time.Hour)
	for _, c := range cat.Competitors {
		if !c.CreatedAt.IsZero() && c.CreatedAt.Before(since) {
			since = c.CreatedAt
		}
	}
	imported := store.As(db.Origin{Author: "demo", Source: "import " + demoFile, Now: func() time.Time { return since }})
	if _, err := imported.Import(ctx, past, db.ImportOptions{Now: now}); err != nil {
		var re *db.RecordError
		if errors.As(err, &re) && len(edits) == 0 {
			return ix.LocateError(re.Kind, re.Index, re.Err)
		}
		return err
	}
	for _, e := range edits {
		if err := e.apply(ctx, store.As(db.Origin{Author: e.author, Source: "tui", Now: at(e.daysAgo)})); err != nil {
			return err
		}
	}
	return nil
}

// demoHistory splits the demo catalog into the catalog as it was before its recent history
// and the edits that make it what it is. A catalog without the records the history is about
// gets no history.
func demoHistory(cat model.Catalog) (model.Catalog, []demoEdit) {
	plan := slices.IndexFunc(cat.Plans, func(p model.PricePlan) bool {
		return p.Competitor == "ticketry" && p.Name == "Self-Hosted Enterprise" && len(p.Observations) == 3
	})
	cell := slices.IndexFunc(cat.Support, func(sp model.Support) bool {
		return sp.Competitor == "harborline" && sp.Feature == "sandbox_environment"
	})
	card := slices.IndexFunc(cat.Cards, func(k model.BattleCard) bool {
		return k.Competitor == "harborline" && len(k.WhyTheyWin) > 1
	})
	note := slices.IndexFunc(cat.Notes, func(n model.IntelNote) bool {
		return n.Competitor == "nimbus-assist" && n.Date == model.MustParseDate("2026-11-17")
	})
	if plan < 0 || cell < 0 || card < 0 || note < 0 {
		return cat, nil
	}
	now := cat
	past := cat
	past.Plans = slices.Clone(cat.Plans)
	past.Support = slices.Clone(cat.Support)
	past.Cards = slices.Clone(cat.Cards)
	past.Notes = slices.Delete(slices.Clone(cat.Notes), note, note+1)

	p := now.Plans[plan]
	past.Plans[plan].Observations = p.Observations[:1]
	rise, confirm := p.Observations[1], p.Observations[2]

	shipped := now.Support[cell]
	past.Support[cell] = model.Support{Competitor: shipped.Competitor, Feature: shipped.Feature, Level: model.LevelRoadmap,
		Note: "Announced for Suite Enterprise", Source: shipped.Source, VerifiedAt: model.MustParseDate("2026-09-15")}

	k := now.Cards[card]
	was := k
	was.WhyTheyWin = k.WhyTheyWin[:len(k.WhyTheyWin)-1]
	was.LastReviewed = model.MustParseDate("2026-10-02")
	past.Cards[card] = was

	n := now.Notes[note]
	recordPrice := func(o model.PriceObservation) func(context.Context, *db.Store) error {
		return func(ctx context.Context, store *db.Store) error {
			plans, err := store.Plans(ctx, p.Competitor)
			if err != nil {
				return err
			}
			for _, sp := range plans {
				// Loaded again over itself (init --demo --force), the price is there already.
				if sp.Name == p.Name && !slices.ContainsFunc(sp.Observations, func(x model.PriceObservation) bool { return x.ObservedAt == o.ObservedAt }) {
					return store.RecordPrice(ctx, sp.ID, o)
				}
			}
			return nil
		}
	}
	return past, []demoEdit{
		{author: "marta", daysAgo: 12, apply: recordPrice(rise)},
		{author: "sam", daysAgo: 9, apply: recordPrice(confirm)},
		{author: "marta", daysAgo: 6, apply: func(ctx context.Context, store *db.Store) error {
			_, err := store.SaveSupport(ctx, shipped)
			return err
		}},
		{author: "sam", daysAgo: 4, apply: func(ctx context.Context, store *db.Store) error {
			notes, err := store.Notes(ctx, n.Competitor)
			if err != nil || slices.ContainsFunc(notes, func(x model.IntelNote) bool { return x.Date == n.Date && x.Title == n.Title }) {
				return err
			}
			_, err = store.SaveNote(ctx, n)
			return err
		}},
		{author: "marta", daysAgo: 2, apply: func(ctx context.Context, store *db.Store) error {
			_, err := store.SaveCard(ctx, k)
			return err
		}},
	}
}

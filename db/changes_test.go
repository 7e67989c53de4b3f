package db

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/model"
)

// seededForChanges opens a store holding sampleCatalog (imported as "seed") that writes as
// marta from the TUI.
func seededForChanges(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.As(Origin{Author: "seed", Source: "import seed.json", Now: func() time.Time { return testNow }}).Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	clock := testNow
	return s.As(Origin{Author: "marta", Source: "tui", Now: func() time.Time { clock = clock.Add(time.Minute); return clock }})
}

// newChanges returns the changes made after change id after.
func newChanges(t *testing.T, s *Store, after int64) []model.Change {
	t.Helper()
	chs, err := s.Changes(context.Background(), model.ChangeFilter{AfterID: after})
	if err != nil {
		t.Fatal(err)
	}
	return chs
}

func lastID(t *testing.T, s *Store) int64 {
	t.Helper()
	id, err := s.LastChangeID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func planIDOf(t *testing.T, s *Store, slug, name string) int64 {
	t.Helper()
	plans, err := s.Plans(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		if p.Name == name {
			return p.ID
		}
	}
	t.Fatalf("no plan %s/%s", slug, name)
	return 0
}

func dealIDOf(t *testing.T, s *Store, ref string) int64 {
	t.Helper()
	deals, err := s.Deals(context.Background(), DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range deals {
		if d.Ref == ref {
			return d.ID
		}
	}
	t.Fatalf("no deal %s", ref)
	return 0
}

func noteIDOf(t *testing.T, s *Store, title string) int64 {
	t.Helper()
	notes, err := s.Notes(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		if n.Title == title {
			return n.ID
		}
	}
	t.Fatalf("no note %q", title)
	return 0
}

// writePaths is every store method that writes, with the one change it must leave.
func writePaths() []struct {
	name string
	op   func(t *testing.T, s *Store) error
	kind model.ChangeKind
	do   model.ChangeOp
	key  string
} {
	ctx := context.Background()
	d := model.MustParseDate
	return []struct {
		name string
		op   func(t *testing.T, s *Store) error
		kind model.ChangeKind
		do   model.ChangeOp
		key  string
	}{
		{"create competitor", func(t *testing.T, s *Store) error {
			_, err := s.CreateCompetitor(ctx, model.Competitor{Slug: "zen", Name: "Zen"}, testNow)
			return err
		}, model.ChangeCompetitor, model.ChangeCreate, "zen"},
		{"save competitor", func(t *testing.T, s *Store) error {
			c, _ := s.Competitor(ctx, "acme")
			c.Positioning = "The incumbent"
			_, err := s.SaveCompetitor(ctx, c, testNow)
			return err
		}, model.ChangeCompetitor, model.ChangeUpdate, "acme"},
		{"save feature", func(t *testing.T, s *Store) error {
			_, err := s.SaveFeature(ctx, model.Feature{Key: "sso", Name: "SSO", Category: "Security", Weight: 5})
			return err
		}, model.ChangeFeature, model.ChangeUpdate, "sso"},
		{"rename category", func(t *testing.T, s *Store) error {
			_, err := s.RenameCategory(ctx, "Channels", "Voice channels")
			return err
		}, model.ChangeFeature, model.ChangeUpdate, "voice"},
		{"save cell", func(t *testing.T, s *Store) error {
			_, err := s.SaveSupport(ctx, model.Support{Competitor: "acme", Feature: "voice", Level: model.LevelYes})
			return err
		}, model.ChangeCell, model.ChangeCreate, "acme/voice"},
		{"mark verified", func(t *testing.T, s *Store) error {
			_, err := s.MarkVerified(ctx, "acme", "Security", d("2026-11-20"))
			return err
		}, model.ChangeCell, model.ChangeUpdate, "acme/sso"},
		{"save plan", func(t *testing.T, s *Store) error {
			_, err := s.SavePlan(ctx, model.PricePlan{Competitor: "acme", Name: "Starter", Model: model.ModelFlat, Currency: "USD", Period: model.PeriodMonth})
			return err
		}, model.ChangePlan, model.ChangeCreate, "acme/Starter"},
		{"record price", func(t *testing.T, s *Store) error {
			return s.RecordPrice(ctx, planIDOf(t, s, "acme", "Pro"), model.PriceObservation{ObservedAt: d("2026-11-01"), Amount: 6900})
		}, model.ChangePrice, model.ChangeUpdate, "acme/Pro"},
		{"correct price", func(t *testing.T, s *Store) error {
			return s.CorrectPrice(ctx, planIDOf(t, s, "acme", "Pro"), d("2026-03-01"), model.PriceObservation{ObservedAt: d("2026-03-01"), Amount: 5800})
		}, model.ChangePrice, model.ChangeUpdate, "acme/Pro"},
		{"delete price", func(t *testing.T, s *Store) error {
			return s.DeletePrice(ctx, planIDOf(t, s, "acme", "Pro"), d("2026-03-01"))
		}, model.ChangePrice, model.ChangeUpdate, "acme/Pro"},
		{"delete plan", func(t *testing.T, s *Store) error {
			return s.DeletePlan(ctx, planIDOf(t, s, "acme", "Enterprise"))
		}, model.ChangePlan, model.ChangeDelete, "acme/Enterprise"},
		{"save reason code", func(t *testing.T, s *Store) error {
			return s.SaveReasonCode(ctx, model.ReasonCode{Code: "support", Label: "Support"})
		}, model.ChangeReason, model.ChangeCreate, "support"},
		{"save deal", func(t *testing.T, s *Store) error {
			_, err := s.SaveDeal(ctx, model.Deal{Ref: "OPP-2", ClosedAt: d("2026-11-02"), Outcome: model.OutcomeWon, Competitors: []string{"acme"}}, nil)
			return err
		}, model.ChangeDeal, model.ChangeCreate, "OPP-2"},
		{"edit deal", func(t *testing.T, s *Store) error {
			deals, _ := s.Deals(ctx, DealFilter{})
			deal := deals[0]
			deal.Amount = 1500000
			_, err := s.SaveDeal(ctx, deal, nil)
			return err
		}, model.ChangeDeal, model.ChangeUpdate, "OPP-1"},
		{"delete deal", func(t *testing.T, s *Store) error {
			return s.DeleteDeal(ctx, dealIDOf(t, s, "OPP-1"))
		}, model.ChangeDeal, model.ChangeDelete, "OPP-1"},
		{"save card", func(t *testing.T, s *Store) error {
			k, _ := s.Card(ctx, "acme")
			k.Overview = "Incumbent suite, slow to ship."
			_, err := s.SaveCard(ctx, k)
			return err
		}, model.ChangeCard, model.ChangeUpdate, "acme"},
		{"save note", func(t *testing.T, s *Store) error {
			_, err := s.SaveNote(ctx, model.IntelNote{Competitor: "acme", Date: d("2026-11-03"), Title: "New CEO", Body: "Announced today."})
			return err
		}, model.ChangeNote, model.ChangeCreate, "acme/2026-11-03/New CEO"},
		{"retitle note", func(t *testing.T, s *Store) error {
			notes, _ := s.Notes(ctx, "acme")
			n := notes[0]
			n.Title = "Acme raised its list prices"
			_, err := s.SaveNote(ctx, n)
			return err
		}, model.ChangeNote, model.ChangeUpdate, "acme/2026-03-01/Acme raised its list prices"},
		{"delete note", func(t *testing.T, s *Store) error {
			return s.DeleteNote(ctx, noteIDOf(t, s, "Acme raised list prices"))
		}, model.ChangeNote, model.ChangeDelete, "acme/2026-03-01/Acme raised list prices"},
		{"set rate", func(t *testing.T, s *Store) error {
			return s.SetRate(ctx, model.NewFXRate("EUR", "USD", 1080000, d("2026-11-01")))
		}, model.ChangeFX, model.ChangeCreate, "EUR/USD"},
		{"import", func(t *testing.T, s *Store) error {
			cat := model.Catalog{Version: 1, Features: []model.Feature{{Key: "api", Name: "API", Category: "Platform"}}}
			_, err := s.Import(ctx, cat, ImportOptions{Now: testNow})
			return err
		}, model.ChangeFeature, model.ChangeCreate, "api"},
	}
}

// Every write leaves exactly one change naming what it changed, by whom and from where, in the
// same change set.
func TestEveryWriteLeavesOneChange(t *testing.T) {
	for _, tc := range writePaths() {
		t.Run(tc.name, func(t *testing.T) {
			s := seededForChanges(t)
			before := lastID(t, s)
			if err := tc.op(t, s); err != nil {
				t.Fatal(err)
			}
			chs := newChanges(t, s, before)
			if len(chs) != 1 {
				t.Fatalf("%d changes, want 1: %+v", len(chs), chs)
			}
			ch := chs[0]
			if ch.Kind != tc.kind || ch.Op != tc.do || ch.Key != tc.key {
				t.Errorf("change = %s %s %q, want %s %s %q", ch.Op, ch.Kind, ch.Key, tc.do, tc.kind, tc.key)
			}
			if ch.Author != "marta" || ch.Source != "tui" {
				t.Errorf("by %q from %q, want marta from tui", ch.Author, ch.Source)
			}
			if ch.Op != model.ChangeCreate && ch.Old == nil {
				t.Error("an update or deletion keeps no old values")
			}
			if ch.Op == model.ChangeUpdate && len(ch.Fields) == 0 {
				t.Error("an update names no fields")
			}
		})
	}
}

// A write that changes nothing leaves no change.
func TestUnchangedWriteLeavesNoChange(t *testing.T) {
	s := seededForChanges(t)
	before := lastID(t, s)
	ctx := context.Background()
	k, _ := s.Card(ctx, "acme")
	if _, err := s.SaveCard(ctx, k); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if chs := newChanges(t, s, before); len(chs) != 0 {
		t.Errorf("%d changes for writes that changed nothing: %+v", len(chs), chs)
	}
}

// A failed write leaves no change either.
func TestFailedWriteLeavesNoChange(t *testing.T) {
	s := seededForChanges(t)
	before := lastID(t, s)
	if err := s.DeleteDeal(context.Background(), 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	if chs := newChanges(t, s, before); len(chs) != 0 {
		t.Errorf("changes after a failed write: %+v", chs)
	}
}

// An import is one change set with a change per record it created or updated; updates keep
// the values before and after.
func TestImportIsOneChangeSet(t *testing.T) {
	s := seededForChanges(t)
	chs := newChanges(t, s, 0)
	sets := map[int64]bool{}
	for _, ch := range chs {
		sets[ch.Set] = true
		if ch.Op != model.ChangeCreate || ch.Source != "import seed.json" || ch.Author != "seed" {
			t.Errorf("seed change %+v", ch)
		}
	}
	if len(sets) != 1 {
		t.Errorf("the seed import made %d change sets, want 1", len(sets))
	}
	cat := sampleCatalog()
	cat.Deals[0].Amount = 1300000
	cat.Support[0].Level = model.LevelYes
	before := lastID(t, s)
	if _, err := s.Import(context.Background(), cat, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	chs = newChanges(t, s, before)
	if len(chs) != 2 {
		t.Fatalf("re-import with two records changed: %d changes", len(chs))
	}
	for _, ch := range chs {
		if ch.Op != model.ChangeUpdate || ch.Old == nil || ch.New == nil {
			t.Errorf("import update %+v", ch)
		}
	}
}

// exportJSON is the whole catalog in the catalog format.
func exportJSON(t *testing.T, s *Store) string {
	t.Helper()
	cat, err := s.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(cat, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Reverting a change restores the catalog byte for byte, and is itself recorded.
func TestRevertRestoresCatalogExactly(t *testing.T) {
	ctx := context.Background()
	for _, tc := range append(writePaths(), struct {
		name string
		op   func(t *testing.T, s *Store) error
		kind model.ChangeKind
		do   model.ChangeOp
		key  string
	}{"delete competitor", func(t *testing.T, s *Store) error { return s.DeleteCompetitor(ctx, "acme") }, model.ChangeCompetitor, model.ChangeDelete, "acme"},
		struct {
			name string
			op   func(t *testing.T, s *Store) error
			kind model.ChangeKind
			do   model.ChangeOp
			key  string
		}{"delete feature", func(t *testing.T, s *Store) error { return s.DeleteFeature(ctx, "sso") }, model.ChangeFeature, model.ChangeDelete, "sso"}) {
		if tc.kind == model.ChangeFX {
			continue // rates are not part of the catalog; TestRevertRate covers them
		}
		t.Run(tc.name, func(t *testing.T) {
			s := seededForChanges(t)
			want := exportJSON(t, s)
			before := lastID(t, s)
			if err := tc.op(t, s); err != nil {
				t.Fatal(err)
			}
			if exportJSON(t, s) == want {
				t.Fatal("the write changed nothing")
			}
			chs := newChanges(t, s, before)
			set, err := s.Revert(ctx, chs[len(chs)-1].ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := exportJSON(t, s); got != want {
				t.Errorf("after revert the catalog differs:\n%s\nwant:\n%s", got, want)
			}
			undo := newChanges(t, s, lastID(t, s)-1)
			if len(undo) == 0 || undo[0].Set != set || undo[0].Reverts != chs[0].Set {
				t.Errorf("the revert is not recorded as a change set reverting %d: %+v", chs[0].Set, undo)
			}
		})
	}
}

// An exchange rate set by mistake is removed again by reverting it.
func TestRevertRate(t *testing.T) {
	s := seededForChanges(t)
	ctx := context.Background()
	if err := s.SetRate(ctx, model.NewFXRate("EUR", "USD", 1080000, model.MustParseDate("2026-11-01"))); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Revert(ctx, lastID(t, s)); err != nil {
		t.Fatal(err)
	}
	rates, err := s.Rates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rates) != 0 {
		t.Errorf("rates after revert: %+v", rates)
	}
}

// A change followed by a later change of the same record is not reverted: that would undo the
// later one silently.
func TestRevertRefusesWhenLaterChangeTouchedTheRecord(t *testing.T) {
	s := seededForChanges(t)
	ctx := context.Background()
	set := func(level model.Level) {
		if _, err := s.SaveSupport(ctx, model.Support{Competitor: "acme", Feature: "sso", Level: level}); err != nil {
			t.Fatal(err)
		}
	}
	set(model.LevelYes)
	first := lastID(t, s)
	other := s.As(Origin{Author: "jon", Source: "tui"})
	if _, err := other.SaveSupport(ctx, model.Support{Competitor: "acme", Feature: "sso", Level: model.LevelNo}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Revert(ctx, first)
	if !errors.Is(err, ErrLaterChange) || !strings.Contains(err.Error(), "jon") {
		t.Errorf("err = %v, want ErrLaterChange naming jon", err)
	}
	// Undone newest first, like a stack: the later change, then the first one.
	if _, err := s.Revert(ctx, lastID(t, s)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Revert(ctx, first); err != nil {
		t.Fatalf("after the later change was undone: %v", err)
	}
	cells, _ := s.Support(ctx, "acme")
	if cells[0].Level != model.LevelPartial {
		t.Errorf("acme/sso is %s after both undos, want partial", cells[0].Level)
	}
	// A change already undone is not undone twice.
	if _, err := s.Revert(ctx, first); !errors.Is(err, ErrLaterChange) {
		t.Errorf("second revert of the same change: err = %v", err)
	}
}

// Prune removes old change sets only, never the catalog.
func TestPruneChanges(t *testing.T) {
	s := seededForChanges(t)
	ctx := context.Background()
	if _, err := s.SaveFeature(ctx, model.Feature{Key: "api", Name: "API", Category: "Platform"}); err != nil {
		t.Fatal(err)
	}
	all := newChanges(t, s, 0)
	n, err := s.PruneChanges(ctx, testNow.Add(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	left := newChanges(t, s, 0)
	if n != len(all)-1 || len(left) != 1 || left[0].Key != "api" {
		t.Errorf("pruned %d of %d, left %+v", n, len(all), left)
	}
	if _, err := s.Competitor(ctx, "acme"); err != nil {
		t.Errorf("prune touched the catalog: %v", err)
	}
}

// Filters narrow the history; the newest change comes first.
func TestChangesFilter(t *testing.T) {
	s := seededForChanges(t)
	ctx := context.Background()
	s.SaveFeature(ctx, model.Feature{Key: "api", Name: "API", Category: "Platform"})
	s.As(Origin{Author: "jon", Source: "tui"}).SaveSupport(ctx, model.Support{Competitor: "acme", Feature: "api", Level: model.LevelYes})
	chs, err := s.Changes(ctx, model.ChangeFilter{Author: "jon"})
	if err != nil || len(chs) != 1 || chs[0].Kind != model.ChangeCell {
		t.Errorf("by jon: %+v, %v", chs, err)
	}
	chs, _ = s.Changes(ctx, model.ChangeFilter{Competitor: "acme", Kind: model.ChangeCell})
	if !slices.IsSortedFunc(chs, func(a, b model.Change) int { return int(b.ID - a.ID) }) || len(chs) < 2 {
		t.Errorf("acme cells: %+v", chs)
	}
	chs, _ = s.Changes(ctx, model.ChangeFilter{Since: testNow.Add(time.Second)})
	if len(chs) != 2 {
		t.Errorf("since the seed: %d changes, want 2", len(chs))
	}
}

// The newest changes narrowed by their own columns (read backwards, then their sets) are what
// the same filter gives joined with a window of time that holds every change: the same
// changes, in the same order, with their sets' time, author, source and flags.
func TestNewestChangesAreTheJoinedOnes(t *testing.T) {
	s := seededForChanges(t)
	ctx := context.Background()
	for _, tc := range writePaths() {
		_ = tc.op(t, s) // each path is written for a fresh store: some fail one after another
	}
	all := model.ChangeFilter{Since: testNow.Add(-time.Hour), Until: testNow.Add(1000 * time.Hour)}
	for _, f := range []model.ChangeFilter{{}, {Limit: 3}, {Competitor: "acme"}, {Kind: model.ChangeDeal, Limit: 2}, {AfterID: 2}} {
		got, err := s.Changes(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		joined := f
		joined.Since, joined.Until = all.Since, all.Until
		want, err := s.Changes(ctx, joined)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: %d changes, want %d\n%+v\n%+v", f, len(got), len(want), got, want)
		}
	}
}

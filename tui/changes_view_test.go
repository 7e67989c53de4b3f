package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/model"
)

// historyStore is the demo catalog imported on 2026-10-01 followed by a few dated edits by
// marta and sam; it writes as marta from the TUI.
func historyStore(t testing.TB) *db.Store {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "demo", "catalog.json"))
	if err != nil {
		t.Fatal(err)
	}
	cat, _, err := catalog.Decode("demo", data)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	opened, err := db.Open(ctx, filepath.Join(t.TempDir(), "history.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { opened.Close() })
	at := func(who string, day, hour int) *db.Store {
		return opened.As(db.Origin{Author: who, Source: "tui", Now: func() time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.UTC) }})
	}
	if _, err := opened.As(db.Origin{Author: "demo", Source: "import catalog.json", Now: func() time.Time { return time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC) }}).
		Import(ctx, cat, db.ImportOptions{Now: testToday}); err != nil {
		t.Fatal(err)
	}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(at("marta", 18, 10).SaveSupport(ctx, model.Support{Competitor: "harborline", Feature: "native_voice", Level: model.LevelPartial, VerifiedAt: model.MustParseDate("2026-11-18")}))
	card, err := opened.Card(ctx, "harborline")
	must(nil, err)
	card.Landmines = append(card.Landmines, model.Claims("Ask who owns the voice roadmap.")...)
	must(at("sam", 19, 15).SaveCard(ctx, card))
	must(at("sam", 20, 11).SaveNote(ctx, model.IntelNote{Competitor: "replyfox", Date: model.MustParseDate("2026-11-20"), Title: "Replyfox hires a CRO", Body: "From LinkedIn."}))
	return opened.As(db.Origin{Author: "marta", Source: "tui", Now: func() time.Time { return testToday }})
}

// The Changes view from Home lists every change, newest first, at the three sizes.
func TestGoldenChanges(t *testing.T) {
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			goldenRun(t, historyStore(t), true, sz[0], sz[1], "Harborline", "Replyfox hires a CRO", keyRunes("H"))
		})
	}
}

// From a profile, H shows that competitor's changes only.
func TestGoldenChangesOfProfile(t *testing.T) {
	goldenRun(t, historyStore(t), true, 100, 30, "Harborline", "Native voice yes → partial",
		keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("H"))
}

// loadedHistory is the app on historyStore, its catalog and session loaded.
func loadedHistory(t *testing.T) (tea.Model, *db.Store) {
	t.Helper()
	store := historyStore(t)
	v, err := loadSnapshot(context.Background(), store, loadRequest{today: model.DateOf(testToday), eagerRows: DefaultEagerRows})
	if err != nil {
		t.Fatal(err)
	}
	m := New(context.Background(), store, Options{Now: func() time.Time { return testToday }})
	return send(m, tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v}, startSessionCmd(context.Background(), store, false)()), store
}

// Filters narrow the list; enter jumps to the changed record's tab.
func TestChangesViewFiltersAndJumps(t *testing.T) {
	m, _ := loadedHistory(t)
	m = send(m, keyRunes("H"))
	view := m.(Model).changes
	if len(view.lines) < 4 || !strings.Contains(view.lines[0], "Replyfox hires a CRO") {
		t.Fatalf("changes: %q", view.lines[:min(4, len(view.lines))])
	}
	m = send(m, keyRunes("a")) // mine: marta's
	view = m.(Model).changes
	if len(view.lines) != 1 || !strings.Contains(view.lines[0], "marta") {
		t.Errorf("marta's changes: %q", view.lines)
	}
	m = send(m, special(tea.KeyEnter))
	got := m.(Model)
	if got.active != screenProfile || got.profile.Slug() != "harborline" || got.profile.tab != tabFeatures || got.isOpen(got.changes) {
		t.Errorf("enter on a cell change: screen %v, %s, tab %v, view open %v", got.active, got.profile.Slug(), got.profile.tab, got.isOpen(got.changes))
	}
}

// u undoes the user's own last change of the session, once, and is itself recorded; with
// nothing left it says so.
func TestUndoLastChange(t *testing.T) {
	m, store := loadedHistory(t)
	ctx := context.Background()
	if _, err := store.SaveSupport(ctx, model.Support{Competitor: "replyfox", Feature: "native_voice", Level: model.LevelYes}); err != nil {
		t.Fatal(err)
	}
	m = send(m, keyRunes("u"))
	if status := m.(Model).status; !strings.HasPrefix(status, "Undone: Native voice") {
		t.Errorf("status after u: %q (err %v)", status, m.(Model).err)
	}
	cells, _ := store.Support(ctx, "replyfox")
	for _, c := range cells {
		if c.Feature == "native_voice" && c.Level == model.LevelYes {
			t.Error("the cell is still yes after undo")
		}
	}
	m = send(m, keyRunes("u"))
	if status := m.(Model).status; status != "Nothing of yours to undo since rivals opened" {
		t.Errorf("second u: %q", status)
	}
}

// Opening the app names what others changed since the author last opened it.
func TestChangesSinceLastLooked(t *testing.T) {
	store := historyStore(t)
	ctx := context.Background()
	imported, err := store.Changes(ctx, model.ChangeFilter{Author: "demo", Limit: 1})
	if err != nil || len(imported) == 0 {
		t.Fatal(err)
	}
	if err := store.MarkSeen(ctx, "marta", imported[0].ID); err != nil {
		t.Fatal(err)
	}
	v, err := loadSnapshot(ctx, store, loadRequest{today: model.DateOf(testToday), eagerRows: DefaultEagerRows})
	if err != nil {
		t.Fatal(err)
	}
	msg := startSessionCmd(ctx, store, false)().(sessionStartedMsg)
	// The session may start before the catalog has loaded: the status waits for its names.
	m := send(New(ctx, store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, msg, catalogLoadedMsg{view: v})
	// marta's own change is not news to her: sam's two are.
	want := "2 changes since you last looked: Harborline 1, Replyfox 1 · H shows them"
	if status := m.(Model).status; status != want {
		t.Errorf("status %q, want %q", status, want)
	}
	// Once seen, the next opening has nothing new.
	msg = startSessionCmd(ctx, store, false)().(sessionStartedMsg)
	if m := send(New(ctx, store, Options{}), msg); m.(Model).status != "" {
		t.Errorf("second opening: %q", m.(Model).status)
	}
}

// Call prep names what changed since the card was last reviewed, once the history is read.
func TestPrepSaysWhatChangedSinceReview(t *testing.T) {
	m, store := loadedHistory(t)
	ctx := context.Background()
	if _, err := store.SaveDeal(ctx, model.Deal{Ref: "NEW-1", ClosedAt: model.MustParseDate("2026-11-22"), Outcome: model.OutcomeLost,
		Competitors: []string{"harborline"}}, nil); err != nil {
		t.Fatal(err)
	}
	m = send(m, openPrepMsg{slug: "harborline"})
	got := m.(Model).prep.sheet.Freshness
	if !slices.Contains(got, "changed since review: 1 deal") {
		t.Errorf("prep freshness: %q", got)
	}
}

// The Battle card tab names what changed since the card was reviewed.
func TestCardTabSaysWhatChangedSinceReview(t *testing.T) {
	m, store := loadedHistory(t)
	ctx := context.Background()
	if _, err := store.SaveSupport(ctx, model.Support{Competitor: "harborline", Feature: "sms", Level: model.LevelYes}); err != nil {
		t.Fatal(err)
	}
	m = send(m, openProfileMsg{slug: "harborline", tab: tabCard})
	if view := m.View(); !strings.Contains(view, "changed since review: 1 matrix cell") {
		t.Errorf("card tab:\n%s", view)
	}
}

// The profile's Changes tab lists that competitor's changes only, with the view's filters,
// and enter goes to the changed record's tab.
func TestProfileChangesTab(t *testing.T) {
	m, _ := loadedHistory(t)
	m = send(m, keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("7"))
	p := m.(Model).profile
	if p.tab != tabChanges || p.Slug() != "harborline" {
		t.Fatalf("on %s tab %d", p.Slug(), p.tab)
	}
	lines := p.history.lines
	if len(lines) < 3 {
		t.Fatalf("the tab lists %d changes", len(lines))
	}
	for _, l := range lines {
		if !strings.Contains(l, "Harborline") {
			t.Errorf("a change of another competitor: %q", l)
		}
	}
	m = send(m, keyRunes("a")) // mine only: most of Harborline's are the demo's
	if got := m.(Model).profile.history.lines; len(got) >= len(lines) {
		t.Errorf("the author filter kept %d of %d", len(got), len(lines))
	}
	m = send(m, keyRunes("a"))
	// The matrix cell change opens the Features tab on its row.
	for i, l := range m.(Model).profile.history.lines {
		if strings.Contains(l, "Native voice yes → partial") {
			for range i {
				m = send(m, keyRunes("j"))
			}
			break
		}
	}
	m = send(m, special(tea.KeyEnter))
	if p := m.(Model).profile; p.tab != tabFeatures {
		t.Errorf("enter went to tab %d", p.tab)
	}
	// H on a profile shows the same tab.
	m = send(m, keyRunes("H"))
	if p := m.(Model).profile; p.tab != tabChanges || len(p.history.lines) != len(lines) {
		t.Errorf("H: tab %d with %d changes", p.tab, len(p.history.lines))
	}
}

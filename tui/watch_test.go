package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// A deal logged by another process appears on the open Win/Loss tab, and the cursor stays on
// the deal it was on.
func TestDealFromElsewhereKeepsTheSelectedDeal(t *testing.T) {
	store, v := demoView(t)
	ctx := context.Background()
	opts := Options{Now: func() time.Time { return testToday }, WatchEvery: time.Millisecond}
	m := send(New(context.Background(), store, opts), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v},
		openProfileMsg{slug: "casecraft", tab: tabWinLoss}, keyRunes("j"))
	m = send(m, startWatchCmd(context.Background(), store)())
	before, ok := m.(Model).profile.selectedDeal()
	if !ok {
		t.Fatal("no deal selected")
	}
	other, err := db.Open(ctx, store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.SaveDeal(ctx, model.Deal{Ref: "ELSEWHERE-1", ClosedAt: model.DateOf(testToday), Outcome: model.OutcomeWon,
		Competitors: []string{"casecraft"}, Account: "Zephyr Logistics"}, nil); err != nil {
		t.Fatal(err)
	}
	m = send(m, watchTickMsg{})
	mm := m.(Model)
	if !strings.Contains(mm.View(), "Zephyr Logistics") {
		t.Fatalf("the new deal is not shown:\n%s", mm.View())
	}
	if after, _ := mm.profile.selectedDeal(); after.Ref != before.Ref {
		t.Errorf("selected %s after the reload, want %s", after.Ref, before.Ref)
	}
}

// A note added by another process shows up on the open Intel tab without the user doing
// anything, and the user stays where they were; the app's own saves are not reported as
// changes made elsewhere.
func TestChangesFromElsewhereReloadInPlace(t *testing.T) {
	store, v := demoView(t)
	ctx := context.Background()
	opts := Options{Now: func() time.Time { return testToday }, WatchEvery: time.Millisecond}
	m := send(New(context.Background(), store, opts), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v},
		openProfileMsg{slug: "harborline", tab: tabIntel}, keyRunes("j"), keyRunes("j"))
	m = send(m, startWatchCmd(context.Background(), store)())
	before, ok := m.(Model).profile.selectedNote()
	if !ok {
		t.Fatal("no note selected")
	}

	other, err := db.Open(ctx, store.Path()) // another process's handle on the same file
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.SaveNote(ctx, model.IntelNote{Competitor: "harborline", Date: model.DateOf(testToday),
		Title: "Harborline opens a Lisbon office"}); err != nil {
		t.Fatal(err)
	}
	m = send(m, watchTickMsg{})
	mm := m.(Model)
	if !strings.Contains(mm.View(), "Harborline opens a Lisbon office") {
		t.Fatalf("the new note is not shown:\n%s", mm.View())
	}
	if mm.active != screenProfile || mm.profile.Slug() != "harborline" || mm.profile.tab != tabIntel {
		t.Errorf("the user was moved: screen %v, %s, tab %v", mm.active, mm.profile.Slug(), mm.profile.tab)
	}
	if !strings.Contains(mm.status, "changed elsewhere") {
		t.Errorf("status %q", mm.status)
	}
	// The new note is listed first; the selection stays on the note the user had.
	if after, _ := mm.profile.selectedNote(); after.ID != before.ID {
		t.Errorf("selected %q after the reload, want %q", after.Title, before.Title)
	}

	// The app's own save: the reload it triggers absorbs the change.
	if _, err := store.SaveNote(ctx, model.IntelNote{Competitor: "harborline", Date: model.DateOf(testToday), Title: "Own note"}); err != nil {
		t.Fatal(err)
	}
	m = send(m, savedMsg{slug: "harborline", tab: tabIntel, status: "Saved the note"})
	m = send(m, watchTickMsg{})
	if st := m.(Model).status; st != "Saved the note" {
		t.Errorf("after the app's own save the status is %q", st)
	}
}

// The change watcher keeps running under an open form: a note added elsewhere while the user
// types a new one is on the Intel tab when the form closes, and what was typed stays.
func TestWatcherKeepsGoingUnderAForm(t *testing.T) {
	store, v := demoView(t)
	ctx := context.Background()
	opts := Options{Now: func() time.Time { return testToday }, WatchEvery: time.Millisecond}
	m := send(New(context.Background(), store, opts), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v},
		openProfileMsg{slug: "harborline", tab: tabIntel})
	m = send(m, startWatchCmd(context.Background(), store)())
	m = deliver(m, 50*time.Millisecond, keyRunes("n"))
	if m.(Model).currentForm() == nil {
		t.Fatal("n opened no form")
	}
	m = deliver(m, 50*time.Millisecond, keyRunes("Half-typed title"))

	other, err := db.Open(ctx, store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.SaveNote(ctx, model.IntelNote{Competitor: "harborline", Date: model.DateOf(testToday),
		Title: "Harborline opens a Lisbon office"}); err != nil {
		t.Fatal(err)
	}
	m = deliver(m, 50*time.Millisecond, watchTickMsg{})
	mm := m.(Model)
	if mm.currentForm() == nil || !strings.Contains(mm.View(), "Half-typed title") {
		t.Fatalf("the form or what was typed in it is gone:\n%s", mm.View())
	}
	if !strings.Contains(mm.status, "changed elsewhere") {
		t.Errorf("the change made elsewhere was not noticed under the form; status %q", mm.status)
	}
	m = deliver(m, 50*time.Millisecond, special(tea.KeyEsc), keyRunes("y")) // discard what was typed
	if view := m.(Model).View(); !strings.Contains(view, "Harborline opens a Lisbon office") {
		t.Errorf("the note added elsewhere is not shown after the form closed:\n%s", view)
	}
}

// Opening the app is not a change made elsewhere: remembering how far the author has seen the
// history, a commit the app makes as it opens, neither reloads the catalog nor says so, in
// whatever order Bubble Tea runs the opening commands (here last first); a change another
// process makes afterwards still shows.
func TestOpeningIsNotAChangeElsewhere(t *testing.T) {
	store, _ := demoView(t)
	ctx := context.Background()
	opts := Options{Now: func() time.Time { return testToday }, WatchEvery: time.Millisecond}
	m0 := New(ctx, store, opts)
	var m tea.Model = m0
	m = send(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	batch, ok := m0.Init()().(tea.BatchMsg)
	if !ok {
		t.Fatal("Init is not a batch of commands")
	}
	var msgs []tea.Msg
	for i := len(batch) - 1; i >= 0; i-- {
		if batch[i] != nil {
			msgs = append(msgs, batch[i]())
		}
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		m = send(m, msgs[i])
	}
	if seen, _ := store.SeenThrough(ctx, store.Origin().Author); seen == 0 {
		t.Fatal("opening remembered nothing: there is nothing to check")
	}
	m = send(m, watchTickMsg{})
	if st := m.(Model).status; strings.Contains(st, "changed elsewhere") {
		t.Errorf("after opening, the status says %q", st)
	}
	other, err := db.Open(ctx, store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.SaveNote(ctx, model.IntelNote{Competitor: "harborline", Date: model.DateOf(testToday), Title: "Harborline opens a Lisbon office"}); err != nil {
		t.Fatal(err)
	}
	m = send(m, watchTickMsg{})
	if st := m.(Model).status; !strings.Contains(st, "changed elsewhere") {
		t.Errorf("after a change elsewhere, the status says %q", st)
	}
}

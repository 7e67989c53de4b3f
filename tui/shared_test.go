package tui

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// TestSharedCatalogReadsOncePerVersion checks that sessions asking at the same time get one
// overview, one text index and one competitor's details between them, and a fresh read once
// someone writes.
func TestSharedCatalogReadsOncePerVersion(t *testing.T) {
	store, _ := demoView(t)
	ctx := context.Background()
	sc := NewSharedCatalog(store, 0)
	t.Cleanup(func() { sc.Close() })
	req := loadRequest{today: model.DateOf(testToday), eagerRows: -1} // lazy: details on demand

	const sessions = 8
	views := make([]catalogView, sessions)
	var wg sync.WaitGroup
	for i := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := req
			r.gen, r.want = i, []string{"harborline"}
			v, err := sc.view(ctx, r)
			if err != nil {
				t.Error(err)
			}
			views[i] = v
		}()
	}
	wg.Wait()
	for i, v := range views {
		if v.gen != i {
			t.Errorf("session %d got the load generation %d", i, v.gen)
		}
		if v.names != views[0].names || reflect.ValueOf(v.competitors).Pointer() != reflect.ValueOf(views[0].competitors).Pointer() {
			t.Errorf("session %d read its own overview", i)
		}
		if p := v.profiles["harborline"]; p == nil || !p.loaded {
			t.Fatalf("session %d lacks the details it asked for", i)
		}
		if len(v.profiles["harborline"].deals) == 0 || &v.profiles["harborline"].deals[0] != &views[0].profiles["harborline"].deals[0] {
			t.Errorf("session %d read harborline's details again", i)
		}
	}
	ix1, err := sc.textIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ix2, _ := sc.textIndex(ctx)
	if ix1 != ix2 {
		t.Error("the text index was built twice for one version")
	}

	// A write (here through the store, as an editor's session or an import would) moves the
	// version on. A session asking meanwhile gets the newest overview read so far at once,
	// while the new one is read ahead; the writer's own fresh load waits for it and sees it.
	before := sc.Version()
	c := views[0].profiles["harborline"].competitor
	c.Positioning = "Now with voice"
	if _, err := store.SaveCompetitor(ctx, c, testToday); err != nil {
		t.Fatal(err)
	}
	if stale, err := sc.view(ctx, req); err != nil || stale.version > sc.Version() {
		t.Fatalf("view at %d, shared %d: %v", stale.version, sc.Version(), err)
	}
	fresh := req
	fresh.fresh = true
	v, err := sc.view(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	key := viewKey{today: req.today, eagerRows: req.eagerRows}
	for deadline := time.Now().Add(5 * time.Second); sc.readyVersion(key) != sc.Version() && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if sc.readyVersion(key) != sc.Version() {
		t.Errorf("the newest overview read is at %d, the catalog at %d", sc.readyVersion(key), sc.Version())
	}
	if sc.Version() == before || v.version != sc.Version() {
		t.Errorf("version %d → %d, view at %d", before, sc.Version(), v.version)
	}
	if v.profiles["harborline"].competitor.Positioning != "Now with voice" {
		t.Error("the load after a write shows the old catalog")
	}
	sc.mu.Lock()
	n := len(sc.views)
	sc.mu.Unlock()
	if n != 1 {
		t.Errorf("%d overviews kept, want the current one", n)
	}
	// The text index is brought up to date in place with what the write changed.
	note, err := store.SaveNote(ctx, model.IntelNote{Competitor: "harborline", Date: model.DateOf(testToday), Title: "Zyxwv pricing leak"})
	if err != nil {
		t.Fatal(err)
	}
	ix3, err := sc.textIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range ix3.Items() {
		found = found || (it.Ref == int(note.ID) && it.Label == "Zyxwv pricing leak")
	}
	if !found {
		t.Error("the text index lacks the note written since it was built")
	}
	if ix3 != ix1 {
		t.Error("the text index was built anew for a one-note change")
	}
}

// TestSharedSessionsSeeEachOthersChanges checks the server's way of following changes: one
// watcher for all sessions, and a session whose snapshot is older than the shared version
// reloads and says the catalog changed elsewhere.
func TestSharedSessionsSeeEachOthersChanges(t *testing.T) {
	store, _ := demoView(t)
	ctx := context.Background()
	sc := NewSharedCatalog(store, 20*time.Millisecond)
	t.Cleanup(func() { sc.Close() })
	opts := Options{Shared: sc, WatchEvery: time.Millisecond, Now: func() time.Time { return testToday }}
	reader := send(New(ctx, store, opts), tea.WindowSizeMsg{Width: 100, Height: 30})
	load := loadCatalogCmd(ctx, store, reader.(Model).loadRequest())().(catalogLoadedMsg)
	if load.err != nil {
		t.Fatal(load.err)
	}
	reader = send(reader, load)
	if got := reader.(Model).data.version; got != sc.Version() {
		t.Fatalf("loaded at version %d, shared at %d", got, sc.Version())
	}

	editor := store.As(db.Origin{Author: "marta", Source: "tui", Now: func() time.Time { return testToday }})
	c, err := editor.Competitor(ctx, "harborline")
	if err != nil {
		t.Fatal(err)
	}
	c.Positioning = "Voice-first support"
	if _, err := editor.SaveCompetitor(ctx, c, testToday); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	key := viewKey{today: model.DateOf(testToday), eagerRows: reader.(Model).opts.EagerRows}
	for sc.readyVersion(key) == reader.(Model).data.version && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	reader = send(reader, sharedTickMsg{})
	m := reader.(Model)
	if m.data.version != sc.Version() || m.data.profile("harborline").competitor.Positioning != "Voice-first support" {
		t.Errorf("the reader still shows version %d (shared %d)", m.data.version, sc.Version())
	}
	if m.status != "The catalog was changed elsewhere; showing the latest" {
		t.Errorf("status %q", m.status)
	}
	// Nothing changed since: the next tick does not reload.
	gen := m.gen
	reader = send(reader, sharedTickMsg{})
	if reader.(Model).gen != gen {
		t.Error("a tick with nothing new reloaded the catalog")
	}
}

// A commit that records no change to the catalog, such as a user marking the history seen,
// does not send every session to read the catalog again.
func TestSharedCatalogIgnoresBookkeeping(t *testing.T) {
	store, _ := demoView(t)
	ctx := context.Background()
	sc := NewSharedCatalog(store, 0)
	t.Cleanup(func() { sc.Close() })
	v0, err := sc.refresh(ctx)
	if err != nil {
		t.Fatal(err)
	}
	last, err := store.LastChangeID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.MarkSeen(ctx, "sam", last); err != nil {
		t.Fatal(err)
	}
	if v, _ := sc.refresh(ctx); v != v0 {
		t.Errorf("marking the history seen moved the version %d → %d", v0, v)
	}
	c, err := store.Competitor(ctx, "harborline")
	if err != nil {
		t.Fatal(err)
	}
	c.Positioning = "Changed"
	if _, err := store.SaveCompetitor(ctx, c, testToday); err != nil {
		t.Fatal(err)
	}
	if v, _ := sc.refresh(ctx); v == v0 {
		t.Error("an edit left the version as it was")
	}
}

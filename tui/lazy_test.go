package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/model"
)

func lazyView(t *testing.T) (catalogView, catalogView) {
	t.Helper()
	store, eager := demoView(t)
	lazy, err := loadSnapshot(context.Background(), store, loadRequest{today: model.DateOf(testToday), eagerRows: -1})
	if err != nil {
		t.Fatal(err)
	}
	return eager, lazy
}

// A large catalog's overview, counted by the database, agrees with the one computed from
// every row, and holds no details until asked.
func TestLazySnapshotTalliesMatchTheWholeLoad(t *testing.T) {
	eager, lazy := lazyView(t)
	if !lazy.lazy || eager.lazy || lazy.allDeals || len(lazy.deals) != 0 {
		t.Fatalf("lazy=%v eager=%v allDeals=%v deals=%d", lazy.lazy, eager.lazy, lazy.allDeals, len(lazy.deals))
	}
	stale := 0
	for slug, want := range eager.profiles {
		got := lazy.profiles[slug]
		if got.loaded || got.support != nil || got.deals != nil || got.notes != nil {
			t.Errorf("%s: details loaded in the overview", slug)
		}
		if got.winLoss != want.winLoss || got.staleFacts != want.staleFacts || got.matrix.Stale != want.matrix.Stale ||
			got.matrix.Total != want.matrix.Total || len(got.plans) != len(want.plans) || (got.card == nil) != (want.card == nil) {
			t.Errorf("%s: lazy %+v/%d, eager %+v/%d", slug, got.winLoss, got.staleFacts, want.winLoss, want.staleFacts)
		}
		for _, l := range model.Levels {
			if got.matrix.Levels[l] != want.matrix.Levels[l] {
				t.Errorf("%s: %d %s cells, want %d", slug, got.matrix.Levels[l], l, want.matrix.Levels[l])
			}
		}
		stale += got.staleFacts
	}
	if stale == 0 {
		t.Error("the demo should have stale facts")
	}
	if !slicesEqual(lazy.segments, eager.segments) || len(lazy.segments) == 0 {
		t.Errorf("segments %v, want %v", lazy.segments, eager.segments)
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

// Once the details a screen needs have arrived, every screen of a large catalog looks exactly
// like the same screen of a catalog loaded whole.
func TestLazyScreensMatchTheWholeLoad(t *testing.T) {
	store, eager := demoView(t)
	lazy, err := loadSnapshot(context.Background(), store, loadRequest{today: model.DateOf(testToday), eagerRows: -1})
	if err != nil {
		t.Fatal(err)
	}
	profile := []tea.Msg{keyRunes("j"), keyRunes("j"), tea.KeyMsg{Type: tea.KeyEnter}}
	journeys := map[string][]tea.Msg{
		"home":         {keyRunes("j"), keyRunes("j"), keyRunes("j")},
		"overview":     profile,
		"card":         append(append([]tea.Msg{}, profile...), keyRunes("2")),
		"features":     append(append([]tea.Msg{}, profile...), keyRunes("3")),
		"pricing":      append(append([]tea.Msg{}, profile...), keyRunes("4")),
		"winloss":      append(append([]tea.Msg{}, profile...), keyRunes("5"), keyRunes("j")),
		"intel":        append(append([]tea.Msg{}, profile...), keyRunes("6"), keyRunes("j")),
		"prep":         append(append([]tea.Msg{}, profile...), keyRunes("p")),
		"compare":      {openCompareMsg{slugs: []string{"tidewell", "harborline", "replyfox"}}, keyRunes("j")},
		"dashboard":    {keyRunes("W")},
		"reasons":      {keyRunes("W"), keyRunes("r")},
		"search jump":  {tea.KeyMsg{Type: tea.KeyCtrlK}, keyRunes("r"), keyRunes("e"), keyRunes("n"), keyRunes("e"), keyRunes("w"), tea.KeyMsg{Type: tea.KeyEnter}},
		"deal form":    {keyRunes("w")},
		"after a save": append(append([]tea.Msg{}, profile...), keyRunes("6"), savedMsg{slug: "ostra-cx", tab: tabIntel, status: "Saved"}),
	}
	for name, steps := range journeys {
		t.Run(name, func(t *testing.T) {
			opts := Options{Now: func() time.Time { return testToday }}
			want := send(New(context.Background(), store, opts), append([]tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 40}, catalogLoadedMsg{view: eager}}, steps...)...)
			opts.EagerRows = -1
			got := send(New(context.Background(), store, opts), append([]tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 40}, catalogLoadedMsg{view: lazy}}, steps...)...)
			if g, w := got.View(), want.View(); g != w {
				t.Errorf("large-catalog screen differs:\n%s\n--- loaded whole:\n%s", g, w)
			}
			if strings.Contains(got.View(), "Loading") {
				t.Error("still loading after the details arrived")
			}
		})
	}
}

// Until a competitor's details arrive, its profile says it is loading rather than showing an
// empty matrix, and keys that would act on what is not there do nothing.
func TestLazyProfileSaysLoadingUntilDetailsArrive(t *testing.T) {
	store, _ := demoView(t)
	lazy, err := loadSnapshot(context.Background(), store, loadRequest{today: model.DateOf(testToday), eagerRows: -1})
	if err != nil {
		t.Fatal(err)
	}
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }, EagerRows: -1}),
		tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: lazy})
	// Deliver the open without running the detail load it asks for.
	next, cmd := m.Update(openProfileMsg{slug: "harborline", tab: tabFeatures})
	if cmd == nil {
		t.Fatal("opening a profile of a large catalog asked for nothing")
	}
	next, _ = next.Update(tea.KeyMsg{Type: tea.KeyEnter}) // would edit a cell
	if v := next.View(); !strings.Contains(v, "Loading Harborline") || strings.Contains(v, "Edit") {
		t.Fatalf("profile before its details arrive:\n%s", v)
	}
	loaded := runCmd(next, cmd, 0, 0)
	if v := loaded.View(); strings.Contains(v, "Loading") || !strings.Contains(v, "✓") {
		t.Errorf("profile after its details arrived:\n%s", v)
	}
	// A reply meant for an older snapshot is dropped.
	stale := detailsLoadedMsg{gen: 99, slug: "replyfox"}
	if after, _ := loaded.Update(stale); after.(Model).data.profile("replyfox").loaded {
		t.Error("a stale reply was applied")
	}
}

// Browsing a large catalog keeps a bounded number of competitors' details in memory.
func TestLazyDetailsAreBounded(t *testing.T) {
	store, _ := demoView(t)
	lazy, err := loadSnapshot(context.Background(), store, loadRequest{today: model.DateOf(testToday), eagerRows: -1})
	if err != nil {
		t.Fatal(err)
	}
	v := lazy
	for i := range 40 {
		slug := fmt.Sprintf("c%d", i)
		v.profiles[slug] = &profileData{competitor: model.Competitor{Slug: slug}}
		v = v.withDetails(slug, details{})
		v, _ = v.withoutDetails([]string{"c0"}, 5)
	}
	var loaded []string
	for slug, p := range v.profiles {
		if p.loaded {
			loaded = append(loaded, slug)
		}
	}
	if len(loaded) != 6 || !v.profiles["c0"].loaded || !v.profiles["c39"].loaded || v.profiles["c30"].loaded {
		t.Errorf("loaded %v: want c0 (on screen) and the 5 loaded last", loaded)
	}
}

// Note titles are found by fuzzy typing once the background index is built; until then the
// palette says it is indexing. Enter opens the note.
func TestPaletteFindsNoteTitlesByTyping(t *testing.T) {
	store, v := demoView(t)
	m := New(context.Background(), store, Options{Now: func() time.Time { return testToday }})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	next, _ = next.Update(catalogLoadedMsg{view: v})              // the text index is still being built
	indexCmd := buildTextIndexCmd(context.Background(), store, 0) // as Init starts it
	next, _ = next.Update(tea.KeyMsg{Type: tea.KeyCtrlK})
	if !strings.Contains(next.View(), "Indexing notes") {
		t.Fatalf("no indexing hint:\n%s", next.View())
	}
	next = runCmd(next, indexCmd, 0, 0)
	if strings.Contains(next.View(), "Indexing notes") {
		t.Fatal("still indexing after the index arrived")
	}
	for _, r := range "renquo" {
		next = send(next, keyRunes(string(r)))
	}
	next = runPaletteQuery(t, next)
	if !strings.Contains(next.View(), "Renewal quotes show 7% uplift") {
		t.Fatalf("the note title was not found:\n%s", next.View())
	}
	for _, r := range next.(Model).palette.results {
		if r.group == "Intel notes" {
			break
		}
		next = send(next, tea.KeyMsg{Type: tea.KeyDown})
	}
	next = send(next, tea.KeyMsg{Type: tea.KeyEnter})
	mm := next.(Model)
	if note, ok := mm.profile.selectedNote(); mm.active != screenProfile || !ok || note.Title != "Renewal quotes show 7% uplift plus AI minimums" {
		t.Errorf("opened %v tab %v note %q", mm.profile.Slug(), mm.profile.tab, note.Title)
	}
}

// A note saved in the app is found by typing as soon as the catalog has reloaded: the index
// over note titles is updated in place for that competitor, not built again.
func TestSavedNoteIsIndexedInPlace(t *testing.T) {
	store, v := demoView(t)
	ctx := context.Background()
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30},
		catalogLoadedMsg{view: v}, buildTextIndexCmd(context.Background(), store, 0)())
	ix := m.(Model).palette.TextIndex()
	if ix == nil {
		t.Fatal("no text index")
	}
	before := ix.Len()
	saved, err := store.SaveNote(ctx, model.IntelNote{Competitor: "ostra-cx", Date: model.DateOf(testToday), Title: "Quokka pricing leak"})
	if err != nil {
		t.Fatal(err)
	}
	m = send(m, savedMsg{status: "Saved", slug: "ostra-cx", tab: tabIntel, noteID: saved.ID})
	if got := m.(Model).palette.TextIndex(); got != ix || ix.Len() != before+1 {
		t.Fatalf("index %p (was %p) holds %d items, want %d", got, ix, ix.Len(), before+1)
	}
	m = send(m, tea.KeyMsg{Type: tea.KeyCtrlK})
	for _, r := range "quokpri" {
		m = send(m, keyRunes(string(r)))
	}
	m = runPaletteQuery(t, m)
	if !strings.Contains(m.View(), "Quokka pricing leak") {
		t.Errorf("the new note is not found:\n%s", m.View())
	}
	// Deleting the competitor drops its items: the index is built again.
	m = send(m, tea.KeyMsg{Type: tea.KeyEsc}, savedMsg{status: "Deleted", home: true})
	if m.(Model).palette.TextIndex() == ix {
		t.Error("after a deletion the index was not built again")
	}
}

// Typing one of a competitor's tags, or its slug, finds the competitor, listed once.
func TestPaletteFindsCompetitorsByTagAndSlug(t *testing.T) {
	store, v := demoView(t)
	for _, typed := range []string{"native-voice", "ostra-cx", "harborline"} {
		m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30},
			catalogLoadedMsg{view: v}, tea.KeyMsg{Type: tea.KeyCtrlK})
		for _, r := range typed {
			m = send(m, keyRunes(string(r)))
		}
		m = runPaletteQuery(t, m)
		results := m.(Model).palette.results
		count := map[string]int{}
		for _, r := range results {
			if r.group == "Competitors" {
				count[r.slug]++
			}
		}
		want := map[string]string{"native-voice": "harborline", "ostra-cx": "ostra-cx", "harborline": "harborline"}[typed]
		if len(results) == 0 {
			t.Errorf("%q: no results", typed)
			continue
		}
		if results[0].group != "Competitors" || results[0].slug != want || count[want] != 1 {
			t.Errorf("%q: first result %+v, %d listings of %s", typed, results[0], count[want], want)
		}
	}
}

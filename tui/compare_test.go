package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/model"
)

// openCompare picks products through the picker: our product is pre-ticked, the rest are typed.
func openCompare(t *testing.T, m tea.Model, rivals ...string) tea.Model {
	t.Helper()
	m = send(m, keyRunes("c"))
	if !m.(Model).isOpen(m.(Model).picker) {
		t.Fatal("c did not open the picker")
	}
	for _, r := range rivals {
		m = send(m, special(tea.KeyCtrlU))
		m = typeText(m, r)
		m = send(m, keyRunes(" "))
	}
	m = send(m, special(tea.KeyEnter))
	if m.(Model).active != screenCompare {
		t.Fatalf("enter did not open the comparison: %s", ansi.Strip(m.View()))
	}
	return m
}

func TestCompareFromHome(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	// One product is not enough.
	m = send(m, keyRunes("c"), special(tea.KeyEnter))
	if m.(Model).active == screenCompare || !strings.Contains(ansi.Strip(m.View()), "tick at least 2") {
		t.Fatal("the picker accepted a single product")
	}
	m = send(m, special(tea.KeyEsc))
	m = openCompare(t, m, "harbor", "nimbus")
	c := m.(Model).compare
	if got := strings.Join(c.Slugs(), ","); got != "tidewell,harborline,nimbus-assist" {
		t.Fatalf("compared %s", got)
	}
	all := len(c.rows)
	m = send(m, keyRunes("d"))
	diff := m.(Model).compare
	if len(diff.rows) >= all || len(diff.rows) == 0 {
		t.Errorf("diff only: %d rows of %d", len(diff.rows), all)
	}
	for _, r := range diff.rows {
		if r.feature != nil && !diff.matrix.Differs(r.feature.Key) {
			t.Errorf("diff only kept equal row %s", r.feature.Key)
		}
	}
	m = send(m, keyRunes("d"), keyRunes("v"))
	for _, r := range m.(Model).compare.rows {
		if r.feature == nil {
			continue
		}
		if m.(Model).compare.matrix.Outcome("harborline", r.feature.Key) != 1 && m.(Model).compare.matrix.Outcome("nimbus-assist", r.feature.Key) != 1 {
			t.Errorf("'we win' kept %s", r.feature.Key)
		}
	}
	m = send(m, keyRunes("v"), keyRunes("v"), keyRunes("c"))
	cats := map[string]bool{}
	for _, r := range m.(Model).compare.rows {
		cats[r.category] = true
	}
	if len(cats) != 1 {
		t.Errorf("category filter shows %d categories", len(cats))
	}
	// Folding a category hides its features.
	m = send(m, keyRunes("c"), keyRunes("c"), keyRunes("c"), keyRunes("c"), keyRunes("c"), keyRunes("c"), keyRunes("c"), keyRunes("c")) // back to all
	before := len(m.(Model).compare.rows)
	m = send(m, keyRunes("g"), keyRunes(" "))
	if after := len(m.(Model).compare.rows); after >= before {
		t.Errorf("folding kept %d of %d rows", after, before)
	}
	m = send(m, special(tea.KeyEsc))
	if m.(Model).active != screenHome {
		t.Error("esc did not return home")
	}
}

func TestEditingACellUpdatesScoresAndStore(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = openCompare(t, m, "harbor")
	// Find a feature where Tidewell is "no" and move there.
	c := m.(Model).compare
	target := -1
	for i, r := range c.rows {
		if r.feature != nil && r.feature.Weight > 0 && c.matrix.Level("tidewell", r.feature.Key) == model.LevelNo {
			target = i
			break
		}
	}
	if target < 0 {
		t.Fatal("demo has no 'no' cell for Tidewell")
	}
	key := c.rows[target].feature.Key
	before := c.scores[0].Overall.Earned
	for i := 0; i < target; i++ {
		m = send(m, keyRunes("j"))
	}
	m = drive(m, special(tea.KeyEnter))
	if m.(Model).currentForm() == nil {
		t.Fatal("enter did not open the cell editor")
	}
	// The level select starts on "no"; two up is "yes".
	m = drive(m, special(tea.KeyUp), special(tea.KeyUp))
	m = submitForm(t, m)
	c = m.(Model).compare
	if got := c.matrix.Level("tidewell", key); got != model.LevelYes {
		t.Fatalf("cell is %s after editing, want yes", got)
	}
	if c.scores[0].Overall.Earned <= before {
		t.Errorf("score did not rise: %v → %v", before, c.scores[0].Overall.Earned)
	}
	cells, _ := store.Support(context.Background(), "tidewell")
	for _, cell := range cells {
		if cell.Feature == key && (cell.Level != model.LevelYes || cell.VerifiedAt != model.DateOf(testToday)) {
			t.Errorf("stored cell %+v, want yes verified today", cell)
		}
	}
	if p := m.(Model).data.profile("tidewell"); p.support[key].Level != model.LevelYes {
		t.Error("the profile snapshot was not updated")
	}
	// The confirmation speaks the catalog's names, not its keys.
	if want := "Saved Tidewell · " + c.rows[target].feature.Name + ": yes"; m.(Model).status != want {
		t.Errorf("status %q, want %q", m.(Model).status, want)
	}
}

func TestCompareFitsSmallTerminals(t *testing.T) {
	store, v := demoView(t)
	for _, sz := range [][2]int{{40, 12}, {50, 15}, {80, 24}, {100, 30}, {300, 100}} {
		m := send(New(context.Background(), store, colourOptions()), tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}, catalogLoadedMsg{view: v})
		m = openCompare(t, m, "harbor", "nimbus", "quillon")
		checkFrame(t, m.View(), sz[0], sz[1])
		for _, k := range []string{"j", "j", "l", "l", "l", "d", "v", "c", "G"} {
			m = send(m, keyRunes(k))
			checkFrame(t, m.View(), sz[0], sz[1])
		}
		if sz[0] == 40 && !strings.Contains(ansi.Strip(m.View()), "of 4") {
			t.Errorf("40 columns: no hint that products scroll:\n%s", ansi.Strip(m.View()))
		}
	}
}

// BenchmarkCompareView renders the compare view for 4 products over 30 visible features.
func BenchmarkCompareView(b *testing.B) {
	store, v := demoView(b)
	m := send(New(context.Background(), store, colourOptions()), tea.WindowSizeMsg{Width: 160, Height: 40}, catalogLoadedMsg{view: v})
	mm := m.(Model)
	mm.compare.Open(v, []string{"tidewell", "harborline", "nimbus-assist", "quillon"})
	mm.active = screenCompare
	mm.layout()
	for b.Loop() {
		_ = mm.View()
	}
}

func TestASCIIGlyphs(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	for _, tt := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false},
		{map[string]string{"LANG": "en_US.UTF-8"}, false},
		{map[string]string{"LANG": "C"}, true},
		{map[string]string{"LC_ALL": "de_DE.utf8", "LANG": "C"}, false},
		{map[string]string{"NO_COLOR": "1", "LANG": "en_US.UTF-8"}, true},
	} {
		if got := WantsASCII(env(tt.env)); got != tt.want {
			t.Errorf("WantsASCII(%v) = %v", tt.env, got)
		}
	}
	store, v := demoView(t)
	opts := colourOptions()
	opts.ASCII = true
	m := send(New(context.Background(), store, opts), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v}, openProfileMsg{slug: "harborline", tab: tabFeatures})
	frame := ansi.Strip(m.View())
	if strings.ContainsAny(frame, "✓◐✗◷") || !strings.Contains(frame, "+ ") {
		t.Errorf("ASCII features tab:\n%s", frame)
	}
}

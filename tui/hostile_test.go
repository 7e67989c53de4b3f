package tui

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/hostile"
	"github.com/rivals-app/rivals/model"
)

// This file drives the app only through New, Init, Update and View with key presses a user
// would type, so it holds whatever the screens' insides become.

// hostileClock is the day the hostile catalog is looked at.
var hostileClock = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// hostileStore imports the hostile catalog (inflated with 10,000-item lists and texts of
// 100,000 characters when huge) into a new store.
func hostileStore(t *testing.T, huge bool) *db.Store {
	t.Helper()
	cat, err := hostile.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if huge {
		if err := hostile.Inflate(&cat); err != nil {
			t.Fatal(err)
		}
	}
	return importHostile(t, cat)
}

// importHostile imports cat into a new store.
func importHostile(t *testing.T, cat model.Catalog) *db.Store {
	t.Helper()
	ctx := context.Background()
	store, err := db.Open(ctx, filepath.Join(t.TempDir(), "hostile.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Import(ctx, cat, db.ImportOptions{Now: hostileClock}); err != nil {
		t.Fatal(err)
	}
	return store
}

// hostileDeliver sends messages to the model as the runtime would, running the commands they
// return (deliver: a form cursor's blink timer is dropped, every other command waited for).
func hostileDeliver(m tea.Model, msgs ...tea.Msg) tea.Model {
	return deliver(m, 50*time.Millisecond, msgs...)
}

// hostileLoad runs the app's first command, which loads the catalog, to its end.
func hostileLoad(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, hostileLoad(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func hostileKeys(keys ...string) []tea.Msg {
	var msgs []tea.Msg
	for _, k := range keys {
		switch k {
		case "enter":
			msgs = append(msgs, tea.KeyMsg{Type: tea.KeyEnter})
		case "ctrl+k":
			msgs = append(msgs, tea.KeyMsg{Type: tea.KeyCtrlK})
		default:
			msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
	}
	return msgs
}

// hostileScreens returns a frame of each screen at size w×h, each reached from a freshly
// loaded app by the keys a user would press: home, the filter, both rivals' profiles on every
// tab (top and bottom), help, the edit forms filled with hostile text, search, compare, the
// calculator, the dashboard, call prep and the deal form.
func hostileScreens(t *testing.T, store *db.Store, w, h int) map[string]string {
	t.Helper()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	opts := Options{Now: func() time.Time { return hostileClock }, Renderer: r, WorkDir: t.TempDir()}
	loaded := hostileLoad(New(context.Background(), store, opts).Init())
	fresh := func() tea.Model {
		return hostileDeliver(New(context.Background(), store, opts), append([]tea.Msg{tea.WindowSizeMsg{Width: w, Height: h}}, loaded...)...)
	}
	frames := map[string]string{}
	flow := func(name string, keys ...string) tea.Model {
		m := hostileDeliver(fresh(), hostileKeys(keys...)...)
		frames[name] = m.View()
		return m
	}
	flow("home")
	flow("filter", "/", "C", "1")
	flow("help", "?")
	for i, rival := range []string{"first rival", "second rival"} {
		down := strings.Split(strings.Repeat("j", i+1), "")
		m := flow(rival+" profile", append(down, "enter")...)
		for tab := range 6 {
			n := string(rune('1' + tab))
			m = hostileDeliver(m, hostileKeys(n)...)
			frames[rival+" tab "+n] = m.View()
			m = hostileDeliver(m, hostileKeys("G")...)
			frames[rival+" tab "+n+" bottom"] = m.View()
		}
		flow(rival+" competitor form", append(down, "enter", "e")...)
		flow(rival+" card section", append(down, "enter", "2", "e", "enter")...)
		flow(rival+" note form", append(down, "enter", "6", "e")...)
		flow(rival+" compare", append(down, "c", "enter")...)
		flow(rival+" calculator", append(down, "enter", "$")...)
		flow(rival+" call prep", append(down, "p")...)
		flow(rival+" dashboard", append(down, "enter", "W")...)
	}
	flow("search", "ctrl+k", "e", "v", "i", "l")
	flow("log a deal", "w")
	return frames
}

// checkHostileFrame: no escape byte at all (the ASCII profile writes no colour, so any ESC would
// come from catalog text), no other control, bidi or invisible character, no line wider than
// the terminal and never taller.
func checkHostileFrame(t *testing.T, name, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	for i, l := range lines {
		checked := l
		if j := strings.IndexByte(checked, 0x1b); j >= 0 {
			t.Errorf("%dx%d %s: line %d holds ESC: %q", w, h, name, i, l)
		}
		for _, r := range checked {
			if hostile.Unsafe(r) {
				t.Errorf("%dx%d %s: line %d holds %U: %q", w, h, name, i, r, l)
				break
			}
		}
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%dx%d %s: line %d is %d wide: %q", w, h, name, i, lw, l)
		}
	}
	if len(lines) > h {
		t.Errorf("%dx%d %s: %d lines", w, h, name, len(lines))
	}
}

// TestHostileCardOwnerOnProfile: the battle card's owner on the Overview tab is shown cleaned.
func TestHostileCardOwnerOnProfile(t *testing.T) {
	cat := model.Catalog{Version: model.CatalogVersion,
		Competitors: []model.Competitor{{Slug: "us", Name: "Us", IsSelf: true}, {Slug: "rival", Name: "Rival"}},
		Cards:       []model.BattleCard{{Competitor: "rival", Owner: "Own\x1b[2J\x1b]52;c;cm0gLXJm\x07er", LastReviewed: model.MustParseDate("2026-11-01")}},
	}
	store := importHostile(t, cat)
	opts := Options{Now: func() time.Time { return hostileClock }, WorkDir: t.TempDir()}
	msgs := append([]tea.Msg{tea.WindowSizeMsg{Width: 100, Height: 30}}, hostileLoad(New(context.Background(), store, opts).Init())...)
	frame := send(New(context.Background(), store, opts), append(msgs, hostileKeys("j", "enter")...)...).View()
	if !strings.Contains(frame, "reviewed 2026-11-01") {
		t.Fatalf("the profile's Card line is not on screen:\n%s", frame)
	}
	if strings.Contains(frame, "\x1b") || !strings.Contains(frame, "by Owner") {
		t.Errorf("the owner is not shown cleaned:\n%s", frame)
	}
}

// TestHostileCatalogOnEveryScreen renders every screen with the hostile catalog at sizes from
// 40×12 to 300×100.
func TestHostileCatalogOnEveryScreen(t *testing.T) {
	store := hostileStore(t, false)
	for _, sz := range [][2]int{{40, 12}, {41, 13}, {60, 20}, {80, 24}, {120, 40}, {200, 60}, {300, 100}} {
		for name, frame := range hostileScreens(t, store, sz[0], sz[1]) {
			checkHostileFrame(t, name, frame, sz[0], sz[1])
		}
	}
}

// TestHugeHostileCatalogOnEveryScreen: the same with 10,000 tags, card bullets and notes and
// texts of 100,000 characters, at the largest size, where most of them is on screen (a text
// of 100,000 characters is still hundreds of lines taller than the terminal).
func TestHugeHostileCatalogOnEveryScreen(t *testing.T) {
	store := hostileStore(t, true)
	for name, frame := range hostileScreens(t, store, 300, 100) {
		checkHostileFrame(t, name, frame, 300, 100)
	}
}

package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
)

// openWith is an OpenStore that hands over store and err.
func openWith(store *db.Store, err error) OpenStore {
	return func(context.Context) (*db.Store, error) { return store, err }
}

func TestOpeningDrawsBeforeTheStoreAndKeepsWhatWasTyped(t *testing.T) {
	store, _ := demoView(t)
	ctx := context.Background()
	var m tea.Model = newOpening(ctx, openWith(store, nil), colourOptions())
	if got := m.View(); !strings.Contains(got, "rivals") {
		t.Fatalf("first frame before the size is known: %q", got)
	}
	// The size and a search typed while the database opens: the palette must open on the
	// app with the whole query, and the app must know the terminal's size.
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	checkFrame(t, m.View(), 100, 30)
	for _, k := range []tea.KeyMsg{{Type: tea.KeyCtrlK}, keyRunes("h"), keyRunes("a"), keyRunes("r")} {
		var cmd tea.Cmd
		if m, cmd = m.Update(k); cmd != nil {
			t.Fatalf("opening ran a command for %v before the store was in", k)
		}
	}
	if _, still := m.(opening); !still {
		t.Fatalf("the model changed before the store arrived: %T", m)
	}
	m = send(m, m.Init()())
	app, ok := m.(Model)
	if !ok {
		t.Fatalf("after the store arrived the model is %T, want the app", m)
	}
	if app.width != 100 || app.height != 30 {
		t.Errorf("the app got size %dx%d, want 100x30", app.width, app.height)
	}
	if top := app.top(); top != component(app.palette) {
		t.Fatalf("the keys typed while opening did not open the palette: top is %T", top)
	}
	if q := app.palette.input.Value(); q != "har" {
		t.Errorf("palette query %q, want %q (typed while the store opened)", q, "har")
	}
	frame := app.View()
	checkFrame(t, frame, 100, 30)
	if !strings.Contains(frame, "Harborline") {
		t.Errorf("the palette does not show what was typed for:\n%s", frame)
	}
}

func TestOpeningEndsOnAnOpenErrorAndOnCtrlC(t *testing.T) {
	ctx := context.Background()
	refused := errors.New("newer schema")
	m, cmd := newOpening(ctx, openWith(nil, refused), Options{}).Update(storeOpenedMsg{err: refused})
	if o, ok := m.(opening); !ok || !errors.Is(o.err, refused) {
		t.Errorf("after a refused open the model is %#v, want opening with the error", m)
	}
	if cmd == nil || cmd() != tea.Quit() {
		t.Error("a refused open does not end the program")
	}
	_, cmd = newOpening(ctx, openWith(nil, nil), Options{}).Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	if cmd == nil || cmd() != tea.Quit() {
		t.Error("ctrl+c while opening does not end the program")
	}
}

func TestOpeningFitsEveryTerminalSize(t *testing.T) {
	for w := 0; w <= 300; w += 7 {
		for _, h := range []int{0, 1, 12, 30, 100} {
			m, _ := newOpening(context.Background(), openWith(nil, nil), Options{}).Update(tea.WindowSizeMsg{Width: w, Height: h})
			frame := m.View()
			if h == 0 || w == 0 {
				if frame != "" {
					t.Errorf("%dx%d: frame %q, want nothing", w, h, frame)
				}
				continue
			}
			checkFrame(t, frame, w, h)
		}
	}
}

func TestKeysTypedDuringTheFirstLoadAreReplayed(t *testing.T) {
	store, v := demoView(t)
	ctx := context.Background()
	m := send(New(ctx, store, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30})
	// q first quits at once; after other keys it is part of what is typed.
	if _, cmd := m.Update(keyRunes("q")); cmd == nil || cmd() != tea.Quit() {
		t.Error("q before the catalog is in does not quit")
	}
	m = send(m, tea.KeyMsg{Type: tea.KeyCtrlK}, keyRunes("q"), keyRunes("u"), tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyBackspace}, keyRunes("har"))
	if mm := m.(Model); mm.top() != nil {
		t.Fatalf("an overlay opened before the catalog was in: %T", mm.top())
	}
	v.gen = m.(Model).gen
	m = send(m, catalogLoadedMsg{view: v})
	app := m.(Model)
	if app.top() != component(app.palette) {
		t.Fatalf("ctrl+k typed during the load did not open the palette: top is %T", app.top())
	}
	if q := app.palette.input.Value(); q != "har" {
		t.Errorf("palette query %q, want %q", q, "har")
	}
	if len(app.typedAhead) != 0 {
		t.Errorf("%d keys still kept after the load", len(app.typedAhead))
	}
}

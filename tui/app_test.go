package tui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/model"
)

var testToday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// colourOptions renders with full colour so width checks include escape codes, as on a real
// terminal.
func colourOptions() Options {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	return Options{Now: func() time.Time { return testToday }, Renderer: r}
}

// demoView loads the demo catalog into a temporary store and returns its snapshot.
func demoView(t testing.TB) (*db.Store, catalogView) {
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
	store, err := db.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Import(ctx, cat, db.ImportOptions{Now: testToday}); err != nil {
		t.Fatal(err)
	}
	v, err := loadSnapshot(ctx, store, loadRequest{today: model.DateOf(testToday), eagerRows: DefaultEagerRows})
	if err != nil {
		t.Fatal(err)
	}
	return store, v
}

// send delivers messages to the model like the Bubble Tea runtime would: each command the
// model returns runs at once and its message is delivered too (the app's own commands never
// wait: text cursors do not blink). Quitting stops delivery.
func send(m tea.Model, msgs ...tea.Msg) tea.Model {
	return deliver(m, 0, msgs...)
}

// deliver is send with an optional deadline per command: commands that take longer are
// dropped (a form's blinking cursor sleeps; a user never notices those ticks).
func deliver(m tea.Model, deadline time.Duration, msgs ...tea.Msg) tea.Model {
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		m = runCmd(m, cmd, deadline, 0)
	}
	return m
}

func runCmd(m tea.Model, cmd tea.Cmd, deadline time.Duration, depth int) tea.Model {
	if cmd == nil || depth > 12 {
		return m
	}
	var msg tea.Msg
	if deadline == 0 {
		msg = cmd()
	} else {
		var ok bool
		if msg, ok = runUnlessBlink(cmd, deadline); !ok {
			return m
		}
	}
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
		return m
	case tea.BatchMsg:
		for _, c := range msg {
			m = runCmd(m, c, deadline, depth+1)
		}
		return m
	default:
		var next tea.Cmd
		m, next = m.Update(msg)
		return runCmd(m, next, deadline, depth+1)
	}
}

// runUnlessBlink runs a command and returns its message, unless it is a text cursor's blink
// timer (which sleeps and is dropped, as a user never notices those ticks). A command still
// running after the deadline is looked at: one waiting in the cursor's blink code is dropped;
// any other (a database load on a busy machine) is waited for.
func runUnlessBlink(cmd tea.Cmd, deadline time.Duration) (tea.Msg, bool) {
	done := make(chan tea.Msg, 1)
	id := make(chan string, 1)
	go func() {
		buf := make([]byte, 64)
		head, _, _ := strings.Cut(string(buf[:runtime.Stack(buf, false)]), " [")
		id <- head // "goroutine N"
		done <- cmd()
	}()
	self := <-id
	select {
	case msg := <-done:
		return msg, true
	case <-time.After(deadline):
	}
	buf := make([]byte, 1<<20)
	for _, stack := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
		if strings.HasPrefix(stack, self+" [") && strings.Contains(stack, "bubbles/cursor.(*Model).BlinkCmd") {
			return nil, false
		}
	}
	select {
	case msg := <-done:
		return msg, true
	case <-time.After(10 * time.Second):
		return nil, false
	}
}

func keyRunes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// checkFrame asserts the layout invariant: never wider or taller than the terminal.
func checkFrame(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) > h {
		t.Errorf("%dx%d: frame has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%dx%d: line %d is %d wide: %q", w, h, i, lw, l)
			return
		}
	}
}

func TestLayoutFitsEveryTerminalSize(t *testing.T) {
	store, v := demoView(t)
	widths := []int{40, 41, 45, 50, 59, 60, 61, 72, 80, 99, 100, 120, 133, 160, 200, 250, 299, 300}
	heights := []int{12, 13, 15, 20, 24, 30, 31, 40, 50, 75, 100}
	for _, w := range widths {
		for _, h := range heights {
			m := send(New(context.Background(), store, colourOptions()),
				tea.WindowSizeMsg{Width: w, Height: h}, catalogLoadedMsg{view: v})
			checkFrame(t, m.View(), w, h)
			// Move through every competitor and open the full help: still fits.
			for range v.competitors {
				m = send(m, keyRunes("j"))
				checkFrame(t, m.View(), w, h)
			}
			m = send(m, keyRunes("?"))
			checkFrame(t, m.View(), w, h)
		}
	}
}

func TestLayoutBeforeDataAndOnResize(t *testing.T) {
	store, v := demoView(t)
	m := tea.Model(New(context.Background(), store, Options{}))
	if got := m.View(); got == "" {
		t.Error("empty frame before the first WindowSizeMsg")
	}
	m = send(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	checkFrame(t, m.View(), 80, 24)
	if !strings.Contains(m.View(), "loading") {
		t.Error("no loading indicator before the catalog arrives")
	}
	m = send(m, catalogLoadedMsg{view: v}, tea.WindowSizeMsg{Width: 300, Height: 100}, tea.WindowSizeMsg{Width: 40, Height: 12})
	checkFrame(t, m.View(), 40, 12)
	// Short lines are not padded out and cut: no line but the footer ends in an ellipsis.
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	for _, l := range lines[:len(lines)-1] {
		if strings.HasSuffix(strings.TrimRight(l, " "), "…") && !strings.Contains(l, "…  ") && len([]rune(strings.TrimRight(l, " "))) == 40 && strings.Count(l, "…") == 1 && !strings.Contains(l, "│") {
			t.Errorf("line cut at the edge: %q", l)
		}
	}
}

func TestNavigationAndQuit(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	if got := m.(Model).home.selectedSlug(); got != "tidewell" {
		t.Fatalf("first selection = %s, want our own product first", got)
	}
	m = send(m, keyRunes("j"), keyRunes("j"))
	if got := m.(Model).home.selectedSlug(); got != v.competitors[2].Slug {
		t.Errorf("after jj selection = %s, want %s", got, v.competitors[2].Slug)
	}
	if !strings.Contains(m.View(), v.competitors[2].Name) {
		t.Error("preview does not show the selected competitor")
	}
	m = send(m, keyRunes("jj")) // two presses in one read
	if got := m.(Model).home.cursor; got != 4 {
		t.Errorf("cursor after a batched jj = %d, want 4", got)
	}
	m = send(m, keyRunes("G"))
	if got := m.(Model).home.selectedSlug(); got != v.competitors[len(v.competitors)-1].Slug {
		t.Errorf("G went to %s", got)
	}
	m = send(m, keyRunes("j"), keyRunes("g"), tea.KeyMsg{Type: tea.KeyUp})
	if got := m.(Model).home.cursor; got != 0 {
		t.Errorf("cursor = %d after g and up, want 0", got)
	}
	_, cmd := m.Update(keyRunes("q"))
	if cmd == nil {
		t.Fatal("q returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("q did not quit")
	}
}

func TestInitLoadsCatalogInACommand(t *testing.T) {
	store, _ := demoView(t)
	m := New(context.Background(), store, colourOptions())
	cmd := m.Init()
	if cmd == nil {
		t.Fatal("Init returned no command")
	}
	// The list first: the text index is built once the catalog is in. Init may start other
	// commands beside the load (the session's start in the change history).
	var msg catalogLoadedMsg
	ok := false
	var find func(tea.Msg)
	find = func(got tea.Msg) {
		switch got := got.(type) {
		case tea.BatchMsg:
			for _, c := range got {
				if c != nil {
					find(c())
				}
			}
		case textIndexMsg:
			t.Error("Init built the text index before the catalog was in")
		case catalogLoadedMsg:
			msg, ok = got, true
		}
	}
	find(cmd())
	if !ok || msg.err != nil || len(msg.view.competitors) < 10 {
		t.Fatalf("Init gave %#v, want the catalog loaded", msg)
	}
	_, after := m.Update(msg)
	indexed := false
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch got := c().(type) {
		case tea.BatchMsg:
			for _, c := range got {
				run(c)
			}
		case textIndexMsg:
			indexed = got.err == nil && got.text != nil
		}
	}
	run(after)
	if !indexed {
		t.Fatal("the first load did not go on to build the text index")
	}
	harbor := msg.view.profile("harborline")
	if harbor.card == nil || len(harbor.plans) == 0 || harbor.winLoss.Decided() == 0 || len(harbor.notes) == 0 || len(harbor.support) == 0 {
		t.Errorf("harborline summary incomplete: %+v", harbor)
	}
}

func TestHostileTextCannotEscape(t *testing.T) {
	evil := model.Competitor{Slug: "evil", Name: "Evil\x1b]52;c;cm0gLXJm\x07 Corp\x1b[2J", Positioning: "\u202Egnp.exe\x1b]8;;http://x\x07link"}
	v := catalogView{
		competitors: []model.Competitor{evil},
		profiles:    map[string]*profileData{"evil": {competitor: evil}},
	}
	m := send(New(context.Background(), nil, Options{}), tea.WindowSizeMsg{Width: 80, Height: 24}, catalogLoadedMsg{view: v})
	frame := m.View()
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\u202E", "\x07"} {
		if strings.Contains(frame, bad) {
			t.Errorf("frame contains %q", bad)
		}
	}
	if !strings.Contains(frame, "Evil Corp") {
		t.Error("sanitized name missing")
	}
}

func TestPreviewIsCachedAcrossModelCopies(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, colourOptions()), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	first := m.View()
	// Poison the cache: an unchanged frame must come from it, not from a fresh render.
	m.(Model).home.preview.block = "CACHED"
	if !strings.Contains(m.View(), "CACHED") {
		t.Fatal("second View re-rendered the preview instead of using the cache")
	}
	m = send(m, keyRunes("j"))
	if second := m.View(); strings.Contains(second, "CACHED") || second == first {
		t.Error("moving the selection did not refresh the preview")
	}
}

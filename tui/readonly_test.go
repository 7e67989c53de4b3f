package tui

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/db"
)

// readOnlyDemo is the demo catalog behind a store opened read-only, as a reader's session on
// the team server gets it, with the file's bytes before anything ran.
func readOnlyDemo(t *testing.T) (*db.Store, catalogView, []byte) {
	t.Helper()
	rw, v := demoView(t)
	path := rw.Path()
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ro, err := db.OpenWith(context.Background(), path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro, v, before
}

// editKeys are every key that opens a form or a question somewhere, and their neighbours.
var editKeys = []string{"n", "e", "d", "enter", "r", "R", "D", "f", "v", "E", "y", "w", "u", "m", "a", "x"}

// TestReaderCannotEditAnything drives every edit key on every screen of a read-only session:
// none opens a form or a question, each says the session is read-only, and the database file
// is byte-identical afterwards.
func TestReaderCannotEditAnything(t *testing.T) {
	store, v, before := readOnlyDemo(t)
	places := map[string][]tea.Msg{
		"home":      nil,
		"dashboard": {keyRunes("W")},
		"changes":   {keyRunes("H")},
		"compare":   {keyRunes("c")},
	}
	for tab := 1; tab <= 6; tab++ {
		places["profile tab "+string(rune('0'+tab))] = []tea.Msg{keyRunes("j"), special(tea.KeyEnter), keyRunes(string(rune('0' + tab))), keyRunes("j")}
	}
	said := 0
	for place, setup := range places {
		for _, k := range editKeys {
			m := send(New(context.Background(), store, Options{ReadOnly: true, Now: func() time.Time { return testToday }}),
				tea.WindowSizeMsg{Width: 120, Height: 40}, catalogLoadedMsg{view: v})
			m = drive(m, setup...)
			m = drive(m, keyRunes(k))
			mm := m.(Model)
			// Exporting the card only reads the catalog (it writes a file where the app runs).
			if f := mm.currentForm(); f != nil && !strings.HasPrefix(f.title, "Export the battle card") {
				t.Errorf("%s, %q: a reader got the form %q", place, k, f.title)
			}
			if mm.currentQuestion() != nil {
				t.Errorf("%s, %q: a reader was asked %q", place, k, mm.currentQuestion().question)
			}
			if mm.err != nil {
				t.Errorf("%s, %q: %v", place, k, mm.err)
			}
			if mm.status == ReadOnlyStatus {
				said++
				if !strings.Contains(ansi.Strip(m.View()), ReadOnlyStatus) {
					t.Errorf("%s, %q: the refusal is not on screen", place, k)
				}
			}
		}
	}
	if said < 20 {
		t.Errorf("only %d edit keys said %q", said, ReadOnlyStatus)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(store.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("a reader's session changed the database file")
	}
}

// TestReaderStillReads checks a read-only session keeps what only reads: the palette, call
// prep, the changes view and copying the card.
func TestReaderStillReads(t *testing.T) {
	store, v, _ := readOnlyDemo(t)
	var clip bytes.Buffer
	m := send(New(context.Background(), store, Options{ReadOnly: true, Clipboard: &clip, Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: 120, Height: 40}, catalogLoadedMsg{view: v})
	m = drive(m, keyRunes("H"))
	if !m.(Model).isOpen(m.(Model).changes) {
		t.Error("H did not open the changes view for a reader")
	}
	m = drive(m, special(tea.KeyEsc), keyRunes("j"), special(tea.KeyEnter), keyRunes("2"), tea.KeyMsg{Type: tea.KeyCtrlY})
	if !strings.Contains(clip.String(), "\x1b]52;c;") {
		t.Errorf("ctrl+y copied nothing for a reader: %q", m.(Model).status)
	}
}

// TestRemoteSessionRefusesThisMachine checks a session over SSH neither writes files where
// the app runs nor starts $EDITOR there, even for an editor.
func TestRemoteSessionRefusesThisMachine(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Remote: true, Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: 120, Height: 40}, catalogLoadedMsg{view: v})
	m = drive(m, keyRunes("j"), special(tea.KeyEnter), keyRunes("2"))
	for _, k := range []string{"x", "E"} {
		m = drive(m, keyRunes(k))
		if f := m.(Model).currentForm(); f != nil {
			t.Errorf("%q opened %q over SSH", k, f.title)
			m = drive(m, special(tea.KeyEsc))
		}
		if m.(Model).status != remoteStatus {
			t.Errorf("%q said %q", k, m.(Model).status)
		}
	}
	m = drive(m, keyRunes("e"))
	f := m.(Model).currentForm()
	if f == nil {
		t.Fatal("an editor over SSH cannot edit the card")
	}
	if !f.noExternalEditor {
		t.Error("ctrl+e would start $EDITOR on the server")
	}
	m = drive(m, special(tea.KeyEnter)) // the first section's text
	if v := m.(Model).currentForm().View(); !strings.Contains(v, "30-second read") || strings.Contains(v, "ctrl+e") {
		t.Errorf("the card form over SSH, on a section:\n%s", v)
	}
}

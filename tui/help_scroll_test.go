package tui

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// helpPosition finds the expanded help's position line: "help 3–9 of 14".
var helpPosition = regexp.MustCompile(`help (\d+)–(\d+) of (\d+)`)

// TestHelpScrollsWhenItDoesNotFit: on a screen whose keys do not fit under it, ? shows as much
// help as fits with its position; j/k, space/b and g/G scroll it (not the screen beneath), every
// key is reachable, and the frame never outgrows the terminal.
func TestHelpScrollsWhenItDoesNotFit(t *testing.T) {
	store, v := demoView(t)
	const w, h = 60, 14
	m := send(New(context.Background(), store, colourOptions()), tea.WindowSizeMsg{Width: w, Height: h}, catalogLoadedMsg{view: v})
	m = send(m, keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("6"), keyRunes("?"))
	position := func() (first, last, total string) {
		t.Helper()
		frame := ansi.Strip(m.View())
		checkFrame(t, frame, w, h)
		p := helpPosition.FindStringSubmatch(frame)
		if p == nil {
			t.Fatalf("no help position on the screen:\n%s", frame)
		}
		return p[1], p[2], p[3]
	}
	first, last, total := position()
	t.Logf("%s lines of help, %d at a time", total, atoi(t, last))
	window := atoi(t, last) - atoi(t, first) + 1
	if first != "1" || !strings.Contains(ansi.Strip(m.View()), "more below") {
		t.Fatalf("help opens at line %s, not at the top", first)
	}
	note := m.(Model).profile.note
	seen := map[string]bool{}
	collect := func() {
		for _, l := range strings.Split(ansi.Strip(m.View()), "\n") {
			seen[strings.TrimSpace(l)] = true
		}
	}
	collect()
	steps := []struct {
		key   tea.KeyMsg
		first string
	}{
		{keyRunes("j"), "2"},
		{keyRunes("j"), "3"},
		{keyRunes("k"), "2"},
		{keyRunes("G"), ""}, // the end: checked below
		{keyRunes("g"), "1"},
		{keyRunes(" "), ""}, // a page down: checked below
		{keyRunes("b"), "1"},
	}
	for _, s := range steps {
		m = send(m, s.key)
		collect()
		f, l, tot := position()
		switch s.key.String() {
		case "G":
			if l != tot || !strings.Contains(ansi.Strip(m.View()), "end") {
				t.Errorf("G shows lines %s–%s of %s, not the end", f, l, tot)
			}
		case " ":
			if want := min(1+window, atoi(t, tot)-window+1); atoi(t, f) != want {
				t.Errorf("space shows lines %s–%s, want a page on: from %d", f, l, want)
			}
		default:
			if f != s.first {
				t.Errorf("after %q the help starts at line %s, want %s", s.key.String(), f, s.first)
			}
		}
	}
	if m.(Model).profile.note != note {
		t.Error("the keys scrolled the screen beneath the help, not the help")
	}
	// Every key of the screen was on the screen at some point.
	for _, g := range m.(Model).FullHelp() {
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			found := false
			for l := range seen {
				if strings.Contains(l, b.Help().Key) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s (%s) never shown while scrolling the help", b.Help().Key, b.Help().Desc)
			}
		}
	}
	// ? closes it; the keys go back to the screen.
	m = send(m, keyRunes("?"), keyRunes("j"))
	if helpPosition.MatchString(ansi.Strip(m.View())) || m.(Model).profile.note == note {
		t.Error("after ? the help is still shown or j does not reach the screen")
	}
}

// TestHelpThatFitsLeavesKeysToTheScreen: where the whole help fits, there is no position line
// and j still moves the list.
func TestHelpThatFitsLeavesKeysToTheScreen(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, colourOptions()), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = send(m, keyRunes("?"), keyRunes("j"))
	if helpPosition.MatchString(ansi.Strip(m.View())) {
		t.Errorf("a position line on help that fits:\n%s", ansi.Strip(m.View()))
	}
	if m.(Model).home.cursor != 1 {
		t.Errorf("j under help that fits did not move the list (cursor %d)", m.(Model).home.cursor)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

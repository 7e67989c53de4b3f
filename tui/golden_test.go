package tui

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

func init() {
	// Goldens must not depend on the machine's time zone.
	time.Local = time.UTC
}

// goldenScreen runs the real program at 100x30 on the demo catalog, plays keys, waits for
// text to appear, and compares the final frame with testdata/<test name>.golden
// (go test ./tui -run Golden -update rewrites them).
func goldenScreen(t *testing.T, waitFor string, keys ...tea.Msg) {
	t.Helper()
	store, _ := demoView(t)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	opts := Options{Demo: true, Now: func() time.Time { return testToday }, Renderer: r}
	tm := teatest.NewTestModel(t, New(context.Background(), store, opts), teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Harborline")) },
		teatest.WithDuration(5*time.Second))
	for _, k := range keys {
		tm.Send(k)
		time.Sleep(20 * time.Millisecond) // let commands (queries, navigation) land in order
	}
	if waitFor != "" {
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(waitFor)) },
			teatest.WithDuration(5*time.Second))
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	golden.RequireEqual(t, []byte(final.View()))
}

func TestGoldenHome(t *testing.T) {
	goldenScreen(t, "")
}

func TestGoldenProfile(t *testing.T) {
	goldenScreen(t, "Time to value", keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("2"))
}

func TestGoldenSearch(t *testing.T) {
	goldenScreen(t, "Battle cards", tea.KeyMsg{Type: tea.KeyCtrlK}, keyRunes("r"), keyRunes("e"), keyRunes("n"),
		keyRunes("e"), keyRunes("w"), keyRunes("a"), keyRunes("l"))
}

func TestGoldenHelp(t *testing.T) {
	goldenScreen(t, "bottom", keyRunes("?"))
}

func TestGoldenCalculator(t *testing.T) {
	goldenScreen(t, "50 seats, billed yearly", keyRunes("$"), special(tea.KeyBackspace), special(tea.KeyBackspace), keyRunes("5"), keyRunes("0"))
}

func TestGoldenPricingTab(t *testing.T) {
	goldenScreen(t, "Price at 25 seats", keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("4"))
}

func TestGoldenDashboard(t *testing.T) {
	goldenScreen(t, "Win rate by quarter", keyRunes("W"))
}

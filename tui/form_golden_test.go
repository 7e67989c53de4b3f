package tui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

// goldenScreenAt is goldenScreen on a terminal of the given size.
func goldenScreenAt(t *testing.T, width, height int, waitFor string, keys ...tea.Msg) {
	t.Helper()
	store, _ := demoView(t)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	opts := Options{Demo: true, Now: func() time.Time { return testToday }, Renderer: r}
	rec := newFrameRecorder(New(context.Background(), store, opts))
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(width, height))
	rec.waitFor(t, "the catalog", func(frame string) bool { return strings.Contains(frame, "Harborline") })
	for i, k := range keys {
		what := fmt.Sprintf("key %d (%v) and what it started to be handled", i+1, k)
		tm.Send(k)
		rec.waitFor(t, what, func(string) bool {
			return rec.keys.Load() > int64(i) && rec.pending.Load() == 0
		})
	}
	if waitFor != "" {
		rec.waitFor(t, fmt.Sprintf("%q on the screen", waitFor), func(frame string) bool { return strings.Contains(frame, waitFor) })
	}
	if want, err := os.ReadFile(filepath.Join("testdata", t.Name()+".golden")); err == nil && !updatingGoldens() {
		rec.settle(string(want))
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	golden.RequireEqual(t, []byte(final.View()))
}

// refusedPriceKeys open Harborline's Pricing tab and record the same price change twice on one
// day: the second save is refused and the form stays open, the reason beside the date.
var refusedPriceKeys = []tea.Msg{keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("4"),
	keyRunes("r"), tea.KeyMsg{Type: tea.KeyCtrlS}, keyRunes("r"), tea.KeyMsg{Type: tea.KeyCtrlS}}

func TestGoldenRefusedSave80x24(t *testing.T) {
	goldenScreenAt(t, 80, 24, "already has a price", refusedPriceKeys...)
}

func TestGoldenRefusedSave100x30(t *testing.T) {
	goldenScreenAt(t, 100, 30, "already has a price", refusedPriceKeys...)
}

func TestGoldenRefusedSave250x70(t *testing.T) {
	goldenScreenAt(t, 250, 70, "already has a price", refusedPriceKeys...)
}

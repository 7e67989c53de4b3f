package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

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

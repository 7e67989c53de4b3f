package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// The screens met first, at each of goldenSizes: wide terminals use their width (feature
// names whole, compare columns sharing the width, one line per feature when it fits) and
// 80 columns keep every tab's name readable.

func TestGoldenHomeSizes(t *testing.T) {
	goldenScreenSizes(t, "")
}

func TestGoldenFeaturesTab(t *testing.T) {
	goldenScreenSizes(t, "Custom roles", keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("3"))
}

func TestGoldenProfileTabs(t *testing.T) {
	goldenScreenSizes(t, "[1 Overview]", keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("1"))
}

func TestGoldenCompare(t *testing.T) {
	goldenScreenSizes(t, "Comparing 4", keyRunes("j"), keyRunes("j"), keyRunes("j"), keyRunes("c"),
		keyRunes("nimbus"), keyRunes(" "), tea.KeyMsg{Type: tea.KeyCtrlU}, keyRunes("quillon"), keyRunes(" "), special(tea.KeyEnter))
}

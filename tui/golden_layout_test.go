package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
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

// TestGoldenEmptyHome: a new database's Home says how to start, at every size.
func TestGoldenEmptyHome(t *testing.T) {
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("HOME", home) // the path shown is ~/rivals.db whichever the test's directory
			store, err := db.Open(context.Background(), filepath.Join(home, "rivals.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { store.Close() })
			goldenRun(t, store, false, sz[0], sz[1], "No competitors yet", "rivals init --demo")
		})
	}
}

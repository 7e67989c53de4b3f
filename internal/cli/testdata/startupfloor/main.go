// Command startupfloor is the reference for rivals' first frame: the smallest Bubble Tea
// program, linked with the libraries rivals links (their package initialisation runs before
// main in every process), that draws the same placeholder frame with the same program
// options. BenchmarkStartupScale starts it beside rivals.
package main

import (
	"os"

	_ "github.com/charmbracelet/bubbles/help"
	_ "github.com/charmbracelet/bubbles/textinput"
	_ "github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/huh"
	_ "github.com/charmbracelet/log"
	_ "github.com/charmbracelet/wish"
	_ "github.com/sahilm/fuzzy"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/text/unicode/norm"
	_ "modernc.org/sqlite"
)

type placeholder struct{}

func (placeholder) Init() tea.Cmd { return nil }

func (p placeholder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyMsg); ok {
		return p, tea.Quit
	}
	return p, nil
}

func (placeholder) View() string { return "rivals · loading…" }

func main() {
	if _, err := tea.NewProgram(placeholder{}, tea.WithAltScreen(), tea.WithFPS(120)).Run(); err != nil {
		os.Exit(1)
	}
}

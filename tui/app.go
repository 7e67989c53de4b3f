// Package tui is rivals' Bubble Tea interface. Every screen is a component with Update, View,
// SetSize and its own key bindings; all database access runs in commands, never in Update or
// View.
package tui

import (
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
	"github.com/rivals-app/rivals/termtext"
)

// Options configure the TUI.
type Options struct {
	// Demo marks the session as running on the temporary demo catalog.
	Demo bool
	// Now is the clock (time.Now when nil); staleness is judged against its date.
	Now func() time.Time
	// Renderer renders styles for the output terminal. Nil means plain text with no colour,
	// which is what tests want.
	Renderer *lipgloss.Renderer
}

// Run starts the TUI on store and blocks until the user quits.
func Run(ctx context.Context, store *db.Store, opts Options) error {
	progOpts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx)}
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.NewRenderer(os.Stdout)
		opts.Renderer.SetHasDarkBackground(HasDarkBackground(os.Getenv))
	}
	// Library styles built on the default renderer must not query the terminal either.
	lipgloss.SetHasDarkBackground(opts.Renderer.HasDarkBackground())
	if os.Getenv("RIVALS_DEBUG") != "" {
		f, err := tea.LogToFile(os.Getenv("RIVALS_DEBUG"), "rivals")
		if err != nil {
			return err
		}
		defer f.Close()
	}
	_, err := tea.NewProgram(New(store, opts), progOpts...).Run()
	return err
}

// Model is the root of the TUI: it owns the screens, the status bar and the help footer.
type Model struct {
	store  *db.Store
	opts   Options
	styles Styles
	keys   appKeys
	help   help.Model

	home    home
	loading bool
	err     error
	width   int
	height  int
}

// New builds the root model; the catalog loads in a command started by Init.
func New(store *db.Store, opts Options) Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.NewRenderer(io.Discard)
		opts.Renderer.SetColorProfile(termenv.Ascii)
		opts.Renderer.SetHasDarkBackground(true)
	}
	m := Model{store: store, opts: opts, styles: NewStyles(opts.Renderer), keys: newAppKeys(), help: help.New(), loading: true}
	m.help.Styles = m.styles.Help
	m.home = newHome(&m.styles, model.DateOf(opts.Now()))
	return m
}

// Init starts loading the catalog.
func (m Model) Init() tea.Cmd {
	return loadCatalogCmd(m.store, model.DateOf(m.opts.Now()))
}

// Update routes messages: sizes to every screen, keys to the active one.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.layout()
		return m, nil
	case catalogLoadedMsg:
		m.loading = false
		m.err = msg.err
		if msg.err == nil {
			m.home.SetData(msg.view)
		}
		return m, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			return m.splitKeys(msg)
		}
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			m.layout()
			return m, nil
		}
	}
	var cmd tea.Cmd
	m.home, cmd = m.home.Update(msg)
	return m, cmd
}

// splitKeys handles several typed runes that arrived in one read (fast typing, key repeat, a
// terminal multiplexer) as separate key presses, so "jjj" moves three rows.
func (m Model) splitKeys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var next tea.Model = m
	for _, r := range msg.Runes {
		var cmd tea.Cmd
		next, cmd = next.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return next, tea.Sequence(cmds...)
}

// layout hands each screen the space left between the header and the footer.
func (m *Model) layout() {
	m.home.SetSize(m.width, max(0, m.height-2-lipgloss.Height(m.footer())))
}

// ShortHelp implements help.KeyMap for the footer: the active screen's keys, then global ones.
func (m Model) ShortHelp() []key.Binding {
	return append(m.home.ShortHelp(), m.keys.Help, m.keys.Quit)
}

// FullHelp implements help.KeyMap for the expanded help.
func (m Model) FullHelp() [][]key.Binding {
	return append(m.home.FullHelp(), []key.Binding{m.keys.Help, m.keys.Quit})
}

func (m Model) footer() string {
	return m.help.View(m)
}

func (m Model) header() string {
	title := m.styles.Title.Render("rivals")
	if m.opts.Demo {
		title += " " + m.styles.DemoBadge.Render("demo catalog")
	}
	status := ""
	switch {
	case m.err != nil:
		status = m.styles.StatusError.Render("error: " + termtext.Line(m.err.Error()))
	case m.loading:
		status = m.styles.StatusBar.Render("loading…")
	default:
		status = m.styles.StatusBar.Render(plural(len(m.home.data.competitors), "product"))
	}
	gap := m.width - lipgloss.Width(title) - lipgloss.Width(status)
	if gap < 1 {
		return truncate(title+" "+status, m.width)
	}
	return title + strings.Repeat(" ", gap) + status
}

// View renders the whole frame: never wider or taller than the terminal.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return "loading…"
	}
	footer := m.footer()
	body := m.home.View()
	frame := lipgloss.JoinVertical(lipgloss.Left, m.header(), "", body, footer)
	return fitBlock(frame, m.width, m.height)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

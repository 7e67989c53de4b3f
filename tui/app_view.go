package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// bodyHeight is the space between the header and the status bar and footer.
func (m Model) bodyHeight() int {
	return max(0, m.height-2-lipgloss.Height(m.footer()))
}

// layout hands every screen and overlay, open or not, the space left between the header and
// the footer.
func (m *Model) layout() {
	body := m.bodyHeight()
	sized := []component{&m.home, &m.profile, &m.compare, &m.dash, m.palette, m.picker, m.calc, m.prep, m.reasons, m.changes}
	for _, o := range m.overlays {
		if !slices.Contains(sized, o) {
			sized = append(sized, o) // a form or a question, made when it opens
		}
	}
	for _, c := range sized {
		c.SetSize(m.width, body)
	}
}

// ShortHelp implements help.KeyMap for the footer: the focused keys, then the global ones that
// work there.
func (m Model) ShortHelp() []key.Binding {
	focused := m.focused()
	if _, ok := focused.(*editor); ok {
		return nil // the form shows its own help
	}
	b := focused.ShortHelp()
	if m.textFocused() {
		return append(b, m.keys.ForceQuit) // printable keys are text here
	}
	return append(b, m.keys.Search, m.keys.Help, m.keys.Quit)
}

// FullHelp implements help.KeyMap for the expanded help.
func (m Model) FullHelp() [][]key.Binding {
	focused := m.focused()
	if _, ok := focused.(*editor); ok {
		return nil
	}
	global := []key.Binding{m.keys.Search, m.keys.LogDeal, m.keys.Dashboard, m.keys.Changes, m.keys.Undo, m.keys.Help, m.keys.Quit, m.keys.ForceQuit}
	if m.textFocused() {
		global = []key.Binding{m.keys.ForceQuit}
	}
	return append(focused.FullHelp(), global)
}

func (m Model) footer() string {
	if m.help.ShowAll {
		return m.helpScroll.View(m.styles, m.helpLines(), m.helpRows(), m.width)
	}
	return m.help.View(m)
}

// header renders the title line: app name, demo badge and where we are.
func (m Model) header() string {
	title := m.styles.Title.Render("rivals")
	if m.opts.Demo {
		title += " " + m.styles.DemoBadge.Render("demo")
	}
	crumb := ""
	if m.active == screenProfile {
		crumb = m.styles.Muted.Render(" › " + termtext.Line(m.data.profile(m.profile.Slug()).competitor.Name))
	}
	return truncate(title+crumb, m.width)
}

// statusBar renders the DB path, counts, and the last error or confirmation.
func (m Model) statusBar() string {
	st := m.styles
	left := ""
	switch {
	case m.opts.Demo:
		left = "demo catalog (a temporary copy)"
	case m.opts.Remote && m.opts.ReadOnly:
		left = "team catalog · read-only" // the server's paths are not the user's business
	case m.opts.Remote:
		left = "team catalog"
	case m.store != nil:
		left = shortenPath(m.store.Path())
	}
	var right string
	switch {
	case m.err != nil:
		err := m.err
		if m.store != nil {
			err = m.store.Explain(err) // a damaged or busy file in words, not the driver's
		}
		right = st.StatusError.Render("error: " + termtext.Line(err.Error()))
	case m.loading:
		right = st.StatusBar.Render("loading…")
	case m.status != "":
		right = st.StatusBar.Render(termtext.Line(m.status))
	default:
		right = st.StatusBar.Render(fmt.Sprintf("%s · %s · %s", plural(len(m.data.competitors), "product"),
			plural(m.data.stats[model.KindDeals], "deal"), plural(m.data.stats[model.KindNotes], "note")))
	}
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		return truncate(right, m.width)
	}
	return st.StatusBar.Render(left) + strings.Repeat(" ", gap) + right
}

// shortenPath replaces the home directory with ~.
func shortenPath(p string) string {
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if rel, err := filepath.Rel(home, p); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.Join("~", rel)
		}
	}
	return p
}

// View renders the whole frame: never wider or taller than the terminal.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		// The first frame, drawn before the terminal's size is known: short enough for any.
		return "rivals · loading…"
	}
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("rivals needs at least %d×%d (this is %d×%d)", minWidth, minHeight, m.width, m.height)
		return fitBlock(lipgloss.PlaceHorizontal(m.width, lipgloss.Center, wrapJoin(msg, m.width)), m.width, m.height)
	}
	body := m.focused().View()
	// Each part is cut to the width on its own: joining first would pad every line to the
	// widest one and then cut them all.
	footer := m.footer()
	frame := strings.Join([]string{
		truncate(m.header(), m.width),
		body,
		truncate(m.statusBar(), m.width),
		fitBlock(footer, m.width, lipgloss.Height(footer)),
	}, "\n")
	// Text is cleaned where it is rendered; forms show what they edit as typed, so the whole
	// frame also loses any character that reorders or hides text, whatever drew it.
	return termtext.StripInvisible(fitBlock(frame, m.width, m.height))
}

func wrapJoin(s string, width int) string { return strings.Join(wrap(s, width), "\n") }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

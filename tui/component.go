package tui

import (
	"slices"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// component is what every screen and overlay is: it takes the messages routed to it, draws
// itself in the space it was given, and lists its keys for the help footer.
type component interface {
	help.KeyMap
	// Update handles a message routed to the component and returns the command it starts.
	Update(msg tea.Msg) tea.Cmd
	// View draws the component, never larger than its size.
	View() string
	// SetSize gives the component its share of the terminal.
	SetSize(width, height int)
}

// Every screen and overlay is a component.
var (
	_ component = (*home)(nil)
	_ component = (*profile)(nil)
	_ component = (*compareView)(nil)
	_ component = (*dashboard)(nil)
	_ component = (*palette)(nil)
	_ component = (*picker)(nil)
	_ component = (*calculator)(nil)
	_ component = (*prepView)(nil)
	_ component = (*reasonList)(nil)
	_ component = (*changesView)(nil)
	_ component = (*editor)(nil)
	_ component = (*confirm)(nil)
	_ finisher  = (*confirm)(nil)
)

// finisher is an overlay that can be done with after a key, such as a question once answered:
// the app closes it at once, so a second key press cannot reach it.
type finisher interface {
	component
	finished() bool
}

// The overlays are kept on a stack over the active screen, the last opened on top. The top
// one has the keyboard, the footer's help and the body of the frame; esc closes it (its own
// esc key sends backMsg) unless it uses esc itself, as a form does to cancel.

// top is the overlay on top of the stack, or nil when none is open.
func (m *Model) top() component {
	if n := len(m.overlays); n > 0 {
		return m.overlays[n-1]
	}
	return nil
}

// focused is what has the keyboard: the top overlay, else the active screen.
func (m *Model) focused() component {
	if top := m.top(); top != nil {
		return top
	}
	return m.screen()
}

// screen is the active screen.
func (m *Model) screen() component {
	switch m.active {
	case screenDashboard:
		return &m.dash
	case screenCompare:
		return &m.compare
	case screenProfile:
		return &m.profile
	}
	return &m.home
}

// isOpen reports whether an overlay is on the stack.
func (m Model) isOpen(o component) bool { return slices.Contains(m.overlays, o) }

// open puts an overlay on top of the stack, moving it there if it is open already, and lays
// the frame out again for the footer of its keys.
func (m *Model) open(o component) {
	m.overlays = append(m.without(o), o)
	m.layout()
}

// close takes an overlay off the stack, wherever it is. Closing the calculator hands its deal
// size to the profile, whose Pricing and Battle card tabs price at it.
func (m *Model) close(o component) {
	if !m.isOpen(o) {
		return
	}
	m.overlays = m.without(o)
	if o == component(m.calc) {
		m.profile.SetQuoteInput(m.calc.Input())
	}
	m.layout()
}

// without is the stack less o, in a new slice: copies of the model never share an array that
// one of them changes.
func (m Model) without(o component) []component {
	return slices.DeleteFunc(slices.Clone(m.overlays), func(c component) bool { return c == o })
}

// topmost is the open overlay of type T nearest the top of the stack.
func topmost[T component](overlays []component) (T, bool) {
	for i := len(overlays) - 1; i >= 0; i-- {
		if o, ok := overlays[i].(T); ok {
			return o, true
		}
	}
	var none T
	return none, false
}

// currentForm is the open form, or nil.
func (m Model) currentForm() *editor {
	ed, _ := topmost[*editor](m.overlays)
	return ed
}

// currentQuestion is the open yes/no question, or nil.
func (m Model) currentQuestion() *confirm {
	c, _ := topmost[*confirm](m.overlays)
	return c
}

// showForm opens a form over everything and starts it.
func (m *Model) showForm(ed *editor) tea.Cmd {
	ed.styles = m.styles
	if m.opts.Remote && !ed.noExternalEditor {
		ed.noExternalEditor = true // ctrl+e would start $EDITOR on this machine
		ed.build()
	}
	m.open(ed)
	return ed.form.Init()
}

// ask opens a yes/no question over everything.
func (m *Model) ask(c *confirm) {
	c.styles = m.styles
	m.open(c)
}

// textFocused reports whether a text box has the keyboard, so printable keys are text and the
// app's one-letter keys (q, ?, w, W) stay out of the way: a form, a question (which takes only
// its answers), the palette, the picker, or the home screen's filter.
func (m Model) textFocused() bool {
	switch f := m.focused().(type) {
	case *editor, *confirm, *palette, *picker:
		return true
	case *home:
		return f.Filtering()
	}
	return false
}

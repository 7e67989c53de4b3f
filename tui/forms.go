package tui

import (
	"errors"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// formDoneMsg says the open form was submitted or cancelled.
type formDoneMsg struct{}

// savedMsg reports the outcome of a save or delete run in a command.
type savedMsg struct {
	status string // confirmation for the status bar
	slug   string // competitor to select afterwards ("" keeps the selection)
	tab    profileTab
	home   bool // go back to the home screen (the competitor is gone)
	noteID int64
	plan   string // plan to select afterwards, by name
	err    error
}

// editor is an open form: the huh form plus what to do with its values. It takes every
// message while it is on top (see updateEditor) and draws its own help.
type editor struct {
	title  string
	form   *huh.Form
	submit func() tea.Cmd
	styles *Styles
	width  int
	height int
}

// Update hands a message to the form.
func (e *editor) Update(msg tea.Msg) tea.Cmd {
	f, cmd := e.form.Update(msg)
	if form, ok := f.(*huh.Form); ok {
		e.form = form
	}
	return cmd
}

// View draws the title over the form.
func (e *editor) View() string {
	return fitBlock(e.styles.Heading.Render(termtext.Line(e.title))+"\n\n"+e.form.View(), e.width, e.height)
}

// SetSize gives the form the space under its title.
func (e *editor) SetSize(width, height int) {
	e.width, e.height = width, height
	// Title and blank line above; huh draws a blank line before its footer that its own height
	// does not count.
	e.form = e.form.WithWidth(width).WithHeight(max(1, height-3))
}

// ShortHelp is empty: the form shows its own help.
func (e *editor) ShortHelp() []key.Binding { return nil }

// FullHelp is empty: the form shows its own help.
func (e *editor) FullHelp() [][]key.Binding { return nil }

// newEditor wraps fields in a form whose completion is reported as formDoneMsg; esc cancels.
func newEditor(title string, submit func() tea.Cmd, groups ...*huh.Group) *editor {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	f := huh.NewForm(groups...).WithKeyMap(km).WithTheme(huh.ThemeCharm()).WithShowHelp(true)
	f.SubmitCmd = func() tea.Msg { return formDoneMsg{} }
	f.CancelCmd = func() tea.Msg { return formDoneMsg{} }
	return &editor{title: title, form: f, submit: submit}
}

// updateEditor gives the form on top every message except the ones the app must see (size,
// its own replies, ctrl+c). It reports whether the form took the message.
func (m Model) updateEditor(form *editor, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg, formDoneMsg, savedMsg, catalogLoadedMsg, deleteImpactMsg, cellSavedMsg:
		return nil, false
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.ForceQuit) {
			return tea.Quit, true
		}
	}
	return form.Update(msg), true
}

// fieldMessage turns a model's field problem into the message a form shows under the field.
func fieldMessage(err error) error {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return errors.New(fe.Msg)
	}
	return err
}

// splitList turns "a, b, c" into a list.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// withScheme adds https:// to a web address typed without one.
func withScheme(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && !strings.Contains(s, "://") {
		return "https://" + s
	}
	return s
}

// confirm is a yes/no question before something destructive. It takes only its answers and
// is done with once one is given.
type confirm struct {
	question string
	yes      func() tea.Cmd
	keys     confirmKeys
	styles   *Styles
	answered bool
	width    int
	height   int
}

type confirmKeys struct{ Yes, No key.Binding }

// Update takes the answer: yes starts the command the question guards.
func (c *confirm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, c.keys.Yes):
		c.answered = true
		return c.yes()
	case key.Matches(km, c.keys.No):
		c.answered = true
	}
	return nil
}

// finished reports whether the question has been answered.
func (c *confirm) finished() bool { return c.answered }

// View draws the question and how to answer it.
func (c *confirm) View() string {
	q := strings.Join(wrap(c.styles.Heading.Render(termtext.Line(c.question)), max(c.width-4, 8)), "\n")
	return fitBlock("\n"+q+"\n\n"+c.styles.Muted.Render(c.keys.Yes.Help().Key+" "+c.keys.Yes.Help().Desc+" · n cancel"), c.width, c.height)
}

// SetSize gives the question its share of the terminal.
func (c *confirm) SetSize(width, height int) { c.width, c.height = width, height }

// ShortHelp lists the question's answers.
func (c *confirm) ShortHelp() []key.Binding { return []key.Binding{c.keys.Yes, c.keys.No} }

// FullHelp lists the question's answers.
func (c *confirm) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }

func newConfirm(question string, yes func() tea.Cmd) *confirm {
	return &confirm{question: question, yes: yes, keys: confirmKeys{
		Yes: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, delete")),
		No:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "cancel")),
	}}
}

// editorCommand is the external editor for long text: $VISUAL, else $EDITOR, else vi (which,
// unlike huh's default nano, every Unix has).
func editorCommand() []string {
	for _, env := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(os.Getenv(env)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

func editorName() string { return editorCommand()[0] }

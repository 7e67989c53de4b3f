package tui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

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

func (m savedMsg) failure() error        { return m.err }
func (m cellSavedMsg) failure() error    { return m.err }
func (m cardExportedMsg) failure() error { return m.err }
func (m reasonSavedMsg) failure() error  { return m.err }
func (m sectionFileMsg) failure() error  { return m.err }

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
	yes, no := c.keys.Yes.Help(), c.keys.No.Help()
	return fitBlock("\n"+q+"\n\n"+c.styles.Muted.Render(yes.Key+" "+yes.Desc+" · "+no.Key+" "+no.Desc), c.width, c.height)
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

// limited describes a field whose text the catalog limits: desc, then once the text nears the
// limit a counter ("97/120 characters"), so the limit is seen before it refuses anything. Use it
// as DescriptionFunc(limited(desc, value, max), value).
func limited(desc string, value *string, limit int) func() string {
	return func() string {
		n := utf8.RuneCountInString(*value)
		if n*5 < limit*4 {
			return desc
		}
		count := fmt.Sprintf("%d/%d characters", n, limit)
		if n > limit {
			count += ", too long"
		}
		if desc == "" {
			return count
		}
		return desc + " · " + count
	}
}

package tui

import (
	"errors"
	"slices"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// editor is an open form: huh pages over a draft, plus what to do with the draft. It takes
// every message while it is on top (see updateEditor) and draws its own help.
//
// The pages bind their fields to a draft that outlives them, so a refused save rebuilds the
// pages over the same draft: the form reopens with everything typed, on the field the refusal
// concerns, with the reason under the title.
type editor struct {
	title  string
	pages  func() []*huh.Group
	values func() string // the draft's typed values, to tell whether anything changed
	submit func() tea.Cmd
	form   *huh.Form
	// opened is values() when the form opened; problem is why the last save was refused,
	// shown until the next one.
	opened  string
	problem string
	// problemKey and problemMsg place the refusal beside its field while that field has the
	// focus; problemAt is values() when it was shown: once anything changes it is gone.
	problemKey, problemMsg, problemAt string
	saving                            bool
	// noExternalEditor turns off ctrl+e ($EDITOR) in text fields: over SSH it would start on
	// the server.
	noExternalEditor bool
	keys             editorKeys
	styles           *Styles
	width            int
	height           int
}

// editorKeys are the form's own keys, beside the fields' keys huh shows.
type editorKeys struct{ Save, Cancel key.Binding }

// formDoneMsg says the open form was submitted or cancelled.
type formDoneMsg struct{}

// formResultMsg carries the reply of a form's save to the app, which closes the form when the
// save worked and reopens it with the problem when it did not.
type formResultMsg struct {
	form  *editor
	reply tea.Msg
}

// saveReply is a reply to a save: it may say the save failed.
type saveReply interface{ failure() error }

// discardFormMsg closes a form whose changes the user chose to lose.
type discardFormMsg struct{ form *editor }

// newEditor opens a form over pages, built now and again whenever the form reopens after a
// refused save; values lists the draft's typed values (any text that changes when they do).
func newEditor(title string, submit func() tea.Cmd, values func() string, pages func() []*huh.Group) *editor {
	e := &editor{title: title, pages: pages, values: values, submit: submit, keys: editorKeys{
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
	e.build()
	e.opened = e.values()
	return e
}

// externalEditorHint returns hint, the line that tells ctrl+e opens $EDITOR, unless the form
// has that key turned off (e is nil while the form is first built, before it is known).
func (e *editor) externalEditorHint(hint string) string {
	if e != nil && e.noExternalEditor {
		return ""
	}
	return hint
}

// build makes a fresh huh form over the pages and starts it.
func (e *editor) build() tea.Cmd {
	km := huh.NewDefaultKeyMap()
	km.Quit = e.keys.Cancel
	if e.noExternalEditor {
		// A binding without keys: a text field enables its editor key whenever it lists its
		// keys for help, so disabling it would not hold, but no key can match this one.
		km.Text.Editor = key.NewBinding()
	}
	f := huh.NewForm(e.pages()...).WithKeyMap(km).WithTheme(huh.ThemeCharm()).WithShowHelp(true)
	f.SubmitCmd = func() tea.Msg { return formDoneMsg{} }
	f.CancelCmd = func() tea.Msg { return formDoneMsg{} }
	e.form = f
	e.fit()
	return f.Init()
}

// choosing makes ctrl+s read "choose": the form picks something rather than saving it.
func (e *editor) choosing() *editor {
	e.keys.Save.SetHelp("ctrl+s", "choose")
	return e
}

// changed reports whether anything was typed since the form opened.
func (e *editor) changed() bool { return e.values() != e.opened }

// Update hands a message to the form; ctrl+s saves from any page. Keys wait while a save runs.
func (e *editor) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		if e.saving {
			return nil
		}
		if key.Matches(km, e.keys.Save) {
			return e.save()
		}
		if e.startsFilter(km) {
			e.form.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
		}
	}
	f, cmd := e.form.Update(msg)
	if form, ok := f.(*huh.Form); ok {
		e.form = form
	}
	return cmd
}

// startsFilter reports whether a key typed in a list of ticks (reasons, competitors) should
// start filtering it: a letter or digit that is not one of the list's own keys (space and x
// tick, j and k move, g and G jump), while the list is not filtering yet.
func (e *editor) startsFilter(km tea.KeyMsg) bool {
	if _, ok := e.form.GetFocusedField().(*huh.MultiSelect[string]); !ok || km.Type != tea.KeyRunes || len(km.Runes) != 1 {
		return false
	}
	r := km.Runes[0]
	if strings.ContainsRune(" xjkgG/", r) || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	for _, b := range e.form.KeyBinds() {
		if b.Enabled() && b.Help().Desc == "set filter" {
			return false // already filtering
		}
	}
	return true
}

// save runs the form's save; its reply comes back as a formResultMsg.
func (e *editor) save() tea.Cmd {
	cmd := e.submit()
	if cmd == nil {
		return func() tea.Msg { return formResultMsg{form: e} }
	}
	e.saving = true
	return func() tea.Msg { return formResultMsg{form: e, reply: cmd()} }
}

// reopen shows the form again after a refused save, on the field err concerns, with the
// reason under the title; what was typed stays.
func (e *editor) reopen(err error) tea.Cmd {
	e.saving = false
	field, msg := problemField(err)
	e.problem, e.problemKey, e.problemMsg, e.problemAt = msg, "", msg, e.values()
	init := e.build()
	switch {
	case field == "":
	case e.focus(field):
		e.problemKey = field
		if title := fieldTitle(e.form.GetFocusedField()); title != "" {
			e.problem = title + ": " + msg
		}
	default:
		e.problem = err.Error()
		init = e.build() // the search may have left the form on its last page: start again
	}
	e.fit()
	return init
}

// focus moves the form to the field with key, page by page; it reports whether it got there.
func (e *editor) focus(field string) bool {
	for range 200 {
		f := e.form.GetFocusedField()
		if f == nil {
			return false
		}
		if f.GetKey() == field {
			return true
		}
		e.form.NextField()
		if e.form.GetFocusedField() != f {
			continue
		}
		// The last field of its page: on to the next page, unless this is the last one,
		// where moving on would submit the form.
		if e.onLastPage() {
			return false
		}
		e.form.NextGroup()
		if e.form.State != huh.StateNormal || e.form.GetFocusedField() == f {
			return false
		}
	}
	return false
}

// onLastPage reports whether the form shows its last visible page: the page huh would submit
// from, seen in its help, which offers "submit" there.
func (e *editor) onLastPage() bool {
	for _, b := range e.form.KeyBinds() {
		if b.Enabled() && b.Help().Desc == "submit" {
			return true
		}
	}
	return false
}

// fieldTitle is the title a field shows (its first line, without the focus bar and the
// required mark), or "" when it cannot be told.
func fieldTitle(f huh.Field) string {
	if f == nil {
		return ""
	}
	first, _, _ := strings.Cut(ansi.Strip(f.View()), "\n")
	first = strings.TrimSpace(strings.TrimLeft(first, "┃│ "))
	if i := strings.Index(first, "  "); i >= 0 {
		first = first[:i]
	}
	first = strings.TrimSpace(strings.TrimSuffix(first, "*"))
	if first == "" || len(first) > 40 {
		return ""
	}
	return first
}

// problemField splits a save's refusal into the key of the form field it concerns (the
// catalog's field name, or the prefix "field: " of the form's own messages) and the message.
func problemField(err error) (field, msg string) {
	if err == nil {
		return "", ""
	}
	var fe *model.FieldError
	if errors.As(err, &fe) {
		f := fe.Field
		if i := strings.LastIndex(f, "]."); i >= 0 {
			f = f[i+2:]
		}
		if i := strings.IndexByte(f, '['); i >= 0 {
			f = f[:i]
		}
		return f, fe.Msg
	}
	text := err.Error()
	if f, m, ok := strings.Cut(text, ": "); ok && fieldShaped(f) {
		return f, m
	}
	return "", text
}

// fieldShaped reports whether s looks like a field key ("observed on", "closed_at").
func fieldShaped(s string) bool {
	if s == "" || len(s) > 24 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_' || r == ' ') {
			return false
		}
	}
	return true
}

// View draws the title and the form, with the refusal of the last save beside the field it
// concerns while that field has the focus, else under the title.
func (e *editor) View() string {
	if e.saving {
		return fitBlock(e.header(false)+"\n\n"+e.styles.Muted.Render("Saving…"), e.width, e.height)
	}
	body := e.form.View()
	if !e.showsProblem() {
		return fitBlock(e.header(false)+"\n"+body, e.width, e.height)
	}
	if f := e.form.GetFocusedField(); f != nil && f.GetKey() == e.problemKey {
		if beside, ok := besideFocus(body, e.wrapProblem("  ", "✗ "+e.problemMsg)); ok {
			return fitBlock(e.header(false)+"\n"+beside, e.width, e.height)
		}
	}
	return fitBlock(e.header(true)+"\n"+body, e.width, e.height)
}

// showsProblem reports whether the refusal of the last save still stands: nothing was changed
// since.
func (e *editor) showsProblem() bool { return e.problem != "" && e.values() == e.problemAt }

// besideFocus puts lines under the focused field of a form's view (the field huh draws with
// a bar down its left side); false when no field shows one.
func besideFocus(view string, lines []string) (string, bool) {
	rows := strings.Split(view, "\n")
	last := -1
	for i, r := range rows {
		if strings.HasPrefix(ansi.Strip(r), "┃") {
			last = i
		}
	}
	if last < 0 {
		return view, false
	}
	out := append(append(slices.Clone(rows[:last+1]), lines...), rows[last+1:]...)
	return strings.Join(out, "\n"), true
}

// header is the title with the form's keys, then the problem (when withProblem) or a blank
// line.
func (e *editor) header(withProblem bool) string {
	title := e.styles.Heading.Render(termtext.Line(e.title))
	save, cancel := e.keys.Save.Help(), e.keys.Cancel.Help()
	hint := e.styles.Muted.Render("  " + save.Key + " " + save.Desc + " · " + cancel.Key + " " + cancel.Desc)
	line := title
	if lipgloss.Width(title)+lipgloss.Width(hint) <= e.width {
		line += hint
	}
	if !withProblem || e.problem == "" {
		return line + "\n"
	}
	return line + "\n" + strings.Join(e.wrapProblem("", "✗ "+e.problem), "\n")
}

// wrapProblem styles a refusal and wraps it, after indent, to at most two lines.
func (e *editor) wrapProblem(indent, text string) []string {
	lines := wrap(termtext.Line(text), max(e.width-len(indent)-2, 8))
	if len(lines) > 2 {
		lines = lines[:2]
	}
	for i, l := range lines {
		if i > 0 {
			l = "  " + l // under the text, past the ✗
		}
		lines[i] = indent + e.styles.StatusError.Render(l)
	}
	return lines
}

// SetSize gives the form the space under its title.
func (e *editor) SetSize(width, height int) {
	e.width, e.height = width, height
	e.fit()
}

// fit sizes the form to the space under the header.
func (e *editor) fit() {
	if e.width == 0 || e.form == nil || e.styles == nil {
		return
	}
	// Room for the refusal too, under the title or beside its field below the blank line.
	head := strings.Count(e.header(false), "\n") + 1
	if e.problem != "" {
		head += max(len(e.wrapProblem("", "✗ "+e.problem)), len(e.wrapProblem("  ", "✗ "+e.problemMsg)))
	}
	// huh draws a blank line before its footer that its own height does not count.
	e.form = e.form.WithWidth(e.width).WithHeight(max(1, e.height-head-1))
}

// ShortHelp is empty: the form shows its own help.
func (e *editor) ShortHelp() []key.Binding { return nil }

// FullHelp is empty: the form shows its own help.
func (e *editor) FullHelp() [][]key.Binding { return nil }

// updateEditor gives the form on top every message except the ones the app must see (size,
// replies, ctrl+c); work going on behind the form never reaches it (isBackgroundMsg). esc on a form with changes asks first. It reports whether the form took
// the message.
func (m Model) updateEditor(form *editor, msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg, formDoneMsg, formResultMsg, discardFormMsg, savedMsg, catalogLoadedMsg, deleteImpactMsg, cellSavedMsg:
		return m, nil, false
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.ForceQuit) {
			return m, tea.Quit, true
		}
		if key.Matches(msg, form.keys.Cancel) && !form.saving && form.changed() {
			c := newConfirm("Discard changes?", func() tea.Cmd {
				return func() tea.Msg { return discardFormMsg{form: form} }
			})
			c.keys.Yes.SetHelp("y", "yes, discard")
			c.keys.No.SetHelp("n/esc", "keep editing")
			m.ask(c)
			return m, nil, true
		}
	}
	return m, form.Update(msg), true
}

// updateForms applies what forms report: completion, the reply of a save, a discard. It
// reports whether it took the message.
func (m Model) updateForms(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case formDoneMsg:
		ed := m.currentForm()
		if ed == nil {
			return m, nil, true
		}
		if ed.form.State == huh.StateCompleted {
			return m, ed.save(), true
		}
		m.close(ed)
		return m, nil, true
	case formResultMsg:
		if !m.isOpen(msg.form) {
			return m, nil, true
		}
		if r, ok := msg.reply.(saveReply); ok && r.failure() != nil {
			if c := m.overwriteQuestion(msg.form, msg.reply); c != nil {
				m.ask(c)
			}
			cmd := msg.form.reopen(r.failure())
			m.layout()
			return m, cmd, true
		}
		m.close(msg.form)
		if msg.reply == nil {
			return m, nil, true
		}
		next, cmd := m.Update(msg.reply)
		return next, cmd, true
	case discardFormMsg:
		m.close(msg.form)
		return m, nil, true
	}
	return m, nil, false
}

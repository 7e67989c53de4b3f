package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// openReasonsMsg asks the app to show the reason-code manager.
type openReasonsMsg struct{}

// reasonRow is one reason code with how many won and lost deals cite it.
type reasonRow struct {
	code, label string
	won, lost   int
}

// reasonList manages the reason codes: rename a label, merge one code into another, add one.
type reasonList struct {
	styles *Styles
	keys   reasonKeys
	rows   []reasonRow
	cursor int
	width  int
	height int
	// counting is set while every deal is still being read (a large catalog): the counts are
	// not known yet, so renames and merges wait.
	counting bool
}

type reasonKeys struct {
	Up, Down, New, Rename, Merge, Back key.Binding
}

func newReasonList(styles *Styles) *reasonList {
	return &reasonList{styles: styles, keys: reasonKeys{
		Up:     key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		New:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new code")),
		Rename: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "rename")),
		Merge:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge into another")),
		Back:   key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
	}}
}

// SetData counts each code's deals in the snapshot.
func (r *reasonList) SetData(v catalogView, deals []model.Deal) {
	counts := map[string]*reasonRow{}
	r.rows = r.rows[:0]
	for code, label := range v.reasons {
		r.rows = append(r.rows, reasonRow{code: code, label: label})
	}
	sortRows(r.rows)
	for i := range r.rows {
		counts[r.rows[i].code] = &r.rows[i]
	}
	for _, d := range deals {
		for _, code := range d.Reasons {
			if row, ok := counts[code]; ok {
				switch d.Outcome {
				case model.OutcomeWon:
					row.won++
				case model.OutcomeLost:
					row.lost++
				}
			}
		}
	}
	r.cursor = max(0, min(r.cursor, len(r.rows)-1))
	r.counting = !v.allDeals
}

func sortRows(rows []reasonRow) {
	slices.SortFunc(rows, func(a, b reasonRow) int { return strings.Compare(a.code, b.code) })
}

// SetSize gives the list its share of the terminal.
func (r *reasonList) SetSize(width, height int) { r.width, r.height = width, height }

// selected returns the code under the cursor.
func (r reasonList) selected() (reasonRow, bool) {
	if r.cursor >= len(r.rows) {
		return reasonRow{}, false
	}
	return r.rows[r.cursor], true
}

// ShortHelp lists the bindings for the footer.
func (r reasonList) ShortHelp() []key.Binding {
	return []key.Binding{r.keys.Down, r.keys.Rename, r.keys.Merge, r.keys.New, r.keys.Back}
}

// FullHelp lists every binding.
func (r reasonList) FullHelp() [][]key.Binding { return [][]key.Binding{r.ShortHelp(), {r.keys.Up}} }

// Update handles the list's keys.
func (r *reasonList) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	row, has := r.selected()
	if r.counting && !key.Matches(km, r.keys.Back) {
		return nil
	}
	switch {
	case key.Matches(km, r.keys.Back):
		return func() tea.Msg { return backMsg{} }
	case key.Matches(km, r.keys.Down):
		r.cursor = min(r.cursor+1, max(0, len(r.rows)-1))
	case key.Matches(km, r.keys.Up):
		r.cursor = max(0, r.cursor-1)
	case key.Matches(km, r.keys.New):
		return actionCmd(newReasonMsg{})
	case has && key.Matches(km, r.keys.Rename):
		return actionCmd(renameReasonMsg{row: row})
	case has && len(r.rows) > 1 && key.Matches(km, r.keys.Merge):
		return actionCmd(mergeReasonMsg{row: row})
	}
	return nil
}

// View renders the codes with their labels and deal counts, scrolled to keep the cursor shown.
func (r reasonList) View() string {
	st := r.styles
	sub := " · deals citing each: won / lost"
	if r.counting {
		sub = " · counting the deals…"
	}
	lines := []string{truncate(st.Heading.Render("Reason codes")+st.Muted.Render(sub), r.width), ""}
	room := max(1, r.height-len(lines))
	start := max(0, min(r.cursor-room/2, len(r.rows)-room))
	for i := start; i < len(r.rows) && i < start+room; i++ {
		row := r.rows[i]
		marker, label := "  ", termtext.Line(row.label)
		if i == r.cursor {
			marker, label = st.Selected.Render("▌ "), st.Selected.Render(label)
		}
		line := fmt.Sprintf("%s%s  %s", marker, padRight(label, 28), st.Muted.Render(fmt.Sprintf("%-20s %3d won · %3d lost", row.code, row.won, row.lost)))
		lines = append(lines, truncate(line, r.width))
	}
	if len(r.rows) == 0 {
		lines = append(lines, st.Muted.Render("No reason codes yet. Press n to add one."))
	}
	return fitBlock(strings.Join(lines, "\n"), r.width, r.height)
}

// renameReasonMsg asks for the form renaming a reason code's label.
type renameReasonMsg struct{ row reasonRow }

func (a renameReasonMsg) start(m *Model) tea.Cmd {
	return m.showForm(renameReasonForm(m.ctx, m.store, a.row))
}

// renameReasonForm renames a reason code's label.
func renameReasonForm(ctx context.Context, store *db.Store, row reasonRow) *editor {
	label := row.label
	submit := func() tea.Cmd {
		return func() tea.Msg {
			err := store.SaveReasonCode(ctx, model.ReasonCode{Code: row.code, Label: label})
			return reasonSavedMsg{status: "Renamed the reason “" + row.label + "” to “" + label + "”", err: err}
		}
	}
	return newEditor("Rename reason "+row.code, submit, func() string { return label }, func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(
			huh.NewInput().Key("label").Title("Label *").Description("Deals keep citing the same code").Value(&label).Validate(func(s string) error {
				return fieldMessage(model.ReasonCode{Code: row.code, Label: strings.TrimSpace(s)}.Validate())
			}))}
	})
}

// mergeReasonMsg asks for the form merging a reason code into another.
type mergeReasonMsg struct{ row reasonRow }

func (a mergeReasonMsg) start(m *Model) tea.Cmd {
	return m.showForm(mergeReasonForm(m.ctx, m.store, a.row, m.reasons.rows))
}

// mergeReasonForm merges a reason code into another of rows.
func mergeReasonForm(ctx context.Context, store *db.Store, row reasonRow, rows []reasonRow) *editor {
	var into string
	var opts []huh.Option[string]
	for _, r := range rows {
		if r.code != row.code {
			opts = append(opts, huh.NewOption(termtext.Line(r.label)+" ("+r.code+")", r.code))
		}
	}
	submit := func() tea.Cmd {
		intoLabel := into
		for _, r := range rows {
			if r.code == into {
				intoLabel = r.label
			}
		}
		return func() tea.Msg {
			n, err := store.MergeReasonCodes(ctx, row.code, into)
			return reasonSavedMsg{status: fmt.Sprintf("Merged %s into %s: %d deals now cite %s", row.label, intoLabel, n, intoLabel), err: err}
		}
	}
	return newEditor("Merge reason "+termtext.Line(row.label), submit, func() string { return into }, func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(
			huh.NewSelect[string]().Key("into").Title("Into").Description(fmt.Sprintf("The %d won and %d lost deals citing %s will cite this instead; %s is removed", row.won, row.lost, row.code, row.code)).
				Options(opts...).Value(&into).Height(8))}
	})
}

// newReasonMsg asks for the form of a new reason code.
type newReasonMsg struct{}

func (newReasonMsg) start(m *Model) tea.Cmd {
	return m.showForm(newReasonForm(m.ctx, m.store, m.reasons.rows))
}

// newReasonForm adds a reason code whose code none of rows has.
func newReasonForm(ctx context.Context, store *db.Store, rows []reasonRow) *editor {
	var code, label string
	taken := map[string]bool{}
	for _, r := range rows {
		taken[r.code] = true
	}
	submit := func() tea.Cmd {
		r := model.ReasonCode{Code: strings.TrimSpace(code), Label: strings.TrimSpace(label)}
		problem := r.Validate()
		if taken[r.Code] {
			problem = &model.FieldError{Field: "code", Msg: fmt.Sprintf("%q already exists", r.Code)}
		}
		return func() tea.Msg {
			if problem != nil {
				return reasonSavedMsg{err: problem}
			}
			err := store.SaveReasonCode(ctx, r)
			return reasonSavedMsg{status: "Added the reason " + r.Label, err: err}
		}
	}
	return newEditor("New reason code", submit, func() string { return code + "\x00" + label }, func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(
			huh.NewInput().Key("code").Title("Code *").Description("Short id used in imports, e.g. product_gap").Value(&code).Validate(func(s string) error {
				if taken[strings.TrimSpace(s)] {
					return fmt.Errorf("%q already exists", strings.TrimSpace(s))
				}
				return fieldMessage(model.ReasonCode{Code: strings.TrimSpace(s), Label: "x"}.Validate())
			}),
			huh.NewInput().Key("label").Title("Label *").Value(&label).Validate(func(s string) error {
				return fieldMessage(model.ReasonCode{Code: "x", Label: strings.TrimSpace(s)}.Validate())
			}))}
	})
}

// reasonSavedMsg reports a change to the reason codes; the catalog reloads after it.
type reasonSavedMsg struct {
	status string
	err    error
}

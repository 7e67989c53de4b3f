package tui

import (
	"context"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// noteDraft holds the form's text while the user edits an intel note.
type noteDraft struct {
	base                   model.IntelNote
	date, title, body, src string
	tags                   string
}

func (d *noteDraft) note() model.IntelNote {
	n := d.base
	n.Date, _ = model.ParseDate(strings.TrimSpace(d.date))
	n.Title, n.Body, n.Source, n.Tags = d.title, d.body, d.src, splitList(d.tags)
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(n.Source)), "www.") {
		n.Source = withScheme(n.Source) // a web address typed without https://
	}
	n.Normalize()
	return n
}

// problem is the draft's first problem, checked before saving (ctrl+s saves without visiting
// every field).
func (d *noteDraft) problem() error {
	if _, err := model.ParseDate(strings.TrimSpace(d.date)); err != nil {
		return &model.FieldError{Field: "date", Msg: err.Error()}
	}
	return d.note().Validate()
}

func (d *noteDraft) check(field string) func(string) error {
	return func(string) error { return fieldMessage(d.note().FieldProblem(field)) }
}

// noteForm opens a form for a new note (n.ID == 0) or for editing n.
func noteForm(ctx context.Context, store *db.Store, n model.IntelNote, competitorName string) *editor {
	d := &noteDraft{base: n, date: n.Date.String(), title: n.Title, body: n.Body, src: n.Source, tags: strings.Join(n.Tags, ", ")}
	var ed *editor
	pages := func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(
			huh.NewInput().Key("date").Title("Date *").Description("YYYY-MM-DD").Value(&d.date).Validate(func(s string) error {
				if _, err := model.ParseDate(strings.TrimSpace(s)); err != nil {
					return err
				}
				return d.check("date")(s)
			}),
			huh.NewInput().Key("title").Title("Title *").DescriptionFunc(limited("", &d.title, model.MaxShortLen), &d.title).Value(&d.title).Validate(d.check("title")),
			huh.NewText().Key("body").Title("Note").Description(ed.externalEditorHint("ctrl+e opens "+editorName())).Editor(editorCommand()...).Lines(6).Value(&d.body).Validate(d.check("body")),
			huh.NewInput().Key("source").Title("Source").DescriptionFunc(limited("A URL, or where it came from: call notes, 2026-11-03", &d.src, model.MaxNameLen), &d.src).Value(&d.src).Validate(d.check("source")),
			huh.NewInput().Key("tags").Title("Tags").Description("Comma-separated").Value(&d.tags).Validate(d.check("tags")),
		)}
	}
	title := "New note on " + competitorName
	if n.ID != 0 {
		title = "Edit note on " + competitorName
	}
	submit := func() tea.Cmd {
		note := d.note()
		problem := d.problem()
		return func() tea.Msg {
			if problem != nil {
				return savedMsg{err: problem}
			}
			saved, err := store.SaveNote(ctx, note)
			if err != nil {
				return savedMsg{err: err}
			}
			return savedMsg{status: "Saved note “" + saved.Title + "”", slug: saved.Competitor, tab: tabIntel, noteID: saved.ID}
		}
	}
	ed = newEditor(title, submit, func() string { return fmt.Sprint(*d) }, pages)
	return ed
}

func deleteNoteCmd(ctx context.Context, store *db.Store, n model.IntelNote) tea.Cmd {
	return func() tea.Msg {
		if err := store.DeleteNote(ctx, n.ID); err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: "Deleted note “" + n.Title + "”", slug: n.Competitor, tab: tabIntel}
	}
}

// newNoteMsg asks for the form of a new note on a competitor, dated today.
type newNoteMsg struct{ slug string }

func (a newNoteMsg) start(m *Model) tea.Cmd {
	n := model.IntelNote{Competitor: a.slug, Date: model.DateOf(m.opts.Now())}
	return m.showForm(noteForm(m.ctx, m.store, n, m.data.profile(a.slug).competitor.Name))
}

// editNoteMsg asks for the form of a note.
type editNoteMsg struct{ note model.IntelNote }

func (a editNoteMsg) start(m *Model) tea.Cmd {
	return m.showForm(noteForm(m.ctx, m.store, a.note, m.data.profile(a.note.Competitor).competitor.Name))
}

// deleteNoteMsg asks to delete a note, once the user says yes.
type deleteNoteMsg struct{ note model.IntelNote }

func (a deleteNoteMsg) start(m *Model) tea.Cmd {
	ctx, store, n := m.ctx, m.store, a.note
	m.ask(newConfirm("Delete the note “"+termtext.Line(n.Title)+"”?", func() tea.Cmd { return deleteNoteCmd(ctx, store, n) }))
	return nil
}

package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// drive delivers messages to a model with a form open (see deliver).
func drive(m tea.Model, msgs ...tea.Msg) tea.Model {
	return deliver(m, 50*time.Millisecond, msgs...)
}

func driveText(m tea.Model, s string) tea.Model {
	for _, r := range s {
		m = drive(m, keyRunes(string(r)))
	}
	return m
}

// submitForm presses enter until the open form is done.
func submitForm(t *testing.T, m tea.Model) tea.Model {
	t.Helper()
	for i := 0; i < 20 && m.(Model).currentForm() != nil; i++ {
		m = drive(m, special(tea.KeyEnter))
	}
	if m.(Model).currentForm() != nil {
		t.Fatalf("form did not submit:\n%s", ansi.Strip(m.View()))
	}
	return m
}

func TestNewCompetitorIsStored(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = drive(m, keyRunes("n"))
	if m.(Model).currentForm() == nil {
		t.Fatal("n did not open a form")
	}
	m = submitForm(t, driveText(m, "Zephyr Support"))
	c, err := store.Competitor(context.Background(), "zephyr-support")
	if err != nil {
		t.Fatalf("new competitor not in the store: %v", err)
	}
	if c.Name != "Zephyr Support" || c.Threat != model.ThreatMedium || c.Status != model.StatusActive {
		t.Errorf("stored %+v", c)
	}
	mm := m.(Model)
	if !strings.Contains(mm.status, "Created Zephyr Support") || mm.home.selectedSlug() != "zephyr-support" {
		t.Errorf("status %q, selection %s", mm.status, mm.home.selectedSlug())
	}
}

func TestFormShowsValidationAndEscCancels(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = drive(m, keyRunes("n"), special(tea.KeyEnter)) // empty name
	if m.(Model).currentForm() == nil || !strings.Contains(ansi.Strip(m.View()), "is required") {
		t.Errorf("empty name not refused with the model's message:\n%s", ansi.Strip(m.View()))
	}
	m = drive(m, special(tea.KeyEsc))
	if m.(Model).currentForm() != nil {
		t.Fatal("esc did not cancel the form")
	}
	comps, _ := store.Competitors(context.Background())
	if len(comps) != len(v.competitors) {
		t.Error("a cancelled form wrote to the store")
	}
}

func TestEditCompetitorKeepsOtherFields(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = send(m, openProfileMsg{slug: "quillon", tab: tabOverview})
	m = drive(m, keyRunes("e"))
	if m.(Model).currentForm() == nil {
		t.Fatal("e did not open the edit form")
	}
	m = submitForm(t, driveText(m, " GmbH"))
	c, _ := store.Competitor(context.Background(), "quillon")
	before := v.profile("quillon").competitor
	if c.Name != "Quillon GmbH" || c.Website != before.Website || c.Founded != before.Founded || len(c.Tags) != len(before.Tags) || c.Threat != before.Threat {
		t.Errorf("edit stored %+v (was %+v)", c, before)
	}
	if m.(Model).active != screenProfile || m.(Model).profile.Slug() != "quillon" {
		t.Error("the profile did not stay open after saving")
	}
}

func TestDeleteCompetitorAsksFirst(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = typeText(send(m, keyRunes("/")), "loop")
	m = send(m, special(tea.KeyEnter), keyRunes("d"))
	if m.(Model).currentQuestion() == nil {
		t.Fatal("d did not ask for confirmation")
	}
	q := m.(Model).currentQuestion().question
	if !strings.Contains(q, "Delete Loopdesk?") || !strings.Contains(q, "feature-matrix cells") || !strings.Contains(q, "deals that faced only them") {
		t.Errorf("confirmation does not say what goes: %q", q)
	}
	m = send(m, keyRunes("n"))
	if _, err := store.Competitor(context.Background(), "loopdesk"); err != nil {
		t.Fatal("n deleted anyway")
	}
	m = send(m, keyRunes("d"), keyRunes("y"))
	if _, err := store.Competitor(context.Background(), "loopdesk"); err == nil {
		t.Fatal("y did not delete")
	}
	for _, c := range m.(Model).data.competitors {
		if c.Slug == "loopdesk" {
			t.Error("the list still shows the deleted competitor")
		}
	}
}

func TestNotesCanBeAddedEditedAndDeleted(t *testing.T) {
	store, v := demoView(t)
	ctx := context.Background()
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = send(m, openProfileMsg{slug: "ticketry", tab: tabIntel})
	before, _ := store.Notes(ctx, "ticketry")
	m = drive(m, keyRunes("n"))
	m = drive(m, special(tea.KeyTab))
	m = submitForm(t, driveText(m, "Ticketry 5.0 ships an AI plugin"))
	notes, _ := store.Notes(ctx, "ticketry")
	if len(notes) != len(before)+1 || notes[0].Title != "Ticketry 5.0 ships an AI plugin" || notes[0].Date != model.DateOf(testToday) {
		t.Fatalf("notes after add: %d, newest %+v", len(notes), notes[0])
	}
	// The new note is first and selected; edit it, then delete it.
	m = drive(m, keyRunes("g"), keyRunes("e"))
	if m.(Model).currentForm() == nil {
		t.Fatal("e did not open the note")
	}
	m = drive(m, special(tea.KeyTab))
	m = submitForm(t, driveText(m, " today"))
	if notes, _ = store.Notes(ctx, "ticketry"); notes[0].Title != "Ticketry 5.0 ships an AI plugin today" {
		t.Errorf("edited title = %q", notes[0].Title)
	}
	m = send(m, keyRunes("d"))
	if c := m.(Model).currentQuestion(); c == nil || !strings.Contains(c.question, "today") {
		t.Fatal("d did not ask about the selected note")
	}
	m = send(m, keyRunes("y"))
	if notes, _ = store.Notes(ctx, "ticketry"); len(notes) != len(before) {
		t.Errorf("notes after delete: %d, want %d", len(notes), len(before))
	}
	if !strings.Contains(m.(Model).status, "Deleted note") {
		t.Errorf("status = %q", m.(Model).status)
	}
}

func TestSaveErrorsReachTheStatusBar(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = send(m, savedMsg{err: db.ErrNotFound})
	if !strings.Contains(ansi.Strip(m.View()), "error: not found") {
		t.Error("save error not shown")
	}
	_ = huh.StateCompleted
}

func TestFeaturesTabManagesFeatures(t *testing.T) {
	store, v := demoView(t)
	ctx := context.Background()
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = send(m, openProfileMsg{slug: "ticketry", tab: tabFeatures})
	first := m.(Model).data.features[0]
	// v marks the selected feature's category verified today for this competitor.
	m = send(m, keyRunes("v"))
	if m.(Model).currentQuestion() == nil || !strings.Contains(m.(Model).currentQuestion().question, first.Category) {
		t.Fatal("v did not ask to verify the category")
	}
	m = send(m, keyRunes("y"))
	cells, _ := store.Support(ctx, "ticketry")
	for _, c := range cells {
		for _, f := range v.features {
			if f.Key == c.Feature && f.Category == first.Category && c.VerifiedAt != model.DateOf(testToday) {
				t.Errorf("%s not verified today: %s", c.Feature, c.VerifiedAt)
			}
		}
	}
	// n adds a feature in the selected feature's category.
	m = drive(m, keyRunes("n"))
	m = submitForm(t, driveText(m, "Offline mode"))
	fs, _ := store.Features(ctx)
	var added *model.Feature
	for i := range fs {
		if fs[i].Key == "offline_mode" {
			added = &fs[i]
		}
	}
	if added == nil || added.Category != first.Category || added.Weight != 3 {
		t.Fatalf("new feature = %+v", added)
	}
	// r renames the category of the selected feature.
	m = drive(m, keyRunes("g"), keyRunes("r"), special(tea.KeyCtrlU))
	m = submitForm(t, driveText(m, "Zeta Category"))
	fs, _ = store.Features(ctx)
	for _, f := range fs {
		if f.Category == first.Category {
			t.Errorf("%s still in %s", f.Key, first.Category)
		}
	}
	// enter on a feature edits this competitor's cell.
	m = drive(m, keyRunes("g"), special(tea.KeyEnter))
	if m.(Model).currentForm() == nil || !strings.Contains(m.(Model).currentForm().title, "Ticketry") {
		t.Fatal("enter on the Features tab did not open the cell")
	}
	m = drive(m, special(tea.KeyEsc))
	// d deletes the selected feature after asking.
	sel, _ := m.(Model).profile.selectedFeature()
	send(m, keyRunes("d"), keyRunes("y"))
	fs, _ = store.Features(ctx)
	for _, f := range fs {
		if f.Key == sel.Key {
			t.Errorf("feature %s not deleted", sel.Key)
		}
	}
}

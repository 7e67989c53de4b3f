package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

func openCard(t *testing.T, opts Options) (*db.Store, tea.Model) {
	t.Helper()
	store, v := demoView(t)
	m := send(New(context.Background(), store, opts), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v},
		openProfileMsg{slug: "harborline", tab: tabCard})
	return store, m
}

func TestCardTabShowsEvidenceApart(t *testing.T) {
	_, m := openCard(t, Options{Now: func() time.Time { return testToday }})
	body := ansi.Strip(m.(Model).profile.currentContent())
	hand := strings.Index(body, "Why we win")
	catalog := strings.Index(body, "── From the catalog")
	if hand < 0 || catalog < hand {
		t.Fatalf("the evidence block must follow the hand-written card:\n%s", body)
	}
	for _, want := range []string{"Where we are stronger", "decided deals against Harborline", "At 25 seats, billed yearly", "Latest intel"} {
		if !strings.Contains(body[catalog:], want) {
			t.Errorf("the evidence block lacks %q", want)
		}
	}
}

func TestCopyEvidenceIntoASection(t *testing.T) {
	store, m := openCard(t, Options{Now: func() time.Time { return testToday }})
	m = drive(m, keyRunes("y"))
	if m.(Model).currentForm() == nil {
		t.Fatal("y did not open the copy form")
	}
	// The first line (a feature advantage) into Why we win (the default); the section opens
	// for editing with the line added, and enter saves it too.
	m = drive(m, special(tea.KeyEnter), special(tea.KeyEnter))
	if ed := m.(Model).currentForm(); ed == nil || !strings.Contains(ed.title, "Edit the battle card") {
		t.Fatal("copying did not open the section for editing")
	}
	m = submitForm(t, m)
	if !strings.Contains(m.(Model).status, "Saved Why we win") {
		t.Errorf("status %q", m.(Model).status)
	}
	k, _ := store.Card(context.Background(), "harborline")
	claim := k.WhyWeWin[len(k.WhyWeWin)-1]
	last := claim.Text
	if !strings.Contains(last, "we have") || k.LastReviewed != model.DateOf(testToday) {
		t.Errorf("why we win ends with %q, reviewed %s", last, k.LastReviewed)
	}
	// The line keeps what it was drawn from: the matrix cell, the day it was verified, a fact.
	if !strings.HasPrefix(claim.Source, "matrix; their cell verified") || claim.Confirmed.IsZero() || claim.Confidence != model.ConfidenceFact {
		t.Errorf("the copied line lost its citation: %+v", claim.Citation)
	}
}

func TestExportCardFromProfile(t *testing.T) {
	dir := t.TempDir()
	_, m := openCard(t, Options{Now: func() time.Time { return testToday }, WorkDir: dir})
	m = submitForm(t, drive(m, keyRunes("x")))
	path := filepath.Join(dir, "harborline-battle-card.html")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no export: %v (status %q, err %v)", err, m.(Model).status, m.(Model).err)
	}
	if !strings.HasPrefix(string(data), "<!doctype html>") || !strings.Contains(string(data), "Harborline") {
		t.Errorf("export starts %q", string(data[:min(len(data), 60)]))
	}
	if !strings.Contains(m.(Model).status, "Exported the battle card to") {
		t.Errorf("status %q", m.(Model).status)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the export's mode is %v, want 0600 like every file rivals writes", fi.Mode().Perm())
	}
	// Again: the file is there, so the app asks before replacing it; no keeps the form open
	// on the file name, with the reason.
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	m = drive(m, keyRunes("x"), special(tea.KeyEnter), special(tea.KeyEnter))
	q := m.(Model).currentQuestion()
	if q == nil || !strings.Contains(q.question, "already exists. Replace it?") {
		t.Fatalf("second export did not ask to overwrite:\n%s", ansi.Strip(m.View()))
	}
	m = drive(m, keyRunes("n"))
	if data, _ := os.ReadFile(path); string(data) != "mine" {
		t.Fatal("n replaced the file")
	}
	if view := ansi.Strip(m.View()); m.(Model).currentForm() == nil || !strings.Contains(view, "already exists") {
		t.Fatalf("after n the form is not open with the reason:\n%s", view)
	}
	// ctrl+s asks again; yes replaces it.
	m = drive(m, tea.KeyMsg{Type: tea.KeyCtrlS}, keyRunes("y"))
	if data, _ := os.ReadFile(path); !strings.HasPrefix(string(data), "<!doctype html>") {
		t.Fatalf("y did not replace the file: %q", data)
	}
	if m.(Model).currentForm() != nil || !strings.Contains(m.(Model).status, "Exported the battle card to") {
		t.Errorf("after replacing: form open %v, status %q", m.(Model).currentForm() != nil, m.(Model).status)
	}
}

func TestCallPrepOpensAndCloses(t *testing.T) {
	_, m := openCard(t, Options{Now: func() time.Time { return testToday }})
	m = send(m, keyRunes("p"))
	if !m.(Model).isOpen(m.(Model).prep) {
		t.Fatal("p did not open call prep")
	}
	view := ansi.Strip(m.View())
	for _, want := range []string{"Harborline · call prep", "│ The incumbent suite", "decided deals", "At 25 seats", "typical discount 25%"} {
		if !strings.Contains(view, want) {
			t.Errorf("call prep at 100×30 lacks %q:\n%s", want, view)
		}
	}
	// At 40×12 it keeps the first blocks whole and says more are below.
	small := ansi.Strip(send(m, tea.WindowSizeMsg{Width: 40, Height: 12}).View())
	if !strings.Contains(small, "Harborline") || strings.Contains(small, "How fresh") || !strings.Contains(small, "below") {
		t.Errorf("call prep at 40×12:\n%s", small)
	}
	if m = send(m, special(tea.KeyEsc)); m.(Model).isOpen(m.(Model).prep) {
		t.Error("esc did not close call prep")
	}
}

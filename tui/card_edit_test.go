package tui

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/model"
)

func TestEditCardSectionInForm(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v},
		openProfileMsg{slug: "harborline", tab: tabCard})
	before, _ := store.Card(context.Background(), "harborline")
	m = drive(m, keyRunes("e"))
	if m.(Model).currentForm() == nil {
		t.Fatal("e on the Card tab did not open the card form")
	}
	// Section: why we win (third), then add a cited line at the end of the text.
	m = drive(m, special(tea.KeyDown), special(tea.KeyDown), special(tea.KeyEnter), tea.KeyMsg{Type: tea.KeyCtrlJ})
	m = submitForm(t, driveText(m, "SOC 2 Type II report on request [src: call with ACME | 2026-11-20 | inference]"))
	if err := m.(Model).err; err != nil {
		t.Fatal(err)
	}
	after, _ := store.Card(context.Background(), "harborline")
	if len(after.WhyWeWin) != len(before.WhyWeWin)+1 || after.WhyWeWin[len(after.WhyWeWin)-1].Text != "SOC 2 Type II report on request" {
		t.Fatalf("why we win after the edit: %q", after.WhyWeWin)
	}
	if got := after.WhyWeWin[len(after.WhyWeWin)-1].Citation; got != (model.Citation{Source: "call with ACME",
		Confirmed: model.MustParseDate("2026-11-20"), Confidence: model.ConfidenceInference}) {
		t.Errorf("the inline citation was not stored: %+v", got)
	}
	if after.LastReviewed != model.DateOf(testToday) || len(after.Objections) != len(before.Objections) {
		t.Errorf("saving should mark the card reviewed today and keep other sections: %+v", after)
	}
	if !strings.Contains(m.(Model).status, "Saved Why we win; card reviewed 2026-") {
		t.Errorf("status %q", m.(Model).status)
	}
}

func TestEditCardSectionInEditorFile(t *testing.T) {
	store, _ := demoView(t)
	k, _ := store.Card(context.Background(), "harborline")
	file := writeSectionFileCmd(k, "landmines")().(sectionFileMsg)
	if file.err != nil {
		t.Fatal(file.err)
	}
	data, _ := os.ReadFile(file.path)
	if !strings.HasPrefix(string(data), "# Landmines (harborline)") || !strings.Contains(string(data), k.Landmines[0].Text) {
		t.Fatalf("file:\n%s", data)
	}
	// What an editor session leaves behind: one landmine replaced, a comment line kept out.
	if err := os.WriteFile(file.path, []byte("# a comment\n- Ask what happens at renewal\n\n- Ask who owns the AI add-on bill\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	today := model.MustParseDate("2026-11-23")
	msg := readSectionFileCmd(context.Background(), store, sectionEditedMsg{card: k, section: "landmines", path: file.path}, today)().(savedMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	got, _ := store.Card(context.Background(), "harborline")
	if strings.Join(model.ClaimTexts(got.Landmines), "|") != "Ask what happens at renewal|Ask who owns the AI add-on bill" || got.LastReviewed != today {
		t.Errorf("landmines %q, reviewed %s", got.Landmines, got.LastReviewed)
	}
	if _, err := os.Stat(file.path); !os.IsNotExist(err) {
		t.Error("the temporary file was left behind after a save")
	}

	// Text that does not parse is not lost: the error names the file, which is kept.
	file = writeSectionFileCmd(got, "objections")().(sectionFileMsg)
	os.WriteFile(file.path, []byte("Objection: lonely\n"), 0o600)
	msg = readSectionFileCmd(context.Background(), store, sectionEditedMsg{card: got, section: "objections", path: file.path}, today)().(savedMsg)
	if msg.err == nil || !strings.Contains(msg.err.Error(), file.path) {
		t.Errorf("bad objections: %v", msg.err)
	}
	if _, err := os.Stat(file.path); err != nil {
		t.Errorf("the file with the user's text is gone: %v", err)
	}
	os.Remove(file.path)
}

package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

var ctrlS = tea.KeyMsg{Type: tea.KeyCtrlS}

// homeAt opens the demo catalog's Home at 100×30, today being testToday.
func homeAt(t *testing.T) (*db.Store, tea.Model) {
	t.Helper()
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	return store, m
}

// focusedKey is the key of the field the open form has focused.
func focusedKey(t *testing.T, m tea.Model) string {
	t.Helper()
	ed := m.(Model).currentForm()
	if ed == nil {
		t.Fatalf("no form open:\n%s", ansi.Strip(m.View()))
	}
	return ed.form.GetFocusedField().GetKey()
}

// A save the store refuses keeps the form open on the field concerned, with the reason, and
// everything typed still there.
func TestStoreRefusalKeepsTheCompetitorForm(t *testing.T) {
	store, m := homeAt(t)
	m = driveText(drive(m, keyRunes("n")), "Zephyr Support")
	m = drive(m, special(tea.KeyTab), special(tea.KeyTab)) // slug (derived), website
	m = driveText(m, "zephyr.example.com")
	// Another window takes the slug before this one saves.
	if _, err := store.CreateCompetitor(context.Background(), model.Competitor{Slug: "zephyr-support", Name: "Zephyr"}, testToday); err != nil {
		t.Fatal(err)
	}
	m = drive(m, ctrlS)
	view := ansi.Strip(m.View())
	if m.(Model).currentForm() == nil || !strings.Contains(view, `"zephyr-support" is already used`) {
		t.Fatalf("the refusal did not keep the form open with the reason:\n%s", view)
	}
	if !strings.Contains(view, "zephyr.example.com") {
		t.Errorf("the reopened form lost the website:\n%s", view)
	}
	if got := focusedKey(t, m); got != "slug" {
		t.Errorf("focused %q, want the slug", got)
	}
	// A free slug saves it.
	m = driveText(m, "zephyr-2")
	m = drive(m, ctrlS)
	if c, err := store.Competitor(context.Background(), "zephyr-2"); err != nil || c.Name != "Zephyr Support" || c.Website != "https://zephyr.example.com" {
		t.Errorf("after fixing the slug: %+v %v (form open: %v)", c, err, m.(Model).currentForm() != nil)
	}
}

// A deal closed after today is refused in the form with the words of model.CheckNotFuture,
// the rule `rivals deal add` applies; the amount typed stays.
func TestDealFormRefusesFutureDateWithModelRule(t *testing.T) {
	store, m := homeAt(t)
	today := model.DateOf(testToday)
	tomorrow := today.AddDays(1)
	var fe *model.FieldError
	if !errors.As(model.CheckNotFuture("closed_at", tomorrow, today), &fe) {
		t.Fatal("the model does not refuse tomorrow")
	}
	m = drive(m, keyRunes("w"), special(tea.KeyEnter), special(tea.KeyEnter))
	m = drive(driveText(m, "24000"), special(tea.KeyEnter), special(tea.KeyEnter)) // amount, no reasons
	if got := focusedKey(t, m); got != "closed_at" {
		t.Fatalf("focused %q, want the date", got)
	}
	for range 10 {
		m = drive(m, special(tea.KeyBackspace))
	}
	m = driveText(m, tomorrow.String())
	// enter shows the message at once and stays on the field.
	m = drive(m, special(tea.KeyEnter))
	if view := ansi.Strip(m.View()); !strings.Contains(view, fe.Msg) || focusedKey(t, m) != "closed_at" {
		t.Fatalf("enter on a future date did not refuse it with %q:\n%s", fe.Msg, view)
	}
	// ctrl+s from another field is refused the same way, back on the date.
	m = drive(m, special(tea.KeyShiftTab), ctrlS)
	view := ansi.Strip(m.View())
	if m.(Model).currentForm() == nil || !strings.Contains(view, fe.Msg) || focusedKey(t, m) != "closed_at" {
		t.Fatalf("ctrl+s saved or lost the form:\n%s", view)
	}
	m = drive(m, special(tea.KeyShiftTab), special(tea.KeyShiftTab)) // back to the amount
	if view := ansi.Strip(m.View()); focusedKey(t, m) != "amount" || !strings.Contains(view, "24000") {
		t.Errorf("the amount typed was lost:\n%s", view)
	}
	deals, _ := store.Deals(context.Background(), db.DealFilter{})
	for _, d := range deals {
		if d.ClosedAt == tomorrow {
			t.Fatal("a future deal was stored")
		}
	}
}

// Logging a lost deal with an amount and one reason takes at most 12 keys from Home.
func TestLogLostDealInTwelveKeys(t *testing.T) {
	store, m := homeAt(t)
	before, _ := store.Deals(context.Background(), db.DealFilter{})
	keys := []tea.KeyMsg{
		keyRunes("w"),         // log a deal
		special(tea.KeyEnter), // lost
		special(tea.KeyEnter), // against the first competitor
		keyRunes("2"), keyRunes("4"), keyRunes("0"), keyRunes("0"), keyRunes("0"),
		special(tea.KeyEnter), // to the reasons
		keyRunes(" "),         // tick the most used
		ctrlS,                 // save, closed today
	}
	if len(keys) > 12 {
		t.Fatalf("%d keys", len(keys))
	}
	for _, k := range keys {
		m = drive(m, k)
	}
	if m.(Model).currentForm() != nil || m.(Model).err != nil {
		t.Fatalf("the deal was not saved (err %v):\n%s", m.(Model).err, ansi.Strip(m.View()))
	}
	after, _ := store.Deals(context.Background(), db.DealFilter{})
	if len(after) != len(before)+1 {
		t.Fatalf("%d deals, want %d", len(after), len(before)+1)
	}
	d := after[0]
	for _, x := range after {
		if x.ID > d.ID {
			d = x
		}
	}
	top := reasonOptions(m.(Model).data)[0].Value
	if d.Outcome != model.OutcomeLost || d.Amount != 2400000 || len(d.Reasons) != 1 || d.Reasons[0] != top || d.ClosedAt != model.DateOf(testToday) {
		t.Errorf("stored %+v, want lost, 24,000, reason %s, today", d, top)
	}
	t.Logf("%d keystrokes", len(keys))
}

// ctrl+s saves from the second page of the deal form.
func TestCtrlSSavesFromPageTwo(t *testing.T) {
	store, m := homeAt(t)
	m = drive(m, keyRunes("w"))
	for range 8 { // through the first page's fields
		m = drive(m, special(tea.KeyEnter))
	}
	if got := focusedKey(t, m); got != "account" {
		t.Fatalf("focused %q, want the account on the second page", got)
	}
	m = drive(driveText(m, "Acme Page Two"), ctrlS)
	if m.(Model).currentForm() != nil {
		t.Fatalf("ctrl+s did not save:\n%s", ansi.Strip(m.View()))
	}
	deals, _ := store.Deals(context.Background(), db.DealFilter{})
	found := false
	for _, d := range deals {
		found = found || d.Account == "Acme Page Two"
	}
	if !found {
		t.Error("the deal typed on page two is not stored")
	}
}

// esc on a form with changes asks before discarding them; without changes it just closes.
func TestEscWithChangesAsks(t *testing.T) {
	store, m := homeAt(t)
	m = driveText(drive(m, keyRunes("n")), "Zeph")
	m = drive(m, special(tea.KeyEsc))
	q := m.(Model).currentQuestion()
	if q == nil || q.question != "Discard changes?" {
		t.Fatalf("esc with changes did not ask:\n%s", ansi.Strip(m.View()))
	}
	m = drive(m, keyRunes("n")) // keep editing
	if view := ansi.Strip(m.View()); m.(Model).currentForm() == nil || !strings.Contains(view, "Zeph") {
		t.Fatalf("n did not return to the form with the text:\n%s", view)
	}
	m = drive(m, special(tea.KeyEsc), keyRunes("y"))
	if m.(Model).currentForm() != nil || m.(Model).currentQuestion() != nil {
		t.Fatal("y did not discard the form")
	}
	if _, err := store.Competitor(context.Background(), "zeph"); err == nil {
		t.Error("a discarded form was saved")
	}
	m = drive(m, keyRunes("n"), special(tea.KeyEsc))
	if m.(Model).currentForm() != nil || m.(Model).currentQuestion() != nil {
		t.Error("esc on an untouched form asked or stayed open")
	}
}

// The reasons are offered most used first.
func TestReasonsMostUsedFirst(t *testing.T) {
	store, m := homeAt(t)
	snap, err := store.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	uses, err := snap.ReasonUses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	opts := reasonOptions(m.(Model).data)
	if len(opts) < 3 {
		t.Fatalf("%d reasons", len(opts))
	}
	for i := 1; i < len(opts); i++ {
		if uses[opts[i-1].Value] < uses[opts[i].Value] {
			t.Errorf("%s (%d uses) before %s (%d uses)", opts[i-1].Value, uses[opts[i-1].Value], opts[i].Value, uses[opts[i].Value])
		}
	}
	if uses[opts[0].Value] == uses[opts[len(opts)-1].Value] {
		t.Error("every reason is used as often: the order proves nothing")
	}
}

// An intel note's source may be words; a web address is still checked.
func TestNoteSourceTakesText(t *testing.T) {
	store, m := homeAt(t)
	m = send(m, openProfileMsg{slug: "harborline", tab: tabIntel})
	m = drive(m, keyRunes("n"), special(tea.KeyEnter))
	m = drive(driveText(m, "Call with their ex-rep"), special(tea.KeyEnter), special(tea.KeyTab))
	m = driveText(m, "ftp://example.com/x")
	m = drive(m, ctrlS)
	if view := ansi.Strip(m.View()); m.(Model).currentForm() == nil || !strings.Contains(view, "not an http(s) URL") || !strings.Contains(view, "Call with their ex-rep") {
		t.Fatalf("a bad web address was not refused in the open form:\n%s", view)
	}
	for range len("ftp://example.com/x") {
		m = drive(m, special(tea.KeyBackspace))
	}
	m = drive(driveText(m, "call notes, 2026-11-03"), ctrlS)
	if m.(Model).currentForm() != nil {
		t.Fatalf("a source in words was refused:\n%s", ansi.Strip(m.View()))
	}
	notes, _ := store.Notes(context.Background(), "harborline")
	found := false
	for _, n := range notes {
		found = found || (n.Title == "Call with their ex-rep" && n.Source == "call notes, 2026-11-03")
	}
	if !found {
		t.Error("the note with a source in words is not stored")
	}
}

// Typing a letter in the reasons filters them; enter keeps the filter, space ticks.
func TestReasonsTypeToFilter(t *testing.T) {
	store, m := homeAt(t)
	m = drive(m, keyRunes("w"), special(tea.KeyEnter), special(tea.KeyEnter), special(tea.KeyEnter))
	if got := focusedKey(t, m); got != "reasons" {
		t.Fatalf("focused %q", got)
	}
	m = driveText(m, "relat")
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "Relationship") || strings.Contains(view, "Feature gap") {
		t.Fatalf("typing did not filter the reasons:\n%s", view)
	}
	drive(m, special(tea.KeyEnter), keyRunes(" "), ctrlS)
	deals, _ := store.Deals(context.Background(), db.DealFilter{})
	d := deals[0]
	for _, x := range deals {
		if x.ID > d.ID {
			d = x
		}
	}
	if strings.Join(d.Reasons, ",") != "relationship" {
		t.Errorf("stored reasons %v, want relationship", d.Reasons)
	}
}

// A limited field shows a counter as its text nears the limit; required fields are marked;
// tab on an invalid field says why at once.
func TestFieldLimitsAndRequiredMarks(t *testing.T) {
	_, m := homeAt(t)
	m = drive(m, keyRunes("n"))
	if view := ansi.Strip(m.View()); !strings.Contains(view, "Name *") {
		t.Errorf("the required name is not marked:\n%s", view)
	}
	m = drive(m, special(tea.KeyTab))
	if view := ansi.Strip(m.View()); focusedKey(t, m) != "name" || !strings.Contains(view, "is required") {
		t.Errorf("tab on an empty name did not say why:\n%s", view)
	}
	paste := func(n int) tea.KeyMsg {
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("a", n)), Paste: true}
	}
	m = drive(m, paste(95))
	if view := ansi.Strip(m.View()); strings.Contains(view, "/120 characters") {
		t.Errorf("a counter far from the limit:\n%s", view)
	}
	m = drive(m, keyRunes("b"))
	if view := ansi.Strip(m.View()); !strings.Contains(view, "96/120 characters") {
		t.Errorf("no counter near the limit:\n%s", view)
	}
	m = drive(m, paste(30))
	if view := ansi.Strip(m.View()); !strings.Contains(view, "126/120 characters, too long") {
		t.Errorf("no counter past the limit:\n%s", view)
	}
}

// A form showing a refusal fits every terminal size, like every other screen.
func TestRefusedFormFitsEveryTerminalSize(t *testing.T) {
	m := openPricing(t)
	m = drive(m, keyRunes("r"), ctrlS, keyRunes("r"), ctrlS) // the second price of the day is refused
	if m.(Model).currentForm() == nil || m.(Model).currentForm().problem == "" {
		t.Fatalf("no refusal:\n%s", ansi.Strip(m.View()))
	}
	for _, size := range [][2]int{{40, 12}, {60, 16}, {80, 24}, {100, 30}, {250, 70}, {300, 100}} {
		m = send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFrame(t, m.View(), size[0], size[1])
	}
}

// The competitor form refuses a founding year after this one with model.CheckFoundedYear's
// words, as imports do; the price form refuses a date after today with model.CheckNotFuture's.
func TestFormsUseTheModelsDateRules(t *testing.T) {
	today := model.DateOf(testToday)
	var fe *model.FieldError
	errors.As(model.CheckFoundedYear(today.Year()+1, today), &fe)
	d := &competitorDraft{name: "Zephyr", creating: true, founded: fmt.Sprint(today.Year() + 1), today: today}
	if err := d.check("founded")(""); err == nil || err.Error() != fe.Msg {
		t.Errorf("founded next year: %v, want %q", err, fe.Msg)
	}
	if err := d.problem(); err == nil || !strings.Contains(err.Error(), fe.Msg) {
		t.Errorf("saving with founded next year: %v", err)
	}
	d.founded = fmt.Sprint(today.Year())
	if err := d.check("founded")(""); err != nil {
		t.Errorf("founded this year: %v", err)
	}
	errors.As(model.CheckNotFuture("observed_at", today.AddDays(1), today), &fe)
	p := &priceDraft{date: today.AddDays(1).String(), amount: "10.00", today: today}
	if _, err := p.observation(model.ModelPerSeat, "USD"); err == nil || !strings.Contains(err.Error(), fe.Msg) {
		t.Errorf("a price seen tomorrow: %v, want %q", err, fe.Msg)
	}
}

package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/model"
)

// openPricing opens Harborline's Pricing tab at 100×30.
func openPricing(t *testing.T) tea.Model {
	t.Helper()
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v},
		openProfileMsg{slug: "harborline", tab: tabPricing})
	if m.(Model).profile.tab != tabPricing {
		t.Fatal("the Pricing tab did not open")
	}
	return m
}

func TestRecordPriceChangeShowsInHistoryAndDelta(t *testing.T) {
	m := openPricing(t)
	before := ansi.Strip(m.View())
	if !strings.Contains(before, "Suite Growth: $1,678.75/mo · $20,145.00/yr") || !strings.Contains(before, "Harborline costs $5,100/yr more than Tidewell (+33.9%)") {
		t.Fatalf("the price at the default deal size is missing:\n%s", before)
	}
	m = drive(m, keyRunes("r"))
	if m.(Model).currentForm() == nil {
		t.Fatal("r did not open the price form")
	}
	// Observed on (today), then the price: replace 79.00 with 89.00.
	m = drive(m, special(tea.KeyEnter))
	for range 5 {
		m = drive(m, special(tea.KeyBackspace))
	}
	m = submitForm(t, driveText(m, "89.00"))
	mm := m.(Model)
	if mm.err != nil {
		t.Fatalf("save failed: %v", mm.err)
	}
	plans, err := mm.store.Plans(context.Background(), "harborline")
	if err != nil {
		t.Fatal(err)
	}
	growth := plans[0]
	if len(growth.Observations) != 5 {
		t.Fatalf("history has %d observations, want the 4 old ones kept and 1 added", len(growth.Observations))
	}
	last := growth.Observations[4]
	if last.Amount != 8900 || last.ObservedAt != model.DateOf(testToday) || last.AnnualDiscountPercent != 15 {
		t.Errorf("recorded %+v", last)
	}
	after := ansi.Strip(m.View())
	for _, want := range []string{"Recorded Suite Growth $89.00", "$69.00 → $89.00 (+29.0%) since 2024-06-10", "+12.7%",
		"Suite Growth: $1,891.25/mo · $22,695.00/yr", "Harborline costs $7,650/yr more than Tidewell (+50.8%)"} {
		if !strings.Contains(after, want) {
			t.Errorf("after recording, the tab does not show %q:\n%s", want, after)
		}
	}
	// The battle card prices the same deal with the new price.
	card := ansi.Strip(send(m, keyRunes("2"), keyRunes("G")).View())
	if !strings.Contains(strings.Join(strings.Fields(card), " "), "Harborline costs $7,650/yr more than Tidewell (+50.8%)") {
		t.Errorf("the battle card's price delta did not follow:\n%s", card)
	}
}

func TestRecordPriceRefusesBadAmountAndSameDate(t *testing.T) {
	m := openPricing(t)
	m = drive(m, keyRunes("r"), special(tea.KeyEnter))
	for range 5 {
		m = drive(m, special(tea.KeyBackspace))
	}
	m = drive(driveText(m, "89,00"), special(tea.KeyEnter))
	if view := ansi.Strip(m.View()); !strings.Contains(view, "use a dot for decimals") {
		t.Fatalf("a comma amount was not refused in the form:\n%s", view)
	}
	// Fix it, save; then a second change on the same day is refused, not overwritten.
	for range 5 {
		m = drive(m, special(tea.KeyBackspace))
	}
	m = submitForm(t, driveText(m, "89.00"))
	// A second change on the same day is refused at save time: the form stays open on the
	// date with the reason, and what was typed is still there.
	m = drive(m, keyRunes("r"), special(tea.KeyTab))
	for range 5 {
		m = drive(m, special(tea.KeyBackspace))
	}
	m = drive(driveText(m, "91.50"), tea.KeyMsg{Type: tea.KeyCtrlS})
	view := ansi.Strip(m.View())
	if m.(Model).currentForm() == nil || !strings.Contains(view, "never overwritten") || !strings.Contains(view, "91.50") {
		t.Fatalf("same-day second price did not keep the form with the reason and the typed price:\n%s", view)
	}
	if f := m.(Model).currentForm().form.GetFocusedField(); f.GetKey() != "observed_at" {
		t.Errorf("the refusal focused %q, not the date", f.GetKey())
	}
	// The reason stands right under the focused date field.
	lines := strings.Split(view, "\n")
	for i, l := range lines {
		if strings.Contains(l, "never overwritten") && (i == 0 || !strings.HasPrefix(lines[i-1], "┃") || !strings.Contains(lines[i-1], "2026-11-23")) {
			t.Errorf("the reason is not beside the date field:\n%s", view)
		}
	}
	// Change the date: it saves.
	for range 2 {
		m = drive(m, special(tea.KeyBackspace))
	}
	m = drive(driveText(m, "22"), tea.KeyMsg{Type: tea.KeyCtrlS})
	if m.(Model).currentForm() != nil || !strings.Contains(m.(Model).status, "91.50") {
		t.Errorf("the corrected date did not save: %q %v", m.(Model).status, m.(Model).err)
	}
}

func TestNewPlanWithFirstPriceAndDelete(t *testing.T) {
	m := openPricing(t)
	m = drive(m, keyRunes("n"))
	m = driveText(m, "Starter")
	// Name, model (per seat), currency (USD), period (month), unit, min, max, add-on, included,
	// URL: then the first price page for per-seat monthly plans.
	m = drive(m, special(tea.KeyEnter), special(tea.KeyEnter), special(tea.KeyEnter), special(tea.KeyEnter))
	m = driveText(m, "agent")
	for range 6 {
		m = drive(m, special(tea.KeyEnter))
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "First price") {
		t.Fatalf("no first-price page:\n%s", view)
	}
	m = drive(m, special(tea.KeyEnter)) // observed today
	m = submitForm(t, driveText(m, "29.00"))
	mm := m.(Model)
	if mm.err != nil {
		t.Fatalf("save failed: %v", mm.err)
	}
	plans, _ := mm.store.Plans(context.Background(), "harborline")
	p := plans[len(plans)-1]
	if p.Name != "Starter" || p.Unit != "agent" || len(p.Observations) != 1 || p.Observations[0].Amount != 2900 {
		t.Fatalf("stored %+v", p)
	}
	sel, ok := mm.profile.selectedPlan()
	if !ok || sel.Name != "Starter" {
		t.Fatalf("the new plan is not selected: %+v", sel)
	}
	// A $29 plan (no annual discount) is now Harborline's cheapest at 25 seats.
	if view := ansi.Strip(send(m, keyRunes("g")).View()); !strings.Contains(view, "Starter: $725.00/mo · $8,700.00/yr") {
		t.Errorf("the new plan does not price:\n%s", view)
	}
	m = send(m, keyRunes("d"))
	if m.(Model).currentQuestion() == nil {
		t.Fatal("d did not ask first")
	}
	m = send(m, keyRunes("y"))
	plans, _ = m.(Model).store.Plans(context.Background(), "harborline")
	if plans[len(plans)-1].Name == "Starter" {
		t.Error("the plan was not deleted")
	}
}

func TestCalculatorMatchesTheModel(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v},
		openCompareMsg{slugs: []string{"tidewell", "harborline", "replyfox"}}, keyRunes("$"))
	if !m.(Model).isOpen(m.(Model).calc) {
		t.Fatal("$ on Compare did not open the calculator")
	}
	// 50 seats: clear 25, type 50.
	m = send(m, special(tea.KeyBackspace), special(tea.KeyBackspace), keyRunes("5"), keyRunes("0"))
	in := model.QuoteInput{Seats: 50, Billing: model.PeriodYear}
	if got := m.(Model).calc.Input(); got != in {
		t.Fatalf("input %+v, want %+v", got, in)
	}
	q := v.quote([]string{"tidewell", "harborline", "replyfox"}, in)
	view := ansi.Strip(m.View())
	var order []int
	for _, r := range report.QuoteRows(q, "a usage") {
		i := strings.Index(view, r.Product)
		if i < 0 || !strings.Contains(view[i:], r.Annual) {
			t.Fatalf("%s at %s is not shown:\n%s", r.Product, r.Annual, view)
		}
		order = append(order, i)
		if !r.Self && !strings.Contains(view, r.Delta) {
			t.Errorf("%s delta %q is not shown", r.Product, r.Delta)
		}
	}
	for i := 1; i < len(order); i++ {
		if order[i] < order[i-1] {
			t.Errorf("rows are not in the quote's order (cheapest first):\n%s", view)
		}
	}
	// Billing monthly, then closing keeps the deal size for the Pricing tab.
	m = send(m, keyRunes("m"), special(tea.KeyEsc))
	if m.(Model).isOpen(m.(Model).calc) || m.(Model).profile.quoteIn.Billing != model.PeriodMonth || m.(Model).profile.quoteIn.Seats != 50 {
		t.Errorf("after closing: open %v, profile prices at %+v", m.(Model).isOpen(m.(Model).calc), m.(Model).profile.quoteIn)
	}
}

func TestCalculatorKeepsLastValidInput(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v}, keyRunes("$"))
	m = send(m, special(tea.KeyBackspace), special(tea.KeyBackspace))
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "type a number of seats") || m.(Model).calc.Input().Seats != 2 { // the last valid input: "2" on the way to ""
		t.Errorf("empty seats: %+v\n%s", m.(Model).calc.Input(), view)
	}
	m = send(m, keyRunes("x"), keyRunes("0"))
	if m.(Model).calc.seats != "" {
		t.Errorf("letters or a leading zero were typed into seats: %q", m.(Model).calc.seats)
	}
	m = send(m, keyRunes("+"), keyRunes("+"), special(tea.KeyTab), special(tea.KeyTab), keyRunes("4"), keyRunes("0"))
	if in := m.(Model).calc.Input(); in.Seats != 2 || in.Usage != 40 {
		t.Errorf("input %+v, want 2 seats and 40 usage", in)
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "Loopdesk") || strings.Contains(view, "needs usage") {
		t.Errorf("with a usage, Loopdesk should price:\n%s", view)
	}
}

// BenchmarkCalculatorKeystroke measures one keystroke in the calculator on the demo catalog
// with every product priced: re-price, lay out, draw the frame.
func BenchmarkCalculatorKeystroke(b *testing.B) {
	_, v := demoView(b)
	c := newCalculator(&Styles{})
	st := NewStyles(colourOptions().Renderer, false)
	c.styles = &st
	c.SetSize(100, 26)
	c.Open(v, 1, nil)
	keys := []tea.KeyMsg{keyRunes("5"), {Type: tea.KeyBackspace}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Update(keys[i%2])
		_ = c.View()
	}
}

// R corrects a recorded price and D deletes one (after asking); the rest of the history stays.
func TestCorrectAndDeleteRecordedPrice(t *testing.T) {
	m := openPricing(t)
	mm := m.(Model)
	plan, ok := mm.profile.selectedPlan()
	if !ok || len(plan.Observations) < 2 {
		t.Fatalf("the first plan has %d prices; the test needs two", len(plan.Observations))
	}
	history := func() []model.PriceObservation {
		t.Helper()
		plans, err := mm.store.Plans(context.Background(), "harborline")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plans {
			if p.ID == plan.ID {
				return p.Observations
			}
		}
		return nil
	}
	before := history()
	newest, oldest := before[len(before)-1], before[0]

	// R, the newest price (first in the list), its amount retyped.
	m = drive(m, keyRunes("R"))
	if view := ansi.Strip(m.View()); m.(Model).currentForm() == nil || !strings.Contains(view, "Correct which price") {
		t.Fatalf("R did not ask which price:\n%s", view)
	}
	m = drive(m, special(tea.KeyEnter))
	if view := ansi.Strip(m.View()); !strings.Contains(view, "Correct the price of") || !strings.Contains(view, newest.ObservedAt.String()) {
		t.Fatalf("no correction form for the newest price:\n%s", view)
	}
	m = drive(m, special(tea.KeyTab))
	for range 12 {
		m = drive(m, special(tea.KeyBackspace))
	}
	m = drive(driveText(m, "123.45"), ctrlS)
	if m.(Model).currentForm() != nil || m.(Model).err != nil {
		t.Fatalf("the correction was not saved (%v):\n%s", m.(Model).err, ansi.Strip(m.View()))
	}
	after := history()
	if len(after) != len(before) || after[len(after)-1].Amount != 12345 || after[len(after)-1].ObservedAt != newest.ObservedAt || after[0].Amount != oldest.Amount {
		t.Fatalf("after correcting: %+v (was %+v)", after, before)
	}

	// D, the oldest price (last in the list); n keeps it, y deletes it.
	m = drive(m, keyRunes("D"), keyRunes("G"), special(tea.KeyEnter))
	q := m.(Model).currentQuestion()
	if q == nil || !strings.Contains(q.question, "recorded on "+oldest.ObservedAt.String()) {
		t.Fatalf("D did not ask about the oldest price:\n%s", ansi.Strip(m.View()))
	}
	m = drive(m, keyRunes("n"))
	if len(history()) != len(before) {
		t.Fatal("n deleted the price")
	}
	m = drive(m, keyRunes("D"), keyRunes("G"), special(tea.KeyEnter), keyRunes("y"))
	final := history()
	if len(final) != len(before)-1 || final[0].ObservedAt == oldest.ObservedAt || final[len(final)-1].Amount != 12345 {
		t.Errorf("after deleting: %+v", final)
	}
	if !strings.Contains(m.(Model).status, "Deleted the price of "+plan.Name+" recorded on "+oldest.ObservedAt.String()) {
		t.Errorf("status %q", m.(Model).status)
	}
}

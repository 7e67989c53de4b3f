package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// dashboardFor opens the dashboard focused on one competitor and returns its text.
func dashboardFor(t *testing.T, m tea.Model, slug string) string {
	t.Helper()
	m = send(m, openProfileMsg{slug: slug, tab: tabWinLoss}, keyRunes("W"))
	if m.(Model).active != screenDashboard {
		t.Fatal("W did not open the dashboard")
	}
	return ansi.Strip(m.(Model).dash.render())
}

func TestLogLostDealUpdatesDashboard(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	before := dashboardFor(t, m, "harborline")
	if !strings.Contains(before, "28 won · 35 lost · 6 no decision · win rate 44% of 63 decided, all time") {
		t.Fatalf("unexpected starting numbers:\n%s", before)
	}
	// From Harborline's profile: w, lost is the default outcome, Harborline preselected, today.
	m = send(m, openProfileMsg{slug: "harborline", tab: tabWinLoss})
	m = drive(m, keyRunes("w"))
	if m.(Model).currentForm() == nil {
		t.Fatal("w did not open the deal form")
	}
	m = drive(m, special(tea.KeyEnter), special(tea.KeyEnter)) // outcome, competitor
	m = drive(driveText(m, "24000"), special(tea.KeyEnter))
	// Reasons: filter to "relationship", tick it; closed today, in USD; a new reason; the
	// primary is relationship.
	m = drive(driveText(drive(m, keyRunes("/")), "relationship"), special(tea.KeyEnter), keyRunes(" "), special(tea.KeyEnter))
	m = drive(m, special(tea.KeyEnter), special(tea.KeyEnter))
	m = submitForm(t, driveText(m, "security review"))
	mm := m.(Model)
	if mm.err != nil {
		t.Fatalf("save failed: %v", mm.err)
	}
	if !strings.Contains(mm.status, "Logged lost deal D-") {
		t.Errorf("status %q", mm.status)
	}
	deals, err := store.Deals(context.Background(), db.DealFilter{Competitor: "harborline"})
	if err != nil {
		t.Fatal(err)
	}
	d := deals[0]
	if d.Outcome != model.OutcomeLost || d.ClosedAt != model.DateOf(testToday) || d.Amount != 2400000 || d.Currency != "USD" ||
		d.PrimaryReason != "relationship" || strings.Join(d.Reasons, ",") != "relationship,security_review" {
		t.Fatalf("stored %+v", d)
	}
	after := dashboardFor(t, m, "harborline")
	if !strings.Contains(after, "28 won · 36 lost · 6 no decision · win rate 44% of 64 decided, all time") {
		t.Errorf("the dashboard did not count the deal:\n%s", after)
	}
	// The top loss reason against Harborline was cited by 16 lost deals, 9 as primary.
	if !strings.Contains(before, "16  Relationship · primary in 9") || !strings.Contains(after, "17  Relationship · primary in 10") {
		t.Errorf("the top loss reason did not count the deal:\n%s", after)
	}
	codes, _ := store.ReasonCodes(context.Background())
	if !slices.ContainsFunc(codes, func(r model.ReasonCode) bool { return r.Code == "security_review" && r.Label == "Security review" }) {
		t.Errorf("the new reason code was not added: %+v", codes)
	}
}

func TestEditAndDeleteDealFromWinLossTab(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v},
		openProfileMsg{slug: "harborline", tab: tabWinLoss})
	m = send(m, keyRunes("o"), keyRunes("o")) // lost only
	sel, ok := m.(Model).profile.selectedDeal()
	if !ok || sel.Outcome != model.OutcomeLost {
		t.Fatalf("selected %+v", sel)
	}
	m = drive(m, keyRunes("e"))
	if m.(Model).currentForm() == nil {
		t.Fatal("e did not open the deal")
	}
	m = submitForm(t, drive(m, special(tea.KeyRight))) // lost → won
	if err := m.(Model).err; err != nil {
		t.Fatal(err)
	}
	deals, _ := store.Deals(context.Background(), db.DealFilter{Competitor: "harborline"})
	var edited model.Deal
	for _, d := range deals {
		if d.Ref == sel.Ref {
			edited = d
		}
	}
	sel.Outcome = model.OutcomeWon
	if edited.Outcome != model.OutcomeWon || edited.Quote != sel.Quote || strings.Join(edited.Reasons, ",") != strings.Join(sel.Reasons, ",") {
		t.Fatalf("edit changed more than the outcome:\n got %+v\nwant %+v", edited, sel)
	}
	m = send(m, keyRunes("o"), keyRunes("o"), keyRunes("o"), keyRunes("d"))
	if m.(Model).currentQuestion() == nil {
		t.Fatal("d did not ask first")
	}
	doomed, _ := m.(Model).profile.selectedDeal()
	m = send(m, keyRunes("y"))
	deals, _ = store.Deals(context.Background(), db.DealFilter{Competitor: "harborline"})
	for _, d := range deals {
		if d.Ref == doomed.Ref {
			t.Fatal("the deal was not deleted")
		}
	}
	if !strings.Contains(m.(Model).status, "Deleted deal "+doomed.Ref) {
		t.Errorf("status %q", m.(Model).status)
	}
}

func TestMergeReasonCodesFromTheDashboard(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v},
		keyRunes("W"), keyRunes("r"))
	if !m.(Model).isOpen(m.(Model).reasons) {
		t.Fatal("r did not open the reason codes")
	}
	from, _ := m.(Model).reasons.selected()
	m = drive(m, keyRunes("m"))
	into := m.(Model).reasons.rows[1] // the select starts on the first other code
	m = submitForm(t, m)
	if err := m.(Model).err; err != nil {
		t.Fatal(err)
	}
	codes, _ := store.ReasonCodes(context.Background())
	for _, c := range codes {
		if c.Code == from.code {
			t.Fatalf("%s still exists after the merge", from.code)
		}
	}
	var merged reasonRow
	for _, r := range m.(Model).reasons.rows {
		if r.code == into.code {
			merged = r
		}
	}
	if merged.won+merged.lost < from.won+from.lost || !strings.Contains(m.(Model).status, "Merged "+from.label+" into "+into.label) {
		t.Errorf("after merging %+v into %+v: %+v, status %q", from, into, merged, m.(Model).status)
	}
}

// The dashboard filters by deal type once deals have one, and charts the types; with none,
// its d key is off so help does not offer it.
func TestDashboardFiltersByDealType(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 120, Height: 40}, catalogLoadedMsg{view: v})
	m = send(m, keyRunes("W"))
	if m.(Model).dash.keys.Type.Enabled() {
		t.Error("d is offered though no deal has a type")
	}
	for i := range v.deals {
		v.deals[i].Type = []model.DealType{model.DealNew, model.DealRenewal}[i%2]
	}
	m = send(m, catalogLoadedMsg{view: v})
	dash := m.(Model).dash
	if !dash.keys.Type.Enabled() || !strings.Contains(ansi.Strip(dash.render()), "By deal type") {
		t.Fatalf("no deal-type chart:\n%s", ansi.Strip(dash.render()))
	}
	m = send(m, keyRunes("d"))
	got := ansi.Strip(m.(Model).dash.render())
	if !strings.Contains(got, "new deals") {
		t.Errorf("d did not filter to new deals:\n%s", got)
	}
	want := model.TallyDeals(model.DealQuery{Type: model.DealNew}.Select(v.deals))
	if !strings.Contains(got, fmt.Sprintf("%d won · %d lost", want.Won, want.Lost)) {
		t.Errorf("the tally is not of new deals (want %d won · %d lost):\n%s", want.Won, want.Lost, got)
	}
}

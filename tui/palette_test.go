package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/model"
)

// searchFor opens the palette over the demo catalog with its text index built, types query and
// delivers the results.
func searchFor(t *testing.T, query string) tea.Model {
	t.Helper()
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v}, buildTextIndexCmd(context.Background(), store, 0)())
	m = typeText(send(m, tea.KeyMsg{Type: tea.KeyCtrlK}), query)
	return runPaletteQuery(t, m)
}

// jumpTo moves the palette's cursor to the first result in group whose line contains text,
// and presses enter.
func jumpTo(t *testing.T, m tea.Model, group, text string) tea.Model {
	t.Helper()
	for i, r := range m.(Model).palette.results {
		if r.group == group && strings.Contains(r.before+strings.Join(r.parts, "")+r.after, text) {
			for range i {
				m = send(m, special(tea.KeyDown))
			}
			return send(m, special(tea.KeyEnter))
		}
	}
	t.Fatalf("no %s result holding %q in:\n%s", group, text, ansi.Strip(m.View()))
	return m
}

// A jump selects the row it lands on, so enter then opens that row: on every tab, the row
// jumped to must not be the tab's first (where the cursor starts), so that a jump that only
// scrolls fails.
func TestSearchJumpThenEnterOpensTheRowJumpedTo(t *testing.T) {
	tests := []struct {
		name, query, group, text string
		tab                      profileTab
		opened                   func(t *testing.T, m Model)
	}{{
		name: "feature", query: "sla policies", group: "Features", text: "SLA policies", tab: tabFeatures,
		opened: func(t *testing.T, m Model) {
			if f, _ := m.profile.selectedFeature(); f.Name != "SLA policies" || m.profile.feature == 0 {
				t.Errorf("feature %q selected (index %d)", f.Name, m.profile.feature)
			}
			if !strings.Contains(m.View(), "SLA policies") {
				t.Errorf("enter did not open the cell of SLA policies:\n%s", m.View())
			}
		},
	}, {
		name: "plan", query: "suite enterprise", group: "Pricing plans", text: "Suite Enterprise · Harborline", tab: tabPricing,
		opened: func(t *testing.T, m Model) {
			if !strings.Contains(m.View(), "Suite Enterprise") || !strings.Contains(m.View(), "Edit") {
				t.Errorf("enter did not open the plan:\n%s", m.View())
			}
		},
	}, {
		name: "note", query: "ai resolutions add-on now", group: "Intel notes", text: "AI Resolutions add-on now", tab: tabIntel,
		opened: func(t *testing.T, m Model) {
			if !strings.Contains(m.View(), "AI Resolutions add-on now pushed in every renewal") {
				t.Errorf("enter did not open the note:\n%s", m.View())
			}
		},
	}, {
		name: "deal", query: "dunvegal", group: "Deals", text: "Dunvegal Workforce", tab: tabWinLoss,
		opened: func(t *testing.T, m Model) {
			if !strings.Contains(m.View(), "Edit deal OPP-21215") {
				t.Errorf("enter did not open the deal:\n%s", m.View())
			}
		},
	}, {
		name: "card line", query: "renewal shock", group: "Battle cards", text: "renewal shock", tab: tabCard,
		opened: func(t *testing.T, m Model) {
			if !strings.Contains(m.View(), "Edit the battle card") || !strings.Contains(m.View(), "Why we win") {
				t.Errorf("enter did not open the section jumped to:\n%s", m.View())
			}
		},
	}, {
		name: "card paragraph", query: "the renewal cap", group: "Battle cards", text: "renewal cap", tab: tabCard,
		opened: func(t *testing.T, m Model) {
			if !strings.Contains(m.View(), "Edit the battle card") || !strings.Contains(m.View(), "Pricing talk track") {
				t.Errorf("enter did not open the section jumped to:\n%s", m.View())
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := jumpTo(t, searchFor(t, tt.query), tt.group, tt.text)
			mm := m.(Model)
			if mm.active != screenProfile || mm.profile.tab != tt.tab {
				t.Fatalf("the jump opened tab %d of %q", mm.profile.tab, mm.profile.Slug())
			}
			if !strings.Contains(ansi.Strip(mm.profile.View()), "▌") {
				t.Errorf("nothing is marked selected:\n%s", mm.View())
			}
			tt.opened(t, send(m, special(tea.KeyEnter)).(Model))
		})
	}
}

// The row a jump selects is the one found, not the first of the tab: checked on the model for
// the tabs whose forms the test above can only read from the screen.
func TestSearchJumpSelectsTheRecordFound(t *testing.T) {
	m := jumpTo(t, searchFor(t, "dunvegal"), "Deals", "Dunvegal Workforce")
	if d, ok := m.(Model).profile.selectedDeal(); !ok || d.Ref != "OPP-21215" {
		t.Errorf("deal %+v selected", d)
	}
	m = jumpTo(t, searchFor(t, "ai resolutions add-on now"), "Intel notes", "AI Resolutions add-on now")
	if n, ok := m.(Model).profile.selectedNote(); !ok || n.Title != "AI Resolutions add-on now pushed in every renewal" {
		t.Errorf("note %q selected", n.Title)
	}
	m = jumpTo(t, searchFor(t, "suite enterprise"), "Pricing plans", "Suite Enterprise · Harborline")
	if p, ok := m.(Model).profile.selectedPlan(); !ok || p.Name != "Suite Enterprise" || m.(Model).profile.Slug() != "harborline" {
		t.Errorf("plan %q of %s selected", p.Name, m.(Model).profile.Slug())
	}
	m = jumpTo(t, searchFor(t, "renewal shock"), "Battle cards", "renewal shock")
	spot := m.(Model).profile.cardSpot
	card := m.(Model).data.profile("harborline").card
	if spot.section != string(model.SectionWhyWeWin) || !strings.Contains(card.WhyWeWin[spot.item].Text, "renewal shock") {
		t.Errorf("card spot %+v", spot)
	}
	if !m.(Model).profile.keys.EditSection.Enabled() {
		t.Error("help does not offer enter on the marked section")
	}
	if m = send(m, keyRunes("1"), keyRunes("2")); !m.(Model).profile.keys.EditSection.Enabled() {
		t.Error("the mark was lost switching tabs")
	}
	if m = send(m, openProfileMsg{slug: "harborline", tab: tabCard}); m.(Model).profile.keys.EditSection.Enabled() {
		t.Error("help offers enter on a card nothing marked")
	}
	// A full-text hit in a paragraph lands on that paragraph, not on the first line holding
	// the word matched.
	m = jumpTo(t, searchFor(t, "the renewal cap"), "Battle cards", "renewal cap")
	if spot := m.(Model).profile.cardSpot; spot.section != "pricing_talk_track" {
		t.Errorf("card spot %+v", spot)
	}
}

// In a large catalog the tab jumped to may still be loading: the row is selected once it has
// loaded.
func TestSearchJumpSelectsTheRowOnceTheTabHasLoaded(t *testing.T) {
	store, _ := demoView(t)
	lazy, err := loadSnapshot(context.Background(), store, loadRequest{today: model.DateOf(testToday), eagerRows: -1})
	if err != nil {
		t.Fatal(err)
	}
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }, EagerRows: -1}),
		tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: lazy})
	var note model.IntelNote
	notes, err := store.Notes(context.Background(), "harborline")
	if err != nil || len(notes) < 3 {
		t.Fatalf("notes %d, %v", len(notes), err)
	}
	note = notes[2]
	next, cmd := m.Update(openProfileMsg{slug: "harborline", tab: tabIntel, target: jumpTarget{noteID: note.ID}})
	if !strings.Contains(next.View(), "Loading Harborline") {
		t.Fatalf("the tab is not loading:\n%s", next.View())
	}
	loaded := runCmd(next, cmd, 0, 0).(Model)
	if got, ok := loaded.profile.selectedNote(); !ok || got.ID != note.ID {
		t.Errorf("note %q selected, want %q", got.Title, note.Title)
	}
}

// "sla" lists the SLA features first, each hit says what it is and whose, and the groups say
// how many they hold.
func TestSearchRanksNamesFirstAndLabelsEachHit(t *testing.T) {
	m := searchFor(t, "sla")
	results := m.(Model).palette.results
	if len(results) < 2 || results[0].group != "Features" || results[1].group != "Features" {
		t.Fatalf("first results %+v", results[:min(3, len(results))])
	}
	var first []string
	for _, r := range results[:2] {
		first = append(first, r.before+strings.Join(r.parts, "")+r.after)
	}
	if first[0] != "feature · SLA policies" && first[1] != "feature · SLA policies" ||
		first[0] != "feature · SLA reporting" && first[1] != "feature · SLA reporting" {
		t.Errorf("first two results %q", first)
	}
	view := ansi.Strip(m.View())
	for _, want := range []string{"Features · 3", "feature description", "card line No contract SLAs means no SLAs. · Loopdesk"} {
		if !strings.Contains(view, want) {
			t.Errorf("the palette lacks %q:\n%s", want, view)
		}
	}
	m = searchFor(t, "enterprise-suite")
	found := false
	for _, r := range m.(Model).palette.results {
		found = found || r.group == "Competitors" && r.before+strings.Join(r.parts, "")+r.after == "tag enterprise-suite · Harborline"
	}
	if !found {
		t.Errorf("enterprise-suite results %+v", m.(Model).palette.results)
	}
	// A handful of results are not counted.
	m = searchFor(t, "suite enterprise")
	if n := len(m.(Model).palette.results); n > 6 || strings.Contains(ansi.Strip(m.View()), "Pricing plans ·") {
		t.Errorf("%d results, counted:\n%s", n, m.View())
	}
}

// The palette for "sla" at the three reference sizes.
func TestGoldenSearchSLA(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {250, 70}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			goldenScreenAt(t, size[0], size[1], "feature · SLA reporting", tea.KeyMsg{Type: tea.KeyCtrlK}, keyRunes("s"), keyRunes("l"), keyRunes("a"))
		})
	}
}

package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/model"
)

func typeText(m tea.Model, s string) tea.Model {
	for _, r := range s {
		m = send(m, keyRunes(string(r)))
	}
	return m
}

func special(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

// runPaletteQuery runs the query the palette would have started for what is typed (names,
// labels, then full text) and delivers the replies.
func runPaletteQuery(t *testing.T, m tea.Model) tea.Model {
	t.Helper()
	p := m.(Model).palette
	return send(m, paletteNamesCmd(p.gen, p.input.Value(), p.data, p.owners)())
}

// screensAt drives the app through every screen at one size and returns each frame.
func screensAt(t *testing.T, w, h int) map[string]string {
	t.Helper()
	store, v := demoView(t)
	frames := map[string]string{}
	m := send(New(context.Background(), store, colourOptions()), tea.WindowSizeMsg{Width: w, Height: h}, catalogLoadedMsg{view: v})
	frames["home"] = m.View()
	m = typeText(send(m, keyRunes("/")), "har")
	frames["filter"] = m.View()
	m = send(m, special(tea.KeyEnter), special(tea.KeyEnter))
	for tab := range tabCount {
		m = send(m, keyRunes(string(rune('1'+tab))))
		frames["profile "+tabNames[tab]] = m.View()
		m = send(m, keyRunes("G"))
		frames["profile bottom "+tabNames[tab]] = m.View()
	}
	m = send(m, keyRunes("?"))
	frames["profile help"] = m.View()
	m = send(m, keyRunes("?"), tea.KeyMsg{Type: tea.KeyCtrlK})
	m = runPaletteQuery(t, typeText(m, "price"))
	frames["palette"] = m.View()
	m = drive(m, special(tea.KeyEsc), special(tea.KeyEsc), keyRunes("n"))
	frames["new competitor form"] = m.View()
	m = drive(m, special(tea.KeyEnter))
	frames["form with error"] = m.View()
	m = drive(m, special(tea.KeyEsc), keyRunes("d"))
	frames["delete confirmation"] = m.View()
	m = send(m, keyRunes("n"), keyRunes("c"))
	frames["compare picker"] = m.View()
	// Our product and the selected Harborline are ticked already.
	for _, r := range []string{"nimbus", "quillon"} {
		m = send(typeText(send(m, special(tea.KeyCtrlU)), r), keyRunes(" "))
	}
	m = send(m, special(tea.KeyEnter))
	frames["compare 4 products"] = m.View()
	m = send(m, keyRunes("d"), keyRunes("l"), keyRunes("l"), keyRunes("l"), keyRunes("G"))
	frames["compare diff scrolled"] = m.View()
	m = send(m, keyRunes("$"))
	frames["calculator"] = m.View()
	m = send(m, keyRunes("a"), special(tea.KeyTab), special(tea.KeyTab), keyRunes("1"), keyRunes("2"), special(tea.KeyDown), special(tea.KeyDown))
	frames["calculator all products, scrolled"] = m.View()
	m = drive(m, special(tea.KeyEsc), special(tea.KeyEsc), special(tea.KeyEnter), keyRunes("4"), keyRunes("r"))
	frames["record price form"] = m.View()
	m = drive(m, special(tea.KeyEsc), keyRunes("5"), keyRunes("o"))
	frames["win/loss tab filtered"] = m.View()
	m = send(m, keyRunes("W"))
	frames["dashboard"] = m.View()
	m = send(m, keyRunes("c"), keyRunes("j"), keyRunes("j"))
	frames["dashboard one competitor, scrolled"] = m.View()
	m = send(m, keyRunes("r"))
	frames["reason codes"] = m.View()
	m = drive(m, special(tea.KeyEsc), keyRunes("w"))
	frames["log a deal form"] = m.View()
	m = drive(m, special(tea.KeyEsc), special(tea.KeyEsc), special(tea.KeyEsc), keyRunes("p"))
	frames["call prep"] = m.View()
	m = drive(m, special(tea.KeyEsc), special(tea.KeyEnter), keyRunes("2"), keyRunes("x"))
	frames["export form"] = m.View()
	for name, want := range map[string]string{"new competitor form": "New competitor", "delete confirmation": "Delete", "palette": "search", "compare picker": "compare", "compare 4 products": "Comparing 4", "calculator": "Price calculator", "record price form": "Record a price change", "dashboard": "Win/loss", "reason codes": "Reason codes", "log a deal form": "Log a deal", "call prep": "call prep", "export form": "Export the battle card"} {
		if h >= minHeight && w >= minWidth && !strings.Contains(ansi.Strip(frames[name]), want) {
			t.Fatalf("%dx%d: the %s frame does not show %q:\n%s", w, h, name, want, ansi.Strip(frames[name]))
		}
	}
	return frames
}

func TestEveryScreenFitsEveryTerminalSize(t *testing.T) {
	sizes := [][2]int{{40, 12}, {41, 13}, {50, 16}, {60, 20}, {71, 24}, {72, 24}, {80, 24}, {100, 30}, {120, 40}, {160, 50}, {200, 60}, {300, 100}}
	for _, sz := range sizes {
		for name, frame := range screensAt(t, sz[0], sz[1]) {
			t.Run(name, func(t *testing.T) { checkFrame(t, frame, sz[0], sz[1]) })
		}
	}
}

func TestTooSmallTerminalSaysSo(t *testing.T) {
	store, v := demoView(t)
	for _, sz := range [][2]int{{39, 30}, {100, 11}, {10, 3}, {1, 1}} {
		m := send(New(context.Background(), store, colourOptions()), tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}, catalogLoadedMsg{view: v})
		frame := m.View()
		checkFrame(t, frame, sz[0], sz[1])
		if sz[0] >= 20 && !strings.Contains(ansi.Strip(frame), "rivals needs at least") {
			t.Errorf("%dx%d: no too-small message in %q", sz[0], sz[1], frame)
		}
	}
}

func TestFilterNarrowsAndClears(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = typeText(send(m, keyRunes("/")), "nim")
	h := m.(Model).home
	if len(h.rows) != 1 || h.selectedSlug() != "nimbus-assist" {
		t.Fatalf("filter nim shows %d rows, selected %s", len(h.rows), h.selectedSlug())
	}
	if !m.(Model).textFocused() {
		t.Error("filter box does not have the keyboard")
	}
	// q is text while filtering, not quit.
	m = typeText(m, "q")
	if _, cmd := m.Update(keyRunes("x")); cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Error("typing in the filter quit the app")
		}
	}
	if got := m.(Model).home.filter.Value(); got != "nimq" {
		t.Errorf("filter value = %q", got)
	}
	m = send(m, special(tea.KeyBackspace), special(tea.KeyEnter))
	// Backspacing the text away keeps the selection.
	m2 := send(m, keyRunes("/"), special(tea.KeyBackspace), special(tea.KeyBackspace), special(tea.KeyBackspace))
	if got := m2.(Model).home.selectedSlug(); got != "nimbus-assist" || len(m2.(Model).home.rows) != len(v.competitors) {
		t.Errorf("emptied filter selects %s", got)
	}
	if m.(Model).textFocused() || len(m.(Model).home.rows) != 1 {
		t.Error("enter did not keep the filter and release the keyboard")
	}
	m = send(m, special(tea.KeyEsc))
	if got := len(m.(Model).home.rows); got != len(v.competitors) {
		t.Errorf("esc left %d rows, want all %d", got, len(v.competitors))
	}
	if got := m.(Model).home.selectedSlug(); got != "nimbus-assist" {
		t.Errorf("clearing the filter lost the selection: %s", got)
	}
	// No match says so.
	m = typeText(send(m, keyRunes("/")), "zzzz")
	if !strings.Contains(ansi.Strip(m.View()), "Nothing matches") {
		t.Error("no 'Nothing matches' for an empty filter result")
	}
}

func TestProfileTabs(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = send(m, keyRunes("j"), keyRunes("j"), special(tea.KeyEnter))
	mm := m.(Model)
	if mm.active != screenProfile || mm.profile.Slug() != v.competitors[2].Slug || mm.profile.tab != tabOverview {
		t.Fatalf("enter opened %s tab %d (active %d)", mm.profile.Slug(), mm.profile.tab, mm.active)
	}
	steps := []struct {
		key  tea.KeyMsg
		want profileTab
	}{
		{special(tea.KeyTab), tabCard},
		{special(tea.KeyTab), tabFeatures},
		{special(tea.KeyShiftTab), tabCard},
		{keyRunes("6"), tabIntel},
		{special(tea.KeyTab), tabChanges},
		{special(tea.KeyTab), tabOverview},
		{special(tea.KeyShiftTab), tabChanges},
		{keyRunes("7"), tabChanges},
		{keyRunes("4"), tabPricing},
		{keyRunes("9"), tabPricing},
	}
	for _, s := range steps {
		m = send(m, s.key)
		if got := m.(Model).profile.tab; got != s.want {
			t.Fatalf("after %v tab = %d, want %d", s.key, got, s.want)
		}
	}
	// Each tab remembers its scroll position.
	m = send(m, keyRunes("2"), keyRunes("j"), keyRunes("j"), keyRunes("j"), keyRunes("1"), keyRunes("2"))
	if off := m.(Model).profile.vp.YOffset; off != 3 {
		t.Errorf("card tab scrolled to %d after coming back, want 3", off)
	}
	// On the Features tab j and k select features instead.
	m = send(m, keyRunes("3"), keyRunes("j"), keyRunes("j"))
	if f, ok := m.(Model).profile.selectedFeature(); !ok || f.Key != m.(Model).data.features[2].Key {
		t.Errorf("features tab selection = %v %v", f.Key, ok)
	}
	m = send(m, special(tea.KeyEsc))
	if m.(Model).active != screenHome || m.(Model).home.selectedSlug() != v.competitors[2].Slug {
		t.Error("esc did not go back home to the same competitor")
	}
}

func TestProfileTabsShowTheData(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{}), tea.WindowSizeMsg{Width: 120, Height: 40}, catalogLoadedMsg{view: v})
	m = send(m, openProfileMsg{slug: "harborline", tab: tabOverview})
	p := v.profile("harborline")
	want := map[profileTab]string{
		tabOverview: "Segments",
		tabCard:     p.card.WhyWeWin[0].Text[:30],
		tabFeatures: v.features[0].Category,
		tabPricing:  p.plans[0].Name,
		tabWinLoss:  "win rate",
		tabIntel:    p.notes[0].Title[:20],
	}
	for tab, text := range want {
		m = send(m, keyRunes(string(rune('1'+tab))))
		content := ansi.Strip(m.(Model).profile.currentContent())
		if !strings.Contains(content, text) {
			t.Errorf("%s tab lacks %q", tabNames[tab], text)
		}
	}
	// Intel is newest first, with source and date.
	intel := ansi.Strip(m.(Model).profile.renderTab(tabIntel, 200).body)
	if strings.Index(intel, p.notes[0].Title) > strings.Index(intel, p.notes[1].Title) {
		t.Error("intel notes are not newest first")
	}
	if !strings.Contains(intel, p.notes[0].Date.String()) || !strings.Contains(intel, p.notes[0].Source) {
		t.Error("intel note lacks its date or source")
	}
}

func TestPaletteFindsCardTextAndJumps(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	m = send(m, tea.KeyMsg{Type: tea.KeyCtrlK})
	if !m.(Model).isOpen(m.(Model).palette) {
		t.Fatal("ctrl+k did not open the palette")
	}
	m = typeText(m, "renewal shock")
	staleGen := m.(Model).palette.gen - 1
	m = runPaletteQuery(t, m)
	results := m.(Model).palette.results
	if len(results) == 0 || results[0].group != "Battle cards" || results[0].slug != "harborline" {
		t.Fatalf("results = %+v", results)
	}
	// A late reply to an older query is dropped.
	m = send(m, paletteNamesMsg{gen: staleGen}, paletteTextMsg{gen: staleGen})
	if len(m.(Model).palette.results) == 0 {
		t.Error("a stale reply replaced the results")
	}
	_, cmd := m.Update(special(tea.KeyEnter))
	m = send(m, cmd())
	mm := m.(Model)
	if mm.isOpen(mm.palette) || mm.active != screenProfile || mm.profile.Slug() != "harborline" || mm.profile.tab != tabCard {
		t.Fatalf("enter went to %s tab %d (searching %v)", mm.profile.Slug(), mm.profile.tab, mm.isOpen(mm.palette))
	}
	if !strings.Contains(strings.ToLower(ansi.Strip(m.View())), "renewal") {
		t.Error("the card is not scrolled to the match")
	}
	// Names match fuzzily, and esc closes without moving.
	m = typeText(send(m, tea.KeyMsg{Type: tea.KeyCtrlK}), "ostra")
	m = runPaletteQuery(t, m)
	if r := m.(Model).palette.results; len(r) == 0 || r[0].group != "Competitors" || r[0].slug != "ostra-cx" {
		t.Errorf("ostra results = %+v", r)
	}
	_, cmd = m.Update(special(tea.KeyEsc))
	m = send(m, cmd())
	if m.(Model).isOpen(m.(Model).palette) || m.(Model).profile.Slug() != "harborline" {
		t.Error("esc did not close the palette back onto the profile")
	}
}

func TestHelpListsTheScreensKeys(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{}), tea.WindowSizeMsg{Width: 120, Height: 40}, catalogLoadedMsg{view: v}, keyRunes("?"))
	home := ansi.Strip(m.View())
	for _, want := range []string{"filter", "open profile", "search everything", "quit", "top", "bottom"} {
		if !strings.Contains(home, want) {
			t.Errorf("home help lacks %q", want)
		}
	}
	m = send(m, special(tea.KeyEnter))
	prof := ansi.Strip(m.View())
	for _, want := range []string{"next tab", "previous tab", "go to tab", "back", "page down"} {
		if !strings.Contains(prof, want) {
			t.Errorf("profile help lacks %q", want)
		}
	}
}

func TestHostileTextStaysInertOnEveryTab(t *testing.T) {
	evil := "Evil\x1b[31m\x1b]8;;http://x\x07Corp\x1b[2J\u202e\ttab\nnewline"
	c := model.Competitor{Slug: "evil", Name: evil, Positioning: evil, Tags: []string{evil}, Threat: model.ThreatHigh, Status: model.StatusActive}
	d := &profileData{competitor: c, support: map[string]model.Support{"f": {Level: model.LevelYes, Note: evil}},
		card:  &model.BattleCard{Overview: evil, WhyWeWin: model.Claims(evil), Objections: []model.Objection{{Objection: evil, Response: evil}}},
		notes: []model.IntelNote{{Title: evil, Body: evil, Source: evil, Tags: []string{evil}}},
		deals: []model.Deal{{Account: evil, Quote: evil, Outcome: model.OutcomeLost}},
		plans: []model.PricePlan{{Name: evil, Unit: evil, Included: evil, Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth}}}
	v := catalogView{competitors: []model.Competitor{c}, features: []model.Feature{{Key: "f", Name: evil, Category: evil}},
		profiles: map[string]*profileData{"evil": d}}
	m := send(New(context.Background(), nil, Options{}), tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	frames := []string{m.View()}
	m = send(m, special(tea.KeyEnter))
	for tab := range tabCount {
		m = send(m, keyRunes(string(rune('1'+tab))))
		frames = append(frames, m.View())
	}
	for _, f := range frames {
		checkFrame(t, f, 100, 30)
		for _, bad := range []string{"\x1b]", "\x1b[2J", "\x1b[31m", "\u202e", "\x07", "\t"} {
			if strings.Contains(f, bad) {
				t.Fatalf("frame contains %q:\n%s", bad, f)
			}
		}
	}
}

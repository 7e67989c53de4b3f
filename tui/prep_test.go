package tui

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/internal/report"
)

// openPrep starts the app at width×height on the demo catalog and opens the call-prep sheet of
// slug.
func openPrep(t *testing.T, slug string, width, height int) tea.Model {
	t.Helper()
	store, v := demoView(t)
	return send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: width, Height: height}, catalogLoadedMsg{view: v}, openPrepMsg{slug: slug})
}

// normalText is text without bullets, arrows, quotes and line breaks, one space between words.
func normalText(s string) string {
	s = strings.NewReplacer("•", " ", "→", " ", "“", " ", "”", " ", "⚠", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// prepPages pages through the open sheet with space and returns the text of each column (and of
// whole lines, for blocks that span the columns) read top to bottom across every page.
func prepPages(t *testing.T, m tea.Model, width int) (texts []string, pages int) {
	t.Helper()
	cols, colWidth := prepColumns(width), prepBlockWidth(width)
	columns := make([][]string, cols+1)
	for pages = 1; ; pages++ {
		view := ansi.Strip(m.(Model).prep.View())
		for _, line := range strings.Split(view, "\n") {
			if strings.HasSuffix(strings.TrimSpace(line), "…") {
				t.Errorf("at %d columns a line is cut: %q", width, line)
			}
			columns[cols] = append(columns[cols], line)
			for c := 0; c < cols; c++ {
				x := c * (colWidth + len(prepColumnGap))
				columns[c] = append(columns[c], ansi.Cut(line, x, x+colWidth))
			}
		}
		if !strings.Contains(view, "below") {
			break
		}
		if pages > 30 {
			t.Fatalf("at %d columns the sheet never ends:\n%s", width, view)
		}
		m = send(m, keyRunes(" "))
	}
	for _, c := range columns {
		texts = append(texts, normalText(strings.Join(c, "\n")))
	}
	return texts, pages
}

// Every demo competitor's sheet, paged through at each size, shows every item of every block
// whole: each text is found, word for word, in one column.
func TestPrepShowsEveryBlockWhole(t *testing.T) {
	store, v := demoView(t)
	for _, size := range [][2]int{{80, 24}, {100, 30}, {250, 70}, {60, 20}} {
		for _, c := range v.competitors {
			if c.IsSelf {
				continue
			}
			m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}),
				tea.WindowSizeMsg{Width: size[0], Height: size[1]}, catalogLoadedMsg{view: v}, openPrepMsg{slug: c.Slug})
			if !m.(Model).isOpen(m.(Model).prep) {
				t.Fatalf("%s: p did not open call prep", c.Slug)
			}
			sheet := m.(Model).prep.sheet
			texts, pages := prepPages(t, m, size[0])
			want := []string{sheet.OneLiner, sheet.Record, sheet.Price, "Record", "Price", "How fresh"}
			want = append(append(append(want, sheet.WhyWeWin...), sheet.WhyTheyWin...), sheet.Landmines...)
			want = append(want, sheet.Freshness...)
			for _, o := range sheet.Objections {
				want = append(want, o.Objection+" "+o.Response)
			}
			for _, w := range want {
				found := false
				for _, text := range texts {
					found = found || strings.Contains(text, normalText(w))
				}
				if !found {
					t.Errorf("%s at %dx%d (%d pages): %q is not shown whole", c.Slug, size[0], size[1], pages, w)
				}
			}
		}
	}
}

// Test that the checker above catches a cut: a sheet whose items are cut with "…" fails it.
func TestPrepWholeCheckCatchesACut(t *testing.T) {
	cut := normalText("• Time to value: we go live in 2–4 …")
	if strings.Contains(cut, normalText("Time to value: we go live in 2–4 weeks.")) {
		t.Fatal("a cut item passes for whole")
	}
	split := normalText("• Time to value: we go live in 2–4 we\n  eks.")
	if strings.Contains(split, normalText("Time to value: we go live in 2–4 weeks.")) {
		t.Fatal("a word split across lines passes for whole")
	}
}

func TestPrepWrapsAtSpacesOnly(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  []string
	}{
		{"Add-ons not counted: AI Resolutions add-on", 40, []string{"Add-ons not counted: AI Resolutions", "add-on"}},
		{"a b c", 1, []string{"a", "b", "c"}},
		{"abcdef", 4, []string{"abcd", "ef"}},
		{"", 10, []string{""}},
	} {
		if got := wrapWords(tc.text, tc.width); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

// The scrolling keys move by whole items and pages, stop at both ends, and are enabled only
// when they can move.
func TestPrepScrollingKeys(t *testing.T) {
	m := openPrep(t, "harborline", 80, 24)
	v := m.(Model).prep
	if v.top != 0 || v.keys.Up.Enabled() || !v.keys.Down.Enabled() || !v.keys.PageDown.Enabled() {
		t.Fatalf("opened at line %d, up %v down %v", v.top, v.keys.Up.Enabled(), v.keys.Down.Enabled())
	}
	firstEnd := v.shownEnd(0)
	steps := []struct {
		key  string
		want func(v *prepView) bool
		what string
	}{
		{"j", func(v *prepView) bool { return v.top > 0 && containsInt(v.layout.breaks, v.top) }, "j moves to the next item"},
		{"k", func(v *prepView) bool { return v.top == 0 }, "k moves back to the top"},
		{" ", func(v *prepView) bool { return v.top == firstEnd }, "space starts where the first screen ended"},
		{"b", func(v *prepView) bool { return v.top == 0 }, "b goes back a screen"},
		{"G", func(v *prepView) bool {
			return v.top == v.lastTop() && v.shownEnd(v.top) == len(v.layout.body) && !v.keys.Down.Enabled()
		}, "G shows the end"},
		{"j", func(v *prepView) bool { return v.top == v.lastTop() }, "j at the end stays"},
		{"g", func(v *prepView) bool { return v.top == 0 && !v.keys.Top.Enabled() }, "g goes to the top"},
	}
	for _, s := range steps {
		m = send(m, keyRunes(s.key))
		if v := m.(Model).prep; !s.want(v) {
			t.Errorf("%s: top %d of %d", s.what, v.top, len(v.layout.body))
		}
	}
	m = send(m, keyRunes("G"))
	if view := ansi.Strip(m.View()); !strings.Contains(view, "end of the sheet") || !strings.Contains(view, "newest intel") {
		t.Errorf("at the end:\n%s", view)
	}
	// On a terminal tall enough for all of it, nothing scrolls and no footer shows.
	big := openPrep(t, "harborline", 250, 70)
	if v := big.(Model).prep; v.keys.Down.Enabled() || v.keys.PageDown.Enabled() || strings.Contains(v.View(), "below") {
		t.Errorf("at 250×70 the whole sheet should fit:\n%s", v.View())
	}
}

// The first screen says how many blocks are below and where it is; blocks are in call order.
func TestPrepFooterAndOrder(t *testing.T) {
	m := openPrep(t, "harborline", 80, 24)
	view := ansi.Strip(m.(Model).prep.View())
	if !strings.Contains(view, "↓ 6 more blocks below · lines 1–18 of") {
		t.Errorf("first screen at 80×24:\n%s", view)
	}
	body := strings.Join(m.(Model).prep.layout.body, "\n")
	last := -1
	for _, title := range []string{"│ The incumbent suite", "The complete customer service", "Record", "Price", "Do not say", "Landmines to set", "Objections", "Why we win", "Why they win", "How fresh"} {
		i := strings.Index(body, title)
		if i <= last {
			t.Errorf("%q is out of order", title)
		}
		last = i
	}
}

// The stale banner stays at the top on every page and names what is stale.
func TestPrepStaleBanner(t *testing.T) {
	m := openPrep(t, "harborline", 80, 24)
	for range 3 {
		if view := ansi.Strip(m.(Model).prep.View()); !strings.HasPrefix(strings.Split(view, "\n")[1], "⚠ Stale: 4 of 57 matrix cells") {
			t.Fatalf("no stale banner:\n%s", view)
		}
		m = send(m, keyRunes(" "))
	}
	st := NewStyles(lipgloss.NewRenderer(io.Discard), true)
	v := newPrepView(&st)
	v.SetSize(80, 24)
	v.Open(report.PrepSheet{Name: "Acme", Stale: []string{"battle card reviewed 2026-01-02", "prices observed Acme 2026-03-04"}})
	if view := ansi.Strip(v.View()); !strings.Contains(view, "⚠ Stale: battle card reviewed 2026-01-02; prices observed Acme 2026-03-04") {
		t.Errorf("banner:\n%s", view)
	}
	v.Open(report.PrepSheet{Name: "Acme"})
	if view := ansi.Strip(v.View()); strings.Contains(view, "Stale") {
		t.Errorf("a fresh sheet shows a banner:\n%s", view)
	}
}

// p on our own product says why there is no call prep, from Home and from its profile.
func TestPrepOnOurProductSaysWhy(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v})
	for _, where := range []string{"home", "profile"} {
		if where == "profile" {
			m = send(m, openProfileMsg{slug: "tidewell", tab: tabOverview})
		}
		m = send(m, keyRunes("p"))
		if m.(Model).isOpen(m.(Model).prep) {
			t.Fatalf("%s: call prep opened on our own product", where)
		}
		if got := m.(Model).status; got != "Call prep is for a competitor: Tidewell is our own product" {
			t.Errorf("%s: status %q", where, got)
		}
		m = send(m, keyRunes("x"))
	}
}

// The Overview and call prep count the same deals, those of the default window, and each says
// which window its win rate covers; the dashboard names its own.
func TestWinRatesNameTheirWindow(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v}, openProfileMsg{slug: "harborline", tab: tabOverview})
	overview := strings.Join(strings.Fields(ansi.Strip(m.View())), " ")
	if !strings.Contains(overview, "18 won · 17 lost · 3 no decision · 51% of 35 decided, last 12 months") {
		t.Errorf("the Overview's win rate does not name its window:\n%s", ansi.Strip(m.View()))
	}
	m = send(m, keyRunes("p"))
	if got := m.(Model).prep.sheet.Record; !strings.HasPrefix(got, "We won 18 of 35 decided deals against Harborline in the last 12 months (51.4%)") {
		t.Errorf("call prep's record = %q", got)
	}
	m = send(m, special(tea.KeyEsc), keyRunes("W"))
	if dash := ansi.Strip(m.(Model).dash.render()); !strings.Contains(dash, "win rate 44% of 63 decided, all time") {
		t.Errorf("the dashboard's win rate does not name its window:\n%s", dash)
	}
}

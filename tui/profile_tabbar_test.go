package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/model"
)

// TestTabBarKeepsNames: from 70 columns every tab keeps a readable name, shortened before it
// is dropped, for every competitor of the demo and whichever tab is active; narrower, the bar
// still fits.
func TestTabBarKeepsNames(t *testing.T) {
	_, v := demoView(t)
	st := NewStyles(colourOptions().Renderer, false)
	p := newProfile(&st, model.DateOf(testToday))
	p.SetData(v, 1)
	bareNumber := regexp.MustCompile(`\s\d(\s+(\d|\[)|\s*$)`) // a number followed by the next tab, not its name
	for _, c := range v.competitors {
		for tab := range tabCount {
			p.Open(c.Slug, tab, jumpTarget{})
			for _, w := range []int{40, 45, 50, 55, 60, 65, 69, 70, 71, 72, 75, 78, 80, 85, 90, 95, 99, 100, 120, 160, 250, 300} {
				p.SetSize(w, 30)
				bar := ansi.Strip(p.tabBar())
				if lipgloss.Width(bar) > w {
					t.Fatalf("%s, %s tab, %d columns: the bar is %d wide: %q", c.Slug, tabNames[tab], w, lipgloss.Width(bar), bar)
				}
				if !strings.Contains(bar, "["+string(rune('1'+tab))+" "+tabNames[tab]+"]") {
					t.Fatalf("%s, %d columns: the active tab is not named in full: %q", c.Slug, w, bar)
				}
				if w >= 70 && bareNumber.MatchString(bar) {
					t.Fatalf("%s, %s tab, %d columns: a tab lost its name: %q", c.Slug, tabNames[tab], w, bar)
				}
				if w >= 100 && !strings.Contains(bar, "Battle card") {
					t.Fatalf("%s, %d columns: the names are shortened with room to spare: %q", c.Slug, w, bar)
				}
			}
		}
	}
}

package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/model"
)

// TestFeaturesTabUsesTheWidth: at 250 columns every demo competitor's Features tab shows each
// feature whole on one line, its evidence beside it; at 100 the evidence goes below, as before.
func TestFeaturesTabUsesTheWidth(t *testing.T) {
	_, v := demoView(t)
	st := NewStyles(colourOptions().Renderer, false)
	today := model.DateOf(testToday)
	for _, c := range v.competitors {
		wide, starts := renderFeatures(&st, v.features, v.profile(c.Slug), today, 0, 250)
		lines := strings.Split(ansi.Strip(wide), "\n")
		for i, f := range v.features {
			line := lines[starts[i]]
			if !strings.Contains(line, f.Name) || strings.Contains(line, "…") {
				t.Fatalf("%s at 250 columns: %q is not whole: %q", c.Slug, f.Name, line)
			}
			if cell, ok := v.profile(c.Slug).support[f.Key]; ok && !cell.VerifiedAt.IsZero() && !strings.Contains(line, "verified "+cell.VerifiedAt.String()) {
				t.Fatalf("%s at 250 columns: the evidence of %q is not on its line: %q", c.Slug, f.Name, line)
			}
		}
		if len(lines) >= 2*len(v.features) {
			t.Errorf("%s at 250 columns: %d lines for %d features", c.Slug, len(lines), len(v.features))
		}
		narrow, _ := renderFeatures(&st, v.features, v.profile(c.Slug), today, 0, 100)
		if n := strings.Count(narrow, "\n") + 1; n < 2*len(v.features) {
			t.Errorf("%s at 100 columns: %d lines; the evidence should have lines of its own", c.Slug, n)
		}
	}
}

package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/model"
)

// TestCalculatorUsageUnit: the usage field names what it counts, `u` switches to the next
// thing the products' plans count, and each product is priced or refused accordingly.
func TestCalculatorUsageUnit(t *testing.T) {
	_, v := demoView(t)
	st := NewStyles(colourOptions().Renderer, false)
	c := newCalculator(&st)
	c.SetSize(120, 30)
	c.Open(v, 1, nil)
	for _, k := range []tea.KeyMsg{special(tea.KeyTab), special(tea.KeyTab), keyRunes("2"), keyRunes("0"), keyRunes("0"), keyRunes("0")} {
		c.Update(k)
	}
	product := func(slug string) model.ProductQuote {
		for _, p := range c.quote.Products {
			if p.Slug == slug {
				return p
			}
		}
		t.Fatalf("%s not priced", slug)
		return model.ProductQuote{}
	}
	steps := []struct {
		unit            string
		priced, refused string
	}{
		{"tickets", "loopdesk", "nimbus-assist"},
		{"AI resolutions", "nimbus-assist", "loopdesk"},
		{"tickets", "loopdesk", "nimbus-assist"}, // round again
	}
	for i, s := range steps {
		if i > 0 {
			c.Update(keyRunes("u"))
		}
		if got := c.quote.Input.UsageUnit; got != s.unit {
			t.Fatalf("step %d: unit %q, want %q", i, got, s.unit)
		}
		if view := ansi.Strip(c.View()); !strings.Contains(view, "[2000▏] "+s.unit) {
			t.Errorf("step %d: the usage field does not name %q:\n%s", i, s.unit, view)
		}
		if s.priced != "" && !product(s.priced).Comparable {
			t.Errorf("step %d: %s not priced: %+v", i, s.priced, product(s.priced).Best)
		}
		if p := product(s.refused); p.Comparable || p.Best.Status != model.QuoteOtherUnit {
			t.Errorf("step %d: %s priced in %s: %+v", i, s.refused, s.unit, p.Best)
		}
	}
	// 2,000 tickets are 2 blocks of 1k on Loopdesk's volume price, never 2,000 blocks.
	if l := product("loopdesk"); l.Best.Quantity != 2 {
		t.Errorf("Loopdesk billed for %d blocks of 1k tickets", l.Best.Quantity)
	}
}

package tui

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/model"
)

// The card tab shows the 30-second read first, "do not say" apart, a marker per claim, ⚑ on
// claims not confirmed for 180 days and the claims' tally; a search that leads to a claim
// shows its source under it.
func TestCardTabShowsClaimEvidence(t *testing.T) {
	store, m := openCard(t, Options{Now: func() time.Time { return testToday }})
	view := ansi.Strip(m.(Model).profile.currentContent())
	for _, want := range []string{"30-second read", "Do not say", "✗ Don't call Harborline insecure", "claims, ", "sourced", "ⁱ", "⚑"} {
		if !strings.Contains(view, want) {
			t.Errorf("card tab lacks %q", want)
		}
	}
	k, _ := store.Card(context.Background(), "harborline")
	if q := strings.Index(view, "30-second read"); q < 0 || q > strings.Index(view, "Do not say") {
		t.Error("the 30-second read is not first")
	}
	// A search landing on a cited claim shows where it comes from.
	var cited model.Claim
	for _, c := range k.WhyWeWin {
		if c.Source != "" {
			cited = c
			break
		}
	}
	prof := m.(Model).profile
	prof.cardSpot = findCardSpot(k, cited.Text)
	prof.refresh()
	if v := ansi.Strip(prof.currentContent()); !strings.Contains(strings.Join(strings.Fields(v), " "), "source: "+cited.Source) {
		t.Errorf("the selected claim does not show its source %q", cited.Source)
	}
}

// f on the Pricing tab edits the pricing facts, validated by the model: a discount past the
// limit is refused in the form, a good one is saved and shown.
func TestEditPricingFacts(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}), tea.WindowSizeMsg{Width: 100, Height: 30},
		catalogLoadedMsg{view: v}, openProfileMsg{slug: "harborline", tab: tabPricing})
	if !strings.Contains(m.(Model).View(), "Pricing facts: pricing partly public") {
		t.Errorf("the Pricing tab does not show the pricing facts:\n%s", m.(Model).View())
	}
	m = drive(m, keyRunes("f"))
	if ed := m.(Model).currentForm(); ed == nil || !strings.Contains(ed.title, "Pricing facts") {
		t.Fatal("f did not open the pricing facts form")
	}
	// Visibility, trial, freemium, then the discount: replace 25 with 30.
	m = drive(m, special(tea.KeyEnter), special(tea.KeyTab), special(tea.KeyEnter), special(tea.KeyBackspace), special(tea.KeyBackspace))
	m = submitForm(t, driveText(m, "30"))
	if err := m.(Model).err; err != nil {
		t.Fatal(err)
	}
	c, _ := store.Competitor(context.Background(), "harborline")
	if c.Pricing.DiscountPercent != 30 || c.Pricing.TrialDays != 14 {
		t.Errorf("pricing facts after the edit: %+v", c.Pricing)
	}
	if _, err := (pricingFactsDraft{discount: "99"}).facts(); err == nil {
		t.Error("a 99% discount was accepted")
	}
}

// The calculator shows each rival's price after its typical discount beside the list price.
func TestCalculatorShowsTypicalDiscount(t *testing.T) {
	_, v := demoView(t)
	c := newCalculator(func() *Styles { st := NewStyles(colourOptions().Renderer, false); return &st }())
	c.SetSize(120, 40)
	c.Open(v, 1, []string{"harborline"})
	out := strings.Join(c.notes, "\n")
	if !strings.Contains(out, "Harborline after typical discount (25%)") || !strings.Contains(out, "(list $") {
		t.Errorf("calculator notes:\n%s", out)
	}
}

// ctrl+y on the card tab writes the card as Markdown to the program's output in an OSC 52
// sequence and confirms in one line; Y switches to Slack mrkdwn; in call prep it copies the
// sheet.
func TestCopyCardToClipboard(t *testing.T) {
	var out bytes.Buffer
	_, m := openCard(t, Options{Now: func() time.Time { return testToday }, Clipboard: &out})
	m = drive(m, tea.KeyMsg{Type: tea.KeyCtrlY})
	copied := decodeOSC52(t, out.String())
	if !strings.HasPrefix(copied, "# Harborline battle card") || !strings.Contains(m.(Model).status, "Copied the battle card of Harborline as Markdown") {
		t.Fatalf("status %q, copied %.60q", m.(Model).status, copied)
	}
	out.Reset()
	m = drive(m, keyRunes("Y"), tea.KeyMsg{Type: tea.KeyCtrlY})
	if copied := decodeOSC52(t, out.String()); !strings.Contains(copied, "*Harborline battle card*") ||
		!strings.Contains(m.(Model).status, "as Slack mrkdwn") || !strings.Contains(m.(Model).status, "✂") {
		t.Errorf("after Y: status %q, copied %.60q", m.(Model).status, copied)
	}
	out.Reset()
	m = drive(m, keyRunes("p"), keyRunes("Y"), tea.KeyMsg{Type: tea.KeyCtrlY})
	if copied := decodeOSC52(t, out.String()); !strings.HasPrefix(copied, "# Harborline · call prep") {
		t.Errorf("in call prep: status %q, copied %.60q", m.(Model).status, copied)
	}
}

// decodeOSC52 reads the text of one OSC 52 clipboard sequence.
func decodeOSC52(t *testing.T, seq string) string {
	t.Helper()
	const head = "\x1b]52;c;"
	if !strings.HasPrefix(seq, head) || !strings.HasSuffix(seq, "\x07") {
		t.Fatalf("not an OSC 52 sequence: %.40q", seq)
	}
	data, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(seq, head), "\x07"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// ] and [ walk the card's claims from the keyboard, each showing its source under it, and
// enter then edits the marked claim's section.
func TestStepThroughClaims(t *testing.T) {
	store, m := openCard(t, Options{Now: func() time.Time { return testToday }})
	k, _ := store.Card(context.Background(), "harborline")
	m = drive(m, keyRunes("]"), keyRunes("]"))
	p := m.(Model).profile
	if p.cardSpot != (cardSpot{section: "why_we_win", item: 1}) {
		t.Fatalf("after ] ]: spot %+v", p.cardSpot)
	}
	want := "source: " + k.WhyWeWin[1].Source
	if v := strings.Join(strings.Fields(ansi.Strip(p.currentContent())), " "); !strings.Contains(v, want) {
		t.Errorf("the marked claim does not show %q", want)
	}
	m = drive(m, keyRunes("["), keyRunes("["))
	if p := m.(Model).profile; p.cardSpot != (cardSpot{section: "why_we_win", item: 0}) {
		t.Errorf("[ stops at the first claim: %+v", p.cardSpot)
	}
}

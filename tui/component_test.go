package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// calculatorUnderPalette opens Harborline's Pricing tab at w×h, the calculator over it and the
// search palette over that.
func calculatorUnderPalette(t *testing.T, w, h int) tea.Model {
	t.Helper()
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: w, Height: h}, catalogLoadedMsg{view: v},
		openProfileMsg{slug: "harborline", tab: tabPricing}, keyRunes("$"), special(tea.KeyCtrlK))
	mm := m.(Model)
	if len(mm.overlays) != 2 || mm.top() != component(mm.palette) || mm.overlays[0] != component(mm.calc) {
		t.Fatalf("want the palette over the calculator, have %d overlays:\n%s", len(mm.overlays), ansi.Strip(m.View()))
	}
	return m
}

// With two overlays open, the top one is drawn and its keys are in the footer; esc closes it
// alone, and the one under it is drawn with its keys again; esc then closes that one too.
func TestOverlayStackEscClosesTheTopOnly(t *testing.T) {
	m := calculatorUnderPalette(t, 100, 30)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "search ›") || strings.Contains(view, "Price calculator") {
		t.Errorf("the palette is not what is drawn:\n%s", view)
	}
	if !strings.Contains(view, "jump to it") || strings.Contains(view, "billed monthly") {
		t.Errorf("the footer does not show the palette's keys alone:\n%s", view)
	}

	m = send(m, special(tea.KeyEsc))
	mm := m.(Model)
	if len(mm.overlays) != 1 || mm.top() != component(mm.calc) {
		t.Fatalf("esc left %d overlays, want the calculator alone", len(mm.overlays))
	}
	view = ansi.Strip(m.View())
	if !strings.Contains(view, "Price calculator") || strings.Contains(view, "search ›") {
		t.Errorf("the calculator is not drawn again:\n%s", view)
	}
	if !strings.Contains(view, "billed monthly") || strings.Contains(view, "jump to it") {
		t.Errorf("the footer does not show the calculator's keys:\n%s", view)
	}

	m = send(m, special(tea.KeyEsc))
	mm = m.(Model)
	if len(mm.overlays) != 0 || mm.active != screenProfile || mm.profile.tab != tabPricing {
		t.Fatalf("second esc: %d overlays, screen %v tab %v; want the Pricing tab", len(mm.overlays), mm.active, mm.profile.tab)
	}
	if view = ansi.Strip(m.View()); strings.Contains(view, "Price calculator") || !strings.Contains(view, "[4 Pricing]") {
		t.Errorf("the profile is not drawn:\n%s", view)
	}
}

// The full help lists the keys of the overlay on top, not those of the overlay or the screen
// under it.
func TestHelpShowsTheTopOverlaysKeys(t *testing.T) {
	m := calculatorUnderPalette(t, 120, 40)
	// ? is typed into the palette's box, so the full help is turned on directly.
	mm := m.(Model)
	mm.help.ShowAll = true
	mm.layout()
	view := ansi.Strip(mm.View())
	if !strings.Contains(view, "jump to it") || strings.Contains(view, "previous field") || strings.Contains(view, "next tab") {
		t.Errorf("the full help does not list the palette's keys alone:\n%s", view)
	}

	m = send(m, special(tea.KeyEsc), keyRunes("?"))
	view = ansi.Strip(m.View())
	for _, want := range []string{"previous field", "billed yearly", "all products"} {
		if !strings.Contains(view, want) {
			t.Errorf("the full help lacks the calculator's %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "next tab") || strings.Contains(view, "record price change") {
		t.Errorf("the full help lists the profile's keys under the calculator:\n%s", view)
	}
}

// A resize reaches the overlay under the top one: once the top closes, it is drawn as if it
// had been opened at the new size.
func TestResizeReachesAnOverlayUnderTheTop(t *testing.T) {
	m := send(calculatorUnderPalette(t, 100, 30), tea.WindowSizeMsg{Width: 60, Height: 20})
	mm := m.(Model)
	if mm.calc.width != 60 || mm.calc.height != mm.bodyHeight() {
		t.Errorf("the calculator under the palette is %d×%d, want 60×%d", mm.calc.width, mm.calc.height, mm.bodyHeight())
	}
	resized := send(m, special(tea.KeyEsc)).View()
	checkFrame(t, resized, 60, 20)

	store, v := demoView(t)
	opened := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: 60, Height: 20}, catalogLoadedMsg{view: v},
		openProfileMsg{slug: "harborline", tab: tabPricing}, keyRunes("$")).View()
	if resized != opened {
		t.Errorf("the calculator resized under the palette:\n%s\nopened at 60×20:\n%s", resized, opened)
	}
}

// A form opened over another overlay uses esc itself, to cancel: the overlay under it stays.
func TestFormOverAnOverlayCancelsWithEsc(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v}, keyRunes("W"), keyRunes("r"))
	m = drive(m, keyRunes("n"))
	if mm := m.(Model); mm.currentForm() == nil || len(mm.overlays) != 2 {
		t.Fatalf("n on the reason codes did not open a form over them:\n%s", ansi.Strip(m.View()))
	}
	m = drive(m, special(tea.KeyEsc))
	mm := m.(Model)
	if mm.currentForm() != nil || mm.top() != component(mm.reasons) || mm.active != screenDashboard {
		t.Fatalf("esc in the form: %d overlays, screen %v; want the reason codes over the dashboard", len(mm.overlays), mm.active)
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "Reason codes") {
		t.Errorf("the reason codes are not drawn again:\n%s", view)
	}
}

// A question takes its answer and is gone at once, before any command runs; until then the
// palette does not open over it.
func TestQuestionClosesAsItIsAnswered(t *testing.T) {
	store, v := demoView(t)
	m := send(New(context.Background(), store, Options{Now: func() time.Time { return testToday }}),
		tea.WindowSizeMsg{Width: 100, Height: 30}, catalogLoadedMsg{view: v}, keyRunes("j"), keyRunes("d"))
	if m.(Model).currentQuestion() == nil {
		t.Fatal("d did not ask before deleting")
	}
	m = send(m, special(tea.KeyCtrlK))
	if mm := m.(Model); mm.isOpen(mm.palette) || mm.top() != component(mm.currentQuestion()) {
		t.Fatal("ctrl+k opened the palette while a question waits for its answer")
	}
	next, cmd := m.Update(keyRunes("n"))
	if mm := next.(Model); mm.currentQuestion() != nil || len(mm.overlays) != 0 || cmd != nil {
		t.Errorf("n left %d overlays (command %v); want the question gone at once", len(mm.overlays), cmd != nil)
	}
}

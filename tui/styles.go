package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/model"
)

// Styles holds every style the TUI uses, built once at start-up from one palette of adaptive
// colours so the app reads well on light and dark terminals.
type Styles struct {
	Normal      lipgloss.Style
	Match       lipgloss.Style
	TabActive   lipgloss.Style
	TabInactive lipgloss.Style
	Banner      lipgloss.Style
	Outcome     map[string]lipgloss.Style
	Title       lipgloss.Style
	DemoBadge   lipgloss.Style
	Muted       lipgloss.Style
	Selected    lipgloss.Style
	SelfMarker  lipgloss.Style
	Stale       lipgloss.Style
	// DoNotSay sets the claims not to make apart from everything else on a card.
	DoNotSay    lipgloss.Style
	Heading     lipgloss.Style
	Label       lipgloss.Style
	StatusBar   lipgloss.Style
	StatusError lipgloss.Style
	Threat      map[string]lipgloss.Style
	PaneBorder  lipgloss.Style
	Help        help.Styles
	// Glyphs mark support levels (Unicode or ASCII).
	Glyphs map[model.Level]string
	// Spark are the eight levels of price charts, lowest first (Unicode or ASCII).
	Spark []rune
	// Bar are the filled and empty cells of bar charts; BarFull colours the filled part.
	Bar     [2]string
	BarFull lipgloss.Style
}

// NewStyles builds the styles for the terminal r renders to.
func NewStyles(r *lipgloss.Renderer, ascii bool) Styles {
	glyphs, spark, bar := unicodeGlyphs, sparkUnicode, [2]string{"█", "░"}
	if ascii {
		glyphs, spark, bar = asciiGlyphs, sparkASCII, [2]string{"#", "."}
	}
	accent := lipgloss.AdaptiveColor{Light: "#5A3FD6", Dark: "#9D8CFF"}
	muted := lipgloss.AdaptiveColor{Light: "#767676", Dark: "#8A8A8A"}
	warn := lipgloss.AdaptiveColor{Light: "#B35900", Dark: "#FFB454"}
	bad := lipgloss.AdaptiveColor{Light: "#C0172B", Dark: "#FF6B7A"}
	badge := func(fg, bg lipgloss.TerminalColor) lipgloss.Style {
		return r.NewStyle().Foreground(fg).Background(bg).Padding(0, 1)
	}
	white := lipgloss.Color("#FFFFFF")
	black := lipgloss.Color("#000000")
	return Styles{
		Normal:      r.NewStyle(),
		Match:       r.NewStyle().Underline(true).Bold(true).Foreground(accent),
		TabActive:   r.NewStyle().Bold(true).Underline(true).Foreground(accent),
		TabInactive: r.NewStyle().Foreground(muted),
		Banner:      badge(black, warn).Bold(true),
		Outcome: map[string]lipgloss.Style{
			"won":         badge(black, lipgloss.Color("#7BC47F")),
			"lost":        badge(white, lipgloss.Color("#C0172B")),
			"no_decision": badge(black, lipgloss.Color("#B0B0B0")),
		},
		Title:       r.NewStyle().Bold(true).Foreground(accent),
		DemoBadge:   badge(black, warn),
		Muted:       r.NewStyle().Foreground(muted),
		Selected:    r.NewStyle().Bold(true).Foreground(accent),
		SelfMarker:  r.NewStyle().Foreground(accent),
		Stale:       r.NewStyle().Foreground(warn),
		DoNotSay:    r.NewStyle().Foreground(bad).Bold(true),
		Heading:     r.NewStyle().Bold(true),
		Label:       r.NewStyle().Foreground(muted),
		StatusBar:   r.NewStyle().Foreground(muted),
		StatusError: r.NewStyle().Foreground(bad).Bold(true),
		Threat: map[string]lipgloss.Style{
			"low":      badge(black, lipgloss.Color("#7BC47F")),
			"medium":   badge(black, lipgloss.Color("#F2C14E")),
			"high":     badge(white, lipgloss.Color("#E8743B")),
			"critical": badge(white, lipgloss.Color("#C0172B")),
		},
		PaneBorder: r.NewStyle().Foreground(muted),
		Glyphs:     glyphs,
		Spark:      spark,
		Bar:        bar,
		BarFull:    r.NewStyle().Foreground(accent),
		Help: help.Styles{
			ShortKey:       r.NewStyle().Foreground(accent),
			ShortDesc:      r.NewStyle().Foreground(muted),
			ShortSeparator: r.NewStyle().Foreground(muted),
			Ellipsis:       r.NewStyle().Foreground(muted),
			FullKey:        r.NewStyle().Foreground(accent),
			FullDesc:       r.NewStyle().Foreground(muted),
			FullSeparator:  r.NewStyle().Foreground(muted),
		},
	}
}

// HasDarkBackground decides whether the terminal background is dark without querying the
// terminal (a query reads standard input and can swallow the user's first keystrokes):
// RIVALS_THEME=light|dark wins, then the COLORFGBG convention, else dark.
func HasDarkBackground(getenv func(string) string) bool {
	switch getenv("RIVALS_THEME") {
	case "light":
		return false
	case "dark":
		return true
	}
	if v := getenv("COLORFGBG"); v != "" {
		parts := strings.Split(v, ";")
		switch parts[len(parts)-1] {
		case "7", "15":
			return false
		}
	}
	return true
}

package tui

import "github.com/charmbracelet/lipgloss"

// Styles holds every style the TUI uses, built once at start-up from one palette of adaptive
// colours so the app reads well on light and dark terminals.
type Styles struct {
	Title       lipgloss.Style
	DemoBadge   lipgloss.Style
	Muted       lipgloss.Style
	Selected    lipgloss.Style
	SelfMarker  lipgloss.Style
	Stale       lipgloss.Style
	Heading     lipgloss.Style
	Label       lipgloss.Style
	StatusBar   lipgloss.Style
	StatusError lipgloss.Style
	Threat      map[string]lipgloss.Style
	PaneBorder  lipgloss.Style
}

// NewStyles builds the styles.
func NewStyles() Styles {
	accent := lipgloss.AdaptiveColor{Light: "#5A3FD6", Dark: "#9D8CFF"}
	muted := lipgloss.AdaptiveColor{Light: "#767676", Dark: "#8A8A8A"}
	warn := lipgloss.AdaptiveColor{Light: "#B35900", Dark: "#FFB454"}
	bad := lipgloss.AdaptiveColor{Light: "#C0172B", Dark: "#FF6B7A"}
	badge := func(fg, bg lipgloss.TerminalColor) lipgloss.Style {
		return lipgloss.NewStyle().Foreground(fg).Background(bg).Padding(0, 1)
	}
	white := lipgloss.Color("#FFFFFF")
	black := lipgloss.Color("#000000")
	return Styles{
		Title:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		DemoBadge:   badge(black, warn),
		Muted:       lipgloss.NewStyle().Foreground(muted),
		Selected:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		SelfMarker:  lipgloss.NewStyle().Foreground(accent),
		Stale:       lipgloss.NewStyle().Foreground(warn),
		Heading:     lipgloss.NewStyle().Bold(true),
		Label:       lipgloss.NewStyle().Foreground(muted),
		StatusBar:   lipgloss.NewStyle().Foreground(muted),
		StatusError: lipgloss.NewStyle().Foreground(bad).Bold(true),
		Threat: map[string]lipgloss.Style{
			"low":      badge(black, lipgloss.Color("#7BC47F")),
			"medium":   badge(black, lipgloss.Color("#F2C14E")),
			"high":     badge(white, lipgloss.Color("#E8743B")),
			"critical": badge(white, lipgloss.Color("#C0172B")),
		},
		PaneBorder: lipgloss.NewStyle().Foreground(muted),
	}
}

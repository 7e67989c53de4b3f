package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/model"
	"github.com/rivals-app/rivals/termtext"
)

// profileTab is one tab of the profile screen.
type profileTab int

// The profile tabs, in order (keys 1–6).
const (
	tabOverview profileTab = iota
	tabCard
	tabFeatures
	tabPricing
	tabWinLoss
	tabIntel
	tabCount
)

var tabNames = [tabCount]string{"Overview", "Battle card", "Features", "Pricing", "Win/Loss", "Intel"}

// backMsg asks the app to leave the current screen.
type backMsg struct{}

// profile shows one competitor in tabs, each a scrollable viewport.
type profile struct {
	styles *Styles
	keys   profileKeys
	today  model.Date

	data    catalogView
	version int
	slug    string
	tab     profileTab
	width   int
	height  int

	vp viewport.Model
	// offsets remembers the scroll position of each tab while the profile is open.
	offsets [tabCount]int
	// content caches each tab's rendering; shared across model copies.
	content *map[string]string
}

func newProfile(styles *Styles, today model.Date) profile {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the profile's own bindings drive it
	cache := map[string]string{}
	return profile{styles: styles, keys: newProfileKeys(), today: today, vp: vp, content: &cache}
}

// Open shows a competitor on a tab, from the top, or scrolled to the first line containing
// find (case-insensitive) when it is not empty.
func (p *profile) Open(slug string, tab profileTab, find string) {
	p.slug, p.tab = slug, tab
	p.offsets = [tabCount]int{}
	p.refresh()
	p.vp.GotoTop()
	if find = strings.ToLower(strings.TrimSpace(find)); find != "" {
		for i, line := range strings.Split(p.currentContent(), "\n") {
			if strings.Contains(strings.ToLower(ansi.Strip(line)), find) {
				p.vp.SetYOffset(max(0, i-1))
				break
			}
		}
	}
}

// currentContent returns the rendered text of the current tab.
func (p profile) currentContent() string {
	return (*p.content)[p.cacheKey()]
}

func (p profile) cacheKey() string {
	return fmt.Sprintf("%d/%s/%d/%d", p.version, p.slug, p.tab, p.width)
}

// SetData replaces the snapshot, keeping the tab and scroll position.
func (p *profile) SetData(v catalogView, version int) {
	p.data, p.version = v, version
	off := p.vp.YOffset
	p.refresh()
	p.vp.SetYOffset(off)
}

// SetSize gives the screen its share of the terminal.
func (p *profile) SetSize(width, height int) {
	p.width, p.height = width, height
	p.vp.Width = width
	p.vp.Height = max(1, height-2) // tab bar and a blank line
	off := p.vp.YOffset
	p.refresh()
	p.vp.SetYOffset(off)
}

// Slug returns the competitor shown.
func (p profile) Slug() string { return p.slug }

// refresh puts the current tab's rendering into the viewport.
func (p *profile) refresh() {
	if p.width <= 0 {
		return
	}
	cacheKey := p.cacheKey()
	body, ok := (*p.content)[cacheKey]
	if !ok {
		if len(*p.content) >= 64 { // old versions and sizes: start over rather than grow
			clear(*p.content)
		}
		body = p.renderTab(p.tab, p.width)
		(*p.content)[cacheKey] = body
	}
	p.vp.SetContent(body)
}

// ShortHelp lists the main bindings for the footer.
func (p profile) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.NextTab, p.keys.Tab, p.keys.Down, p.keys.Back}
}

// FullHelp lists every binding of the screen.
func (p profile) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{p.keys.NextTab, p.keys.PrevTab, p.keys.Tab, p.keys.Back},
		{p.keys.Down, p.keys.Up, p.keys.PageDown, p.keys.PageUp, p.keys.Top, p.keys.Bottom},
	}
}

// Update handles the screen's keys.
func (p profile) Update(msg tea.Msg) (profile, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return p, nil
	}
	switch {
	case key.Matches(km, p.keys.Back):
		return p, func() tea.Msg { return backMsg{} }
	case key.Matches(km, p.keys.NextTab):
		p.switchTab((p.tab + 1) % tabCount)
	case key.Matches(km, p.keys.PrevTab):
		p.switchTab((p.tab + tabCount - 1) % tabCount)
	case key.Matches(km, p.keys.Tab):
		p.switchTab(profileTab(km.Runes[0] - '1'))
	case key.Matches(km, p.keys.Down):
		p.vp.ScrollDown(1)
	case key.Matches(km, p.keys.Up):
		p.vp.ScrollUp(1)
	case key.Matches(km, p.keys.PageDown):
		p.vp.PageDown()
	case key.Matches(km, p.keys.PageUp):
		p.vp.PageUp()
	case key.Matches(km, p.keys.Top):
		p.vp.GotoTop()
	case key.Matches(km, p.keys.Bottom):
		p.vp.GotoBottom()
	}
	return p, nil
}

// switchTab changes tab, remembering where each tab was scrolled to.
func (p *profile) switchTab(t profileTab) {
	if t < 0 || t >= tabCount || t == p.tab {
		return
	}
	p.offsets[p.tab] = p.vp.YOffset
	p.tab = t
	p.refresh()
	p.vp.SetYOffset(p.offsets[t])
}

// View renders the tab bar and the current tab.
func (p *profile) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	return fitBlock(p.tabBar()+"\n\n"+p.vp.View(), p.width, p.height)
}

// tabBar renders "Name  1 Overview  2 Battle card …", dropping labels to numbers when narrow.
func (p *profile) tabBar() string {
	st := p.styles
	c := p.data.profile(p.slug).competitor
	render := func(short bool) string {
		parts := []string{st.Heading.Render(termtext.Line(c.Name))}
		for i, name := range tabNames {
			label := fmt.Sprintf("%d %s", i+1, name)
			if short {
				label = fmt.Sprintf("%d", i+1)
				if profileTab(i) == p.tab {
					label += " " + name
				}
			}
			if profileTab(i) == p.tab {
				parts = append(parts, st.TabActive.Render(label))
			} else {
				parts = append(parts, st.TabInactive.Render(label))
			}
		}
		return strings.Join(parts, "  ")
	}
	bar := render(false)
	if lipglossWidth(bar) > p.width {
		bar = render(true)
	}
	return truncate(bar, p.width)
}

// renderTab renders one tab's full content at width.
func (p profile) renderTab(t profileTab, width int) string {
	d := p.data.profile(p.slug)
	switch t {
	case tabOverview:
		return renderSummary(p.styles, d, p.today, width, false)
	case tabCard:
		return renderCard(p.styles, d, p.today, width)
	case tabFeatures:
		return renderFeatures(p.styles, p.data.features, d, p.today, width)
	case tabPricing:
		return renderPricing(p.styles, d, p.today, width)
	case tabWinLoss:
		return renderWinLoss(p.styles, d, width)
	case tabIntel:
		return renderIntel(p.styles, d, width)
	}
	return ""
}

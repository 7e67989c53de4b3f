package tui

import (
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// renderSummary renders a competitor's one-screen summary: facts, matrix, pricing, win/loss,
// card and latest intel. The home preview shows it beside the list; the profile's Overview tab
// shows it in full (brief=false adds every fact and the card's key bullets).
func renderSummary(st *Styles, p *profileData, today model.Date, width int, brief bool) string {
	c := p.competitor
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	title := st.Heading.Render(termtext.Line(c.Name))
	if c.IsSelf {
		title += st.Muted.Render("  our product")
	} else if badge, ok := st.Threat[string(c.Threat)]; ok {
		title += "  " + badge.Render(string(c.Threat)) + st.Muted.Render(" "+string(c.Status))
	}
	add(title)
	if p.staleFacts > 0 {
		add(wrap(st.Stale.Render(fmt.Sprintf("⚑ %d facts need re-checking (matrix cells or prices older than %d days, or a card not reviewed for %d)", p.staleFacts, model.StaleFactDays, model.StaleCardDays)), width)...)
	}
	if c.Positioning != "" {
		add(wrap(st.Muted.Render(termtext.Line(c.Positioning)), width)...)
	}
	add("")
	field := func(label, value string) {
		if value != "" {
			add(wrapField(st, label, value, width)...)
		}
	}
	field("Segments", strings.Join(c.Segments, ", "))
	field("Company", c.CompanyFacts())
	field("Website", c.Website)
	if !brief {
		field("Tags", strings.Join(c.Tags, ", "))
		field("Updated", c.UpdatedAt.Local().Format(model.DateLayout))
	}
	m := p.matrix
	matrix := fmt.Sprintf("%d yes · %d partial · %d no", m.Levels[model.LevelYes], m.Levels[model.LevelPartial], m.Levels[model.LevelNo])
	if n := m.Levels[model.LevelRoadmap]; n > 0 {
		matrix += fmt.Sprintf(" · %d roadmap", n)
	}
	if n := m.Levels[model.LevelUnknown]; n > 0 {
		matrix += fmt.Sprintf(" · %d unknown", n)
	}
	add(st.Label.Render(fmt.Sprintf("%-10s ", "Features")) + matrix + staleNote(st, m.Stale, "stale"))
	if brief {
		field("Plans", planCount(p.plans))
	} else {
		for i, pl := range p.plans {
			label := ""
			if i == 0 {
				label = "Pricing"
			}
			add(wrapField(st, label, planLine(st, pl, today), width)...)
		}
	}
	if !c.IsSelf {
		field("Win/loss", winLossLine(p.winLoss))
		card := "none yet"
		if p.card != nil {
			card = "never reviewed"
			if !p.card.LastReviewed.IsZero() {
				card = "reviewed " + p.card.LastReviewed.String()
				if p.card.Owner != "" && !brief {
					card += " by " + termtext.Line(p.card.Owner)
				}
			}
			if model.IsStale(p.card.LastReviewed, today, model.StaleCardDays) {
				card += st.Stale.Render(" (stale)")
			}
		}
		add(st.Label.Render(fmt.Sprintf("%-10s ", "Card")) + card)
	}
	if p.card != nil && len(p.card.WhyWeWin) > 0 {
		add("", st.Heading.Render("Why we win"))
		for _, item := range p.card.WhyWeWin {
			add(bullet(termtext.Line(item.Text)+claimSigns(st, item.Citation, today), width)...)
		}
	}
	if !brief && p.card != nil && len(p.card.Landmines) > 0 {
		add("", st.Heading.Render("Landmines to set"))
		for _, item := range p.card.Landmines {
			add(bullet(termtext.Line(item.Text)+claimSigns(st, item.Citation, today), width)...)
		}
	}
	if len(p.notes) > 0 {
		add("", st.Heading.Render("Latest intel"))
		for i, n := range p.notes {
			if i == 3 {
				break
			}
			add(wrap(st.Muted.Render(n.Date.String())+" "+termtext.Line(n.Title), width)...)
		}
	}
	return strings.Join(lines, "\n")
}

// wrapField renders "Label      value" with the value wrapped under itself.
func wrapField(st *Styles, label, value string, width int) []string {
	const labelWidth = 11
	lines := wrap(termtext.Line(value), max(width-labelWidth, 8))
	for i := range lines {
		if i == 0 {
			lines[i] = st.Label.Render(fmt.Sprintf("%-10s ", label)) + lines[i]
		} else {
			lines[i] = strings.Repeat(" ", labelWidth) + lines[i]
		}
	}
	return lines
}

func staleNote(st *Styles, n int, word string) string {
	if n == 0 {
		return ""
	}
	return st.Stale.Render(fmt.Sprintf("  ⚑ %d %s", n, word))
}

func planCount(plans []model.PricePlan) string {
	switch len(plans) {
	case 0:
		return "none recorded"
	case 1:
		return "1 plan"
	}
	return fmt.Sprintf("%d plans", len(plans))
}

// winLossLine renders the record of the default window with its sample size and the window, so
// a rate from three deals, or from another window, reads as such: "18 won · 17 lost · 3 no
// decision · 51% of 35 decided, last 12 months".
func winLossLine(wl model.WinLoss) string {
	s := fmt.Sprintf("%d won · %d lost", wl.Won, wl.Lost)
	if wl.NoDecision > 0 {
		s += fmt.Sprintf(" · %d no decision", wl.NoDecision)
	}
	return s + " · " + wl.RateInWindow(model.RecordWindowLabel)
}

// planLine renders a plan's current price on one line.
func planLine(st *Styles, p model.PricePlan, today model.Date) string {
	s := report.PlanPriceLine(p)
	if o, ok := p.Latest(); ok && model.IsStale(o.ObservedAt, today, model.StaleFactDays) {
		s += st.Stale.Render(" ⚑ seen " + o.ObservedAt.String())
	}
	return s
}

package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

func isNotFound(err error) bool { return errors.Is(err, db.ErrNotFound) }

// writeProfile prints a competitor profile as plain text for a terminal or a pipe.
func writeProfile(w io.Writer, p profile, today model.Date) error {
	c := p.Competitor
	line := termtext.Line
	title := fmt.Sprintf("%s (%s)", line(c.Name), c.Slug)
	if c.IsSelf {
		title += " — our product"
	} else {
		title += fmt.Sprintf(" — threat %s, %s", orDash(string(c.Threat)), c.Status)
	}
	fmt.Fprintln(w, title)
	if c.Positioning != "" {
		fmt.Fprintln(w, line(c.Positioning))
	}
	fmt.Fprintln(w)
	field := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "  %-13s %s\n", label, line(value))
		}
	}
	field("Website", c.Website)
	field("Segments", strings.Join(c.Segments, ", "))
	field("Company", c.CompanyFacts())
	field("Tags", strings.Join(c.Tags, ", "))
	field("Updated", c.UpdatedAt.Local().Format(model.DateLayout))
	fmt.Fprintln(w)

	m := p.Matrix
	matrix := fmt.Sprintf("%d yes · %d partial · %d no · %d roadmap · %d unknown", m.Levels[model.LevelYes],
		m.Levels[model.LevelPartial], m.Levels[model.LevelNo], m.Levels[model.LevelRoadmap], m.Levels[model.LevelUnknown])
	if m.Stale > 0 {
		matrix += fmt.Sprintf(" (%d stale)", m.Stale)
	}
	field("Features", matrix)
	for i, plan := range p.Plans {
		label := ""
		if i == 0 {
			label = "Pricing"
		}
		fmt.Fprintf(w, "  %-13s %s\n", label, line(planSummary(plan, today)))
	}
	if len(p.Plans) == 0 {
		field("Pricing", "no plans recorded")
	}
	wl := p.WinLoss
	record := fmt.Sprintf("won %d · lost %d · no decision %d", wl.Won, wl.Lost, wl.NoDecision)
	if p.WinRate != nil {
		record += fmt.Sprintf(" → win rate %.0f%% (n=%d)", *p.WinRate*100, wl.Decided())
	}
	field("Win/loss", record)
	if p.Card != nil {
		card := "never reviewed"
		if !p.Card.LastReviewed.IsZero() {
			card = "last reviewed " + p.Card.LastReviewed.String()
		}
		if p.Card.Owner != "" {
			card += " by " + p.Card.Owner
		}
		if model.IsStale(p.Card.LastReviewed, today, model.StaleCardDays) {
			card += " (stale)"
		}
		field("Battle card", card)
	} else {
		field("Battle card", "none yet")
	}
	if len(p.Notes) > 0 {
		n := p.Notes[0]
		field("Intel", fmt.Sprintf("%d notes; newest %s: %s", len(p.Notes), n.Date, n.Title))
	} else {
		field("Intel", "no notes yet")
	}
	return nil
}

// planSummary renders one plan on one line with the date of its newest price.
func planSummary(p model.PricePlan, today model.Date) string {
	s := p.Name + ": " + p.PriceText()
	if obs, ok := p.Latest(); ok {
		s += " — seen " + obs.ObservedAt.String()
		if model.IsStale(obs.ObservedAt, today, model.StaleFactDays) {
			s += " (stale)"
		}
	}
	return s
}

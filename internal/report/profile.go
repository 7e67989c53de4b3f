package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// Profile is everything `rivals show` reports about one competitor; its JSON is what `rivals
// show --json` prints.
type Profile struct {
	Competitor model.Competitor    `json:"competitor"`
	Matrix     model.MatrixSummary `json:"matrix"`
	Plans      []model.PricePlan   `json:"plans"`
	// WinLoss and WinRate count the deals closed in WinLossWindow, the default window
	// (model.RecordWindow).
	WinLoss       model.WinLoss     `json:"win_loss"`
	WinRate       *float64          `json:"win_rate"`
	WinLossWindow model.DealQuery   `json:"win_loss_window"`
	Card          *model.BattleCard `json:"card"`
	Notes         []model.IntelNote `json:"notes"`
}

// ProfileSheet is a profile in words, as `rivals show` prints it. Every string is one clean
// line.
type ProfileSheet struct {
	// Title names the competitor with its slug and its threat and status, or as our product.
	Title string
	// Positioning is the competitor's one-liner, "" when it has none.
	Positioning string
	// About are the facts about the company: website, segments, company facts, tags, the last
	// update; a fact the catalog lacks is left out.
	About []ProfileField
	// Standing is where it stands against us: the feature matrix, a line for each plan's
	// price, the win/loss record, the battle card and the intel.
	Standing []ProfileField
}

// ProfileField is one labelled line of a ProfileSheet; a label is "" on the lines that
// continue the one above (a plan after the first).
type ProfileField struct{ Label, Value string }

// NewProfileSheet puts a profile into words, with staleness counted to today.
func NewProfileSheet(p Profile, today model.Date) ProfileSheet {
	c := p.Competitor
	s := ProfileSheet{Title: fmt.Sprintf("%s (%s)", termtext.Line(c.Name), c.Slug), Positioning: termtext.Line(c.Positioning)}
	if c.IsSelf {
		s.Title += " — our product"
	} else {
		threat := string(c.Threat)
		if threat == "" {
			threat = "-"
		}
		s.Title += fmt.Sprintf(" — threat %s, %s", threat, c.Status)
	}
	field := func(fields *[]ProfileField, label, value string) {
		if value != "" {
			*fields = append(*fields, ProfileField{Label: label, Value: termtext.Line(value)})
		}
	}
	field(&s.About, "Website", c.Website)
	field(&s.About, "Segments", strings.Join(c.Segments, ", "))
	field(&s.About, "Company", c.CompanyFacts())
	field(&s.About, "Tags", strings.Join(c.Tags, ", "))
	field(&s.About, "Updated", c.UpdatedAt.Local().Format(model.DateLayout))

	m := p.Matrix
	matrix := fmt.Sprintf("%d yes · %d partial · %d no · %d roadmap · %d unknown", m.Levels[model.LevelYes],
		m.Levels[model.LevelPartial], m.Levels[model.LevelNo], m.Levels[model.LevelRoadmap], m.Levels[model.LevelUnknown])
	if m.Stale > 0 {
		matrix += fmt.Sprintf(" (%d stale)", m.Stale)
	}
	field(&s.Standing, "Features", matrix)
	for i, plan := range p.Plans {
		label := ""
		if i == 0 {
			label = "Pricing"
		}
		s.Standing = append(s.Standing, ProfileField{Label: label, Value: planSeen(plan, today)})
	}
	if len(p.Plans) == 0 {
		field(&s.Standing, "Pricing", "no plans recorded")
	}
	wl := p.WinLoss
	record := fmt.Sprintf("won %d · lost %d · no decision %d → %s", wl.Won, wl.Lost, wl.NoDecision, wl.RateInWindow(model.RecordWindowLabel))
	field(&s.Standing, "Win/loss", record)
	card := "none yet"
	if p.Card != nil {
		card = "never reviewed"
		if !p.Card.LastReviewed.IsZero() {
			card = "last reviewed " + p.Card.LastReviewed.String()
		}
		if p.Card.Owner != "" {
			card += " by " + p.Card.Owner
		}
		if model.IsStale(p.Card.LastReviewed, today, model.StaleCardDays) {
			card += " (stale)"
		}
	}
	field(&s.Standing, "Battle card", card)
	intel := "no notes yet"
	if len(p.Notes) > 0 {
		n := p.Notes[0]
		intel = fmt.Sprintf("%d notes; newest %s: %s", len(p.Notes), n.Date, n.Title)
	}
	field(&s.Standing, "Intel", intel)
	return s
}

// planSeen is a plan's newest price on one clean line with the day it was seen: "Suite
// Growth: $79.00 per agent/month (min 5) — seen 2026-10-19 (stale)".
func planSeen(p model.PricePlan, today model.Date) string {
	s := p.Name + ": " + newestPrice(p)
	if obs, ok := p.Latest(); ok {
		s += " — seen " + obs.ObservedAt.String()
		if model.IsStale(obs.ObservedAt, today, model.StaleFactDays) {
			s += " (stale)"
		}
	}
	return termtext.Line(s)
}

// ProfileText writes a competitor's profile as plain text for a terminal or a pipe: the title
// and one-liner, then the facts about the company and where it stands against us, a labelled
// line each (NewProfileSheet).
func ProfileText(w io.Writer, p Profile, today model.Date) error {
	s := NewProfileSheet(p, today)
	var b strings.Builder
	b.WriteString(s.Title + "\n")
	if s.Positioning != "" {
		b.WriteString(s.Positioning + "\n")
	}
	for _, fields := range [][]ProfileField{s.About, s.Standing} {
		b.WriteString("\n")
		for _, f := range fields {
			fmt.Fprintf(&b, "  %-13s %s\n", f.Label, f.Value)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

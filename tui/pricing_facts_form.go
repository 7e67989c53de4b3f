package tui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// editPricingFactsMsg asks for the form of a competitor's pricing facts.
type editPricingFactsMsg struct{ slug string }

func (a editPricingFactsMsg) start(m *Model) tea.Cmd {
	c := m.data.profile(a.slug).competitor
	return m.showForm(pricingFactsForm(m.ctx, m.store, c, m.opts.Now))
}

// pricingFactsDraft is the form's text over a competitor's pricing facts.
type pricingFactsDraft struct {
	visibility, freemium      string
	trial, discount, contract string
}

// facts reads the draft; a number that does not parse is an error naming its field.
func (d pricingFactsDraft) facts() (model.PricingFacts, error) {
	f := model.PricingFacts{Visibility: model.PricingVisibility(d.visibility), Freemium: model.YesNo(d.freemium),
		ContractTerms: strings.TrimSpace(d.contract)}
	var err error
	if f.TrialDays, err = wholeNumber(d.trial, "free trial"); err != nil {
		return f, err
	}
	if f.DiscountPercent, err = wholeNumber(strings.TrimSuffix(strings.TrimSpace(d.discount), "%"), "typical discount"); err != nil {
		return f, err
	}
	f.Normalize()
	return f, f.Validate()
}

// wholeNumber reads an optional whole number; empty is 0.
func wholeNumber(s, what string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New(what + ": a whole number such as 14")
	}
	return n, nil
}

// pricingFactsForm edits what sales ask about a competitor's pricing beyond its price list:
// how public it is, the free trial, freemium, the typical discount off list and the contract
// terms. It validates with model.PricingFacts.Validate, as the catalog import does.
func pricingFactsForm(ctx context.Context, store *db.Store, c model.Competitor, now func() time.Time) *editor {
	p := c.Pricing
	d := &pricingFactsDraft{visibility: string(p.Visibility), freemium: string(p.Freemium), contract: p.ContractTerms}
	if p.TrialDays > 0 {
		d.trial = strconv.Itoa(p.TrialDays)
	}
	if p.DiscountPercent > 0 {
		d.discount = strconv.Itoa(p.DiscountPercent)
	}
	visOpts := []huh.Option[string]{huh.NewOption("not known", "")}
	for _, v := range model.PricingVisibilities {
		visOpts = append(visOpts, huh.NewOption(v.Label(), string(v)))
	}
	yesNo := []huh.Option[string]{huh.NewOption("not known", ""), huh.NewOption("yes", string(model.Yes)), huh.NewOption("no", string(model.No))}
	check := func(string) error {
		_, err := d.facts()
		return fieldMessage(err)
	}
	pages := func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(
			huh.NewSelect[string]().Key("visibility").Title("Pricing published").Options(visOpts...).Value(&d.visibility).Filtering(false),
			huh.NewInput().Key("trial").Title("Free trial (days)").Description("Empty when there is none or it is not known").Value(&d.trial).Validate(check),
			huh.NewSelect[string]().Key("freemium").Title("Free tier").Options(yesNo...).Value(&d.freemium).Filtering(false),
			huh.NewInput().Key("discount").Title("Typical discount off list (%)").Description("What deals usually land at, e.g. 20").Value(&d.discount).Validate(check),
			huh.NewInput().Key("contract").Title("Contract terms").Description("e.g. annual only, paid upfront").Value(&d.contract).Validate(check),
		)}
	}
	submit := func() tea.Cmd {
		facts, err := d.facts()
		comp, at := c, now()
		comp.Pricing = facts
		return func() tea.Msg {
			if err != nil {
				return savedMsg{err: err}
			}
			saved, err := store.SaveCompetitor(ctx, comp, at)
			if err != nil {
				return savedMsg{err: err}
			}
			return savedMsg{status: "Saved the pricing facts of " + termtext.Line(saved.Name), slug: saved.Slug, tab: tabPricing}
		}
	}
	return newEditor("Pricing facts · "+termtext.Line(c.Name), submit, func() string { return fmt.Sprint(*d) }, pages)
}

package tui

import (
	"context"
	"fmt"
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// A recorded price can be corrected (a typo, a misread price list) or deleted (recorded by
// mistake) from the Pricing tab. A price change is still recorded as a new price (r): these
// fix the record, one price at a time, leaving the rest of the history as it is.

// correctPriceMsg asks for the form correcting one of a plan's recorded prices: the one of
// date at, or, when at is zero and the plan has several, first which one.
type correctPriceMsg struct {
	plan model.PricePlan
	at   model.Date
}

func (a correctPriceMsg) start(m *Model) tea.Cmd {
	at, ok := pricePicked(a.plan, a.at)
	if !ok {
		return m.showForm(pickPriceForm(a.plan, "Correct which price of ", func(at model.Date) action { return correctPriceMsg{plan: a.plan, at: at} }))
	}
	name := m.data.profile(a.plan.Competitor).competitor.Name
	return m.showForm(correctPriceForm(m.ctx, m.store, a.plan, at, name, model.DateOf(m.opts.Now())))
}

// deletePriceMsg asks to delete one of a plan's recorded prices, once the user says yes: the
// one of date at, or, when at is zero and the plan has several, first which one.
type deletePriceMsg struct {
	plan model.PricePlan
	at   model.Date
}

func (a deletePriceMsg) start(m *Model) tea.Cmd {
	at, ok := pricePicked(a.plan, a.at)
	if !ok {
		return m.showForm(pickPriceForm(a.plan, "Delete which price of ", func(at model.Date) action { return deletePriceMsg{plan: a.plan, at: at} }))
	}
	i := slices.IndexFunc(a.plan.Observations, func(o model.PriceObservation) bool { return o.ObservedAt == at })
	if i < 0 {
		return nil
	}
	ctx, store, p := m.ctx, m.store, a.plan
	o := p.Observations[i]
	q := fmt.Sprintf("Delete the price of %s recorded on %s (%s)? The rest of its history stays.", termtext.Line(p.Name), at, termtext.Line(report.ObservationBrief(p, o)))
	if len(p.Observations) == 1 {
		q = fmt.Sprintf("Delete the only price of %s, recorded on %s (%s)? The plan stays, with no price.", termtext.Line(p.Name), at, termtext.Line(report.ObservationBrief(p, o)))
	}
	m.ask(newConfirm(q, func() tea.Cmd { return deletePriceCmd(ctx, store, p, at) }))
	return nil
}

// pricePicked is the date of the price to act on: at when given, the only price when there is
// one; false when the user must choose.
func pricePicked(p model.PricePlan, at model.Date) (model.Date, bool) {
	switch {
	case !at.IsZero():
		return at, true
	case len(p.Observations) == 1:
		return p.Observations[0].ObservedAt, true
	}
	return model.Date{}, len(p.Observations) == 0
}

// pickPriceForm asks which of a plan's prices to act on, newest first; then comes the action
// next makes of the date chosen.
func pickPriceForm(p model.PricePlan, title string, next func(model.Date) action) *editor {
	latest, _ := p.Latest()
	picked := latest.ObservedAt.String()
	var opts []huh.Option[string]
	for i := len(p.Observations) - 1; i >= 0; i-- {
		o := p.Observations[i]
		opts = append(opts, huh.NewOption(o.ObservedAt.String()+" · "+termtext.Line(report.ObservationBrief(p, o)), o.ObservedAt.String()))
	}
	submit := func() tea.Cmd {
		at, err := model.ParseDate(picked)
		return func() tea.Msg {
			if err != nil {
				return savedMsg{err: err}
			}
			return next(at)
		}
	}
	return newEditor(title+termtext.Line(p.Name)+"?", submit, func() string { return picked }, func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(huh.NewSelect[string]().Key("price").Title("Recorded prices, newest first").
			Options(opts...).Value(&picked).Height(min(len(opts)+2, 12)))}
	}).choosing()
}

// correctPriceForm corrects the price a plan recorded on at: every value, the date included.
func correctPriceForm(ctx context.Context, store *db.Store, p model.PricePlan, at model.Date, product string, today model.Date) *editor {
	d := &priceDraft{date: at.String(), today: today}
	for _, o := range p.Observations {
		if o.ObservedAt == at {
			d.fill(o, p.Currency)
			d.note = o.Note
		}
	}
	check := priceCheck(d, func() model.PricePlan { q := p; q.Observations = nil; return q })
	submit := func() tea.Cmd {
		o, err := d.observation(p.Model, p.Currency)
		return func() tea.Msg {
			if err == nil {
				err = store.CorrectPrice(ctx, p.ID, at, o)
			}
			if err != nil {
				return savedMsg{err: err}
			}
			return savedMsg{status: fmt.Sprintf("Corrected the price of %s recorded on %s: %s on %s", p.Name, at, report.ObservationBrief(p, o), o.ObservedAt),
				slug: p.Competitor, tab: tabPricing, plan: p.Name}
		}
	}
	title := fmt.Sprintf("Correct the price of %s %s recorded on %s", product, p.Name, at)
	return newEditor(termtext.Line(title), submit, func() string { return fmt.Sprint(*d) }, func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(d.fields(p.Model, p.Unit, p.Currency, p.Period, check)...)}
	})
}

// deletePriceCmd deletes the price a plan recorded on at.
func deletePriceCmd(ctx context.Context, store *db.Store, p model.PricePlan, at model.Date) tea.Cmd {
	return func() tea.Msg {
		if err := store.DeletePrice(ctx, p.ID, at); err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: fmt.Sprintf("Deleted the price of %s recorded on %s", p.Name, at), slug: p.Competitor, tab: tabPricing, plan: p.Name}
	}
}

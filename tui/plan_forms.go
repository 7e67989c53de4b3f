package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// priceDraft holds the typed fields of one price observation.
type priceDraft struct {
	date, amount, included, overage, tiers, discount, src, note string
	today                                                       model.Date
}

// newPriceDraft starts from the plan's newest price, dated today, so a change means editing
// only what changed.
func newPriceDraft(p model.PricePlan, today model.Date) *priceDraft {
	d := &priceDraft{date: today.String(), today: today}
	if o, ok := p.Latest(); ok {
		d.fill(o, p.Currency)
	}
	return d
}

// fill puts an observation's values in the draft, all but its date and note.
func (d *priceDraft) fill(o model.PriceObservation, currency string) {
	if o.Amount > 0 {
		d.amount = plainAmount(o.Amount, currency)
	}
	if o.IncludedUnits > 0 {
		d.included = strconv.FormatInt(o.IncludedUnits, 10)
	}
	if o.OverageAmount > 0 {
		d.overage = plainUnitPrice(o, o.OverageAmount, currency)
	}
	d.tiers = formatTiers(o, currency)
	if o.AnnualDiscountPercent > 0 {
		d.discount = strconv.Itoa(o.AnnualDiscountPercent)
	}
	d.src = o.Source
}

// plainAmount is an amount as a user types it: "79.00", no grouping or symbol.
func plainAmount(minor int64, currency string) string {
	return strings.ReplaceAll(model.FormatAmount(minor, currency), ",", "")
}

// plainUnitPrice is a unit price of o as a user types it, with the decimals it has: "0.00003".
func plainUnitPrice(o model.PriceObservation, amount int64, currency string) string {
	s := o.FormatUnitPrice(amount, currency)
	return strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || r == '.' {
			return r
		}
		return -1
	}, s)
}

// observation builds the observation the draft describes for a plan of the given model and
// currency, or the first problem, naming the field.
func (d *priceDraft) observation(m model.PricingModel, currency string) (model.PriceObservation, error) {
	var o model.PriceObservation
	var err error
	problem := func(field, format string, args ...any) error {
		return &model.FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if o.ObservedAt, err = model.ParseDate(strings.TrimSpace(d.date)); err != nil {
		return o, problem("observed_at", "%s", err)
	}
	if err := model.CheckNotFuture("observed_at", o.ObservedAt, d.today); err != nil {
		return o, err
	}
	amount := func(field, s string) (int64, error) {
		if strings.TrimSpace(s) == "" {
			return 0, nil
		}
		v, err := model.ParseAmount(s, currency)
		if err != nil {
			return 0, problem(field, "%s", err)
		}
		return v, nil
	}
	switch m {
	case model.ModelContactSales:
	case model.ModelTiered:
		if o.Tiers, o.UnitDecimals, err = parseTiers(d.tiers, currency); err != nil {
			return o, problem("tiers", "%s", err)
		}
	default:
		if strings.TrimSpace(d.amount) == "" {
			return o, problem("amount", "is required")
		}
		if o.Amount, err = amount("amount", d.amount); err != nil {
			return o, err
		}
	}
	if m == model.ModelUsage {
		if s := strings.TrimSpace(d.included); s != "" {
			if o.IncludedUnits, err = strconv.ParseInt(s, 10, 64); err != nil || o.IncludedUnits < 0 {
				return o, problem("included_units", "%q is not a whole number", s)
			}
		}
		if s := strings.TrimSpace(d.overage); s != "" {
			n, decimals, err := model.ParseUnitPrice(s, currency)
			if err != nil {
				return o, problem("overage_amount", "%s", err)
			}
			o.OverageAmount, o.UnitDecimals = n, decimals
		}
	}
	if s := strings.TrimSpace(d.discount); s != "" && m != model.ModelContactSales {
		if o.AnnualDiscountPercent, err = strconv.Atoi(strings.TrimSuffix(s, "%")); err != nil {
			return o, problem("annual_discount_percent", "%q is not a whole percentage", s)
		}
	}
	o.Source, o.Note = withScheme(d.src), d.note
	return o, nil
}

// fields are the inputs for a plan of model m; check validates one of them in context.
func (d *priceDraft) fields(m model.PricingModel, unit, currency string, period model.Period, check func(string) func(string) error) []huh.Field {
	fs := []huh.Field{huh.NewInput().Key("observed_at").Title("Observed on *").Description("YYYY-MM-DD, not after today").Value(&d.date).Validate(check("observed_at"))}
	if unit == "" {
		unit = "unit"
	}
	if currency == "" {
		currency = "the plan's currency"
	}
	switch m {
	case model.ModelContactSales:
	case model.ModelTiered:
		fs = append(fs, huh.NewInput().Key("tiers").Title("Tiers *").Description(fmt.Sprintf("Price per %s in %s by volume: up_to:price, …, price (e.g. 5:240.00; 20:210.00; 190.00)", unit, currency)).
			Value(&d.tiers).Validate(check("tiers")))
	case model.ModelFlat:
		fs = append(fs, huh.NewInput().Key("amount").Title("Price *").Description(fmt.Sprintf("%s per %s, e.g. 540.00", currency, period)).Value(&d.amount).Validate(check("amount")))
	default:
		fs = append(fs, huh.NewInput().Key("amount").Title("Price *").Description(fmt.Sprintf("%s per %s per %s, e.g. 79.00", currency, unit, period)).Value(&d.amount).Validate(check("amount")))
	}
	if m == model.ModelUsage {
		fs = append(fs,
			huh.NewInput().Key("included_units").Title("Included units").Description("Units the price includes, e.g. 500").Value(&d.included).Validate(check("included_units")),
			huh.NewInput().Key("overage_amount").Title("Overage").Description(currency+" per unit beyond the included ones, e.g. 1.25").Value(&d.overage).Validate(check("overage_amount")))
	}
	if m != model.ModelContactSales && period == model.PeriodMonth {
		fs = append(fs, huh.NewInput().Key("annual_discount_percent").Title("Annual discount %").Description("Off when billed yearly, e.g. 15").Value(&d.discount).Validate(check("annual_discount_percent")))
	}
	return append(fs,
		huh.NewInput().Key("source").Title("Source URL").Description("Where the price was seen").Value(&d.src).Validate(check("source")),
		huh.NewInput().Key("note").Title("Note").Description("e.g. Price increase announced by email").Value(&d.note).Validate(check("note")))
}

// parseTiers reads "5:240.00; 20:210.00; 190.00": up_to:price pairs, the last tier unbounded.
// Prices may be finer than the currency ("0.0025"); decimals says by how many decimals, the
// same for every tier.
func parseTiers(s, currency string) ([]model.PriceTier, int, error) {
	var tiers []model.PriceTier
	var places []int
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		var t model.PriceTier
		upTo, price, bounded := strings.Cut(part, ":")
		if !bounded {
			price = upTo
		} else {
			n, err := strconv.ParseInt(strings.TrimSpace(upTo), 10, 64)
			if err != nil || n <= 0 {
				return nil, 0, fmt.Errorf("%q: the volume before the colon must be a positive whole number", part)
			}
			t.UpTo = n
		}
		amount, decimals, err := model.ParseUnitPrice(price, currency)
		if err != nil {
			return nil, 0, fmt.Errorf("%q: %w", part, err)
		}
		t.Amount = amount
		tiers, places = append(tiers, t), append(places, decimals)
	}
	if len(tiers) == 0 {
		return nil, 0, errors.New("give at least one price, e.g. 5:240.00; 190.00")
	}
	decimals := slices.Max(places)
	for i := range tiers {
		for range decimals - places[i] {
			tiers[i].Amount *= 10
		}
	}
	return tiers, decimals, nil
}

// formatTiers writes an observation's tiers the way parseTiers reads them.
func formatTiers(o model.PriceObservation, currency string) string {
	parts := make([]string, len(o.Tiers))
	for i, t := range o.Tiers {
		parts[i] = plainUnitPrice(o, t.Amount, currency)
		if t.UpTo > 0 {
			parts[i] = strconv.FormatInt(t.UpTo, 10) + ":" + parts[i]
		}
	}
	return strings.Join(parts, "; ")
}

// priceCheck validates a draft field by building the whole observation and validating it
// against the plan, reporting only problems that belong to field (the catalog's name for it).
func priceCheck(d *priceDraft, plan func() model.PricePlan) func(string) func(string) error {
	return func(field string) func(string) error {
		return func(string) error {
			if f, msg := problemField(observationProblem(d, plan())); f == field {
				return errors.New(msg)
			}
			return nil
		}
	}
}

// observationProblem is the first problem of the draft's observation on plan p, or nil.
func observationProblem(d *priceDraft, p model.PricePlan) error {
	o, err := d.observation(p.Model, p.Currency)
	if err != nil {
		return err
	}
	p.Observations = []model.PriceObservation{o}
	return p.Validate()
}

// recordPriceForm records a price change on a plan: a new observation, prefilled from the
// newest one and dated today.
func recordPriceForm(ctx context.Context, store *db.Store, p model.PricePlan, product string, today model.Date) *editor {
	d := newPriceDraft(p, today)
	check := priceCheck(d, func() model.PricePlan { q := p; q.Observations = nil; return q })
	submit := func() tea.Cmd {
		o, err := d.observation(p.Model, p.Currency)
		return func() tea.Msg {
			if err == nil {
				err = store.RecordPrice(ctx, p.ID, o)
			}
			if err != nil {
				return savedMsg{err: err}
			}
			return savedMsg{status: fmt.Sprintf("Recorded %s %s on %s", p.Name, report.ObservationBrief(p, o), o.ObservedAt), slug: p.Competitor, tab: tabPricing, plan: p.Name}
		}
	}
	title := fmt.Sprintf("Record a price change · %s %s", product, p.Name)
	return newEditor(termtext.Line(title), submit, func() string { return fmt.Sprint(*d) }, func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(d.fields(p.Model, p.Unit, p.Currency, p.Period, check)...)}
	})
}

// planDraft holds the typed fields of a plan.
type planDraft struct {
	base                                model.PricePlan
	name, model, currency, period, unit string
	minSeats, maxSeats, included, src   string
	addOn                               bool
}

// plan builds the plan the draft describes (seat counts must already be numeric).
func (d *planDraft) plan() model.PricePlan {
	p := d.base
	p.Name, p.Model, p.Currency, p.Period = d.name, model.PricingModel(d.model), d.currency, model.Period(d.period)
	p.Unit, p.Included, p.Source, p.AddOn = d.unit, d.included, withScheme(d.src), d.addOn
	p.MinSeats, _ = strconv.Atoi(strings.TrimSpace(d.minSeats))
	p.MaxSeats, _ = strconv.Atoi(strings.TrimSpace(d.maxSeats))
	p.Observations = nil
	p.Normalize()
	return p
}

// check validates one plan field with the model's rules.
func (d *planDraft) check(field string) func(string) error {
	return func(s string) error {
		if field == "min_seats" || field == "max_seats" {
			if s = strings.TrimSpace(s); s != "" {
				if n, err := strconv.Atoi(s); err != nil || n < 0 {
					return fmt.Errorf("%q is not a whole number of seats", s)
				}
			}
		}
		var fe *model.FieldError
		if err := d.plan().Validate(); errors.As(err, &fe) && fe.Field == field {
			return errors.New(fe.Msg)
		}
		return nil
	}
}

// planForm adds a plan (with its first price) or edits p's description. The currency, model
// and period of a plan with history are fixed, since they give its history its meaning.
func planForm(ctx context.Context, store *db.Store, p model.PricePlan, creating bool, product string, today model.Date) *editor {
	d := &planDraft{base: p, name: p.Name, model: string(p.Model), currency: p.Currency, period: string(p.Period), unit: p.Unit,
		included: p.Included, src: p.Source, addOn: p.AddOn}
	if creating {
		d.model, d.currency, d.period = string(model.ModelPerSeat), "USD", string(model.PeriodMonth)
	}
	if p.MinSeats > 0 {
		d.minSeats = strconv.Itoa(p.MinSeats)
	}
	if p.MaxSeats > 0 {
		d.maxSeats = strconv.Itoa(p.MaxSeats)
	}
	fixed := len(p.Observations) > 0
	price := newPriceDraft(model.PricePlan{}, today)
	pages := func() []*huh.Group { return d.pages(fixed, creating, len(p.Observations), price) }
	submit := func() tea.Cmd {
		plan := d.plan()
		err := d.problem()
		if creating && err == nil {
			var o model.PriceObservation
			if o, err = price.observation(plan.Model, plan.Currency); err == nil {
				plan.Observations = []model.PriceObservation{o}
			}
		}
		return func() tea.Msg {
			if err == nil {
				plan, err = store.SavePlan(ctx, plan)
			}
			if err != nil {
				return savedMsg{err: err}
			}
			verb := "Saved plan "
			if creating {
				verb = "Added plan "
			}
			return savedMsg{status: verb + plan.Name, slug: plan.Competitor, tab: tabPricing, plan: plan.Name}
		}
	}
	title := "New plan for " + product
	if !creating {
		title = "Edit plan " + p.Name + " · " + product
	}
	return newEditor(termtext.Line(title), submit, func() string { return fmt.Sprint(*d, *price) }, pages)
}

// problem is the draft's first problem as a *model.FieldError, checked before saving since
// ctrl+s saves without visiting every field.
func (d *planDraft) problem() error {
	for _, field := range []string{"min_seats", "max_seats"} {
		s := d.minSeats
		if field == "max_seats" {
			s = d.maxSeats
		}
		if err := d.check(field)(s); err != nil {
			return &model.FieldError{Field: field, Msg: err.Error()}
		}
	}
	return d.plan().Validate()
}

// pages are the plan's fields, then for a new plan the page of its first price for the model
// and period chosen.
func (d *planDraft) pages(fixed, creating bool, prices int, price *priceDraft) []*huh.Group {
	fields := []huh.Field{huh.NewInput().Key("name").Title("Name *").DescriptionFunc(limited(fmt.Sprintf("Up to %d characters", model.MaxNameLen), &d.name, model.MaxNameLen), &d.name).Value(&d.name).Validate(d.check("name"))}
	if fixed {
		fields = append(fields, huh.NewNote().Title("Pricing").Description(fmt.Sprintf("%s in %s per %s (fixed: the plan has %d prices recorded)",
			strings.ReplaceAll(d.model, "_", " "), d.currency, d.period, prices)))
	} else {
		var modelOpts []huh.Option[string]
		for _, m := range model.PricingModels {
			modelOpts = append(modelOpts, huh.NewOption(strings.ReplaceAll(string(m), "_", " "), string(m)))
		}
		fields = append(fields,
			huh.NewSelect[string]().Key("model").Title("Pricing model").Options(modelOpts...).Value(&d.model).Filtering(false),
			huh.NewInput().Key("currency").Title("Currency *").Description("ISO 4217 code, e.g. USD, EUR, GBP").Value(&d.currency).Validate(d.check("currency")),
			huh.NewSelect[string]().Key("period").Title("Price quoted per").Options(huh.NewOption("month", "month"), huh.NewOption("year", "year")).Value(&d.period).Filtering(false))
	}
	fields = append(fields,
		huh.NewInput().Key("unit").Title("Unit").Description("What one unit is: agent, seat, 1k tickets…").Value(&d.unit).Validate(d.check("unit")),
		huh.NewInput().Key("min_seats").Title("Minimum seats").Description("Leave empty for none").Value(&d.minSeats).Validate(d.check("min_seats")),
		huh.NewInput().Key("max_seats").Title("Maximum seats").Description("Leave empty for no cap").Value(&d.maxSeats).Validate(d.check("max_seats")),
		huh.NewConfirm().Key("add_on").Title("Add-on?").Description("Bought on top of a base plan; the calculator never picks it").Value(&d.addOn),
		huh.NewText().Key("included").Title("Included").Description("What the plan includes").Lines(3).Editor(editorCommand()...).Value(&d.included).Validate(d.check("included")),
		huh.NewInput().Key("source").Title("Pricing page URL").Value(&d.src).Validate(d.check("source")))
	groups := []*huh.Group{huh.NewGroup(fields...)}
	if creating {
		// The first price: one page per pricing model, shown for the model chosen above.
		check := priceCheck(price, d.plan)
		for _, m := range model.PricingModels {
			if m == model.ModelContactSales {
				continue
			}
			for _, period := range model.Periods {
				g := huh.NewGroup(price.fields(m, "", "", period, check)...).Title("First price").
					WithHideFunc(func() bool { return d.model != string(m) || d.period != string(period) })
				groups = append(groups, g)
			}
		}
	}
	return groups
}

// deletePlanCmd deletes a plan and its history.
func deletePlanCmd(ctx context.Context, store *db.Store, p model.PricePlan) tea.Cmd {
	return func() tea.Msg {
		if err := store.DeletePlan(ctx, p.ID); err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: "Deleted plan " + p.Name, slug: p.Competitor, tab: tabPricing}
	}
}

// newPlanMsg asks for the form of a new plan of a competitor, with its first price.
type newPlanMsg struct{ slug string }

func (a newPlanMsg) start(m *Model) tea.Cmd {
	name := m.data.profile(a.slug).competitor.Name
	return m.showForm(planForm(m.ctx, m.store, model.PricePlan{Competitor: a.slug}, true, name, model.DateOf(m.opts.Now())))
}

// editPlanMsg asks for the form describing a plan.
type editPlanMsg struct{ plan model.PricePlan }

func (a editPlanMsg) start(m *Model) tea.Cmd {
	name := m.data.profile(a.plan.Competitor).competitor.Name
	return m.showForm(planForm(m.ctx, m.store, a.plan, false, name, model.DateOf(m.opts.Now())))
}

// recordPriceMsg asks for the form recording a price change on a plan.
type recordPriceMsg struct{ plan model.PricePlan }

func (a recordPriceMsg) start(m *Model) tea.Cmd {
	name := m.data.profile(a.plan.Competitor).competitor.Name
	return m.showForm(recordPriceForm(m.ctx, m.store, a.plan, name, model.DateOf(m.opts.Now())))
}

// deletePlanMsg asks to delete a plan and its history, once the user says yes.
type deletePlanMsg struct{ plan model.PricePlan }

func (a deletePlanMsg) start(m *Model) tea.Cmd {
	ctx, store, pl := m.ctx, m.store, a.plan
	name := m.data.profile(pl.Competitor).competitor.Name
	m.ask(newConfirm(fmt.Sprintf("Delete the plan %s of %s and its %d recorded prices?", termtext.Line(pl.Name), termtext.Line(name), len(pl.Observations)),
		func() tea.Cmd { return deletePlanCmd(ctx, store, pl) }))
	return nil
}

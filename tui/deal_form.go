package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// dealDraft holds the typed fields of a deal while the user logs or edits it.
type dealDraft struct {
	base                      model.Deal
	outcome, primary, date    string
	amount, currency          string
	others, reasons           []string
	newReasons, primaryReason string
	account, segment, region  string
	quote, notes, source      string
	knownCodes                map[string]bool
	today                     model.Date
}

// newCodes are the reason codes typed in "new reasons" that the catalog does not have yet,
// with labels made from the codes ("product_gap" → "Product gap").
func (d *dealDraft) newCodes() []model.ReasonCode {
	var out []model.ReasonCode
	for _, c := range splitList(d.newReasons) {
		code := model.ReasonCodeOf(c)
		if code == "" || d.knownCodes[code] || slices.ContainsFunc(out, func(r model.ReasonCode) bool { return r.Code == code }) {
			continue
		}
		out = append(out, model.ReasonCode{Code: code, Label: model.ReasonLabelOf(c)})
	}
	return out
}

// allReasons lists the chosen reason codes, existing first, then the new ones.
func (d *dealDraft) allReasons() []string {
	// Keep the order the deal had: the list shows codes alphabetically.
	var out []string
	for _, r := range d.base.Reasons {
		if slices.Contains(d.reasons, r) {
			out = append(out, r)
		}
	}
	for _, r := range d.reasons {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	for _, r := range d.newCodes() {
		out = append(out, r.Code)
	}
	for _, r := range splitList(d.newReasons) {
		if code := model.ReasonCodeOf(r); d.knownCodes[code] && !slices.Contains(out, code) {
			out = append(out, code) // typed a code that exists: use it
		}
	}
	return out
}

// deal builds the deal the draft describes, or the first problem with a typed field as a
// *model.FieldError named as the catalog names the field.
func (d *dealDraft) deal() (model.Deal, error) {
	deal := d.base
	var err error
	if deal.ClosedAt, err = model.ParseDate(strings.TrimSpace(d.date)); err != nil {
		return deal, &model.FieldError{Field: "closed_at", Msg: err.Error()}
	}
	if err := model.CheckNotFuture("closed_at", deal.ClosedAt, d.today); err != nil {
		return deal, err
	}
	deal.Outcome = model.Outcome(d.outcome)
	deal.Competitors = []string{d.primary}
	for _, o := range d.others {
		if o != d.primary {
			deal.Competitors = append(deal.Competitors, o)
		}
	}
	deal.Currency, deal.Amount = "", 0
	if a := strings.TrimSpace(d.amount); a != "" {
		deal.Currency = strings.ToUpper(strings.TrimSpace(d.currency))
		if !model.ValidCurrency(deal.Currency) {
			return deal, &model.FieldError{Field: "currency", Msg: fmt.Sprintf("%q is not an ISO 4217 code", d.currency)}
		}
		if deal.Amount, err = model.ParseAmount(a, deal.Currency); err != nil {
			return deal, &model.FieldError{Field: "amount", Msg: err.Error()}
		}
	}
	deal.Reasons = d.allReasons()
	deal.PrimaryReason = d.primaryReason
	if !slices.Contains(deal.Reasons, deal.PrimaryReason) {
		deal.PrimaryReason = ""
		if len(deal.Reasons) > 0 {
			deal.PrimaryReason = deal.Reasons[0]
		}
	}
	deal.Account, deal.Segment, deal.Region = d.account, d.segment, d.region
	deal.Quote, deal.Notes, deal.Source = d.quote, d.notes, d.source
	deal.Normalize()
	check := deal
	if check.Ref == "" {
		check.Ref = "new" // the store gives a new deal its ref
	}
	return deal, check.Validate()
}

// check reports the problem of one field, by the catalog's name for it.
func (d *dealDraft) check(field string) func(string) error {
	return func(string) error {
		_, err := d.deal()
		if err == nil {
			return nil
		}
		if f, msg := problemField(err); f == field {
			return errors.New(msg)
		}
		return nil
	}
}

// reasonOptions lists the reason codes most used first (then by label), so the usual reasons
// are a keystroke away; filtering narrows them as the user types.
func reasonOptions(data catalogView) []huh.Option[string] {
	codes := make([]string, 0, len(data.reasons))
	for code := range data.reasons {
		codes = append(codes, code)
	}
	slices.SortFunc(codes, func(a, b string) int {
		if ua, ub := data.reasonUses[a], data.reasonUses[b]; ua != ub {
			return ub - ua
		}
		if c := strings.Compare(strings.ToLower(data.reasons[a]), strings.ToLower(data.reasons[b])); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	opts := make([]huh.Option[string], len(codes))
	for i, code := range codes {
		opts[i] = huh.NewOption(termtext.Line(data.reasons[code]), code)
	}
	return opts
}

// dealForm logs a new deal (d.ID == 0) or edits d. competitor preselects the primary
// competitor of a new deal; today is its default date. The first page asks what a loss needs
// in as few keys as possible: outcome, competitor, amount, reasons; ctrl+s saves from there.
func dealForm(ctx context.Context, store *db.Store, d model.Deal, data catalogView, today model.Date, homeCurrency string) *editor {
	dr := &dealDraft{base: d, outcome: string(d.Outcome), primary: d.PrimaryCompetitor(), date: d.ClosedAt.String(),
		currency: d.Currency, reasons: slices.Clone(d.Reasons), primaryReason: d.PrimaryReason, account: d.Account,
		segment: d.Segment, region: d.Region, quote: d.Quote, notes: d.Notes, source: d.Source, knownCodes: map[string]bool{},
		today: today}
	creating := d.ID == 0
	if creating {
		dr.outcome, dr.date, dr.currency = string(model.OutcomeLost), today.String(), homeCurrency
	}
	if d.Amount > 0 {
		dr.amount = plainAmount(d.Amount, d.Currency)
	}
	if len(d.Competitors) > 1 {
		dr.others = slices.Clone(d.Competitors[1:])
	}
	for code := range data.reasons {
		dr.knownCodes[code] = true
	}
	pages := func() []*huh.Group {
		var compOpts, otherOpts []huh.Option[string]
		for _, c := range data.competitors {
			if c.IsSelf {
				continue
			}
			compOpts = append(compOpts, huh.NewOption(termtext.Line(c.Name), c.Slug))
			otherOpts = append(otherOpts, huh.NewOption(termtext.Line(c.Name), c.Slug))
		}
		outcomeOpts := []huh.Option[string]{huh.NewOption("lost", "lost"), huh.NewOption("won", "won"), huh.NewOption("no decision", "no_decision")}
		sourceOpts := []huh.Option[string]{huh.NewOption("not given", "")}
		for _, s := range model.DealSources {
			sourceOpts = append(sourceOpts, huh.NewOption(s, s))
		}
		essentials := huh.NewGroup(
			huh.NewSelect[string]().Key("outcome").Title("Outcome").Options(outcomeOpts...).Value(&dr.outcome).Inline(true),
			huh.NewSelect[string]().Key("competitors").Title("Against *").Description("The primary competitor; / filters").Options(compOpts...).Value(&dr.primary).Height(6),
			huh.NewInput().Key("amount").Title("Amount").Description("Annual contract value, e.g. 24000 (optional)").Value(&dr.amount).Validate(dr.check("amount")),
			huh.NewMultiSelect[string]().Key("reasons").Title("Reasons").Description("space ticks; most used first; type to filter").Options(reasonOptions(data)...).Value(&dr.reasons).Height(8),
			huh.NewInput().Key("closed_at").Title("Closed on *").Description("YYYY-MM-DD, not after today").Value(&dr.date).Validate(dr.check("closed_at")),
			huh.NewInput().Key("currency").Title("Currency").Value(&dr.currency).Validate(dr.check("currency")),
			huh.NewInput().Key("new reasons").Title("New reasons").Description("Comma-separated, for reasons not in the list").Value(&dr.newReasons),
			huh.NewSelect[string]().Key("primary_reason").Title("Primary reason").OptionsFunc(func() []huh.Option[string] {
				var opts []huh.Option[string]
				fresh := map[string]string{}
				for _, r := range dr.newCodes() {
					fresh[r.Code] = r.Label
				}
				for _, code := range dr.allReasons() {
					label := data.reasonLabel(code)
					if l, ok := fresh[code]; ok {
						label = l
					}
					opts = append(opts, huh.NewOption(termtext.Line(label), code))
				}
				if len(opts) == 0 {
					opts = append(opts, huh.NewOption("no reasons ticked", ""))
				}
				return opts
			}, []any{&dr.reasons, &dr.newReasons}).Value(&dr.primaryReason).Height(4),
		)
		details := huh.NewGroup(
			huh.NewInput().Key("account").Title("Account").DescriptionFunc(limited("The customer", &dr.account, model.MaxNameLen), &dr.account).Value(&dr.account).Validate(dr.check("account")),
			huh.NewInput().Key("segment").Title("Segment").Suggestions(data.segments).Value(&dr.segment).Validate(dr.check("segment")),
			huh.NewInput().Key("region").Title("Region").Suggestions(data.regions).Value(&dr.region).Validate(dr.check("region")),
			huh.NewMultiSelect[string]().Key("also against").Title("Also against").Description("Other competitors in the deal; type to filter").Options(otherOpts...).Value(&dr.others).Height(5),
			huh.NewText().Key("quote").Title("Quote").Description("The buyer's words").Lines(2).Value(&dr.quote).Validate(dr.check("quote")),
			huh.NewText().Key("notes").Title("Notes").Lines(2).Editor(editorCommand()...).Value(&dr.notes).Validate(dr.check("notes")),
			huh.NewSelect[string]().Key("source").Title("Source").Options(sourceOpts...).Value(&dr.source).Inline(true),
		).Title("Details (optional)")
		return []*huh.Group{essentials, details}
	}
	submit := func() tea.Cmd {
		deal, err := dr.deal()
		codes := dr.newCodes()
		return func() tea.Msg {
			if err == nil {
				deal, err = store.SaveDeal(ctx, deal, codes)
			}
			if err != nil {
				return savedMsg{err: err}
			}
			name := data.profile(deal.PrimaryCompetitor()).competitor.Name
			verb := "Logged"
			if !creating {
				verb = "Saved"
			}
			return savedMsg{status: fmt.Sprintf("%s %s deal %s against %s", verb, strings.ReplaceAll(string(deal.Outcome), "_", " "), deal.Ref, name),
				slug: deal.PrimaryCompetitor(), tab: -1}
		}
	}
	title := "Log a deal"
	if !creating {
		title = "Edit deal " + termtext.Line(d.Ref)
	}
	return newEditor(title, submit, func() string { return fmt.Sprint(*dr) }, pages)
}

// deleteDealCmd deletes a deal.
func deleteDealCmd(ctx context.Context, store *db.Store, d model.Deal) tea.Cmd {
	return func() tea.Msg {
		if err := store.DeleteDeal(ctx, d.ID); err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: "Deleted deal " + d.Ref, slug: d.PrimaryCompetitor(), tab: tabWinLoss}
	}
}

// logDealMsg asks for the form of a new deal, against a competitor unless slug is empty or
// our own product.
type logDealMsg struct{ slug string }

func (a logDealMsg) start(m *Model) tea.Cmd {
	deal := model.Deal{}
	if a.slug != "" && !m.data.profile(a.slug).competitor.IsSelf {
		deal.Competitors = []string{a.slug}
	}
	return m.showForm(dealForm(m.ctx, m.store, deal, m.data, model.DateOf(m.opts.Now()), m.data.homeCurrency()))
}

// editDealMsg asks for the form of a deal.
type editDealMsg struct{ deal model.Deal }

func (a editDealMsg) start(m *Model) tea.Cmd {
	return m.showForm(dealForm(m.ctx, m.store, a.deal, m.data, model.DateOf(m.opts.Now()), m.data.homeCurrency()))
}

// deleteDealMsg asks to delete a deal, once the user says yes.
type deleteDealMsg struct{ deal model.Deal }

func (a deleteDealMsg) start(m *Model) tea.Cmd {
	ctx, store, d := m.ctx, m.store, a.deal
	m.ask(newConfirm(fmt.Sprintf("Delete the %s deal %s (%s, %s)?", strings.ReplaceAll(string(d.Outcome), "_", " "), termtext.Line(d.Ref), termtext.Line(d.Account), d.ClosedAt),
		func() tea.Cmd { return deleteDealCmd(ctx, store, d) }))
	return nil
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// stringList collects a flag that may be given more than once: --competitor a --competitor b.
type stringList []string

// String lists the values given so far, for flag.Value.
func (l *stringList) String() string { return strings.Join(*l, ", ") }

// Set adds one more value, for flag.Value.
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// dealFlags are the flags of rivals deal add, as typed.
type dealFlags struct {
	outcome, date, amount, currency, primary string
	account, segment, region, quote, notes   string
	source, ref                              string
	competitors, reasons                     stringList
	newReason                                bool
}

func setupDealAdd(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	var f dealFlags
	fs.StringVar(&f.outcome, "outcome", "", "how the deal ended: won, lost or no_decision (required)")
	fs.Var(&f.competitors, "competitor", "a competitor faced (slug, name or unique fuzzy match); repeat for more, the first is the primary")
	fs.StringVar(&f.amount, "amount", "", "deal value in --currency, e.g. 12000 or 12000.50")
	fs.StringVar(&f.currency, "currency", "", "ISO 4217 code of --amount, e.g. USD")
	fs.Var(&f.reasons, "reason", "a reason code (see rivals reasons); repeat or separate with commas")
	fs.StringVar(&f.primary, "primary-reason", "", "the reason that decided the deal (default: the first --reason)")
	fs.StringVar(&f.date, "date", "", "close date, YYYY-MM-DD (default today)")
	fs.StringVar(&f.account, "account", "", "the buyer")
	fs.StringVar(&f.segment, "segment", "", "market segment, e.g. mid-market")
	fs.StringVar(&f.region, "region", "", "region, e.g. EMEA")
	fs.StringVar(&f.quote, "quote", "", "what the buyer said, in their words")
	fs.StringVar(&f.notes, "notes", "", "anything else worth keeping")
	fs.StringVar(&f.source, "source", "", "where this record comes from: "+strings.Join(model.DealSources, ", "))
	fs.StringVar(&f.ref, "ref", "", "the deal's ref, e.g. a CRM opportunity id (default D-DATE-N)")
	fs.BoolVar(&f.newReason, "new-reason", false, "create --reason codes that do not exist yet")
	return func(ctx context.Context, _ []string) error {
		d, err := f.deal(model.DateOf(a.now()))
		if err != nil {
			return err
		}
		// Logging a deal is a write, like fx set: the database is created on first use.
		store, cleanup, err := a.openForWriting(ctx, createIfMissing)
		if err != nil {
			return err
		}
		defer cleanup()
		comps, err := store.Competitors(ctx)
		if err != nil {
			return err
		}
		names := make(map[string]string, len(comps))
		for _, name := range f.competitors {
			c, err := search.ResolveCompetitor(name, comps)
			if err != nil {
				return fmt.Errorf("--competitor: %w", err)
			}
			if c.IsSelf {
				return usagef("--competitor: %s is our own product", termtext.Line(c.Name))
			}
			if names[c.Slug] != "" {
				return usagef("--competitor: %s is named twice", c.Slug)
			}
			names[c.Slug] = c.Name
			d.Competitors = append(d.Competitors, c.Slug)
		}
		codes, err := store.ReasonCodes(ctx)
		if err != nil {
			return err
		}
		newCodes, err := f.resolveReasons(&d, codes)
		if err != nil {
			return err
		}
		check := d
		if check.Ref == "" {
			check.Ref = "D-" + d.ClosedAt.String() + "-1" // generated on save
		}
		check.Normalize()
		if err := check.Validate(); err != nil {
			return dealFlagError(err)
		}
		saved, err := store.SaveDeal(ctx, d, newCodes)
		if err != nil {
			return dealFlagError(err)
		}
		msg := fmt.Sprintf("logged %s deal %s against %s", outcomeWord(saved.Outcome), termtext.Line(saved.Ref), nameList(saved.Competitors, names))
		if len(saved.Reasons) > 0 {
			msg += " (reasons: " + strings.Join(saved.Reasons, ", ") + ")"
		}
		fmt.Fprintln(a.stdout, msg)
		for _, r := range newCodes {
			fmt.Fprintf(a.stdout, "new reason code %s, labelled %q (change it with rivals reasons rename %s LABEL)\n", r.Code, r.Label, r.Code)
		}
		return nil
	}
}

// deal checks the flags that need no database and builds the deal from them; competitors and
// reasons are resolved against the catalog later. Every problem is a usage error naming its flag.
func (f *dealFlags) deal(today model.Date) (model.Deal, error) {
	d := model.Deal{Ref: f.ref, Account: f.account, Segment: f.segment, Region: f.region,
		Quote: f.quote, Notes: f.notes, Source: strings.ToLower(strings.TrimSpace(f.source))}
	outcome := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(f.outcome)))
	switch {
	case outcome == "":
		return d, usagef("--outcome is required: won, lost or no_decision")
	case !slices.Contains(model.Outcomes, model.Outcome(outcome)):
		return d, usagef("--outcome: %q must be one of won, lost, no_decision", f.outcome)
	}
	d.Outcome = model.Outcome(outcome)
	if len(f.competitors) == 0 {
		return d, usagef("--competitor is required (repeat it for each competitor the deal was against)")
	}
	d.ClosedAt = today
	if f.date != "" {
		day, err := model.ParseDate(strings.TrimSpace(f.date))
		if err != nil {
			return d, usagef("--date: %s", err)
		}
		if err := model.CheckNotFuture("closed_at", day, today); err != nil {
			return d, usagef("--date: %s", fieldMsg(err))
		}
		d.ClosedAt = day
	}
	currency := strings.ToUpper(strings.TrimSpace(f.currency))
	switch {
	case f.amount == "" && currency != "":
		return d, usagef("--currency needs --amount")
	case f.amount == "":
	case currency == "":
		return d, usagef("--amount needs --currency, e.g. --currency USD")
	case !model.ValidCurrency(currency):
		return d, usagef("--currency: %q is not an ISO 4217 currency code", currency)
	default:
		minor, err := model.ParseAmount(f.amount, currency)
		if err != nil {
			return d, usagef("--amount: %s", err)
		}
		d.Amount, d.Currency = minor, currency
	}
	return d, nil
}

// resolveReasons turns the --reason and --primary-reason values into codes of the managed
// list, matched by code or label in any case. With --new-reason, codes not in the list are
// returned as new codes to create, labelled from the code ("product_gap" → "Product gap").
func (f *dealFlags) resolveReasons(d *model.Deal, codes []model.ReasonCode) ([]model.ReasonCode, error) {
	known := make([]string, len(codes))
	for i, r := range codes {
		known[i] = r.Code
	}
	lookup := func(v string) (string, bool) {
		for _, r := range codes {
			if r.Code == v || strings.EqualFold(r.Code, v) || strings.EqualFold(r.Label, v) {
				return r.Code, true
			}
		}
		return "", false
	}
	var newCodes []model.ReasonCode
	for _, arg := range f.reasons {
		for v := range strings.SplitSeq(arg, ",") {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			code, ok := lookup(v)
			switch {
			case ok:
			case f.newReason:
				r := model.ReasonCode{Code: strings.ToLower(v), Label: model.ReasonLabelOf(strings.ToLower(v))}
				if err := r.Validate(); err != nil {
					var fe *model.FieldError
					if errors.As(err, &fe) {
						return nil, usagef("--reason: %s", fe.Msg)
					}
					return nil, err
				}
				code = r.Code
				if !slices.ContainsFunc(newCodes, func(n model.ReasonCode) bool { return n.Code == code }) {
					newCodes = append(newCodes, r)
				}
			default:
				msg := fmt.Sprintf("--reason: unknown reason code %q", v)
				if near := search.Closest(v, known, 3); len(near) > 0 {
					msg += " (closest: " + strings.Join(near, ", ") + ")"
				}
				return nil, usagef("%s; add --new-reason to create it", msg)
			}
			d.Reasons = append(d.Reasons, code)
		}
	}
	if len(d.Reasons) > 0 {
		d.PrimaryReason = d.Reasons[0]
	}
	if p := strings.TrimSpace(f.primary); p != "" {
		code, ok := lookup(p)
		if !ok {
			code = strings.ToLower(p)
		}
		if !slices.Contains(d.Reasons, code) {
			return nil, usagef("--primary-reason: %q is not one of the --reason codes", p)
		}
		d.PrimaryReason = code
	}
	return newCodes, nil
}

// dealFlagError turns a validation error about a deal field into a usage error about the flag
// that set it: "closed_at" is --date, "competitors[1]" is --competitor.
func dealFlagError(err error) error {
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field == "" {
		return err
	}
	field, _, _ := strings.Cut(fe.Field, "[")
	flagName := map[string]string{"closed_at": "date", "competitors": "competitor", "reasons": "reason",
		"primary_reason": "primary-reason", "code": "reason", "label": "reason"}[field]
	if flagName == "" {
		flagName = field
	}
	return usagef("--%s: %s", flagName, fe.Msg)
}

// outcomeWord names an outcome in a sentence: "lost", "no-decision".
func outcomeWord(o model.Outcome) string {
	return strings.ReplaceAll(string(o), "_", "-")
}

// nameList joins the names of competitors: "Harborline", "Harborline and Replyfox".
func nameList(slugs []string, names map[string]string) string {
	out := make([]string, len(slugs))
	for i, s := range slugs {
		out[i] = s
		if n := names[s]; n != "" {
			out[i] = termtext.Line(n)
		}
	}
	if len(out) < 2 {
		return strings.Join(out, "")
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

func setupDealDelete(a *app, _ *flag.FlagSet) func(context.Context, []string) error {
	return func(ctx context.Context, args []string) error {
		store, cleanup, err := a.openForWriting(ctx, readOnly)
		if err != nil {
			return err
		}
		defer cleanup()
		comps, err := store.Competitors(ctx)
		if err != nil {
			return err
		}
		deals, err := store.Deals(ctx, db.DealFilter{})
		if err != nil {
			return err
		}
		ref := strings.TrimSpace(args[0])
		i := slices.IndexFunc(deals, func(d model.Deal) bool { return d.Ref == ref })
		if i < 0 {
			refs := make([]string, len(deals))
			for j, d := range deals {
				refs[j] = d.Ref
			}
			msg := fmt.Sprintf("no deal with ref %q", ref)
			if near := search.Closest(ref, refs, 3); len(near) > 0 {
				msg += " (closest: " + termtext.Line(strings.Join(near, ", ")) + ")"
			}
			return errors.New(msg)
		}
		d := deals[i]
		if err := store.DeleteDeal(ctx, d.ID); err != nil {
			return err
		}
		names := make(map[string]string, len(comps))
		for _, c := range comps {
			names[c.Slug] = c.Name
		}
		fmt.Fprintf(a.stdout, "deleted %s deal %s against %s, closed %s\n", outcomeWord(d.Outcome), termtext.Line(d.Ref),
			nameList(d.Competitors, names), d.ClosedAt)
		return nil
	}
}

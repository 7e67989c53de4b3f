package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"strings"

	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/model"
)

func setupPrice(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	seats := fs.Int("seats", model.DefaultSeats, "seats (agents, users) to price (default 25)")
	period := fs.String("period", string(model.PeriodYear), "billing: month, or year paid up front, which earns annual discounts (default year)")
	usage := fs.Int64("usage", 0, "monthly volume for usage and tiered plans, counted in --unit")
	unit := fs.String("unit", "", "what --usage counts: tickets, 1k tickets, AI resolutions… (default: what most of the plans count); plans counting something else are not comparable")
	currency := fs.String("currency", "", "currency to compare in (default: our product's)")
	asJSON := fs.Bool("json", false, "print JSON")
	return func(ctx context.Context, args []string) error {
		in := model.QuoteInput{
			Seats:     *seats,
			Billing:   model.Period(*period),
			Usage:     *usage,
			UsageUnit: strings.TrimSpace(*unit),
			Currency:  strings.ToUpper(strings.TrimSpace(*currency)),
		}
		if err := in.Validate(); err != nil {
			return flagError(err)
		}
		snap, comps, cleanup, err := a.openCompetitors(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		products, err := resolveProducts(args, comps)
		if err != nil {
			return err
		}
		all, err := snap.Plans(ctx, "")
		if err != nil {
			return err
		}
		plans := map[string][]model.PricePlan{}
		for _, p := range all {
			plans[p.Competitor] = append(plans[p.Competitor], p)
		}
		rates, err := snap.Rates(ctx)
		if err != nil {
			return err
		}
		q := model.QuoteProducts(products, plans, in, rates)
		if *asJSON {
			for i := range q.Products {
				if q.Products[i].Plans == nil {
					q.Products[i].Plans = []model.PlanQuote{}
				}
			}
			return writeJSON(a.stdout, q)
		}
		bw := bufio.NewWriter(a.stdout)
		if err := report.PriceTable(bw, q); err != nil {
			return err
		}
		return bw.Flush()
	}
}

// resolveProducts turns NAMEs into the products to price, our own always among them: every
// difference is measured against us.
func resolveProducts(names []string, comps []model.Competitor) ([]model.Competitor, error) {
	var products []model.Competitor
	seen := map[string]bool{}
	for _, name := range names {
		c, err := search.ResolveCompetitor(name, comps)
		if err != nil {
			return nil, err
		}
		if seen[c.Slug] {
			return nil, usagef("%s is named twice", c.Slug)
		}
		seen[c.Slug] = true
		products = append(products, c)
	}
	for _, c := range comps {
		if c.IsSelf && !seen[c.Slug] {
			products = append([]model.Competitor{c}, products...)
		}
	}
	return products, nil
}

// flagError turns a validation error about a field into a usage error about the flag of the
// same name: "--seats: must be at least 1 (got -5)".
// fieldMsg is the message of a model's field problem, without the catalog's field name
// (the command line names its flag instead).
func fieldMsg(err error) string {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}

func flagError(err error) error {
	var fe *model.FieldError
	if errors.As(err, &fe) && fe.Field != "" {
		return usagef("--%s: %s", fe.Field, fe.Msg)
	}
	return usagef("%s", err)
}

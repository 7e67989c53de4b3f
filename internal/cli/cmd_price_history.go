package cli

import (
	"context"
	"flag"

	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/model"
)

func setupPriceHistory(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	asJSON := fs.Bool("json", false, "print JSON: the plans with their observations")
	return func(ctx context.Context, args []string) error {
		snap, comps, cleanup, err := a.openCompetitors(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		c, err := search.ResolveCompetitor(args[0], comps)
		if err != nil {
			return err
		}
		plans, err := snap.Plans(ctx, c.Slug)
		if err != nil {
			return err
		}
		if *asJSON {
			if plans == nil {
				plans = []model.PricePlan{}
			}
			return writeJSON(a.stdout, plans)
		}
		return report.PriceHistoryText(a.stdout, report.NewPriceHistory(c, plans, model.DateOf(a.now())))
	}
}

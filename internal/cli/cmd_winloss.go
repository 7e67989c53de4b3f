package cli

import (
	"bufio"
	"context"
	"flag"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/model"
)

func setupWinLoss(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	competitor := fs.String("competitor", "", "only deals against this competitor (slug, name or a unique fuzzy match)")
	since := fs.String("since", "", "only deals closed on or after this day, YYYY-MM-DD")
	until := fs.String("until", "", "only deals closed on or before this day, YYYY-MM-DD")
	segment := fs.String("segment", "", "only deals of this segment (any case)")
	region := fs.String("region", "", "only deals of this region (any case)")
	dealType := fs.String("type", "", "only deals of this type: new, expansion, renewal or churn")
	by := fs.String("by", "", "group by competitor, quarter, segment, region, reason or type (default competitor, or quarter with --competitor)")
	asJSON := fs.Bool("json", false, "print JSON")
	asCSV := fs.Bool("csv", false, "print the groups as CSV")
	return func(ctx context.Context, _ []string) error {
		if *asJSON && *asCSV {
			return usagef("--json and --csv cannot be used together")
		}
		q, err := parseDealQuery(*since, *until, *segment, *region)
		if err != nil {
			return err
		}
		if *dealType != "" {
			t := model.DealType(strings.ToLower(strings.TrimSpace(*dealType)))
			if !slices.Contains(model.DealTypes, t) {
				return usagef("--type %q must be one of new, expansion, renewal, churn", *dealType)
			}
			q.Type = t
		}
		dim, err := parseDimension(*by, *competitor != "")
		if err != nil {
			return err
		}
		snap, comps, cleanup, err := a.openCompetitors(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		if *competitor != "" {
			c, err := search.ResolveCompetitor(*competitor, comps)
			if err != nil {
				return err
			}
			q.Competitor = c.Slug
		}
		codes, err := snap.ReasonCodes(ctx)
		if err != nil {
			return err
		}
		names := make(map[string]string, len(comps))
		for _, c := range comps {
			names[c.Slug] = c.Name
		}
		labels := make(map[string]string, len(codes))
		for _, r := range codes {
			labels[r.Code] = r.Label
		}
		r, err := winLossReport(ctx, snap, q, dim, names, labels)
		if err != nil {
			return err
		}
		r.Today = model.DateOf(a.now())
		bw := bufio.NewWriter(a.stdout)
		switch {
		case *asJSON:
			err = report.WinLossJSON(bw, r)
		case *asCSV:
			err = report.WinLossCSV(bw, r)
		default:
			bars := report.UnicodeBars
			if !a.unicode() {
				bars = report.ASCIIBars
			}
			err = report.WinLossText(bw, r, bars)
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	}
}

// parseDealQuery checks the filters of rivals winloss; every problem is a usage error naming
// its flag.
func parseDealQuery(since, until, segment, region string) (model.DealQuery, error) {
	q := model.DealQuery{Segment: strings.TrimSpace(segment), Region: strings.TrimSpace(region)}
	var err error
	if q.Since, err = model.ParseDate(strings.TrimSpace(since)); err != nil {
		return q, usagef("--since: %s", err)
	}
	if q.Until, err = model.ParseDate(strings.TrimSpace(until)); err != nil {
		return q, usagef("--until: %s", err)
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Until.Before(q.Since) {
		return q, usagef("--since %s is after --until %s", q.Since, q.Until)
	}
	return q, nil
}

// parseDimension checks --by. Without it, deals are grouped by competitor, or by quarter when
// one competitor is selected (a single row would say nothing the overall line does not).
func parseDimension(by string, oneCompetitor bool) (model.Dimension, error) {
	by = strings.ToLower(strings.TrimSpace(by))
	if by == "" {
		if oneCompetitor {
			return model.ByQuarter, nil
		}
		return model.ByCompetitor, nil
	}
	if !slices.Contains(model.Dimensions, model.Dimension(by)) {
		var names []string
		for _, d := range model.Dimensions {
			names = append(names, string(d))
		}
		return "", usagef("--by: %q must be one of %s", by, strings.Join(names, ", "))
	}
	return model.Dimension(by), nil
}

// winLossReport analyses the deals q selects, reading as little as the query allows: the
// store's tallies when they cover it, one competitor's deals when it names one, else every deal.
func winLossReport(ctx context.Context, snap *db.Snapshot, q model.DealQuery, by model.Dimension, names, labels map[string]string) (report.WinLoss, error) {
	if db.CountsWinLoss(q, by) {
		c, err := snap.DealCounts(ctx, q, by)
		if err != nil {
			return report.WinLoss{}, err
		}
		return report.NewWinLossCounted(c, q, by, names, labels), nil
	}
	deals, err := snap.Deals(ctx, db.DealFilter{Competitor: q.Competitor})
	if err != nil {
		return report.WinLoss{}, err
	}
	return report.NewWinLoss(deals, q, by, names, labels), nil
}

package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/model"
)

// parseWhen reads a point in time given as a day (YYYY-MM-DD, its start in loc) or as a span
// back from now ("30d", "2w", "12h").
func parseWhen(flagName, s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if n, unit := s[:len(s)-1], s[len(s)-1]; strings.ContainsRune("dwh", rune(unit)) {
		if k, err := strconv.Atoi(n); err == nil && k >= 0 {
			span := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour, 'h': time.Hour}[unit]
			return now.Add(-time.Duration(k) * span), nil
		}
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return time.Time{}, usagef("--%s %q is neither a day (YYYY-MM-DD) nor a span like 30d, 2w or 12h", flagName, s)
	}
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, now.Location()), nil
}

func setupChanges(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	since := fs.String("since", "", "only changes made since this day (YYYY-MM-DD) or span (30d, 2w)")
	until := fs.String("until", "", "only changes made before this day (YYYY-MM-DD) or span ago")
	competitor := fs.String("competitor", "", "only changes about this competitor (slug, name or a unique fuzzy match)")
	kind := fs.String("kind", "", "only changes of this kind: "+kindNames())
	limit := fs.Int("limit", 0, "show at most N changes, the newest")
	asJSON := fs.Bool("json", false, "print JSON")
	// --author is the global flag naming who writes; changes only reads, so here it filters.
	return func(ctx context.Context, _ []string) error {
		f, err := a.changeFilter(*since, *until, *kind)
		if err != nil {
			return err
		}
		f.Author, f.Limit = strings.TrimSpace(a.author), max(*limit, 0)
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
			f.Competitor = c.Slug
		}
		changes, err := snap.Changes(ctx, f)
		if err != nil {
			return err
		}
		feats, err := snap.Features(ctx)
		if err != nil {
			return err
		}
		names := report.NewChangeNames(comps, feats)
		bw := bufio.NewWriter(a.stdout)
		if *asJSON {
			err = report.ChangesJSON(bw, changes, names)
		} else {
			err = report.ChangesText(bw, changes, names, a.now().Location())
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	}
}

// kindNames lists the change kinds for help and errors.
func kindNames() string {
	names := make([]string, len(model.ChangeKinds))
	for i, k := range model.ChangeKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// changeFilter reads --since, --until and --kind.
func (a *app) changeFilter(since, until, kind string) (model.ChangeFilter, error) {
	var f model.ChangeFilter
	var err error
	now := a.now()
	if f.Since, err = parseWhen("since", since, now); err != nil {
		return f, err
	}
	if f.Until, err = parseWhen("until", until, now); err != nil {
		return f, err
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return f, usagef("--since %s is not before --until %s", since, until)
	}
	if kind = strings.ToLower(strings.TrimSpace(kind)); kind != "" {
		if !slices.Contains(model.ChangeKinds, model.ChangeKind(kind)) {
			return f, usagef("--kind %q must be one of %s", kind, kindNames())
		}
		f.Kind = model.ChangeKind(kind)
	}
	return f, nil
}

func setupChangesRevert(a *app, _ *flag.FlagSet) func(context.Context, []string) error {
	return func(ctx context.Context, args []string) error {
		id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(args[0]), "#"), 10, 64)
		if err != nil || id <= 0 {
			return usagef("%q is not a change id (the number rivals changes shows after #)", args[0])
		}
		a.source = fmt.Sprintf("changes revert %d", id)
		store, cleanup, err := a.openForWriting(ctx, readOnly)
		if err != nil {
			return err
		}
		defer cleanup()
		last, err := store.LastChangeID(ctx)
		if err != nil {
			return err
		}
		_, err = store.Revert(ctx, id)
		if errors.Is(err, db.ErrNotFound) {
			return fmt.Errorf("there is no change %d (rivals changes lists them)", id)
		}
		if err != nil {
			return err
		}
		changes, err := store.Changes(ctx, model.ChangeFilter{AfterID: last})
		if err != nil {
			return err
		}
		comps, err := store.Competitors(ctx)
		if err != nil {
			return err
		}
		feats, err := store.Features(ctx)
		if err != nil {
			return err
		}
		names := report.NewChangeNames(comps, feats)
		fmt.Fprintf(a.stdout, "Reverted change %d:\n", id)
		for _, ch := range changes {
			fmt.Fprintln(a.stdout, "  "+report.ChangeLine(ch, names, a.now().Location()))
		}
		return nil
	}
}

func setupChangesPrune(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	before := fs.String("before", "", "remove the changes made before this day (YYYY-MM-DD) or span ago (180d); required")
	return func(ctx context.Context, _ []string) error {
		if strings.TrimSpace(*before) == "" {
			return usagef("--before DATE is required: prune never guesses how much history to drop")
		}
		at, err := parseWhen("before", *before, a.now())
		if err != nil {
			return err
		}
		store, cleanup, err := a.openForWriting(ctx, readOnly)
		if err != nil {
			return err
		}
		defer cleanup()
		n, err := store.PruneChanges(ctx, at)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Removed %d changes made before %s from the history; the catalog is unchanged.\n", n, at.Format("2006-01-02 15:04"))
		return nil
	}
}

func setupDigest(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	since := fs.String("since", "7d", "sum up the changes made since this day (YYYY-MM-DD) or span (7d, 30d)")
	format := fs.String("format", "txt", "md, txt or json")
	return func(ctx context.Context, _ []string) error {
		f, err := a.changeFilter(*since, "", "")
		if err != nil {
			return err
		}
		if !slices.Contains([]string{"md", "txt", "json"}, *format) {
			return usagef("--format %q must be md, txt or json", *format)
		}
		snap, comps, cleanup, err := a.openCompetitors(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		changes, err := snap.Changes(ctx, f)
		if err != nil {
			return err
		}
		feats, err := snap.Features(ctx)
		if err != nil {
			return err
		}
		deals, err := snap.Deals(ctx, db.DealFilter{})
		if err != nil {
			return err
		}
		d := report.NewDigest(changes, report.NewChangeNames(comps, feats), deals, f.Since, a.now())
		bw := bufio.NewWriter(a.stdout)
		switch *format {
		case "md":
			err = report.DigestMarkdown(bw, d, a.now().Location())
		case "json":
			err = report.DigestJSON(bw, d)
		default:
			err = report.DigestText(bw, d, a.now().Location())
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	}
}

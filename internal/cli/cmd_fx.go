package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/model"
)

func setupFXSet(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	base := fs.String("base", "USD", "the currency RATE is in (default USD)")
	date := fs.String("date", "", "the day the rate applies from, YYYY-MM-DD (default today)")
	return func(ctx context.Context, args []string) error {
		r, err := parseRate(args[0], args[1], *base, *date, model.DateOf(a.now()))
		if err != nil {
			return err
		}
		// Recording a rate is a write, like import: the database is created on first use.
		store, cleanup, err := a.openForWriting(ctx, createIfMissing)
		if err != nil {
			return err
		}
		defer cleanup()
		if err := store.SetRate(ctx, r); err != nil {
			return err
		}
		rates, err := store.Rates(ctx)
		if err != nil {
			return err
		}
		for _, used := range rates {
			// An older date than the pair's newest rate is kept as history but not used.
			if used.Currency == r.Currency && used.Base == r.Base && used.SetOn != r.SetOn {
				fmt.Fprintf(a.stdout, "recorded %s as history; the rate in use stays %s\n", r, used)
				return nil
			}
		}
		fmt.Fprintln(a.stdout, r)
		return nil
	}
}

// parseRate checks the arguments of rivals fx set; every problem is a usage error.
func parseRate(code, rate, base, date string, today model.Date) (model.FXRate, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	base = strings.ToUpper(strings.TrimSpace(base))
	if !model.ValidCurrency(code) {
		return model.FXRate{}, usagef("CODE: %q is not an ISO 4217 currency code", code)
	}
	if !model.ValidCurrency(base) {
		return model.FXRate{}, usagef("--base: %q is not an ISO 4217 currency code", base)
	}
	micros, err := model.ParseRate(rate)
	if err != nil {
		return model.FXRate{}, usagef("RATE: %s", err)
	}
	day := today
	if date != "" {
		if day, err = model.ParseDate(date); err != nil {
			return model.FXRate{}, usagef("--date: %s", err)
		}
		if err := model.CheckNotFuture("date", day, today); err != nil {
			return model.FXRate{}, usagef("--date: %s", fieldMsg(err))
		}
	}
	r := model.NewFXRate(code, base, micros, day)
	if err := r.Validate(); err != nil {
		return model.FXRate{}, flagError(err)
	}
	return r, nil
}

func setupFXList(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(ctx context.Context, _ []string) error {
		store, cleanup, err := a.openStore(ctx, readOnly)
		if err != nil {
			return err
		}
		defer cleanup()
		rates, err := store.Rates(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if rates == nil {
				rates = model.FXTable{}
			}
			return writeJSON(a.stdout, rates)
		}
		if len(rates) == 0 {
			fmt.Fprintln(a.stdout, "no exchange rates set; add one with: rivals fx set EUR 1.08")
			return nil
		}
		for _, r := range rates {
			fmt.Fprintln(a.stdout, r)
		}
		return nil
	}
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// citedReason is one row of `rivals reasons`: a reason code with how many deals of each outcome
// cite it. Every field is always present in JSON.
type citedReason struct {
	Code        string `json:"code"`
	Label       string `json:"label"`
	Description string `json:"description"`
	model.WinLoss
}

func setupReasons(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(ctx context.Context, _ []string) error {
		snap, cleanup, err := a.openSnapshot(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		codes, err := snap.ReasonCodes(ctx)
		if err != nil {
			return err
		}
		uses, err := snap.ReasonOutcomes(ctx)
		if err != nil {
			return err
		}
		rows := make([]citedReason, 0, len(codes))
		for _, r := range codes {
			rows = append(rows, citedReason{Code: r.Code, Label: r.Label, Description: r.Description, WinLoss: uses[r.Code]})
		}
		if *asJSON {
			return writeJSON(a.stdout, rows)
		}
		if len(rows) == 0 {
			fmt.Fprintln(a.stdout, "no reason codes yet; log a deal with one: rivals deal add ... --reason price --new-reason")
			return nil
		}
		wCode, wLabel := len("CODE"), len("LABEL")
		for _, r := range rows {
			wCode = max(wCode, utf8.RuneCountInString(r.Code))
			wLabel = max(wLabel, utf8.RuneCountInString(termtext.Line(r.Label)))
		}
		var b strings.Builder
		cell := func(s string, w int) string { return s + strings.Repeat(" ", max(0, w-utf8.RuneCountInString(s))) }
		fmt.Fprintf(&b, "%s  %s  WON  LOST  NO DECISION\n", cell("CODE", wCode), cell("LABEL", wLabel))
		for _, r := range rows {
			fmt.Fprintf(&b, "%s  %s  %3d  %4d  %11d\n", cell(r.Code, wCode), cell(termtext.Line(r.Label), wLabel), r.Won, r.Lost, r.NoDecision)
		}
		_, err = io.WriteString(a.stdout, b.String())
		return err
	}
}

func setupReasonsRename(a *app, _ *flag.FlagSet) func(context.Context, []string) error {
	return func(ctx context.Context, args []string) error {
		store, codes, cleanup, err := a.openReasonCodes(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		r, err := findReason(args[0], codes)
		if err != nil {
			return err
		}
		old := r.Label
		r.Label = args[1]
		if err := store.SaveReasonCode(ctx, r); err != nil {
			var fe *model.FieldError
			if errors.As(err, &fe) {
				return usagef("%s: %s", strings.ToUpper(fe.Field), fe.Msg)
			}
			return err
		}
		fmt.Fprintf(a.stdout, "renamed %s: %q → %q\n", r.Code, termtext.Line(old), termtext.Line(strings.TrimSpace(r.Label)))
		return nil
	}
}

func setupReasonsMerge(a *app, _ *flag.FlagSet) func(context.Context, []string) error {
	return func(ctx context.Context, args []string) error {
		store, codes, cleanup, err := a.openReasonCodes(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		from, err := findReason(args[0], codes)
		if err != nil {
			return fmt.Errorf("FROM: %w", err)
		}
		into, err := findReason(args[1], codes)
		if err != nil {
			return fmt.Errorf("INTO: %w", err)
		}
		if from.Code == into.Code {
			return usagef("FROM and INTO are both %s", from.Code)
		}
		n, err := store.MergeReasonCodes(ctx, from.Code, into.Code)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "merged %s into %s (%s): %s changed; %s is no longer a reason code\n",
			from.Code, into.Code, termtext.Line(into.Label), countDeals(n), from.Code)
		return nil
	}
}

// findReason finds a reason code by code or label, in any case; an unknown one is an error
// naming the closest codes.
func findReason(arg string, codes []model.ReasonCode) (model.ReasonCode, error) {
	v := strings.TrimSpace(arg)
	for _, r := range codes {
		if strings.EqualFold(r.Code, v) || strings.EqualFold(r.Label, v) {
			return r, nil
		}
	}
	known := make([]string, len(codes))
	for i, r := range codes {
		known[i] = r.Code
	}
	msg := fmt.Sprintf("no reason code %q", v)
	if near := search.Closest(v, known, 3); len(near) > 0 {
		msg += " (closest: " + strings.Join(near, ", ") + ")"
	}
	return model.ReasonCode{}, errors.New(msg)
}

// countDeals says how many deals: "1 deal", "14 deals".
func countDeals(n int) string {
	if n == 1 {
		return "1 deal"
	}
	return fmt.Sprintf("%d deals", n)
}

// openReasonCodes opens an existing database and lists its reason codes, the start of every
// reasons command that writes (refused at once on a database a check found damaged). cleanup
// closes the store.
func (a *app) openReasonCodes(ctx context.Context) (*db.Store, []model.ReasonCode, func(), error) {
	store, cleanup, err := a.openForWriting(ctx, readOnly)
	if err != nil {
		return nil, nil, nil, err
	}
	codes, err := store.ReasonCodes(ctx)
	if err != nil {
		cleanup()
		return nil, nil, nil, err
	}
	return store, codes, cleanup, nil
}

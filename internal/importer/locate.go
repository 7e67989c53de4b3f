package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// LocateError returns, as a *Problem, the place in the file of a problem with record i of a
// catalog kind (model.KindDeals…) of r.Catalog: the row it came from and the column of the
// field the error names (err is usually a *model.FieldError, as in a db.RecordError).
func (r *Result) LocateError(kind string, i int, err error) error {
	field, msg := "", err.Error()
	var fe *model.FieldError
	if errors.As(err, &fe) {
		field, msg = fe.Field, fe.Msg
	}
	p := r.locate(kind, i, field, msg)
	return &p
}

func (r *Result) locate(kind string, i int, field, msg string) Problem {
	at := r.origins[kind]
	if r.tab == nil || i < 0 || i >= len(at) {
		path := fmt.Sprintf("%s[%d]", kind, i)
		if field != "" {
			path += "." + field
		}
		return Problem{File: r.File, Msg: path + ": " + msg}
	}
	o := at[i]
	if kind == model.KindPlans {
		if k, rest, ok := observationField(field); ok && i < len(r.obs) && k < len(r.obs[i]) {
			o, field = r.obs[i][k], rest
		}
	}
	return r.tab.locate(o, r.column(kind, i, field, o), msg)
}

// observationField splits "observations[2].amount" into 2 and "amount".
func observationField(field string) (int, string, bool) {
	rest, ok := strings.CutPrefix(field, "observations[")
	if !ok {
		return 0, "", false
	}
	num, rest, ok := strings.Cut(rest, "]")
	k, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, "", false
	}
	return k, strings.TrimPrefix(rest, "."), true
}

// column picks the column a field of a record came from (-1: the row as a whole).
func (r *Result) column(kind string, i int, field string, o origin) int {
	base := field
	if j := strings.IndexAny(base, "[."); j >= 0 {
		base = base[:j]
	}
	if o.cell >= 0 && !(kind == model.KindSupport && base == "feature") {
		return o.cell
	}
	c := r.cols
	first := func(fields ...string) int {
		for _, f := range fields {
			if col := c.col(f); col >= 0 {
				return col
			}
		}
		return -1
	}
	switch {
	case base == "feature" || (kind == model.KindFeatures && base == "key"):
		return first("key", "name")
	case kind == model.KindCompetitors && base == "slug":
		return first("slug", "name")
	case kind == model.KindDeals && (base == "reasons" || base == "primary_reason"):
		if r.wonDeal(i) {
			return first("win_reason", "reasons", "primary_reason", "loss_reason")
		}
		return first("loss_reason", "reasons", "primary_reason", "win_reason")
	case base == "currency":
		return first("currency", "amount")
	}
	return c.col(base)
}

// wonDeal reports whether deal i of the whole list was won, kept or handed on.
func (r *Result) wonDeal(i int) bool {
	if j := i - r.dealsFrom; j >= 0 && j < len(r.Catalog.Deals) {
		return r.Catalog.Deals[j].Outcome == model.OutcomeWon
	}
	return i >= 0 && i < len(r.won) && r.won[i]
}

// validate checks every record read, reporting problems at their rows.
func (rd *reader) validate() {
	c := &rd.res.Catalog
	check := func(kind string, n int, v func(i int) error) {
		for i := range n {
			if err := v(i); err != nil {
				rd.res.Errors = append(rd.res.Errors, rd.res.locate(kind, i, fieldOf(err), msgOf(err)))
			}
		}
	}
	check(model.KindCompetitors, len(c.Competitors), func(i int) error { c.Competitors[i].Normalize(); return c.Competitors[i].Validate() })
	check(model.KindFeatures, len(c.Features), func(i int) error { c.Features[i].Normalize(); return c.Features[i].Validate() })
	check(model.KindSupport, len(c.Support), func(i int) error { c.Support[i].Normalize(); return c.Support[i].Validate() })
	check(model.KindPlans, len(c.Plans), func(i int) error { c.Plans[i].Normalize(); return c.Plans[i].Validate() })
	check(model.KindReasonCodes, len(c.ReasonCodes), func(i int) error { c.ReasonCodes[i].Normalize(); return c.ReasonCodes[i].Validate() })
	check(model.KindDeals, len(c.Deals), func(i int) error { c.Deals[i].Normalize(); return c.Deals[i].Validate() })
	check(model.KindNotes, len(c.Notes), func(i int) error { c.Notes[i].Normalize(); return c.Notes[i].Validate() })
}

func fieldOf(err error) string {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

func msgOf(err error) string {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return fe.Msg
	}
	return err.Error()
}

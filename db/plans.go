package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/rivals-app/rivals/model"
)

// Plans returns the pricing plans of one competitor (all competitors when slug is empty) in
// their stored order, each with its full price history oldest first.
func (s *Store) Plans(ctx context.Context, slug string) ([]model.PricePlan, error) {
	return readOne(ctx, s, func(snap *Snapshot) ([]model.PricePlan, error) { return snap.Plans(ctx, slug) })
}

func listPlans(ctx context.Context, q querier, slug string) ([]model.PricePlan, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, c.slug, p.name, p.model, p.currency, p.period, p.unit,
			p.min_seats, p.max_seats, p.add_on, p.included, p.source
		FROM plans p JOIN competitors c ON c.id = p.competitor_id
		`+bySlug(slug)+`
		ORDER BY c.slug, p.position, p.id`, slugArgs(slug)...)
	if err != nil {
		return nil, err
	}
	var out []model.PricePlan
	index := map[int64]int{}
	for rows.Next() {
		var p model.PricePlan
		if err := rows.Scan(&p.ID, &p.Competitor, &p.Name, &p.Model, &p.Currency, &p.Period, &p.Unit,
			&p.MinSeats, &p.MaxSeats, &p.AddOn, &p.Included, &p.Source); err != nil {
			rows.Close()
			return nil, err
		}
		index[p.ID] = len(out)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	obs, err := q.QueryContext(ctx, `SELECT o.plan_id, o.observed_at, o.amount, o.included_units, o.overage_amount,
			o.tiers, o.annual_discount_percent, o.source, o.note, o.unit_decimals
		FROM price_observations o JOIN plans p ON p.id = o.plan_id JOIN competitors c ON c.id = p.competitor_id
		`+bySlug(slug)+`
		ORDER BY o.plan_id, o.observed_at`, slugArgs(slug)...)
	if err != nil {
		return nil, err
	}
	defer obs.Close()
	for obs.Next() {
		var planID int64
		o, err := scanObservation(obs, &planID)
		if err != nil {
			return nil, err
		}
		if i, ok := index[planID]; ok {
			out[i].Observations = append(out[i].Observations, o)
		}
	}
	return out, obs.Err()
}

func scanObservation(row interface{ Scan(...any) error }, planID *int64) (model.PriceObservation, error) {
	var o model.PriceObservation
	var observed, tiers string
	if err := row.Scan(planID, &observed, &o.Amount, &o.IncludedUnits, &o.OverageAmount, &tiers,
		&o.AnnualDiscountPercent, &o.Source, &o.Note, &o.UnitDecimals); err != nil {
		return o, err
	}
	var err error
	if o.ObservedAt, err = decodeDate(observed); err != nil {
		return o, fmt.Errorf("price observation %d: %w", *planID, err)
	}
	if err := json.Unmarshal([]byte(tiers), &o.Tiers); err != nil {
		return o, fmt.Errorf("price observation %d tiers: %w", *planID, err)
	}
	if len(o.Tiers) == 0 {
		o.Tiers = nil
	}
	return o, nil
}

func encodeTiers(t []model.PriceTier) string {
	if len(t) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(t)
	return string(b)
}

// upsertPlan writes a plan and merges its observations into the stored history: observations
// are matched by date, new dates are added, and dates missing from p are kept. A new plan goes
// after the competitor's existing ones; an existing plan keeps its place. A plan with history
// cannot change its currency, pricing model or period, since that would silently change what
// every past observation means.
func upsertPlan(ctx context.Context, q querier, p model.PricePlan, competitorID int64) (change, error) {
	var id int64
	var old model.PricePlan
	err := q.QueryRowContext(ctx, `SELECT id, name, model, currency, period, unit, min_seats, max_seats, add_on, included, source
		FROM plans WHERE competitor_id = ? AND name = ?`, competitorID, p.Name).
		Scan(&id, &old.Name, &old.Model, &old.Currency, &old.Period, &old.Unit, &old.MinSeats, &old.MaxSeats, &old.AddOn, &old.Included, &old.Source)
	result := unchanged
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := q.ExecContext(ctx, `INSERT INTO plans (competitor_id, name, model, currency, period, unit, min_seats, max_seats, add_on, included, source, position)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position) + 1, 0) FROM plans WHERE competitor_id = ?))`,
			competitorID, p.Name, p.Model, p.Currency, p.Period, p.Unit, p.MinSeats, p.MaxSeats, p.AddOn, p.Included, p.Source, competitorID)
		if err != nil {
			return 0, err
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, err
		}
		result = inserted
	case err != nil:
		return 0, err
	default:
		if err := checkHistoryMeaning(ctx, q, id, old, p); err != nil {
			return 0, err
		}
		old.Competitor = p.Competitor
		bare := p
		bare.Observations = nil
		if !equalJSON(old, bare) {
			if _, err := q.ExecContext(ctx, `UPDATE plans SET model=?, currency=?, period=?, unit=?, min_seats=?, max_seats=?, add_on=?, included=?, source=?
				WHERE id = ?`, p.Model, p.Currency, p.Period, p.Unit, p.MinSeats, p.MaxSeats, p.AddOn, p.Included, p.Source, id); err != nil {
				return 0, err
			}
			result = updated
		}
	}
	for _, o := range p.Observations {
		c, err := upsertObservation(ctx, q, id, o)
		if err != nil {
			return 0, err
		}
		if c != unchanged && result == unchanged {
			result = updated
		}
	}
	return result, nil
}

// checkHistoryMeaning refuses to change what a stored plan's observations mean.
func checkHistoryMeaning(ctx context.Context, q querier, planID int64, old, p model.PricePlan) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM price_observations WHERE plan_id = ?`, planID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	for _, f := range []struct{ field, was, now string }{
		{"currency", old.Currency, p.Currency},
		{"model", string(old.Model), string(p.Model)},
		{"period", string(old.Period), string(p.Period)},
	} {
		if f.was != f.now {
			return &model.FieldError{Field: f.field, Msg: fmt.Sprintf("plan %q has %d price observations in %s; changing it to %s would rewrite its history (add a new plan instead)", p.Name, n, f.was, f.now)}
		}
	}
	return nil
}

func upsertObservation(ctx context.Context, q querier, planID int64, o model.PriceObservation) (change, error) {
	var pid int64
	old, err := scanObservation(q.QueryRowContext(ctx, `SELECT plan_id, observed_at, amount, included_units, overage_amount,
		tiers, annual_discount_percent, source, note, unit_decimals FROM price_observations WHERE plan_id = ? AND observed_at = ?`,
		planID, o.ObservedAt.String()), &pid)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = q.ExecContext(ctx, `INSERT INTO price_observations (plan_id, observed_at, amount, included_units,
			overage_amount, tiers, annual_discount_percent, source, note, unit_decimals) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			planID, o.ObservedAt.String(), o.Amount, o.IncludedUnits, o.OverageAmount, encodeTiers(o.Tiers),
			o.AnnualDiscountPercent, o.Source, o.Note, o.UnitDecimals)
		return inserted, err
	case err != nil:
		return 0, err
	case equalJSON(old, o):
		return unchanged, nil
	}
	_, err = q.ExecContext(ctx, `UPDATE price_observations SET amount=?, included_units=?, overage_amount=?, tiers=?,
		annual_discount_percent=?, source=?, note=?, unit_decimals=? WHERE plan_id = ? AND observed_at = ?`,
		o.Amount, o.IncludedUnits, o.OverageAmount, encodeTiers(o.Tiers), o.AnnualDiscountPercent, o.Source, o.Note,
		o.UnitDecimals, planID, o.ObservedAt.String())
	return updated, err
}

// bySlug is the WHERE clause of a listing joined to competitors as c: one competitor's rows
// when slug is set, else every row. The two are written apart so that SQLite looks the one
// competitor up through its index rather than scanning every row for "? = ” OR c.slug = ?".
func bySlug(slug string) string {
	if slug == "" {
		return ""
	}
	return "WHERE c.slug = ?"
}

// slugArgs are the arguments bySlug's clause takes.
func slugArgs(slug string) []any {
	if slug == "" {
		return nil
	}
	return []any{slug}
}

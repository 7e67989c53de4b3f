package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/rivals-app/rivals/model"
)

// SavePlan adds a plan (p.ID == 0) with any observations it carries, or updates the plan with
// p.ID: its name and description, not its history (see RecordPrice). A plan with history keeps
// its currency, pricing model and period. Another plan of the same competitor with the same
// name is a *model.FieldError on "name".
func (s *Store) SavePlan(ctx context.Context, p model.PricePlan) (model.PricePlan, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := s.logged(ctx, scopePlan(ctx, &p.ID), func(tx *sql.Tx) error {
		c, err := getCompetitor(ctx, tx, p.Competitor)
		if err != nil {
			return err
		}
		var other int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM plans WHERE competitor_id = ? AND name = ? AND id <> ?`, c.ID, p.Name, p.ID).Scan(&other)
		if err == nil {
			return &model.FieldError{Field: "name", Msg: fmt.Sprintf("%s already has a plan named %q", p.Competitor, p.Name)}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if p.ID == 0 {
			if _, err := upsertPlan(ctx, tx, p, c.ID); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `SELECT id FROM plans WHERE competitor_id = ? AND name = ?`, c.ID, p.Name).Scan(&p.ID)
		}
		var old model.PricePlan
		err = tx.QueryRowContext(ctx, `SELECT name, model, currency, period FROM plans WHERE id = ? AND competitor_id = ?`, p.ID, c.ID).
			Scan(&old.Name, &old.Model, &old.Currency, &old.Period)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("plan %d of %s: %w", p.ID, p.Competitor, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := checkHistoryMeaning(ctx, tx, p.ID, old, p); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE plans SET name=?, model=?, currency=?, period=?, unit=?, min_seats=?, max_seats=?,
			add_on=?, included=?, source=? WHERE id = ?`, p.Name, p.Model, p.Currency, p.Period, p.Unit, p.MinSeats, p.MaxSeats,
			p.AddOn, p.Included, p.Source, p.ID)
		return err
	})
	return p, err
}

// RecordPrice adds a price observation to a plan. History is never overwritten: a second
// observation on a date that already has one is a *model.FieldError on "observed_at".
func (s *Store) RecordPrice(ctx context.Context, planID int64, o model.PriceObservation) error {
	return s.logged(ctx, scopePlan(ctx, &planID), func(tx *sql.Tx) error {
		plans, err := planByID(ctx, tx, planID)
		if err != nil {
			return err
		}
		p := plans
		p.Observations = append(p.Observations, o)
		p.Normalize()
		if err := p.Validate(); err != nil {
			var fe *model.FieldError
			if errors.As(err, &fe) && fe.Field == fmt.Sprintf("observations[%d].observed_at", len(p.Observations)-1) {
				return &model.FieldError{Field: "observed_at", Msg: fmt.Sprintf("%s already has a price observed on %s; history is never overwritten", p.Name, o.ObservedAt)}
			}
			return err
		}
		_, err = upsertObservation(ctx, tx, planID, p.Observations[len(p.Observations)-1])
		return err
	})
}

// CorrectPrice replaces the price a plan recorded on at with o, a correction of a typo or a
// misread price list (o may move it to another date that has no price yet). The rest of the
// history is untouched. ErrNotFound when the plan has no price on at; a *model.FieldError on
// "observed_at" when o's date already has one.
func (s *Store) CorrectPrice(ctx context.Context, planID int64, at model.Date, o model.PriceObservation) error {
	return s.logged(ctx, scopePlan(ctx, &planID), func(tx *sql.Tx) error {
		p, err := planByID(ctx, tx, planID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(p.Observations, func(x model.PriceObservation) bool { return x.ObservedAt == at })
		if i < 0 {
			return fmt.Errorf("plan %s has no price on %s: %w", p.Name, at, ErrNotFound)
		}
		if o.ObservedAt != at && slices.ContainsFunc(p.Observations, func(x model.PriceObservation) bool { return x.ObservedAt == o.ObservedAt }) {
			return &model.FieldError{Field: "observed_at", Msg: fmt.Sprintf("%s already has a price observed on %s; correct that one instead", p.Name, o.ObservedAt)}
		}
		p.Observations[i] = o
		p.Normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE price_observations SET observed_at=?, amount=?, included_units=?, overage_amount=?,
			tiers=?, annual_discount_percent=?, source=?, note=?, unit_decimals=? WHERE plan_id = ? AND observed_at = ?`,
			o.ObservedAt.String(), o.Amount, o.IncludedUnits, o.OverageAmount, encodeTiers(o.Tiers), o.AnnualDiscountPercent,
			o.Source, o.Note, o.UnitDecimals, planID, at.String())
		return err
	})
}

// DeletePrice removes the price a plan recorded on at, one recorded by mistake; the rest of its
// history stays. ErrNotFound when there is none.
func (s *Store) DeletePrice(ctx context.Context, planID int64, at model.Date) error {
	return s.logged(ctx, scopePlan(ctx, &planID), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM price_observations WHERE plan_id = ? AND observed_at = ?`, planID, at.String())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("plan %d has no price on %s: %w", planID, at, ErrNotFound)
		}
		return nil
	})
}

// DeletePlan removes a plan and its price history; ErrNotFound when there is none.
func (s *Store) DeletePlan(ctx context.Context, id int64) error {
	return s.logged(ctx, scopePlan(ctx, &id), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM plans WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("plan %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// planByID loads one plan with its history.
func planByID(ctx context.Context, q querier, id int64) (model.PricePlan, error) {
	var slug string
	err := q.QueryRowContext(ctx, `SELECT c.slug FROM plans p JOIN competitors c ON c.id = p.competitor_id WHERE p.id = ?`, id).Scan(&slug)
	if errors.Is(err, sql.ErrNoRows) {
		return model.PricePlan{}, fmt.Errorf("plan %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return model.PricePlan{}, err
	}
	plans, err := listPlans(ctx, q, slug)
	if err != nil {
		return model.PricePlan{}, err
	}
	for _, p := range plans {
		if p.ID == id {
			return p, nil
		}
	}
	return model.PricePlan{}, fmt.Errorf("plan %d: %w", id, ErrNotFound)
}

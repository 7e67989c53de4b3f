package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// SaveDeal adds a deal (d.ID == 0) or updates the deal with d.ID, in one transaction together
// with newCodes, reason codes the deal introduces. A new deal without a ref gets one from its
// close date ("D-2026-10-01-3"). Unknown competitors or reasons are *model.FieldError; a ref
// already taken by another deal is a *model.FieldError on "ref".
func (s *Store) SaveDeal(ctx context.Context, d model.Deal, newCodes []model.ReasonCode) (model.Deal, error) {
	d.Normalize()
	codes := make([]string, len(newCodes))
	for i, r := range newCodes {
		codes[i] = r.Code
	}
	dealRef := func(q querier) ([]string, error) {
		if d.ID == 0 {
			return []string{d.Ref}, nil
		}
		return refOfDeal(ctx, q, d.ID)
	}
	err := s.logged(ctx, joinScopes(scopeReasons(ctx, codes...), scopeDealRefs(ctx, dealRef)), func(tx *sql.Tx) error {
		for _, r := range newCodes {
			r.Normalize()
			if err := r.Validate(); err != nil {
				return err
			}
			if _, err := upsertReasonCode(ctx, tx, r); err != nil {
				return err
			}
		}
		if d.Ref == "" && d.ID == 0 && !d.ClosedAt.IsZero() {
			ref, err := nextDealRef(ctx, tx, d.ClosedAt)
			if err != nil {
				return err
			}
			d.Ref = ref
		}
		if err := d.Validate(); err != nil {
			return err
		}
		var other int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM deals WHERE ref = ? AND id <> ?`, d.Ref, d.ID).Scan(&other)
		if err == nil {
			return &model.FieldError{Field: "ref", Msg: fmt.Sprintf("%q is another deal's ref", d.Ref)}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		comps, err := competitorIDs(ctx, tx)
		if err != nil {
			return err
		}
		for i, slug := range d.Competitors {
			if _, err := resolve(comps, fmt.Sprintf("competitors[%d]", i), "competitor", slug); err != nil {
				return err
			}
		}
		reasons, err := idMap(ctx, tx, `SELECT code, id FROM reason_codes`)
		if err != nil {
			return err
		}
		for i, code := range d.Reasons {
			if _, err := resolve(reasons, fmt.Sprintf("reasons[%d]", i), "reason code", code); err != nil {
				return err
			}
		}
		if d.ID != 0 {
			// The ref may change: rename the stored row first so the upsert finds it.
			res, err := tx.ExecContext(ctx, `UPDATE deals SET ref = ? WHERE id = ?`, d.Ref, d.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("deal %d: %w", d.ID, ErrNotFound)
			}
		}
		if _, err := upsertDeal(ctx, tx, d, comps, reasons); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT id FROM deals WHERE ref = ?`, d.Ref).Scan(&d.ID)
	})
	return d, err
}

// nextDealRef makes a ref for a new deal from its close date: "D-2026-10-01-1", counting up
// past refs already used.
func nextDealRef(ctx context.Context, q querier, closed model.Date) (string, error) {
	prefix := "D-" + closed.String() + "-"
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM deals WHERE ref LIKE ? ESCAPE '\'`, strings.ReplaceAll(prefix, "_", `\_`)+"%").Scan(&n); err != nil {
		return "", err
	}
	for i := n + 1; ; i++ {
		ref := fmt.Sprintf("%s%d", prefix, i)
		var id int64
		err := q.QueryRowContext(ctx, `SELECT id FROM deals WHERE ref = ?`, ref).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return ref, nil
		}
		if err != nil {
			return "", err
		}
	}
}

// DeleteDeal removes a deal by id; ErrNotFound when there is none.
func (s *Store) DeleteDeal(ctx context.Context, id int64) error {
	return s.logged(ctx, scopeDealRefs(ctx, once(func(q querier) ([]string, error) { return refOfDeal(ctx, q, id) })), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM deals WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("deal %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// refOfDeal reads the ref of the deal with id (none when there is no such deal).
func refOfDeal(ctx context.Context, q querier, id int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT ref FROM deals WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// SaveReasonCode adds a reason code or changes the label and description of an existing one
// (its code is its identity: to change it, merge it into a new code).
func (s *Store) SaveReasonCode(ctx context.Context, r model.ReasonCode) error {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return s.logged(ctx, scopeReasons(ctx, r.Code), func(tx *sql.Tx) error {
		_, err := upsertReasonCode(ctx, tx, r)
		return err
	})
}

// MergeReasonCodes folds the reason code from into into: every deal citing from cites into
// instead (once, keeping its position and whether it was primary), then from is deleted. It
// returns the number of deals changed. Both codes must exist.
func (s *Store) MergeReasonCodes(ctx context.Context, from, into string) (int, error) {
	if from == into {
		return 0, &model.FieldError{Field: "into", Msg: "is the code being merged"}
	}
	var changed int
	citing := once(func(q querier) ([]string, error) {
		rows, err := q.QueryContext(ctx, `SELECT d.ref FROM deals d JOIN deal_reasons dr ON dr.deal_id = d.id
			JOIN reason_codes r ON r.id = dr.reason_id WHERE r.code = ? ORDER BY d.ref`, from)
		if err != nil {
			return nil, err
		}
		return scanStrings(rows)
	})
	err := s.logged(ctx, joinScopes(scopeReasons(ctx, from, into), scopeDealRefs(ctx, citing)), func(tx *sql.Tx) error {
		ids, err := idMap(ctx, tx, `SELECT code, id FROM reason_codes`)
		if err != nil {
			return err
		}
		fromID, err := resolve(ids, "from", "reason code", from)
		if err != nil {
			return err
		}
		intoID, err := resolve(ids, "into", "reason code", into)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM deal_reasons WHERE reason_id = ?`, fromID).Scan(&changed); err != nil {
			return err
		}
		// A deal citing both keeps into, primary if either was.
		if _, err := tx.ExecContext(ctx, `UPDATE deal_reasons SET is_primary = 1 WHERE reason_id = ? AND deal_id IN
			(SELECT deal_id FROM deal_reasons WHERE reason_id = ? AND is_primary = 1)`, intoID, fromID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM deal_reasons WHERE reason_id = ? AND deal_id IN
			(SELECT deal_id FROM deal_reasons WHERE reason_id = ?)`, fromID, intoID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE deal_reasons SET reason_id = ? WHERE reason_id = ?`, intoID, fromID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM reason_codes WHERE id = ?`, fromID)
		return err
	})
	return changed, err
}

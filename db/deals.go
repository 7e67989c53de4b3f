package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// ReasonCodes returns the managed list of win/loss reasons ordered by code.
func (s *Store) ReasonCodes(ctx context.Context) ([]model.ReasonCode, error) {
	return listReasonCodes(ctx, s.db)
}

func listReasonCodes(ctx context.Context, q querier) ([]model.ReasonCode, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, code, label, description FROM reason_codes ORDER BY code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.ReasonCode
	for rows.Next() {
		var r model.ReasonCode
		if err := rows.Scan(&r.ID, &r.Code, &r.Label, &r.Description); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func upsertReasonCode(ctx context.Context, q querier, r model.ReasonCode) (change, error) {
	var old model.ReasonCode
	err := q.QueryRowContext(ctx, `SELECT id, code, label, description FROM reason_codes WHERE code = ?`, r.Code).
		Scan(&old.ID, &old.Code, &old.Label, &old.Description)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = q.ExecContext(ctx, `INSERT INTO reason_codes (code, label, description) VALUES (?, ?, ?)`, r.Code, r.Label, r.Description)
		return inserted, err
	case err != nil:
		return 0, err
	case equalJSON(old, r):
		return unchanged, nil
	}
	_, err = q.ExecContext(ctx, `UPDATE reason_codes SET label=?, description=? WHERE id=?`, r.Label, r.Description, old.ID)
	return updated, err
}

// DealFilter narrows Deals. Zero fields do not filter.
type DealFilter struct {
	// Competitor keeps deals that faced this competitor (primary or not).
	Competitor string
	// Since and Until keep deals closed in that window, both inclusive.
	Since, Until model.Date
}

// Deals returns win/loss records, newest first, with their competitors and reasons.
func (s *Store) Deals(ctx context.Context, f DealFilter) ([]model.Deal, error) {
	return readOne(ctx, s, func(snap *Snapshot) ([]model.Deal, error) { return snap.Deals(ctx, f) })
}

func listDeals(ctx context.Context, q querier, f DealFilter) ([]model.Deal, error) {
	// For one competitor, every query keeps to its deals through the deal_competitors index.
	only, args := "", []any(nil)
	if f.Competitor != "" {
		only = `deal_id IN (SELECT deal_id FROM deal_competitors WHERE competitor_id = (SELECT id FROM competitors WHERE slug = ?))`
		args = []any{f.Competitor}
	}
	where := func(column string) string {
		if only == "" {
			return ""
		}
		return "WHERE " + column + strings.TrimPrefix(only, "deal_id")
	}
	// The window narrows the deals only, not the link queries: their rows of deals outside it
	// are skipped below.
	dealWhere, dealArgs := where("d.id"), args
	if !f.Since.IsZero() || !f.Until.IsZero() {
		since, until := "0000-01-01", "9999-12-31"
		if !f.Since.IsZero() {
			since = f.Since.String()
		}
		if !f.Until.IsZero() {
			until = f.Until.String()
		}
		// The unary + keeps a competitor's filter on its own index rather than the date's.
		window := `+d.closed_at BETWEEN ? AND ?`
		if dealWhere == "" {
			window = `d.closed_at BETWEEN ? AND ?`
		}
		dealWhere = strings.TrimPrefix(dealWhere+" AND "+window, " AND ")
		if !strings.HasPrefix(dealWhere, "WHERE") {
			dealWhere = "WHERE " + dealWhere
		}
		dealArgs = append(slices.Clip(args), since, until)
	}
	rows, err := q.QueryContext(ctx, `SELECT d.id, d.ref, d.account, d.closed_at, d.outcome, d.amount, d.currency,
			d.segment, d.region, d.stage, d.quote, d.notes, d.source, d.deal_type
		FROM deals d `+dealWhere+`
		ORDER BY d.closed_at DESC, d.ref DESC`, dealArgs...)
	if err != nil {
		return nil, err
	}
	var out []model.Deal
	index := map[int64]int{}
	for rows.Next() {
		var d model.Deal
		var closed string
		if err := rows.Scan(&d.ID, &d.Ref, &d.Account, &closed, &d.Outcome, &d.Amount, &d.Currency,
			&d.Segment, &d.Region, &d.Stage, &d.Quote, &d.Notes, &d.Source, &d.Type); err != nil {
			rows.Close()
			return nil, err
		}
		if d.ClosedAt, err = decodeDate(closed); err != nil {
			rows.Close()
			return nil, fmt.Errorf("deal %s closed_at: %w", d.Ref, err)
		}
		index[d.ID] = len(out)
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	// Two passes over the link tables beat one query per deal by orders of magnitude.
	links, err := q.QueryContext(ctx, `SELECT dc.deal_id, c.slug FROM deal_competitors dc
		JOIN competitors c ON c.id = dc.competitor_id `+where("dc.deal_id")+` ORDER BY dc.deal_id, dc.position`, args...)
	if err != nil {
		return nil, err
	}
	for links.Next() {
		var id int64
		var slug string
		if err := links.Scan(&id, &slug); err != nil {
			links.Close()
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Competitors = append(out[i].Competitors, slug)
		}
	}
	links.Close()
	if err := links.Err(); err != nil {
		return nil, err
	}
	reasons, err := q.QueryContext(ctx, `SELECT dr.deal_id, r.code, dr.is_primary FROM deal_reasons dr
		JOIN reason_codes r ON r.id = dr.reason_id `+where("dr.deal_id")+` ORDER BY dr.deal_id, dr.position`, args...)
	if err != nil {
		return nil, err
	}
	defer reasons.Close()
	for reasons.Next() {
		var id int64
		var code string
		var primary int
		if err := reasons.Scan(&id, &code, &primary); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Reasons = append(out[i].Reasons, code)
			if primary == 1 {
				out[i].PrimaryReason = code
			}
		}
	}
	return out, reasons.Err()
}

// getDeal loads one deal by ref for comparison during upserts.
func getDeal(ctx context.Context, q querier, ref string) (model.Deal, error) {
	var d model.Deal
	var closed string
	err := q.QueryRowContext(ctx, `SELECT id, ref, account, closed_at, outcome, amount, currency, segment, region,
		stage, quote, notes, source, deal_type FROM deals WHERE ref = ?`, ref).Scan(&d.ID, &d.Ref, &d.Account, &closed,
		&d.Outcome, &d.Amount, &d.Currency, &d.Segment, &d.Region, &d.Stage, &d.Quote, &d.Notes, &d.Source, &d.Type)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, err
	}
	if d.ClosedAt, err = decodeDate(closed); err != nil {
		return d, err
	}
	comps, err := q.QueryContext(ctx, `SELECT c.slug FROM deal_competitors dc JOIN competitors c ON c.id = dc.competitor_id
		WHERE dc.deal_id = ? ORDER BY dc.position`, d.ID)
	if err != nil {
		return d, err
	}
	for comps.Next() {
		var s string
		if err := comps.Scan(&s); err != nil {
			comps.Close()
			return d, err
		}
		d.Competitors = append(d.Competitors, s)
	}
	comps.Close()
	rs, err := q.QueryContext(ctx, `SELECT r.code, dr.is_primary FROM deal_reasons dr JOIN reason_codes r ON r.id = dr.reason_id
		WHERE dr.deal_id = ? ORDER BY dr.position`, d.ID)
	if err != nil {
		return d, err
	}
	defer rs.Close()
	for rs.Next() {
		var code string
		var primary int
		if err := rs.Scan(&code, &primary); err != nil {
			return d, err
		}
		d.Reasons = append(d.Reasons, code)
		if primary == 1 {
			d.PrimaryReason = code
		}
	}
	return d, rs.Err()
}

// upsertDeal writes a deal by ref. competitorIDs and reasonIDs resolve d's slugs and codes;
// the caller has checked that every one resolves.
func upsertDeal(ctx context.Context, q querier, d model.Deal, competitorIDs, reasonIDs map[string]int64) (change, error) {
	old, err := getDeal(ctx, q, d.Ref)
	result := inserted
	switch {
	case errors.Is(err, ErrNotFound):
		res, err := q.ExecContext(ctx, `INSERT INTO deals (ref, account, closed_at, outcome, amount, currency, segment,
			region, stage, quote, notes, source, deal_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.Ref, d.Account, d.ClosedAt.String(), d.Outcome, d.Amount, d.Currency, d.Segment, d.Region, d.Stage,
			d.Quote, d.Notes, d.Source, d.Type)
		if err != nil {
			return 0, err
		}
		if d.ID, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	case err != nil:
		return 0, err
	case equalJSON(old, d):
		return unchanged, nil
	default:
		d.ID, result = old.ID, updated
		if _, err := q.ExecContext(ctx, `UPDATE deals SET account=?, closed_at=?, outcome=?, amount=?, currency=?, segment=?,
			region=?, stage=?, quote=?, notes=?, source=?, deal_type=? WHERE id = ?`,
			d.Account, d.ClosedAt.String(), d.Outcome, d.Amount, d.Currency, d.Segment, d.Region, d.Stage,
			d.Quote, d.Notes, d.Source, d.Type, d.ID); err != nil {
			return 0, err
		}
		for _, table := range []string{"deal_competitors", "deal_reasons"} {
			if _, err := q.ExecContext(ctx, `DELETE FROM `+table+` WHERE deal_id = ?`, d.ID); err != nil {
				return 0, err
			}
		}
	}
	for i, slug := range d.Competitors {
		if _, err := q.ExecContext(ctx, `INSERT INTO deal_competitors (deal_id, competitor_id, position) VALUES (?, ?, ?)`,
			d.ID, competitorIDs[slug], i); err != nil {
			return 0, err
		}
	}
	for i, code := range d.Reasons {
		if _, err := q.ExecContext(ctx, `INSERT INTO deal_reasons (deal_id, reason_id, position, is_primary) VALUES (?, ?, ?, ?)`,
			d.ID, reasonIDs[code], i, boolInt(code == d.PrimaryReason)); err != nil {
			return 0, err
		}
	}
	return result, nil
}

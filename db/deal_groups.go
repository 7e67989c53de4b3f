package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// EachCompetitorDeals reads the deals closed from since to until (both inclusive) of every
// competitor in one pass, as an export of every battle card needs them: fn is called for each
// competitor that faced any, in the order of their ids (model.Competitor.ID), with its deals as
// Deals gives them for that competitor and window (newest first, with their competitors and
// reasons). The database sorts the deals of the window by competitor, so memory holds one
// competitor's deals at a time, and the deals table is read along its date index once,
// rather than deal by deal through each competitor's links. fn may read the snapshot. An
// error from fn stops the reading and is returned.
func (snap *Snapshot) EachCompetitorDeals(ctx context.Context, since, until model.Date, fn func(competitorID int64, deals []model.Deal) error) error {
	q, err := snap.q()
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, `SELECT dc.competitor_id, d.id, d.ref, d.account, d.closed_at, d.outcome, d.amount,
			d.currency, d.segment, d.region, d.stage, d.quote, d.notes, d.source, d.deal_type,
			(SELECT group_concat(c.slug, char(31) ORDER BY x.position) FROM deal_competitors x
				JOIN competitors c ON c.id = x.competitor_id WHERE x.deal_id = d.id),
			(SELECT group_concat(r.code || char(30) || dr.is_primary, char(31) ORDER BY dr.position) FROM deal_reasons dr
				JOIN reason_codes r ON r.id = dr.reason_id WHERE dr.deal_id = d.id)
		FROM deals d JOIN deal_competitors dc ON dc.deal_id = d.id
		WHERE d.closed_at BETWEEN ? AND ?
		ORDER BY dc.competitor_id, d.closed_at DESC, d.ref DESC`, since.String(), until.String())
	if err != nil {
		return err
	}
	defer rows.Close()
	var group []model.Deal
	current := int64(-1)
	for rows.Next() {
		var d model.Deal
		var competitorID int64
		var closed string
		var comps, reasons *string
		if err := rows.Scan(&competitorID, &d.ID, &d.Ref, &d.Account, &closed, &d.Outcome, &d.Amount, &d.Currency,
			&d.Segment, &d.Region, &d.Stage, &d.Quote, &d.Notes, &d.Source, &d.Type, &comps, &reasons); err != nil {
			return err
		}
		if d.ClosedAt, err = decodeDate(closed); err != nil {
			return fmt.Errorf("deal %s closed_at: %w", d.Ref, err)
		}
		if comps != nil {
			d.Competitors = strings.Split(*comps, "\x1f")
		}
		if reasons != nil {
			for _, r := range strings.Split(*reasons, "\x1f") {
				code, primary, _ := strings.Cut(r, "\x1e")
				d.Reasons = append(d.Reasons, code)
				if primary == "1" {
					d.PrimaryReason = code
				}
			}
		}
		if competitorID != current && len(group) > 0 {
			if err := fn(current, group); err != nil {
				return err
			}
			group = nil
		}
		current = competitorID
		group = append(group, d)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(group) > 0 {
		return fn(current, group)
	}
	return nil
}

package db

import (
	"context"
	"database/sql"

	"github.com/rivals-app/rivals/model"
)

// dealTallyTriggers keep the deal tallies of migration 0006 (deal_tally_month, deal_tally_day,
// deal_cube, reason_tally, deal_facets) in step with the deals. A bulk import suspends them and counts
// again once at its end (suspendDealTally).
var dealTallyTriggers = []string{"deal_tally_link_ai", "deal_tally_deal_ai", "deal_tally_link_ad",
	"deal_tally_deal_bd", "deal_tally_link_au", "deal_tally_deal_au",
	"deal_cube_ai", "deal_cube_ad", "deal_cube_au", "reason_tally_cite_ai", "reason_tally_deal_ai",
	"reason_tally_cite_ad", "reason_tally_deal_bd", "reason_tally_cite_au", "reason_tally_deal_au",
	"deal_facets_ai", "deal_facets_ad", "deal_facets_au"}

// recountDealTallyStatements count the tallies again from the deals, as migration 0006 first
// counted them.
var recountDealTallyStatements = []string{
	`DELETE FROM deal_tally_month`,
	`DELETE FROM deal_tally_day`,
	`INSERT INTO deal_tally_day (day, competitor_id, outcome, deals)
		SELECT d.closed_at, dc.competitor_id, d.outcome, count(*) FROM deal_competitors dc JOIN deals d ON d.id = dc.deal_id
		GROUP BY d.closed_at, dc.competitor_id, d.outcome`,
	`INSERT INTO deal_tally_month (month, competitor_id, outcome, deals)
		SELECT substr(day, 1, 7), competitor_id, outcome, sum(deals) FROM deal_tally_day
		GROUP BY substr(day, 1, 7), competitor_id, outcome`,
	`DELETE FROM deal_cube`,
	`INSERT INTO deal_cube (day, outcome, segment, region, deal_type, deals)
		SELECT closed_at, outcome, segment, region, deal_type, count(*) FROM deals GROUP BY 1, 2, 3, 4, 5`,
	`DELETE FROM reason_tally`,
	`INSERT INTO reason_tally (day, reason_id, outcome, deals, primaries)
		SELECT d.closed_at, dr.reason_id, d.outcome, count(*), sum(dr.is_primary) FROM deal_reasons dr JOIN deals d ON d.id = dr.deal_id
		GROUP BY 1, 2, 3`,
	`DELETE FROM deal_facets`,
	`INSERT INTO deal_facets (facet, value, deals)
		SELECT 'segment', segment, count(*) FROM deals GROUP BY segment
		UNION ALL SELECT 'region', region, count(*) FROM deals GROUP BY region`,
}

// suspendDealTally drops the tally triggers for a bulk write and returns the function that
// brings the tallies up to date and puts the triggers back, in the caller's transaction:
// given what the write added (when it only inserted deals), it adds that to the tallies;
// given nil, it counts them again from every deal.
func suspendDealTally(ctx context.Context, tx *sql.Tx) (func(added *addedDeals) error, error) {
	restore, err := suspendSchema(ctx, tx, dealTallyTriggers...)
	if err != nil {
		return nil, err
	}
	return func(added *addedDeals) error {
		if added != nil {
			if err := added.write(ctx, tx); err != nil {
				return err
			}
			return restore()
		}
		for _, stmt := range recountDealTallyStatements {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return restore()
	}, nil
}

// winLossByCompetitor counts the deals closed in [since, until] per competitor id and outcome
// from the tallies (an unset bound does not bound): whole months from the monthly rows, the
// partial months at either end from the daily ones. It reads at most a few months of rows per
// competitor, however many deals there are.
func winLossByCompetitor(ctx context.Context, q querier, since, until model.Date) (map[int64]model.WinLoss, error) {
	out := map[int64]model.WinLoss{}
	from, to := "0000-01-01", "9999-12-31"
	if !since.IsZero() {
		from = since.String()
	}
	if !until.IsZero() {
		to = until.String()
	}
	if to < from {
		return out, nil
	}
	firstMonth, lastMonth := from[:7], to[:7]
	var query string
	var args []any
	if firstMonth == lastMonth {
		query = `SELECT competitor_id, outcome, sum(deals) FROM deal_tally_day WHERE day BETWEEN ? AND ?
			GROUP BY competitor_id, outcome`
		args = []any{from, to}
	} else {
		// '-99' sorts after every day of a month, '-00' before.
		query = `SELECT competitor_id, outcome, sum(deals) FROM (
				SELECT competitor_id, outcome, deals FROM deal_tally_month WHERE month > ? AND month < ?
				UNION ALL
				SELECT competitor_id, outcome, deals FROM deal_tally_day WHERE day BETWEEN ? AND ?
				UNION ALL
				SELECT competitor_id, outcome, deals FROM deal_tally_day WHERE day BETWEEN ? AND ?)
			GROUP BY competitor_id, outcome`
		args = []any{firstMonth, lastMonth, from, firstMonth + "-99", lastMonth + "-00", to}
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var outcome model.Outcome
		var n int
		if err := rows.Scan(&id, &outcome, &n); err != nil {
			return nil, err
		}
		out[id] = out[id].AddN(outcome, n)
	}
	return out, rows.Err()
}

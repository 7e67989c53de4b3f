package db

import (
	"context"

	"github.com/rivals-app/rivals/model"
)

// Stats counts the records of each catalog kind, keyed like the catalog format.
func (s *Store) Stats(ctx context.Context) (map[string]int, error) {
	return readOne(ctx, s, func(snap *Snapshot) (map[string]int, error) { return snap.Stats(ctx) })
}

func stats(ctx context.Context, q querier) (map[string]int, error) {
	tables := map[string]string{
		model.KindCompetitors: "competitors",
		model.KindFeatures:    "features",
		model.KindSupport:     "support",
		model.KindPlans:       "plans",
		model.KindReasonCodes: "reason_codes",
		model.KindDeals:       "deals",
		model.KindCards:       "cards",
		model.KindNotes:       "notes",
		"observations":        "price_observations",
	}
	out := make(map[string]int, len(tables))
	for kind, table := range tables {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			return nil, err
		}
		out[kind] = n
	}
	return out, nil
}

// IsEmpty reports whether the database holds no catalog records at all.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM competitors) + (SELECT count(*) FROM features)
		+ (SELECT count(*) FROM reason_codes)`).Scan(&n)
	return n == 0, err
}

package db

import (
	"context"

	"github.com/rivals-app/rivals/model"
)

// Tallies summarizes every competitor by counting in the database instead of reading the
// rows: its matrix cells by level against the full feature list (features without a cell are
// unknown; a cell verified more than model.StaleFactDays before today, or never, is stale, as
// model.SummarizeSupport counts them) and its deals in the record window by outcome, from the
// deal tallies. A catalog of any size is
// summarized in a few aggregate queries.
func (s *Store) Tallies(ctx context.Context, today model.Date) (map[string]model.ProfileTally, error) {
	return readOne(ctx, s, func(snap *Snapshot) (map[string]model.ProfileTally, error) { return snap.Tallies(ctx, today) })
}

func tallies(ctx context.Context, q querier, today model.Date) (map[string]model.ProfileTally, error) {
	var features int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM features`).Scan(&features); err != nil {
		return nil, err
	}
	out := map[string]model.ProfileTally{}
	slugs, err := idMap(ctx, q, `SELECT slug, id FROM competitors`)
	if err != nil {
		return nil, err
	}
	bySlug := make(map[int64]string, len(slugs))
	for slug, id := range slugs {
		bySlug[id] = slug
		out[slug] = model.ProfileTally{Matrix: model.MatrixSummary{Levels: map[model.Level]int{model.LevelUnknown: features}, Total: features}}
	}
	cutoff := today.AddDays(-model.StaleFactDays).String()
	rows, err := q.QueryContext(ctx, `SELECT competitor_id, level, count(*), sum(verified_at = '' OR verified_at < ?)
		FROM support GROUP BY competitor_id, level`, cutoff)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var level model.Level
		var n, stale int
		if err := rows.Scan(&id, &level, &n, &stale); err != nil {
			rows.Close()
			return nil, err
		}
		t, ok := out[bySlug[id]]
		if !ok {
			continue
		}
		t.Matrix.Levels[level] += n
		t.Matrix.Levels[model.LevelUnknown] -= n
		t.Matrix.Stale += stale
		out[bySlug[id]] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	window := model.RecordWindow(today)
	byID, err := winLossByCompetitor(ctx, q, window.Since, window.Until)
	if err != nil {
		return nil, err
	}
	for id, w := range byID {
		if t, ok := out[bySlug[id]]; ok {
			t.WinLoss = w
			out[bySlug[id]] = t
		}
	}
	return out, nil
}

// DealFacets lists the distinct segments and regions deals were recorded with, sorted, for
// suggestions. They are read from a tally kept as deals are written, not from the deals.
func (s *Store) DealFacets(ctx context.Context) (segments, regions []string, err error) {
	err = s.Read(ctx, func(snap *Snapshot) error {
		segments, regions, err = snap.DealFacets(ctx)
		return err
	})
	return segments, regions, err
}

func dealFacets(ctx context.Context, q querier) (segments, regions []string, err error) {
	for _, f := range []struct {
		column string
		into   *[]string
	}{{"segment", &segments}, {"region", &regions}} {
		rows, err := q.QueryContext(ctx, `SELECT value FROM deal_facets WHERE facet = ? AND value != '' ORDER BY 1`, f.column)
		if err != nil {
			return nil, nil, err
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return nil, nil, err
			}
			*f.into = append(*f.into, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return segments, regions, nil
}

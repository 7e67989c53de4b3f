package db

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// ErrNotCounted means the deal tallies cannot answer a win/loss query: it filters on what they
// do not record, so the deals have to be read.
var ErrNotCounted = errors.New("the deal tallies do not cover this query")

// CountsWinLoss reports whether DealCounts answers q broken down by by from the deal tallies:
// any close-date window, no competitor, segment, region or type filter, and any breakdown but
// by reason (whose group of deals citing none the tallies do not keep).
func CountsWinLoss(q model.DealQuery, by model.Dimension) bool {
	return q.Competitor == "" && q.Segment == "" && q.Region == "" && q.Type == "" && by != model.ByReason
}

// DealCounts counts the deals q selects, grouped by by, from the tallies kept as deals are
// written (see CountsWinLoss for the queries it answers; others are ErrNotCounted). It reads
// a few rows per close day, however many deals there are.
func (snap *Snapshot) DealCounts(ctx context.Context, q model.DealQuery, by model.Dimension) (model.DealCounts, error) {
	var c model.DealCounts
	tx, err := snap.q()
	if err != nil {
		return c, err
	}
	if !CountsWinLoss(q, by) {
		return c, ErrNotCounted
	}
	from, to := "0000-01-01", "9999-12-31"
	if !q.Since.IsZero() {
		from = q.Since.String()
	}
	if !q.Until.IsZero() {
		to = q.Until.String()
	}
	err = eachRow(ctx, tx, `SELECT outcome, sum(deals), min(day), max(day) FROM deal_cube WHERE day BETWEEN ? AND ?
		GROUP BY outcome`, []any{from, to}, func(scan func(...any) error) error {
		var outcome model.Outcome
		var n int
		var first, last string
		if err := scan(&outcome, &n, &first, &last); err != nil {
			return err
		}
		c.Overall = c.Overall.AddN(outcome, n)
		f, err := decodeDate(first)
		if err != nil {
			return err
		}
		l, err := decodeDate(last)
		if err != nil {
			return err
		}
		if c.First.IsZero() || f.Before(c.First) {
			c.First = f
		}
		if c.Last.Before(l) {
			c.Last = l
		}
		return nil
	})
	if err != nil {
		return c, err
	}
	if c.Groups, err = countGroups(ctx, tx, by, q, from, to); err != nil {
		return c, err
	}
	c.Reasons = map[model.Outcome][]model.ReasonCount{}
	err = eachRow(ctx, tx, `SELECT r.code, t.outcome, sum(t.deals), sum(t.primaries) FROM reason_tally t
		JOIN reason_codes r ON r.id = t.reason_id WHERE t.day BETWEEN ? AND ? GROUP BY r.code, t.outcome`,
		[]any{from, to}, func(scan func(...any) error) error {
			var rc model.ReasonCount
			var outcome model.Outcome
			if err := scan(&rc.Code, &outcome, &rc.Deals, &rc.Primary); err != nil {
				return err
			}
			c.Reasons[outcome] = append(c.Reasons[outcome], rc)
			return nil
		})
	return c, err
}

// ReasonOutcomes counts, per reason code, the deals of each outcome citing it; codes no deal
// cites are left out. It reads the tallies kept as deals are written, not the deals.
func (snap *Snapshot) ReasonOutcomes(ctx context.Context) (map[string]model.WinLoss, error) {
	tx, err := snap.q()
	if err != nil {
		return nil, err
	}
	out := map[string]model.WinLoss{}
	err = eachRow(ctx, tx, `SELECT r.code, t.outcome, sum(t.deals) FROM reason_tally t JOIN reason_codes r ON r.id = t.reason_id
		GROUP BY r.code, t.outcome`, nil, func(scan func(...any) error) error {
		var code string
		var outcome model.Outcome
		var n int
		if err := scan(&code, &outcome, &n); err != nil {
			return err
		}
		out[code] = out[code].AddN(outcome, n)
		return nil
	})
	return out, err
}

// countGroups tallies the selected deals per key of the dimension, the spelling with the newest
// deal first, as model.BreakdownCounts takes them.
func countGroups(ctx context.Context, tx querier, by model.Dimension, q model.DealQuery, from, to string) ([]model.Group, error) {
	var groups []model.Group
	index := map[string]int{}
	add := func(key string, outcome model.Outcome, n int) int {
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, model.Group{Key: key})
		}
		groups[i].WinLoss = groups[i].WinLoss.AddN(outcome, n)
		return i
	}
	switch by {
	case model.ByCompetitor:
		slugs := map[int64]string{}
		err := eachRow(ctx, tx, `SELECT id, slug FROM competitors`, nil, func(scan func(...any) error) error {
			var id int64
			var slug string
			err := scan(&id, &slug)
			slugs[id] = slug
			return err
		})
		if err != nil {
			return nil, err
		}
		byID, err := winLossByCompetitor(ctx, tx, q.Since, q.Until)
		if err != nil {
			return nil, err
		}
		for id, w := range byID {
			groups = append(groups, model.Group{Key: slugs[id], WinLoss: w})
		}
		return groups, nil
	case model.ByQuarter:
		err := eachRow(ctx, tx, `SELECT substr(day, 1, 7), outcome, sum(deals) FROM deal_cube WHERE day BETWEEN ? AND ?
			GROUP BY 1, 2`, []any{from, to}, func(scan func(...any) error) error {
			var month string
			var outcome model.Outcome
			var n int
			if err := scan(&month, &outcome, &n); err != nil {
				return err
			}
			d, err := decodeDate(month + "-01")
			if err != nil {
				return err
			}
			add(model.QuarterOf(d), outcome, n)
			return nil
		})
		return groups, err
	}
	column := map[model.Dimension]string{model.BySegment: "segment", model.ByRegion: "region", model.ByType: "deal_type"}[by]
	if column == "" {
		return nil, ErrNotCounted
	}
	var newest []string
	err := eachRow(ctx, tx, `SELECT `+column+`, outcome, sum(deals), max(day) FROM deal_cube WHERE day BETWEEN ? AND ?
		GROUP BY 1, 2`, []any{from, to}, func(scan func(...any) error) error {
		var key, day string
		var outcome model.Outcome
		var n int
		if err := scan(&key, &outcome, &n, &day); err != nil {
			return err
		}
		if i := add(key, outcome, n); i == len(newest) {
			newest = append(newest, day)
		} else {
			newest[i] = max(newest[i], day)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The spellings of one key ("SMB", "smb") in the order a newest-first list of the deals
	// meets them: by their newest deal's close day, then, on the same day, by its ref.
	refs := make([]string, len(groups))
	for i := range groups {
		for j := range groups {
			if i != j && newest[i] == newest[j] && strings.EqualFold(groups[i].Key, groups[j].Key) {
				if err := tx.QueryRowContext(ctx, `SELECT max(ref) FROM deals WHERE closed_at = ? AND `+column+` = ?`,
					newest[i], groups[i].Key).Scan(&refs[i]); err != nil {
					return nil, err
				}
				break
			}
		}
	}
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := strings.Compare(newest[b], newest[a]); c != 0 {
			return c
		}
		return strings.Compare(refs[b], refs[a])
	})
	out := make([]model.Group, len(groups))
	for i, j := range order {
		out[i] = groups[j]
	}
	return out, nil
}

// eachRow runs a query and calls fn with each row's scan.
func eachRow(ctx context.Context, q querier, query string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

package db

import (
	"context"
	"database/sql"

	"github.com/rivals-app/rivals/model"
)

// addedDeals adds up what the deals a bulk import inserts add to each tally while the tally
// triggers are suspended, so that the import adds its counts to the stored tallies at its end
// instead of counting every deal again. It counts as the triggers would: a deal per link to a
// competitor (deal_tally_day and _month), a deal per reason cited (reason_tally), a deal per
// day, outcome and facet (deal_cube, deal_facets).
type addedDeals struct {
	days    map[dayTallyKey]int
	cube    map[cubeKey]int
	reasons map[reasonTallyKey][2]int // deals, primaries
	facets  map[[2]string]int         // facet, value
}

type dayTallyKey struct {
	day, outcome string
	competitor   int64
}

type cubeKey struct{ day, outcome, segment, region, dealType string }

type reasonTallyKey struct {
	day, outcome string
	reason       int64
}

func newAddedDeals() *addedDeals {
	return &addedDeals{days: map[dayTallyKey]int{}, cube: map[cubeKey]int{},
		reasons: map[reasonTallyKey][2]int{}, facets: map[[2]string]int{}}
}

// add counts one inserted deal, whose close day is day, linked to the competitors of ids
// comps and citing the reasons of ids reasons (primary says which one is its primary).
func (a *addedDeals) add(d model.Deal, day string, comps []int64, reasons []int64, primary []bool) {
	for _, c := range comps {
		a.days[dayTallyKey{day: day, outcome: string(d.Outcome), competitor: c}]++
	}
	for i, r := range reasons {
		k := reasonTallyKey{day: day, outcome: string(d.Outcome), reason: r}
		v := a.reasons[k]
		v[0]++
		v[1] += boolInt(primary[i])
		a.reasons[k] = v
	}
	a.cube[cubeKey{day, string(d.Outcome), d.Segment, d.Region, string(d.Type)}]++
	a.facets[[2]string{"segment", d.Segment}]++
	a.facets[[2]string{"region", d.Region}]++
}

// write adds the counts to the stored tallies.
func (a *addedDeals) write(ctx context.Context, tx *sql.Tx) error {
	months := map[dayTallyKey]int{}
	for k, n := range a.days {
		k.day = k.day[:min(len(k.day), 7)]
		months[k] += n
	}
	upsert := func(query string, each func(exec func(args ...any) error) error) error {
		stmt, err := tx.PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		defer stmt.Close()
		return each(func(args ...any) error {
			_, err := stmt.ExecContext(ctx, args...)
			return err
		})
	}
	steps := []struct {
		query string
		each  func(exec func(args ...any) error) error
	}{
		{`INSERT INTO deal_tally_day (day, competitor_id, outcome, deals) VALUES (?, ?, ?, ?)
			ON CONFLICT (day, competitor_id, outcome) DO UPDATE SET deals = deals + excluded.deals`,
			func(exec func(args ...any) error) error {
				for k, n := range a.days {
					if err := exec(k.day, k.competitor, k.outcome, n); err != nil {
						return err
					}
				}
				return nil
			}},
		{`INSERT INTO deal_tally_month (month, competitor_id, outcome, deals) VALUES (?, ?, ?, ?)
			ON CONFLICT (month, competitor_id, outcome) DO UPDATE SET deals = deals + excluded.deals`,
			func(exec func(args ...any) error) error {
				for k, n := range months {
					if err := exec(k.day, k.competitor, k.outcome, n); err != nil {
						return err
					}
				}
				return nil
			}},
		{`INSERT INTO deal_cube (day, outcome, segment, region, deal_type, deals) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (day, outcome, segment, region, deal_type) DO UPDATE SET deals = deals + excluded.deals`,
			func(exec func(args ...any) error) error {
				for k, n := range a.cube {
					if err := exec(k.day, k.outcome, k.segment, k.region, k.dealType, n); err != nil {
						return err
					}
				}
				return nil
			}},
		{`INSERT INTO reason_tally (day, reason_id, outcome, deals, primaries) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (day, reason_id, outcome) DO UPDATE SET deals = deals + excluded.deals, primaries = primaries + excluded.primaries`,
			func(exec func(args ...any) error) error {
				for k, n := range a.reasons {
					if err := exec(k.day, k.reason, k.outcome, n[0], n[1]); err != nil {
						return err
					}
				}
				return nil
			}},
		{`INSERT INTO deal_facets (facet, value, deals) VALUES (?, ?, ?)
			ON CONFLICT (facet, value) DO UPDATE SET deals = deals + excluded.deals`,
			func(exec func(args ...any) error) error {
				for k, n := range a.facets {
					if err := exec(k[0], k[1], n); err != nil {
						return err
					}
				}
				return nil
			}},
	}
	for _, s := range steps {
		if err := upsert(s.query, s.each); err != nil {
			return err
		}
	}
	return nil
}

package db

import (
	"context"
	"database/sql"
	"errors"

	"github.com/rivals-app/rivals/model"
)

// The scopes below read, inside a write's transaction, the records the write may change, as
// a small catalog: logged compares the reading before the write with the one after.

// missing reports whether err says the record does not exist.
func missing(err error) bool {
	return errors.Is(err, ErrNotFound) || errors.Is(err, sql.ErrNoRows)
}

// scopeCompetitor reads one competitor.
func scopeCompetitor(ctx context.Context, slug string) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		c, err := getCompetitor(ctx, q, slug)
		if missing(err) {
			return cat, nil
		}
		cat.Competitors = []model.Competitor{c}
		return cat, err
	}
}

// scopeEverythingOf reads a competitor with everything recorded about it: its cells, plans,
// card, notes and every deal that faced it (those of the first reading, read again after).
func scopeEverythingOf(ctx context.Context, slug string) func(querier) (model.Catalog, error) {
	var refs []string
	first := true
	return func(q querier) (model.Catalog, error) {
		cat, err := scopeCompetitor(ctx, slug)(q)
		if err != nil {
			return cat, err
		}
		if cat.Support, err = listSupport(ctx, q, slug); err != nil {
			return cat, err
		}
		if cat.Plans, err = listPlans(ctx, q, slug); err != nil {
			return cat, err
		}
		if cat.Notes, err = listNotes(ctx, q, slug); err != nil {
			return cat, err
		}
		if k, err := getCard(ctx, q, slug); err == nil {
			cat.Cards = []model.BattleCard{k}
		} else if !missing(err) {
			return cat, err
		}
		if first {
			first = false
			deals, err := listDeals(ctx, q, DealFilter{Competitor: slug})
			if err != nil {
				return cat, err
			}
			for _, d := range deals {
				refs = append(refs, d.Ref)
			}
			cat.Deals = deals
			return cat, nil
		}
		cat.Deals, err = dealsByRef(ctx, q, refs)
		return cat, err
	}
}

// dealsByRef reads the deals with these refs that exist.
func dealsByRef(ctx context.Context, q querier, refs []string) ([]model.Deal, error) {
	var out []model.Deal
	for _, ref := range refs {
		d, err := getDeal(ctx, q, ref)
		if missing(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// scopeDealRefs reads the deals with these refs, refs read as late as each reading.
func scopeDealRefs(ctx context.Context, refs func(querier) ([]string, error)) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		rs, err := refs(q)
		if err != nil {
			return cat, err
		}
		cat.Deals, err = dealsByRef(ctx, q, rs)
		return cat, err
	}
}

// getFeature reads one feature by key.
func getFeature(ctx context.Context, q querier, key string) (model.Feature, error) {
	var f model.Feature
	err := q.QueryRowContext(ctx, `SELECT id, key, name, category, description, weight FROM features WHERE key = ?`, key).
		Scan(&f.ID, &f.Key, &f.Name, &f.Category, &f.Description, &f.Weight)
	return f, err
}

// scopeFeatures reads features by key, with their matrix cells when cells is set.
func scopeFeatures(ctx context.Context, cells bool, keys func(querier) ([]string, error)) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		ks, err := keys(q)
		if err != nil {
			return cat, err
		}
		for _, key := range ks {
			f, err := getFeature(ctx, q, key)
			if missing(err) {
				continue
			}
			if err != nil {
				return cat, err
			}
			cat.Features = append(cat.Features, f)
			if !cells {
				continue
			}
			rows, err := q.QueryContext(ctx, `SELECT c.slug FROM support s JOIN competitors c ON c.id = s.competitor_id
				WHERE s.feature_id = ? ORDER BY c.slug`, f.ID)
			if err != nil {
				return cat, err
			}
			slugs, err := scanStrings(rows)
			if err != nil {
				return cat, err
			}
			for _, slug := range slugs {
				sp, err := getCell(ctx, q, slug, key)
				if err != nil {
					return cat, err
				}
				cat.Support = append(cat.Support, sp)
			}
		}
		return cat, nil
	}
}

// fixed returns keys that do not depend on the reading.
func fixed(keys ...string) func(querier) ([]string, error) {
	return func(querier) ([]string, error) { return keys, nil }
}

// once returns keys read by the first reading and kept for the second.
func once(read func(querier) ([]string, error)) func(querier) ([]string, error) {
	var keys []string
	done := false
	return func(q querier) ([]string, error) {
		if done {
			return keys, nil
		}
		var err error
		keys, err = read(q)
		done = err == nil
		return keys, err
	}
}

// scanStrings reads a one-column result.
func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// getCell reads one matrix cell.
func getCell(ctx context.Context, q querier, slug, feature string) (model.Support, error) {
	sp := model.Support{Competitor: slug, Feature: feature}
	var verified string
	err := q.QueryRowContext(ctx, `SELECT s.level, s.note, s.source, s.verified_at FROM support s
		JOIN competitors c ON c.id = s.competitor_id JOIN features f ON f.id = s.feature_id
		WHERE c.slug = ? AND f.key = ?`, slug, feature).Scan(&sp.Level, &sp.Note, &sp.Source, &verified)
	if err != nil {
		return sp, err
	}
	sp.VerifiedAt, err = decodeDate(verified)
	return sp, err
}

// scopeCells reads matrix cells of one competitor by feature key.
func scopeCells(ctx context.Context, slug string, features func(querier) ([]string, error)) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		keys, err := features(q)
		if err != nil {
			return cat, err
		}
		for _, key := range keys {
			sp, err := getCell(ctx, q, slug, key)
			if missing(err) {
				continue
			}
			if err != nil {
				return cat, err
			}
			cat.Support = append(cat.Support, sp)
		}
		return cat, nil
	}
}

// scopePlan reads the plan with *id (none while it is 0), with its price history.
func scopePlan(ctx context.Context, id *int64) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		if *id == 0 {
			return cat, nil
		}
		p, err := planByID(ctx, q, *id)
		if missing(err) {
			return cat, nil
		}
		cat.Plans = []model.PricePlan{p}
		return cat, err
	}
}

// scopeReasons reads reason codes.
func scopeReasons(ctx context.Context, codes ...string) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		all, err := listReasonCodes(ctx, q)
		if err != nil {
			return cat, err
		}
		for _, r := range all {
			for _, c := range codes {
				if r.Code == c {
					cat.ReasonCodes = append(cat.ReasonCodes, r)
				}
			}
		}
		return cat, nil
	}
}

// scopeCard reads one competitor's battle card.
func scopeCard(ctx context.Context, slug string) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		k, err := getCard(ctx, q, slug)
		if missing(err) {
			return cat, nil
		}
		cat.Cards = []model.BattleCard{k}
		return cat, err
	}
}

// scopeNote reads the note with *id (none while it is 0).
func scopeNote(ctx context.Context, id *int64) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		if *id == 0 {
			return cat, nil
		}
		n, err := scanNote(q.QueryRowContext(ctx, `SELECT `+noteColumns+` FROM notes n JOIN competitors c ON c.id = n.competitor_id
			WHERE n.id = ?`, *id))
		if missing(err) {
			return cat, nil
		}
		cat.Notes = []model.IntelNote{n}
		return cat, err
	}
}

// joinScopes reads several scopes into one catalog.
func joinScopes(scopes ...func(querier) (model.Catalog, error)) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		for _, sc := range scopes {
			c, err := sc(q)
			if err != nil {
				return cat, err
			}
			cat.Competitors = append(cat.Competitors, c.Competitors...)
			cat.Features = append(cat.Features, c.Features...)
			cat.Support = append(cat.Support, c.Support...)
			cat.Plans = append(cat.Plans, c.Plans...)
			cat.ReasonCodes = append(cat.ReasonCodes, c.ReasonCodes...)
			cat.Deals = append(cat.Deals, c.Deals...)
			cat.Cards = append(cat.Cards, c.Cards...)
			cat.Notes = append(cat.Notes, c.Notes...)
		}
		return cat, nil
	}
}

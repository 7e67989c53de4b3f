package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/rivals-app/rivals/model"
)

const competitorColumns = `id, slug, name, is_self, website, positioning, segments, headquarters,
	founded, size_band, threat, status, tags, created_at, updated_at,
	pricing_visibility, trial_days, freemium, typical_discount_percent, contract_terms`

func scanCompetitor(row interface{ Scan(...any) error }) (model.Competitor, error) {
	var c model.Competitor
	var isSelf int
	var segments, tags, created, updated string
	err := row.Scan(&c.ID, &c.Slug, &c.Name, &isSelf, &c.Website, &c.Positioning, &segments,
		&c.Headquarters, &c.Founded, &c.SizeBand, &c.Threat, &c.Status, &tags, &created, &updated,
		&c.Pricing.Visibility, &c.Pricing.TrialDays, &c.Pricing.Freemium, &c.Pricing.DiscountPercent, &c.Pricing.ContractTerms)
	if err != nil {
		return c, err
	}
	c.IsSelf = isSelf == 1
	if c.Segments, err = decodeList(segments); err != nil {
		return c, fmt.Errorf("competitor %s segments: %w", c.Slug, err)
	}
	if c.Tags, err = decodeList(tags); err != nil {
		return c, fmt.Errorf("competitor %s tags: %w", c.Slug, err)
	}
	if c.CreatedAt, err = decodeTime(created); err != nil {
		return c, fmt.Errorf("competitor %s created_at: %w", c.Slug, err)
	}
	if c.UpdatedAt, err = decodeTime(updated); err != nil {
		return c, fmt.Errorf("competitor %s updated_at: %w", c.Slug, err)
	}
	return c, nil
}

// Competitors returns every competitor, our own product first, then by name.
func (s *Store) Competitors(ctx context.Context) ([]model.Competitor, error) {
	return listCompetitors(ctx, s.db)
}

func listCompetitors(ctx context.Context, q querier) ([]model.Competitor, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+competitorColumns+` FROM competitors
		ORDER BY is_self DESC, name COLLATE NOCASE, slug`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Competitor
	for rows.Next() {
		c, err := scanCompetitor(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Competitor returns the competitor with the given slug, or ErrNotFound.
func (s *Store) Competitor(ctx context.Context, slug string) (model.Competitor, error) {
	return getCompetitor(ctx, s.db, slug)
}

func getCompetitor(ctx context.Context, q querier, slug string) (model.Competitor, error) {
	c, err := scanCompetitor(q.QueryRowContext(ctx, `SELECT `+competitorColumns+` FROM competitors WHERE slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("competitor %q: %w", slug, ErrNotFound)
	}
	return c, err
}

// CreateCompetitor inserts a new competitor; a slug already in use is a *model.FieldError on
// "slug" wrapping ErrExists.
func (s *Store) CreateCompetitor(ctx context.Context, c model.Competitor, now time.Time) (model.Competitor, error) {
	c.Normalize()
	if _, err := getCompetitor(ctx, s.db, c.Slug); err == nil {
		return c, &model.FieldError{Field: "slug", Msg: fmt.Sprintf("%q is already used by another competitor", c.Slug)}
	}
	return s.SaveCompetitor(ctx, c, now)
}

// SaveCompetitor inserts or updates a competitor by slug, stamping updated_at with now when
// anything changed. Making
// a competitor our own product while another one is fails with a *model.FieldError on is_self.
func (s *Store) SaveCompetitor(ctx context.Context, c model.Competitor, now time.Time) (model.Competitor, error) {
	c.Normalize()
	// Let the upsert stamp updated_at, and only if something actually changed.
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.logged(ctx, scopeCompetitor(ctx, c.Slug), func(tx *sql.Tx) error {
		_, err := upsertCompetitor(ctx, tx, c, now)
		return err
	})
	if err != nil {
		return c, err
	}
	return s.Competitor(ctx, c.Slug)
}

// DeleteImpact counts what deleting a competitor takes with it, so a confirmation can say so.
type DeleteImpact struct {
	Support, Plans, Notes, Cards int
	// DealsOnlyThem are deals where this was the only competitor faced: they are deleted.
	DealsOnlyThem int
	// DealsShared are deals that also faced others: they stay, without this competitor.
	DealsShared int
}

// DeleteImpactOf reports what DeleteCompetitor would remove along with the competitor.
func (s *Store) DeleteImpactOf(ctx context.Context, slug string) (DeleteImpact, error) {
	var d DeleteImpact
	c, err := getCompetitor(ctx, s.db, slug)
	if err != nil {
		return d, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM support WHERE competitor_id = ?1),
			(SELECT count(*) FROM plans WHERE competitor_id = ?1),
			(SELECT count(*) FROM notes WHERE competitor_id = ?1),
			(SELECT count(*) FROM cards WHERE competitor_id = ?1),
			(SELECT count(*) FROM deal_competitors dc WHERE dc.competitor_id = ?1
				AND NOT EXISTS (SELECT 1 FROM deal_competitors o WHERE o.deal_id = dc.deal_id AND o.competitor_id <> ?1)),
			(SELECT count(*) FROM deal_competitors dc WHERE dc.competitor_id = ?1
				AND EXISTS (SELECT 1 FROM deal_competitors o WHERE o.deal_id = dc.deal_id AND o.competitor_id <> ?1))`,
		c.ID).Scan(&d.Support, &d.Plans, &d.Notes, &d.Cards, &d.DealsOnlyThem, &d.DealsShared)
	return d, err
}

// DeleteCompetitor removes a competitor and everything recorded about it: matrix cells, plans
// and their history, card and notes, the deals where it was the only competitor faced, and its
// place in deals that also faced others (the next competitor listed becomes the primary). It
// returns ErrNotFound when there is no such slug.
func (s *Store) DeleteCompetitor(ctx context.Context, slug string) error {
	return s.logged(ctx, scopeEverythingOf(ctx, slug), func(tx *sql.Tx) error {
		c, err := getCompetitor(ctx, tx, slug)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM deals WHERE id IN (
			SELECT dc.deal_id FROM deal_competitors dc WHERE dc.competitor_id = ?1
			AND NOT EXISTS (SELECT 1 FROM deal_competitors o WHERE o.deal_id = dc.deal_id AND o.competitor_id <> ?1))`, c.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM competitors WHERE id = ?`, c.ID)
		return err
	})
}

// upsertCompetitor writes c (already normalized and validated) and reports what happened.
// Timestamps missing from c are taken from the stored row or from now.
func upsertCompetitor(ctx context.Context, q querier, c model.Competitor, now time.Time) (change, error) {
	now = model.NormalizeTime(now)
	old, err := getCompetitor(ctx, q, c.Slug)
	exists := err == nil
	if err != nil && !errors.Is(err, ErrNotFound) {
		return 0, err
	}
	if c.IsSelf {
		var other string
		err := q.QueryRowContext(ctx, `SELECT slug FROM competitors WHERE is_self = 1 AND slug <> ?`, c.Slug).Scan(&other)
		if err == nil {
			return 0, &model.FieldError{Field: "is_self", Msg: fmt.Sprintf("%q is already our own product; only one competitor can be", other)}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	if exists {
		c.ID = old.ID
		if c.CreatedAt.IsZero() {
			c.CreatedAt = old.CreatedAt
		}
		if c.UpdatedAt.IsZero() {
			c.UpdatedAt = old.UpdatedAt
			if !equalJSON(old, c) {
				c.UpdatedAt = now
			}
		}
		if c.UpdatedAt.Before(c.CreatedAt) {
			return 0, &model.FieldError{Field: "updated_at", Msg: fmt.Sprintf("%s is before the stored created_at (%s)", encodeTime(c.UpdatedAt), encodeTime(c.CreatedAt))}
		}
		if equalJSON(old, c) {
			return unchanged, nil
		}
		_, err := q.ExecContext(ctx, `UPDATE competitors SET name=?, is_self=?, website=?, positioning=?,
			segments=?, headquarters=?, founded=?, size_band=?, threat=?, status=?, tags=?, created_at=?, updated_at=?,
			pricing_visibility=?, trial_days=?, freemium=?, typical_discount_percent=?, contract_terms=?
			WHERE id = ?`,
			c.Name, boolInt(c.IsSelf), c.Website, c.Positioning, encodeList(c.Segments), c.Headquarters,
			c.Founded, c.SizeBand, c.Threat, c.Status, encodeList(c.Tags), encodeTime(c.CreatedAt), encodeTime(c.UpdatedAt),
			c.Pricing.Visibility, c.Pricing.TrialDays, c.Pricing.Freemium, c.Pricing.DiscountPercent, c.Pricing.ContractTerms, c.ID)
		return updated, err
	}
	if c.CreatedAt.IsZero() {
		// A record that says when it was last updated existed by then at the latest.
		c.CreatedAt = now
		if !c.UpdatedAt.IsZero() && c.UpdatedAt.Before(now) {
			c.CreatedAt = c.UpdatedAt
		}
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.CreatedAt
	}
	_, err = q.ExecContext(ctx, `INSERT INTO competitors (slug, name, is_self, website, positioning, segments,
		headquarters, founded, size_band, threat, status, tags, created_at, updated_at,
		pricing_visibility, trial_days, freemium, typical_discount_percent, contract_terms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Slug, c.Name, boolInt(c.IsSelf), c.Website, c.Positioning, encodeList(c.Segments), c.Headquarters,
		c.Founded, c.SizeBand, c.Threat, c.Status, encodeList(c.Tags), encodeTime(c.CreatedAt), encodeTime(c.UpdatedAt),
		c.Pricing.Visibility, c.Pricing.TrialDays, c.Pricing.Freemium, c.Pricing.DiscountPercent, c.Pricing.ContractTerms)
	return inserted, err
}

// competitorIDs maps every slug to its row id.
func competitorIDs(ctx context.Context, q querier) (map[string]int64, error) {
	return idMap(ctx, q, `SELECT slug, id FROM competitors`)
}

// idMap runs a two-column (key, id) query into a map.
func idMap(ctx context.Context, q querier, query string) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, err
		}
		out[k] = id
	}
	return out, rows.Err()
}

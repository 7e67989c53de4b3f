package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rivals-app/rivals/model"
)

// Features returns every feature ordered by category, then name.
func (s *Store) Features(ctx context.Context) ([]model.Feature, error) {
	return listFeatures(ctx, s.db)
}

func listFeatures(ctx context.Context, q querier) ([]model.Feature, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, key, name, category, description, weight
		FROM features ORDER BY category COLLATE NOCASE, name COLLATE NOCASE, key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Feature
	for rows.Next() {
		var f model.Feature
		if err := rows.Scan(&f.ID, &f.Key, &f.Name, &f.Category, &f.Description, &f.Weight); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func upsertFeature(ctx context.Context, q querier, f model.Feature) (change, error) {
	var old model.Feature
	err := q.QueryRowContext(ctx, `SELECT id, key, name, category, description, weight FROM features WHERE key = ?`, f.Key).
		Scan(&old.ID, &old.Key, &old.Name, &old.Category, &old.Description, &old.Weight)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = q.ExecContext(ctx, `INSERT INTO features (key, name, category, description, weight) VALUES (?, ?, ?, ?, ?)`,
			f.Key, f.Name, f.Category, f.Description, f.Weight)
		return inserted, err
	case err != nil:
		return 0, err
	case equalJSON(old, f):
		return unchanged, nil
	}
	_, err = q.ExecContext(ctx, `UPDATE features SET name=?, category=?, description=?, weight=? WHERE id=?`,
		f.Name, f.Category, f.Description, f.Weight, old.ID)
	return updated, err
}

// Support returns the matrix cells recorded for one competitor (all competitors when slug is
// empty), ordered by competitor and feature key. Features without a cell are unknown.
func (s *Store) Support(ctx context.Context, slug string) ([]model.Support, error) {
	return listSupport(ctx, s.db, slug)
}

func listSupport(ctx context.Context, q querier, slug string) ([]model.Support, error) {
	where, args := "", []any(nil)
	if slug != "" {
		// One competitor's cells come straight from the primary key.
		where, args = "WHERE s.competitor_id = (SELECT id FROM competitors WHERE slug = ?)", []any{slug}
	}
	rows, err := q.QueryContext(ctx, `SELECT c.slug, f.key, s.level, s.note, s.source, s.verified_at
		FROM support s JOIN competitors c ON c.id = s.competitor_id JOIN features f ON f.id = s.feature_id
		`+where+` ORDER BY c.slug, f.key`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Support
	for rows.Next() {
		var sp model.Support
		var verified string
		if err := rows.Scan(&sp.Competitor, &sp.Feature, &sp.Level, &sp.Note, &sp.Source, &verified); err != nil {
			return nil, err
		}
		if sp.VerifiedAt, err = decodeDate(verified); err != nil {
			return nil, fmt.Errorf("support %s/%s verified_at: %w", sp.Competitor, sp.Feature, err)
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

func upsertSupport(ctx context.Context, q querier, sp model.Support, competitorID, featureID int64) (change, error) {
	var old model.Support
	var verified string
	err := q.QueryRowContext(ctx, `SELECT level, note, source, verified_at FROM support WHERE competitor_id = ? AND feature_id = ?`,
		competitorID, featureID).Scan(&old.Level, &old.Note, &old.Source, &verified)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = q.ExecContext(ctx, `INSERT INTO support (competitor_id, feature_id, level, note, source, verified_at)
			VALUES (?, ?, ?, ?, ?, ?)`, competitorID, featureID, sp.Level, sp.Note, sp.Source, sp.VerifiedAt.String())
		return inserted, err
	case err != nil:
		return 0, err
	}
	old.Competitor, old.Feature = sp.Competitor, sp.Feature
	if old.VerifiedAt, err = decodeDate(verified); err != nil {
		return 0, err
	}
	if equalJSON(old, sp) {
		return unchanged, nil
	}
	_, err = q.ExecContext(ctx, `UPDATE support SET level=?, note=?, source=?, verified_at=? WHERE competitor_id=? AND feature_id=?`,
		sp.Level, sp.Note, sp.Source, sp.VerifiedAt.String(), competitorID, featureID)
	return updated, err
}

// SaveSupport sets one matrix cell (competitor × feature), creating or replacing it.
func (s *Store) SaveSupport(ctx context.Context, sp model.Support) (model.Support, error) {
	sp.Normalize()
	if err := sp.Validate(); err != nil {
		return sp, err
	}
	err := s.logged(ctx, scopeCells(ctx, sp.Competitor, fixed(sp.Feature)), func(tx *sql.Tx) error {
		c, err := getCompetitor(ctx, tx, sp.Competitor)
		if err != nil {
			return err
		}
		var fid int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM features WHERE key = ?`, sp.Feature).Scan(&fid); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("feature %q: %w", sp.Feature, ErrNotFound)
			}
			return err
		}
		_, err = upsertSupport(ctx, tx, sp, c.ID, fid)
		return err
	})
	return sp, err
}

// SaveFeature creates a feature or updates the one with the same key.
func (s *Store) SaveFeature(ctx context.Context, f model.Feature) (model.Feature, error) {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return f, err
	}
	err := s.logged(ctx, scopeFeatures(ctx, false, fixed(f.Key)), func(tx *sql.Tx) error {
		_, err := upsertFeature(ctx, tx, f)
		return err
	})
	return f, err
}

// DeleteFeature removes a feature and its matrix cells; ErrNotFound when there is none.
func (s *Store) DeleteFeature(ctx context.Context, key string) error {
	return s.logged(ctx, scopeFeatures(ctx, true, fixed(key)), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM features WHERE key = ?`, key)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("feature %q: %w", key, ErrNotFound)
		}
		return nil
	})
}

// RenameCategory moves every feature of one category to another name (merging when it exists)
// and returns how many features moved.
func (s *Store) RenameCategory(ctx context.Context, from, to string) (int, error) {
	probe := model.Feature{Key: "k", Name: "n", Category: to}
	probe.Normalize()
	if err := probe.Validate(); err != nil {
		return 0, err
	}
	var n int64
	err := s.logged(ctx, scopeFeatures(ctx, false, once(featuresIn(ctx, from))), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE features SET category = ? WHERE category = ?`, probe.Category, from)
		if err != nil {
			return err
		}
		if n, _ = res.RowsAffected(); n == 0 {
			return fmt.Errorf("category %q: %w", from, ErrNotFound)
		}
		return nil
	})
	return int(n), err
}

// MarkVerified stamps every recorded cell of one competitor in one category as verified on
// date, and returns how many cells it touched. Features with no cell stay unknown: verifying
// means re-checking facts on record, not inventing them.
func (s *Store) MarkVerified(ctx context.Context, slug, category string, date model.Date) (int, error) {
	var n int64
	err := s.logged(ctx, scopeCells(ctx, slug, once(featuresIn(ctx, category))), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE support SET verified_at = ?
			WHERE competitor_id = (SELECT id FROM competitors WHERE slug = ?)
			AND feature_id IN (SELECT id FROM features WHERE category = ?)`, date.String(), slug, category)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

// featuresIn reads the keys of the features of one category.
func featuresIn(ctx context.Context, category string) func(querier) ([]string, error) {
	return func(q querier) ([]string, error) {
		rows, err := q.QueryContext(ctx, `SELECT key FROM features WHERE category = ? ORDER BY key`, category)
		if err != nil {
			return nil, err
		}
		return scanStrings(rows)
	}
}

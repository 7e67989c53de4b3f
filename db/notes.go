package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rivals-app/rivals/model"
)

// SaveNote inserts a note (n.ID == 0) or updates the note with n.ID, returning it as stored.
// Another note with the same competitor, date and title is a *model.FieldError on "title".
func (s *Store) SaveNote(ctx context.Context, n model.IntelNote) (model.IntelNote, error) {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return n, err
	}
	err := s.logged(ctx, scopeNote(ctx, &n.ID), func(tx *sql.Tx) error {
		c, err := getCompetitor(ctx, tx, n.Competitor)
		if err != nil {
			return err
		}
		var other int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM notes WHERE competitor_id = ? AND noted_at = ? AND title = ? AND id <> ?`,
			c.ID, n.Date.String(), n.Title, n.ID).Scan(&other)
		if err == nil {
			return &model.FieldError{Field: "title", Msg: "another note about this competitor has the same date and title"}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if n.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO notes (competitor_id, noted_at, title, body, source, tags) VALUES (?, ?, ?, ?, ?, ?)`,
				c.ID, n.Date.String(), n.Title, n.Body, n.Source, encodeList(n.Tags))
			if err != nil {
				return err
			}
			n.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE notes SET competitor_id = ?, noted_at = ?, title = ?, body = ?, source = ?, tags = ? WHERE id = ?`,
			c.ID, n.Date.String(), n.Title, n.Body, n.Source, encodeList(n.Tags), n.ID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("note %d: %w", n.ID, ErrNotFound)
		}
		return nil
	})
	return n, err
}

// DeleteNote removes a note by id; ErrNotFound when there is none.
func (s *Store) DeleteNote(ctx context.Context, id int64) error {
	return s.logged(ctx, scopeNote(ctx, &id), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM notes WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("note %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

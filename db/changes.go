package db

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rivals-app/rivals/model"
)

const changeColumns = `c.id, c.set_id, s.at, s.author, s.source, COALESCE(s.reverts, 0), s.import, c.kind, c.op,
	c.competitor, c.key, c.fields, c.old, c.new`

func scanChange(row interface{ Scan(...any) error }) (model.Change, error) {
	var ch model.Change
	var at, fields string
	var old, new sql.NullString
	if err := row.Scan(&ch.ID, &ch.Set, &at, &ch.Author, &ch.Source, &ch.Reverts, &ch.Imported, &ch.Kind, &ch.Op,
		&ch.Competitor, &ch.Key, &fields, &old, &new); err != nil {
		return ch, err
	}
	var err error
	if ch.At, err = decodeTime(at); err != nil {
		return ch, fmt.Errorf("change %d at: %w", ch.ID, err)
	}
	setValues(&ch, fields, old, new)
	return ch, nil
}

// idList writes ids as a JSON array, for json_each.
func idList(ids []int64) string {
	b := make([]byte, 0, len(ids)*8+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// setValues sets a change's fields and its values before and after, as stored.
func setValues(ch *model.Change, fields string, old, new sql.NullString) {
	if fields != "" {
		ch.Fields = strings.Split(fields, ",")
	}
	if old.Valid {
		ch.Old = []byte(old.String)
	}
	if new.Valid {
		ch.New = []byte(new.String)
	}
}

// Changes reads the change history, newest first, narrowed by f.
func (s *Store) Changes(ctx context.Context, f model.ChangeFilter) ([]model.Change, error) {
	return listChanges(ctx, s.db, f)
}

// Changes reads the change history as of the snapshot, newest first, narrowed by f.
func (snap *Snapshot) Changes(ctx context.Context, f model.ChangeFilter) ([]model.Change, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listChanges(ctx, q, f)
}

func listChanges(ctx context.Context, q querier, f model.ChangeFilter) ([]model.Change, error) {
	var where []string
	var args []any
	if !f.Since.IsZero() {
		where, args = append(where, "s.at >= ?"), append(args, encodeTime(f.Since))
	}
	if !f.Until.IsZero() {
		where, args = append(where, "s.at < ?"), append(args, encodeTime(f.Until))
	}
	if f.Competitor != "" {
		where, args = append(where, "c.competitor = ?"), append(args, f.Competitor)
	}
	if f.Author != "" {
		where, args = append(where, "s.author = ?"), append(args, f.Author)
	}
	if f.Kind != "" {
		where, args = append(where, "c.kind = ?"), append(args, string(f.Kind))
	}
	if f.AfterID > 0 {
		where, args = append(where, "c.id > ?"), append(args, f.AfterID)
	}
	if f.Since.IsZero() && f.Until.IsZero() && f.Author == "" {
		return newestChanges(ctx, q, where, args, f.Limit)
	}
	query := `SELECT ` + changeColumns + ` FROM changes c JOIN change_sets s ON s.id = c.set_id`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	query += ` ORDER BY c.id DESC`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Change
	for rows.Next() {
		ch, err := scanChange(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ch)
	}
	return out, rows.Err()
}

// newestChanges is listChanges narrowed by the changes' own columns only: the newest are read
// backwards along their ids, which a LIMIT stops early, and then their sets by id. Joined in
// one query, the planner may lead with the change sets (far fewer, and counted fewer still
// when the statistics predate a run of edits) and sort every change of them: all 700,000 of
// a large import, for the newest 200.
func newestChanges(ctx context.Context, q querier, where []string, args []any, limit int) ([]model.Change, error) {
	query := `SELECT c.id, c.set_id, c.kind, c.op, c.competitor, c.key, c.fields, c.old, c.new FROM changes c`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, " AND ")
	}
	query += ` ORDER BY c.id DESC`
	if limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []model.Change
	var sets []int64
	for rows.Next() {
		var ch model.Change
		var fields string
		var old, new sql.NullString
		if err := rows.Scan(&ch.ID, &ch.Set, &ch.Kind, &ch.Op, &ch.Competitor, &ch.Key, &fields, &old, &new); err != nil {
			rows.Close()
			return nil, err
		}
		setValues(&ch, fields, old, new)
		if len(sets) == 0 || sets[len(sets)-1] != ch.Set {
			sets = append(sets, ch.Set)
		}
		out = append(out, ch)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	type set struct {
		at, author, source string
		reverts            int64
		imported           bool
	}
	of := map[int64]set{}
	setRows, err := q.QueryContext(ctx, `SELECT id, at, author, source, COALESCE(reverts, 0), import FROM change_sets
		WHERE id IN (SELECT value FROM json_each(?))`, idList(sets))
	if err != nil {
		return nil, err
	}
	defer setRows.Close()
	for setRows.Next() {
		var id int64
		var s set
		if err := setRows.Scan(&id, &s.at, &s.author, &s.source, &s.reverts, &s.imported); err != nil {
			return nil, err
		}
		of[id] = s
	}
	if err := setRows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		ch := &out[i]
		s := of[ch.Set]
		ch.Author, ch.Source, ch.Reverts, ch.Imported = s.author, s.source, s.reverts, s.imported
		if ch.At, err = decodeTime(s.at); err != nil {
			return nil, fmt.Errorf("change %d at: %w", ch.ID, err)
		}
	}
	return out, nil
}

// Change reads one change; ErrNotFound when there is none.
func (s *Store) Change(ctx context.Context, id int64) (model.Change, error) {
	ch, err := scanChange(s.db.QueryRowContext(ctx, `SELECT `+changeColumns+` FROM changes c
		JOIN change_sets s ON s.id = c.set_id WHERE c.id = ?`, id))
	if missing(err) {
		return ch, fmt.Errorf("change %d: %w", id, ErrNotFound)
	}
	return ch, err
}

// PruneChanges removes from the history every change set made before before, and returns how
// many changes went with them. The catalog itself is not touched.
func (s *Store) PruneChanges(ctx context.Context, before time.Time) (int, error) {
	var n int
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM changes WHERE set_id IN
			(SELECT id FROM change_sets WHERE at < ?)`, encodeTime(before)).Scan(&n); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM changes WHERE set_id IN (SELECT id FROM change_sets WHERE at < ?)`, encodeTime(before)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM change_sets WHERE at < ?`, encodeTime(before))
		return err
	})
	return n, err
}

// LastChangeID is the id of the newest change, 0 when there is none.
func (s *Store) LastChangeID(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM changes`).Scan(&id)
	return id, err
}

// SeenThrough is the newest change the author had seen when they last marked the history
// seen (see MarkSeen), 0 when they never did.
func (s *Store) SeenThrough(ctx context.Context, author string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT seen_through FROM change_readers WHERE author = ?`, author).Scan(&id)
	if missing(err) {
		return 0, nil
	}
	return id, err
}

// MarkSeen remembers that the author has seen the history up to change id. It is not itself a
// change of the catalog, and needs no write if nothing new was seen.
func (s *Store) MarkSeen(ctx context.Context, author string, id int64) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO change_readers (author, seen_through) VALUES (?, ?)
			ON CONFLICT (author) DO UPDATE SET seen_through = max(seen_through, excluded.seen_through)`, author, id)
		return err
	})
}

// HistorySize counts the change history's entries and the bytes its tables and indexes take
// in the file (pages of 4 KiB; 0 bytes when SQLite was built without the dbstat table).
func (snap *Snapshot) HistorySize(ctx context.Context) (entries, bytes int64, err error) {
	q, err := snap.q()
	if err != nil {
		return 0, 0, err
	}
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM changes`).Scan(&entries); err != nil {
		return 0, 0, err
	}
	err = q.QueryRowContext(ctx, `SELECT COALESCE(SUM(pgsize), 0) FROM dbstat
		WHERE name IN ('changes', 'change_sets', 'changes_set', 'change_sets_at', 'change_readers')`).Scan(&bytes)
	if err != nil {
		return entries, 0, nil
	}
	return entries, bytes, nil
}

// ChangedSince counts, per competitor ("" for the catalog as a whole), the changes made after
// change afterID by authors other than author, and returns the newest change's id.
func (s *Store) ChangedSince(ctx context.Context, afterID int64, author string) (map[string]int, int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.competitor, count(*) FROM changes c JOIN change_sets s ON s.id = c.set_id
		WHERE c.id > ? AND s.author <> ? GROUP BY c.competitor`, afterID, author)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var slug string
		var n int
		if err := rows.Scan(&slug, &n); err != nil {
			return nil, 0, err
		}
		out[slug] = n
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	last, err := s.LastChangeID(ctx)
	return out, last, err
}

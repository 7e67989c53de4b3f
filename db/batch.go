package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// batcher inserts rows into one table through multi-row INSERT statements: a large import
// spends most of its time in per-statement overhead, so rows go in batches, through one
// statement prepared for a full batch.
type batcher struct {
	ctx  context.Context
	tx   *sql.Tx
	head string // "INSERT INTO t (a, b) VALUES "
	cols int
	size int // rows per full batch
	stmt *sql.Stmt
	args []any
}

// maxBatchParams keeps a batch well under SQLite's limit on bound parameters.
const maxBatchParams = 900

func newBatcher(ctx context.Context, tx *sql.Tx, head string, cols int) *batcher {
	return &batcher{ctx: ctx, tx: tx, head: head, cols: cols, size: max(1, maxBatchParams/cols)}
}

// add queues one row of values.
func (b *batcher) add(vals ...any) {
	b.args = append(b.args, vals...)
}

// full reports whether a whole batch is queued.
func (b *batcher) full() bool { return len(b.args) >= b.size*b.cols }

// flush writes every queued row.
func (b *batcher) flush() error { return b.write(1) }

// flushFull writes the queued full batches and keeps the rest queued, so that every batch but
// the last goes through the one prepared statement.
func (b *batcher) flushFull() error { return b.write(b.size) }

// write writes queued rows while at least minRows are queued, then moves any rest to the front
// of the queue so its storage is reused.
func (b *batcher) write(minRows int) error {
	done := 0
	for queued := len(b.args) - done; queued > 0 && queued >= minRows*b.cols; queued = len(b.args) - done {
		rows := min(queued/b.cols, b.size)
		chunk := b.args[done : done+rows*b.cols]
		var err error
		if rows == b.size {
			if b.stmt == nil {
				if b.stmt, err = b.tx.PrepareContext(b.ctx, batchSQL(b.head, rows, b.cols)); err != nil {
					return err
				}
			}
			_, err = b.stmt.ExecContext(b.ctx, chunk...)
		} else {
			_, err = b.tx.ExecContext(b.ctx, batchSQL(b.head, rows, b.cols), chunk...)
		}
		if err != nil {
			return err
		}
		done += rows * b.cols
	}
	n := copy(b.args, b.args[done:])
	clear(b.args[n:])
	b.args = b.args[:n]
	return nil
}

// close releases the prepared statement.
func (b *batcher) close() {
	if b.stmt != nil {
		b.stmt.Close()
	}
}

// batchSQL builds a multi-row INSERT of rows rows of cols placeholders.
func batchSQL(head string, rows, cols int) string {
	var b strings.Builder
	b.WriteString(head)
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// deferIndexing stops a search index from being fed row by row by its insert trigger (the
// index flushes at every statement, which dominates a large import) and returns the function
// that indexes the rows added since in one pass (ftsInsert selects them by id > ?) and
// restores the trigger. Both run inside the import's transaction, so an interrupted import
// leaves the trigger and the index exactly as they were.
func deferIndexing(ctx context.Context, tx *sql.Tx, table, trigger, ftsInsert string) (func() error, error) {
	var maxID int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table).Scan(&maxID); err != nil {
		return nil, err
	}
	restore, err := suspendSchema(ctx, tx, trigger)
	if err != nil {
		return nil, err
	}
	return func() error {
		if _, err := tx.ExecContext(ctx, ftsInsert, maxID); err != nil {
			return err
		}
		return restore()
	}, nil
}

// suspendSchema drops the named triggers or indexes and returns the function that creates
// them again from their stored definitions. A bulk insert is cheaper without an index that
// is rebuilt in one sorted pass afterwards. Both run inside the caller's transaction, so an
// interrupted import leaves the schema as it was.
func suspendSchema(ctx context.Context, tx *sql.Tx, names ...string) (func() error, error) {
	creates := make([]string, 0, len(names))
	for _, name := range names {
		var kind, create string
		if err := tx.QueryRowContext(ctx, `SELECT type, sql FROM sqlite_master WHERE name = ? AND type IN ('trigger', 'index')`, name).Scan(&kind, &create); err != nil {
			return nil, fmt.Errorf("schema object %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `DROP `+strings.ToUpper(kind)+` `+name); err != nil {
			return nil, err
		}
		creates = append(creates, create)
	}
	return func() error {
		for _, create := range creates {
			if _, err := tx.ExecContext(ctx, create); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

package db

import (
	"context"
	"database/sql"
)

// maxPrepared bounds the statements a preparedTx keeps: the per-record statements of an
// import, or the per-card queries of a snapshot, are a few dozen; SQL built per call (lists
// of placeholders) runs unprepared beyond.
const maxPrepared = 128

// preparedTx runs statements that repeat on one transaction: an import's per-record
// statements, or the queries a snapshot view runs for each card (Snapshot.Prepared). Each SQL
// text is prepared once and kept until the transaction ends, so a record already stored (the
// whole of an import run again) costs no parsing and planning of the statements that compare
// it. Statements run without watching for cancellation, which would start a goroutine per
// statement: the context it was made with is checked before each one instead, so a cancelled
// import or export stops at its next statement.
type preparedTx struct {
	ctx   context.Context // the import's context, checked before each statement
	quiet context.Context // the same without its cancellation, for running statements
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newPreparedTx(ctx context.Context, tx *sql.Tx) *preparedTx {
	return &preparedTx{ctx: ctx, quiet: context.WithoutCancel(ctx), tx: tx, stmts: map[string]*sql.Stmt{}}
}

// stmt returns the prepared statement of query, or nil when it is to run unprepared (too many
// kept, or its preparation failed: running it unprepared reports the error).
func (p *preparedTx) stmt(query string) *sql.Stmt {
	if s, ok := p.stmts[query]; ok {
		return s
	}
	if len(p.stmts) >= maxPrepared {
		return nil
	}
	s, err := p.tx.PrepareContext(p.quiet, query)
	if err != nil {
		return nil
	}
	p.stmts[query] = s
	return s
}

// runCtx is the context to run a statement under: the quiet one for the import's own context,
// unless it is cancelled already (the statement then fails with its error).
func (p *preparedTx) runCtx(ctx context.Context) context.Context {
	if ctx == p.ctx && ctx.Err() == nil {
		return p.quiet
	}
	return ctx
}

// ExecContext runs a statement that returns no rows.
func (p *preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx = p.runCtx(ctx)
	if s := p.stmt(query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return p.tx.ExecContext(ctx, query, args...)
}

// QueryContext runs a query.
func (p *preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = p.runCtx(ctx)
	if s := p.stmt(query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a query for at most one row.
func (p *preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	ctx = p.runCtx(ctx)
	if s := p.stmt(query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.tx.QueryRowContext(ctx, query, args...)
}

// close releases the statements (the transaction's end would too).
func (p *preparedTx) close() {
	for q, s := range p.stmts {
		s.Close()
		delete(p.stmts, q)
	}
}

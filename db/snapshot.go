package db

import (
	"context"
	"database/sql"
	"errors"

	"github.com/rivals-app/rivals/model"
)

// ErrSnapshotClosed means a Snapshot was read after Close (or after the context it was taken
// with ended, which closes it too).
var ErrSnapshotClosed = errors.New("the catalog snapshot is closed; take a new one")

// Snapshot is one consistent state of the catalog. Every read through it sees the database as
// it was when the snapshot was taken, whatever another process, or another connection of this
// one, commits meanwhile: a reader that needs competitors, plans and deals never sees half of
// someone else's import. It is one read transaction; in WAL mode it neither waits for a writer
// nor makes one wait.
//
// A Snapshot is a plain value for one goroutine at a time: it can be handed from one goroutine
// to another, but two must not read through it at once. It holds a connection until Close,
// and while it is open the write-ahead log cannot be checkpointed past the state it reads, so
// the log keeps growing under a busy writer: close it as soon as the reading is done.
type Snapshot struct {
	tx   *sql.Tx
	path string
	// prepared, on a snapshot Prepared made, runs its queries.
	prepared *preparedTx
}

// Snapshot takes a snapshot of the catalog as it is now. ctx bounds its life: when ctx ends,
// the snapshot is closed and its reads fail. Close it when done.
func (s *Store) Snapshot(ctx context.Context) (*Snapshot, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	// A transaction sees the state of the database at its first read, not at BEGIN: read
	// once now, so the snapshot is of the moment it was taken rather than of its first use.
	var tables int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
		tx.Rollback()
		return nil, err
	}
	return &Snapshot{tx: tx, path: s.path}, nil
}

// Read runs fn over a snapshot taken for it, closing the snapshot when fn returns.
func (s *Store) Read(ctx context.Context, fn func(*Snapshot) error) error {
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return err
	}
	defer snap.Close()
	return fn(snap)
}

// readOne reads one value through a snapshot of its own, so that a Store method made of
// several queries is consistent by itself.
func readOne[T any](ctx context.Context, s *Store, read func(*Snapshot) (T, error)) (T, error) {
	snap, err := s.Snapshot(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	defer snap.Close()
	return read(snap)
}

// Prepared returns a view of the snapshot that runs each query through a statement prepared
// the first time and kept while the view lasts, without a goroutine watching ctx for each one
// (ctx is looked at before each query instead): for a command that runs the same few queries
// over and over, such as the export of every battle card. Reads made with ctx through the
// view see the same snapshot. Closing the view releases its statements only; close the
// snapshot it came from when done.
func (snap *Snapshot) Prepared(ctx context.Context) *Snapshot {
	return &Snapshot{tx: snap.tx, path: snap.path, prepared: newPreparedTx(ctx, snap.tx)}
}

// Path returns the database file the snapshot reads.
func (snap *Snapshot) Path() string { return snap.path }

// Close ends the snapshot and gives its connection back. Closing it again does nothing.
func (snap *Snapshot) Close() error {
	if snap == nil || snap.tx == nil {
		return nil
	}
	if snap.prepared != nil {
		snap.prepared.close()
		snap.tx = nil
		return nil
	}
	tx := snap.tx
	snap.tx = nil
	if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}

// q is what the snapshot's reads run on, or ErrSnapshotClosed.
func (snap *Snapshot) q() (querier, error) {
	if snap == nil || snap.tx == nil {
		return nil, ErrSnapshotClosed
	}
	if snap.prepared != nil {
		return snap.prepared, nil
	}
	return snap.tx, nil
}

// Competitors returns every competitor, our own product first, then by name.
func (snap *Snapshot) Competitors(ctx context.Context) ([]model.Competitor, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listCompetitors(ctx, q)
}

// Competitor returns the competitor with the given slug, or ErrNotFound.
func (snap *Snapshot) Competitor(ctx context.Context, slug string) (model.Competitor, error) {
	q, err := snap.q()
	if err != nil {
		return model.Competitor{}, err
	}
	return getCompetitor(ctx, q, slug)
}

// Features returns every feature ordered by category, then name.
func (snap *Snapshot) Features(ctx context.Context) ([]model.Feature, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listFeatures(ctx, q)
}

// Support returns the matrix cells recorded for one competitor (all competitors when slug is
// empty), ordered by competitor and feature key. Features without a cell are unknown.
func (snap *Snapshot) Support(ctx context.Context, slug string) ([]model.Support, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listSupport(ctx, q, slug)
}

// Plans returns the pricing plans of one competitor (all competitors when slug is empty) in
// their stored order, each with its full price history oldest first.
func (snap *Snapshot) Plans(ctx context.Context, slug string) ([]model.PricePlan, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listPlans(ctx, q, slug)
}

// ReasonCodes returns the managed list of win/loss reasons ordered by code.
func (snap *Snapshot) ReasonCodes(ctx context.Context) ([]model.ReasonCode, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listReasonCodes(ctx, q)
}

// ReasonUses counts the deals citing each reason code; codes no deal cites are left out. The
// counts are kept as deals are written (reason_tally), so this reads no deal.
func (snap *Snapshot) ReasonUses(ctx context.Context) (map[string]int, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT r.code, sum(t.deals) FROM reason_tally t JOIN reason_codes r ON r.id = t.reason_id GROUP BY r.code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	uses := map[string]int{}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return nil, err
		}
		uses[code] = n
	}
	return uses, rows.Err()
}

// Deals returns win/loss records, newest first, with their competitors and reasons.
func (snap *Snapshot) Deals(ctx context.Context, f DealFilter) ([]model.Deal, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listDeals(ctx, q, f)
}

// Cards returns every battle card ordered by competitor slug.
func (snap *Snapshot) Cards(ctx context.Context) ([]model.BattleCard, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listCards(ctx, q, "")
}

// Card returns the battle card of a competitor, or ErrNotFound when it has none.
func (snap *Snapshot) Card(ctx context.Context, slug string) (model.BattleCard, error) {
	q, err := snap.q()
	if err != nil {
		return model.BattleCard{}, err
	}
	return getCard(ctx, q, slug)
}

// Notes returns the intel notes about one competitor (all when slug is empty), newest first.
func (snap *Snapshot) Notes(ctx context.Context, slug string) ([]model.IntelNote, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listNotes(ctx, q, slug)
}

// Rates returns the rate in use for every currency pair, ordered by currency then base.
func (snap *Snapshot) Rates(ctx context.Context) (model.FXTable, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return listRates(ctx, q)
}

// Tallies summarizes every competitor by counting in the database (see Store.Tallies).
func (snap *Snapshot) Tallies(ctx context.Context, today model.Date) (map[string]model.ProfileTally, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return tallies(ctx, q, today)
}

// DealFacets lists the distinct segments and regions deals were recorded with, sorted, for
// suggestions.
func (snap *Snapshot) DealFacets(ctx context.Context) (segments, regions []string, err error) {
	q, err := snap.q()
	if err != nil {
		return nil, nil, err
	}
	return dealFacets(ctx, q)
}

// Stats counts the records of each catalog kind, keyed like the catalog format.
func (snap *Snapshot) Stats(ctx context.Context) (map[string]int, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return stats(ctx, q)
}

// Labels lists the note titles, deal accounts and battle-card bullets the search palette
// matches, all of them or one competitor's (see Store.Labels).
func (snap *Snapshot) Labels(ctx context.Context, slug string) ([]Label, error) {
	q, err := snap.q()
	if err != nil {
		return nil, err
	}
	return labels(ctx, q, slug)
}

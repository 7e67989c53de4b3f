package db

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// The query planner chooses between indexes by the statistics ANALYZE keeps in sqlite_stat1.
// Without them it guesses, and on a large catalog some guesses (scan the matrix, then sort
// it) cost seconds. They are refreshed after every import that changed a good part of a table,
// and made on open for a file that has data but none (one written by an older rivals).

// statsSampleRows bounds how many rows of each index ANALYZE reads (PRAGMA analysis_limit):
// the planner needs proportions, not exact counts, and sampling keeps the work to a fraction
// of a second whatever the size of the catalog.
const statsSampleRows = 1000

// staleShare is the share of a table's rows an import must add or change for its statistics
// to be made again: one part in staleShare.
const staleShare = 10

// indexedTables names the tables (with indexes the planner weighs) each kind of record is stored in.
var indexedTables = map[string][]string{
	model.KindCompetitors: {"competitors"},
	model.KindFeatures:    {"features"},
	model.KindSupport:     {"support"},
	model.KindPlans:       {"plans", "price_observations"},
	model.KindReasonCodes: {"reason_codes"},
	model.KindDeals:       {"deals", "deal_competitors", "deal_reasons"},
	model.KindCards:       {"cards", "card_items"},
	model.KindNotes:       {"notes"},
}

// refreshStatistics runs after an import committed: tables in which it added or changed more
// than a tenth of the rows the statistics knew of (or which have none) are analyzed again,
// then PRAGMA optimize does what else SQLite finds useful. It is best effort: the import is
// done, and a failure here (another process holding the write lock) only leaves the old
// statistics in place.
func (s *Store) refreshStatistics(ctx context.Context, rep ImportReport) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	known, err := statRows(ctx, conn)
	if err != nil {
		return
	}
	var stale []string
	for kind, c := range rep.Kinds {
		changed := c.New + c.Updated
		if changed == 0 {
			continue
		}
		for _, table := range indexedTables[kind] {
			if rows, ok := known[table]; !ok || changed*staleShare > rows {
				stale = append(stale, table)
			}
		}
	}
	analyze(ctx, conn, stale)
}

// analyze makes the statistics of tables again, sampled, then runs PRAGMA optimize.
func analyze(ctx context.Context, conn *sql.Conn, tables []string) {
	if _, err := conn.ExecContext(ctx, "PRAGMA analysis_limit = "+strconv.Itoa(statsSampleRows)); err != nil {
		return
	}
	for _, table := range tables {
		// Table names come from indexedTables, never from input.
		if _, err := conn.ExecContext(ctx, "ANALYZE "+table); err != nil {
			return
		}
	}
	conn.ExecContext(ctx, "PRAGMA optimize")
}

// statRows reads how many rows sqlite_stat1 says each table has (none when it does not exist).
func statRows(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[string]int, error) {
	out := map[string]int{}
	var exists int
	rows, err := q.QueryContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'`)
	if err != nil {
		return nil, err
	}
	if rows.Next() {
		rows.Scan(&exists)
	}
	rows.Close()
	if exists == 0 {
		return out, rows.Err()
	}
	rows, err = q.QueryContext(ctx, `SELECT tbl, stat FROM sqlite_stat1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var table string
		var stat sql.NullString
		if err := rows.Scan(&table, &stat); err != nil {
			return nil, err
		}
		first, _, _ := strings.Cut(stat.String, " ")
		n, _ := strconv.Atoi(first)
		out[table] = max(out[table], n)
	}
	return out, rows.Err()
}

// analyzeIfNeverAnalyzed makes the statistics of a file that has catalog data but none at all
// (written by an older rivals, or by a tool): a check of one system table, so that opening any
// other file costs nothing measurable. It waits for no other process: with the file busy, the
// next open tries again.
func (s *Store) analyzeIfNeverAnalyzed(ctx context.Context) {
	var analyzed, hasData bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'),
		EXISTS (SELECT 1 FROM competitors)`).Scan(&analyzed, &hasData); err != nil || analyzed || !hasData {
		return
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return
	}
	// The connection goes back to the pool: give it back its usual patience.
	defer conn.ExecContext(ctx, "PRAGMA busy_timeout = "+strconv.FormatInt(s.busyTimeout.Milliseconds(), 10))
	var tables []string
	for _, kind := range model.CatalogKinds {
		tables = append(tables, indexedTables[kind]...)
	}
	analyze(ctx, conn, tables)
}

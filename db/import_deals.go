package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// bulkDealsMin is the number of new deals from which an import indexes their text for search in
// one pass at the end instead of row by row.
const bulkDealsMin = 1000

// deals imports the deals. New deals (the common case of a large CRM import) are inserted
// through prepared statements without looking them up first; existing ones go through the
// general upsert, which compares them field by field.
func (im *importer) deals(cat model.Catalog) error {
	if len(cat.Deals) == 0 {
		return nil
	}
	comps, err := competitorIDs(im.ctx, im.tx)
	if err != nil {
		return err
	}
	reasons, err := idMap(im.ctx, im.tx, `SELECT code, id FROM reason_codes`)
	if err != nil {
		return err
	}
	existing, err := idMap(im.ctx, im.tx, `SELECT ref, id FROM deals`)
	if err != nil {
		return err
	}
	fresh := 0
	for _, d := range cat.Deals {
		if _, ok := existing[d.Ref]; !ok {
			fresh++
		}
	}
	ins, err := prepareDealInserts(im.ctx, im.tx, comps, reasons)
	if err != nil {
		return err
	}
	defer ins.Close()
	var restore func() error
	if fresh >= bulkDealsMin {
		if restore, err = deferDealIndexing(im.ctx, im.tx); err != nil {
			return err
		}
	}
	// On an error the whole transaction rolls back, the search trigger with it.
	if err := im.writeDeals(cat, comps, reasons, existing, ins); err != nil {
		return err
	}
	if err := ins.flush(); err != nil {
		return err
	}
	if restore != nil {
		return restore()
	}
	return nil
}

// writeDeals validates and writes each deal.
func (im *importer) writeDeals(cat model.Catalog, comps, reasons, existing map[string]int64, ins *dealInserts) (err error) {
	seen := make(map[string]int, len(cat.Deals))
	for i, d := range cat.Deals {
		if err = d.Validate(); err != nil {
			return recErr(model.KindDeals, i, err)
		}
		if j := unique(seen, d.Ref, i); j >= 0 {
			err = recErr(model.KindDeals, i, &model.FieldError{Field: "ref", Msg: fmt.Sprintf("%q is already used by deals[%d]", d.Ref, j)})
			return err
		}
		for k, slug := range d.Competitors {
			if _, err = resolve(comps, fmt.Sprintf("competitors[%d]", k), "competitor", slug); err != nil {
				return recErr(model.KindDeals, i, err)
			}
		}
		for k, code := range d.Reasons {
			if _, err = resolve(reasons, fmt.Sprintf("reasons[%d]", k), "reason code (add it to reason_codes)", code); err != nil {
				return recErr(model.KindDeals, i, err)
			}
		}
		if _, ok := existing[d.Ref]; !ok {
			if err = ins.insert(d); err != nil {
				return recErr(model.KindDeals, i, err)
			}
			im.rep.Kinds[model.KindDeals].add(inserted)
			continue
		}
		if err = im.apply(model.KindDeals, i, func() (change, error) { return upsertDeal(im.ctx, im.tx, d, comps, reasons) }); err != nil {
			return err
		}
	}
	return nil
}

// dealBatch is how many new deals go into one multi-row INSERT: fewer statements is what
// makes a large import fast, and 64 rows of 12 values stay far below SQLite's parameter limit.
const dealBatch = 64

// dealInserts writes new deals in batches through prepared multi-row statements. Ids are given
// explicitly, counting up from the largest stored one: the import holds the write lock, so no
// one else can take them, and the link rows can be written without reading ids back.
type dealInserts struct {
	ctx     context.Context
	tx      *sql.Tx
	nextID  int64
	pending []model.Deal
	ids     []int64
	comps   map[string]int64
	reasons map[string]int64
	full    [3]*sql.Stmt // prepared for dealBatch rows: deals, competitors, reasons
}

func prepareDealInserts(ctx context.Context, tx *sql.Tx, comps, reasons map[string]int64) (*dealInserts, error) {
	ins := &dealInserts{ctx: ctx, tx: tx, comps: comps, reasons: reasons}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM deals`).Scan(&ins.nextID); err != nil {
		return nil, err
	}
	return ins, nil
}

// Close releases the statements.
func (ins *dealInserts) Close() {
	for _, st := range ins.full {
		if st != nil {
			st.Close()
		}
	}
}

// insert queues a new deal (its competitors and reasons are resolved), writing a batch when
// it is full.
func (ins *dealInserts) insert(d model.Deal) error {
	ins.pending = append(ins.pending, d)
	ins.ids = append(ins.ids, ins.nextID)
	ins.nextID++
	if len(ins.pending) == dealBatch {
		return ins.flush()
	}
	return nil
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

var batchHeads = [3]struct {
	head string
	cols int
}{
	{`INSERT INTO deals (id, ref, account, closed_at, outcome, amount, currency, segment, region, stage, quote, notes, source) VALUES `, 13},
	{`INSERT INTO deal_competitors (deal_id, competitor_id, position) VALUES `, 3},
	{`INSERT INTO deal_reasons (deal_id, reason_id, position, is_primary) VALUES `, 4},
}

// exec runs table t's insert of the given values, rows rows of them, with the statement
// prepared once for full batches.
func (ins *dealInserts) exec(t int, rows int, args []any) error {
	if rows == 0 {
		return nil
	}
	if rows == dealBatch {
		if ins.full[t] == nil {
			st, err := ins.tx.PrepareContext(ins.ctx, batchSQL(batchHeads[t].head, dealBatch, batchHeads[t].cols))
			if err != nil {
				return err
			}
			ins.full[t] = st
		}
		_, err := ins.full[t].ExecContext(ins.ctx, args...)
		return err
	}
	_, err := ins.tx.ExecContext(ins.ctx, batchSQL(batchHeads[t].head, rows, batchHeads[t].cols), args...)
	return err
}

// flush writes the queued deals and their links.
func (ins *dealInserts) flush() error {
	if len(ins.pending) == 0 {
		return nil
	}
	args := make([]any, 0, len(ins.pending)*13)
	var links, reasons [][]any
	for i, d := range ins.pending {
		id := ins.ids[i]
		args = append(args, id, d.Ref, d.Account, d.ClosedAt.String(), d.Outcome, d.Amount, d.Currency, d.Segment,
			d.Region, d.Stage, d.Quote, d.Notes, d.Source)
		for k, slug := range d.Competitors {
			links = append(links, []any{id, ins.comps[slug], k})
		}
		for k, code := range d.Reasons {
			reasons = append(reasons, []any{id, ins.reasons[code], k, boolInt(code == d.PrimaryReason)})
		}
	}
	if err := ins.exec(0, len(ins.pending), args); err != nil {
		return err
	}
	for t, rows := range [][][]any{links, reasons} {
		for len(rows) > 0 {
			n := min(len(rows), dealBatch)
			var flat []any
			for _, r := range rows[:n] {
				flat = append(flat, r...)
			}
			if err := ins.exec(t+1, n, flat); err != nil {
				return err
			}
			rows = rows[n:]
		}
	}
	ins.pending, ins.ids = ins.pending[:0], ins.ids[:0]
	return nil
}

// deferDealIndexing stops indexing new deals for search row by row (the search index flushes
// at every statement, which dominates a large import) and returns the function that indexes
// the deals added since in one pass and restores the trigger. Both run inside the import's
// transaction, so an interrupted import leaves the trigger and the index exactly as they were.
func deferDealIndexing(ctx context.Context, tx *sql.Tx) (func() error, error) {
	var trigger string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'deals_fts_ai'`).Scan(&trigger); err != nil {
		return nil, fmt.Errorf("deal search trigger: %w", err)
	}
	var maxID int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM deals`).Scan(&maxID); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER deals_fts_ai`); err != nil {
		return nil, err
	}
	return func() error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO deals_fts (rowid, account, quote, notes)
			SELECT id, account, quote, notes FROM deals WHERE id > ?`, maxID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, trigger)
		return err
	}, nil
}

// apply runs one record's upsert under the import's conflict rule: update writes it; skip
// leaves a record that exists and differs as it was; fail stops the import on it.
func (im *importer) apply(kind string, i int, upsert func() (change, error)) error {
	if im.conflict == ConflictUpdate || im.conflict == "" {
		ch, err := upsert()
		if err != nil {
			return recErr(kind, i, err)
		}
		im.rep.Kinds[kind].add(ch)
		return nil
	}
	if _, err := im.tx.ExecContext(im.ctx, `SAVEPOINT record`); err != nil {
		return err
	}
	ch, err := upsert()
	if err == nil && ch == updated {
		if im.conflict == ConflictFail {
			err = fmt.Errorf("%w: it differs from the stored one (import with --on-conflict update or skip)", ErrConflict)
		} else {
			ch = skipped
		}
		if _, rerr := im.tx.ExecContext(im.ctx, `ROLLBACK TO record`); rerr != nil && err == nil {
			err = rerr
		}
	}
	if _, rerr := im.tx.ExecContext(im.ctx, `RELEASE record`); rerr != nil && err == nil {
		err = rerr
	}
	if err != nil {
		return recErr(kind, i, err)
	}
	im.rep.Kinds[kind].add(ch)
	return nil
}

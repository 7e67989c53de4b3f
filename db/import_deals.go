package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rivals-app/rivals/model"
)

// bulkDealsMin is the number of new deals from which an import indexes their text for search in
// one pass at the end instead of row by row.
const bulkDealsMin = 1000

// dealIndexes are the deal tables' secondary indexes. An import that at least doubles the
// deals drops them and builds them again at the end, which is cheaper than keeping them up to
// date row by row.
var dealIndexes = []string{"deals_closed_at", "deal_competitors_competitor", "deal_reasons_reason"}

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
	if fresh > 0 {
		if _, err := im.tx.ExecContext(im.ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
	}
	ins, err := prepareDealInserts(im.ctx, im.tx, comps, reasons)
	if err != nil {
		return err
	}
	if im.log != nil {
		ins.created = &bulkKeys{}
	}
	defer ins.Close()
	var restore func() error
	if fresh >= bulkDealsMin {
		if restore, err = deferIndexing(im.ctx, im.tx, "deals", "deals_fts_ai",
			`INSERT INTO deals_fts (rowid, account, quote, notes) SELECT id, account, quote, notes FROM deals WHERE id > ?`); err != nil {
			return err
		}
	}
	var rebuild func() error
	var recount func(*addedDeals) error
	if fresh >= bulkDealsMin && fresh >= len(existing) {
		if rebuild, err = suspendSchema(im.ctx, im.tx, dealIndexes...); err != nil {
			return err
		}
		if recount, err = suspendDealTally(im.ctx, im.tx); err != nil {
			return err
		}
		ins.added = newAddedDeals()
	}
	updatedBefore := im.rep.Kinds[model.KindDeals].Updated
	// On an error the whole transaction rolls back, the trigger and indexes with it.
	if err := im.writeDeals(cat, comps, reasons, existing, ins); err != nil {
		return err
	}
	if err := ins.flush(); err != nil {
		return err
	}
	if err := im.log.bulk(model.ChangeDeal, ins.created); err != nil {
		return err
	}
	if recount != nil {
		// Stored deals written with the triggers off leave the tallies to count again.
		added := ins.added
		if im.rep.Kinds[model.KindDeals].Updated != updatedBefore {
			added = nil
		}
		if err := recount(added); err != nil {
			return err
		}
	}
	for _, f := range []func() error{rebuild, restore} {
		if f != nil {
			if err := f(); err != nil {
				return err
			}
		}
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
			if _, ok := comps[slug]; !ok {
				_, err = resolve(comps, fmt.Sprintf("competitors[%d]", k), "competitor", slug)
				return recErr(model.KindDeals, i, err)
			}
		}
		for k, code := range d.Reasons {
			if _, ok := reasons[code]; !ok {
				_, err = resolve(reasons, fmt.Sprintf("reasons[%d]", k), "reason code (add it to reason_codes)", code)
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
		if err = im.record(model.KindDeals, i, model.ChangeDeal, d.PrimaryCompetitor(), d.Ref, func() (change, error) { return upsertDeal(im.ctx, im.tx, d, comps, reasons) }); err != nil {
			return err
		}
	}
	return nil
}

// dealInserts writes new deals in batches. Ids are given explicitly, counting up from the
// largest stored one: the import holds the write lock, so no one else can take them, and the
// link rows can be written without reading ids back. Each table is written whenever its own
// batch is full, so a link may reach the database before its deal: foreign keys are checked
// at commit (defer_foreign_keys), and every reference was resolved before it was queued.
type dealInserts struct {
	nextID                  int64
	deals, links, reasonsTo *batcher
	// created lists the new deals for the change history, when it is kept.
	created        *bulkKeys
	comps, reasons map[string]int64
	// added counts what the new deals add to the tallies, when their triggers are suspended.
	added *addedDeals
}

func prepareDealInserts(ctx context.Context, tx *sql.Tx, comps, reasons map[string]int64) (*dealInserts, error) {
	ins := &dealInserts{comps: comps, reasons: reasons,
		deals: newBatcher(ctx, tx, `INSERT OR FAIL INTO deals (id, ref, account, closed_at, outcome, amount, currency, segment,
			region, stage, quote, notes, source, deal_type) VALUES `, 14),
		links:     newBatcher(ctx, tx, `INSERT OR FAIL INTO deal_competitors (deal_id, competitor_id, position) VALUES `, 3),
		reasonsTo: newBatcher(ctx, tx, `INSERT OR FAIL INTO deal_reasons (deal_id, reason_id, position, is_primary) VALUES `, 4)}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM deals`).Scan(&ins.nextID); err != nil {
		return nil, err
	}
	return ins, nil
}

// Close releases the statements.
func (ins *dealInserts) Close() {
	ins.deals.close()
	ins.links.close()
	ins.reasonsTo.close()
}

// insert queues a new deal (its competitors and reasons are resolved), writing when a batch
// is full.
func (ins *dealInserts) insert(d model.Deal) error {
	id := ins.nextID
	ins.nextID++
	ins.created.add(d.PrimaryCompetitor(), d.Ref)
	ins.deals.add(id, d.Ref, d.Account, d.ClosedAt.String(), d.Outcome, d.Amount, d.Currency, d.Segment,
		d.Region, d.Stage, d.Quote, d.Notes, d.Source, string(d.Type))
	day := d.ClosedAt.String()
	for i, slug := range d.Competitors {
		ins.links.add(id, ins.comps[slug], i)
	}
	for i, code := range d.Reasons {
		ins.reasonsTo.add(id, ins.reasons[code], i, boolInt(code == d.PrimaryReason))
	}
	if ins.added != nil {
		ins.countAdded(d, day)
	}
	for _, b := range []*batcher{ins.deals, ins.links, ins.reasonsTo} {
		if b.full() {
			if err := b.flushFull(); err != nil {
				return err
			}
		}
	}
	return nil
}

// countAdded counts a new deal in the tallies' additions.
func (ins *dealInserts) countAdded(d model.Deal, day string) {
	comps := make([]int64, len(d.Competitors))
	for i, slug := range d.Competitors {
		comps[i] = ins.comps[slug]
	}
	reasons, primary := make([]int64, len(d.Reasons)), make([]bool, len(d.Reasons))
	for i, code := range d.Reasons {
		reasons[i], primary[i] = ins.reasons[code], code == d.PrimaryReason
	}
	ins.added.add(d, day, comps, reasons, primary)
}

// flush writes everything still queued.
func (ins *dealInserts) flush() error {
	for _, b := range []*batcher{ins.deals, ins.links, ins.reasonsTo} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one record's upsert under the import's conflict rule: update writes it; skip
// leaves a record that exists and differs as it was; fail stops the import on it.
func (im *importer) apply(kind string, i int, upsert func() (change, error)) (change, error) {
	if im.conflict == ConflictUpdate || im.conflict == "" {
		ch, err := upsert()
		if err != nil {
			return 0, recErr(kind, i, err)
		}
		im.rep.Kinds[kind].add(ch)
		return ch, nil
	}
	if _, err := im.tx.ExecContext(im.ctx, `SAVEPOINT record`); err != nil {
		return 0, err
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
		return 0, recErr(kind, i, err)
	}
	im.rep.Kinds[kind].add(ch)
	return ch, nil
}

// record runs one record's upsert through apply and records in the import's change set what
// it did: the record as created, or as it was and is when updated.
func (im *importer) record(kind string, i int, ck model.ChangeKind, competitor, key string, upsert func() (change, error)) error {
	var old []byte
	if im.log != nil {
		var err error
		if old, err = readEntity(im.ctx, im.tx, ck, competitor, key); err != nil {
			return err
		}
	}
	ch, err := im.apply(kind, i, upsert)
	if err != nil || im.log == nil || (ch != inserted && ch != updated) {
		return err
	}
	now, err := readEntity(im.ctx, im.tx, ck, competitor, key)
	if err != nil {
		return err
	}
	op := model.ChangeUpdate
	if old == nil {
		op = model.ChangeCreate
	} else {
		ck = updateKind(ck, old, now)
	}
	return im.log.add(ck, op, competitor, key, old, now)
}

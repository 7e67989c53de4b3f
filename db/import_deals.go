package db

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// bulkDealsMin is the number of new deals from which an import indexes their text for search in
// one pass at the end instead of row by row.
const bulkDealsMin = 1000

// dealIndexes are the deal tables' secondary indexes. An import that at least doubles the
// deals drops them and builds them again at the end, which is cheaper than keeping them up to
// date row by row.
var dealIndexes = []string{"deals_closed_at", "deal_competitors_competitor", "deal_reasons_reason"}

// dealStep imports the deals, batch by batch. New deals (the common case of a large CRM
// import) are inserted through prepared statements without looking them up first; existing
// ones go through the general upsert, which compares them field by field. The keys it holds
// (stored refs, refs seen so far) are what it keeps between batches.
type dealStep struct {
	im                      *importer
	comps, reasons          map[string]int64
	existing                map[string]int64
	seen                    map[string]int
	ins                     *dealInserts
	fresh                   int // new deals so far
	restore, rebuild        func() error
	recount                 func(*addedDeals) error
	updatedBeforeSuspension int
	// given counts the competitors and reason codes batches of deals brought with them.
	given struct{ competitors, reasons int }
}

// companions stores the competitors and reason codes a batch of deals brings with it, before
// its deals: a deals table stored while it is read names new ones as it goes, so they come
// with the first batch that names them rather than all before the deals. They are numbered
// after one another across batches, as one list of their kind.
func (s *dealStep) companions(part model.Catalog) error {
	if len(part.Competitors) == 0 && len(part.ReasonCodes) == 0 {
		return nil
	}
	im := s.im
	comps, reasons := onlyKind(part, model.KindCompetitors), onlyKind(part, model.KindReasonCodes)
	comps.Normalize()
	reasons.Normalize()
	if err := im.competitorsFrom(comps.Competitors, s.given.competitors); err != nil {
		return err
	}
	if err := im.reasonCodesFrom(reasons.ReasonCodes, s.given.reasons); err != nil {
		return err
	}
	s.given.competitors += len(comps.Competitors)
	s.given.reasons += len(reasons.ReasonCodes)
	if s.ins == nil {
		return nil // the keys are read when the first deals come
	}
	// The inserts resolve through these maps: add the new keys to them in place.
	ids, err := competitorIDs(im.ctx, im.tx)
	if err != nil {
		return err
	}
	maps.Copy(s.comps, ids)
	if ids, err = idMap(im.ctx, im.tx, `SELECT code, id FROM reason_codes`); err != nil {
		return err
	}
	maps.Copy(s.reasons, ids)
	return nil
}

// add validates and writes one batch of deals; first is the index of its first deal in the
// whole list. The first time the new deals reach bulkDealsMin, their search indexing is
// deferred to the end; when they also reach the stored deals' number, the deal indexes and
// tally triggers are suspended too (as if the whole list had been counted first).
func (s *dealStep) add(part model.Catalog, first int) (err error) {
	batch := part.Deals
	if len(batch) == 0 {
		return nil
	}
	im := s.im
	if s.ins == nil {
		if err := s.begin(); err != nil {
			return err
		}
	}
	newHere := 0
	for _, d := range batch {
		if _, ok := s.existing[d.Ref]; !ok {
			newHere++
		}
	}
	if newHere > 0 && s.fresh == 0 {
		if _, err := im.tx.ExecContext(im.ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
	}
	s.fresh += newHere
	if s.restore == nil && s.fresh >= bulkDealsMin {
		if s.restore, err = deferIndexing(im.ctx, im.tx, "deals", "deals_fts_ai",
			`INSERT INTO deals_fts (rowid, account, quote, notes) SELECT id, account, quote, notes FROM deals WHERE id > ?`); err != nil {
			return err
		}
	}
	if s.recount == nil && s.fresh >= bulkDealsMin && s.fresh >= len(s.existing) {
		if err := s.ins.flush(); err != nil {
			return err
		}
		if s.rebuild, err = suspendSchema(im.ctx, im.tx, dealIndexes...); err != nil {
			return err
		}
		if s.recount, err = suspendDealTally(im.ctx, im.tx); err != nil {
			return err
		}
		s.ins.added = newAddedDeals()
		s.updatedBeforeSuspension = im.rep.Kinds[model.KindDeals].Updated
	}
	// On an error the whole transaction rolls back, the trigger and indexes with it.
	return im.writeDeals(batch, first, s)
}

// begin loads the keys the batches are checked against and prepares the inserts.
func (s *dealStep) begin() error {
	im := s.im
	var err error
	if s.comps, err = competitorIDs(im.ctx, im.tx); err != nil {
		return err
	}
	if s.reasons, err = idMap(im.ctx, im.tx, `SELECT code, id FROM reason_codes`); err != nil {
		return err
	}
	if s.existing, err = idMap(im.ctx, im.tx, `SELECT ref, id FROM deals`); err != nil {
		return err
	}
	if s.ins, err = prepareDealInserts(im.ctx, im.tx, s.comps, s.reasons); err != nil {
		return err
	}
	if im.log != nil {
		s.ins.created = &bulkKeys{}
	}
	s.seen = map[string]int{}
	return nil
}

// finish writes what is still queued, records the new deals in the history, and brings the
// tallies and indexes a bulk import suspended up to date.
func (s *dealStep) finish() error {
	if s.ins == nil {
		return nil
	}
	im := s.im
	defer s.ins.Close()
	if err := s.ins.flush(); err != nil {
		return err
	}
	if err := im.log.bulk(model.ChangeDeal, s.ins.created); err != nil {
		return err
	}
	if s.recount != nil {
		// Stored deals written with the triggers off leave the tallies to count again.
		added := s.ins.added
		if im.rep.Kinds[model.KindDeals].Updated != s.updatedBeforeSuspension {
			added = nil
		}
		if err := s.recount(added); err != nil {
			return err
		}
	}
	for _, f := range []func() error{s.rebuild, s.restore} {
		if f != nil {
			if err := f(); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeDeals validates and writes each deal of a batch whose first deal is deals[first].
func (im *importer) writeDeals(batch []model.Deal, first int, s *dealStep) (err error) {
	comps, reasons, existing, ins := s.comps, s.reasons, s.existing, s.ins
	for k, d := range batch {
		i := first + k
		if err = d.Validate(); err != nil {
			return recErr(model.KindDeals, i, err)
		}
		if !im.distinctRefs { // else the caller vouches for the refs
			if j := unique(s.seen, strings.Clone(d.Ref), i); j >= 0 { // a key apart from the text it came in
				err = recErr(model.KindDeals, i, &model.FieldError{Field: "ref", Msg: fmt.Sprintf("%q is already used by deals[%d]", d.Ref, j)})
				return err
			}
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
		if err = im.record(model.KindDeals, i, model.ChangeDeal, d.PrimaryCompetitor(), d.Ref, d, func() (change, error) { return upsertDeal(im.ctx, im.q, d, comps, reasons) }); err != nil {
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
	if _, err := im.q.ExecContext(im.ctx, `SAVEPOINT record`); err != nil {
		return 0, err
	}
	ch, err := upsert()
	if err == nil && ch == updated {
		if im.conflict == ConflictFail {
			err = fmt.Errorf("%w: it differs from the stored one (import with --on-conflict update or skip)", ErrConflict)
		} else {
			ch = skipped
		}
		if _, rerr := im.q.ExecContext(im.ctx, `ROLLBACK TO record`); rerr != nil && err == nil {
			err = rerr
		}
	}
	if _, rerr := im.q.ExecContext(im.ctx, `RELEASE record`); rerr != nil && err == nil {
		err = rerr
	}
	if err != nil {
		return 0, recErr(kind, i, err)
	}
	im.rep.Kinds[kind].add(ch)
	return ch, nil
}

// record runs one record's upsert through apply and records in the import's change set what
// it did: the record as created, or as it was and is when updated. incoming, when not nil, is
// the record as the import gives it, of the type the change set reads back: when the stored
// record reads back as exactly that, it is unchanged and the upsert is not run (the common
// case of an import run again).
func (im *importer) record(kind string, i int, ck model.ChangeKind, competitor, key string, incoming any, upsert func() (change, error)) error {
	var old []byte
	if im.log != nil {
		var err error
		if old, err = readEntity(im.ctx, im.q, ck, competitor, key); err != nil {
			return err
		}
		if old != nil && incoming != nil {
			if now, err := json.Marshal(incoming); err == nil && bytes.Equal(now, old) {
				im.rep.Kinds[kind].add(unchanged)
				return nil
			}
		}
	}
	ch, err := im.apply(kind, i, upsert)
	if err != nil || im.log == nil || (ch != inserted && ch != updated) {
		return err
	}
	now, err := readEntity(im.ctx, im.q, ck, competitor, key)
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

package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/rivals-app/rivals/model"
)

// Export returns the whole catalog in canonical order, as one consistent state of it. It holds
// every record in memory: to write a large catalog out, use Snapshot.ExportEach.
func (s *Store) Export(ctx context.Context) (model.Catalog, error) {
	return readOne(ctx, s, func(snap *Snapshot) (model.Catalog, error) { return snap.Export(ctx) })
}

// Export returns the whole catalog in canonical order.
func (snap *Snapshot) Export(ctx context.Context) (model.Catalog, error) {
	cat := model.Catalog{Version: model.CatalogVersion}
	err := snap.ExportEach(ctx, func(kind string, record any) error {
		switch r := record.(type) {
		case model.Competitor:
			cat.Competitors = append(cat.Competitors, r)
		case model.Feature:
			cat.Features = append(cat.Features, r)
		case model.Support:
			cat.Support = append(cat.Support, r)
		case model.PricePlan:
			cat.Plans = append(cat.Plans, r)
		case model.ReasonCode:
			cat.ReasonCodes = append(cat.ReasonCodes, r)
		case model.Deal:
			cat.Deals = append(cat.Deals, r)
		case model.BattleCard:
			cat.Cards = append(cat.Cards, r)
		case model.IntelNote:
			cat.Notes = append(cat.Notes, r)
		default:
			return fmt.Errorf("export: unexpected %s record %T", kind, record)
		}
		return nil
	})
	return cat, err
}

// ExportEach calls fn with every record of the catalog, as a model value (model.Competitor,
// model.Support…), kind after kind in the order of model.CatalogKinds and within a kind in the
// canonical order of model.Catalog.Sort: what an export writes, in the order it writes it.
// The large kinds (matrix cells, deals, notes) are read one row at a time, in an order their
// indexes give, so memory does not grow with them. fn's error stops the export and is
// returned.
func (snap *Snapshot) ExportEach(ctx context.Context, fn func(kind string, record any) error) error {
	q, err := snap.q()
	if err != nil {
		return err
	}
	for _, kind := range model.CatalogKinds {
		if err := exportKind(ctx, q, kind, fn); err != nil {
			return err
		}
	}
	return nil
}

// The queries of the large kinds. Each reads in an order an index gives, sorting at most the
// rows that share a prefix of it (a competitor's cells, one day's deals, one day's notes),
// never a whole table: CROSS JOIN fixes the order of the loops, whatever the statistics.
const (
	exportCellsQuery = `SELECT feature_id, level, note, source, verified_at FROM support WHERE competitor_id = ?`
	exportDealsQuery = `SELECT d.id, d.ref, d.account, d.closed_at, d.outcome, d.amount, d.currency,
			d.segment, d.region, d.stage, d.quote, d.notes, d.source, d.deal_type
		FROM deals d ORDER BY d.closed_at, d.ref`
	exportDealCompetitorsQuery = `SELECT dc.deal_id, dc.competitor_id, 0 FROM deals d
		CROSS JOIN deal_competitors dc ON dc.deal_id = d.id ORDER BY d.closed_at, d.ref, dc.position`
	exportDealReasonsQuery = `SELECT dr.deal_id, dr.reason_id, dr.is_primary FROM deals d
		CROSS JOIN deal_reasons dr ON dr.deal_id = d.id ORDER BY d.closed_at, d.ref, dr.position`
	exportNotesQuery = `SELECT ` + noteColumns + ` FROM competitors c CROSS JOIN notes n ON n.competitor_id = c.id
		ORDER BY c.slug, n.noted_at, n.title`
)

// exportKind emits the records of one kind in canonical order.
func exportKind(ctx context.Context, q querier, kind string, fn func(kind string, record any) error) error {
	// The small kinds (bounded by the number of competitors and features) are read whole and
	// put in order by the model's own sort.
	var part model.Catalog
	var err error
	switch kind {
	case model.KindCompetitors:
		part.Competitors, err = listCompetitors(ctx, q)
	case model.KindFeatures:
		part.Features, err = listFeatures(ctx, q)
	case model.KindPlans:
		part.Plans, err = listPlans(ctx, q, "")
	case model.KindReasonCodes:
		part.ReasonCodes, err = listReasonCodes(ctx, q)
	case model.KindCards:
		part.Cards, err = listCards(ctx, q, "")
	case model.KindSupport:
		return exportSupport(ctx, q, fn)
	case model.KindDeals:
		return exportDeals(ctx, q, fn)
	case model.KindNotes:
		return exportNotes(ctx, q, fn)
	default:
		return fmt.Errorf("export: unknown kind %q", kind)
	}
	if err != nil {
		return err
	}
	part.Sort()
	return emitAll(kind, fn, part.Competitors, part.Features, part.Plans, part.ReasonCodes, part.Cards)
}

// emitAll calls fn for every record of the lists (at most one of which is not empty).
func emitAll(kind string, fn func(string, any) error, comps []model.Competitor, feats []model.Feature,
	plans []model.PricePlan, codes []model.ReasonCode, cards []model.BattleCard) error {
	for _, r := range comps {
		if err := fn(kind, r); err != nil {
			return err
		}
	}
	for _, r := range feats {
		if err := fn(kind, r); err != nil {
			return err
		}
	}
	for _, r := range plans {
		if err := fn(kind, r); err != nil {
			return err
		}
	}
	for _, r := range codes {
		if err := fn(kind, r); err != nil {
			return err
		}
	}
	for _, r := range cards {
		if err := fn(kind, r); err != nil {
			return err
		}
	}
	return nil
}

// exportSupport emits the matrix by competitor slug, then feature key: competitors in slug
// order, each one's cells read from the primary key and put in feature-key order in memory
// (a competitor has at most one cell per feature), so the matrix is never sorted whole,
// whatever statistics the planner has, and no row repeats the slug or the key.
func exportSupport(ctx context.Context, q querier, fn func(string, any) error) error {
	feats, err := q.QueryContext(ctx, `SELECT id, key FROM features ORDER BY key`)
	if err != nil {
		return err
	}
	type featureKey struct {
		key  string
		rank int
	}
	keys := map[int64]featureKey{}
	for feats.Next() {
		var id int64
		var key string
		if err := feats.Scan(&id, &key); err != nil {
			feats.Close()
			return err
		}
		keys[id] = featureKey{key, len(keys)}
	}
	feats.Close()
	if err := feats.Err(); err != nil {
		return err
	}
	comps, err := competitorSlugs(ctx, q)
	if err != nil {
		return err
	}
	type rankedCell struct {
		rank int
		sp   model.Support
	}
	var row []rankedCell
	for _, c := range comps {
		rows, err := q.QueryContext(ctx, exportCellsQuery, c.id)
		if err != nil {
			return err
		}
		row = row[:0]
		for rows.Next() {
			var featureID int64
			var sp model.Support
			var verified string
			if err := rows.Scan(&featureID, &sp.Level, &sp.Note, &sp.Source, &verified); err != nil {
				rows.Close()
				return err
			}
			f := keys[featureID]
			sp.Competitor, sp.Feature = c.slug, f.key
			if sp.VerifiedAt, err = decodeDate(verified); err != nil {
				rows.Close()
				return fmt.Errorf("support %s/%s verified_at: %w", sp.Competitor, sp.Feature, err)
			}
			row = append(row, rankedCell{f.rank, sp})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		slices.SortFunc(row, func(a, b rankedCell) int { return a.rank - b.rank })
		for _, cell := range row {
			if err := fn(model.KindSupport, cell.sp); err != nil {
				return err
			}
		}
	}
	return nil
}

// slugID is a competitor's slug and row id.
type slugID struct {
	slug string
	id   int64
}

// competitorSlugs lists every competitor's slug and id in slug order.
func competitorSlugs(ctx context.Context, q querier) ([]slugID, error) {
	rows, err := q.QueryContext(ctx, `SELECT slug, id FROM competitors ORDER BY slug`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []slugID
	for rows.Next() {
		var c slugID
		if err := rows.Scan(&c.slug, &c.id); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// exportDeals emits deals by close date, then ref, from the deals_closed_at index. Their
// competitors and reasons are read by two more queries in the same deal order, stepped in
// lockstep with the deals, so no deal waits in memory for its links.
func exportDeals(ctx context.Context, q querier, fn func(string, any) error) error {
	comps, err := competitorSlugs(ctx, q)
	if err != nil {
		return err
	}
	slugs := make(map[int64]string, len(comps))
	for _, c := range comps {
		slugs[c.id] = c.slug
	}
	codes := map[int64]string{}
	reasonCodes, err := listReasonCodes(ctx, q)
	if err != nil {
		return err
	}
	for _, r := range reasonCodes {
		codes[r.ID] = r.Code
	}
	rows, err := q.QueryContext(ctx, exportDealsQuery)
	if err != nil {
		return err
	}
	defer rows.Close()
	links, err := openLinks(ctx, q, exportDealCompetitorsQuery)
	if err != nil {
		return err
	}
	defer links.close()
	reasons, err := openLinks(ctx, q, exportDealReasonsQuery)
	if err != nil {
		return err
	}
	defer reasons.close()
	for rows.Next() {
		var d model.Deal
		var closed string
		if err := rows.Scan(&d.ID, &d.Ref, &d.Account, &closed, &d.Outcome, &d.Amount, &d.Currency,
			&d.Segment, &d.Region, &d.Stage, &d.Quote, &d.Notes, &d.Source, &d.Type); err != nil {
			return err
		}
		if d.ClosedAt, err = decodeDate(closed); err != nil {
			return fmt.Errorf("deal %s closed_at: %w", d.Ref, err)
		}
		if err := links.each(d.ID, func(id int64, _ bool) { d.Competitors = append(d.Competitors, slugs[id]) }); err != nil {
			return err
		}
		if err := reasons.each(d.ID, func(id int64, primary bool) {
			d.Reasons = append(d.Reasons, codes[id])
			if primary {
				d.PrimaryReason = codes[id]
			}
		}); err != nil {
			return err
		}
		if err := fn(model.KindDeals, d); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return errors.Join(links.err(), reasons.err())
}

// linkCursor steps through a link table's rows (deal id, linked id, flag) in deal order.
type linkCursor struct {
	rows   *sql.Rows
	ok     bool // a row is read and waiting
	dealID int64
	id     int64
	flag   int
}

// openLinks runs query and reads its first row.
func openLinks(ctx context.Context, q querier, query string) (*linkCursor, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c := &linkCursor{rows: rows}
	return c, c.next()
}

// next reads the following row, if any.
func (c *linkCursor) next() error {
	c.ok = c.rows.Next()
	if !c.ok {
		return c.rows.Err()
	}
	return c.rows.Scan(&c.dealID, &c.id, &c.flag)
}

// each calls fn for the rows of deal, which come next if it has any.
func (c *linkCursor) each(deal int64, fn func(id int64, flag bool)) error {
	for c.ok && c.dealID == deal {
		fn(c.id, c.flag == 1)
		if err := c.next(); err != nil {
			return err
		}
	}
	return nil
}

// err reports a failure of the query, or rows left over that no deal claimed (the orders of
// the queries disagreed).
func (c *linkCursor) err() error {
	if c.ok {
		return fmt.Errorf("export: deal %d's links came out of order", c.dealID)
	}
	return c.rows.Err()
}

func (c *linkCursor) close() { c.rows.Close() }

// exportNotes emits notes by competitor slug, date and title: competitors in slug order, each
// one's notes from the notes_competitor index, sorted by title only within a date.
func exportNotes(ctx context.Context, q querier, fn func(string, any) error) error {
	rows, err := q.QueryContext(ctx, exportNotesQuery)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		n, err := scanNote(rows)
		if err != nil {
			return err
		}
		if err := fn(model.KindNotes, n); err != nil {
			return err
		}
	}
	return rows.Err()
}

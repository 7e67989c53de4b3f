package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/rivals-app/rivals/model"
)

// RecordError locates an invalid record of an imported catalog: the kind, the record's index in
// that kind's list, and the underlying (usually *model.FieldError) problem.
type RecordError struct {
	Kind  string
	Index int
	Err   error
}

// Error renders the JSON path of the problem, e.g. "competitors[3].threat: …".
func (e *RecordError) Error() string {
	return model.Nested(fmt.Sprintf("%s[%d]", e.Kind, e.Index), e.Err).Error()
}

// Unwrap gives access to the underlying error.
func (e *RecordError) Unwrap() error { return e.Err }

// Counts tallies what an import did to one kind of record.
type Counts struct {
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Skipped counts stored records that differed but were left alone (ConflictSkip).
	Skipped int `json:"skipped,omitempty"`
}

func (c *Counts) add(ch change) {
	switch ch {
	case inserted:
		c.New++
	case updated:
		c.Updated++
	case skipped:
		c.Skipped++
	default:
		c.Unchanged++
	}
}

// Conflict says what an import does with a record that is already stored and differs.
type Conflict string

// Conflict rules.
const (
	// ConflictUpdate overwrites the stored record (the default).
	ConflictUpdate Conflict = "update"
	// ConflictSkip keeps the stored record and counts the imported one as skipped.
	ConflictSkip Conflict = "skip"
	// ConflictFail stops the import, writing nothing, with an error wrapping ErrConflict.
	ConflictFail Conflict = "fail"
)

// Conflicts lists the conflict rules.
var Conflicts = []Conflict{ConflictUpdate, ConflictSkip, ConflictFail}

// ImportReport says, per catalog kind, how many records were new, updated or unchanged.
type ImportReport struct {
	Kinds map[string]*Counts
}

// Changed reports whether the import wrote anything.
func (r ImportReport) Changed() bool {
	for _, c := range r.Kinds {
		if c.New+c.Updated > 0 {
			return true
		}
	}
	return false
}

// ImportOptions tunes Import.
type ImportOptions struct {
	// DryRun computes the report without keeping any change.
	DryRun bool
	// OnConflict is what to do with stored records that differ (ConflictUpdate when empty).
	OnConflict Conflict
	// Now stamps records that carry no timestamps of their own.
	Now time.Time
	// DistinctRefs says the caller has made sure no two deals of the import share a ref (the
	// reader of a deals table refuses a repeated one, naming both lines): the import then
	// keeps no map of the refs it was given, tens of MB for a million deals. Should two share
	// one after all, the second is refused by the table's unique ref, or updates the first.
	DistinctRefs bool
}

// Import upserts every record of cat by natural key in one transaction: either all of it is
// applied or, on the first invalid record, nothing is (the error is a *RecordError). Records
// already stored and identical are left alone, so importing the same catalog twice changes
// nothing. Price history is merged, never replaced. Unless it is a dry run, an import into a
// database the last check found damaged, or whose tables it would write fail a quick check,
// is refused with ErrDamaged before anything is written.
func (s *Store) Import(ctx context.Context, cat model.Catalog, opt ImportOptions) (ImportReport, error) {
	if cat.Version > model.CatalogVersion {
		return ImportReport{}, &model.FieldError{Field: "version", Msg: fmt.Sprintf("catalog format %d is newer than this rivals understands (%d); upgrade rivals", cat.Version, model.CatalogVersion)}
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	return s.ImportKinds(ctx, kindsOf(cat), opt, func(kind string) (model.Catalog, bool, error) { return onlyKind(cat, kind), false, nil })
}

// ImportKinds is Import for a catalog that arrives kind by kind and batch by batch, so that
// storing one batch can overlap reading the next: next(kind) returns a catalog holding the
// next batch of records of kind (waiting for it as long as it must) and whether more of that
// kind follow; it is asked for each kind of model.CatalogKinds in turn, until it says no more
// follow. Records are numbered across batches, as in one list. A batch of deals may bring the
// competitors and reason codes its deals name for the first time, which are stored before
// them (numbered across batches too). kinds lists those the catalog
// holds records of, whose tables are checked before anything is written. An error from next
// stops the import, which then writes nothing. A dry run on a store that may not write runs
// on a copy of it.
func (s *Store) ImportKinds(ctx context.Context, kinds []string, opt ImportOptions, next func(kind string) (part model.Catalog, more bool, err error)) (ImportReport, error) {
	if opt.DryRun && (s.readOnly || s.keptOlder) {
		return s.importOnCopy(ctx, kinds, opt, next)
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	rep := ImportReport{Kinds: map[string]*Counts{}}
	for _, k := range model.CatalogKinds {
		rep.Kinds[k] = &Counts{}
	}
	if !opt.DryRun {
		if err := s.refuseIfMarked(); err != nil {
			return rep, err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, s.Explain(err)
	}
	defer tx.Rollback()
	// A large import touches more pages than the default cache holds; the connection keeps
	// the larger cache afterwards, which only an importing process pays for. 16 MB imports
	// the large catalog as fast as 64 MB did, new or again over itself, in 90 MB less memory.
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -16384`); err != nil {
		return rep, err
	}
	if !opt.DryRun {
		// Rows added to a damaged table could be neither read nor deleted: check the tables
		// this import writes first, once its transaction holds the write lock, so no one
		// changes them between. The check reads through a connection that may not write,
		// on which SQLite's quick check of a table takes a quarter of the time it takes on
		// one that may (500,000 deals: 0.26 s against 1.0 s for the deals table); it sees
		// the last commit, which is what this transaction starts from.
		conns, release, err := s.readingConnections()
		if err != nil {
			return rep, s.Explain(err)
		}
		err = verifyTables(ctx, s.path, conns, kindTablesOf(kinds))
		release()
		if err != nil {
			return rep, err
		}
	}
	im := importer{ctx: ctx, tx: tx, q: newPreparedTx(ctx, tx), now: opt.Now, rep: rep, conflict: opt.OnConflict, distinctRefs: opt.DistinctRefs}
	if !opt.DryRun && !s.unlogged {
		im.log = newChangeLog(ctx, tx, s.origin)
		im.log.imported = true
	}
	if err := im.run(next); err != nil {
		var ne nextError
		if errors.As(err, &ne) {
			return rep, ne.err
		}
		// A failure of the file (busy, damaged, full) is no fault of the record that met it.
		return rep, s.Explain(err)
	}
	if err := im.log.close(); err != nil {
		return rep, s.Explain(err)
	}
	if opt.DryRun {
		return rep, s.Explain(tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return rep, s.Explain(err)
	}
	s.refreshStatistics(ctx, rep)
	return rep, nil
}

// nextError carries an error of ImportKinds's next through the import as it is.
type nextError struct{ err error }

func (e nextError) Error() string { return e.err.Error() }

// onlyKind returns the list of kind in cat, without the others.
func onlyKind(cat model.Catalog, kind string) model.Catalog {
	out := model.Catalog{Version: cat.Version}
	switch kind {
	case model.KindCompetitors:
		out.Competitors = cat.Competitors
	case model.KindFeatures:
		out.Features = cat.Features
	case model.KindSupport:
		out.Support = cat.Support
	case model.KindPlans:
		out.Plans = cat.Plans
	case model.KindReasonCodes:
		out.ReasonCodes = cat.ReasonCodes
	case model.KindDeals:
		out.Deals = cat.Deals
	case model.KindCards:
		out.Cards = cat.Cards
	case model.KindNotes:
		out.Notes = cat.Notes
	}
	return out
}

// kindsOf lists the kinds cat holds records of.
func kindsOf(cat model.Catalog) []string {
	counts := map[string]int{
		model.KindCompetitors: len(cat.Competitors), model.KindFeatures: len(cat.Features),
		model.KindSupport: len(cat.Support), model.KindPlans: len(cat.Plans),
		model.KindReasonCodes: len(cat.ReasonCodes), model.KindDeals: len(cat.Deals),
		model.KindCards: len(cat.Cards), model.KindNotes: len(cat.Notes),
	}
	var out []string
	for _, k := range model.CatalogKinds {
		if counts[k] > 0 {
			out = append(out, k)
		}
	}
	return out
}

// importer carries one import's transaction and running tallies.
type importer struct {
	ctx context.Context
	tx  *sql.Tx
	// q runs the per-record statements, each prepared once.
	q   *preparedTx
	now time.Time
	rep ImportReport
	// conflict is the rule for stored records that differ.
	conflict Conflict
	// log records the import's changes as one change set (nil on a dry run).
	log *changeLog
	// distinctRefs is ImportOptions.DistinctRefs.
	distinctRefs bool
}

// recErr blames record i of kind for err, unless err is a failure of the file (busy, damaged,
// full, read-only), which is no fault of the record that met it and is returned as it is.
func recErr(kind string, i int, err error) error {
	var fe *FileError
	if errors.As(explain("", err), &fe) {
		return err
	}
	return &RecordError{Kind: kind, Index: i, Err: err}
}

func (im *importer) run(next func(kind string) (model.Catalog, bool, error)) error {
	for _, kind := range model.CatalogKinds {
		step := im.stepOf(kind)
		first := 0
		for more := true; more; {
			var part model.Catalog
			var err error
			if part, more, err = next(kind); err != nil {
				return nextError{err}
			}
			if deals, ok := step.(*dealStep); ok {
				if err := deals.companions(part); err != nil {
					return err
				}
			}
			part = onlyKind(part, kind)
			part.Normalize()
			if err := step.add(part, first); err != nil {
				return err
			}
			first += part.Len()
		}
		if err := step.finish(); err != nil {
			return err
		}
	}
	return nil
}

// importStep stores the records of one kind, given batch by batch: add takes a batch whose
// first record is number first of the kind's whole list, finish ends the kind.
type importStep interface {
	add(part model.Catalog, first int) error
	finish() error
}

// stepOf returns the step that stores kind. Deals, matrix cells and notes, the kinds a large
// catalog holds many of, are stored batch by batch; the others are gathered and stored at once.
func (im *importer) stepOf(kind string) importStep {
	switch kind {
	case model.KindDeals:
		return &dealStep{im: im}
	case model.KindSupport:
		return &supportStep{im: im}
	case model.KindNotes:
		return &noteStep{im: im}
	}
	steps := map[string]func(model.Catalog) error{
		model.KindCompetitors: im.competitors, model.KindFeatures: im.features,
		model.KindPlans: im.plans, model.KindReasonCodes: im.reasonCodes, model.KindCards: im.cards,
	}
	return &wholeStep{store: steps[kind]}
}

// wholeStep gathers a kind's batches and stores them together at the end.
type wholeStep struct {
	store func(model.Catalog) error
	all   model.Catalog
}

func (s *wholeStep) add(part model.Catalog, _ int) error {
	if s.all.Len() == 0 {
		s.all = part
	} else {
		s.all.Append(part)
	}
	return nil
}

func (s *wholeStep) finish() error { return s.store(s.all) }

// unique reports the index of an earlier record with the same natural key, or -1.
func unique[K comparable](seen map[K]int, key K, i int) int {
	if j, ok := seen[key]; ok {
		return j
	}
	seen[key] = i
	return -1
}

func (im *importer) competitors(cat model.Catalog) error {
	return im.competitorsFrom(cat.Competitors, 0)
}

// competitorsFrom stores a list of competitors whose first is record number first of the
// kind's list.
func (im *importer) competitorsFrom(list []model.Competitor, first int) error {
	seen := map[string]int{}
	self := -1
	for k, c := range list {
		i := first + k
		if err := c.Validate(); err != nil {
			return recErr(model.KindCompetitors, i, err)
		}
		if j := unique(seen, c.Slug, i); j >= 0 {
			return recErr(model.KindCompetitors, i, &model.FieldError{Field: "slug", Msg: fmt.Sprintf("%q is already used by competitors[%d]", c.Slug, j)})
		}
		if c.IsSelf {
			if self >= 0 {
				return recErr(model.KindCompetitors, i, &model.FieldError{Field: "is_self", Msg: fmt.Sprintf("competitors[%d] is already our own product; only one competitor can be", self)})
			}
			self = i
		}
	}
	// Clear a stored is_self first when the file moves it to another competitor.
	if self >= 0 {
		if _, err := im.tx.ExecContext(im.ctx, `UPDATE competitors SET is_self = 0 WHERE is_self = 1 AND slug <> ? AND slug IN (SELECT value FROM json_each(?))`,
			list[self-first].Slug, encodeList(slugsOf(list))); err != nil {
			return err
		}
	}
	for k, c := range list {
		i := first + k
		if err := im.record(model.KindCompetitors, i, model.ChangeCompetitor, c.Slug, c.Slug, nil, func() (change, error) { return upsertCompetitor(im.ctx, im.q, c, im.now) }); err != nil {
			return err
		}
	}
	return nil
}

func slugsOf(cs []model.Competitor) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Slug
	}
	return out
}

func (im *importer) features(cat model.Catalog) error {
	seen := map[string]int{}
	for i, f := range cat.Features {
		if err := f.Validate(); err != nil {
			return recErr(model.KindFeatures, i, err)
		}
		if j := unique(seen, f.Key, i); j >= 0 {
			return recErr(model.KindFeatures, i, &model.FieldError{Field: "key", Msg: fmt.Sprintf("%q is already used by features[%d]", f.Key, j)})
		}
		if err := im.record(model.KindFeatures, i, model.ChangeFeature, "", f.Key, nil, func() (change, error) { return upsertFeature(im.ctx, im.q, f) }); err != nil {
			return err
		}
	}
	return nil
}

// resolve looks up a reference and turns a miss into a field error.
func resolve(ids map[string]int64, field, what, key string) (int64, error) {
	id, ok := ids[key]
	if !ok {
		return 0, &model.FieldError{Field: field, Msg: fmt.Sprintf("unknown %s %q", what, key)}
	}
	return id, nil
}

// supportIndexes are the matrix's secondary indexes, rebuilt after a bulk import.
var supportIndexes = []string{"support_feature", "support_tally"}

// newCell is a matrix cell to insert: its ids and its index in the catalog.
type newCell struct {
	key   [2]int64
	index int
}

// storedPairs loads the id pairs a query returns, to tell new records from stored ones.
func storedPairs(ctx context.Context, q querier, query string) (map[[2]int64]bool, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]int64]bool{}
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return nil, err
		}
		out[[2]int64{a, b}] = true
	}
	return out, rows.Err()
}

func (im *importer) plans(cat model.Catalog) error {
	if len(cat.Plans) == 0 {
		return nil
	}
	comps, err := competitorIDs(im.ctx, im.tx)
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for i, p := range cat.Plans {
		if err := p.Validate(); err != nil {
			return recErr(model.KindPlans, i, err)
		}
		cid, err := resolve(comps, "competitor", "competitor", p.Competitor)
		if err != nil {
			return recErr(model.KindPlans, i, err)
		}
		if j := unique(seen, p.Competitor+"\x00"+p.Name, i); j >= 0 {
			return recErr(model.KindPlans, i, &model.FieldError{Field: "name", Msg: fmt.Sprintf("%q is already a plan of %s (plans[%d])", p.Name, p.Competitor, j)})
		}
		if err := im.record(model.KindPlans, i, model.ChangePlan, p.Competitor, planKey(p.Competitor, p.Name), nil, func() (change, error) { return upsertPlan(im.ctx, im.q, p, cid) }); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) reasonCodes(cat model.Catalog) error {
	return im.reasonCodesFrom(cat.ReasonCodes, 0)
}

// reasonCodesFrom stores a list of reason codes whose first is record number first of the
// kind's list.
func (im *importer) reasonCodesFrom(list []model.ReasonCode, first int) error {
	seen := map[string]int{}
	for k, r := range list {
		i := first + k
		if err := r.Validate(); err != nil {
			return recErr(model.KindReasonCodes, i, err)
		}
		if j := unique(seen, r.Code, i); j >= 0 {
			return recErr(model.KindReasonCodes, i, &model.FieldError{Field: "code", Msg: fmt.Sprintf("%q is already used by reason_codes[%d]", r.Code, j)})
		}
		if err := im.record(model.KindReasonCodes, i, model.ChangeReason, "", r.Code, nil, func() (change, error) { return upsertReasonCode(im.ctx, im.q, r) }); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) cards(cat model.Catalog) error {
	if len(cat.Cards) == 0 {
		return nil
	}
	comps, err := competitorIDs(im.ctx, im.tx)
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for i, k := range cat.Cards {
		if err := k.Validate(); err != nil {
			return recErr(model.KindCards, i, err)
		}
		cid, err := resolve(comps, "competitor", "competitor", k.Competitor)
		if err != nil {
			return recErr(model.KindCards, i, err)
		}
		if j := unique(seen, k.Competitor, i); j >= 0 {
			return recErr(model.KindCards, i, &model.FieldError{Field: "competitor", Msg: fmt.Sprintf("%q already has a card (cards[%d])", k.Competitor, j)})
		}
		if err := im.record(model.KindCards, i, model.ChangeCard, k.Competitor, k.Competitor, nil, func() (change, error) { return upsertCard(im.ctx, im.q, k, cid) }); err != nil {
			return err
		}
	}
	return nil
}

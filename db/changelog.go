package db

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/rivals-app/rivals/model"
)

// Origin says who writes through a store and from where, for the change history: the author
// ("marta"; on a team server the signed-in user), the source ("tui", "deal add",
// "import deals.csv") and the clock that dates each change (time.Now when nil).
type Origin struct {
	Author string
	Source string
	Now    func() time.Time
}

// As returns the store writing as o: the same open database, whose every write is recorded
// in the change history under o's author and source. Closing either closes both.
func (s *Store) As(o Origin) *Store {
	c := *s
	c.origin = o
	return &c
}

// Origin returns who the store writes as.
func (s *Store) Origin() Origin { return s.origin }

// now is the origin's clock.
func (o Origin) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// author is the origin's author, "unknown" when none was given.
func (o Origin) author() string {
	if a := strings.TrimSpace(o.Author); a != "" {
		return a
	}
	return "unknown"
}

// changeLog appends one change set to the history inside the write's transaction. The set is
// written with its first change, so a write that changed nothing leaves no trace.
type changeLog struct {
	ctx     context.Context
	tx      *sql.Tx
	origin  Origin
	reverts int64
	// imported marks the set as an import's, whose changes are reverted one by one.
	imported bool
	setID    int64
	rows     *batcher
}

func newChangeLog(ctx context.Context, tx *sql.Tx, o Origin) *changeLog {
	return &changeLog{ctx: ctx, tx: tx, origin: o}
}

// open writes the change set row the first time a change is added.
func (l *changeLog) open() error {
	if l.setID != 0 {
		return nil
	}
	var reverts any
	if l.reverts != 0 {
		reverts = l.reverts
	}
	res, err := l.tx.ExecContext(l.ctx, `INSERT INTO change_sets (at, author, source, import, reverts) VALUES (?, ?, ?, ?, ?)`,
		encodeTime(l.origin.now()), l.origin.author(), l.origin.Source, boolInt(l.imported), reverts)
	if err != nil {
		return err
	}
	if l.setID, err = res.LastInsertId(); err != nil {
		return err
	}
	l.rows = newBatcher(l.ctx, l.tx, `INSERT INTO changes (set_id, kind, op, competitor, key, fields, old, new) VALUES `, 8)
	return nil
}

// add queues one change; old and new are the record's JSON (nil when it did not exist).
func (l *changeLog) add(kind model.ChangeKind, op model.ChangeOp, competitor, key string, old, new []byte) error {
	if err := l.open(); err != nil {
		return err
	}
	var fields string
	if old != nil && new != nil {
		fields = strings.Join(model.ChangedFields(old, new), ",")
	}
	l.rows.add(l.setID, string(kind), string(op), competitor, key, fields, nullBytes(old), nullBytes(new))
	if l.rows.full() {
		return l.rows.flushFull()
	}
	return nil
}

// close writes the queued changes.
func (l *changeLog) close() error {
	if l == nil || l.rows == nil {
		return nil
	}
	defer l.rows.close()
	return l.rows.flush()
}

// nullBytes stores nil as NULL and anything else as text.
func nullBytes(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

// entity is one record of a catalog as the change history names it.
type entity struct {
	kind       model.ChangeKind
	competitor string
	key        string
	value      []byte
}

// cellKey, planKey and noteKey are the natural keys the history names records by.
func cellKey(slug, feature string) string { return slug + "/" + feature }
func planKey(slug, name string) string    { return slug + "/" + name }
func noteKey(n model.IntelNote) string {
	return n.Competitor + "/" + n.Date.String() + "/" + n.Title
}

// entitiesOf lists the records of cat, parents first.
func entitiesOf(cat model.Catalog) ([]entity, error) {
	var out []entity
	add := func(kind model.ChangeKind, comp, key string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		out = append(out, entity{kind: kind, competitor: comp, key: key, value: b})
		return nil
	}
	var err error
	for _, c := range cat.Competitors {
		err = firstErr(err, add(model.ChangeCompetitor, c.Slug, c.Slug, c))
	}
	for _, f := range cat.Features {
		err = firstErr(err, add(model.ChangeFeature, "", f.Key, f))
	}
	for _, r := range cat.ReasonCodes {
		err = firstErr(err, add(model.ChangeReason, "", r.Code, r))
	}
	for _, p := range cat.Plans {
		err = firstErr(err, add(model.ChangePlan, p.Competitor, planKey(p.Competitor, p.Name), p))
	}
	for _, sp := range cat.Support {
		err = firstErr(err, add(model.ChangeCell, sp.Competitor, cellKey(sp.Competitor, sp.Feature), sp))
	}
	for _, d := range cat.Deals {
		err = firstErr(err, add(model.ChangeDeal, d.PrimaryCompetitor(), d.Ref, d))
	}
	for _, k := range cat.Cards {
		err = firstErr(err, add(model.ChangeCard, k.Competitor, k.Competitor, k))
	}
	for _, n := range cat.Notes {
		err = firstErr(err, add(model.ChangeNote, n.Competitor, noteKey(n), n))
	}
	return out, err
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// logDiff records what changed between two readings of the same records: created, updated
// and deleted ones. When one record of a kind disappeared and one appeared (a note whose title
// was edited, a deal whose ref was), that is one update under the new key. A plan whose
// history alone changed is a price change.
func (l *changeLog) logDiff(before, after model.Catalog) error {
	olds, err := entitiesOf(before)
	if err != nil {
		return err
	}
	news, err := entitiesOf(after)
	if err != nil {
		return err
	}
	type id struct {
		kind model.ChangeKind
		key  string
	}
	oldBy := make(map[id]entity, len(olds))
	for _, e := range olds {
		oldBy[id{e.kind, e.key}] = e
	}
	newBy := make(map[id]entity, len(news))
	for _, e := range news {
		newBy[id{e.kind, e.key}] = e
	}
	var gone, came []entity
	for _, e := range olds {
		if _, ok := newBy[id{e.kind, e.key}]; !ok {
			gone = append(gone, e)
		}
	}
	for _, e := range news {
		if _, ok := oldBy[id{e.kind, e.key}]; !ok {
			came = append(came, e)
		}
	}
	renamed := map[model.ChangeKind]bool{}
	if len(gone) == 1 && len(came) == 1 && gone[0].kind == came[0].kind {
		renamed[gone[0].kind] = true
	}
	for _, e := range news {
		o, ok := oldBy[id{e.kind, e.key}]
		switch {
		case ok && bytes.Equal(o.value, e.value):
		case ok:
			if err := l.add(updateKind(e.kind, o.value, e.value), model.ChangeUpdate, e.competitor, e.key, o.value, e.value); err != nil {
				return err
			}
		case renamed[e.kind]:
			if err := l.add(e.kind, model.ChangeUpdate, e.competitor, e.key, gone[0].value, e.value); err != nil {
				return err
			}
		default:
			if err := l.add(e.kind, model.ChangeCreate, e.competitor, e.key, nil, e.value); err != nil {
				return err
			}
		}
	}
	for _, e := range gone {
		if renamed[e.kind] {
			continue
		}
		if err := l.add(e.kind, model.ChangeDelete, e.competitor, e.key, e.value, nil); err != nil {
			return err
		}
	}
	return nil
}

// updateKind tells a plan whose price history alone changed (a price change) from one whose
// terms did.
func updateKind(kind model.ChangeKind, old, new []byte) model.ChangeKind {
	if kind != model.ChangePlan {
		return kind
	}
	fields := model.ChangedFields(old, new)
	if len(fields) == 1 && fields[0] == "observations" {
		return model.ChangePrice
	}
	return kind
}

// logged runs write in one transaction and records in the change history what it changed
// among the records scope reads: scope runs before and after write, inside the transaction.
func (s *Store) logged(ctx context.Context, scope func(q querier) (model.Catalog, error), write func(tx *sql.Tx) error) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		log := newChangeLog(ctx, tx, s.origin)
		if err := s.logIn(ctx, tx, log, scope, write); err != nil {
			return err
		}
		return log.close()
	})
}

// logIn is logged inside a transaction already begun, recording into log (which the caller
// closes).
func (s *Store) logIn(ctx context.Context, tx *sql.Tx, log *changeLog, scope func(q querier) (model.Catalog, error), write func(tx *sql.Tx) error) error {
	before, err := scope(tx)
	if err != nil {
		return err
	}
	if err := write(tx); err != nil {
		return err
	}
	after, err := scope(tx)
	if err != nil {
		return err
	}
	return log.logDiff(before, after)
}

// bulkKeys collects the records an import creates in bulk, per competitor as a JSON array of
// keys, so that their changes go into the history in one statement per competitor.
type bulkKeys struct {
	order []string
	keys  map[string]*strings.Builder
}

// add appends one record; a nil *bulkKeys (no history kept) ignores it.
func (k *bulkKeys) add(competitor, key string) {
	if k == nil {
		return
	}
	if k.keys == nil {
		k.keys = map[string]*strings.Builder{}
	}
	b, ok := k.keys[competitor]
	if !ok {
		b = &strings.Builder{}
		b.WriteByte('[')
		k.keys[competitor] = b
		k.order = append(k.order, competitor)
	} else {
		b.WriteByte(',')
	}
	appendJSONString(b, key)
}

// appendJSONString writes s to b as a JSON string. Keys of plain printable ASCII, nearly all of
// them, need no escaping and are written as they are, without json.Marshal's allocation:
// a large import adds one per record.
func appendJSONString(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			r, _ := json.Marshal(s)
			b.Write(r)
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// bulk records the creation of every record in keys, by its key alone: one statement per
// competitor, which reads the keys straight from a JSON array.
func (l *changeLog) bulk(kind model.ChangeKind, keys *bulkKeys) error {
	if l == nil || keys == nil || len(keys.order) == 0 {
		return nil
	}
	if err := l.open(); err != nil {
		return err
	}
	// Changes queued before go first, so ids follow the order of the writes.
	if err := l.rows.flush(); err != nil {
		return err
	}
	stmt, err := l.tx.PrepareContext(l.ctx, `INSERT INTO changes (set_id, kind, op, competitor, key)
		SELECT ?, ?, 'create', ?, value FROM json_each(?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, comp := range keys.order {
		if _, err := stmt.ExecContext(l.ctx, l.setID, string(kind), comp, keys.keys[comp].String()+"]"); err != nil {
			return err
		}
	}
	return nil
}

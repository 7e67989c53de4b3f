package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rivals-app/rivals/model"
)

// ErrLaterChange means a change cannot be reverted because a later change touched the same
// record: reverting would silently undo that one too.
var ErrLaterChange = errors.New("a later change touched the same record")

// Revert undoes the edit change id belongs to: every change of its change set (a deletion
// with everything it took along, a rename), or for an import only that one record. The undo is
// recorded as a change set of its own, which Revert returns. A change followed by a later
// change of the same record is refused with an error wrapping ErrLaterChange that names it.
func (s *Store) Revert(ctx context.Context, id int64) (set int64, err error) {
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		targets, err := revertTargets(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := refuseLater(ctx, tx, targets); err != nil {
			return err
		}
		log := newChangeLog(ctx, tx, s.origin)
		log.reverts = targets[0].Set
		var fx []model.Change
		var entities []model.Change
		for _, ch := range targets {
			if ch.Kind == model.ChangeFX {
				fx = append(fx, ch)
			} else {
				entities = append(entities, ch)
			}
		}
		if err := s.logIn(ctx, tx, log, scopeChanged(ctx, entities), func(tx *sql.Tx) error {
			return undo(ctx, tx, entities)
		}); err != nil {
			return err
		}
		for _, ch := range fx {
			if err := undoRate(ctx, tx, log, ch); err != nil {
				return err
			}
		}
		if err := log.close(); err != nil {
			return err
		}
		if log.setID == 0 {
			return fmt.Errorf("change %d: nothing to revert, the records are already as they were", id)
		}
		set = log.setID
		return nil
	})
	return set, err
}

// revertTargets reads the changes reverting change id undoes, in the order they were made.
func revertTargets(ctx context.Context, q querier, id int64) ([]model.Change, error) {
	var set int64
	var imported int
	err := q.QueryRowContext(ctx, `SELECT c.set_id, s.import FROM changes c JOIN change_sets s ON s.id = c.set_id
		WHERE c.id = ?`, id).Scan(&set, &imported)
	if missing(err) {
		return nil, fmt.Errorf("change %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	where, arg := `c.set_id = ?`, set
	if imported == 1 {
		where, arg = `c.id = ?`, id
	}
	rows, err := q.QueryContext(ctx, `SELECT `+changeColumns+` FROM changes c JOIN change_sets s ON s.id = c.set_id
		WHERE `+where+` ORDER BY c.id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Change
	for rows.Next() {
		ch, err := scanChange(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ch)
	}
	return out, rows.Err()
}

// refuseLater returns an error wrapping ErrLaterChange when a change made after the targets
// (in another change set) touched one of their records. Later changes undone since, and the
// undos of them, do not count: undoing the newest change, then the one before, works like an
// undo stack.
func refuseLater(ctx context.Context, q querier, targets []model.Change) error {
	first := targets[0]
	for _, ch := range targets {
		keys := []string{ch.Key}
		if k := keyOf(ch.Kind, ch.Old); k != "" && k != ch.Key {
			keys = append(keys, k)
		}
		for _, key := range keys {
			later, err := scanChange(q.QueryRowContext(ctx, `SELECT `+changeColumns+` FROM changes c
				JOIN change_sets s ON s.id = c.set_id
				WHERE c.key = ? AND c.kind IN (`+kindGroup(ch.Kind)+`) AND c.id > ? AND c.set_id <> ?
				AND NOT EXISTS (SELECT 1 FROM change_sets r WHERE r.reverts = c.set_id)
				AND COALESCE(s.reverts, 0) <= ?
				ORDER BY c.id LIMIT 1`, key, ch.ID, ch.Set, ch.Set))
			if missing(err) {
				continue
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("cannot revert change %d: change %d (%s, %s, %s) changed %s %s since: %w", first.ID, later.ID,
				later.Author, later.At.Local().Format("2006-01-02 15:04"), later.Source, later.Kind, later.Key, ErrLaterChange)
		}
	}
	return nil
}

// kindGroup lists, for SQL, the change kinds that name the same records as kind: a plan's
// price history is part of the plan.
func kindGroup(kind model.ChangeKind) string {
	if kind == model.ChangePlan || kind == model.ChangePrice {
		return `'plan', 'price'`
	}
	return "'" + strings.ReplaceAll(string(kind), "'", "''") + "'"
}

// decodeRecord reads a record's JSON as a one-record catalog.
func decodeRecord(kind model.ChangeKind, b []byte) (model.Catalog, error) {
	var cat model.Catalog
	var err error
	switch kind {
	case model.ChangeCompetitor:
		var v model.Competitor
		err = json.Unmarshal(b, &v)
		cat.Competitors = []model.Competitor{v}
	case model.ChangeFeature:
		var v model.Feature
		err = json.Unmarshal(b, &v)
		cat.Features = []model.Feature{v}
	case model.ChangeCell:
		var v model.Support
		err = json.Unmarshal(b, &v)
		cat.Support = []model.Support{v}
	case model.ChangePlan, model.ChangePrice:
		var v model.PricePlan
		err = json.Unmarshal(b, &v)
		cat.Plans = []model.PricePlan{v}
	case model.ChangeReason:
		var v model.ReasonCode
		err = json.Unmarshal(b, &v)
		cat.ReasonCodes = []model.ReasonCode{v}
	case model.ChangeDeal:
		var v model.Deal
		err = json.Unmarshal(b, &v)
		cat.Deals = []model.Deal{v}
	case model.ChangeCard:
		var v model.BattleCard
		err = json.Unmarshal(b, &v)
		cat.Cards = []model.BattleCard{v}
	case model.ChangeNote:
		var v model.IntelNote
		err = json.Unmarshal(b, &v)
		cat.Notes = []model.IntelNote{v}
	default:
		err = fmt.Errorf("%s records cannot be restored", kind)
	}
	return cat, err
}

// keyOf is the natural key of a record's JSON, "" when there is none.
func keyOf(kind model.ChangeKind, b []byte) string {
	if b == nil {
		return ""
	}
	cat, err := decodeRecord(kind, b)
	if err != nil {
		return ""
	}
	es, err := entitiesOf(cat)
	if err != nil || len(es) != 1 {
		return ""
	}
	return es[0].key
}

// scopeChanged reads the records the changes name, under their key now and before.
func scopeChanged(ctx context.Context, changes []model.Change) func(querier) (model.Catalog, error) {
	return func(q querier) (model.Catalog, error) {
		var cat model.Catalog
		seen := map[string]bool{}
		for _, ch := range changes {
			for _, key := range []string{ch.Key, keyOf(ch.Kind, ch.Old)} {
				kind := ch.Kind
				if kind == model.ChangePrice {
					kind = model.ChangePlan
				}
				id := string(kind) + "\x00" + key
				if key == "" || seen[id] {
					continue
				}
				seen[id] = true
				b, err := readEntity(ctx, q, kind, ch.Competitor, key)
				if err != nil {
					return cat, err
				}
				if b == nil {
					continue
				}
				one, err := decodeRecord(kind, b)
				if err != nil {
					return cat, err
				}
				cat = joinCatalogs(cat, one)
			}
		}
		return cat, nil
	}
}

// joinCatalogs appends b's records to a's.
func joinCatalogs(a, b model.Catalog) model.Catalog {
	a.Competitors = append(a.Competitors, b.Competitors...)
	a.Features = append(a.Features, b.Features...)
	a.Support = append(a.Support, b.Support...)
	a.Plans = append(a.Plans, b.Plans...)
	a.ReasonCodes = append(a.ReasonCodes, b.ReasonCodes...)
	a.Deals = append(a.Deals, b.Deals...)
	a.Cards = append(a.Cards, b.Cards...)
	a.Notes = append(a.Notes, b.Notes...)
	return a
}

// kindRank orders kinds parents first.
func kindRank(kind model.ChangeKind) int {
	if kind == model.ChangePrice {
		kind = model.ChangePlan
	}
	return slices.Index(model.ChangeKinds, kind)
}

// undo puts the records the changes name back as they were: records they created are deleted
// (those that refer to others first), the others restored from their old values (parents first).
func undo(ctx context.Context, tx *sql.Tx, changes []model.Change) error {
	created := slices.Clone(changes)
	slices.SortStableFunc(created, func(a, b model.Change) int { return kindRank(b.Kind) - kindRank(a.Kind) })
	for _, ch := range created {
		if ch.Op == model.ChangeCreate {
			if err := deleteRecord(ctx, tx, ch.Kind, ch.Competitor, ch.Key); err != nil {
				return fmt.Errorf("undo %s %s: %w", ch.Kind, ch.Key, err)
			}
		}
	}
	restored := slices.Clone(changes)
	slices.SortStableFunc(restored, func(a, b model.Change) int { return kindRank(a.Kind) - kindRank(b.Kind) })
	for _, ch := range restored {
		if ch.Op == model.ChangeCreate {
			continue
		}
		if err := restoreRecord(ctx, tx, ch); err != nil {
			return fmt.Errorf("undo %s %s: %w", ch.Kind, ch.Key, err)
		}
	}
	return nil
}

// deleteRecord removes one record by kind and natural key (nothing when it is gone already).
func deleteRecord(ctx context.Context, tx *sql.Tx, kind model.ChangeKind, competitor, key string) error {
	rest := strings.TrimPrefix(key, competitor+"/")
	comp := `(SELECT id FROM competitors WHERE slug = ?)`
	var err error
	switch kind {
	case model.ChangeCompetitor:
		_, err = tx.ExecContext(ctx, `DELETE FROM competitors WHERE slug = ?`, key)
	case model.ChangeFeature:
		_, err = tx.ExecContext(ctx, `DELETE FROM features WHERE key = ?`, key)
	case model.ChangeCell:
		_, err = tx.ExecContext(ctx, `DELETE FROM support WHERE competitor_id = `+comp+`
			AND feature_id = (SELECT id FROM features WHERE key = ?)`, competitor, rest)
	case model.ChangePlan, model.ChangePrice:
		_, err = tx.ExecContext(ctx, `DELETE FROM plans WHERE competitor_id = `+comp+` AND name = ?`, competitor, rest)
	case model.ChangeReason:
		_, err = tx.ExecContext(ctx, `DELETE FROM reason_codes WHERE code = ?`, key)
	case model.ChangeDeal:
		_, err = tx.ExecContext(ctx, `DELETE FROM deals WHERE ref = ?`, key)
	case model.ChangeCard:
		if _, err = tx.ExecContext(ctx, `DELETE FROM card_items WHERE competitor_id = `+comp, competitor); err == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM cards WHERE competitor_id = `+comp, competitor)
		}
	case model.ChangeNote:
		date, title, _ := strings.Cut(rest, "/")
		_, err = tx.ExecContext(ctx, `DELETE FROM notes WHERE competitor_id = `+comp+` AND noted_at = ? AND title = ?`,
			competitor, date, title)
	default:
		err = fmt.Errorf("%s records cannot be deleted here", kind)
	}
	return err
}

// restoreRecord writes a record back as it was before ch, under its old key.
func restoreRecord(ctx context.Context, tx *sql.Tx, ch model.Change) error {
	if ch.Old == nil {
		return nil
	}
	cat, err := decodeRecord(ch.Kind, ch.Old)
	if err != nil {
		return err
	}
	comps, err := competitorIDs(ctx, tx)
	if err != nil {
		return err
	}
	cid := func(slug string) (int64, error) { return resolve(comps, "competitor", "competitor", slug) }
	renamed := keyOf(ch.Kind, ch.Old) != ch.Key
	switch {
	case len(cat.Competitors) == 1:
		_, err = upsertCompetitor(ctx, tx, cat.Competitors[0], time.Now())
	case len(cat.Features) == 1:
		_, err = upsertFeature(ctx, tx, cat.Features[0])
	case len(cat.ReasonCodes) == 1:
		_, err = upsertReasonCode(ctx, tx, cat.ReasonCodes[0])
	case len(cat.Plans) == 1:
		err = restorePlan(ctx, tx, cat.Plans[0], strings.TrimPrefix(ch.Key, ch.Competitor+"/"), comps)
	case len(cat.Support) == 1:
		sp := cat.Support[0]
		var c int64
		if c, err = cid(sp.Competitor); err == nil {
			var f model.Feature
			if f, err = getFeature(ctx, tx, sp.Feature); err == nil {
				_, err = upsertSupport(ctx, tx, sp, c, f.ID)
			}
		}
	case len(cat.Deals) == 1:
		d := cat.Deals[0]
		if renamed {
			if _, err = tx.ExecContext(ctx, `UPDATE deals SET ref = ? WHERE ref = ?`, d.Ref, ch.Key); err != nil {
				return err
			}
		}
		var reasons map[string]int64
		if reasons, err = idMap(ctx, tx, `SELECT code, id FROM reason_codes`); err == nil {
			_, err = upsertDeal(ctx, tx, d, comps, reasons)
		}
	case len(cat.Cards) == 1:
		var c int64
		if c, err = cid(cat.Cards[0].Competitor); err == nil {
			_, err = upsertCard(ctx, tx, cat.Cards[0], c)
		}
	case len(cat.Notes) == 1:
		n := cat.Notes[0]
		if renamed {
			if err = deleteRecord(ctx, tx, model.ChangeNote, ch.Competitor, ch.Key); err != nil {
				return err
			}
		}
		var c int64
		if c, err = cid(n.Competitor); err == nil {
			_, err = upsertNote(ctx, tx, n, c)
		}
	}
	return err
}

// restorePlan writes a plan back with its terms and its whole price history as they were;
// name is the plan's name now (it may have been renamed since).
func restorePlan(ctx context.Context, tx *sql.Tx, p model.PricePlan, name string, comps map[string]int64) error {
	cid, err := resolve(comps, "competitor", "competitor", p.Competitor)
	if err != nil {
		return err
	}
	id, err := planID(ctx, tx, p.Competitor, name)
	if missing(err) {
		id, err = planID(ctx, tx, p.Competitor, p.Name)
	}
	if missing(err) {
		_, err = upsertPlan(ctx, tx, p, cid)
		return err
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE plans SET name=?, model=?, currency=?, period=?, unit=?, min_seats=?, max_seats=?,
		add_on=?, included=?, source=? WHERE id = ?`, p.Name, p.Model, p.Currency, p.Period, p.Unit, p.MinSeats, p.MaxSeats,
		p.AddOn, p.Included, p.Source, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM price_observations WHERE plan_id = ?`, id); err != nil {
		return err
	}
	for _, o := range p.Observations {
		if _, err := upsertObservation(ctx, tx, id, o); err != nil {
			return err
		}
	}
	return nil
}

// undoRate removes the exchange rate a change set, recording the removal.
func undoRate(ctx context.Context, tx *sql.Tx, log *changeLog, ch model.Change) error {
	var r model.FXRate
	if err := json.Unmarshal(ch.New, &r); err != nil {
		return err
	}
	micros, err := model.ParseRate(r.Rate)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM fx_rates WHERE id = (SELECT MAX(id) FROM fx_rates
		WHERE currency = ? AND base = ? AND set_on = ? AND rate_micros = ?)`, r.Currency, r.Base, r.SetOn.String(), micros); err != nil {
		return err
	}
	return log.add(model.ChangeFX, model.ChangeDelete, "", ch.Key, ch.New, nil)
}

// UndoLast reverts the newest change set author made after change afterID that is neither an
// undo nor undone since: a session's "undo my last change". It returns a change of the set it
// undid, or ErrNotFound when there is none; a later change by someone else to the same record
// refuses it as Revert does.
func (s *Store) UndoLast(ctx context.Context, author string, afterID int64) (model.Change, error) {
	ch, err := scanChange(s.db.QueryRowContext(ctx, `SELECT `+changeColumns+` FROM changes c JOIN change_sets s ON s.id = c.set_id
		WHERE c.id > ? AND s.author = ? AND s.reverts IS NULL
		AND NOT EXISTS (SELECT 1 FROM change_sets r WHERE r.reverts = s.id)
		ORDER BY c.id DESC LIMIT 1`, afterID, author))
	if missing(err) {
		return ch, fmt.Errorf("nothing of yours to undo in this session: %w", ErrNotFound)
	}
	if err != nil {
		return ch, err
	}
	_, err = s.Revert(ctx, ch.ID)
	return ch, err
}

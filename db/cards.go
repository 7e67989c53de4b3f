package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/rivals-app/rivals/model"
)

// Card returns the battle card of a competitor, or ErrNotFound when it has none.
func (s *Store) Card(ctx context.Context, slug string) (model.BattleCard, error) {
	return readOne(ctx, s, func(snap *Snapshot) (model.BattleCard, error) { return snap.Card(ctx, slug) })
}

// getCard reads one competitor's battle card, or ErrNotFound when it has none.
func getCard(ctx context.Context, q querier, slug string) (model.BattleCard, error) {
	cards, err := listCards(ctx, q, slug)
	if err != nil {
		return model.BattleCard{}, err
	}
	if len(cards) == 0 {
		return model.BattleCard{}, fmt.Errorf("battle card for %q: %w", slug, ErrNotFound)
	}
	return cards[0], nil
}

// Cards returns every battle card ordered by competitor slug.
func (s *Store) Cards(ctx context.Context) ([]model.BattleCard, error) {
	return readOne(ctx, s, func(snap *Snapshot) ([]model.BattleCard, error) { return snap.Cards(ctx) })
}

func listCards(ctx context.Context, q querier, slug string) ([]model.BattleCard, error) {
	rows, err := q.QueryContext(ctx, `SELECT k.competitor_id, c.slug, k.owner, k.last_reviewed, k.overview, k.pricing_talk_track,
		k.quick_read, k.do_not_say FROM cards k JOIN competitors c ON c.id = k.competitor_id
		`+bySlug(slug)+` ORDER BY c.slug`, slugArgs(slug)...)
	if err != nil {
		return nil, err
	}
	var out []model.BattleCard
	index := map[int64]int{}
	for rows.Next() {
		var id int64
		var k model.BattleCard
		var reviewed, doNotSay string
		if err := rows.Scan(&id, &k.Competitor, &k.Owner, &reviewed, &k.Overview, &k.PricingTalkTrack, &k.QuickRead, &doNotSay); err != nil {
			rows.Close()
			return nil, err
		}
		if k.DoNotSay, err = decodeList(doNotSay); err != nil {
			rows.Close()
			return nil, fmt.Errorf("card %s do_not_say: %w", k.Competitor, err)
		}
		if k.LastReviewed, err = decodeDate(reviewed); err != nil {
			rows.Close()
			return nil, fmt.Errorf("card %s last_reviewed: %w", k.Competitor, err)
		}
		index[id] = len(out)
		out = append(out, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	items, err := q.QueryContext(ctx, `SELECT i.competitor_id, i.section, i.text, i.response, i.source, i.confirmed, i.confidence FROM card_items i
		JOIN competitors c ON c.id = i.competitor_id
		`+bySlug(slug)+` ORDER BY i.competitor_id, i.section, i.position`, slugArgs(slug)...)
	if err != nil {
		return nil, err
	}
	defer items.Close()
	for items.Next() {
		var id int64
		var section, text, response, confirmed string
		var cit model.Citation
		if err := items.Scan(&id, &section, &text, &response, &cit.Source, &confirmed, &cit.Confidence); err != nil {
			return nil, err
		}
		i, ok := index[id]
		if !ok {
			continue
		}
		k := &out[i]
		var err error
		if cit.Confirmed, err = decodeDate(confirmed); err != nil {
			return nil, fmt.Errorf("card %s %s confirmed: %w", k.Competitor, section, err)
		}
		if section == "objections" {
			k.Objections = append(k.Objections, model.Objection{Objection: text, Response: response, Citation: cit})
			continue
		}
		s := model.CardListSection(section)
		k.SetList(s, append(k.List(s), model.Claim{Text: text, Citation: cit}))
	}
	return out, items.Err()
}

// upsertCard replaces a competitor's battle card with k.
func upsertCard(ctx context.Context, q querier, k model.BattleCard, competitorID int64) (change, error) {
	olds, err := listCards(ctx, q, k.Competitor)
	if err != nil {
		return 0, err
	}
	result := inserted
	if len(olds) == 1 {
		if equalJSON(olds[0], k) {
			return unchanged, nil
		}
		result = updated
		if _, err := q.ExecContext(ctx, `DELETE FROM card_items WHERE competitor_id = ?`, competitorID); err != nil {
			return 0, err
		}
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO cards (competitor_id, owner, last_reviewed, overview, pricing_talk_track, quick_read, do_not_say)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (competitor_id) DO UPDATE SET owner = excluded.owner,
		last_reviewed = excluded.last_reviewed, overview = excluded.overview, pricing_talk_track = excluded.pricing_talk_track,
		quick_read = excluded.quick_read, do_not_say = excluded.do_not_say`,
		competitorID, k.Owner, k.LastReviewed.String(), k.Overview, k.PricingTalkTrack, k.QuickRead, encodeList(k.DoNotSay)); err != nil {
		return 0, err
	}
	insert := func(section string, pos int, text, response string, c model.Citation) error {
		_, err := q.ExecContext(ctx, `INSERT INTO card_items (competitor_id, section, position, text, response, source, confirmed, confidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			competitorID, section, pos, text, response, c.Source, c.Confirmed.String(), string(c.Confidence))
		return err
	}
	for _, s := range model.CardListSections {
		for i, cl := range k.List(s) {
			if err := insert(string(s), i, cl.Text, "", cl.Citation); err != nil {
				return 0, err
			}
		}
	}
	for i, o := range k.Objections {
		if err := insert("objections", i, o.Objection, o.Response, o.Citation); err != nil {
			return 0, err
		}
	}
	return result, nil
}

// Notes returns the intel notes about one competitor (all when slug is empty), newest first.
func (s *Store) Notes(ctx context.Context, slug string) ([]model.IntelNote, error) {
	return listNotes(ctx, s.db, slug)
}

const noteColumns = `n.id, c.slug, n.noted_at, n.title, n.body, n.source, n.tags`

func scanNote(row interface{ Scan(...any) error }) (model.IntelNote, error) {
	var n model.IntelNote
	var noted, tags string
	if err := row.Scan(&n.ID, &n.Competitor, &noted, &n.Title, &n.Body, &n.Source, &tags); err != nil {
		return n, err
	}
	var err error
	if n.Date, err = decodeDate(noted); err != nil {
		return n, fmt.Errorf("note %d date: %w", n.ID, err)
	}
	if n.Tags, err = decodeList(tags); err != nil {
		return n, fmt.Errorf("note %d tags: %w", n.ID, err)
	}
	return n, nil
}

func listNotes(ctx context.Context, q querier, slug string) ([]model.IntelNote, error) {
	query, args := `SELECT `+noteColumns+` FROM notes n JOIN competitors c ON c.id = n.competitor_id
		ORDER BY n.noted_at DESC, n.id DESC`, []any(nil)
	if slug != "" {
		// One competitor's notes come straight from the notes_competitor index.
		query, args = `SELECT `+noteColumns+` FROM notes n JOIN competitors c ON c.id = n.competitor_id
			WHERE n.competitor_id = (SELECT id FROM competitors WHERE slug = ?) ORDER BY n.noted_at DESC, n.id DESC`, []any{slug}
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.IntelNote
	for rows.Next() {
		n, err := scanNote(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// upsertNote writes a note matched by its natural key (competitor, date, title).
func upsertNote(ctx context.Context, q querier, n model.IntelNote, competitorID int64) (change, error) {
	old, err := scanNote(q.QueryRowContext(ctx, `SELECT `+noteColumns+` FROM notes n JOIN competitors c ON c.id = n.competitor_id
		WHERE n.competitor_id = ? AND n.noted_at = ? AND n.title = ?`, competitorID, n.Date.String(), n.Title))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = q.ExecContext(ctx, `INSERT INTO notes (competitor_id, noted_at, title, body, source, tags) VALUES (?, ?, ?, ?, ?, ?)`,
			competitorID, n.Date.String(), n.Title, n.Body, n.Source, encodeList(n.Tags))
		return inserted, err
	case err != nil:
		return 0, err
	case equalJSON(old, n):
		return unchanged, nil
	}
	_, err = q.ExecContext(ctx, `UPDATE notes SET body=?, source=?, tags=? WHERE id=?`, n.Body, n.Source, encodeList(n.Tags), old.ID)
	return updated, err
}

// SaveCard replaces a competitor's battle card (creating it when there is none) in one
// transaction. The caller sets LastReviewed: saving an edit is a review.
func (s *Store) SaveCard(ctx context.Context, k model.BattleCard) (model.BattleCard, error) {
	k.Normalize()
	if err := k.Validate(); err != nil {
		return k, err
	}
	err := s.logged(ctx, scopeCard(ctx, k.Competitor), func(tx *sql.Tx) error {
		c, err := getCompetitor(ctx, tx, k.Competitor)
		if err != nil {
			return err
		}
		_, err = upsertCard(ctx, tx, k, c.ID)
		return err
	})
	return k, err
}

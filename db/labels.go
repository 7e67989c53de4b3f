package db

import (
	"context"
	"strings"
)

// Label is a short text the search palette matches as the user types: a note title, a deal's
// account, or a battle-card bullet.
type Label struct {
	// Kind is "note", "deal" or "card_item", as in TextHit.
	Kind string
	// Competitor is the slug the text belongs to (for a deal, its primary competitor).
	Competitor string
	// ID is the row id of the record within its kind.
	ID int64
	// Text is the label itself, as stored (untrusted: sanitize before display).
	Text string
}

// Labels lists every note title, deal account (with its ref) and battle-card bullet, in one
// pass per table, for the in-memory search index; with a competitor's slug, only that
// competitor's (its deals are those it is the primary competitor of), through indexes. Long
// text (note bodies, quotes) is left to the full-text index.
func (s *Store) Labels(ctx context.Context, slug string) ([]Label, error) {
	return readOne(ctx, s, func(snap *Snapshot) ([]Label, error) { return snap.Labels(ctx, slug) })
}

func labels(ctx context.Context, q querier, slug string) ([]Label, error) {
	var out []Label
	err := eachLabel(ctx, q, slug, func(l Label) { out = append(out, l) })
	return out, err
}

// EachLabel is Labels for a caller that keeps what it needs of each label as it is read,
// rather than the whole list at once; size is told first how many labels follow.
func (s *Store) EachLabel(ctx context.Context, slug string, size func(int), fn func(Label)) error {
	return s.Read(ctx, func(snap *Snapshot) error {
		q, err := snap.q()
		if err != nil {
			return err
		}
		if slug == "" {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM notes) + (SELECT count(*) FROM card_items)
				+ (SELECT count(*) FROM deal_competitors WHERE position = 0)`).Scan(&n); err != nil {
				return err
			}
			size(n)
		}
		return eachLabel(ctx, q, slug, fn)
	})
}

func eachLabel(ctx context.Context, q querier, slug string, fn func(Label)) error {
	// Each competitor's slug is read once and held once, not joined and copied per label: at
	// 800,000 labels the join alone took a fifth of the read.
	slugs, err := slugsByID(ctx, q, slug)
	if err != nil || len(slugs) == 0 {
		return err
	}
	queries := []struct{ kind, query, owner string }{
		{"note", `SELECT n.competitor_id, n.id, n.title FROM notes n`, "n.competitor_id"},
		{"deal", `SELECT dc.competitor_id, d.id, CASE WHEN d.account = '' THEN d.ref ELSE d.account || ' (' || d.ref || ')' END
			FROM deal_competitors dc JOIN deals d ON d.id = dc.deal_id
			WHERE dc.position = 0`, "dc.competitor_id"},
		{"card_item", `SELECT i.competitor_id, i.id, i.text FROM card_items i`, "i.competitor_id"},
	}
	for _, kq := range queries {
		query, args := kq.query, []any(nil)
		if slug != "" {
			joiner := " WHERE "
			if strings.Contains(query, "WHERE") {
				joiner = " AND "
			}
			query, args = query+joiner+kq.owner+" = (SELECT id FROM competitors WHERE slug = ?)", []any{slug}
		}
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			l := Label{Kind: kq.kind}
			var owner int64
			if err := rows.Scan(&owner, &l.ID, &l.Text); err != nil {
				rows.Close()
				return err
			}
			l.Competitor = slugs[owner]
			fn(l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// slugsByID maps competitor ids to their slugs: every competitor's, or only the one
// named by slug (none when there is no such competitor).
func slugsByID(ctx context.Context, q querier, slug string) (map[int64]string, error) {
	query, args := `SELECT id, slug FROM competitors`, []any(nil)
	if slug != "" {
		query, args = query+` WHERE slug = ?`, []any{slug}
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	slugs := map[int64]string{}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return nil, err
		}
		slugs[id] = s
	}
	return slugs, rows.Err()
}

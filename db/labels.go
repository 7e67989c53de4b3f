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
	queries := []struct{ kind, query string }{
		{"note", `SELECT c.slug, n.id, n.title FROM notes n JOIN competitors c ON c.id = n.competitor_id`},
		{"deal", `SELECT c.slug, d.id, CASE WHEN d.account = '' THEN d.ref ELSE d.account || ' (' || d.ref || ')' END
			FROM deal_competitors dc JOIN deals d ON d.id = dc.deal_id JOIN competitors c ON c.id = dc.competitor_id
			WHERE dc.position = 0`},
		{"card_item", `SELECT c.slug, i.id, i.text FROM card_items i JOIN competitors c ON c.id = i.competitor_id`},
	}
	slugs := map[string]string{} // each competitor's slug held once, not once per label
	for _, kq := range queries {
		query, args := kq.query, []any(nil)
		if slug != "" {
			joiner := " WHERE "
			if strings.Contains(query, "WHERE") {
				joiner = " AND "
			}
			query, args = query+joiner+"c.slug = ?", []any{slug}
		}
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			l := Label{Kind: kq.kind}
			var slug []byte
			if err := rows.Scan(&slug, &l.ID, &l.Text); err != nil {
				rows.Close()
				return err
			}
			if l.Competitor = slugs[string(slug)]; l.Competitor == "" {
				l.Competitor = string(slug)
				slugs[l.Competitor] = l.Competitor
			}
			fn(l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

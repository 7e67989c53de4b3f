package db

import (
	"context"
	"strings"
	"unicode"
)

// TextHit is one full-text match in the catalog's long text.
type TextHit struct {
	// Kind is "feature", "note", "deal", "card" or "card_item".
	Kind string
	// Competitor is the slug the text belongs to ("" for features).
	Competitor string
	// ID is the row id of the matched record within its kind.
	ID int64
	// Snippet is a short excerpt with the matches wrapped in SnippetOpen/SnippetClose.
	Snippet string
	// Rank orders hits (lower is better), comparable across kinds.
	Rank float64
}

// Markers around matched terms in TextHit.Snippet. They are control characters that
// catalog text cannot contain once sanitized, so callers can split on them safely.
const (
	SnippetOpen  = "\x02"
	SnippetClose = "\x03"
)

// ftsQuery turns what a user typed into an FTS5 query: every word must match, the last as a
// prefix ("price incr" finds "price increase"). Punctuation is dropped so user input can never
// be FTS5 syntax.
func ftsQuery(input string) string {
	words := strings.FieldsFunc(input, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return ""
	}
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	words[len(words)-1] += "*"
	return strings.Join(words, " ")
}

// SearchText finds notes, battle-card text, deal quotes and notes, and feature descriptions
// matching every word of query (the last as a prefix), best first, at most limit hits.
func (s *Store) SearchText(ctx context.Context, query string, limit int) ([]TextHit, error) {
	q := ftsQuery(query)
	if q == "" || limit <= 0 {
		return nil, nil
	}
	const snip = `'` + SnippetOpen + `', '` + SnippetClose + `', '…', 12`
	rows, err := s.db.QueryContext(ctx, `
		SELECT 'note', c.slug, n.id, snippet(notes_fts, -1, `+snip+`), notes_fts.rank
			FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid JOIN competitors c ON c.id = n.competitor_id
			WHERE notes_fts MATCH ?1
		UNION ALL
		SELECT 'card', c.slug, k.competitor_id, snippet(cards_fts, -1, `+snip+`), cards_fts.rank
			FROM cards_fts JOIN cards k ON k.competitor_id = cards_fts.rowid JOIN competitors c ON c.id = k.competitor_id
			WHERE cards_fts MATCH ?1
		UNION ALL
		SELECT 'card_item', c.slug, i.id, snippet(card_items_fts, -1, `+snip+`), card_items_fts.rank
			FROM card_items_fts JOIN card_items i ON i.id = card_items_fts.rowid JOIN competitors c ON c.id = i.competitor_id
			WHERE card_items_fts MATCH ?1
		UNION ALL
		SELECT 'deal', COALESCE((SELECT c.slug FROM deal_competitors dc JOIN competitors c ON c.id = dc.competitor_id
				WHERE dc.deal_id = d.id ORDER BY dc.position LIMIT 1), ''), d.id, snippet(deals_fts, -1, `+snip+`), deals_fts.rank
			FROM deals_fts JOIN deals d ON d.id = deals_fts.rowid
			WHERE deals_fts MATCH ?1
		UNION ALL
		SELECT 'feature', '', f.id, snippet(features_fts, -1, `+snip+`), features_fts.rank
			FROM features_fts JOIN features f ON f.id = features_fts.rowid
			WHERE features_fts MATCH ?1
		ORDER BY 5 LIMIT ?2`, q, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TextHit
	for rows.Next() {
		var h TextHit
		if err := rows.Scan(&h.Kind, &h.Competitor, &h.ID, &h.Snippet, &h.Rank); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

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
	// Rank orders hits within a kind (lower is better).
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

// textSearches are the per-kind full-text queries: kind, competitor slug, row id, snippet and
// rank for each match of ?1, best first, at most ?2 rows.
var textSearches = []string{
	`SELECT 'note', c.slug, n.id, snippet(notes_fts, -1, ` + snippetArgs + `), notes_fts.rank
		FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid JOIN competitors c ON c.id = n.competitor_id
		WHERE notes_fts MATCH ?1 ORDER BY notes_fts.rank LIMIT ?2`,
	`SELECT 'card', c.slug, k.competitor_id, snippet(cards_fts, -1, ` + snippetArgs + `), cards_fts.rank
		FROM cards_fts JOIN cards k ON k.competitor_id = cards_fts.rowid JOIN competitors c ON c.id = k.competitor_id
		WHERE cards_fts MATCH ?1 ORDER BY cards_fts.rank LIMIT ?2`,
	`SELECT 'card_item', c.slug, i.id, snippet(card_items_fts, -1, ` + snippetArgs + `), card_items_fts.rank
		FROM card_items_fts JOIN card_items i ON i.id = card_items_fts.rowid JOIN competitors c ON c.id = i.competitor_id
		WHERE card_items_fts MATCH ?1 ORDER BY card_items_fts.rank LIMIT ?2`,
	`SELECT 'deal', COALESCE((SELECT c.slug FROM deal_competitors dc JOIN competitors c ON c.id = dc.competitor_id
			WHERE dc.deal_id = d.id ORDER BY dc.position LIMIT 1), ''), d.id, snippet(deals_fts, -1, ` + snippetArgs + `), deals_fts.rank
		FROM deals_fts JOIN deals d ON d.id = deals_fts.rowid
		WHERE deals_fts MATCH ?1 ORDER BY deals_fts.rank LIMIT ?2`,
	`SELECT 'feature', '', f.id, snippet(features_fts, -1, ` + snippetArgs + `), features_fts.rank
		FROM features_fts JOIN features f ON f.id = features_fts.rowid
		WHERE features_fts MATCH ?1 ORDER BY features_fts.rank LIMIT ?2`,
}

const snippetArgs = `'` + SnippetOpen + `', '` + SnippetClose + `', '…', 12`

// SearchText finds notes, battle-card text, deal accounts, quotes and notes, and feature
// descriptions matching every word of query (the last as a prefix). Each kind returns its best
// perKind hits, so one chatty kind cannot crowd out the others; kinds come in a fixed order
// (notes, cards, card bullets, deals, features), each best first.
func (s *Store) SearchText(ctx context.Context, query string, perKind int) ([]TextHit, error) {
	q := ftsQuery(query)
	if q == "" || perKind <= 0 {
		return nil, nil
	}
	var out []TextHit
	for _, sqlText := range textSearches {
		rows, err := s.db.QueryContext(ctx, sqlText, q, perKind)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h TextHit
			if err := rows.Scan(&h.Kind, &h.Competitor, &h.ID, &h.Snippet, &h.Rank); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

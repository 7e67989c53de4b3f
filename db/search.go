package db

import (
	"context"
	"database/sql"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
	// Rank orders hits within a kind (lower is better); zero when the kind had too many matches
	// to rank (see rankWindow) and lists its newest first.
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
	return strings.Join(ftsPhrases(input), " ")
}

// ftsPhrases are the words of ftsQuery, each an FTS5 phrase. A last word of one letter is no
// prefix: every word starting with that letter would be gathered from the index (the prefix
// index starts at two letters), costing a second at 400,000 notes, for matches the next
// keystroke narrows anyway. It is left out after other words ("slack s" searches "slack") and
// matched whole when alone.
func ftsPhrases(input string) []string {
	words := strings.FieldsFunc(input, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return nil
	}
	last := words[len(words)-1]
	if utf8.RuneCountInString(last) == 1 && len(words) > 1 {
		words = words[:len(words)-1]
	}
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	if utf8.RuneCountInString(last) > 1 {
		words[len(words)-1] += "*"
	}
	return words
}

// rankWindow bounds the matches ranked by relevance. Relevance (FTS5's bm25) weighs each word
// by how rare it is, which costs a pass over every record holding the word, so when a word of
// the query is in more records of a kind than this (a short prefix, a word every deal holds),
// that kind lists its most recent matches instead, read newest first without ranking or
// sorting anything. Otherwise it gets exactly the top hits of ranking every match.
const rankWindow = 256

// textSearch is the full-text search of one kind: the table searched and what each hit selects
// (kind, competitor slug, row id, snippet and rank) from which tables.
type textSearch struct {
	table, selects, from string
	// latest is the highest row id the table indexes.
	latest string
}

// textSearches are the kinds searched, in the order their hits are listed.
var textSearches = []textSearch{
	{"notes_fts", `'note', c.slug, n.id`, `JOIN notes n ON n.id = notes_fts.rowid JOIN competitors c ON c.id = n.competitor_id`,
		`SELECT max(id) FROM notes`},
	{"cards_fts", `'card', c.slug, k.competitor_id`, `JOIN cards k ON k.competitor_id = cards_fts.rowid JOIN competitors c ON c.id = k.competitor_id`,
		`SELECT max(competitor_id) FROM cards`},
	{"card_items_fts", `'card_item', c.slug, i.id`, `JOIN card_items i ON i.id = card_items_fts.rowid JOIN competitors c ON c.id = i.competitor_id`,
		`SELECT max(id) FROM card_items`},
	{"deals_fts", `'deal', COALESCE((SELECT c.slug FROM deal_competitors dc JOIN competitors c ON c.id = dc.competitor_id
			WHERE dc.deal_id = d.id ORDER BY dc.position LIMIT 1), ''), d.id`, `JOIN deals d ON d.id = deals_fts.rowid`, `SELECT max(id) FROM deals`},
	{"features_fts", `'feature', '', f.id`, `JOIN features f ON f.id = features_fts.rowid`, `SELECT max(id) FROM features`},
}

// commonest counts the records above row id ?2 holding each of n words (?3, ?4…), up to ?1,
// and returns the largest count.
func (ts textSearch) commonest(n int) string {
	counts := make([]string, n)
	for i := range counts {
		counts[i] = `(SELECT count(*) FROM (SELECT 1 FROM ` + ts.table + ` WHERE ` + ts.table + ` MATCH ?` + strconv.Itoa(i+3) +
			` AND ` + ts.table + `.rowid > ?2 LIMIT ?1))`
	}
	return `SELECT max(` + strings.Join(append(counts, "0"), ", ") + `)`
}

// ranked lists the best ?2 matches of ?1 by relevance.
func (ts textSearch) ranked() string {
	return ts.query(ts.table+`.rank`, `1`, ts.table+`.rank`)
}

// newest lists the ?2 most recent matches of ?1 above row id ?3 (the highest row ids),
// unranked.
func (ts textSearch) newest() string {
	return ts.query(`0`, ts.table+`.rowid > ?3`, ts.table+`.rowid DESC`)
}

func (ts textSearch) query(rank, where, order string) string {
	return `SELECT ` + ts.selects + `, snippet(` + ts.table + `, -1, ` + snippetArgs + `), ` + rank + `
		FROM ` + ts.table + ` ` + ts.from + ` WHERE ` + ts.table + ` MATCH ?1 AND ` + where + ` ORDER BY ` + order + ` LIMIT ?2`
}

// recentRows is how many of a kind's latest records a common word is first looked for in: a
// prefix such as "upda" gathers the row ids of every word it starts before the first match is
// read, which for a word in every note costs a fifth of a second at 400,000 notes, and a tenth
// of that when only the latest rows are gathered. When they hold too few matches, the search
// looks at every row. A variable so that tests can make it small.
var recentRows int64 = 4096

const snippetArgs = `'` + SnippetOpen + `', '` + SnippetClose + `', '…', 12`

// SearchText finds notes, battle-card text, deal accounts, quotes and notes, and feature
// descriptions matching every word of query (the last as a prefix), all from one snapshot. Each
// kind returns its best perKind hits (its newest when a word is too common to rank by: see
// rankWindow), so one chatty kind cannot crowd out the others; kinds come in a fixed order (notes, cards, card
// bullets, deals, features), each best first. Ending ctx interrupts the search.
func (s *Store) SearchText(ctx context.Context, query string, perKind int) ([]TextHit, error) {
	if ftsQuery(query) == "" || perKind <= 0 {
		return nil, nil
	}
	return readOne(ctx, s, func(snap *Snapshot) ([]TextHit, error) { return snap.SearchText(ctx, query, perKind) })
}

// SearchText is Store.SearchText within the snapshot.
func (snap *Snapshot) SearchText(ctx context.Context, query string, perKind int) ([]TextHit, error) {
	phrases := ftsPhrases(query)
	if len(phrases) == 0 || perKind <= 0 {
		return nil, nil
	}
	db, err := snap.q()
	if err != nil {
		return nil, err
	}
	var out []TextHit
	for _, ts := range textSearches {
		hits, err := searchKind(ctx, db, ts, phrases, perKind)
		if err != nil {
			return nil, err
		}
		out = append(out, hits...)
	}
	return out, nil
}

// searchKind lists one kind's hits: ranked when every word is rare enough (see rankWindow),
// else the newest, looked for first among the latest records (see recentRows).
func searchKind(ctx context.Context, db querier, ts textSearch, phrases []string, perKind int) ([]TextHit, error) {
	var latest sql.NullInt64
	if err := db.QueryRowContext(ctx, ts.latest).Scan(&latest); err != nil || !latest.Valid {
		return nil, err // an error, or no records
	}
	const everyRow = math.MinInt64
	recent := latest.Int64 - recentRows
	commonest, err := countCommonest(ctx, db, ts, phrases, recent)
	if err == nil && commonest <= rankWindow {
		commonest, err = countCommonest(ctx, db, ts, phrases, everyRow)
	}
	q := strings.Join(phrases, " ")
	switch {
	case err != nil || commonest == 0: // an error, or some word is in no record of this kind
		return nil, err
	case commonest <= rankWindow:
		return readTextHits(ctx, db, ts.ranked(), q, perKind)
	}
	hits, err := readTextHits(ctx, db, ts.newest(), q, perKind, recent)
	if err == nil && len(hits) < perKind {
		hits, err = readTextHits(ctx, db, ts.newest(), q, perKind, everyRow)
	}
	return hits, err
}

// countCommonest is how many records above row id after hold the commonest of the words, up
// to rankWindow+1.
func countCommonest(ctx context.Context, db querier, ts textSearch, phrases []string, after int64) (int, error) {
	args := []any{rankWindow + 1, after}
	for _, p := range phrases {
		args = append(args, p)
	}
	var n int
	err := db.QueryRowContext(ctx, ts.commonest(len(phrases)), args...).Scan(&n)
	return n, err
}

// readTextHits runs one kind's search.
func readTextHits(ctx context.Context, db querier, sqlText string, args ...any) ([]TextHit, error) {
	rows, err := db.QueryContext(ctx, sqlText, args...)
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

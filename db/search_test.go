package db

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// searchCatalog holds n notes about acme: every body says "renewal"; note i's title holds
// "Quokka" when i is a multiple of 50, and "Okapi" i%7+1 times for the first 20 notes, so
// that relevance orders those differently from recency.
func searchCatalog(n int) model.Catalog {
	cat := sampleCatalog()
	cat.Notes = nil
	for i := range n {
		title := fmt.Sprintf("Acme update %d", i)
		if i%50 == 0 {
			title += " Quokka"
		}
		if i < 20 {
			for range i%7 + 1 {
				title += " Okapi"
			}
		}
		if i < rankWindow+10 {
			title += " Vintage"
		}
		cat.Notes = append(cat.Notes, model.IntelNote{Competitor: "acme", Date: model.MustParseDate("2026-01-01").AddDays(i),
			Title: title, Body: "Talked about their renewal terms."})
	}
	return cat
}

// A query whose words are rare enough is ranked exactly as ranking every match would; one
// holding a word too common to rank by lists the newest matches first, still perKind of them.
func TestSearchTextRanksRareWordsAndListsCommonOnesNewestFirst(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, searchCatalog(rankWindow+40), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	noteIDs := func(hits []TextHit) []int64 {
		var ids []int64
		for _, h := range hits {
			if h.Kind == "note" {
				ids = append(ids, h.ID)
			}
		}
		return ids
	}
	for _, q := range []string{"okapi", "quokka", "okapi acme"} {
		hits, err := s.SearchText(ctx, q, 5)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rank LIMIT 5`, ftsQuery(q))
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			want = append(want, id)
		}
		rows.Close()
		got := noteIDs(hits)
		if q == "okapi acme" {
			// "acme" is in every title: too common to rank by, so the newest matches come first.
			if len(got) != 5 || got[0] < got[1] || got[1] < got[2] {
				t.Errorf("%q: notes %v, want 5 newest first", q, got)
			}
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: notes %v, want ranked %v", q, got, want)
		}
	}
	hits, err := s.SearchText(ctx, "renewal", 4)
	if err != nil {
		t.Fatal(err)
	}
	got := noteIDs(hits)
	if len(got) != 4 || got[0] < got[1] || got[1] < got[2] || got[2] < got[3] {
		t.Errorf("common word: notes %v, want the 4 newest, newest first", got)
	}
	// A common word is looked for among the latest notes first, then among all of them when
	// those hold too few: either way the newest matches come first.
	old := recentRows
	t.Cleanup(func() { recentRows = old })
	for _, recent := range []int64{10, 100, 1 << 20} {
		recentRows = recent
		hits, err := s.SearchText(ctx, "vintage", 4)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprint(noteIDs(hits)), fmt.Sprint([]int64{rankWindow + 10, rankWindow + 9, rankWindow + 8, rankWindow + 7}); got != want {
			t.Errorf("vintage, latest %d notes first: notes %s, want %s", recent, got, want)
		}
	}
	// An ended context ends the search.
	done, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.SearchText(done, "renewal", 4); !errors.Is(err, context.Canceled) {
		t.Errorf("search with an ended context = %v, want context.Canceled", err)
	}
}

// The last word is a prefix from two letters on; a lone last letter is left out after other
// words and matched whole when alone, so that no query gathers every word starting with a letter.
func TestFTSQueryPrefixesFromTwoLetters(t *testing.T) {
	for in, want := range map[string]string{
		"price incr": `"price" "incr"*`,
		"slack s":    `"slack"`,
		"t":          `"t"`,
		"ta":         `"ta"*`,
		"sso:":       `"sso"*`,
		"é":          `"é"`,
		" - ":        "",
	} {
		if got := ftsQuery(in); got != want {
			t.Errorf("ftsQuery(%q) = %s, want %s", in, got, want)
		}
	}
}

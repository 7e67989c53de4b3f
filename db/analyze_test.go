package db

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// statOf returns the row count sqlite_stat1 holds for table (0 when none).
func statOf(t *testing.T, s *Store, table string) int {
	t.Helper()
	known, err := statRows(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	return known[table]
}

// manyNotes is a catalog of one competitor and n notes about it.
func manyNotes(n, from int) model.Catalog {
	cat := model.Catalog{Competitors: []model.Competitor{{Slug: "acme", Name: "Acme"}}}
	for i := range n {
		cat.Notes = append(cat.Notes, model.IntelNote{Competitor: "acme", Date: model.MustParseDate("2026-01-01"), Title: fmt.Sprint("note ", from+i)})
	}
	return cat
}

func TestImportRefreshesStatisticsOfTablesItChangedMuch(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, manyNotes(500, 0), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if got := statOf(t, s, "notes"); got != 500 {
		t.Fatalf("after importing 500 notes into an empty table, statistics count %d", got)
	}
	// 20 more notes are 4%: the statistics stay.
	if _, err := s.Import(ctx, manyNotes(20, 500), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if got := statOf(t, s, "notes"); got != 500 {
		t.Errorf("after adding 4%%, statistics count %d, want the 500 they counted before", got)
	}
	// 100 more are 19%: they are made again.
	if _, err := s.Import(ctx, manyNotes(100, 520), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if got := statOf(t, s, "notes"); got != 620 {
		t.Errorf("after adding 19%%, statistics count %d, want 620", got)
	}
	// A dry run leaves them alone.
	if _, err := s.Import(ctx, manyNotes(1000, 620), ImportOptions{Now: testNow, DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if got := statOf(t, s, "notes"); got != 620 {
		t.Errorf("after a dry run, statistics count %d, want 620", got)
	}
}

func TestOpenAnalyzesAFileThatHasDataButNoStatistics(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rivals.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, manyNotes(50, 0), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rawExec(t, path, "DROP TABLE sqlite_stat1")
	for _, ro := range []bool{true, false} {
		s, err := OpenWith(ctx, path, Options{ReadOnly: ro})
		if err != nil {
			t.Fatal(err)
		}
		got := statOf(t, s, "notes")
		s.Close()
		if ro && got != 0 {
			t.Errorf("a read-only open wrote statistics (%d notes)", got)
		}
		if !ro && got != 50 {
			t.Errorf("after an open, statistics count %d notes, want 50", got)
		}
	}
	// An empty catalog has nothing to analyze: opening it writes nothing.
	empty := openTest(t)
	if n := countRows(t, empty, `SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'`); n != 0 {
		t.Error("opening an empty catalog made statistics")
	}
}

// TestExportQueriesNeverSortAWholeTable checks the plans of the export's queries, with and
// without statistics: each reads in an index's order and sorts at most the rows sharing a
// prefix of it.
func TestExportQueriesNeverSortAWholeTable(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Import(ctx, scrambledCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	for _, analyzed := range []bool{true, false} {
		if !analyzed {
			if _, err := s.db.ExecContext(ctx, "DROP TABLE sqlite_stat1"); err != nil {
				t.Fatal(err)
			}
		}
		for _, q := range []string{exportCellsQuery, exportDealsQuery, exportDealCompetitorsQuery, exportDealReasonsQuery, exportNotesQuery} {
			rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, 1)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			text := strings.Join(plan, "; ")
			if strings.Contains(text, "TEMP B-TREE FOR ORDER BY") || strings.HasPrefix(text, "SCAN s") || strings.Contains(text, "SCAN support") {
				t.Errorf("analyzed=%v: %.60s… is planned as %s", analyzed, q, text)
			}
		}
	}
}

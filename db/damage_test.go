package db

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// flipDealPages makes the database at path (closed) hold the demo catalog and then flips 256
// bytes in the middle of three leaf pages at the left of the deals table, away from the pages
// an added deal is written to: the damage the engine meets only when it reads those pages.
func flipDealPages(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, demoCatalog(t), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	flipTablePages(t, path, "deals", 3)
}

// flipTablePages flips 256 bytes in the middle of the first n leaf pages (in key order) of
// table in the closed database at path, after moving everything into the main file.
func flipTablePages(t testing.TB, path, table string, n int) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	var pages []int64
	rows, err := raw.Query("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path LIMIT ?", table, n)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p int64
		rows.Scan(&p)
		pages = append(pages, p)
	}
	rows.Close()
	raw.Close()
	if len(pages) < n {
		t.Fatalf("%s has %d leaf pages, want %d", table, len(pages), n)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const pageSize = 4096
	buf := make([]byte, 256)
	for _, p := range pages {
		off := (p-1)*pageSize + pageSize/2
		if _, err := f.ReadAt(buf, off); err != nil {
			t.Fatal(err)
		}
		for i := range buf {
			buf[i] ^= 0xff
		}
		if _, err := f.WriteAt(buf, off); err != nil {
			t.Fatal(err)
		}
	}
}

// newDeal is a deal against a demo competitor, with a ref of its own.
func newDeal(ref string) model.Deal {
	return model.Deal{Ref: ref, ClosedAt: model.MustParseDate("2026-11-20"), Outcome: model.OutcomeLost,
		Competitors: []string{"harborline"}}
}

// After a check finds damage, every write through the store (the CLI's and the TUI's) is
// refused at once with ErrDamaged, whichever table it would change, and reads of sound pages
// go on; a check that finds the file sound again lets writes through.
func TestCheckedDamageRefusesEveryWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rivals.db")
	flipDealPages(t, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err := s.Check(ctx)
	if err != nil || len(rep.Integrity) == 0 {
		t.Fatalf("Check = %+v, %v; want damage", rep, err)
	}
	marker, err := os.ReadFile(DamageMarker(path))
	if err != nil || !strings.Contains(string(marker), "Restore it from a backup") {
		t.Fatalf("marker %q, %v", marker, err)
	}
	writes := map[string]func() error{
		"SaveDeal":   func() error { _, err := s.SaveDeal(ctx, newDeal("CORR-1"), nil); return err },
		"DeleteDeal": func() error { return s.DeleteDeal(ctx, 1) },
		"SetRate": func() error {
			return s.SetRate(ctx, model.FXRate{Currency: "EUR", Base: "USD", Micros: 1_080_000, Rate: "1.08", SetOn: model.MustParseDate("2026-11-20")})
		},
		"SaveCompetitor": func() error {
			_, err := s.SaveCompetitor(ctx, model.Competitor{Slug: "newco", Name: "New Co"}, testNow)
			return err
		},
		"SaveReasonCode":   func() error { return s.SaveReasonCode(ctx, model.ReasonCode{Code: "price", Label: "Cost"}) },
		"MergeReasonCodes": func() error { _, err := s.MergeReasonCodes(ctx, "total_cost", "price"); return err },
		"Import": func() error {
			_, err := s.Import(ctx, model.Catalog{Version: 1, Competitors: []model.Competitor{{Slug: "newco", Name: "New Co"}}}, ImportOptions{Now: testNow})
			return err
		},
	}
	const want = "the database " + "%s is damaged: run rivals check; restore from a backup"
	for name, write := range writes {
		err := write()
		if !errors.Is(err, ErrDamaged) || !errors.Is(err, ErrCorrupt) || err.Error() != strings.Replace(want, "%s", path, 1) {
			t.Errorf("%s after a check found damage: %v", name, err)
		}
	}
	if comps, err := s.Competitors(ctx); err != nil || len(comps) == 0 {
		t.Errorf("reading sound pages: %d competitors, %v", len(comps), err)
	}
	if _, err := s.Import(ctx, model.Catalog{Version: 1, Competitors: []model.Competitor{{Slug: "newco", Name: "New Co"}}},
		ImportOptions{DryRun: true, Now: testNow}); err != nil {
		t.Errorf("a dry run writes nothing and is not refused: %v", err)
	}

	// Restored from a sound copy, the file passes the check, which lifts the refusal.
	s.Close()
	sound := filepath.Join(t.TempDir(), "sound.db")
	s2, err := Open(ctx, sound)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Import(ctx, demoCatalog(t), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if err := s2.Backup(ctx, path, true); err != nil {
		t.Fatal(err)
	}
	s2.Close()
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SaveDeal(ctx, newDeal("CORR-1"), nil); !errors.Is(err, ErrDamaged) {
		t.Errorf("a restored file is written before a check has cleared it: %v", err)
	}
	if rep, err := s.Check(ctx); err != nil || !rep.OK() {
		t.Fatalf("Check of the restored file = %+v, %v", rep, err)
	}
	if _, err := os.Stat(DamageMarker(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a clean check left the marker: %v", err)
	}
	if _, err := s.SaveDeal(ctx, newDeal("CORR-1"), nil); err != nil {
		t.Errorf("SaveDeal after a clean check: %v", err)
	}
}

// An import checks the tables it writes before writing, so rows never land in a table the
// engine can tell is damaged, even when no check has run; an import of other kinds goes on.
func TestImportRefusesDamagedTables(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rivals.db")
	flipDealPages(t, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Import(ctx, model.Catalog{Version: 1, Deals: []model.Deal{newDeal("CORR-1"), newDeal("CORR-2")}}, ImportOptions{Now: testNow})
	if !errors.Is(err, ErrDamaged) || err.Error() != "the database "+path+" is damaged: run rivals check; restore from a backup" {
		t.Fatalf("importing deals into a damaged deals table: %v", err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM deals WHERE ref LIKE 'CORR-%'").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows landed in the damaged table (%v)", n, err)
	}
	if _, err := s.Import(ctx, model.Catalog{Version: 1, Competitors: []model.Competitor{{Slug: "newco", Name: "New Co"}}}, ImportOptions{Now: testNow}); err != nil {
		t.Errorf("importing competitors, whose table is sound: %v", err)
	}
	if _, err := os.Stat(DamageMarker(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an import left a marker: %v", err)
	}
}

package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/internal/atomicfile"
	"github.com/rivals-app/rivals/model"
)

// rawQuery returns the first column of the first row of query run on the file at path,
// outside any store.
func rawQuery(t *testing.T, path, query string) string {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var v string
	if err := raw.QueryRow(query).Scan(&v); err != nil {
		t.Fatalf("%s on %s: %v", query, path, err)
	}
	return v
}

// Opening a file of an older schema copies it aside before upgrading it; the copy is the old
// file, whole and private, under the documented name. Opening it again, or opening a new file,
// writes no copy.
func TestUpgradeWritesABackupFirst(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := writeVersion1(t, filepath.Join(dir, "rivals.db"))
	at := time.Date(2026, 11, 23, 10, 15, 0, 0, time.FixedZone("CET", 3600))
	s, err := OpenWith(ctx, path, Options{Create: true, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	from, backup := s.Upgrade()
	want := filepath.Join(dir, "rivals.db.v1-backup-20261123T091500Z")
	if from != 1 || backup != want {
		t.Errorf("Upgrade() = %d, %q; want 1, %q", from, backup, want)
	}
	s.Close()
	if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup %s: %v %v", backup, fi, err)
	}
	if v := rawQuery(t, backup, "PRAGMA user_version"); v != "1" {
		t.Errorf("backup has schema version %s, want 1", v)
	}
	if v := rawQuery(t, backup, "SELECT name FROM competitors"); v != "Acme" {
		t.Errorf("backup holds %q", v)
	}
	if v := rawQuery(t, backup, "PRAGMA integrity_check"); v != "ok" {
		t.Errorf("backup integrity_check = %q", v)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if v := rawQuery(t, path, "PRAGMA user_version"); v != fmt.Sprint(latestVersion(ms)) {
		t.Errorf("upgraded file has schema version %s, want %d", v, latestVersion(ms))
	}

	// Up to date: no second copy, even within the same second.
	s, err = OpenWith(ctx, path, Options{Create: true, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	if from, backup := s.Upgrade(); from != 0 || backup != "" {
		t.Errorf("second open: Upgrade() = %d, %q", from, backup)
	}
	s.Close()
	// The same version-1 file upgraded again (restored from its copy) reuses the copy: one
	// copy per version, whatever the time.
	os.Remove(path)
	writeVersion1(t, path)
	s, err = OpenWith(ctx, path, Options{Create: true, Now: func() time.Time { return at.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	if _, b := s.Upgrade(); b != want {
		t.Errorf("second upgrade of the same file reports the copy %q, want %q", b, want)
	}
	s.Close()
	if n := len(backupsOf(path, 1)); n != 1 {
		t.Errorf("%d copies of version 1, want 1", n)
	}

	fresh := filepath.Join(t.TempDir(), "new.db")
	s, err = Open(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if from, backup := s.Upgrade(); from != 0 || backup != "" {
		t.Errorf("new file: Upgrade() = %d, %q", from, backup)
	}
	if matches, _ := filepath.Glob(fresh + ".*backup*"); len(matches) > 0 {
		t.Errorf("a new file got a backup: %v", matches)
	}
}

// KeepSchema opens an old file as it is, for a backup or a check.
func TestKeepSchemaLeavesAnOldFileAlone(t *testing.T) {
	path := writeVersion1(t, filepath.Join(t.TempDir(), "v1.db"))
	s, err := OpenWith(context.Background(), path, Options{KeepSchema: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Check(context.Background()); err != nil || !rep.OK() {
		t.Errorf("Check = %+v, %v", rep, err)
	}
	s.Close()
	if v := rawQuery(t, path, "PRAGMA user_version"); v != "1" {
		t.Errorf("schema version %s after a KeepSchema open", v)
	}
	if matches, _ := filepath.Glob(path + ".*backup*"); len(matches) > 0 {
		t.Errorf("a KeepSchema open wrote a backup: %v", matches)
	}
}

// A backup is a snapshot of what is committed, taken while another connection is in the
// middle of writing; it never replaces a file without force, nor ever the database itself.
func TestBackupIsAConsistentOnlineCopy(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Export(ctx)

	// Another writer holds an open transaction with a change not yet committed.
	other, err := Open(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE competitors SET name = 'Uncommitted' WHERE slug = 'acme'`); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	copyPath := filepath.Join(dir, "copy.db")
	if err := s.Backup(ctx, copyPath, false); err != nil {
		t.Fatal(err)
	}
	tx.Rollback()
	if fi, err := os.Stat(copyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("copy: %v %v", fi, err)
	}
	c, err := Open(ctx, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := c.Export(ctx)
	var journal string
	c.db.QueryRow("PRAGMA journal_mode").Scan(&journal)
	c.Close()
	if journal != "wal" {
		t.Errorf("a restored copy opens in journal mode %q, want wal", journal)
	}
	if !equalJSON(got, want) {
		t.Error("the copy differs from the committed catalog")
	}

	if err := s.Backup(ctx, copyPath, false); !errors.Is(err, atomicfile.ErrExists) {
		t.Errorf("backup over an existing file: %v", err)
	}
	if err := s.Backup(ctx, copyPath, true); err != nil {
		t.Errorf("backup --force: %v", err)
	}
	for _, own := range []string{s.Path(), s.Path() + "-wal"} {
		if err := s.Backup(ctx, own, true); !errors.Is(err, ErrBackupOverDatabase) {
			t.Errorf("backup over %s: %v", own, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("backups left %d files in the directory, want 1", len(entries))
	}
}

// Check finds rows whose references point nowhere, and damaged pages.
func TestCheckFindsBrokenReferencesAndDamage(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Check(ctx); err != nil || !rep.OK() {
		t.Fatalf("sound database: %+v, %v", rep, err)
	}
	// Another program, without foreign keys on, removes a reason code a deal cites and a
	// competitor a note is about.
	raw, err := sql.Open("sqlite", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM reason_codes WHERE code = 'security';
		UPDATE notes SET competitor_id = 99 WHERE rowid = 1`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	rep, err := s.Check(ctx)
	if err != nil || rep.OK() || len(rep.ForeignKeys) != 2 || len(rep.Integrity) != 0 {
		t.Fatalf("Check = %+v, %v; want two foreign key problems", rep, err)
	}
	var got []string
	for _, p := range rep.ForeignKeys {
		got = append(got, p.String())
	}
	want := "a deal_reasons row refers to a missing reason_codes row; notes row 1 refers to a missing competitors row"
	if strings.Join(got, "; ") != want {
		t.Errorf("problems read %q, want %q", got, want)
	}

	damagePages(t, s.Path(), "competitors")
	rep, err = s.Check(ctx)
	if err != nil || len(rep.Integrity) == 0 {
		t.Errorf("Check on a damaged file = %+v, %v; want integrity problems", rep, err)
	}
	_, err = s.Competitors(ctx)
	if err = s.Explain(err); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), s.Path()) {
		t.Errorf("reading a damaged table: %v", err)
	}
}

// damagePages overwrites the pages of table (found with the dbstat table) with garbage, after
// a checkpoint has moved everything into the main file.
func damagePages(t *testing.T, path, table string) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	var pageSize int64
	if err := raw.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	rows, err := raw.Query("SELECT pageno FROM dbstat WHERE name = ?", table)
	if err != nil {
		t.Fatal(err)
	}
	var pages []int64
	for rows.Next() {
		var p int64
		rows.Scan(&p)
		pages = append(pages, p)
	}
	rows.Close()
	if len(pages) == 0 {
		t.Fatalf("no pages for %s", table)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	garbage := []byte(strings.Repeat("\xde\xad\xbe\xef", int(pageSize/4)))
	for _, p := range pages {
		if _, err := f.WriteAt(garbage, (p-1)*pageSize); err != nil {
			t.Fatal(err)
		}
	}
}

// Failures of the file come back named and in words: another writer holding the lock past the
// busy timeout, and a full disk (here SQLite's page limit), which leaves the data as it was.
func TestFileFailuresAreExplained(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "rivals.db")
	s, err := OpenWith(ctx, path, Options{Create: true, BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	holder, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := holder.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: takes the write lock
	if err != nil {
		t.Fatal(err)
	}
	err = s.SetRate(ctx, model.NewFXRate("EUR", "USD", 1_080_000, model.MustParseDate("2026-11-20")))
	want := "the database " + path + " is busy: another rivals is writing to it; try again"
	if !errors.Is(err, ErrBusy) || err.Error() != want {
		t.Errorf("write while another holds the lock: %v", err)
	}
	if _, err := s.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); !errors.Is(err, ErrBusy) {
		t.Errorf("import while another holds the lock: %v", err)
	}
	tx.Rollback()
	holder.Close()

	// One connection, capped a few pages above its size: the import cannot fit.
	s.db.SetMaxOpenConns(1)
	var pages int
	if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+2)); err != nil {
		t.Fatal(err)
	}
	big := sampleCatalog()
	for i := range 100 {
		big.Notes = append(big.Notes, model.IntelNote{Competitor: "acme", Date: model.MustParseDate("2026-03-01"),
			Title: fmt.Sprintf("note %d", i), Body: strings.Repeat("long ", 1000)})
	}
	_, err = s.Import(ctx, big, ImportOptions{Now: testNow})
	var re *RecordError
	if !errors.Is(err, ErrDiskFull) || errors.As(err, &re) || err.Error() != "cannot write to "+path+": the disk is full" {
		t.Errorf("import on a full disk: %v", err)
	}
	if empty, err := s.IsEmpty(ctx); err != nil || !empty {
		t.Errorf("the failed import left data behind (empty %v, %v)", empty, err)
	}
}

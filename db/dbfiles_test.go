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
)

// An empty file is refused by every open that may not create a database, and left empty;
// only Options.Create makes it one.
func TestEmptyFileIsNotADatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "e.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{{}, {KeepSchema: true}, {ReadOnly: true}} {
		if _, err := OpenWith(ctx, path, opt); !errors.Is(err, ErrEmptyFile) {
			t.Errorf("OpenWith(%+v) = %v, want ErrEmptyFile", opt, err)
		}
		if fi, _ := os.Stat(path); fi.Size() != 0 {
			t.Fatalf("OpenWith(%+v) wrote %d bytes into the empty file", opt, fi.Size())
		}
	}
	s, err := OpenWith(ctx, path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if empty, err := s.IsEmpty(ctx); err != nil || !empty {
		t.Errorf("after Create: IsEmpty = %v, %v", empty, err)
	}
}

// currentFile writes a database of the current schema with one competitor at path.
func currentFile(t *testing.T, path string) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.Exec(`INSERT INTO competitors (slug, name, created_at, updated_at) VALUES ('acme', 'Acme', '2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z')`); err != nil {
		t.Fatal(err)
	}
}

// A file whose user_version was set back (an upgrade half applied) is upgraded again without
// error: every migration can run over its own changes. Doing it twice leaves one copy per
// version, the same bytes as the file before.
func TestHalfAppliedUpgradeRunsAgain(t *testing.T) {
	ctx := context.Background()
	for _, back := range []int{1, 2, 3} {
		path := filepath.Join(t.TempDir(), "rivals.db")
		currentFile(t, path)
		from := SchemaVersion() - back
		for run := 0; run < 2; run++ {
			rawExec(t, path, fmt.Sprintf("PRAGMA user_version = %d", from))
			s, err := OpenWith(ctx, path, Options{Now: func() time.Time { return testNow.Add(time.Duration(run) * time.Hour) }})
			if err != nil {
				t.Fatalf("user_version set back to %d, run %d: %v", from, run+1, err)
			}
			if v, b := s.Upgrade(); v != from || b == "" {
				t.Errorf("run %d: Upgrade() = %d, %q", run+1, v, b)
			}
			s.Close()
		}
		if n := len(Backups(path)); n != 1 {
			t.Errorf("user_version set back to %d, upgraded twice: %d copies, want 1", from, n)
		}
		if got := rawQuery(t, path, "PRAGMA user_version"); got != fmt.Sprint(SchemaVersion()) {
			t.Errorf("schema version %s after the upgrade", got)
		}
	}
}

// A migration that fails changes nothing, says what to do, and however often it is run again
// leaves one copy of the file.
func TestFailedUpgradeKeepsOneCopy(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rivals.db")
	currentFile(t, path)
	// Without the deals table, 0004_deal_type cannot add its column.
	rawExec(t, path, "PRAGMA foreign_keys = OFF; DROP TABLE deal_competitors; DROP TABLE deal_reasons; DROP TABLE deals; PRAGMA user_version = 3")
	for run := 0; run < 3; run++ {
		_, err := OpenWith(ctx, path, Options{Now: func() time.Time { return testNow.Add(time.Duration(run) * time.Hour) }})
		if err == nil || !strings.Contains(err.Error(), "step 0004_deal_type failed") || !strings.Contains(err.Error(), "Run rivals check") {
			t.Fatalf("run %d: %v", run+1, err)
		}
	}
	if got := Backups(path); len(got) != 1 {
		t.Errorf("three failed upgrades left %d copies: %v", len(got), got)
	}
	if v := rawQuery(t, path, "PRAGMA user_version"); v != "3" {
		t.Errorf("schema version %s after failed upgrades", v)
	}
	// A copy of version 3 that differs from the file is never replaced: the upgrade waits.
	rawExec(t, path, "INSERT INTO competitors (slug, name, created_at, updated_at) VALUES ('newco', 'New Co', '2026-11-23T10:00:00Z', '2026-11-23T10:00:00Z')")
	if _, err := OpenWith(ctx, path, Options{}); !errors.Is(err, ErrBackupDiffers) {
		t.Errorf("changed file with an older copy: %v, want ErrBackupDiffers", err)
	}
	if got := Backups(path); len(got) != 1 {
		t.Errorf("%d copies, want 1", len(got))
	}
}

// rawExec runs stmt on the file at path outside any store.
func rawExec(t *testing.T, path, stmt string) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}

// Running the migrations statement by statement builds the same schema as running each file
// whole, triggers included; and running them all a second time over that schema changes
// nothing.
func TestMigrationsRunStatementByStatement(t *testing.T) {
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	whole, steps := filepath.Join(dir, "whole.db"), filepath.Join(dir, "steps.db")
	for _, m := range ms {
		rawExec(t, whole, m.sql)
	}
	raw, err := sql.Open("sqlite", steps)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for run := 0; run < 2; run++ {
		for _, m := range ms[min(run, 1):] { // 0001 creates its tables without IF NOT EXISTS
			tx, err := raw.Begin()
			if err != nil {
				t.Fatal(err)
			}
			if err := applyMigration(context.Background(), tx, m.sql); err != nil {
				t.Fatalf("run %d, %04d_%s: %v", run+1, m.version, m.name, err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
	}
	schema := "SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''), char(10)) FROM (SELECT * FROM sqlite_master ORDER BY name)"
	if a, b := rawQuery(t, whole, schema), rawQuery(t, steps, schema); a != b {
		t.Errorf("schemas differ:\nwhole:\n%s\nstatement by statement:\n%s", a, b)
	}
}

// A database this store created and nothing was written into is removed on a failed
// command, unless someone else has it open meanwhile.
func TestCloseAndRemoveIfUnused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	s, err := OpenWith(ctx, path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, path) // another rivals that found the new file
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Competitors(ctx); err != nil {
		t.Fatal(err)
	}
	if s.CloseAndRemoveIfUnused(ctx) {
		t.Error("removed a database someone else has open")
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database is gone: %v", err)
	}
	other.Close()
	s, err = OpenWith(ctx, path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.CloseAndRemoveIfUnused(ctx) {
		t.Error("removed a database it did not create")
	}
	os.Remove(path)
	s, err = OpenWith(ctx, path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if !s.CloseAndRemoveIfUnused(ctx) {
		t.Fatal("kept an unused database it created")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
}

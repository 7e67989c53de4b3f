package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rivals-app/rivals/internal/atomicfile"
)

// ErrBackupOverDatabase means a backup was asked to replace the database it copies.
var ErrBackupOverDatabase = errors.New("is the database itself; choose another file for the backup")

// Backup writes a consistent copy of the whole database to path with VACUUM INTO: a snapshot
// of the last committed state, taken while other processes may go on reading and writing. The
// copy is a standalone file (no -wal beside it), 0600, and appears whole or not at all: it is
// written to a temporary sibling and renamed. An existing file is refused with an error
// wrapping atomicfile.ErrExists unless force is set; the database itself never is.
func (s *Store) Backup(ctx context.Context, path string, force bool) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	for _, own := range []string{s.path, s.path + "-wal", s.path + "-shm", s.path + "-journal"} {
		if abs == own || sameFile(abs, own) {
			return fmt.Errorf("%s %w", path, ErrBackupOverDatabase)
		}
	}
	return s.vacuumInto(ctx, abs, force)
}

// vacuumInto copies the database to path through atomicfile.Fill. A failure to write the
// copy names the copy, not the database.
func (s *Store) vacuumInto(ctx context.Context, path string, force bool) error {
	return atomicfile.Fill(path, 0o600, force, func(tmp string) error {
		_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp)
		var fe *FileError
		if errors.As(s.Explain(err), &fe) && (fe.Kind == ErrDiskFull || fe.Kind == ErrCannotOpen) {
			return &FileError{Path: path, Kind: fe.Kind, Err: fe.Err}
		}
		return s.Explain(err)
	})
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// BackupName is the file, beside the database at path, that keeps a copy of it as it was
// before an upgrade from schema version from, made at t: "rivals.db.v1-backup-20261123T101500Z"
// (UTC).
func BackupName(path string, from int, t time.Time) string {
	return fmt.Sprintf("%s.v%d-backup-%s", path, from, t.UTC().Format("20060102T150405Z"))
}

// backupBeforeUpgrade copies the database beside itself before its schema is upgraded, and
// returns the copy's name. A name already taken (two upgrades in one second) gets a suffix.
func (s *Store) backupBeforeUpgrade(ctx context.Context, from int, now time.Time) (string, error) {
	name := BackupName(s.path, from, now)
	for i := 2; ; i++ {
		err := s.vacuumInto(ctx, name, false)
		if !errors.Is(err, atomicfile.ErrExists) || i > 100 {
			return name, err
		}
		name = fmt.Sprintf("%s-%d", BackupName(s.path, from, now), i)
	}
}

// CheckReport is what Check found. A database is sound when both lists are empty.
type CheckReport struct {
	// Integrity lists what PRAGMA integrity_check reported (at most its first 100 problems).
	Integrity []string `json:"integrity"`
	// ForeignKeys lists the rows whose reference points at no row (PRAGMA foreign_key_check).
	ForeignKeys []ForeignKeyProblem `json:"foreign_keys"`
}

// ForeignKeyProblem is a row that references a missing row of another table.
type ForeignKeyProblem struct {
	// Table holds the row whose reference is broken.
	Table string `json:"table"`
	// RowID is nil for a table without rowids (deal_competitors, deal_reasons).
	RowID *int64 `json:"rowid"`
	// Parent is the table the reference points into.
	Parent string `json:"parent"`
}

// String words a problem: "notes row 12 refers to a missing competitors row".
func (p ForeignKeyProblem) String() string {
	if p.RowID == nil {
		return fmt.Sprintf("a %s row refers to a missing %s row", p.Table, p.Parent)
	}
	return fmt.Sprintf("%s row %d refers to a missing %s row", p.Table, *p.RowID, p.Parent)
}

// OK reports whether the check found nothing wrong.
func (r CheckReport) OK() bool { return len(r.Integrity) == 0 && len(r.ForeignKeys) == 0 }

// Check runs SQLite's integrity check over every page and index, and the foreign key check
// over every table. It reads the whole file, so it takes time in proportion to its size.
// Damage that stops a check half-way is reported as a problem too; an error is returned only
// when the file could not be read for another reason. A check that finds damaged pages leaves
// DamageMarker beside the file, so that every later write is refused at once, and one that
// finds none removes it. (Broken references alone leave no marker: the pages can be read.)
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	r := CheckReport{Integrity: []string{}, ForeignKeys: []ForeignKeyProblem{}}
	err := s.eachRow(ctx, "PRAGMA integrity_check", func(rows *sql.Rows) error {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			r.Integrity = append(r.Integrity, strings.TrimSpace(line))
		}
		return nil
	})
	if err == nil {
		err = s.eachRow(ctx, "PRAGMA foreign_key_check", func(rows *sql.Rows) error {
			var p ForeignKeyProblem
			var fkid int
			if err := rows.Scan(&p.Table, &p.RowID, &p.Parent, &fkid); err != nil {
				return err
			}
			r.ForeignKeys = append(r.ForeignKeys, p)
			return nil
		})
	}
	var fe *FileError
	if errors.As(err, &fe) && fe.Kind == ErrCorrupt {
		// The driver's words ("database disk image is malformed (11)") add nothing here.
		r.Integrity = append(r.Integrity, "the check stopped at a damaged page it could not read")
		err = nil
	}
	if err == nil {
		s.recordCheck(r, time.Now())
	}
	return r, err
}

// eachRow runs a query and calls fn on each row, explaining failures of the file.
func (s *Store) eachRow(ctx context.Context, query string, fn func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return s.Explain(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return s.Explain(err)
		}
	}
	return s.Explain(rows.Err())
}

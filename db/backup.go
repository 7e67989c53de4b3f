package db

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
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

// ErrBackupDiffers means a file of an older schema already has a copy from before an upgrade
// from that version, and the copy differs from the file: rivals keeps one copy per version and
// never replaces one, so the upgrade waits until the user moves the old copy away.
var ErrBackupDiffers = errors.New("differs from the file now")

// backupBeforeUpgrade copies the database beside itself before its schema is upgraded from
// version from, and returns the copy's name. There is at most one copy per version: when one
// is already there (an upgrade that failed, run again) and holds the same bytes, it is the
// copy and the new one is removed; when it differs, the upgrade is refused with
// ErrBackupDiffers rather than a second copy written or the first replaced. A name already
// taken by something else gets a suffix.
func (s *Store) backupBeforeUpgrade(ctx context.Context, from int, now time.Time) (string, error) {
	existing := backupsOf(s.path, from)
	name := BackupName(s.path, from, now)
	for i := 2; ; i++ {
		err := s.vacuumInto(ctx, name, false)
		if !errors.Is(err, atomicfile.ErrExists) || i > 100 {
			if err != nil {
				return name, err
			}
			break
		}
		name = fmt.Sprintf("%s-%d", BackupName(s.path, from, now), i)
	}
	for _, old := range existing {
		if sameBytes(old, name) {
			os.Remove(name)
			return old, nil
		}
	}
	if len(existing) > 0 {
		os.Remove(name)
		return "", fmt.Errorf("the copy %s of the file at schema version %d %w: move that copy elsewhere, then run rivals again (rivals keeps one copy per schema version)",
			existing[0], from, ErrBackupDiffers)
	}
	return name, nil
}

// backupsOf lists the copies beside the database at path from before upgrades from schema
// version from, oldest first.
func backupsOf(path string, from int) []string {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return nil
	}
	prefix := fmt.Sprintf("%s.v%d-backup-", filepath.Base(path), from)
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			out = append(out, filepath.Join(filepath.Dir(path), e.Name()))
		}
	}
	return out
}

// Backups lists the copies beside the database at path that upgrades left (any schema
// version), by name: the files to restore from when it is damaged.
func Backups(path string) []string {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return nil
	}
	prefix := filepath.Base(path) + ".v"
	var out []string
	for _, e := range entries {
		if rest, ok := strings.CutPrefix(e.Name(), prefix); ok && strings.Contains(rest, "-backup-") && e.Type().IsRegular() {
			out = append(out, filepath.Join(filepath.Dir(path), e.Name()))
		}
	}
	return out
}

// sameBytes reports whether the files a and b hold the same bytes, reading both in pieces.
func sameBytes(a, b string) bool {
	fa, err := os.Open(a)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false
	}
	defer fb.Close()
	bufA, bufB := make([]byte, 1<<16), make([]byte, 1<<16)
	for {
		na, errA := io.ReadFull(fa, bufA)
		nb, errB := io.ReadFull(fb, bufB)
		if na != nb || !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false
		}
		endA := errors.Is(errA, io.EOF) || errors.Is(errA, io.ErrUnexpectedEOF)
		endB := errors.Is(errB, io.EOF) || errors.Is(errB, io.ErrUnexpectedEOF)
		switch {
		case endA || endB:
			return endA && endB
		case errA != nil || errB != nil:
			return false
		}
	}
}

// CheckReport is what Check found. A database is sound when both lists are empty.
type CheckReport struct {
	// Integrity lists what PRAGMA quick_check reported (at most its first 100 problems).
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

// Check runs SQLite's quick check over every page of every table and index (their structure
// and every row's constraints, without matching each index entry to its row, which costs
// several times as much again), and the foreign key check over every table, the two at once
// on connections of their own. It takes time in proportion to the file's size.
// Damage that stops a check half-way is reported as a problem too; an error is returned only
// when the file could not be read for another reason. A check that finds damaged pages leaves
// DamageMarker beside the file, so that every later write is refused at once, and one that
// finds none removes it. (Broken references alone leave no marker: the pages can be read.)
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	r := CheckReport{Integrity: []string{}, ForeignKeys: []ForeignKeyProblem{}}
	// The checks read through connections that may not write, on which SQLite's quick check
	// takes about two thirds of the time it takes on one that may (500,000 deals: 3.3 s
	// against 4.7 s). The two checks run at once, each on a connection of its own.
	conns, release, err := s.readingConnections()
	if err != nil {
		return r, s.Explain(err)
	}
	defer release()
	var fkErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		fkErr = s.eachRowOn(ctx, conns, "PRAGMA foreign_key_check", func(rows *sql.Rows) error {
			var p ForeignKeyProblem
			var fkid int
			if err := rows.Scan(&p.Table, &p.RowID, &p.Parent, &fkid); err != nil {
				return err
			}
			r.ForeignKeys = append(r.ForeignKeys, p)
			return nil
		})
	}()
	err = s.eachRowOn(ctx, conns, "PRAGMA quick_check", func(rows *sql.Rows) error {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			r.Integrity = append(r.Integrity, strings.TrimSpace(line))
		}
		return nil
	})
	<-done
	if err == nil {
		err = fkErr
	} else {
		r.ForeignKeys = []ForeignKeyProblem{} // the quick check's failure is the report
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

// readingConnections returns connections to the store's file that may not write: the
// store's own when it may not, else new ones, which release closes.
func (s *Store) readingConnections() (*sql.DB, func(), error) {
	if s.readOnly {
		return s.db, func() {}, nil
	}
	conns, err := sql.Open("sqlite", s.dsn+"&mode=ro")
	if err != nil {
		return nil, nil, err
	}
	return conns, func() { conns.Close() }, nil
}

// eachRowOn runs a query through conns, connections to the store's file, and calls fn on
// each row, explaining failures of the file.
func (s *Store) eachRowOn(ctx context.Context, conns *sql.DB, query string, fn func(*sql.Rows) error) error {
	rows, err := conns.QueryContext(ctx, query)
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

// Package db is rivals' SQLite store: one local file, opened and migrated before anything else
// runs, with ctx-first methods that take and return model types.
package db

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors returned by the store; check them with errors.Is.
var (
	// ErrNotFound means the requested record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means an import met a stored record that differs, under ConflictFail.
	ErrConflict = errors.New("already stored")
	// ErrNewerSchema means the file was written by a newer rivals; it is left untouched.
	ErrNewerSchema = errors.New("database was created by a newer version of rivals")
	// ErrNotDatabase means the file exists but is not a SQLite database.
	ErrNotDatabase = errors.New("file is not a rivals database")
	// ErrForeignDatabase means the file is a SQLite database of some other program; it is left
	// untouched.
	ErrForeignDatabase = errors.New("file is a SQLite database of another program, not a rivals one")
	// ErrNoDatabase means OpenExisting found no file at the path.
	ErrNoDatabase = errors.New("no rivals database here yet (create one with rivals init, or pass --db PATH)")
	// ErrEmptyFile means the file exists but holds nothing: a stray empty file, which only an
	// open with Options.Create turns into a database.
	ErrEmptyFile = errors.New("not a rivals database (empty file): run rivals init")
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded NNNN_name.sql files in version order.
func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %04d_%s: versions must run 1, 2, 3… without gaps", m.version, m.name)
		}
	}
	return out, nil
}

// latestVersion is the version of the last migration, the schema version a file ends at.
func latestVersion(ms []migration) int {
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// SchemaVersion is the schema version this build migrates databases to.
func SchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil {
		return 0
	}
	return latestVersion(ms)
}

// DefaultBusyTimeout bounds how long one statement (a transaction's BEGIN included) waits for
// another process to finish writing before it gives up with ErrBusy.
const DefaultBusyTimeout = 5 * time.Second

// Options tune OpenWith; the zero value opens an existing file like OpenExisting.
type Options struct {
	// Create makes the file (0600) and its directory (0700) when they do not exist.
	Create bool
	// KeepSchema opens a file of an older schema without upgrading it, for commands that copy
	// or check a file as it is. Such a store is only fit for Backup and Check.
	KeepSchema bool
	// ReadOnly opens the file read-only even when this process may write it, and keeps an
	// older schema as it is: for dry runs, which never write (Import with DryRun then works on
	// a temporary copy, upgraded when the file's schema is older).
	ReadOnly bool
	// BusyTimeout replaces DefaultBusyTimeout.
	BusyTimeout time.Duration
	// Now dates the backup written before a schema upgrade (time.Now when nil).
	Now func() time.Time
}

// Store is an open rivals database.
type Store struct {
	db       *sql.DB
	path     string
	dsn      string // what db was opened with
	created  bool   // the file did not exist before this store was opened
	readOnly bool
	// keptOlder is set when the store was opened with KeepSchema or ReadOnly: its schema may
	// be older than this build's.
	keptOlder bool
	// upgradedFrom and upgradeBackup record a schema upgrade made when the store was opened.
	upgradedFrom  int
	upgradeBackup string
	// busyTimeout is how long a statement waits for another process's lock.
	busyTimeout time.Duration
	// origin is who writes through this store, for the change history (see As).
	origin Origin
	// unlogged imports write no change history: only the benchmark that measures what the
	// history costs an import sets it.
	unlogged bool
}

// Path returns the database file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close releases the database.
func (s *Store) Close() error { return s.db.Close() }

// CloseAndRemoveIfUnused closes the store and, when opening it created the file, nothing was
// ever written into it since (no competitor, feature, deal, note or change) and no one else
// has it open, removes it: what a command that failed before writing anything leaves
// otherwise is an empty database the user never asked for. It reports whether it removed it.
// The last connection to close removes the write-ahead log: a log still there means another
// connection (another rivals that found the new file meanwhile) holds the database, which is
// then left alone.
func (s *Store) CloseAndRemoveIfUnused(ctx context.Context) bool {
	unused := false
	if s.created && !s.readOnly {
		var rows int
		err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM competitors) + (SELECT count(*) FROM features)
			+ (SELECT count(*) FROM deals) + (SELECT count(*) FROM notes) + (SELECT count(*) FROM changes)`).Scan(&rows)
		unused = err == nil && rows == 0
	}
	if s.db.Close() != nil || !unused {
		return false
	}
	if _, err := os.Lstat(s.path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		return false // someone else has it open
	}
	return os.Remove(s.path) == nil
}

// Upgrade reports the schema upgrade made when the store was opened: the schema version the
// file had and the backup of it written first (see Open). It returns 0 and "" when the file
// needed no upgrade, a new file included.
func (s *Store) Upgrade() (from int, backup string) { return s.upgradedFrom, s.upgradeBackup }

// Open opens (creating when needed) the database at path and migrates it to the current schema.
// A new file is created 0600 in a directory created 0700. A file from a newer rivals is refused
// with ErrNewerSchema before anything is written to it. Before upgrading a file of an older
// schema, Open writes a copy of it beside it, named as BackupName says.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{Create: true})
}

// OpenExisting is Open for commands that must not create a database: it returns ErrNoDatabase
// instead of creating a file that does not exist.
func OpenExisting(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options. A file that this process may not write (or whose directory it
// may not write) is opened read-only, and without creating the -wal and -shm files beside it
// when there are none: reads work, writes fail with ErrReadOnly. With Create such a file is
// refused at once with ErrReadOnly, since creating means the caller intends to write.
func OpenWith(ctx context.Context, path string, opt Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	created := false
	if opt.Create {
		if created, err = ensureFile(abs); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("cannot create %s: %w", path, err)
		}
	} else if _, statErr := os.Stat(abs); errors.Is(statErr, os.ErrNotExist) {
		return nil, fmt.Errorf("open %s: %w", path, ErrNoDatabase)
	} else if IsEmptyFile(abs) {
		// SQLite would take an empty file for a new database and write one into it.
		return nil, fmt.Errorf("%s is %w", path, ErrEmptyFile)
	}
	mayWrite := writable(abs) && writable(filepath.Dir(abs))
	readOnly := !mayWrite || opt.ReadOnly
	if !mayWrite && opt.Create {
		return nil, &FileError{Path: abs, Kind: ErrReadOnly}
	}
	timeout := opt.BusyTimeout
	if timeout <= 0 {
		timeout = DefaultBusyTimeout
	}
	dsn := "file:" + (&url.URL{Path: abs}).EscapedPath() +
		fmt.Sprintf("?_pragma=busy_timeout(%d)", timeout.Milliseconds()) +
		"&_pragma=foreign_keys(1)&_pragma=temp_store(2)&_txlock=immediate"
	if !mayWrite {
		dsn += "&mode=ro"
		// Without a -wal file to read, nothing needs the shared-memory file either: immutable
		// keeps SQLite from creating both, which it could not remove again, and which would
		// then stop the owner writing once the file is writable again. immutable also means
		// no locks: should someone who may write the file change it meanwhile, this process
		// could read a torn page (reported as damage), but it never writes one.
		if _, err := os.Lstat(abs + "-wal"); errors.Is(err, os.ErrNotExist) {
			dsn += "&immutable=1"
		}
	}
	if readOnly && mayWrite {
		// Read-only by choice: SQLite refuses every change. The file is opened as usual (no
		// immutable: another rivals may be writing it, and the locks keep these reads whole),
		// so that the -wal and -shm files are removed again when the store closes.
		dsn += "&_pragma=query_only(1)"
	}
	sqlDB, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: sqlDB, path: abs, dsn: dsn, created: created, readOnly: readOnly, keptOlder: opt.ReadOnly || opt.KeepSchema, busyTimeout: timeout}
	if err := s.migrate(ctx, opt); err != nil {
		sqlDB.Close()
		var fe *FileError
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if !s.readOnly && !s.keptOlder && s.upgradedFrom == 0 {
		// An open that upgraded the schema has written enough: the next one analyzes.
		s.analyzeIfNeverAnalyzed(ctx)
	}
	return s, nil
}

// IsEmptyFile reports whether path is an existing file of zero bytes with no write-ahead log
// holding pages for it: a file that opening with Options.Create would turn into a database.
func IsEmptyFile(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != 0 {
		return false
	}
	wal, err := os.Stat(path + "-wal")
	return err != nil || wal.Size() == 0
}

// ensureFile creates the parent directory (0700) and an empty database file (0600) when they
// do not exist, so SQLite never creates the file with looser permissions.
func ensureFile(path string) (created bool, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, f.Close()
}

// migrate checks the schema version and applies every pending migration, each in its own
// transaction together with the user_version bump, after writing a backup of a file that has
// an older schema.
func (s *Store) migrate(ctx context.Context, opt Options) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	var current int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return s.Explain(err)
	}
	latest := latestVersion(ms)
	if current > latest {
		return fmt.Errorf("%w (schema version %d; this build knows up to %d): upgrade rivals", ErrNewerSchema, current, latest)
	}
	if current == 0 {
		// A fresh rivals file is empty; one that already has tables belongs to someone else.
		var tables int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
			return s.Explain(err)
		}
		if tables > 0 {
			return ErrForeignDatabase
		}
	}
	switch {
	case opt.KeepSchema, opt.ReadOnly:
		return nil
	case s.readOnly && current < latest:
		return fmt.Errorf("it has schema version %d and must be upgraded to %d, but %w", current, latest, ErrReadOnly)
	case s.readOnly:
		return nil
	}
	if current > 0 && current < latest {
		now := time.Now
		if opt.Now != nil {
			now = opt.Now
		}
		backup, err := s.backupBeforeUpgrade(ctx, current, now())
		if err != nil {
			return fmt.Errorf("back up before upgrading the schema: %w", err)
		}
		s.upgradedFrom, s.upgradeBackup = current, backup
	}
	// WAL lets readers (the TUI) and a writer (an import) work at the same time. It is a
	// persistent property of the file, set only after the version check passed, and set again
	// on a file restored from a backup (VACUUM INTO writes rollback-journal files).
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return s.Explain(err)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := s.inTx(ctx, func(tx *sql.Tx) error {
			// Another rivals may have upgraded the file since the version was read.
			var v int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v >= m.version {
				return err
			}
			if err := applyMigration(ctx, tx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		}); err != nil {
			return upgradeFailed(current, latest, m, s.upgradeBackup, err)
		}
	}
	return nil
}

// upgradeFailed words a migration that failed: each runs in one transaction, so the file is
// left at the last version that applied, and says what to do about it.
func upgradeFailed(from, to int, m migration, backup string, err error) error {
	saved := ""
	if backup != "" {
		saved = fmt.Sprintf("; its copy from before the upgrade is %s", backup)
	}
	return fmt.Errorf("cannot upgrade the schema from version %d to %d: step %04d_%s failed (%w); the step changed nothing%s. Run rivals check: if it finds damage, restore a backup; if not, this rivals cannot use the file: keep using the rivals that wrote it and report this message",
		from, to, m.version, m.name, err, saved)
}

// withTx runs fn in one write transaction, committing when fn returns nil.
// Failures of the file itself come back as a *FileError; so does a write to a database the
// last check found damaged, which is refused before it starts (ErrDamaged).
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := s.refuseIfMarked(); err != nil {
		return err
	}
	return s.inTx(ctx, fn)
}

// inTx is withTx without the damage marker's refusal, for schema upgrades: opening a damaged
// file to read it must not fail for the marker alone.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.Explain(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.Explain(err)
	}
	return s.Explain(tx.Commit())
}

// querier is what both *sql.DB and *sql.Tx offer, so reads work inside and outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

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

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
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

// SchemaVersion is the schema version this build migrates databases to.
func SchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// Store is an open rivals database.
type Store struct {
	db   *sql.DB
	path string
}

// Path returns the database file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close releases the database.
func (s *Store) Close() error { return s.db.Close() }

// Open opens (creating when needed) the database at path and migrates it to the current schema.
// A new file is created 0600 in a directory created 0700. A file from a newer rivals is refused
// with ErrNewerSchema before anything is written to it.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, true)
}

// OpenExisting is Open for commands that only read: it returns ErrNoDatabase instead of
// creating a file that does not exist.
func OpenExisting(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, false)
}

func open(ctx context.Context, path string, create bool) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if create {
		err = ensureFile(abs)
	} else if _, statErr := os.Stat(abs); errors.Is(statErr, os.ErrNotExist) {
		err = ErrNoDatabase
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	dsn := "file:" + (&url.URL{Path: abs}).EscapedPath() +
		"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=temp_store(2)&_txlock=immediate"
	sqlDB, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: sqlDB, path: abs}
	if err := s.migrate(ctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// ensureFile creates the parent directory (0700) and an empty database file (0600) when they
// do not exist, so SQLite never creates the file with looser permissions.
func ensureFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// migrate checks the schema version and applies every pending migration, each in its own
// transaction together with the user_version bump.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	var current int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		if strings.Contains(err.Error(), "not a database") {
			return ErrNotDatabase
		}
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("%w (schema version %d; this build knows up to %d): upgrade rivals", ErrNewerSchema, current, len(ms))
	}
	if current == 0 {
		// A fresh rivals file is empty; one that already has tables belongs to someone else.
		var tables int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
			return err
		}
		if tables > 0 {
			return ErrForeignDatabase
		}
	}
	// WAL lets readers (the TUI) and a writer (an import) work at the same time. It is a
	// persistent property of the file, set only after the version check passed.
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return err
	}
	for _, m := range ms[current:] {
		if err := s.withTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		}); err != nil {
			return fmt.Errorf("migration %04d_%s: %w", m.version, m.name, err)
		}
	}
	return nil
}

// withTx runs fn in one write transaction, committing when fn returns nil.
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// querier is what both *sql.DB and *sql.Tx offer, so reads work inside and outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

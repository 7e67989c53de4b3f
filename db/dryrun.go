package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rivals-app/rivals/model"
)

// importOnCopy runs a dry-run import against a temporary copy of a store opened read-only, so
// a dry run works on a file no one may write (read-only media, a read-only directory) and
// never takes the write lock or upgrades the file. The copy, made with VACUUM INTO in the
// system's temporary directory, is upgraded when the file's schema is older, and removed.
func (s *Store) importOnCopy(ctx context.Context, cat model.Catalog, opt ImportOptions) (ImportReport, error) {
	dir, err := os.MkdirTemp("", "rivals-dry-run-")
	if err != nil {
		return ImportReport{}, fmt.Errorf("dry run: %w", err)
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, "copy.db")
	if err := s.copyTo(ctx, copyPath); err != nil {
		var fe *FileError
		if err = s.Explain(err); errors.As(err, &fe) && fe.Kind == ErrCorrupt {
			return ImportReport{}, err
		}
		return ImportReport{}, fmt.Errorf("dry run: copy %s to %s: %w", s.path, dir, err)
	}
	scratch, err := OpenWith(ctx, copyPath, Options{})
	if err != nil {
		return ImportReport{}, fmt.Errorf("dry run: %w", err)
	}
	defer scratch.Close()
	return scratch.Import(ctx, cat, opt)
}

// copyTo writes a consistent copy of the database to path with VACUUM INTO, through a
// connection of its own: the store's connections may be query_only, which refuses VACUUM INTO.
func (s *Store) copyTo(ctx context.Context, path string) error {
	src, err := sql.Open("sqlite", s.copyDSN)
	if err != nil {
		return err
	}
	defer src.Close()
	_, err = src.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}

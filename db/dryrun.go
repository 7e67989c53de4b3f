package db

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/rivals-app/rivals/model"
	"modernc.org/sqlite"
)

// importOnCopy runs a dry-run import against a temporary copy of a store opened read-only, so
// a dry run works on a file no one may write (read-only media, a read-only directory) and
// never takes the write lock or upgrades the file. The copy, in the system's temporary
// directory, is upgraded when the file's schema is older, and removed.
func (s *Store) importOnCopy(ctx context.Context, kinds []string, opt ImportOptions, next func(kind string) (model.Catalog, bool, error)) (ImportReport, error) {
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
	rep, err := scratch.ImportKinds(ctx, kinds, opt, next)
	var fe *FileError
	if errors.As(err, &fe) && fe.Path == scratch.path && fe.Kind == ErrCorrupt {
		// Damage in the copy is damage in the file it was copied from.
		fe.Path = s.path
	}
	return rep, err
}

// copyTo writes a consistent copy of the database to path, page by page with SQLite's online
// backup, which reads one snapshot (query_only and read-only connections allow it) and is
// several times faster than VACUUM INTO, which rebuilds every table and index.
func (s *Store) copyTo(ctx context.Context, path string) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		src, ok := dc.(interface {
			NewBackup(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("the SQLite driver cannot copy a database")
		}
		// The copy is thrown away after the dry run: no journal and no syncs, which halves
		// the time it takes.
		b, err := src.NewBackup("file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=synchronous(0)&_pragma=journal_mode(off)")
		if err != nil {
			return err
		}
		if _, err := b.Step(-1); err != nil {
			b.Finish()
			return err
		}
		return b.Finish()
	})
}

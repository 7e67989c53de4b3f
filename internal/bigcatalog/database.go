package bigcatalog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/rivals-app/rivals/db"
)

// generatorVersion changes whenever Generate would build a different catalog, so databases
// cached by an older version (or another schema) are not reused.
const generatorVersion = 1

// Database returns the path of a database holding the generated catalog for o, building it on
// first use and caching it in the temporary directory (building the default one takes a
// quarter of a minute; benchmarks that need it share one copy).
func Database(ctx context.Context, o Options) (string, error) {
	// The schema version is in the name too: a database cached by an older schema would be
	// upgraded in place (and copied aside) by the first benchmark that opens it.
	path := filepath.Join(os.TempDir(), fmt.Sprintf("rivals-bench-v%d-s%d-%d-%d-%d-%d-%d.db",
		generatorVersion, db.SchemaVersion(), o.Competitors, o.Features, o.Deals, o.Notes, o.Seed))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), "rivals-bench-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "catalog.db")
	s, err := db.Open(ctx, tmp)
	if err != nil {
		return "", err
	}
	_, err = s.Import(ctx, Generate(o), db.ImportOptions{Now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

package db

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rivals-app/rivals/catalog"
	"github.com/rivals-app/rivals/model"
)

func demoCatalog(b *testing.B) model.Catalog {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "demo", "catalog.json"))
	if err != nil {
		b.Fatal(err)
	}
	cat, _, err := catalog.Decode("demo", data)
	if err != nil {
		b.Fatal(err)
	}
	return cat
}

// BenchmarkImportDemo measures loading the whole demo catalog into a new database: the cost
// of `rivals --demo` before its first frame.
func BenchmarkImportDemo(b *testing.B) {
	cat := demoCatalog(b)
	ctx := context.Background()
	for b.Loop() {
		s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkReimportUnchanged measures an idempotent re-import, which compares every record.
func BenchmarkReimportUnchanged(b *testing.B) {
	cat := demoCatalog(b)
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportDemo measures reading the whole catalog back.
func BenchmarkExportDemo(b *testing.B) {
	cat := demoCatalog(b)
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Export(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

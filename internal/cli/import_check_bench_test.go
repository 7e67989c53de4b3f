package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/bigcatalog"
	"github.com/rivals-app/rivals/model"
)

// BenchmarkImportOneDealLargeCatalog imports a single deal into a copy of the large generated
// catalog (100,000 deals): the fixed cost of an import into a big database, most of it the
// quick check of the deal tables an import makes before writing (see Store.Import).
func BenchmarkImportOneDealLargeCatalog(b *testing.B) {
	ctx := context.Background()
	o := bigcatalog.Default()
	cached, err := bigcatalog.Database(ctx, o)
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(cached)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "large.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	s, err := db.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	comps, err := s.Competitors(ctx)
	if err != nil {
		b.Fatal(err)
	}
	rival := comps[0].Slug
	for _, c := range comps {
		if !c.IsSelf {
			rival = c.Slug
		}
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	i := 0
	for b.Loop() {
		d := model.Deal{Ref: fmt.Sprintf("ONE-%d", i), ClosedAt: model.DateOf(now), Outcome: model.OutcomeLost,
			Competitors: []string{rival}}
		if _, err := s.Import(ctx, model.Catalog{Version: 1, Deals: []model.Deal{d}}, db.ImportOptions{Now: now}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

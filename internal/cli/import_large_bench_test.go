package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/bigcatalog"
	"github.com/rivals-app/rivals/internal/catalog"
)

// BenchmarkImportLargeCatalog imports the large generated catalog (internal/bigcatalog: 1,000
// products, a 500,000-cell matrix, 100,000 deals and 100,000 notes) from its JSON file into a
// new database, as `rivals import big.json` does: decode and check the file, then one
// Store.Import. rows/s counts the records written, of every kind.
func BenchmarkImportLargeCatalog(b *testing.B) {
	ctx := context.Background()
	var buf bytes.Buffer
	if err := catalog.Encode(&buf, bigcatalog.Generate(bigcatalog.Default())); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var decode, store time.Duration
	rows := 0
	for b.Loop() {
		b.StopTimer()
		s, err := db.Open(ctx, filepath.Join(b.TempDir(), "large.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		cat, _, err := catalog.Decode("big.json", data)
		if err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		rep, err := s.Import(ctx, cat, db.ImportOptions{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		decode, store = decode+mid.Sub(start), store+time.Since(mid)
		b.StopTimer()
		for _, c := range rep.Kinds {
			rows += c.New
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/(decode+store).Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/decode.Seconds(), "decode-rows/s")
	b.ReportMetric(float64(rows)/store.Seconds(), "store-rows/s")
	b.ReportMetric(float64(rows)/float64(b.N), "rows")
}

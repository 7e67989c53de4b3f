package cli

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/bigcatalog"
	"github.com/rivals-app/rivals/internal/catalog"
)

// BenchmarkImportLargeCatalog imports the large generated catalog (internal/bigcatalog: 1,000
// products, a 500,000-cell matrix, 100,000 deals and 100,000 notes) from its JSON file into a
// new database as `rivals import big.json` does, each kind stored while the next is decoded
// (rows/s counts the records written, of every kind). In the same run it times the two
// halves alone, into another new database: decoding the whole file (decode-rows/s) and then
// storing the decoded catalog (store-rows/s); ratio-to-store is the time of storing alone over
// the time of the whole import, 1 when decoding is entirely hidden.
func BenchmarkImportLargeCatalog(b *testing.B) {
	ctx := context.Background()
	var buf bytes.Buffer
	if err := catalog.Encode(&buf, bigcatalog.Generate(bigcatalog.Default())); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	a := &app{stdout: io.Discard, stderr: io.Discard, now: func() time.Time { return now }}
	var whole, decode, store time.Duration
	rows := 0
	for b.Loop() {
		b.StopTimer()
		s, err := db.Open(ctx, filepath.Join(b.TempDir(), "large.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		rep, err := a.importCatalogFile(ctx, s, catalog.FileOf("big.json", data), &importFlags{})
		if err != nil {
			b.Fatal(err)
		}
		whole += time.Since(start)
		b.StopTimer()
		s.Close()
		for _, c := range rep.Kinds {
			rows += c.New
		}
		s, err = db.Open(ctx, filepath.Join(b.TempDir(), "alone.db"))
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		cat, _, err := catalog.Decode("big.json", data)
		if err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if _, err := s.Import(ctx, cat, db.ImportOptions{Now: now}); err != nil {
			b.Fatal(err)
		}
		decode, store = decode+mid.Sub(start), store+time.Since(mid)
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/whole.Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/decode.Seconds(), "decode-rows/s")
	b.ReportMetric(float64(rows)/store.Seconds(), "store-rows/s")
	b.ReportMetric(store.Seconds()/whole.Seconds(), "ratio-to-store")
	b.ReportMetric(float64(rows)/float64(b.N), "rows")
}

package cli

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/model"
)

// benchDeals is the size of the benchmark's deals file.
const benchDeals = 100_000

// BenchmarkImportDealsCSV imports a 100,000-row long-format deals CSV into a fresh database
// holding the demo catalog, through the same calls as rivals import: read the stored names,
// parse and validate the file, merge, one Store.Import. It reports the end-to-end rows/s, the
// parse and store shares, and, measured in the same run on another fresh database, a raw
// loop inserting the same rows into the deals table with one prepared statement in one
// transaction (no links, no checks), and the ratio of the two.
func BenchmarkImportDealsCSV(b *testing.B) {
	ctx := context.Background()
	data := []byte(dealsCSV(benchDeals, isoDay))
	a := &app{demoCatalog: demoCatalog, stdout: io.Discard, stderr: io.Discard, now: func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }}
	var parse, store, raw time.Duration
	for b.Loop() {
		b.StopTimer()
		s := demoStore(b, ctx)
		b.StartTimer()
		start := time.Now()
		known, err := storedCatalog(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		f := &importFlags{kind: importer.KindDeals, readOpts: importer.Options{CreateUnknown: true, Today: model.DateOf(a.now())}}
		part, errs, _ := a.readImportFile(importFile{name: "deals.csv", data: data, kind: importer.KindDeals}, f, known)
		if len(errs) > 0 {
			b.Fatal(errs[0])
		}
		merged, errs := importer.Merge([]importer.Part{*part})
		if len(errs) > 0 {
			b.Fatal(errs[0])
		}
		mid := time.Now()
		rep, err := s.Import(ctx, merged.Catalog, db.ImportOptions{Now: a.now()})
		if err != nil {
			b.Fatal(err)
		}
		end := time.Now()
		parse, store = parse+mid.Sub(start), store+end.Sub(mid)
		b.StopTimer()
		if n := rep.Kinds[model.KindDeals].New; n != benchDeals {
			b.Fatalf("imported %d new deals, want %d", n, benchDeals)
		}
		s.Close()
		raw += rawDealInserts(b, ctx, merged.Catalog.Deals)
		b.StartTimer()
	}
	rows := float64(benchDeals * b.N)
	e2e := rows / (parse + store).Seconds()
	base := rows / raw.Seconds()
	b.ReportMetric(e2e, "rows/s")
	b.ReportMetric(rows/parse.Seconds(), "parse-rows/s")
	b.ReportMetric(rows/store.Seconds(), "store-rows/s")
	b.ReportMetric(base, "raw-insert-rows/s")
	b.ReportMetric(e2e/base, "ratio-to-raw")
	b.ReportMetric(100*parse.Seconds()/(parse+store).Seconds(), "parse-%")
}

// demoStore opens a fresh database in a temporary directory holding the demo catalog.
func demoStore(b *testing.B, ctx context.Context) *db.Store {
	s, err := db.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	if err := loadDemo(ctx, s, demoCatalog, time.Now()); err != nil {
		b.Fatal(err)
	}
	return s
}

// rawDealInserts times the floor: the deals' rows inserted into a fresh database's deals table
// by one prepared statement in one transaction.
func rawDealInserts(b *testing.B, ctx context.Context, deals []model.Deal) time.Duration {
	path := filepath.Join(b.TempDir(), "raw.db")
	s, err := db.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	conn, err := sql.Open("sqlite", path)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO deals (ref, account, closed_at, outcome, amount, currency, segment,
		region, stage, quote, notes, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range deals {
		if _, err := st.ExecContext(ctx, d.Ref, d.Account, d.ClosedAt.String(), d.Outcome, d.Amount, d.Currency, d.Segment,
			d.Region, d.Stage, d.Quote, d.Notes, d.Source); err != nil {
			b.Fatal(err)
		}
	}
	st.Close()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

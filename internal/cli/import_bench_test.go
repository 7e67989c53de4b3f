package cli

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/model"
)

// benchDeals is the size of the benchmark's deals file.
const benchDeals = 100_000

// BenchmarkImportDealsCSV imports a 100,000-row long-format deals CSV into a fresh database
// holding the demo catalog, through rivals import's own path (runImport: read the stored
// names, then parse the table while its batches are stored). It reports the end-to-end rows/s
// and, measured in the same run, the parse alone (parse-alone-rows/s, what storing now hides)
// and, on another fresh database, a raw loop inserting the same rows into the deals table
// with one prepared statement in one transaction (no links, no checks), and the ratio of the
// import to that loop.
func BenchmarkImportDealsCSV(b *testing.B) {
	ctx := context.Background()
	data := []byte(dealsCSV(benchDeals, isoDay))
	a := &app{demoCatalog: demoCatalog, stdout: io.Discard, stderr: io.Discard, now: func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }}
	var total, parse, raw time.Duration
	for b.Loop() {
		b.StopTimer()
		s := demoStore(b, ctx)
		b.StartTimer()
		start := time.Now()
		benchImport(b, ctx, a, s, importFile{name: "deals.csv", data: data, kind: importer.KindDeals})
		total += time.Since(start)
		b.StopTimer()
		deals := parseDeals(b, ctx, a, s, importFile{name: "deals.csv", data: data, kind: importer.KindDeals}, &parse)
		s.Close()
		raw += rawDealInserts(b, ctx, deals)
		b.StartTimer()
	}
	rows := float64(benchDeals * b.N)
	e2e := rows / total.Seconds()
	base := rows / raw.Seconds()
	b.ReportMetric(e2e, "rows/s")
	b.ReportMetric(rows/parse.Seconds(), "parse-alone-rows/s")
	b.ReportMetric(base, "raw-insert-rows/s")
	b.ReportMetric(e2e/base, "ratio-to-raw")
}

// benchImport imports one deals table into s as rivals import does, and checks that every
// deal of it was new.
func benchImport(b *testing.B, ctx context.Context, a *app, s *db.Store, file importFile) {
	var out bytes.Buffer
	a.stdout = &out
	defer func() { a.stdout = io.Discard }()
	if err := a.runImport(ctx, s, []importFile{file}, &importFlags{kind: importer.KindDeals, conflict: db.ConflictUpdate}); err != nil {
		b.Fatal(err)
	}
	if !strings.Contains(out.String(), fmt.Sprintf("deals          %d ", benchDeals)) {
		b.Fatalf("the import did not add %d deals:\n%s", benchDeals, out.String())
	}
}

// parseDeals reads a deals table against what s holds, as the import does, adding the time
// it took to *took, and returns its deals.
func parseDeals(b *testing.B, ctx context.Context, a *app, s *db.Store, file importFile, took *time.Duration) []model.Deal {
	known, err := storedCatalog(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	f := &importFlags{kind: importer.KindDeals, readOpts: importer.Options{CreateUnknown: true, Today: model.DateOf(a.now())}}
	part, errs, _ := a.readImportFile(file, f, known)
	*took += time.Since(start)
	if len(errs) > 0 {
		b.Fatal(errs[0])
	}
	return part.Catalog.Deals
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

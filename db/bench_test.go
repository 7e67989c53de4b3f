package db

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/model"
)

func demoCatalog(b testing.TB) model.Catalog {
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

// syntheticDeals makes n new deals against the demo's competitors with its reason codes.
func syntheticDeals(cat model.Catalog, n int) []model.Deal {
	out := make([]model.Deal, n)
	comps, reasons := cat.Competitors[1:], cat.ReasonCodes
	start := model.MustParseDate("2024-01-01")
	outcomes := []model.Outcome{model.OutcomeWon, model.OutcomeLost, model.OutcomeNoDecision}
	for i := range out {
		r := reasons[i%len(reasons)].Code
		out[i] = model.Deal{Ref: fmt.Sprintf("SYN-%07d", i), Account: fmt.Sprintf("Account %d", i), ClosedAt: start.AddDays(i % 900),
			Outcome: outcomes[i%3], Competitors: []string{comps[i%len(comps)].Slug}, Amount: int64(1000000 + i), Currency: "USD",
			Segment: "mid-market", Region: "EMEA", Reasons: []string{r}, PrimaryReason: r, Source: "crm"}
	}
	return out
}

// BenchmarkImportDeals100k imports 100,000 new deals into a database holding the demo catalog
// and reports rows/s; side by side, in the same loop, it imports them into another such
// database without writing the change history, and reports the ratio of the two speeds. On a
// machine that other programs share, elapsed time varies by more than the history costs, so
// it also reports the ratio of the processor time the two imports used (the process's, on
// every thread: waiting for the disk is not in it, the history's extra pages are in elapsed
// time only).
func BenchmarkImportDeals100k(b *testing.B) {
	cat := demoCatalog(b)
	deals := syntheticDeals(cat, 100_000)
	ctx := context.Background()
	var logged, bare, loggedCPU, bareCPU time.Duration
	cpuKnown := true
	run := func(unlogged bool) time.Duration {
		s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Import(ctx, cat, ImportOptions{Now: testNow}); err != nil {
			b.Fatal(err)
		}
		s.unlogged = unlogged
		// The label tells the two imports apart in a CPU profile (-tagfocus history=kept).
		history := "kept"
		if unlogged {
			history = "none"
		}
		cpuStart, ok1 := processCPU()
		start := time.Now()
		pprof.Do(ctx, pprof.Labels("history", history), func(ctx context.Context) {
			_, err = s.Import(ctx, model.Catalog{Version: 1, Deals: deals}, ImportOptions{Now: testNow})
		})
		if err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		cpuEnd, ok2 := processCPU()
		cpuKnown = cpuKnown && ok1 && ok2
		if unlogged {
			bareCPU += cpuEnd - cpuStart
		} else {
			loggedCPU += cpuEnd - cpuStart
		}
		return elapsed
	}
	// The first import in a process is the slowest by far (the heap and SQLite's allocator
	// grow, the code is paged in): one of each, untimed, so that it weighs on neither side.
	run(true)
	run(false)
	bareCPU, loggedCPU = 0, 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		// Alternate which goes first, so neither always meets a warmer disk cache.
		if i%2 == 1 {
			bare += run(true)
		}
		b.StartTimer()
		logged += run(false)
		b.StopTimer()
		if i%2 == 0 {
			bare += run(true)
		}
		b.StartTimer()
	}
	rows := float64(len(deals) * b.N)
	b.ReportMetric(rows/logged.Seconds(), "rows/s")
	b.ReportMetric(rows/bare.Seconds(), "unlogged-rows/s")
	b.ReportMetric(bare.Seconds()/logged.Seconds(), "ratio-to-unlogged")
	if cpuKnown {
		b.ReportMetric(bareCPU.Seconds()/loggedCPU.Seconds(), "cpu-ratio-to-unlogged")
	}
}

// openDemo opens a new database in a temporary directory holding the demo catalog.
func openDemo(b *testing.B) *Store {
	b.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Import(ctx, demoCatalog(b), ImportOptions{Now: testNow}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkSaveDealDemo measures a single write in a transaction, as rivals deal add and the
// TUI's deal form make it, on the demo database.
func BenchmarkSaveDealDemo(b *testing.B) {
	s := openDemo(b)
	ctx := context.Background()
	d := syntheticDeals(demoCatalog(b), 1)[0]
	i := 0
	for b.Loop() {
		d.Ref = fmt.Sprintf("BENCH-%d", i)
		if _, err := s.SaveDeal(ctx, d, nil); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSetRateDemo measures a single write outside a transaction, as rivals fx set makes
// it, on the demo database.
func BenchmarkSetRateDemo(b *testing.B) {
	s := openDemo(b)
	ctx := context.Background()
	day := model.MustParseDate("2020-01-01")
	i := 0
	for b.Loop() {
		r := model.NewFXRate("EUR", "USD", 1_080_000+int64(i), day.AddDays(i))
		if err := s.SetRate(ctx, r); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkDamageMarkerCheck measures what every write pays to honour a check that found
// damage: one look for the marker file, which normally does not exist.
func BenchmarkDamageMarkerCheck(b *testing.B) {
	s := openDemo(b)
	for b.Loop() {
		if err := s.refuseIfMarked(); err != nil {
			b.Fatal(err)
		}
	}
}

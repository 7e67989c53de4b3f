package cli

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rivals-app/rivals/internal/bigcatalog"
	"github.com/rivals-app/rivals/internal/catalog"
)

// The benchmarks here run the rivals binary itself on the large generated catalog
// (internal/bigcatalog) and report the peak resident memory of that process (getrusage of the
// child), the figure a user's machine feels, not the heap of a test.

// catalogTables are the tables an export reads.
var catalogTables = []string{"competitors", "features", "support", "plans", "price_observations", "reason_codes",
	"deals", "deal_competitors", "deal_reasons", "cards", "card_items", "notes"}

// buildRivals builds the binary once per benchmark.
func buildRivals(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "rivals")
	if out, err := exec.Command("go", "build", "-o", bin, repoRoot).CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// runMeasured runs a command to its end and returns how long it took and its peak resident
// memory in MB. The memory comes from GNU time (/usr/bin/time), which forks the command from
// a small process: a child started by Go shares the test's memory until it executes, and Linux
// counts that in the child's peak, so getrusage of a direct child, used without GNU time, is an
// upper bound that includes this test's own memory.
func runMeasured(b *testing.B, name string, args ...string) (time.Duration, float64) {
	b.Helper()
	report := filepath.Join(b.TempDir(), "time.txt")
	cmd := exec.Command(name, args...)
	if _, err := os.Stat(gnuTime); err == nil {
		cmd = exec.Command(gnuTime, append([]string{"-f", "%M", "-o", report, name}, args...)...)
	}
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%.2000s", cmd, err, out)
	}
	took := time.Since(start)
	if data, err := os.ReadFile(report); err == nil {
		kb, err := strconv.ParseFloat(strings.TrimSpace(string(data)), 64)
		if err != nil {
			b.Fatalf("%s: %q", gnuTime, data)
		}
		return took, kb / 1024
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Skip("no resource usage for child processes here")
	}
	return took, float64(ru.Maxrss) / 1024 // Linux reports kilobytes
}

// gnuTime is where GNU time is usually installed.
const gnuTime = "/usr/bin/time"

// scaleOptions are the catalogs the process benchmarks run on: the large one and a quarter
// of it, so that memory is seen not to grow with the catalog.
var scaleOptions = []struct {
	name string
	opts bigcatalog.Options
}{
	{"quarter", bigcatalog.Options{Competitors: 250, Features: 500, Deals: 25_000, Notes: 25_000, Seed: 1}},
	{"large", bigcatalog.Default()},
}

// BenchmarkExportLargeCatalogProcess runs `rivals export catalog -o FILE` on the generated
// catalogs and reports its time (export-s), its peak resident memory (rss-MB) and, measured
// in the same run, the time `sqlite3 -json` takes to print every row of the same tables
// (sqlite3-s, when sqlite3 is installed) and the ratio of the two (x-sqlite3).
func BenchmarkExportLargeCatalogProcess(b *testing.B) {
	ctx := context.Background()
	bin := buildRivals(b)
	sqlite3, _ := exec.LookPath("sqlite3")
	for _, size := range scaleOptions {
		b.Run(size.name, func(b *testing.B) {
			dbPath, err := bigcatalog.Database(ctx, size.opts)
			if err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(b.TempDir(), "catalog.json")
			var export, ref time.Duration
			var rss float64
			for b.Loop() {
				took, mb := runMeasured(b, bin, "export", "catalog", "--db", dbPath, "-o", out, "--force")
				export, rss = export+took, max(rss, mb)
				if sqlite3 != "" {
					ref += sqliteJSON(b, sqlite3, dbPath)
				}
			}
			b.ReportMetric(export.Seconds()/float64(b.N), "export-s")
			b.ReportMetric(rss, "rss-MB")
			if sqlite3 != "" {
				b.ReportMetric(ref.Seconds()/float64(b.N), "sqlite3-s")
				b.ReportMetric(export.Seconds()/ref.Seconds(), "x-sqlite3")
			}
		})
	}
}

// sqliteJSON times sqlite3 printing every row of the catalog tables as JSON to a file.
func sqliteJSON(b *testing.B, sqlite3, dbPath string) time.Duration {
	b.Helper()
	f, err := os.Create(filepath.Join(b.TempDir(), "sqlite3.json"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	var total time.Duration
	for _, table := range catalogTables {
		cmd := exec.Command(sqlite3, "-json", "-readonly", dbPath, "SELECT * FROM "+table)
		cmd.Stdout = w
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("sqlite3: %v", err)
		}
		total += time.Since(start)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	return total
}

// BenchmarkImportLargeCatalogProcess runs `rivals import FILE.json` of the generated catalogs
// into a new database and reports its time (import-s) and peak resident memory (rss-MB), with
// the size of the file (file-MB).
func BenchmarkImportLargeCatalogProcess(b *testing.B) {
	bin := buildRivals(b)
	for _, size := range scaleOptions {
		b.Run(size.name, func(b *testing.B) {
			dir := b.TempDir()
			file := filepath.Join(dir, "catalog.json")
			f, err := os.Create(file)
			if err != nil {
				b.Fatal(err)
			}
			w := bufio.NewWriterSize(f, 1<<20)
			if err := catalog.Encode(w, bigcatalog.Generate(size.opts)); err != nil {
				b.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
			fi, _ := f.Stat()
			f.Close()
			total, rss := timeImports(b, bin, file)
			b.ReportMetric(total.Seconds()/float64(b.N), "import-s")
			b.ReportMetric(rss, "rss-MB")
			b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
		})
	}
}

// BenchmarkImportDealsCSVProcess runs `rivals import deals.csv` on long-format deals files of
// 100,000 and 1,000,000 rows (5 MB and 54 MB) into new databases and reports the time
// (import-s), the rows a second and the peak resident memory of the process (rss-MB): what
// grows with the rows is the deals' refs, held to refuse a repeated one and to record the new
// deals in the change history.
func BenchmarkImportDealsCSVProcess(b *testing.B) {
	bin := buildRivals(b)
	for _, rows := range []int{100_000, 1_000_000} {
		b.Run(strconv.Itoa(rows/1000)+"k", func(b *testing.B) {
			dir := b.TempDir()
			file := filepath.Join(dir, "deals.csv")
			if err := os.WriteFile(file, []byte(dealsCSV(rows, isoDay)), 0o600); err != nil {
				b.Fatal(err)
			}
			total, rss := timeImports(b, bin, file)
			b.ReportMetric(total.Seconds()/float64(b.N), "import-s")
			b.ReportMetric(float64(rows*b.N)/total.Seconds(), "rows/s")
			b.ReportMetric(rss, "rss-MB")
		})
	}
}

// timeImports runs `rivals import FILE` into a new database in each round of b and returns
// their total time and the largest peak resident memory of the process.
func timeImports(b *testing.B, bin, file string) (time.Duration, float64) {
	dbPath := filepath.Join(b.TempDir(), "import.db")
	var total time.Duration
	var rss float64
	for b.Loop() {
		took, mb := runMeasured(b, bin, "import", "--db", dbPath, file)
		total, rss = total+took, max(rss, mb)
		b.StopTimer()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(dbPath + suffix)
		}
		b.StartTimer()
	}
	return total, rss
}

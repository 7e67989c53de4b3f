package cli

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/bigcatalog"
	"github.com/rivals-app/rivals/model"
)

// BenchmarkReadCommands runs the rivals binary's read commands on the 500,000-deal catalog
// (bigcatalog.ReadScale; compare on the 5,000-feature matrix of bigcatalog.WideMatrix) as a
// user would, each as a process of its own, and reports per command the median wall time
// (ms) and the largest resident memory of the process (rss-MB, from getrusage). check also
// reports its time over a bare PRAGMA quick_check of the same file in the same run
// (ratio-to-quick-check), the floor the engine sets. It runs with RIVALS_BENCH_SCALE set.
func BenchmarkReadCommands(b *testing.B) {
	skipUnlessScale(b)
	ctx := context.Background()
	big, err := bigcatalog.Database(ctx, bigcatalog.ReadScale())
	if err != nil {
		b.Fatal(err)
	}
	wide, err := bigcatalog.Database(ctx, bigcatalog.WideMatrix())
	if err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(b.TempDir(), "rivals")
	if out, err := exec.Command("go", "build", "-o", bin, repoRoot).CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	rival, other := rivalsIn(b, big), rivalsIn(b, wide)
	existing := b.TempDir()
	if out, err := exec.Command(bin, "--db", big, "card", "--all", "--dir", existing).CombinedOutput(); err != nil {
		b.Fatalf("card --all: %v\n%s", err, out)
	}
	for _, c := range []struct {
		name    string
		db      string
		args    []string
		refused bool
	}{
		{"list", big, []string{"list"}, false},
		{"winloss", big, []string{"winloss"}, false},
		{"winloss-by-quarter", big, []string{"winloss", "--by", "quarter", "--since", "2025-02-11"}, false},
		{"winloss-competitor", big, []string{"winloss", "--competitor", rival}, false},
		{"card", big, []string{"card", rival}, false},
		{"prep", big, []string{"prep", rival}, false},
		{"reasons", big, []string{"reasons"}, false},
		{"show", big, []string{"show", rival}, false},
		{"compare-5000-features", wide, []string{"compare", "tidewell", other}, false},
		{"card-all-1000", big, []string{"card", "--all", "--dir", ""}, false},
		{"card-all-existing", big, []string{"card", "--all", "--dir", existing}, true},
		{"check", big, []string{"check"}, false},
	} {
		b.Run(c.name, func(b *testing.B) {
			var times []time.Duration
			var rss float64
			for b.Loop() {
				args := append([]string{"--db", c.db}, c.args...)
				if c.name == "card-all-1000" {
					args[len(args)-1] = filepath.Join(b.TempDir(), "cards")
				}
				d, r, err := runReadCommand(bin, args...)
				if (err != nil) != c.refused {
					b.Fatalf("%v: %v", c.args, err)
				}
				times, rss = append(times, d), max(rss, r)
			}
			b.ReportMetric(medianMS(times), "ms")
			b.ReportMetric(rss, "rss-MB")
			switch c.name {
			case "check":
				b.ReportMetric(medianMS(times)/bareQuickCheckMS(b, big), "ratio-to-quick-check")
			case "card-all-1000":
				b.ReportMetric(medianMS(times)/bareCardReadsMS(b, big), "ratio-to-bare-reads")
			}
		})
	}
}

// skipUnlessScale skips the scale benchmarks, which build catalogs of up to 500,000 deals
// (minutes the first time), unless RIVALS_BENCH_SCALE is set, as scripts/bench --scale does.
func skipUnlessScale(b *testing.B) {
	if os.Getenv("RIVALS_BENCH_SCALE") == "" {
		b.Skip("set RIVALS_BENCH_SCALE=1 (scripts/bench --scale) to run the scale benchmarks")
	}
}

// runReadCommand runs the binary to the end, discarding its output, and returns its wall time and
// its largest resident memory in MB: from GNU time when installed (see runMeasured: a child
// started by Go is counted the test's own memory until it executes, hundreds of MB when the
// test built the catalog itself), else from getrusage of the child, an upper bound.
func runReadCommand(bin string, args ...string) (time.Duration, float64, error) {
	report := filepath.Join(os.TempDir(), fmt.Sprintf("rivals-read-%d.txt", os.Getpid()))
	defer os.Remove(report)
	cmd := exec.Command(bin, args...)
	timed := false
	if _, err := os.Stat(gnuTime); err == nil {
		cmd, timed = exec.Command(gnuTime, append([]string{"-f", "%M", "-o", report, bin}, args...)...), true
	}
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	var rss float64
	if data, readErr := os.ReadFile(report); timed && readErr == nil {
		// GNU time reports "Command exited with non-zero status N" before the figure.
		if fields := strings.Fields(string(data)); len(fields) > 0 {
			if kb, perr := strconv.ParseFloat(fields[len(fields)-1], 64); perr == nil {
				rss = kb / 1024
			}
		}
	} else if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = float64(ru.Maxrss) / 1024 // kB on Linux
	}
	return d, rss, err
}

// bareQuickCheckMS times PRAGMA quick_check of the file through the same SQLite, twice, and
// returns the faster, in milliseconds.
func bareQuickCheckMS(b *testing.B, path string) float64 {
	b.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	best := time.Duration(1 << 62)
	for range 2 {
		start := time.Now()
		var v string
		if err := raw.QueryRow("PRAGMA quick_check").Scan(&v); err != nil {
			b.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	return float64(best.Microseconds()) / 1000
}

// bareCardReadsMS times reading, through the same SQLite and in the fewest queries, the rows
// every card is drawn from: the deals of the record window with their competitors and
// reasons, sorted by competitor, and every matrix cell, note, plan and price; each row's
// columns are scanned as raw bytes and nothing else is done. It runs twice and returns the
// faster, in milliseconds: the floor under card --all, which reads the same rows and builds,
// renders and writes a file for each card.
func bareCardReadsMS(b *testing.B, path string) float64 {
	b.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	window := model.RecordWindow(model.DateOf(time.Now()))
	queries := []string{`SELECT dc.competitor_id, d.*,
			(SELECT group_concat(c.slug, char(31) ORDER BY x.position) FROM deal_competitors x
				JOIN competitors c ON c.id = x.competitor_id WHERE x.deal_id = d.id),
			(SELECT group_concat(r.code || char(30) || dr.is_primary, char(31) ORDER BY dr.position) FROM deal_reasons dr
				JOIN reason_codes r ON r.id = dr.reason_id WHERE dr.deal_id = d.id)
		FROM deals d JOIN deal_competitors dc ON dc.deal_id = d.id
		WHERE d.closed_at BETWEEN '` + window.Since.String() + `' AND '` + window.Until.String() + `'
		ORDER BY dc.competitor_id, d.closed_at DESC, d.ref DESC`,
		`SELECT * FROM support`, `SELECT * FROM notes`, `SELECT * FROM plans`, `SELECT * FROM price_observations`}
	best := time.Duration(1 << 62)
	for range 2 {
		start := time.Now()
		for _, q := range queries {
			rows, err := raw.Query(q)
			if err != nil {
				b.Fatal(err)
			}
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			for i := range vals {
				vals[i] = new(sql.RawBytes)
			}
			for rows.Next() {
				if err := rows.Scan(vals...); err != nil {
					b.Fatal(err)
				}
			}
			if err := rows.Err(); err != nil {
				b.Fatal(err)
			}
			rows.Close()
		}
		best = min(best, time.Since(start))
	}
	return float64(best.Microseconds()) / 1000
}

// rivalsIn returns the slug of a competitor other than our own product.
func rivalsIn(b *testing.B, path string) string {
	b.Helper()
	s, err := db.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	comps, err := s.Competitors(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range comps {
		if !c.IsSelf {
			return c.Slug
		}
	}
	b.Fatal("no rival in the catalog")
	return ""
}

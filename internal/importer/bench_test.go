package importer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/internal/importer"
)

// BenchmarkReadDeals parses and validates a 100,000-row long-format deals file, the parsing
// half of rivals import.
func BenchmarkReadDeals(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Ref,Close Date,Outcome,Competitor,Amount,Currency,Reason\n")
	comps := []string{"Harborline", "Replyfox", "Quillon", "Ostra CX"}
	for i := range 100_000 {
		fmt.Fprintf(&sb, "D-%06d,2025-%02d-%02d,%s,%s,%d,USD,Price\n", i, i%12+1, i%28+1, []string{"won", "lost", "no decision"}[i%3], comps[i%4], 1000+i)
	}
	data := []byte(sb.String())
	opt := options(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		res, err := importer.ReadFile("deals.csv", data, opt)
		if err != nil || len(res.Errors) > 0 || len(res.Catalog.Deals) != 100_000 {
			b.Fatal(err, res.Errors)
		}
	}
	b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "rows/s")
}

package search

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sahilm/fuzzy"
)

// Benchmarks of the search box over the synthetic catalog (corpus_test.go), ~207,000 labels.
// Each query below is typed one key at a time into an emptied box, top 50 per keystroke; the
// box lives as long as the palette, as the TUI's does (for the index: one Session, whose stack
// empties when a new query starts, so only its buffers carry over). Besides the usual figures
// per op (one op types them all), each reports the latency of a keystroke (p50, p95, mean) and
// the bytes it allocates:
//
//	go test ./internal/search -run XXX -bench . -benchtime 3x

// typed are realistic queries: a name, acronyms, a phrase, misspelt names.
var typed = []string{"harbor", "sso", "price incr", "api", "zendsk", "brightdsk", "renewal q3"}

// topK is how many results the palette asks for.
const benchK = 50

// benchTyping types every query into a box made by newBox and reports per-keystroke figures.
func benchTyping(b *testing.B, newBox func() func(q string) int) {
	box := newBox()
	keys := 0
	for _, q := range typed {
		keys += len(q)
	}
	lat := make([]time.Duration, 0, 16*keys)
	var before, after runtime.MemStats
	b.ReportAllocs()
	runtime.GC()
	runtime.ReadMemStats(&before)
	matched := 0
	for b.Loop() {
		for _, q := range typed {
			for i := range q {
				start := time.Now()
				matched += box(q[:i+1])
				lat = append(lat, time.Since(start))
			}
		}
	}
	runtime.ReadMemStats(&after)
	if matched == 0 {
		b.Fatal("nothing matched")
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*95+99)/100-1]), "p95-ms")
	b.ReportMetric(ms(sum)/float64(len(lat)), "mean-ms")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(len(lat)), "B/key")
}

// BenchmarkSearchKeystroke is the index: a Session narrowing as keys are typed.
func BenchmarkSearchKeystroke(b *testing.B) {
	ix := NewIndex(corpus())
	benchTyping(b, func() func(string) int {
		s := ix.NewSession()
		return func(q string) int { return len(s.Search(q, benchK)) }
	})
}

// BenchmarkFuzzyFindKeystroke is plain sahilm/fuzzy over the same labels, top 50 kept.
func BenchmarkFuzzyFindKeystroke(b *testing.B) {
	labels := make([]string, len(corpus()))
	for i, it := range corpus() {
		labels[i] = it.Label
	}
	benchTyping(b, func() func(string) int {
		return func(q string) int {
			m := fuzzy.Find(q, labels)
			return len(m[:min(len(m), benchK)])
		}
	})
}

// BenchmarkSubsequenceScan is the lower bound: only the match test (query bytes in order in a
// lower-cased label, by strings.IndexByte) over every label, on one goroutine, with no
// scoring, ranking or positions.
func BenchmarkSubsequenceScan(b *testing.B) {
	lowered := make([]string, len(corpus()))
	for i, it := range corpus() {
		lowered[i] = strings.ToLower(it.Label)
	}
	benchTyping(b, func() func(string) int {
		return func(q string) int {
			q = strings.ToLower(q)
			n := 0
		next:
			for _, s := range lowered {
				for i := 0; i < len(q); i++ {
					j := strings.IndexByte(s, q[i])
					if j < 0 {
						continue next
					}
					s = s[j+1:]
				}
				n++
			}
			return min(n, benchK)
		}
	})
}

// BenchmarkIndexBuild indexes the whole catalog.
func BenchmarkIndexBuild(b *testing.B) {
	items := corpus()
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(items)
	}
	b.ReportMetric(float64(len(items)), "items")
}

// BenchmarkFzfKeystroke is fzf's matcher (FuzzyMatchV2, case-insensitive, accents folded) over
// the same labels on runtime.GOMAXPROCS(0) goroutines, as fzf spreads its matching, top 50 kept
// by fzf's order (score, then shorter label, then earlier).
func BenchmarkFzfKeystroke(b *testing.B) {
	labels := make([]string, len(corpus()))
	for i, it := range corpus() {
		labels[i] = it.Label
	}
	top := newFzfTopper(labels)
	benchTyping(b, func() func(string) int {
		return func(q string) int { return len(top.top(q, benchK)) }
	})
}

package tui

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/bigcatalog"
	"github.com/rivals-app/rivals/model"
)

// BenchmarkOpenLargeCatalog opens the large generated catalog (internal/bigcatalog, built and
// cached on first use) the way the TUI does: the overview snapshot with the name index, which
// the competitor list and typing names in search need (list-ms), and side by side with it the
// index over note titles, deal accounts and card bullets; index-ms is when both are ready.
// heap-MB is the Go heap in use afterwards, holding both.
func BenchmarkOpenLargeCatalog(b *testing.B) {
	ctx := context.Background()
	path, err := bigcatalog.Database(ctx, bigcatalog.Default())
	if err != nil {
		b.Fatal(err)
	}
	today := model.DateOf(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	var list, index time.Duration
	var heap uint64
	for b.Loop() {
		start := time.Now()
		store, err := db.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		// As the app's Init does: the snapshot and the text index load side by side.
		textDone := make(chan textIndexMsg, 1)
		go func() { textDone <- buildTextIndexCmd(context.Background(), store, 0)().(textIndexMsg) }()
		v, err := loadSnapshot(ctx, store, loadRequest{today: today, eagerRows: DefaultEagerRows})
		if err != nil {
			b.Fatal(err)
		}
		list += time.Since(start)
		msg := <-textDone
		if msg.err != nil {
			b.Fatal(msg.err)
		}
		index += time.Since(start)
		b.StopTimer()
		if !v.lazy || len(v.competitors) != bigcatalog.Default().Competitors {
			b.Fatalf("lazy=%v, %d competitors", v.lazy, len(v.competitors))
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = max(heap, ms.HeapInuse)
		runtime.KeepAlive(v)
		runtime.KeepAlive(msg)
		store.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(list.Milliseconds())/float64(b.N), "list-ms")
	b.ReportMetric(float64(index.Milliseconds())/float64(b.N), "index-ms")
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}

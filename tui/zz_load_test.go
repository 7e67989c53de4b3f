package tui

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

func TestZZLoadBig(t *testing.T) {
	path := os.Getenv("BIGDB")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	s, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st := time.Now()
	v, err := loadSnapshot(ctx, s, loadRequest{today: model.DateOf(time.Now()), eagerRows: DefaultEagerRows, want: []string{"tidewell"}})
	t.Logf("snapshot %v lazy=%v items=%d err=%v", time.Since(st), v.lazy, v.names.Len(), err)
	steps := map[string]func(){
		"tallies": func() { s.Tallies(ctx, model.DateOf(time.Now())) },
		"stats":   func() { s.Stats(ctx) },
		"facets":  func() { s.DealFacets(ctx) },
		"comps":   func() { s.Competitors(ctx) },
		"plans":   func() { s.Plans(ctx, "") },
		"cards":   func() { s.Cards(ctx) },
		"feats":   func() { s.Features(ctx) },
		"rates":   func() { s.Rates(ctx) },
	}
	for name, f := range steps {
		st = time.Now()
		f()
		t.Logf("%s %v", name, time.Since(st))
	}
	st = time.Now()
	_, err = readDetails(ctx, s, "anchorassist-274")
	t.Logf("details %v %v", time.Since(st), err)
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	t.Logf("heap %d MB sys %d MB", m.HeapAlloc>>20, m.Sys>>20)
}

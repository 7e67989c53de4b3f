package db

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// A change committed through another handle on the same file (as another process would) is
// seen once; reading is not a change.
func TestWatcherSeesChangesFromElsewhere(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	w, err := a.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if changed, err := w.Changed(ctx); err != nil || changed {
		t.Fatalf("changed before any write: %v, %v", changed, err)
	}
	if _, err := b.Competitors(ctx); err != nil {
		t.Fatal(err)
	}
	if changed, _ := w.Changed(ctx); changed {
		t.Error("a read counted as a change")
	}
	if _, err := b.Import(ctx, model.Catalog{Version: 1, Competitors: []model.Competitor{{Slug: "acme", Name: "Acme", Status: model.StatusActive}}}, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if changed, err := w.Changed(ctx); err != nil || !changed {
		t.Errorf("a commit from elsewhere was not seen: %v, %v", changed, err)
	}
	if changed, _ := w.Changed(ctx); changed {
		t.Error("the same change was reported twice")
	}
	// Writes through the watching store's other connections count too.
	if _, err := a.Import(ctx, model.Catalog{Version: 1, Competitors: []model.Competitor{{Slug: "beta", Name: "Beta", Status: model.StatusActive}}}, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if changed, _ := w.Changed(ctx); !changed {
		t.Error("a commit through another connection of the same store was not seen")
	}
}

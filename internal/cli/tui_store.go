package cli

import (
	"context"
	"errors"
	"sync"

	"github.com/rivals-app/rivals/db"
)

// errTUIStoreDone is what the TUI's open gets once the store was opened or the TUI ended.
var errTUIStoreDone = errors.New("the TUI's store was already opened or closed")

// tuiStore is the store the TUI opens once its program has started (tui.OpenStore). The
// program can end before the open does (ctrl+c while an old file's schema is upgraded): close
// waits for the open, then closes what it opened.
type tuiStore struct {
	a       *app
	mu      sync.Mutex
	started bool          // open was called
	closed  bool          // close was called: a later open opens nothing
	done    chan struct{} // closed when the open has returned
	cleanup func()
}

func newTUIStore(a *app) *tuiStore { return &tuiStore{a: a, done: make(chan struct{})} }

// open opens the database as the TUI's commands use it; only the first call before close opens.
func (t *tuiStore) open(ctx context.Context) (*db.Store, error) {
	t.mu.Lock()
	if t.started || t.closed {
		t.mu.Unlock()
		return nil, errTUIStoreDone
	}
	t.started = true
	t.mu.Unlock()
	defer close(t.done)
	store, cleanup, err := t.a.openStore(ctx, createIfMissing)
	t.cleanup = cleanup
	return store, err
}

// close waits for an open under way and closes the store it opened.
func (t *tuiStore) close() {
	t.mu.Lock()
	t.closed = true
	started := t.started
	t.mu.Unlock()
	if !started {
		return
	}
	<-t.done
	if t.cleanup != nil {
		t.cleanup()
	}
}

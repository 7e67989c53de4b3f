package tui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/model"
)

// sharedDetailsKept is how many competitors' details a shared catalog keeps per data version:
// every session browsing the same large catalog reads each competitor once.
const sharedDetailsKept = 64

// SharedCatalog is the catalog as every TUI session over one store sees it (the sessions of a
// team server): the overview, the name index, the text index and each competitor's details are
// read once per data version and handed to every session, which never changes them. One
// watcher follows the file for the whole server; a write from any session or process moves
// the version on, and the next load reads the catalog again, once.
type SharedCatalog struct {
	store   *db.Store
	version atomic.Int64

	mu      sync.Mutex
	watcher *db.Watcher
	// lastChange is the newest entry of the change history when the version last moved: a
	// commit that recorded no change (a user marking the history seen, fresh planner
	// statistics) leaves the catalog as it was, and sessions are not sent to read it again.
	lastChange int64
	closed     bool
	views      map[viewKey]*shared[catalogView]
	text       *shared[*search.Index]
	details    map[string]*shared[details]
	order      []string // details keys, oldest first
	deals      *shared[[]model.Deal]
	stop       chan struct{}
	done       chan struct{}
}

// viewKey tells apart the overviews sessions may ask for: a load depends on the day and on
// the size up to which a catalog is read whole.
type viewKey struct {
	today     model.Date
	eagerRows int
}

// shared is one value read once for a data version, whoever asks first; the others wait.
type shared[T any] struct {
	version int64
	ready   chan struct{}
	val     T
	err     error
}

// NewSharedCatalog shares store's catalog between sessions and, when every is positive,
// looks for changes that often in the background until Close.
func NewSharedCatalog(store *db.Store, every time.Duration) *SharedCatalog {
	s := &SharedCatalog{store: store, stop: make(chan struct{}), done: make(chan struct{})}
	s.clearLocked()
	if every <= 0 {
		close(s.done)
		return s
	}
	go s.follow(every)
	return s
}

// Version numbers the data as last seen: it moves on whenever anyone commits a change.
func (s *SharedCatalog) Version() int64 { return s.version.Load() }

// Close stops following the file and closes the watcher's connection.
func (s *SharedCatalog) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.stop)
	s.mu.Unlock()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.watcher != nil {
		return s.watcher.Close()
	}
	return nil
}

// follow looks for changes every so often until Close.
func (s *SharedCatalog) follow(every time.Duration) {
	defer close(s.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), every)
			_, _ = s.refresh(ctx) // a failed look is tried again at the next tick
			cancel()
		}
	}
}

// refresh looks whether anything was committed since the last look and, if so, moves the
// version on and forgets what was read for the old one. It returns the current version.
func (s *SharedCatalog) refresh(ctx context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return s.version.Load(), nil
	}
	if s.watcher == nil {
		w, err := s.store.Watch(ctx)
		if err != nil {
			return s.version.Load(), err
		}
		s.watcher = w
		// The first look only sets the watcher's mark; everything read so far is current.
		if s.lastChange, err = s.store.LastChangeID(ctx); err != nil {
			return s.version.Load(), err
		}
	}
	changed, err := s.watcher.Changed(ctx)
	if err != nil {
		return s.version.Load(), err
	}
	if changed {
		last, err := s.store.LastChangeID(ctx)
		if err != nil {
			return s.version.Load(), err
		}
		changed = last != s.lastChange
		s.lastChange = last
	}
	if changed {
		s.version.Add(1)
		s.clearLocked()
	}
	return s.version.Load(), nil
}

// clearLocked forgets what was read for older versions (s.mu held).
func (s *SharedCatalog) clearLocked() {
	s.views = map[viewKey]*shared[catalogView]{}
	s.details = map[string]*shared[details]{}
	s.order = nil
	s.text, s.deals = nil, nil
}

// get returns the value find gives for the current version, reading it with read when there
// is none yet; callers asking meanwhile wait for the same read. keep stores a new entry (nil:
// drops a failed one). find and keep run with s.mu held.
func get[T any](ctx context.Context, s *SharedCatalog, find func() *shared[T], keep func(*shared[T]), read func(context.Context) (T, error)) (T, int64, error) {
	var zero T
	v, err := s.refresh(ctx)
	if err != nil {
		return zero, v, err
	}
	s.mu.Lock()
	e := find()
	if e == nil || e.version != v {
		e = &shared[T]{version: v, ready: make(chan struct{})}
		keep(e)
		s.mu.Unlock()
		// The read runs without the caller's cancellation: others may be waiting for it.
		e.val, e.err = read(context.WithoutCancel(ctx))
		close(e.ready)
		if e.err != nil {
			s.mu.Lock()
			if find() == e {
				keep(nil)
			}
			s.mu.Unlock()
		}
	} else {
		s.mu.Unlock()
	}
	select {
	case <-e.ready:
		return e.val, e.version, e.err
	case <-ctx.Done():
		return zero, v, ctx.Err()
	}
}

// view returns the overview for req, read once per version, with req's competitors' details
// in place and req's load generation.
func (s *SharedCatalog) view(ctx context.Context, req loadRequest) (catalogView, error) {
	key := viewKey{today: req.today, eagerRows: req.eagerRows}
	v, version, err := get(ctx, s, func() *shared[catalogView] { return s.views[key] }, func(e *shared[catalogView]) {
		if e == nil {
			delete(s.views, key)
		} else {
			s.views[key] = e
		}
	}, func(ctx context.Context) (catalogView, error) {
		whole := req
		whole.want, whole.watcher = nil, nil
		return loadSnapshot(ctx, s.store, whole)
	})
	if err != nil {
		return v, err
	}
	v.gen, v.version = req.gen, version
	if v.lazy {
		for _, slug := range req.want {
			if p, ok := v.profiles[slug]; !ok || p.loaded {
				continue
			}
			d, err := s.detailsOf(ctx, slug)
			if err != nil {
				return v, err
			}
			v = v.withDetails(slug, d)
		}
	}
	return v, nil
}

// detailsOf returns one competitor's details, read once per version; the most recently read
// sharedDetailsKept are kept.
func (s *SharedCatalog) detailsOf(ctx context.Context, slug string) (details, error) {
	d, _, err := get(ctx, s, func() *shared[details] { return s.details[slug] }, func(e *shared[details]) {
		if e == nil {
			delete(s.details, slug)
			return
		}
		if _, had := s.details[slug]; !had {
			s.order = append(s.order, slug)
		}
		s.details[slug] = e
		for len(s.order) > sharedDetailsKept {
			delete(s.details, s.order[0])
			s.order = s.order[1:]
		}
	}, func(ctx context.Context) (details, error) {
		return readDetails(ctx, s.store, slug)
	})
	return d, err
}

// allDeals returns every deal, read once per version.
func (s *SharedCatalog) allDeals(ctx context.Context) ([]model.Deal, error) {
	deals, _, err := get(ctx, s, func() *shared[[]model.Deal] { return s.deals }, func(e *shared[[]model.Deal]) { s.deals = e },
		func(ctx context.Context) ([]model.Deal, error) { return s.store.Deals(ctx, db.DealFilter{}) })
	return deals, err
}

// textIndex returns the index over note titles, deal accounts and card bullets, built once per
// version. Sessions search it (it is safe for concurrent use) and never change it.
func (s *SharedCatalog) textIndex(ctx context.Context) (*search.Index, error) {
	ix, _, err := get(ctx, s, func() *shared[*search.Index] { return s.text }, func(e *shared[*search.Index]) { s.text = e },
		func(ctx context.Context) (*search.Index, error) {
			labels, err := s.store.Labels(ctx, "")
			if err != nil {
				return nil, err
			}
			return search.NewIndex(labelItems(labels)), nil
		})
	return ix, err
}

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
	views      map[viewKey]*shared[catalogView] // the newest read of each overview, perhaps under way
	ready      map[viewKey]*shared[catalogView] // the newest overview read whole
	text       *shared[*search.Index]
	details    map[string]*shared[details]
	order      []string // details keys, oldest first
	deals      *shared[[]model.Deal]
	index      builtIndex // the text index as last built or brought up to date
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

// reading reports whether the value is still being read.
func (e *shared[T]) reading() bool {
	select {
	case <-e.ready:
		return false
	default:
		return true
	}
}

// NewSharedCatalog shares store's catalog between sessions and, when every is positive,
// looks for changes that often in the background until Close.
func NewSharedCatalog(store *db.Store, every time.Duration) *SharedCatalog {
	s := &SharedCatalog{store: store, stop: make(chan struct{}), done: make(chan struct{}),
		views: map[viewKey]*shared[catalogView]{}, ready: map[viewKey]*shared[catalogView]{}}
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
		s.readAheadLocked(s.version.Load())
	}
	return s.version.Load(), nil
}

// clearLocked forgets the details, deals and text index read for older versions (s.mu held);
// overviews are kept, each with its version, to be served until a newer one is read.
func (s *SharedCatalog) clearLocked() {
	s.details = map[string]*shared[details]{}
	s.order = nil
	s.text, s.deals = nil, nil
}

// get returns the value find gives for the current version, reading it with read when there
// is none yet; callers asking meanwhile wait for the same read. While a read is under way for
// an older version, callers wait for it rather than start another: when editors write
// continuously, reads do not pile up, and a session shown a value a little older than the
// newest version reads again on its next look. keep stores a new entry (nil: drops a failed
// one). find and keep run with s.mu held. The version returned is the one the value was read
// at.
func get[T any](ctx context.Context, s *SharedCatalog, find func() *shared[T], keep func(*shared[T]), read func(context.Context) (T, error)) (T, int64, error) {
	var zero T
	v, err := s.refresh(ctx)
	if err != nil {
		return zero, v, err
	}
	s.mu.Lock()
	e := find()
	if e == nil || (e.version != v && !e.reading()) {
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
	v, version, err := s.overview(ctx, req)
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

// overview returns the overview req asks for. A request for a fresh one (after the session's
// own save) waits for a read at the current version. Any other gets the newest overview read
// so far at once, even while a newer one is being read (editors writing continuously must not
// hold every session's first frame back): the session shows the newer one when it is in (see
// readyVersion). At most one read runs at a time, unless a save asks for a fresh one.
func (s *SharedCatalog) overview(ctx context.Context, req loadRequest) (catalogView, int64, error) {
	key := viewKey{today: req.today, eagerRows: req.eagerRows}
	cur, err := s.refresh(ctx)
	if err != nil {
		return catalogView{}, cur, err
	}
	s.mu.Lock()
	e := s.views[key]
	if e == nil || (e.version != cur && (req.fresh || !e.reading())) {
		e = s.readOverviewLocked(key, req, cur)
	}
	done := s.ready[key]
	s.mu.Unlock()
	if !req.fresh && done != nil && e.reading() {
		return done.val, done.version, nil
	}
	select {
	case <-e.ready:
		return e.val, e.version, e.err
	case <-ctx.Done():
		return catalogView{}, cur, ctx.Err()
	}
}

// readOverviewLocked starts reading the overview for key at version (s.mu held); the read runs
// on after the asking session goes, since others wait for it too.
func (s *SharedCatalog) readOverviewLocked(key viewKey, req loadRequest, version int64) *shared[catalogView] {
	e := &shared[catalogView]{version: version, ready: make(chan struct{})}
	s.views[key] = e
	whole := req
	whole.want, whole.watcher, whole.fresh = nil, nil, false
	go func() {
		e.val, e.err = loadSnapshot(context.Background(), s.store, whole)
		close(e.ready)
		s.mu.Lock()
		defer s.mu.Unlock()
		switch r := s.ready[key]; {
		case e.err != nil:
			if s.views[key] == e {
				delete(s.views, key)
			}
		case r == nil || r.version <= e.version:
			s.ready[key] = e
		}
	}()
	return e
}

// readyVersion is the version of the newest overview read for key, -1 before the first: a
// session showing an older one reads it again.
func (s *SharedCatalog) readyVersion(key viewKey) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.ready[key]; r != nil {
		return r.version
	}
	return -1
}

// readAheadLocked starts reading the overviews sessions use at the new version (s.mu held), so
// they are ready by the time sessions look.
func (s *SharedCatalog) readAheadLocked(version int64) {
	for key := range s.ready {
		if e := s.views[key]; e == nil || (e.version != version && !e.reading()) {
			s.readOverviewLocked(key, loadRequest{today: key.today, eagerRows: key.eagerRows}, version)
		}
	}
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

// textIndex returns the index over note titles, deal accounts and card bullets. It is built
// once, then brought up to date in place for each new version: the labels of the competitors
// the change history names since are read again (a large change, such as an import, builds it
// anew). Sessions search it (it is safe for concurrent use) and never change it themselves.
func (s *SharedCatalog) textIndex(ctx context.Context) (*search.Index, error) {
	s.mu.Lock()
	prev := s.index
	s.mu.Unlock()
	ix, _, err := get(ctx, s, func() *shared[*search.Index] { return s.text }, func(e *shared[*search.Index]) { s.text = e },
		func(ctx context.Context) (*search.Index, error) {
			if prev.ix != nil {
				slugs, last, err := s.changedSince(ctx, prev.through)
				if err == nil && len(slugs) <= sharedIndexPatchMax {
					if err := refreshLabels(ctx, s.store, prev.ix, slugs); err != nil {
						return nil, err
					}
					s.keepIndex(prev.ix, last)
					return prev.ix, nil
				}
			}
			last, err := s.store.LastChangeID(ctx)
			if err != nil {
				return nil, err
			}
			ix, err := buildLabelIndex(ctx, s.store)
			if err != nil {
				return nil, err
			}
			s.keepIndex(ix, last)
			return ix, nil
		})
	return ix, err
}

// sharedIndexPatchMax is how many competitors' labels a new version may have changed for the
// text index to be brought up to date in place rather than built anew.
const sharedIndexPatchMax = 50

// builtIndex is the text index and the newest change it has seen.
type builtIndex struct {
	ix      *search.Index
	through int64
}

// keepIndex remembers the index and the change it is up to date with.
func (s *SharedCatalog) keepIndex(ix *search.Index, through int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if through >= s.index.through || s.index.ix != ix {
		s.index = builtIndex{ix: ix, through: through}
	}
}

// changedSince lists the competitors the change history names after change afterID, and the
// newest change's id.
func (s *SharedCatalog) changedSince(ctx context.Context, afterID int64) ([]string, int64, error) {
	counts, last, err := s.store.ChangedSince(ctx, afterID, "")
	if err != nil {
		return nil, 0, err
	}
	slugs := make([]string, 0, len(counts))
	for slug := range counts {
		if slug != "" {
			slugs = append(slugs, slug)
		}
	}
	return slugs, last, nil
}

package tui

import (
	"context"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// DefaultEagerRows is the largest catalog, counted in matrix cells, deals and notes together,
// that the TUI loads whole at startup. A larger one loads its overview at once and each
// competitor's details when a screen needs them, so start-up time and memory stay flat.
const DefaultEagerRows = 100_000

// loadRequest says what a snapshot load reads.
type loadRequest struct {
	today model.Date
	// eagerRows is the catalog size up to which everything is loaded (see DefaultEagerRows);
	// a negative value loads per competitor whatever the size.
	eagerRows int
	// want lists competitors whose details a lazy load reads at once: the ones on screen.
	want []string
	gen  int
	// watcher, when set, is told that the load has seen every change committed so far, so
	// the app's own saves do not read as changes made elsewhere.
	watcher *db.Watcher
	// shared, when set, hands out the overview every session of a server reads once.
	shared *SharedCatalog
	// fresh asks the shared catalog for the overview at the current version (after a save,
	// whose result the screens select), not the newest one read so far.
	fresh bool
}

// catalogLoadedMsg carries a freshly loaded snapshot (or the error that stopped it).
type catalogLoadedMsg struct {
	view catalogView
	err  error
}

// loadCatalogCmd reads the snapshot in the background.
func loadCatalogCmd(ctx context.Context, store *db.Store, req loadRequest) tea.Cmd {
	return func() tea.Msg {
		if req.shared != nil {
			v, err := req.shared.view(ctx, req)
			return catalogLoadedMsg{view: v, err: err}
		}
		v, err := loadSnapshot(ctx, store, req)
		return catalogLoadedMsg{view: v, err: err}
	}
}

// loadSnapshot reads the overview every screen needs, then either every competitor's details
// (an ordinary catalog) or only those of req.want (a large one), and builds the name index.
// It reads one db.Snapshot, so the screens never show half of an import running elsewhere.
func loadSnapshot(ctx context.Context, store *db.Store, req loadRequest) (catalogView, error) {
	v := catalogView{gen: req.gen}
	var err error
	// Before the snapshot is taken: a change committed in between is then both in the view
	// and reported by the watcher again, never missed.
	if req.watcher != nil {
		if _, err = req.watcher.Changed(ctx); err != nil {
			return v, err
		}
	}
	snap, err := store.Snapshot(ctx)
	if err != nil {
		return v, err
	}
	defer snap.Close()
	if v.competitors, err = snap.Competitors(ctx); err != nil {
		return v, err
	}
	if v.features, err = snap.Features(ctx); err != nil {
		return v, err
	}
	plans, err := snap.Plans(ctx, "")
	if err != nil {
		return v, err
	}
	cards, err := snap.Cards(ctx)
	if err != nil {
		return v, err
	}
	if v.stats, err = snap.Stats(ctx); err != nil {
		return v, err
	}
	codes, err := snap.ReasonCodes(ctx)
	if err != nil {
		return v, err
	}
	if v.reasonUses, err = snap.ReasonUses(ctx); err != nil {
		return v, err
	}
	if v.rates, err = snap.Rates(ctx); err != nil {
		return v, err
	}
	if v.segments, v.regions, err = snap.DealFacets(ctx); err != nil {
		return v, err
	}
	v.reasons = make(map[string]string, len(codes))
	for _, r := range codes {
		v.reasons[r.Code] = r.Label
	}
	v.profiles = make(map[string]*profileData, len(v.competitors))
	for _, c := range v.competitors {
		v.profiles[c.Slug] = &profileData{competitor: c}
	}
	for _, pl := range plans {
		if p, ok := v.profiles[pl.Competitor]; ok {
			p.plans = append(p.plans, pl)
		}
	}
	for i := range cards {
		if p, ok := v.profiles[cards[i].Competitor]; ok {
			p.card = &cards[i]
		}
	}
	rows := v.stats[model.KindSupport] + v.stats[model.KindDeals] + v.stats[model.KindNotes]
	v.lazy = req.eagerRows < 0 || rows > req.eagerRows
	if v.lazy {
		err = loadTallies(ctx, snap, &v, req)
	} else {
		err = loadEverything(ctx, snap, &v, req.today)
	}
	if err != nil {
		return v, err
	}
	// Everything is read: let the log be checkpointed while the index is built.
	snap.Close()
	for _, p := range v.profiles {
		p.staleFacts = p.matrix.Stale
		for _, pl := range p.plans {
			if o, ok := pl.Latest(); ok && model.IsStale(o.ObservedAt, req.today, model.StaleFactDays) {
				p.staleFacts++
			}
		}
		if p.card != nil && model.IsStale(p.card.LastReviewed, req.today, model.StaleCardDays) {
			p.staleFacts++
		}
	}
	v.names = search.NewIndex(nameItems(v))
	return v, nil
}

// loadEverything reads every competitor's cells, deals and notes.
func loadEverything(ctx context.Context, snap *db.Snapshot, v *catalogView, today model.Date) error {
	cells, err := snap.Support(ctx, "")
	if err != nil {
		return err
	}
	if v.deals, err = snap.Deals(ctx, db.DealFilter{}); err != nil {
		return err
	}
	v.allDeals = true
	notes, err := snap.Notes(ctx, "")
	if err != nil {
		return err
	}
	for _, p := range v.profiles {
		p.support, p.loaded = map[string]model.Support{}, true
	}
	for _, c := range cells {
		if p, ok := v.profiles[c.Competitor]; ok {
			p.support[c.Feature] = c
		}
	}
	for _, d := range v.deals {
		for _, slug := range d.Competitors {
			if p, ok := v.profiles[slug]; ok {
				p.deals = append(p.deals, d)
			}
		}
	}
	for _, n := range notes {
		if p, ok := v.profiles[n.Competitor]; ok {
			p.notes = append(p.notes, n)
		}
	}
	for _, p := range v.profiles {
		p.matrix = model.SummarizeSupport(v.features, slices.Collect(maps.Values(p.support)), today)
		p.winLoss = model.TallyDeals(model.RecordWindow(today).Select(p.deals))
	}
	return nil
}

// loadTallies fills each profile's summary from aggregate queries, then the details of the
// competitors asked for.
func loadTallies(ctx context.Context, snap *db.Snapshot, v *catalogView, req loadRequest) error {
	tallies, err := snap.Tallies(ctx, req.today)
	if err != nil {
		return err
	}
	for slug, p := range v.profiles {
		p.matrix, p.winLoss = tallies[slug].Matrix, tallies[slug].WinLoss
	}
	for _, slug := range req.want {
		p, ok := v.profiles[slug]
		if !ok || p.loaded {
			continue
		}
		d, err := detailsIn(ctx, snap, slug)
		if err != nil {
			return err
		}
		d.fill(p)
	}
	return nil
}

// details are one competitor's matrix cells, deals and notes.
type details struct {
	support map[string]model.Support
	deals   []model.Deal
	notes   []model.IntelNote
}

// readDetails reads one competitor's details in a snapshot of their own.
func readDetails(ctx context.Context, store *db.Store, slug string) (details, error) {
	snap, err := store.Snapshot(ctx)
	if err != nil {
		return details{}, err
	}
	defer snap.Close()
	return detailsIn(ctx, snap, slug)
}

// detailsIn reads one competitor's details from a snapshot through its indexed queries.
func detailsIn(ctx context.Context, snap *db.Snapshot, slug string) (details, error) {
	var d details
	cells, err := snap.Support(ctx, slug)
	if err != nil {
		return d, err
	}
	d.support = make(map[string]model.Support, len(cells))
	for _, c := range cells {
		d.support[c.Feature] = c
	}
	if d.deals, err = snap.Deals(ctx, db.DealFilter{Competitor: slug}); err != nil {
		return d, err
	}
	d.notes, err = snap.Notes(ctx, slug)
	return d, err
}

// fill puts the details into a profile.
func (d details) fill(p *profileData) {
	p.support, p.deals, p.notes, p.loaded = d.support, d.deals, d.notes, true
}

// detailsLoadedMsg carries one competitor's details for the snapshot of load gen.
type detailsLoadedMsg struct {
	gen     int
	slug    string
	details details
	err     error
}

// loadDetailsCmd reads one competitor's details in the background.
func loadDetailsCmd(ctx context.Context, store *db.Store, gen int, slug string) tea.Cmd {
	return func() tea.Msg {
		d, err := readDetails(ctx, store, slug)
		return detailsLoadedMsg{gen: gen, slug: slug, details: d, err: err}
	}
}

// loadSharedDetailsCmd is loadDetailsCmd through the catalog the server's sessions share.
func loadSharedDetailsCmd(ctx context.Context, shared *SharedCatalog, gen int, slug string) tea.Cmd {
	return func() tea.Msg {
		d, err := shared.detailsOf(ctx, slug)
		return detailsLoadedMsg{gen: gen, slug: slug, details: d, err: err}
	}
}

// allDealsLoadedMsg carries every deal, for the views over all of them (the dashboard and the
// reason codes), for the snapshot of load gen.
type allDealsLoadedMsg struct {
	gen   int
	deals []model.Deal
	err   error
}

// loadAllDealsCmd reads every deal in the background.
func loadAllDealsCmd(ctx context.Context, store *db.Store, gen int) tea.Cmd {
	return func() tea.Msg {
		deals, err := store.Deals(ctx, db.DealFilter{})
		return allDealsLoadedMsg{gen: gen, deals: deals, err: err}
	}
}

// loadSharedDealsCmd is loadAllDealsCmd through the catalog the server's sessions share.
func loadSharedDealsCmd(ctx context.Context, shared *SharedCatalog, gen int) tea.Cmd {
	return func() tea.Msg {
		deals, err := shared.allDeals(ctx)
		return allDealsLoadedMsg{gen: gen, deals: deals, err: err}
	}
}

// withDetails returns a copy of the snapshot with one competitor's details in place. The
// snapshot itself is never changed: commands may be reading it.
func (v catalogView) withDetails(slug string, d details) catalogView {
	old, ok := v.profiles[slug]
	if !ok {
		return v
	}
	v.profiles = maps.Clone(v.profiles)
	p := *old
	d.fill(&p)
	v.detailLoads++
	p.loadSeq = v.detailLoads
	v.profiles[slug] = &p
	return v
}

// withoutDetails returns a copy of the snapshot that keeps the details of at most max
// competitors besides those in keep, the most recently loaded, and lists the ones dropped. A snapshot loaded whole is returned as it is.
func (v catalogView) withoutDetails(keep []string, max int) (catalogView, []string) {
	if !v.lazy {
		return v, nil
	}
	var extra []string
	for slug, p := range v.profiles {
		if p.loaded && !slices.Contains(keep, slug) {
			extra = append(extra, slug)
		}
	}
	if len(extra) <= max {
		return v, nil
	}
	slices.SortFunc(extra, func(a, b string) int { return v.profiles[b].loadSeq - v.profiles[a].loadSeq })
	dropped := extra[max:]
	v.profiles = maps.Clone(v.profiles)
	for _, slug := range dropped {
		p := *v.profiles[slug]
		p.support, p.deals, p.notes, p.loaded = nil, nil, nil, false
		v.profiles[slug] = &p
	}
	return v, dropped
}

// textIndexMsg carries a new search index over note titles, deal accounts and card bullets,
// built for the snapshot of load gen.
type textIndexMsg struct {
	gen   int
	index *search.Index
	text  *search.Session
	err   error
}

// buildTextIndexCmd reads the labels and indexes them in the background: the palette finds
// names at once and these as soon as they are indexed.
func buildTextIndexCmd(ctx context.Context, store *db.Store, gen int) tea.Cmd {
	return func() tea.Msg {
		ix, err := buildLabelIndex(ctx, store)
		if err != nil {
			return textIndexMsg{gen: gen, err: err}
		}
		return textIndexMsg{gen: gen, index: ix, text: ix.NewSession()}
	}
}

// sharedTextIndexCmd hands this session the text index the server's sessions share, with a
// search session of its own.
func sharedTextIndexCmd(ctx context.Context, shared *SharedCatalog, gen int) tea.Cmd {
	return func() tea.Msg {
		ix, err := shared.textIndex(ctx)
		if err != nil {
			return textIndexMsg{gen: gen, err: err}
		}
		return textIndexMsg{gen: gen, index: ix, text: ix.NewSession()}
	}
}

// labelItems turns the store's labels into index items; an item's Ref is its record's id.
func labelItems(labels []db.Label) []search.Item {
	items := make([]search.Item, len(labels))
	for i, l := range labels {
		items[i] = labelItem(l)
	}
	return items
}

// labelItem turns one of the store's labels into an index item.
func labelItem(l db.Label) search.Item {
	return search.Item{Kind: l.Kind, Key: l.Competitor, Label: termtext.Line(l.Text), Ref: int(l.ID)}
}

// largeIndexBuild is the label count from which building the index leaves enough garbage
// behind (the rows as read, the build's scratch: tens of MB at 400,000 deals) that it is
// handed back to the system at once, rather than held until the heap grows into it again.
const largeIndexBuild = 100_000

// collectEvery is how many labels a large build reads between collections.
const collectEvery = 100_000

// buildLabelIndex reads every label of the catalog and indexes them, each label gathered as it
// is read: the catalog's labels are never held as a list of items.
func buildLabelIndex(ctx context.Context, store *db.Store) (*search.Index, error) {
	b := search.NewBuilder(0)
	large := false
	err := store.EachLabel(ctx, "", func(n int) { b, large = search.NewBuilder(n), n >= largeIndexBuild }, func(l db.Label) {
		b.Add(labelItem(l))
		if large && b.Len()%collectEvery == 0 {
			// Reading leaves its rows behind as garbage, which the collector would let grow to
			// the size of everything gathered so far before it ran: collected as it goes, it
			// does not raise the process's peak.
			runtime.GC()
		}
	})
	if err != nil {
		return nil, err
	}
	if large {
		runtime.GC()
	}
	ix := b.Index()
	if large {
		debug.FreeOSMemory()
	}
	return ix, nil
}

// readLabelItems reads the labels of the given competitors, all from one snapshot, as index
// items.
func readLabelItems(ctx context.Context, store *db.Store, slugs []string) ([]search.Item, error) {
	snap, err := store.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	var items []search.Item
	for _, slug := range slugs {
		labels, err := snap.Labels(ctx, slug)
		if err != nil {
			return nil, err
		}
		items = append(items, labelItems(labels)...)
	}
	return items, nil
}

// textIndexUpdatedMsg reports an update of the search index in place (only errors matter).
type textIndexUpdatedMsg struct{ err error }

// updateTextIndexCmd brings the index up to date after edits to the given competitors: their
// items are dropped and their labels read again and added (a deal whose primary competitor
// changed is dropped wherever it was listed). The index is safe for concurrent use, so the
// palette keeps searching meanwhile; this costs what the competitors hold, not the catalog.
func updateTextIndexCmd(ctx context.Context, store *db.Store, ix *search.Index, slugs []string) tea.Cmd {
	return func() tea.Msg {
		return textIndexUpdatedMsg{err: refreshLabels(ctx, store, ix, slugs)}
	}
}

// refreshLabels brings ix up to date in place with the labels of the given competitors.
func refreshLabels(ctx context.Context, store *db.Store, ix *search.Index, slugs []string) error {
	fresh, err := readLabelItems(ctx, store, slugs)
	if err != nil {
		return err
	}
	type record struct {
		kind string
		ref  int
	}
	readAgain := make(map[record]bool, len(fresh))
	for _, it := range fresh {
		readAgain[record{it.Kind, it.Ref}] = true
	}
	ix.RemoveFunc(func(kind, key string, ref int) bool {
		return slices.Contains(slugs, key) || readAgain[record{kind, ref}]
	})
	for _, it := range fresh {
		ix.Add(it)
	}
	return nil
}

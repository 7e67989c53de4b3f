package tui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
	"github.com/rivals-app/rivals/report"
	"github.com/rivals-app/rivals/search"
	"github.com/rivals-app/rivals/termtext"
)

// catalogView is the read-only snapshot of the catalog the screens render from. It is built in
// a command and never changed afterwards, so screens may share it freely.
type catalogView struct {
	competitors []model.Competitor
	features    []model.Feature
	profiles    map[string]*profileData
	stats       map[string]int
	reasons     map[string]string // reason code → label
	rates       model.FXTable     // exchange rates set by the user
	deals       []model.Deal      // every deal, newest first
	// names is the fuzzy index over every name the palette finds by typing: competitors,
	// features and pricing plans. It is built with the snapshot, in the loading command.
	names *search.Index
	// typing is the search session of the palette over names: typing "h", "ha", "har" narrows
	// the previous matches instead of scanning again. It is safe for concurrent use.
	typing *search.Session
}

// nameItems lists what the name index holds; a plan's Key is its competitor.
func nameItems(v catalogView) []search.Item {
	var items []search.Item
	for _, c := range v.competitors {
		items = append(items, search.Item{Kind: "competitor", Key: c.Slug, Label: termtext.Line(c.Name)})
	}
	for _, f := range v.features {
		items = append(items, search.Item{Kind: "feature", Key: f.Key, Label: termtext.Line(f.Name)})
	}
	for _, c := range v.competitors {
		for _, p := range v.profiles[c.Slug].plans {
			items = append(items, search.Item{Kind: "plan", Key: c.Slug, Label: termtext.Line(p.Name)})
		}
	}
	return items
}

// self returns our own product, if the catalog has one.
func (v catalogView) self() (model.Competitor, bool) {
	for _, c := range v.competitors {
		if c.IsSelf {
			return c, true
		}
	}
	return model.Competitor{}, false
}

// homeCurrency is the currency our product is priced in (see model.HomeCurrency).
func (v catalogView) homeCurrency() string {
	plans := map[string][]model.PricePlan{}
	for slug, p := range v.profiles {
		plans[slug] = p.plans
	}
	return model.HomeCurrency(v.competitors, plans)
}

// cardDoc gathers a competitor's battle card and the evidence the snapshot gives about it,
// priced at the deal size in.
func (v catalogView) cardDoc(slug string, in model.QuoteInput, today model.Date) report.CardDoc {
	src := report.CardSources{Features: v.features, Deals: v.deals, Plans: map[string][]model.PricePlan{}, Rates: v.rates,
		Reasons: v.reasons, DealSize: in}
	src.Self, _ = v.self()
	for s, other := range v.profiles {
		src.Plans[s] = other.plans
		for _, c := range other.support {
			src.Cells = append(src.Cells, c)
		}
	}
	p := v.profile(slug)
	src.Notes = p.notes
	return src.Doc(p.competitor, p.card, today)
}

// quote prices the given products (plus our own, when it is not among them) for in.
func (v catalogView) quote(slugs []string, in model.QuoteInput) model.Quote {
	var products []model.Competitor
	plans := map[string][]model.PricePlan{}
	add := func(slug string) {
		p, ok := v.profiles[slug]
		if !ok || plans[slug] != nil {
			return
		}
		products = append(products, p.competitor)
		plans[slug] = append([]model.PricePlan{}, p.plans...)
	}
	if self, ok := v.self(); ok {
		add(self.Slug)
	}
	for _, s := range slugs {
		add(s)
	}
	return model.QuoteProducts(products, plans, in, v.rates)
}

// reasonLabel names a reason code by its label when it has one.
func (v catalogView) reasonLabel(code string) string {
	if l, ok := v.reasons[code]; ok && l != "" {
		return l
	}
	return code
}

// profileData is everything the screens show about one competitor.
type profileData struct {
	competitor model.Competitor
	matrix     model.MatrixSummary
	support    map[string]model.Support // by feature key
	plans      []model.PricePlan
	deals      []model.Deal // newest first
	winLoss    model.WinLoss
	card       *model.BattleCard
	notes      []model.IntelNote // newest first
	// staleFacts counts matrix cells and current prices verified more than StaleFactDays ago,
	// plus the battle card when it is overdue for review.
	staleFacts int
}

// profile returns the data of one competitor, or an empty profile.
func (v catalogView) profile(slug string) *profileData {
	if p, ok := v.profiles[slug]; ok {
		return p
	}
	return &profileData{}
}

// catalogLoadedMsg carries a freshly loaded snapshot (or the error that stopped it).
type catalogLoadedMsg struct {
	view catalogView
	err  error
}

// loadCatalogCmd reads the snapshot in the background.
func loadCatalogCmd(store *db.Store, today model.Date) tea.Cmd {
	return func() tea.Msg {
		v, err := loadCatalog(context.Background(), store, today)
		return catalogLoadedMsg{view: v, err: err}
	}
}

func loadCatalog(ctx context.Context, store *db.Store, today model.Date) (catalogView, error) {
	var v catalogView
	var err error
	if v.competitors, err = store.Competitors(ctx); err != nil {
		return v, err
	}
	if v.features, err = store.Features(ctx); err != nil {
		return v, err
	}
	cells, err := store.Support(ctx, "")
	if err != nil {
		return v, err
	}
	plans, err := store.Plans(ctx, "")
	if err != nil {
		return v, err
	}
	deals, err := store.Deals(ctx, db.DealFilter{})
	if err != nil {
		return v, err
	}
	v.deals = deals
	cards, err := store.Cards(ctx)
	if err != nil {
		return v, err
	}
	notes, err := store.Notes(ctx, "")
	if err != nil {
		return v, err
	}
	if v.stats, err = store.Stats(ctx); err != nil {
		return v, err
	}
	codes, err := store.ReasonCodes(ctx)
	if err != nil {
		return v, err
	}
	if v.rates, err = store.Rates(ctx); err != nil {
		return v, err
	}
	v.reasons = make(map[string]string, len(codes))
	for _, r := range codes {
		v.reasons[r.Code] = r.Label
	}
	v.profiles = make(map[string]*profileData, len(v.competitors))
	for _, c := range v.competitors {
		v.profiles[c.Slug] = &profileData{competitor: c, support: map[string]model.Support{}}
	}
	for _, c := range cells {
		if p, ok := v.profiles[c.Competitor]; ok {
			p.support[c.Feature] = c
		}
	}
	for _, pl := range plans {
		if p, ok := v.profiles[pl.Competitor]; ok {
			p.plans = append(p.plans, pl)
		}
	}
	for _, d := range deals {
		for _, slug := range d.Competitors {
			if p, ok := v.profiles[slug]; ok {
				p.deals = append(p.deals, d)
			}
		}
	}
	for i := range cards {
		if p, ok := v.profiles[cards[i].Competitor]; ok {
			p.card = &cards[i]
		}
	}
	for _, n := range notes {
		if p, ok := v.profiles[n.Competitor]; ok {
			p.notes = append(p.notes, n)
		}
	}
	for _, p := range v.profiles {
		var cellList []model.Support
		for _, c := range p.support {
			cellList = append(cellList, c)
		}
		p.matrix = model.SummarizeSupport(v.features, cellList, today)
		p.winLoss = model.TallyDeals(p.deals)
		p.staleFacts = p.matrix.Stale
		for _, pl := range p.plans {
			if o, ok := pl.Latest(); ok && model.IsStale(o.ObservedAt, today, model.StaleFactDays) {
				p.staleFacts++
			}
		}
		if p.card != nil && model.IsStale(p.card.LastReviewed, today, model.StaleCardDays) {
			p.staleFacts++
		}
	}
	v.names = search.NewIndex(nameItems(v))
	v.typing = v.names.NewSession()
	return v, nil
}

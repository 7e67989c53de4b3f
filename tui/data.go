package tui

import (
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// catalogView is the read-only snapshot of the catalog the screens render from. It is built in
// a command and never changed afterwards, so screens may share it freely.
type catalogView struct {
	competitors []model.Competitor
	features    []model.Feature
	profiles    map[string]*profileData
	stats       map[string]int
	reasons     map[string]string // reason code → label
	reasonUses  map[string]int    // reason code → deals citing it
	rates       model.FXTable     // exchange rates set by the user
	deals       []model.Deal      // every deal, newest first, once allDeals is set
	// segments and regions are the distinct values deals were recorded with.
	segments, regions []string
	// lazy is set for a catalog too large to load whole: then only the overview (competitors,
	// features, plans, cards and each profile's tallies) is loaded at once, and a competitor's
	// matrix cells, deals and notes are loaded when a screen needs them (profileData.loaded).
	lazy bool
	// allDeals is set when deals holds every deal.
	allDeals bool
	// gen numbers the loads; a reply meant for an older snapshot is dropped.
	gen int
	// version is the SharedCatalog version the snapshot was read at (0 without one).
	version int64
	// detailLoads counts the details loaded into this snapshot, to drop the oldest first.
	detailLoads int
	// names is the fuzzy index over every name the palette finds by typing: competitors,
	// features and pricing plans. It is built with the snapshot, in the loading command, and
	// safe for concurrent use.
	names *search.Index
}

// nameItems lists what the name index holds: competitors by name, slug and tag, features and
// pricing plans. A competitor's, slug's, tag's or plan's Key is the competitor's slug; a plan's
// Ref is its id.
func nameItems(v catalogView) []search.Item {
	var items []search.Item
	for _, c := range v.competitors {
		items = append(items, search.Item{Kind: "competitor", Key: c.Slug, Label: termtext.Line(c.Name)},
			search.Item{Kind: "slug", Key: c.Slug, Label: c.Slug})
		for _, tag := range c.Tags {
			items = append(items, search.Item{Kind: "tag", Key: c.Slug, Label: termtext.Line(tag)})
		}
	}
	for _, f := range v.features {
		items = append(items, search.Item{Kind: "feature", Key: f.Key, Label: termtext.Line(f.Name)})
	}
	for _, c := range v.competitors {
		for _, p := range v.profiles[c.Slug].plans {
			items = append(items, search.Item{Kind: "plan", Key: c.Slug, Label: termtext.Line(p.Name), Ref: int(p.ID)})
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
// priced at the deal size in. The evidence compares the competitor with us, so it needs only
// the two products' details (see ready).
func (v catalogView) cardDoc(slug string, in model.QuoteInput, today model.Date) report.CardDoc {
	p := v.profile(slug)
	src := report.CardSources{Features: v.features, Deals: p.deals, Plans: map[string][]model.PricePlan{}, Rates: v.rates,
		Reasons: v.reasons, DealSize: in, Notes: p.notes}
	src.Self, _ = v.self()
	for s, other := range v.profiles {
		src.Plans[s] = other.plans
	}
	for _, s := range []string{src.Self.Slug, slug} {
		for _, c := range v.profile(s).support {
			src.Cells = append(src.Cells, c)
		}
		if src.Self.Slug == slug {
			break
		}
	}
	return src.Doc(p.competitor, p.card, today)
}

// ready reports whether the details of every named competitor are loaded (always, in a
// snapshot loaded whole). Unknown slugs count as ready: there is nothing to load.
func (v catalogView) ready(slugs ...string) bool {
	for _, s := range slugs {
		if p, ok := v.profiles[s]; ok && !p.loaded {
			return false
		}
	}
	return true
}

// selfSlug is our own product's slug, or "".
func (v catalogView) selfSlug() string {
	c, _ := v.self()
	return c.Slug
}

// quote prices the given products (plus our own, when it is not among them) for in.
func (v catalogView) quote(slugs []string, in model.QuoteInput) model.Quote {
	products, plans := v.quoted(slugs)
	return model.QuoteProducts(products, plans, in, v.rates)
}

// usageUnits lists what the given products' usage-priced plans count (model.UsageUnits), the
// default first.
func (v catalogView) usageUnits(slugs []string) []string {
	return model.UsageUnits(v.quoted(slugs))
}

// quoted gathers the products a quote of slugs covers, our own first, and their plans.
func (v catalogView) quoted(slugs []string) ([]model.Competitor, map[string][]model.PricePlan) {
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
	return products, plans
}

// reasonLabel names a reason code by its label when it has one.
// featureName is the name of the feature with key, or the key when there is none.
func (v catalogView) featureName(key string) string {
	for _, f := range v.features {
		if f.Key == key {
			return f.Name
		}
	}
	return key
}

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
	deals      []model.Deal  // newest first
	winLoss    model.WinLoss // the deals of the default window, model.RecordWindow
	card       *model.BattleCard
	notes      []model.IntelNote // newest first
	// staleFacts counts matrix cells and current prices verified more than StaleFactDays ago,
	// plus the battle card when it is overdue for review.
	staleFacts int
	// loaded is set once support, deals and notes hold the competitor's details; until then
	// (in a lazy snapshot) only the tallies above are known.
	loaded bool
	// loadSeq orders lazily loaded details, oldest first (see catalogView.withoutDetails).
	loadSeq int
}

// profile returns the data of one competitor, or an empty profile.
func (v catalogView) profile(slug string) *profileData {
	if p, ok := v.profiles[slug]; ok {
		return p
	}
	return &profileData{}
}

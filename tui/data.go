package tui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// catalogView is the read-only snapshot of the catalog the screens render from.
type catalogView struct {
	competitors []model.Competitor
	summaries   map[string]profileSummary
}

// profileSummary is what the home screen shows about the selected competitor.
type profileSummary struct {
	matrix  model.MatrixSummary
	plans   []model.PricePlan
	winLoss model.WinLoss
	card    *model.BattleCard
	notes   []model.IntelNote
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
	features, err := store.Features(ctx)
	if err != nil {
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
	cards, err := store.Cards(ctx)
	if err != nil {
		return v, err
	}
	notes, err := store.Notes(ctx, "")
	if err != nil {
		return v, err
	}
	cellsBy := map[string][]model.Support{}
	for _, c := range cells {
		cellsBy[c.Competitor] = append(cellsBy[c.Competitor], c)
	}
	v.summaries = map[string]profileSummary{}
	for _, c := range v.competitors {
		v.summaries[c.Slug] = profileSummary{matrix: model.SummarizeSupport(features, cellsBy[c.Slug], today)}
	}
	update := func(slug string, f func(*profileSummary)) {
		if s, ok := v.summaries[slug]; ok {
			f(&s)
			v.summaries[slug] = s
		}
	}
	for _, p := range plans {
		update(p.Competitor, func(s *profileSummary) { s.plans = append(s.plans, p) })
	}
	for _, d := range deals {
		for _, slug := range d.Competitors {
			update(slug, func(s *profileSummary) { s.winLoss = addOutcome(s.winLoss, d.Outcome) })
		}
	}
	for i := range cards {
		card := cards[i]
		update(card.Competitor, func(s *profileSummary) { s.card = &card })
	}
	for _, n := range notes {
		update(n.Competitor, func(s *profileSummary) { s.notes = append(s.notes, n) })
	}
	return v, nil
}

func addOutcome(w model.WinLoss, o model.Outcome) model.WinLoss {
	t := model.TallyDeals([]model.Deal{{Outcome: o}})
	return model.WinLoss{Won: w.Won + t.Won, Lost: w.Lost + t.Lost, NoDecision: w.NoDecision + t.NoDecision}
}

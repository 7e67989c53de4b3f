package report

import "github.com/rivals-app/rivals/model"

// CardSources is everything a battle card's evidence is drawn from, gathered once for any
// number of cards: the CLI reads it from the store, the TUI from its snapshot.
type CardSources struct {
	Self     model.Competitor
	Features []model.Feature
	Cells    []model.Support
	Deals    []model.Deal
	Plans    map[string][]model.PricePlan // by competitor slug
	Rates    model.FXTable
	Notes    []model.IntelNote
	Reasons  map[string]string // reason code → label
	// DealSize is what the price evidence quotes; zero means model.DefaultSeats billed yearly.
	DealSize model.QuoteInput
}

// Doc builds a rival's card page: its card (nil when it has none) and the evidence drawn from
// the sources, priced at DealSize against our product.
func (s CardSources) Doc(rival model.Competitor, card *model.BattleCard, today model.Date) CardDoc {
	doc := CardDoc{Competitor: rival, Self: s.Self, Card: card, Reasons: s.Reasons, Generated: today,
		Plans: s.Plans[rival.Slug], Quotes: buyerQuotes(rival.Slug, s.Deals)}
	in := s.DealSize
	if in.Seats == 0 {
		in = model.QuoteInput{Seats: model.DefaultSeats, Billing: model.PeriodYear}
	}
	var price *model.Quote
	if s.Self.Slug != "" {
		q := model.QuoteProducts([]model.Competitor{s.Self, rival}, s.Plans, in, s.Rates)
		price = &q
	}
	doc.Evidence = model.DraftEvidence(s.Self, rival, s.Features, s.Cells, s.Deals, price, s.Notes, today)
	var theirs []model.Support
	for _, c := range s.Cells {
		if c.Competitor == rival.Slug {
			theirs = append(theirs, c)
		}
	}
	doc.Matrix = model.SummarizeSupport(s.Features, theirs, today)
	return doc
}

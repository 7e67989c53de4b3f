package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// PrepItems is how many why-we-win and why-they-win points, landmines and objections a
// call-prep sheet keeps: the first ones of the card, whose owner orders them by importance.
const PrepItems = 3

// PrepWidth is the column the TUI's call-prep sheet is laid out for, an 80-column terminal.
const PrepWidth = 78

// PrepSheet is what a sales engineer reads minutes before a call, selected from a CardDoc. The
// CLI and the TUI render the same selection. Every string is one clean line.
type PrepSheet struct {
	Name string `json:"name"`
	// QuickRead is the card's 30-second read, first on the sheet.
	QuickRead []string `json:"quick_read"`
	// OneLiner is the competitor's positioning.
	OneLiner string       `json:"one_liner"`
	Threat   model.Threat `json:"threat"`
	HasCard  bool         `json:"has_card"`
	// DoNotSay lists the claims not to make.
	DoNotSay []string `json:"do_not_say"`
	// The lists hold each claim's text followed by its signs (model.Citation.Marker, ⚑);
	// rumours are left out unless the doc includes them.
	WhyWeWin   []string          `json:"why_we_win"`
	WhyTheyWin []string          `json:"why_they_win"`
	Landmines  []string          `json:"landmines"`
	Objections []model.Objection `json:"objections"`
	// Price and Record are the evidence bullets' words for the price at the typical deal size
	// and the win rate of the last 12 months, the record with the window it covers.
	Price  string `json:"price"`
	Record string `json:"record"`
	// PricingFacts are the competitor's pricing facts on one line (PricingFactsLine).
	PricingFacts string `json:"pricing_facts"`
	// Freshness dates each part: the card's review, the matrix, the prices and the intel.
	Freshness []string `json:"freshness"`
	// Stale names each fact the sheet rests on that is out of date: "battle card reviewed
	// 2026-05-01", "4 of 57 matrix cells", "prices observed 2026-04-02"; empty when all are
	// fresh.
	Stale []string `json:"stale"`
}

// NewPrepSheet selects the call-prep items from a doc: the positioning, the threat, the first
// PrepItems why-we-win points, landmines and objections of the card, the price and record lines
// of the evidence, and how fresh each part is.
func NewPrepSheet(doc CardDoc) PrepSheet {
	p := PrepSheet{Name: doc.name(), OneLiner: termtext.Line(doc.Competitor.Positioning), Threat: doc.Competitor.Threat,
		HasCard: doc.Card != nil, WhyWeWin: []string{}, WhyTheyWin: []string{}, Landmines: []string{}, Objections: []model.Objection{},
		QuickRead: orNone(doc.quickRead()), DoNotSay: orNone(doc.doNotSay()), PricingFacts: PricingFactsLine(doc.Competitor.Pricing)}
	first := func(items []model.Claim) []string {
		out := []string{}
		for _, l := range claimLines(items, doc.Generated, doc.IncludeUnverified) {
			if len(out) < PrepItems {
				out = append(out, l.Text+l.Signs())
			}
		}
		return out
	}
	if k := doc.Card; k != nil {
		p.WhyWeWin, p.WhyTheyWin, p.Landmines = first(k.WhyWeWin), first(k.WhyTheyWin), first(k.Landmines)
		for _, o := range objectionLines(k.Objections, doc.Generated, doc.IncludeUnverified) {
			if len(p.Objections) < PrepItems {
				p.Objections = append(p.Objections, model.Objection{Objection: o.Objection, Response: o.Answer.Text + o.Answer.Signs()})
			}
		}
	}
	for _, b := range EvidenceBullets(doc) {
		switch b.Section {
		case BulletPrice:
			p.Price = b.Text
		case BulletRecord:
			p.Record = b.Text + " (" + b.Cite + ")"
		}
	}
	p.Freshness = freshness(doc)
	p.Stale = staleFacts(doc)
	return p
}

// staleFacts names the facts behind a prep sheet that are out of date: the card's review
// (model.StaleCardDays), the rival's matrix cells and the price observations behind the price
// line (model.StaleFactDays).
func staleFacts(doc CardDoc) []string {
	today := doc.Generated
	out := []string{}
	if today.IsZero() {
		return out
	}
	if k := doc.Card; k != nil {
		switch {
		case k.LastReviewed.IsZero():
			out = append(out, "battle card never reviewed")
		case model.IsStale(k.LastReviewed, today, model.StaleCardDays):
			out = append(out, "battle card reviewed "+k.LastReviewed.String())
		}
	}
	if m := doc.Matrix; m.Stale > 0 {
		out = append(out, fmt.Sprintf("%d of %d matrix cells", m.Stale, m.Total))
	}
	if q := doc.Evidence.Price; q != nil {
		var dates []string
		stale := func(p model.ProductQuote) {
			if d := p.Best.ObservedAt; p.Best.Status == model.QuotePriced && !d.IsZero() && model.IsStale(d, today, model.StaleFactDays) {
				dates = append(dates, termtext.Line(p.Name)+" "+d.String())
			}
		}
		for _, p := range q.Products {
			if p.Slug == doc.Competitor.Slug {
				stale(p)
			}
		}
		if self, ok := q.Self(); ok && self.Slug != doc.Competitor.Slug {
			stale(self)
		}
		if len(dates) > 0 {
			out = append(out, "prices observed "+strings.Join(dates, ", "))
		}
	}
	return out
}

// freshness dates the parts of a prep sheet: "card reviewed 2026-11-18 (5 days ago)",
// "matrix: 4 of 57 cells stale" (verified over model.StaleFactDays ago, or never), "prices
// seen 2026-10-19" (the rival's newest price observation), "newest intel 2026-10-28".
func freshness(doc CardDoc) []string {
	today := doc.Generated
	var out []string
	switch {
	case doc.Card == nil:
		out = append(out, "card: none yet")
	case doc.Card.LastReviewed.IsZero():
		out = append(out, "card: never reviewed (stale)")
	default:
		d := doc.Card.LastReviewed
		out = append(out, fmt.Sprintf("card reviewed %s (%s)%s", d, daysAgo(d, today), staleMark(d, today, model.StaleCardDays)))
	}
	if s := ChangedSinceReview(doc.SinceReview); s != "" {
		out = append(out, s)
	}
	if s := doc.claimsSummary(); s != "" {
		out = append(out, s)
	}
	if m := doc.Matrix; m.Total > 0 {
		out = append(out, fmt.Sprintf("matrix: %d of %d cells stale", m.Stale, m.Total))
	}
	var newest model.Date
	if q := doc.Evidence.Price; q != nil {
		for _, p := range q.Products {
			if p.Slug != doc.Competitor.Slug {
				continue
			}
			for _, pl := range p.Plans {
				if newest.Before(pl.ObservedAt) {
					newest = pl.ObservedAt
				}
			}
		}
	}
	if newest.IsZero() {
		out = append(out, "prices: none observed")
	} else {
		out = append(out, "prices seen "+newest.String()+staleMark(newest, today, model.StaleFactDays))
	}
	if len(doc.Evidence.Notes) > 0 {
		out = append(out, "newest intel "+doc.Evidence.Notes[0].Date.String())
	}
	return out
}

// daysAgo words the age of a date: "today", "1 day ago", "5 days ago".
func daysAgo(d, today model.Date) string {
	switch n := d.DaysSince(today); {
	case n == 0:
		return "today"
	case n < 0:
		return "in the future"
	default:
		return plural(n, "day") + " ago"
	}
}

// orNone makes a nil list empty, for JSON.
func orNone(items []string) []string {
	if items == nil {
		return []string{}
	}
	return items
}

// CallPrep writes the call-prep sheet as plain text, in the order a call needs it: the
// competitor, the 30-second read and the one-liner, what is stale, the record, the price and
// the pricing facts, the claims not to make, the landmines to plant, the objections with their
// answers, why we win, why they win, and how fresh all of it is. Paragraphs stay on one line
// unless doc.Width wraps them. The TUI's sheet shows the same blocks in the same order.
func CallPrep(w io.Writer, doc CardDoc) error {
	_, err := io.WriteString(w, textBlocks(prepBlocks(NewPrepSheet(doc)), doc.Width))
	return err
}

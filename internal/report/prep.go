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

// PrepWidth is the column the call-prep sheet is wrapped at, for an 80-column terminal.
const PrepWidth = 78

// PrepSheet is what a sales engineer reads minutes before a call, selected from a CardDoc. The
// CLI and the TUI render the same selection. Every string is one clean line.
type PrepSheet struct {
	Name string `json:"name"`
	// OneLiner is the competitor's positioning.
	OneLiner   string            `json:"one_liner"`
	Threat     model.Threat      `json:"threat"`
	HasCard    bool              `json:"has_card"`
	WhyWeWin   []string          `json:"why_we_win"`
	WhyTheyWin []string          `json:"why_they_win"`
	Landmines  []string          `json:"landmines"`
	Objections []model.Objection `json:"objections"`
	// Price and Record are the evidence bullets' words for the price at the typical deal size
	// and the win rate of the last 12 months, the record with the window it covers.
	Price  string `json:"price"`
	Record string `json:"record"`
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
		HasCard: doc.Card != nil, WhyWeWin: []string{}, WhyTheyWin: []string{}, Landmines: []string{}, Objections: []model.Objection{}}
	first := func(items []string) []string {
		items = cleanLines(items)
		return append([]string{}, items[:min(len(items), PrepItems)]...)
	}
	if k := doc.Card; k != nil {
		p.WhyWeWin, p.WhyTheyWin, p.Landmines = first(k.WhyWeWin), first(k.WhyTheyWin), first(k.Landmines)
		for _, s := range cardSections(k) {
			if s.Key == "objections" {
				p.Objections = s.Objections[:min(len(s.Objections), PrepItems)]
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

// CallPrep writes the call-prep sheet as plain text within 80 columns, in the order a call
// needs it: the competitor and its one-liner, what is stale, the record and the price, the
// landmines to plant, the objections with their answers, why we win, why they win, and how fresh
// all of it is. The TUI's sheet shows the same blocks in the same order.
func CallPrep(w io.Writer, doc CardDoc) error {
	p := NewPrepSheet(doc)
	t := &textBlock{width: PrepWidth}
	title := p.Name + " · call prep"
	if p.Threat != "" {
		title += " · threat " + termtext.Line(string(p.Threat))
	}
	t.para(title, "", "")
	if p.OneLiner != "" {
		t.para(p.OneLiner, "", "")
	}
	if len(p.Stale) > 0 {
		t.blank()
		t.para(strings.Join(p.Stale, "; "), "STALE  ", "       ")
	}
	t.blank()
	t.para(p.Record, "RECORD ", "       ")
	t.para(p.Price, "PRICE  ", "       ")
	list := func(heading string, items []string) {
		t.blank()
		t.para(heading, "", "")
		for _, it := range items {
			t.para(it, "- ", "  ")
		}
		if len(items) == 0 {
			t.para("(none on the card)", "  ", "  ")
		}
	}
	if !p.HasCard {
		t.blank()
		t.para("No battle card yet: write one in the TUI (Battle card tab).", "", "")
	} else {
		list("LANDMINES (questions to ask)", p.Landmines)
		if len(p.Objections) > 0 {
			t.blank()
			t.para("OBJECTIONS", "", "")
			for _, o := range p.Objections {
				t.para(o.Objection, "- ", "  ")
				t.para(o.Response, "  → ", "    ")
			}
		}
		list("WHY WE WIN", p.WhyWeWin)
		list("WHY THEY WIN", p.WhyTheyWin)
	}
	t.blank()
	t.para(strings.Join(p.Freshness, " · "), "AS OF  ", "       ")
	_, err := io.WriteString(w, t.b.String())
	return err
}

package report

import (
	"io"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// cardJSON is the shape of a battle card exported as JSON; every field is always present.
type cardJSON struct {
	Competitor      cardJSONCompetitor `json:"competitor"`
	Generated       model.Date         `json:"generated"`
	LastReviewed    *model.Date        `json:"last_reviewed"`
	Stale           bool               `json:"stale"`
	Card            *model.BattleCard  `json:"card"`
	Evidence        model.Evidence     `json:"evidence"`
	EvidenceBullets []EvidenceBullet   `json:"evidence_bullets"`
}

type cardJSONCompetitor struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// CardJSON writes the battle card for programs: the competitor, the day it was generated, when
// the card was last reviewed (null when never or when there is no card) and whether that is
// stale, the card as stored less its rumours unless the doc includes them (null when there is
// none), the evidence drawn from the catalog and
// its bullets as the other formats word them. Text is kept as stored; characters that act on a
// terminal are written as \u escapes (termtext.JSONSafe), so the JSON is valid and inert.
func CardJSON(w io.Writer, doc CardDoc) error {
	out := cardJSON{
		Competitor:      cardJSONCompetitor{Slug: doc.Competitor.Slug, Name: doc.Competitor.Name},
		Generated:       doc.Generated,
		Stale:           doc.Stale(),
		Card:            doc.shownCard(),
		Evidence:        doc.Evidence,
		EvidenceBullets: EvidenceBullets(doc),
	}
	if doc.Card != nil && !doc.Card.LastReviewed.IsZero() {
		d := doc.Card.LastReviewed
		out.LastReviewed = &d
	}
	return termtext.WriteJSON(w, out)
}

// shownCard is the card as stored, less the rumours unless the doc includes unverified claims.
func (d CardDoc) shownCard() *model.BattleCard {
	if d.Card == nil || d.IncludeUnverified {
		return d.Card
	}
	k := *d.Card
	for _, s := range model.CardListSections {
		var kept []model.Claim
		for _, c := range k.List(s) {
			if !c.Unverified() {
				kept = append(kept, c)
			}
		}
		k.SetList(s, kept)
	}
	var objs []model.Objection
	for _, o := range k.Objections {
		if !o.Unverified() {
			objs = append(objs, o)
		}
	}
	k.Objections = objs
	return &k
}

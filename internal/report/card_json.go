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
// stale, the card as stored (null when there is none), the evidence drawn from the catalog and
// its bullets as the other formats word them. Text is kept as stored; characters that act on a
// terminal are written as \u escapes (termtext.JSONSafe), so the JSON is valid and inert.
func CardJSON(w io.Writer, doc CardDoc) error {
	out := cardJSON{
		Competitor:      cardJSONCompetitor{Slug: doc.Competitor.Slug, Name: doc.Competitor.Name},
		Generated:       doc.Generated,
		Stale:           doc.Stale(),
		Card:            doc.Card,
		Evidence:        doc.Evidence,
		EvidenceBullets: EvidenceBullets(doc),
	}
	if doc.Card != nil && !doc.Card.LastReviewed.IsZero() {
		d := doc.Card.LastReviewed
		out.LastReviewed = &d
	}
	return termtext.WriteJSON(w, out)
}

package tui

// Jumps: a search result opens a profile tab with the row it found selected, so the keys that
// act on the selection (enter, e, d) act on what was found.

import (
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// jumpTarget is the row a search result leads to on a profile tab. At most one field is set,
// the one for the tab opened.
type jumpTarget struct {
	featureKey string
	planID     int64
	dealID     int64
	noteID     int64
	// cardText is a battle-card line or an excerpt of the card; cardWord, a word matched in
	// it, is looked for when the excerpt is not found as it is.
	cardText, cardWord string
}

// cardSpot is a place on the battle card: a section (a model.CardSections key) and the item in
// it (0 for a paragraph). The zero value is no place.
type cardSpot struct {
	section string
	item    int
}

// jumpTo selects the target's row on the current tab and scrolls it into view.
func (p *profile) jumpTo(t jumpTarget) {
	switch p.tab {
	case tabFeatures:
		for i, f := range p.data.features {
			if f.Key == t.featureKey {
				p.selectFeature(i)
			}
		}
	case tabPricing:
		for i, pl := range p.data.profile(p.slug).plans {
			if pl.ID == t.planID {
				p.selectPlan(i)
			}
		}
	case tabWinLoss:
		p.dealFilter = dealFilter{} // the deal may be one the filter hides
		p.refresh()
		for i, d := range p.visibleDeals() {
			if d.ID == t.dealID {
				p.selectDeal(i)
			}
		}
	case tabIntel:
		p.SelectNoteID(t.noteID)
	case tabCard:
		if card := p.data.profile(p.slug).card; card != nil {
			p.cardSpot = findCardSpot(*card, t.cardText, t.cardWord)
			p.refresh()
			p.scrollTo(p.cardStarts, 0)
		}
	}
}

// cardItems lists a card section's items as shown: a paragraph is one item, an objection is
// its question and answer.
func cardItems(k model.BattleCard, section string) []string {
	switch section {
	case "overview":
		return []string{k.Overview}
	case "quick_read":
		return []string{k.QuickRead}
	case "do_not_say":
		return k.DoNotSay
	case "pricing_talk_track":
		return []string{k.PricingTalkTrack}
	case "objections":
		out := make([]string, len(k.Objections))
		for i, o := range k.Objections {
			out[i] = o.Objection + " " + o.Response
		}
		return out
	}
	return model.ClaimTexts(k.List(model.CardListSection(section)))
}

// findCardSpot finds the first of texts on the card: the line that is the text, else the
// first item holding it (case aside), in reading order. It returns no place when nothing holds
// any of them.
func findCardSpot(k model.BattleCard, texts ...string) cardSpot {
	for _, text := range texts {
		text = strings.ToLower(strings.TrimSpace(text))
		if text == "" {
			continue
		}
		for _, exact := range []bool{true, false} {
			for _, s := range model.CardSections {
				for i, it := range cardItems(k, s.Key) {
					it = strings.ToLower(termtext.Line(it))
					if exact && it == text || !exact && strings.Contains(it, text) {
						return cardSpot{section: s.Key, item: i}
					}
				}
			}
		}
	}
	return cardSpot{}
}

package tui

import "github.com/rivals-app/rivals/model"

// cardClaimSpots lists the places of a card's claims in reading order: the bullets of the list
// sections and the objections, as the card tab shows them.
func cardClaimSpots(k model.BattleCard) []cardSpot {
	var out []cardSpot
	add := func(section string, n int) {
		for i := range n {
			out = append(out, cardSpot{section: section, item: i})
		}
	}
	add(string(model.SectionWhyWeWin), len(k.WhyWeWin))
	add(string(model.SectionWhyTheyWin), len(k.WhyTheyWin))
	add("objections", len(k.Objections))
	add(string(model.SectionLandmines), len(k.Landmines))
	add(string(model.SectionQuickDismisses), len(k.QuickDismisses))
	add(string(model.SectionProofPoints), len(k.ProofPoints))
	return out
}

// stepClaim moves the card tab's mark to the next (step 1) or previous (-1) claim, so its
// source, date and confidence show under it; from no mark it starts at the first or the last.
func (p *profile) stepClaim(step int) {
	card := p.data.profile(p.slug).card
	if card == nil {
		return
	}
	spots := cardClaimSpots(*card)
	if len(spots) == 0 {
		return
	}
	at := -1
	for i, s := range spots {
		if s == p.cardSpot {
			at = i
		}
	}
	switch {
	case at < 0 && step > 0:
		at = 0
	case at < 0:
		at = len(spots) - 1
	default:
		at = max(0, min(len(spots)-1, at+step))
	}
	p.cardSpot = spots[at]
	p.refresh()
	p.scrollTo(p.cardStarts, 0)
}

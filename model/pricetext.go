package model

import "fmt"

// PriceText describes a plan's newest price in words, for lists and summaries:
// "$95.00 per agent/month (min 10)", "$549.00 per month incl. 500 AI resolutions, then $1.25
// each", "contact sales". Money is never shown for a contact-sales plan.
func (p PricePlan) PriceText() string {
	obs, ok := p.Latest()
	unit := p.Unit
	if unit == "" {
		unit = "unit"
	}
	var s string
	switch {
	case p.Model == ModelContactSales:
		s = "contact sales"
	case !ok:
		s = "no price recorded"
	case p.Model == ModelTiered && len(obs.Tiers) > 0:
		s = fmt.Sprintf("from %s per %s/%s, tiered", FormatMoney(obs.Tiers[len(obs.Tiers)-1].Amount, p.Currency), unit, p.Period)
	case p.Model == ModelFlat:
		s = fmt.Sprintf("%s per %s", FormatMoney(obs.Amount, p.Currency), p.Period)
	case p.Model == ModelUsage:
		s = fmt.Sprintf("%s per %s", FormatMoney(obs.Amount, p.Currency), p.Period)
		if obs.IncludedUnits > 0 {
			s += fmt.Sprintf(" incl. %s %s", FormatCount(obs.IncludedUnits), pluralUnit(unit))
		}
		if obs.OverageAmount > 0 {
			s += fmt.Sprintf(", then %s each", FormatMoney(obs.OverageAmount, p.Currency))
		}
	default:
		s = fmt.Sprintf("%s per %s/%s", FormatMoney(obs.Amount, p.Currency), unit, p.Period)
	}
	if p.MinSeats > 0 {
		s += fmt.Sprintf(" (min %d)", p.MinSeats)
	}
	return s
}

// pluralUnit makes a unit name plural for counts: "AI resolution" → "AI resolutions".
func pluralUnit(u string) string {
	if len(u) > 0 && u[len(u)-1] == 's' {
		return u
	}
	return u + "s"
}

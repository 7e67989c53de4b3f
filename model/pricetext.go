package model

import (
	"fmt"
	"math/big"
)

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

// Headline is the one number that stands for an observation's price in charts and in change
// percentages: the amount, or for a tiered plan the price of its last (cheapest per unit) tier,
// as in PriceText. Contact-sales plans have none.
func (p PricePlan) Headline(o PriceObservation) (int64, bool) {
	switch {
	case p.Model == ModelContactSales:
		return 0, false
	case p.Model == ModelTiered:
		if len(o.Tiers) == 0 {
			return 0, false
		}
		return o.Tiers[len(o.Tiers)-1].Amount, true
	}
	return o.Amount, true
}

// ChangeTenths is the change from before to after in tenths of a percent, rounded half away from
// zero (74 → 79 is 68, +6.8%). It reports false when before is not positive.
func ChangeTenths(before, after int64) (int64, bool) {
	if before <= 0 {
		return 0, false
	}
	diff := new(big.Int).Sub(big.NewInt(after), big.NewInt(before))
	return roundRat(new(big.Rat).SetFrac(diff.Mul(diff, big.NewInt(1000)), big.NewInt(before)))
}

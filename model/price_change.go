package model

import "math/big"

// Headline is the one number that stands for an observation's price in charts and in change
// percentages: the amount, or for a tiered plan the price of its last (cheapest per unit) tier,
// the one its price is quoted "from". Contact-sales plans have none.
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

package model

import (
	"fmt"
	"math/big"
)

// DefaultSeats is the deal size the calculator assumes until the user gives one.
const DefaultSeats = 25

// Limits on calculator inputs, far beyond any real deal, so the arithmetic stays exact.
const (
	MaxQuoteSeats = 1_000_000
	MaxQuoteUsage = 1_000_000_000_000
)

// QuoteInput is what a buyer wants priced.
type QuoteInput struct {
	// Seats is the number of seats (agents, users) needed; at least 1.
	Seats int `json:"seats"`
	// Billing is how the buyer pays: monthly, or yearly up front (which earns a plan's annual
	// discount).
	Billing Period `json:"billing"`
	// Usage is the monthly volume, counted in UsageUnit; 0 means not given.
	Usage int64 `json:"usage,omitempty"`
	// UsageUnit is what Usage counts ("tickets", "1k tickets", "AI resolutions"). A plan
	// counting the same thing in other blocks gets the figure converted; a plan counting
	// something else is not comparable (QuoteOtherUnit). Empty in QuotePlan means each plan's
	// own unit; QuoteProducts fills it in (see UsageUnits).
	UsageUnit string `json:"usage_unit,omitempty"`
	// Currency is the currency to compare in; empty means our product's currency.
	Currency string `json:"currency,omitempty"`
}

// Validate checks the input, naming the offending field.
func (in QuoteInput) Validate() error {
	switch {
	case in.Seats < 1:
		return fieldErr("seats", "must be at least 1 (got %d)", in.Seats)
	case in.Seats > MaxQuoteSeats:
		return fieldErr("seats", "must be at most %s", FormatCount(MaxQuoteSeats))
	case in.Billing != PeriodMonth && in.Billing != PeriodYear:
		return fieldErr("period", "%q %s", in.Billing, oneOf(Periods))
	case in.Usage < 0:
		return fieldErr("usage", "must not be negative (got %d)", in.Usage)
	case in.Usage > MaxQuoteUsage:
		return fieldErr("usage", "must be at most %s", FormatCount(MaxQuoteUsage))
	}
	if err := checkText("unit", in.UsageUnit, false, MaxNameLen); err != nil {
		return err
	}
	if in.Currency != "" {
		return checkCurrency("currency", in.Currency)
	}
	return nil
}

// Describe says what is priced: "25 seats, billed yearly, usage 5,000 tickets a month". The
// unit is catalog text: sanitise before showing it.
func (in QuoteInput) Describe() string {
	s := fmt.Sprintf("%s %s, billed %sly", FormatCount(int64(in.Seats)), plural(in.Seats, "seat", "seats"), in.Billing)
	if in.Usage > 0 {
		unit := ""
		if in.UsageUnit != "" {
			u := ParseUsageUnit(in.UsageUnit)
			unit = " " + u.Name
			if u.Per != 1 {
				unit = " × " + u.String() // "5 × 1k tickets"
			}
		}
		s += fmt.Sprintf(", usage %s%s a month", FormatCount(in.Usage), unit)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// QuoteStatus says whether and how a plan could be priced.
type QuoteStatus string

// Quote statuses.
const (
	// QuotePriced: Monthly and Annual hold the cost.
	QuotePriced QuoteStatus = "priced"
	// QuoteContactSales: the plan has no list price.
	QuoteContactSales QuoteStatus = "contact_sales"
	// QuoteNeedsUsage: a tiered plan is priced by volume and no usage was given.
	QuoteNeedsUsage QuoteStatus = "needs_usage"
	// QuoteOtherUnit: the plan is priced per something other than what the usage counts, so
	// no figure can be given for it (Notes say what it counts).
	QuoteOtherUnit QuoteStatus = "other_unit"
	// QuoteOverSeatCap: the plan allows fewer seats than asked for.
	QuoteOverSeatCap QuoteStatus = "over_seat_cap"
	// QuoteNoPrice: the plan has no price observation yet.
	QuoteNoPrice QuoteStatus = "no_price"
	// QuoteTooLarge: the cost does not fit the arithmetic (absurd amounts).
	QuoteTooLarge QuoteStatus = "too_large"
)

// PlanQuote is one plan priced for a QuoteInput. Amounts are minor units of Currency.
type PlanQuote struct {
	Plan  string       `json:"plan"`
	Model PricingModel `json:"model"`
	AddOn bool         `json:"add_on,omitempty"`
	// Unit is what the price counts when it depends on usage ("1k tickets"); "" otherwise.
	Unit     string      `json:"unit,omitempty"`
	Status   QuoteStatus `json:"status"`
	Currency string      `json:"currency"`
	// Monthly is the cost per month: the monthly bill, or the annual cost spread over 12 months.
	Monthly int64 `json:"monthly,omitempty"`
	// Annual is the cost of twelve months.
	Annual int64 `json:"annual,omitempty"`
	// Quantity is what was billed: seats for per-seat plans (after any minimum), usage units
	// in the plan's period for usage and tiered plans, 1 for flat plans.
	Quantity int64 `json:"quantity,omitempty"`
	// DiscountPercent is the annual discount applied, if any.
	DiscountPercent int `json:"discount_percent,omitempty"`
	// ObservedAt is the date of the price used.
	ObservedAt Date `json:"observed_at,omitzero"`
	// Notes are the assumptions made, in words ("billed for the 10-seat minimum").
	Notes []string `json:"notes,omitempty"`
}

// QuotePlan prices one plan with its newest observation. The rules, all in integer minor units:
//   - per_seat: amount × max(seats, min_seats).
//   - flat: amount, whatever the seats.
//   - usage: amount, plus overage × the units beyond included_units; with no usage given the
//     base fee is assumed to cover it (and a note says so).
//   - tiered: volume pricing; the tier the usage falls into prices every unit (at least
//     min_seats units); with no usage given it cannot be priced (QuoteNeedsUsage).
//   - contact_sales: never a number (QuoteContactSales).
//
// Usage counted in in.UsageUnit converts to the plan's unit when both count the same thing
// (5,000 tickets are 5 × "1k tickets", a part block rounding up); a usage or tiered plan that
// counts something else is never priced with the figure (QuoteOtherUnit).
//
// A plan quoted per month costs 12 × that a year; billed yearly, its annual discount comes off
// the whole year (overage included): annual = round(12 × monthly × (100 − discount) / 100).
// A plan quoted per year is billed yearly whatever is asked, its usage allowances count per
// year (12 × the monthly usage), and no annual discount applies. The monthly figure of a yearly
// bill is round(annual / 12). Every rounding is half away from zero, to the minor unit.
// A plan whose max_seats is below the seats asked for does not fit (QuoteOverSeatCap).
func QuotePlan(p PricePlan, in QuoteInput) PlanQuote {
	q := PlanQuote{Plan: p.Name, Model: p.Model, AddOn: p.AddOn, Currency: p.Currency}
	obs, ok := p.Latest()
	q.ObservedAt = obs.ObservedAt
	if usesUsage(p) {
		q.Unit = unitName(p)
	}
	switch {
	case p.MaxSeats > 0 && in.Seats > p.MaxSeats:
		q.Status = QuoteOverSeatCap
		q.Notes = append(q.Notes, fmt.Sprintf("allows at most %d seats", p.MaxSeats))
		return q
	case p.Model == ModelContactSales:
		q.Status = QuoteContactSales
		return q
	case !ok:
		q.Status = QuoteNoPrice
		return q
	}
	// usage is in the plan's unit over one of the plan's periods: usage is monthly, so a
	// yearly-quoted plan sees twelve months of it.
	usage := new(big.Int)
	if usesUsage(p) && in.Usage > 0 {
		u, note, ok := planUsage(p, in)
		if !ok {
			q.Status = QuoteOtherUnit
			q.Notes = append(q.Notes, note)
			return q
		}
		if note != "" {
			q.Notes = append(q.Notes, note)
		}
		usage = u
	}
	// list is the price for one of the plan's periods, in 10^-UnitDecimals of a minor unit
	// (see PriceObservation.UnitDecimals): base fees and seat prices are scaled up to it.
	list := new(big.Int)
	scale := big.NewInt(obs.UnitScale())
	switch p.Model {
	case ModelPerSeat:
		seats := max(in.Seats, p.MinSeats)
		q.Quantity = int64(seats)
		if seats > in.Seats {
			q.Notes = append(q.Notes, fmt.Sprintf("billed for the %d-seat minimum", p.MinSeats))
		}
		list.Mul(big.NewInt(obs.Amount), big.NewInt(int64(seats)))
		list.Mul(list, scale)
	case ModelFlat:
		q.Quantity = 1
		list.Mul(big.NewInt(obs.Amount), scale)
	case ModelUsage:
		list.Mul(big.NewInt(obs.Amount), scale)
		if in.Usage == 0 {
			if obs.IncludedUnits > 0 {
				q.Notes = append(q.Notes, fmt.Sprintf("usage not given: assumes the %s included %s", FormatCount(obs.IncludedUnits), pluralUnit(unitName(p))))
			} else {
				q.Notes = append(q.Notes, "usage not given: base fee only")
			}
			break
		}
		q.Quantity = clampInt64(usage)
		over := new(big.Int).Sub(usage, big.NewInt(obs.IncludedUnits))
		if over.Sign() > 0 {
			list.Add(list, over.Mul(over, big.NewInt(obs.OverageAmount)))
		}
	case ModelTiered:
		if in.Usage == 0 {
			q.Status = QuoteNeedsUsage
			q.Notes = append(q.Notes, "volume-priced per "+unitName(p))
			return q
		}
		units := new(big.Int).Set(usage)
		if min := big.NewInt(int64(p.MinSeats)); units.Cmp(min) < 0 {
			units = min
			q.Notes = append(q.Notes, fmt.Sprintf("billed for the %d-unit minimum", p.MinSeats))
		}
		q.Quantity = clampInt64(units)
		list.Mul(units, big.NewInt(tierFor(obs.Tiers, units).Amount))
	}
	price := new(big.Rat).SetFrac(list, scale) // in minor units
	annual, monthly := new(big.Rat), new(big.Rat)
	if p.Period == PeriodYear {
		annual.Set(price)
		if in.Billing == PeriodMonth {
			q.Notes = append(q.Notes, "billed yearly only")
		}
	} else {
		annual.Mul(price, big.NewRat(12, 1))
		if in.Billing == PeriodYear && obs.AnnualDiscountPercent > 0 {
			q.DiscountPercent = obs.AnnualDiscountPercent
			annual.Mul(annual, big.NewRat(int64(100-obs.AnnualDiscountPercent), 100))
		}
	}
	a, okA := roundRat(annual)
	if in.Billing == PeriodMonth && p.Period == PeriodMonth {
		monthly.Set(price)
	} else {
		monthly.Quo(new(big.Rat).SetInt64(a), big.NewRat(12, 1))
	}
	m, okM := roundRat(monthly)
	if !okA || !okM {
		q.Status = QuoteTooLarge
		return q
	}
	q.Status, q.Annual, q.Monthly = QuotePriced, a, m
	return q
}

// tierFor returns the tier a quantity falls into: the first whose UpTo covers it, else the last.
func tierFor(tiers []PriceTier, units *big.Int) PriceTier {
	for _, t := range tiers {
		if t.UpTo > 0 && units.Cmp(big.NewInt(t.UpTo)) <= 0 {
			return t
		}
	}
	if len(tiers) == 0 {
		return PriceTier{}
	}
	return tiers[len(tiers)-1]
}

func unitName(p PricePlan) string {
	if p.Unit == "" {
		return "unit"
	}
	return p.Unit
}

// pluralUnit makes a unit name plural for counts: "AI resolution" → "AI resolutions".
func pluralUnit(u string) string {
	if len(u) > 0 && u[len(u)-1] == 's' {
		return u
	}
	return u + "s"
}

// clampInt64 is n, or the largest int64 when n is larger (the cost is then too large anyway).
func clampInt64(n *big.Int) int64 {
	if n.IsInt64() {
		return n.Int64()
	}
	return 1<<63 - 1
}

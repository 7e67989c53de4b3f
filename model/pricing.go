package model

import (
	"fmt"
	"slices"
	"strings"
)

// PricingModel is how a plan charges.
type PricingModel string

// Pricing models.
const (
	ModelPerSeat      PricingModel = "per_seat"
	ModelFlat         PricingModel = "flat"
	ModelUsage        PricingModel = "usage"
	ModelTiered       PricingModel = "tiered"
	ModelContactSales PricingModel = "contact_sales"
)

// PricingModels lists the valid pricing models.
var PricingModels = []PricingModel{ModelPerSeat, ModelFlat, ModelUsage, ModelTiered, ModelContactSales}

// Period is the billing period a price is quoted for.
type Period string

// Billing periods.
const (
	PeriodMonth Period = "month"
	PeriodYear  Period = "year"
)

// Periods lists the valid billing periods.
var Periods = []Period{PeriodMonth, PeriodYear}

// PricePlan is one of a competitor's plans with its price history. Its natural key is
// (Competitor, Name).
type PricePlan struct {
	ID           int64              `json:"-"`
	Competitor   string             `json:"competitor"`
	Name         string             `json:"name"`
	Model        PricingModel       `json:"model"`
	Currency     string             `json:"currency"`
	Period       Period             `json:"period"`
	Unit         string             `json:"unit,omitempty"`
	MinSeats     int                `json:"min_seats,omitempty"`
	MaxSeats     int                `json:"max_seats,omitempty"`
	AddOn        bool               `json:"add_on,omitempty"`
	Included     string             `json:"included,omitempty"`
	Source       string             `json:"source,omitempty"`
	Observations []PriceObservation `json:"observations,omitempty"`
}

// PriceTier is one band of volume pricing: quantities up to UpTo (inclusive) pay Amount per
// unit. UpTo is 0 on the last, unbounded tier.
type PriceTier struct {
	UpTo   int64 `json:"up_to,omitempty"`
	Amount int64 `json:"amount"`
}

// MaxUnitDecimals is the most decimals a unit price may have beyond its currency's: a
// millionth of a cent.
const MaxUnitDecimals = 6

// UnitScale is 10^UnitDecimals: how many of the observation's unit-price units make a minor
// unit.
func (o PriceObservation) UnitScale() int64 {
	n := int64(1)
	for range o.UnitDecimals {
		n *= 10
	}
	return n
}

// FormatUnitPrice renders a unit price of o (an overage or a tier amount) in currency, with the
// decimals it was given: "$0.00003", "$1.25".
func (o PriceObservation) FormatUnitPrice(amount int64, currency string) string {
	if o.UnitDecimals == 0 {
		return FormatMoney(amount, currency)
	}
	scale := o.UnitScale()
	base := FormatAmount(amount/scale, currency)
	number := base + fmt.Sprintf("%0*d", o.UnitDecimals, amount%scale)
	if CurrencyExponent(currency) == 0 {
		number = base + "." + fmt.Sprintf("%0*d", o.UnitDecimals, amount%scale)
	}
	return strings.Replace(FormatMoney(amount/scale, currency), base, number, 1)
}

// PriceObservation is a plan's price as seen on one date. A price change is a new observation;
// history is never overwritten. Amounts are in minor units of the plan's currency; the unit
// prices of usage and tiered plans (OverageAmount, tier amounts) may be finer, in
// 10^-UnitDecimals of a minor unit, for prices below a cent: 0.00003 USD a token is an
// overage of 3 with UnitDecimals 3.
type PriceObservation struct {
	ObservedAt    Date        `json:"observed_at"`
	Amount        int64       `json:"amount,omitempty"`
	IncludedUnits int64       `json:"included_units,omitempty"`
	OverageAmount int64       `json:"overage_amount,omitempty"`
	Tiers         []PriceTier `json:"tiers,omitempty"`
	// UnitDecimals is how many decimals the unit prices have beyond the currency's own, 0 to
	// MaxUnitDecimals.
	UnitDecimals          int    `json:"unit_decimals,omitempty"`
	AnnualDiscountPercent int    `json:"annual_discount_percent,omitempty"`
	Source                string `json:"source,omitempty"`
	Note                  string `json:"note,omitempty"`
}

// Latest returns the newest observation, or false when the plan has none.
func (p PricePlan) Latest() (PriceObservation, bool) {
	var best PriceObservation
	found := false
	for _, o := range p.Observations {
		if !found || best.ObservedAt.Before(o.ObservedAt) {
			best, found = o, true
		}
	}
	return best, found
}

// Normalize trims white space and the observations' text.
func (p *PricePlan) Normalize() {
	p.Competitor = strings.TrimSpace(p.Competitor)
	p.Name = strings.TrimSpace(p.Name)
	p.Currency = strings.ToUpper(strings.TrimSpace(p.Currency))
	p.Unit = strings.TrimSpace(p.Unit)
	p.Included = strings.TrimSpace(p.Included)
	p.Source = strings.TrimSpace(p.Source)
	for i := range p.Observations {
		o := &p.Observations[i]
		o.Source = strings.TrimSpace(o.Source)
		o.Note = strings.TrimSpace(o.Note)
	}
}

// Validate checks the plan and each observation, returning the first problem as a *FieldError.
func (p PricePlan) Validate() error {
	if err := checkSlug("competitor", p.Competitor); err != nil {
		return err
	}
	if err := checkText("name", p.Name, true, MaxNameLen); err != nil {
		return err
	}
	if p.Model == "" {
		return fieldErr("model", "is required")
	}
	if !slices.Contains(PricingModels, p.Model) {
		return fieldErr("model", "%q %s", p.Model, oneOf(PricingModels))
	}
	if err := checkCurrency("currency", p.Currency); err != nil {
		return err
	}
	if p.Period == "" {
		return fieldErr("period", "is required")
	}
	if !slices.Contains(Periods, p.Period) {
		return fieldErr("period", "%q %s", p.Period, oneOf(Periods))
	}
	if err := checkText("unit", p.Unit, false, MaxNameLen); err != nil {
		return err
	}
	if p.MinSeats < 0 {
		return fieldErr("min_seats", "must not be negative")
	}
	if p.MaxSeats < 0 {
		return fieldErr("max_seats", "must not be negative")
	}
	if p.MaxSeats > 0 && p.MaxSeats < p.MinSeats {
		return fieldErr("max_seats", "%d is below min_seats (%d)", p.MaxSeats, p.MinSeats)
	}
	if err := checkText("included", p.Included, false, MaxTextLen); err != nil {
		return err
	}
	if err := checkURL("source", p.Source); err != nil {
		return err
	}
	seen := map[Date]bool{}
	for i, o := range p.Observations {
		f := "observations[" + itoa(i) + "]"
		if err := o.validate(p.Model); err != nil {
			return Nested(f, err)
		}
		if seen[o.ObservedAt] {
			return fieldErr(f+".observed_at", "%s is observed twice", o.ObservedAt)
		}
		seen[o.ObservedAt] = true
	}
	return nil
}

func (o PriceObservation) validate(model PricingModel) error {
	if o.ObservedAt.IsZero() {
		return fieldErr("observed_at", "is required")
	}
	if o.Amount < 0 {
		return fieldErr("amount", "must not be negative")
	}
	if model == ModelContactSales && o.Amount != 0 {
		return fieldErr("amount", "a contact_sales plan has no list price; omit amount")
	}
	if o.IncludedUnits < 0 {
		return fieldErr("included_units", "must not be negative")
	}
	if o.OverageAmount < 0 {
		return fieldErr("overage_amount", "must not be negative")
	}
	if o.UnitDecimals < 0 || o.UnitDecimals > MaxUnitDecimals {
		return fieldErr("unit_decimals", "%d is out of range (0 to %d)", o.UnitDecimals, MaxUnitDecimals)
	}
	if o.UnitDecimals > 0 && model != ModelUsage && model != ModelTiered {
		return fieldErr("unit_decimals", "only usage and tiered plans have unit prices finer than the currency (this plan is %s)", model)
	}
	if o.AnnualDiscountPercent < 0 || o.AnnualDiscountPercent > 100 {
		return fieldErr("annual_discount_percent", "%d is out of range (0 to 100)", o.AnnualDiscountPercent)
	}
	if model == ModelTiered && len(o.Tiers) == 0 {
		return fieldErr("tiers", "a tiered plan needs at least one tier")
	}
	if model != ModelTiered && len(o.Tiers) > 0 {
		return fieldErr("tiers", "only tiered plans have tiers (this plan is %s)", model)
	}
	if model != ModelUsage && o.IncludedUnits != 0 {
		return fieldErr("included_units", "only usage plans include units (this plan is %s)", model)
	}
	if model != ModelUsage && o.OverageAmount != 0 {
		return fieldErr("overage_amount", "only usage plans charge overage (this plan is %s)", model)
	}
	var prev int64
	for i, t := range o.Tiers {
		f := "tiers[" + itoa(i) + "]"
		last := i == len(o.Tiers)-1
		switch {
		case t.Amount < 0:
			return fieldErr(f+".amount", "must not be negative")
		case !last && t.UpTo <= prev:
			return fieldErr(f+".up_to", "must be greater than the previous tier's (%d)", prev)
		case last && t.UpTo != 0:
			return fieldErr(f+".up_to", "the last tier is unbounded; omit up_to")
		}
		prev = t.UpTo
	}
	if err := checkURL("source", o.Source); err != nil {
		return err
	}
	return checkText("note", o.Note, false, MaxTextLen)
}

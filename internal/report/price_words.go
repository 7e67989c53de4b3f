package report

import (
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// PlanPrice describes a plan's newest price in words, for lists and summaries: "$95.00 per
// agent/month (min 10)", "$549.00 per month incl. 500 AI resolutions, then $1.25 each",
// "contact sales". Money is never shown for a contact-sales plan. The text is one clean line.
func PlanPrice(p model.PricePlan) string { return termtext.Line(newestPrice(p)) }

// PlanPriceLine is a plan's name and newest price on one clean line: "Suite Growth: $79.00 per
// agent/month (min 5)".
func PlanPriceLine(p model.PricePlan) string { return termtext.Line(p.Name + ": " + newestPrice(p)) }

// newestPrice is PlanPrice before the catalog's text in it (the unit) is cleaned.
func newestPrice(p model.PricePlan) string {
	obs, ok := p.Latest()
	unit := p.Unit
	if unit == "" {
		unit = "unit"
	}
	var s string
	switch {
	case p.Model == model.ModelContactSales:
		s = "contact sales"
	case !ok:
		s = "no price recorded"
	case p.Model == model.ModelTiered && len(obs.Tiers) > 0:
		s = fmt.Sprintf("from %s per %s/%s, tiered", obs.FormatUnitPrice(obs.Tiers[len(obs.Tiers)-1].Amount, p.Currency), unit, p.Period)
	default:
		s = amountWords(p, obs, unit)
	}
	if p.MinSeats > 0 {
		s += fmt.Sprintf(" (min %d)", p.MinSeats)
	}
	return s
}

// ObservationPrice describes one observed price in full: "$79.00 per agent/month, 15% off
// yearly", "$549.00 per month incl. 500 AI resolutions, then $1.25 each", "per 1k tickets/month:
// $280.00 up to 1, $240.00 up to 5, then $190.00", "contact sales". The text is clean.
func ObservationPrice(p model.PricePlan, o model.PriceObservation) string {
	unit := termtext.Line(p.Unit)
	if unit == "" {
		unit = "unit"
	}
	var s string
	switch p.Model {
	case model.ModelContactSales:
		return "contact sales"
	case model.ModelTiered:
		tiers := make([]string, len(o.Tiers))
		for i, t := range o.Tiers {
			amount := o.FormatUnitPrice(t.Amount, p.Currency)
			switch {
			case t.UpTo > 0:
				tiers[i] = fmt.Sprintf("%s up to %s", amount, model.FormatCount(t.UpTo))
			case i > 0:
				tiers[i] = "then " + amount
			default:
				tiers[i] = amount
			}
		}
		s = fmt.Sprintf("per %s/%s: %s", unit, p.Period, strings.Join(tiers, ", "))
	default:
		s = amountWords(p, o, unit)
	}
	if o.AnnualDiscountPercent > 0 && p.Period == model.PeriodMonth {
		s += fmt.Sprintf(", %d%% off yearly", o.AnnualDiscountPercent)
	}
	return s
}

// amountWords is the price of an observation of a per-seat, flat or usage plan, counted in unit:
// "$79.00 per agent/month", "$1,200.00 per month", "$549.00 per month incl. 500 AI
// resolutions, then $1.25 each".
func amountWords(p model.PricePlan, o model.PriceObservation, unit string) string {
	money := func(minor int64) string { return model.FormatMoney(minor, p.Currency) }
	switch p.Model {
	case model.ModelFlat:
		return fmt.Sprintf("%s per %s", money(o.Amount), p.Period)
	case model.ModelUsage:
		s := fmt.Sprintf("%s per %s", money(o.Amount), p.Period)
		if o.IncludedUnits > 0 {
			s += fmt.Sprintf(" incl. %s %s", model.FormatCount(o.IncludedUnits), pluralUnit(unit))
		}
		if o.OverageAmount > 0 {
			s += fmt.Sprintf(", then %s each", o.FormatUnitPrice(o.OverageAmount, p.Currency))
		}
		return s
	}
	return fmt.Sprintf("%s per %s/%s", money(o.Amount), unit, p.Period)
}

// ObservationBrief is one observed price in a few words, for a column of prices: "$79.00",
// "from $190.00", "$549.00 incl. 500, then $1.25", "contact sales".
func ObservationBrief(p model.PricePlan, o model.PriceObservation) string {
	switch p.Model {
	case model.ModelContactSales:
		return "contact sales"
	case model.ModelTiered:
		if len(o.Tiers) == 0 {
			return "no tiers"
		}
		return "from " + o.FormatUnitPrice(o.Tiers[len(o.Tiers)-1].Amount, p.Currency)
	case model.ModelUsage:
		s := model.FormatMoney(o.Amount, p.Currency)
		if o.IncludedUnits > 0 {
			s += " incl. " + model.FormatCount(o.IncludedUnits)
		}
		if o.OverageAmount > 0 {
			s += ", then " + o.FormatUnitPrice(o.OverageAmount, p.Currency)
		}
		return s
	}
	return model.FormatMoney(o.Amount, p.Currency)
}

// PlanHeading names a plan with what its prices mean: "Suite Growth · per seat in USD · min 5
// agents".
func PlanHeading(p model.PricePlan) string {
	kind := map[model.PricingModel]string{
		model.ModelPerSeat: "per seat", model.ModelFlat: "flat fee", model.ModelUsage: "usage-based",
		model.ModelTiered: "volume tiers", model.ModelContactSales: "contact sales",
	}[p.Model]
	if kind == "" {
		kind = string(p.Model)
	}
	if p.Model != model.ModelContactSales {
		kind += " in " + p.Currency
	}
	parts := []string{termtext.Line(p.Name), kind}
	seats := "seats"
	if p.Model == model.ModelPerSeat && p.Unit != "" {
		seats = pluralUnit(termtext.Line(p.Unit))
	}
	if p.MinSeats > 0 {
		parts = append(parts, fmt.Sprintf("min %s %s", model.FormatCount(int64(p.MinSeats)), seats))
	}
	if p.MaxSeats > 0 {
		parts = append(parts, fmt.Sprintf("max %s %s", model.FormatCount(int64(p.MaxSeats)), seats))
	}
	if p.AddOn {
		parts = append(parts, "add-on")
	}
	return strings.Join(parts, " · ")
}

// PlanFacts is a plan's terms in short, beside its name: "per seat · USD · 5–50 seats ·
// add-on".
func PlanFacts(p model.PricePlan) string {
	facts := []string{strings.ReplaceAll(string(p.Model), "_", " "), p.Currency}
	switch {
	case p.MinSeats > 0 && p.MaxSeats > 0:
		facts = append(facts, fmt.Sprintf("%d–%d seats", p.MinSeats, p.MaxSeats))
	case p.MaxSeats > 0:
		facts = append(facts, fmt.Sprintf("up to %d seats", p.MaxSeats))
	}
	if p.AddOn {
		facts = append(facts, "add-on")
	}
	return strings.Join(facts, " · ")
}

// pluralUnit makes a unit name plural for counts: "AI resolution" → "AI resolutions".
func pluralUnit(unit string) string {
	if strings.HasSuffix(unit, "s") {
		return unit
	}
	return unit + "s"
}

package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseUsageUnit(t *testing.T) {
	tests := []struct {
		in   string
		want UsageUnit
		text string
	}{
		{"1k tickets", UsageUnit{Per: 1000, Noun: "ticket", Name: "tickets"}, "1k tickets"},
		{"ticket", UsageUnit{Per: 1, Noun: "ticket", Name: "tickets"}, "tickets"},
		{"Tickets", UsageUnit{Per: 1, Noun: "ticket", Name: "Tickets"}, "Tickets"},
		{"10K API calls", UsageUnit{Per: 10_000, Noun: "api call", Name: "API calls"}, "10k API calls"},
		{"1M tokens", UsageUnit{Per: 1_000_000, Noun: "token", Name: "tokens"}, "1M tokens"},
		{"1,000 messages", UsageUnit{Per: 1000, Noun: "message", Name: "messages"}, "1k messages"},
		{"250 queries", UsageUnit{Per: 250, Noun: "query", Name: "queries"}, "250 queries"},
		{"AI resolution", UsageUnit{Per: 1, Noun: "ai resolution", Name: "AI resolutions"}, "AI resolutions"},
		{"  1k   conversations ", UsageUnit{Per: 1000, Noun: "conversation", Name: "conversations"}, "1k conversations"},
		{"", UsageUnit{Per: 1, Noun: "unit", Name: "units"}, "units"},
		{"1k", UsageUnit{Per: 1, Noun: "1k", Name: "1ks"}, "1ks"}, // a count alone is a noun of its own
		{"0k tickets", UsageUnit{Per: 1, Noun: "0k ticket", Name: "0k tickets"}, "0k tickets"},
		{"99999999999999k tickets", UsageUnit{Per: 1, Noun: "99999999999999k ticket", Name: "99999999999999k tickets"}, "99999999999999k tickets"},
	}
	for _, tt := range tests {
		got := ParseUsageUnit(tt.in)
		if got != tt.want {
			t.Errorf("ParseUsageUnit(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if got.String() != tt.text {
			t.Errorf("ParseUsageUnit(%q).String() = %q, want %q", tt.in, got.String(), tt.text)
		}
	}
}

// TestQuotePlanUsageUnits: a usage figure is converted between blocks of the same thing and
// never applied to a plan counting something else.
func TestQuotePlanUsageUnits(t *testing.T) {
	tiers := []PriceTier{{UpTo: 1, Amount: 28000}, {UpTo: 5, Amount: 24000}, {UpTo: 20, Amount: 21000}, {Amount: 19000}}
	perThousand := PricePlan{Name: "Basic", Model: ModelTiered, Currency: "USD", Period: PeriodMonth, Unit: "1k tickets",
		Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Tiers: tiers})}}
	yearlyPerThousand := perThousand
	yearlyPerThousand.Period = PeriodYear
	resolutions := PricePlan{Name: "Growth", Model: ModelUsage, Currency: "USD", Period: PeriodMonth, Unit: "AI resolution",
		Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: 119900, IncludedUnits: 1200, OverageAmount: 89})}}
	seats := PricePlan{Name: "Team", Model: ModelPerSeat, Currency: "USD", Period: PeriodMonth, Unit: "agent",
		Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: 5900})}}
	in := func(usage int64, unit string) QuoteInput {
		return QuoteInput{Seats: 10, Billing: PeriodMonth, Usage: usage, UsageUnit: unit}
	}
	tests := []struct {
		name    string
		plan    PricePlan
		in      QuoteInput
		status  QuoteStatus
		monthly int64
		qty     int64
		note    string
	}{
		{"tickets convert to blocks of 1k", perThousand, in(5000, "tickets"), QuotePriced, 5 * 24000, 5, "5,000 tickets = 5 × 1k tickets"},
		{"a part block rounds up", perThousand, in(5500, "ticket"), QuotePriced, 6 * 21000, 6, "5,500 tickets billed as 6 × 1k tickets (rounded up)"},
		{"the plan's own unit is taken as is", perThousand, in(5, "1k tickets"), QuotePriced, 5 * 24000, 5, ""},
		{"blocks convert down", perThousand, in(2, "10k tickets"), QuotePriced, 20 * 21000, 20, "2 × 10k tickets = 20 × 1k tickets"},
		{"a yearly plan counts twelve months, then converts", yearlyPerThousand, in(500, "tickets"), QuotePriced, 6 * 21000 / 12, 6, "12 × 500 tickets = 6 × 1k tickets"},
		{"another thing is not comparable", perThousand, in(5000, "AI resolutions"), QuoteOtherUnit, 0, 0, "counts tickets, not AI resolutions"},
		{"tickets are not resolutions", resolutions, in(5000, "tickets"), QuoteOtherUnit, 0, 0, "counts AI resolutions, not tickets"},
		{"same thing, singular or plural", resolutions, in(1500, "AI resolutions"), QuotePriced, 119900 + 300*89, 1500, ""},
		{"no usage: the unit does not matter", resolutions, in(0, "tickets"), QuotePriced, 119900, 0, "usage not given"},
		{"seat plans ignore the usage unit", seats, in(5000, "tickets"), QuotePriced, 59000, 10, ""},
		{"no unit: the plan's own, as before", perThousand, in(5, ""), QuotePriced, 5 * 24000, 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := QuotePlan(tt.plan, tt.in)
			if q.Status != tt.status || q.Monthly != tt.monthly || q.Quantity != tt.qty {
				t.Errorf("got status %s, monthly %d, quantity %d; want %s, %d, %d (notes %q)", q.Status, q.Monthly, q.Quantity, tt.status, tt.monthly, tt.qty, q.Notes)
			}
			joined := strings.Join(q.Notes, "; ")
			if tt.note == "" && len(q.Notes) > 0 || !strings.Contains(joined, tt.note) {
				t.Errorf("notes %q, want %q", q.Notes, tt.note)
			}
		})
	}
}

// TestQuoteProductsUsageUnit: the reported bug, usage 5000 priced a per-1k-tickets plan at
// 5,000 × $190 = $950,000 a month beside a per-resolution plan reading the same 5000 as
// resolutions. Now the figure counts one thing, named in the quote, and converts or is refused.
func TestQuoteProductsUsageUnit(t *testing.T) {
	tiers := []PriceTier{{UpTo: 1, Amount: 28000}, {UpTo: 5, Amount: 24000}, {UpTo: 20, Amount: 21000}, {Amount: 19000}}
	products := []Competitor{{Slug: "tidewell", Name: "Tidewell", IsSelf: true}, {Slug: "loopdesk", Name: "Loopdesk"}, {Slug: "nimbus", Name: "Nimbus"}}
	plans := map[string][]PricePlan{
		"tidewell": {{Name: "Team", Model: ModelPerSeat, Currency: "USD", Period: PeriodMonth, Unit: "agent",
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: 5900})}}},
		"loopdesk": {{Name: "Basic", Model: ModelTiered, Currency: "USD", Period: PeriodMonth, Unit: "1k tickets",
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Tiers: tiers})}}},
		"nimbus": {{Name: "Starter", Model: ModelUsage, Currency: "USD", Period: PeriodMonth, Unit: "AI resolution",
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: 29900, IncludedUnits: 300, OverageAmount: 99})}},
			{Name: "Copilot", Model: ModelUsage, AddOn: true, Currency: "USD", Period: PeriodMonth, Unit: "AI resolutions",
				Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: 100})}},
			{Name: "Growth", Model: ModelTiered, Currency: "USD", Period: PeriodMonth, Unit: "1k conversations",
				Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Tiers: tiers})}}},
	}
	byName := func(q Quote) map[string]ProductQuote {
		m := map[string]ProductQuote{}
		for _, p := range q.Products {
			m[p.Name] = p
		}
		return m
	}

	if got := UsageUnits(products, plans); !slices.Equal(got, []string{"tickets", "AI resolutions", "conversations"}) {
		t.Errorf("UsageUnits = %q", got)
	}
	// Our own usage plan's unit comes first, whatever the rest count.
	withOurs := map[string][]PricePlan{"tidewell": {{Name: "Bot", Model: ModelUsage, Unit: "conversation"}}, "loopdesk": plans["loopdesk"]}
	if got := UsageUnits(products, withOurs); !slices.Equal(got, []string{"conversations", "tickets"}) {
		t.Errorf("UsageUnits with ours = %q", got)
	}
	if got := UsageUnits(products, map[string][]PricePlan{"tidewell": plans["tidewell"]}); len(got) != 0 {
		t.Errorf("UsageUnits of seat plans = %q", got)
	}

	q := QuoteProducts(products, plans, QuoteInput{Seats: 10, Billing: PeriodMonth, Usage: 5000}, nil)
	if q.Input.UsageUnit != "tickets" {
		t.Fatalf("default unit %q, want tickets", q.Input.UsageUnit)
	}
	if !strings.Contains(q.Input.Describe(), "usage 5,000 tickets a month") {
		t.Errorf("Describe = %q", q.Input.Describe())
	}
	if got := (QuoteInput{Seats: 1, Billing: PeriodMonth, Usage: 5, UsageUnit: "1k tickets"}).Describe(); got != "1 seat, billed monthly, usage 5 × 1k tickets a month" {
		t.Errorf("Describe in blocks = %q", got)
	}
	p := byName(q)
	if l := p["Loopdesk"]; !l.Comparable || l.Monthly != 5*24000 {
		t.Errorf("Loopdesk: comparable %v, monthly %d; want 5 × $240 = $1,200 a month, not $950,000", l.Comparable, l.Monthly)
	}
	if n := p["Nimbus"]; n.Comparable || n.HasDelta || n.Best.Status != QuoteOtherUnit {
		t.Errorf("Nimbus: comparable %v, delta %v, status %s; want not comparable", n.Comparable, n.HasDelta, n.Best.Status)
	}

	q = QuoteProducts(products, plans, QuoteInput{Seats: 10, Billing: PeriodMonth, Usage: 400, UsageUnit: "AI resolutions"}, nil)
	p = byName(q)
	if n := p["Nimbus"]; !n.Comparable || n.Best.Plan != "Starter" || n.Monthly != 29900+100*99 {
		t.Errorf("Nimbus in resolutions: %+v", n)
	}
	if l := p["Loopdesk"]; l.Comparable || l.Best.Status != QuoteOtherUnit {
		t.Errorf("Loopdesk in resolutions: comparable %v, status %s", l.Comparable, l.Best.Status)
	}
	// Without usage no unit is chosen: nothing was counted.
	if q := QuoteProducts(products, plans, QuoteInput{Seats: 10, Billing: PeriodMonth}, nil); q.Input.UsageUnit != "" {
		t.Errorf("unit %q chosen without usage", q.Input.UsageUnit)
	}
}

func TestQuoteInputValidateUnit(t *testing.T) {
	in := QuoteInput{Seats: 1, Billing: PeriodMonth, UsageUnit: strings.Repeat("x", MaxNameLen+1)}
	var fe *FieldError
	if err := in.Validate(); err == nil || !errors.As(err, &fe) || fe.Field != "unit" {
		t.Errorf("Validate = %v, want a unit error", err)
	}
}

// TestUsageUnitsLeaveOutAddOns: a unit only an add-on counts is never offered; no cost
// includes an add-on.
func TestUsageUnitsLeaveOutAddOns(t *testing.T) {
	products := []Competitor{{Slug: "a", Name: "A"}}
	plans := map[string][]PricePlan{"a": {
		{Name: "Bundle", Model: ModelUsage, AddOn: true, Unit: "1k conversations"},
		{Name: "Core", Model: ModelTiered, Unit: "1k tickets"},
	}}
	if got := UsageUnits(products, plans); !slices.Equal(got, []string{"tickets"}) {
		t.Errorf("UsageUnits = %q, want tickets alone", got)
	}
}

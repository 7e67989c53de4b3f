package model

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func obsAt(day string, o PriceObservation) PriceObservation {
	o.ObservedAt = mustDate(day)
	return o
}

func mustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestQuotePlan(t *testing.T) {
	perSeat := func(amount int64, discount, minSeats, maxSeats int) PricePlan {
		return PricePlan{Name: "Seat", Model: ModelPerSeat, Currency: "USD", Period: PeriodMonth, Unit: "agent",
			MinSeats: minSeats, MaxSeats: maxSeats,
			Observations: []PriceObservation{
				obsAt("2024-01-01", PriceObservation{Amount: 1}), // older: never used
				obsAt("2026-01-01", PriceObservation{Amount: amount, AnnualDiscountPercent: discount}),
			}}
	}
	usage := func(period Period) PricePlan {
		return PricePlan{Name: "AI", Model: ModelUsage, Currency: "USD", Period: period, Unit: "AI resolution",
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: 54900, IncludedUnits: 500, OverageAmount: 125})}}
	}
	tiers := []PriceTier{{UpTo: 1, Amount: 28000}, {UpTo: 5, Amount: 24000}, {UpTo: 20, Amount: 21000}, {Amount: 19000}}
	tiered := PricePlan{Name: "Vol", Model: ModelTiered, Currency: "USD", Period: PeriodMonth, Unit: "1k tickets",
		Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Tiers: tiers, AnnualDiscountPercent: 17})}}
	flat := func(amount int64, period Period) PricePlan {
		return PricePlan{Name: "Flat", Model: ModelFlat, Currency: "USD", Period: period,
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: amount})}}
	}
	monthly := func(seats int) QuoteInput { return QuoteInput{Seats: seats, Billing: PeriodMonth} }
	yearly := func(seats int) QuoteInput { return QuoteInput{Seats: seats, Billing: PeriodYear} }
	withUsage := func(in QuoteInput, u int64) QuoteInput { in.Usage = u; return in }

	tests := []struct {
		name    string
		plan    PricePlan
		in      QuoteInput
		status  QuoteStatus
		monthly int64
		annual  int64
		qty     int64
		note    string
	}{
		{"per seat, monthly billing", perSeat(5900, 15, 0, 0), monthly(10), QuotePriced, 59000, 708000, 10, ""},
		{"per seat, yearly billing takes the annual discount", perSeat(5900, 15, 0, 0), yearly(10), QuotePriced, 50150, 601800, 10, ""},
		{"per seat, no discount billed yearly", perSeat(5900, 0, 0, 0), yearly(10), QuotePriced, 59000, 708000, 10, ""},
		{"minimum seats are billed", perSeat(5900, 0, 5, 0), monthly(3), QuotePriced, 29500, 354000, 5, "5-seat minimum"},
		{"seats above the minimum", perSeat(5900, 0, 5, 0), monthly(7), QuotePriced, 41300, 495600, 7, ""},
		{"over the seat cap does not fit", perSeat(2800, 0, 0, 10), monthly(11), QuoteOverSeatCap, 0, 0, 0, "at most 10 seats"},
		{"at the seat cap fits", perSeat(2800, 0, 0, 10), monthly(10), QuotePriced, 28000, 336000, 10, ""},
		{"discount rounds half away from zero", perSeat(999, 15, 0, 0), yearly(1), QuotePriced, 849, 10190, 1, ""},
		{"flat ignores seats", flat(50000, PeriodMonth), monthly(100), QuotePriced, 50000, 600000, 1, ""},
		{"flat yearly billed monthly is still yearly", flat(540000, PeriodYear), monthly(100), QuotePriced, 45000, 540000, 1, "billed yearly only"},
		{"monthly share of a yearly price rounds half up", flat(6, PeriodYear), yearly(1), QuotePriced, 1, 6, 1, ""},
		{"monthly share 1.5 rounds to 2", flat(18, PeriodYear), yearly(1), QuotePriced, 2, 18, 1, ""},
		{"usage with overage", usage(PeriodMonth), withUsage(monthly(5), 800), QuotePriced, 92400, 1108800, 800, ""},
		{"usage within the included units", usage(PeriodMonth), withUsage(monthly(5), 400), QuotePriced, 54900, 658800, 400, ""},
		{"usage not given assumes the bundle", usage(PeriodMonth), monthly(5), QuotePriced, 54900, 658800, 0, "assumes the 500 included AI resolutions"},
		{"yearly usage plan counts twelve months of usage", usage(PeriodYear), withUsage(yearly(5), 50), QuotePriced, 5617, 67400, 600, ""},
		{"tiered: the first tier", tiered, withUsage(monthly(1), 1), QuotePriced, 28000, 336000, 1, ""},
		{"tiered: the top of a tier", tiered, withUsage(monthly(1), 5), QuotePriced, 120000, 1440000, 5, ""},
		{"tiered: volume pricing drops every unit", tiered, withUsage(monthly(1), 6), QuotePriced, 126000, 1512000, 6, ""},
		{"tiered: the unbounded last tier", tiered, withUsage(monthly(1), 25), QuotePriced, 475000, 5700000, 25, ""},
		{"tiered billed yearly", tiered, withUsage(yearly(1), 5), QuotePriced, 99600, 1195200, 5, ""},
		{"tiered needs usage", tiered, monthly(10), QuoteNeedsUsage, 0, 0, 0, "volume-priced per 1k tickets"},
		{"contact sales is never a number", PricePlan{Name: "Ent", Model: ModelContactSales, Currency: "USD", Period: PeriodYear,
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{})}}, yearly(50), QuoteContactSales, 0, 0, 0, ""},
		{"a plan with no observation", PricePlan{Name: "New", Model: ModelPerSeat, Currency: "USD", Period: PeriodMonth}, monthly(1), QuoteNoPrice, 0, 0, 0, ""},
		{"yearly per seat with a minimum", PricePlan{Name: "On-prem", Model: ModelPerSeat, Currency: "EUR", Period: PeriodYear, MinSeats: 50,
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: 106920})}}, yearly(10), QuotePriced, 445500, 5346000, 50, "50-seat minimum"},
		{"zero-decimal currency", PricePlan{Name: "Yen", Model: ModelPerSeat, Currency: "JPY", Period: PeriodMonth,
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: 1000, AnnualDiscountPercent: 10})}}, yearly(3), QuotePriced, 2700, 32400, 3, ""},
		{"absurd amounts are refused, not wrapped", perSeat(math.MaxInt64/2, 0, 0, 0), monthly(1000), QuoteTooLarge, 0, 0, 1000, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := QuotePlan(tt.plan, tt.in)
			if q.Status != tt.status || q.Monthly != tt.monthly || q.Annual != tt.annual {
				t.Fatalf("got %s monthly %d annual %d, want %s monthly %d annual %d", q.Status, q.Monthly, q.Annual, tt.status, tt.monthly, tt.annual)
			}
			if q.Quantity != tt.qty {
				t.Errorf("quantity %d, want %d", q.Quantity, tt.qty)
			}
			notes := strings.Join(q.Notes, "; ")
			if (tt.note == "") != (notes == "") || !strings.Contains(notes, tt.note) {
				t.Errorf("notes %q, want %q", notes, tt.note)
			}
			if q.Status == QuotePriced && q.ObservedAt.String() != "2026-01-01" {
				t.Errorf("priced with the observation of %s, want the newest", q.ObservedAt)
			}
		})
	}
}

func TestQuoteInputValidate(t *testing.T) {
	tests := []struct {
		in    QuoteInput
		field string
	}{
		{QuoteInput{Seats: 1, Billing: PeriodMonth}, ""},
		{QuoteInput{Seats: 0, Billing: PeriodMonth}, "seats"},
		{QuoteInput{Seats: -5, Billing: PeriodYear}, "seats"},
		{QuoteInput{Seats: MaxQuoteSeats + 1, Billing: PeriodYear}, "seats"},
		{QuoteInput{Seats: 1, Billing: "week"}, "period"},
		{QuoteInput{Seats: 1, Billing: PeriodYear, Usage: -1}, "usage"},
		{QuoteInput{Seats: 1, Billing: PeriodYear, Currency: "USS"}, "currency"},
	}
	for _, tt := range tests {
		err := tt.in.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%+v: %v", tt.in, err)
			}
			continue
		}
		fe, ok := err.(*FieldError)
		if !ok || fe.Field != tt.field {
			t.Errorf("%+v: got %v, want an error on %s", tt.in, err, tt.field)
		}
	}
}

func TestQuoteProducts(t *testing.T) {
	seatPlan := func(slug, name, cur string, amount int64, extra func(*PricePlan)) PricePlan {
		p := PricePlan{Competitor: slug, Name: name, Model: ModelPerSeat, Currency: cur, Period: PeriodMonth,
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: amount})}}
		if extra != nil {
			extra(&p)
		}
		return p
	}
	products := []Competitor{
		{Slug: "eu", Name: "Euro Co"}, {Slug: "us", Name: "Us", IsSelf: true}, {Slug: "cheap", Name: "Cheap"},
		{Slug: "dear", Name: "Dear"}, {Slug: "quote", Name: "Quote Only"}, {Slug: "vol", Name: "Volume"}, {Slug: "none", Name: "No Plans"},
	}
	plans := map[string][]PricePlan{
		"us": {seatPlan("us", "Team", "USD", 5000, nil), seatPlan("us", "Team EUR", "EUR", 4000, nil), seatPlan("us", "Business", "USD", 8000, nil)},
		"cheap": {
			seatPlan("cheap", "Tiny", "USD", 1000, func(p *PricePlan) { p.MaxSeats = 5 }),
			seatPlan("cheap", "Addon", "USD", 1, func(p *PricePlan) { p.AddOn = true }),
			seatPlan("cheap", "Basic", "USD", 4000, nil),
		},
		"dear":  {seatPlan("dear", "Pro", "USD", 6000, nil)},
		"eu":    {seatPlan("eu", "Basis", "EUR", 3000, nil)},
		"quote": {{Competitor: "quote", Name: "Enterprise", Model: ModelContactSales, Currency: "USD", Period: PeriodYear}},
		"vol": {{Competitor: "vol", Name: "Volume", Model: ModelTiered, Currency: "USD", Period: PeriodMonth,
			Observations: []PriceObservation{obsAt("2026-01-01", PriceObservation{Tiers: []PriceTier{{Amount: 100}}})}}},
	}
	in := QuoteInput{Seats: 10, Billing: PeriodMonth}
	q := QuoteProducts(products, plans, in, nil)
	if q.Currency != "USD" {
		t.Fatalf("comparison currency %s, want our product's USD", q.Currency)
	}
	var order []string
	for _, p := range q.Products {
		order = append(order, p.Slug+":"+p.Best.Plan)
	}
	want := []string{"cheap:Basic", "us:Team", "dear:Pro", "eu:Basis", "quote:Enterprise", "vol:Volume", "none:"}
	if !slices.Equal(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	byslug := map[string]ProductQuote{}
	for _, p := range q.Products {
		byslug[p.Slug] = p
	}
	if p := byslug["cheap"]; !p.HasDelta || p.DeltaAnnual != -120000 || p.DeltaTenths != -200 {
		t.Errorf("cheap delta %d (%d tenths), want -120000 (-20.0%%)", p.DeltaAnnual, p.DeltaTenths)
	}
	if p := byslug["dear"]; p.DeltaAnnual != 120000 || p.DeltaTenths != 200 {
		t.Errorf("dear delta %d (%d tenths), want +120000 (+20.0%%)", p.DeltaAnnual, p.DeltaTenths)
	}
	if p := byslug["eu"]; p.Comparable || p.HasDelta || p.Best.Currency != "EUR" || p.Best.Annual != 360000 {
		t.Errorf("a EUR price with no rate must stay in EUR without a delta: %+v", p)
	}
	if p := byslug["quote"]; p.Best.Status != QuoteContactSales || p.Annual != 0 {
		t.Errorf("contact sales shown as %+v", p)
	}
	if p := byslug["vol"]; p.Best.Status != QuoteNeedsUsage {
		t.Errorf("tiered without usage: %+v", p.Best)
	}
	if p := byslug["none"]; p.Best.Status != QuoteNoPrice {
		t.Errorf("no plans: %+v", p.Best)
	}

	// With a rate, the euro price converts and says which rate did it.
	rate := NewFXRate("EUR", "USD", 1_080_000, mustDate("2026-11-20"))
	q = QuoteProducts(products, plans, in, FXTable{rate})
	for _, p := range q.Products {
		if p.Slug != "eu" {
			continue
		}
		// €300 × 12 = €3,600 → $3,888.00; ours (Team at $50 × 10 × 12) is $6,000.00.
		if !p.Comparable || p.Annual != 388800 || p.DeltaAnnual != 388800-600000 || p.Conversion == nil {
			t.Fatalf("converted: %+v", p)
		}
	}
	if len(q.Rates) != 1 || q.Rates[0] != rate {
		t.Errorf("rates used %v, want %v", q.Rates, rate)
	}

	// Comparing in euros: our EUR plan competes with our USD plans converted.
	in.Currency = "EUR"
	q = QuoteProducts(products, plans, in, FXTable{rate})
	self, _ := q.Self()
	if self.Best.Plan != "Team EUR" || self.Annual != 480000 {
		t.Errorf("in EUR our best is %s at %d, want Team EUR at 480000", self.Best.Plan, self.Annual)
	}
}

func TestHomeCurrency(t *testing.T) {
	products := []Competitor{{Slug: "a"}, {Slug: "b", IsSelf: true}}
	plans := map[string][]PricePlan{
		"a": {{Currency: "GBP"}, {Currency: "GBP"}},
		"b": {{Currency: "EUR"}, {Currency: "USD", AddOn: true}},
	}
	if got := HomeCurrency(products, plans); got != "EUR" {
		t.Errorf("got %s, want our product's EUR", got)
	}
	if got := HomeCurrency(products[:1], plans); got != "GBP" {
		t.Errorf("without us: got %s, want the most used GBP", got)
	}
	if got := HomeCurrency(nil, plans); got != "USD" {
		t.Errorf("nothing: got %s, want USD", got)
	}
}

func TestFormatDeltas(t *testing.T) {
	for in, want := range map[int64]string{248: "+24.8%", -5: "-0.5%", 0: "0.0%", -1000: "-100.0%"} {
		if got := FormatPercentTenths(in); got != want {
			t.Errorf("FormatPercentTenths(%d) = %q, want %q", in, got, want)
		}
	}
	if got := FormatSignedMoney(120000, "USD"); got != "+$1,200.00" {
		t.Errorf("got %q", got)
	}
	if got := FormatSignedMoney(-3000, "EUR"); got != "-€30.00" {
		t.Errorf("got %q", got)
	}
}

func TestHeadlineAndChange(t *testing.T) {
	tiered := PricePlan{Model: ModelTiered}
	if a, ok := tiered.Headline(PriceObservation{Tiers: []PriceTier{{UpTo: 5, Amount: 300}, {Amount: 200}}}); !ok || a != 200 {
		t.Errorf("tiered headline %d %v", a, ok)
	}
	if _, ok := (PricePlan{Model: ModelContactSales}).Headline(PriceObservation{}); ok {
		t.Error("contact sales has a headline")
	}
	for _, tt := range []struct{ before, after, want int64 }{{7400, 7900, 68}, {7900, 7400, -63}, {100, 100, 0}, {3, 4, 333}} {
		if got, ok := ChangeTenths(tt.before, tt.after); !ok || got != tt.want {
			t.Errorf("ChangeTenths(%d, %d) = %d, want %d", tt.before, tt.after, got, tt.want)
		}
	}
	if _, ok := ChangeTenths(0, 5); ok {
		t.Error("change from zero")
	}
}

// BenchmarkQuoteProducts prices 1,000 products of four plans each, a catalog far larger than
// any real team keeps: the calculator's cost per keystroke with every product shown.
func BenchmarkQuoteProducts(b *testing.B) {
	var products []Competitor
	plans := map[string][]PricePlan{}
	obs := []PriceObservation{obsAt("2026-01-01", PriceObservation{Amount: 4900, AnnualDiscountPercent: 15})}
	for i := range 1000 {
		slug := "p" + itoa(i)
		products = append(products, Competitor{Slug: slug, Name: slug, IsSelf: i == 0})
		for j := range 4 {
			plans[slug] = append(plans[slug], PricePlan{Name: itoa(j), Model: ModelPerSeat, Currency: []string{"USD", "EUR"}[j%2],
				Period: PeriodMonth, MinSeats: j * 5, Observations: obs})
		}
	}
	rates := FXTable{NewFXRate("EUR", "USD", 1_080_000, mustDate("2026-11-20"))}
	in := QuoteInput{Seats: 50, Billing: PeriodYear}
	b.ReportAllocs()
	for b.Loop() {
		QuoteProducts(products, plans, in, rates)
	}
}

// A unit price below a cent (an LLM's price per token) is kept exactly and multiplied by the
// usage exactly: 0.00003 USD a token for a million tokens a month is $30.00 a month.
func TestQuoteSubCentUnitPrice(t *testing.T) {
	n, decimals, err := ParseUnitPrice("0.00003", "USD")
	if err != nil || n != 3 || decimals != 3 {
		t.Fatalf("ParseUnitPrice(0.00003) = %d, %d, %v; want 3, 3", n, decimals, err)
	}
	if n, decimals, err := ParseUnitPrice("1.2500", "USD"); err != nil || n != 125 || decimals != 0 {
		t.Errorf("ParseUnitPrice(1.2500) = %d, %d, %v; want 125, 0", n, decimals, err)
	}
	if _, _, err := ParseUnitPrice("0.000000001", "USD"); err == nil {
		t.Error("a price finer than a millionth of a cent was accepted")
	}
	o := PriceObservation{ObservedAt: MustParseDate("2026-11-01"), OverageAmount: n, UnitDecimals: decimals}
	if got := o.FormatUnitPrice(o.OverageAmount, "USD"); got != "$0.00003" {
		t.Errorf("FormatUnitPrice = %q, want $0.00003", got)
	}
	if got := (PriceObservation{UnitDecimals: 1}).FormatUnitPrice(15, "JPY"); got != "¥1.5" {
		t.Errorf("FormatUnitPrice in yen = %q, want ¥1.5", got)
	}
	p := PricePlan{Competitor: "llm", Name: "API", Model: ModelUsage, Currency: "USD", Period: PeriodMonth, Unit: "token",
		Observations: []PriceObservation{o}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	q := QuotePlan(p, QuoteInput{Seats: 1, Billing: PeriodMonth, Usage: 1_000_000})
	if q.Status != QuotePriced || q.Monthly != 3000 || q.Annual != 36000 {
		t.Errorf("a million tokens: %+v; want $30.00 a month, $360.00 a year", q)
	}
	p.Model = ModelFlat
	p.Observations[0].Amount = 100
	if err := p.Validate(); err == nil {
		t.Error("a flat plan with finer unit prices was accepted")
	}
}

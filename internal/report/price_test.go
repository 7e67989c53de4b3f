package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

func seatPlan(slug, name, currency string, amount int64, maxSeats int) model.PricePlan {
	return model.PricePlan{Competitor: slug, Name: name, Model: model.ModelPerSeat, Currency: currency,
		Period: model.PeriodMonth, Unit: "agent", MaxSeats: maxSeats,
		Observations: []model.PriceObservation{{ObservedAt: model.NewDate(2026, 1, 1), Amount: amount}}}
}

func priceTable(t *testing.T, products []model.Competitor, plans map[string][]model.PricePlan, in model.QuoteInput, rates model.FXTable) string {
	t.Helper()
	var b bytes.Buffer
	if err := PriceTable(&b, model.QuoteProducts(products, plans, in, rates)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func lineOf(t *testing.T, out, prefix string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("no line starting %q in:\n%s", prefix, out)
	return ""
}

// rivalsOfEveryKind is our product beside rivals of every kind: dearer, in another currency,
// over its seat cap, contact sales, volume-priced, without plans.
func rivalsOfEveryKind() ([]model.Competitor, map[string][]model.PricePlan) {
	products := []model.Competitor{
		{Slug: "us", Name: "Us", IsSelf: true},
		{Slug: "big", Name: "Big"},
		{Slug: "eu", Name: "Euro Co"},
		{Slug: "small", Name: "Small"},
		{Slug: "quote", Name: "Quote Only"},
		{Slug: "vol", Name: "Volume"},
		{Slug: "none", Name: "Nothing"},
	}
	plans := map[string][]model.PricePlan{
		"us":    {seatPlan("us", "Team", "USD", 5000, 0)},
		"big":   {seatPlan("big", "Pro", "USD", 6000, 0)},
		"eu":    {seatPlan("eu", "Basis", "EUR", 4000, 0)},
		"small": {seatPlan("small", "Starter", "USD", 1000, 5)},
		"quote": {{Competitor: "quote", Name: "Enterprise", Model: model.ModelContactSales, Currency: "USD", Period: model.PeriodYear}},
		"vol": {{Competitor: "vol", Name: "Basic", Model: model.ModelTiered, Currency: "USD", Period: model.PeriodMonth, Unit: "1k tickets",
			Observations: []model.PriceObservation{{ObservedAt: model.NewDate(2026, 1, 1), Tiers: []model.PriceTier{{Amount: 100}}}}}},
	}
	return products, plans
}

func TestPriceTableRows(t *testing.T) {
	products, plans := rivalsOfEveryKind()
	in := model.QuoteInput{Seats: 10, Billing: model.PeriodMonth}
	out := priceTable(t, products, plans, in, nil)
	for prefix, want := range map[string]string{
		"Us ":         "$500.00  $6,000.00  (us)",
		"Big ":        "$600.00  $7,200.00  $1,200 more (+20.0%)",
		"Euro Co ":    "€400.00  €4,800.00  no EUR→USD rate",
		"Small ":      "over its seat cap (allows at most 5 seats)",
		"Quote Only ": "contact sales",
		"Volume ":     "needs --usage (volume-priced per 1k tickets)",
		"Nothing ":    "no plans recorded",
	} {
		if line := lineOf(t, out, prefix); !strings.HasSuffix(line, want) {
			t.Errorf("row %q, want it to end %q", line, want)
		}
	}
	if !strings.Contains(out, "no EUR→USD rate; set one with: rivals fx set EUR RATE (1 EUR = RATE USD)") {
		t.Errorf("no hint for the missing rate:\n%s", out)
	}

	// With a rate the euro plan is converted, marked and compared; the rate is named.
	rate := model.NewFXRate("EUR", "USD", 1_100_000, model.NewDate(2026, 11, 20))
	out = priceTable(t, products, plans, in, model.FXTable{rate})
	if line := lineOf(t, out, "Euro Co "); !strings.HasSuffix(line, "$440.00*  $5,280.00*  $720 less (-12.0%)") {
		t.Errorf("converted row %q", line)
	}
	if line := lineOf(t, out, "Us "); !strings.HasSuffix(line, "$500.00   $6,000.00   (us)") {
		t.Errorf("unconverted amounts must keep the digits aligned: %q", line)
	}
	if !strings.Contains(out, "\nrates: 1 EUR = 1.1 USD (set 2026-11-20)\n") {
		t.Errorf("rate not named:\n%s", out)
	}
}

func TestPriceTableWithoutOurProduct(t *testing.T) {
	products := []model.Competitor{{Slug: "a", Name: "A"}}
	plans := map[string][]model.PricePlan{"a": {seatPlan("a", "Pro", "USD", 1000, 0)}}
	out := priceTable(t, products, plans, model.QuoteInput{Seats: 1, Billing: model.PeriodYear}, nil)
	if strings.Contains(out, "VS") || !strings.HasSuffix(lineOf(t, out, "A "), "$120.00") {
		t.Errorf("no product of ours, yet a difference column:\n%s", out)
	}
}

func TestPriceTableIsTerminalSafeAndFits(t *testing.T) {
	evil := "Evil\x1b]8;;http://x\x07 Corp\u202e with a name far longer than any column"
	products := []model.Competitor{{Slug: "us", Name: "Us", IsSelf: true}, {Slug: "e", Name: evil}}
	plans := map[string][]model.PricePlan{
		"us": {seatPlan("us", "Team", "USD", 5000, 0)},
		"e":  {seatPlan("e", "Plan\x1b[31m red and also a very long plan name indeed", "USD", 5500, 0)},
	}
	out := priceTable(t, products, plans, model.QuoteInput{Seats: 25, Billing: model.PeriodYear}, nil)
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("control characters reached the output: %q", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
	if line := lineOf(t, out, "Evil"); !strings.Contains(line, "…") {
		t.Errorf("long names are not cut: %q", line)
	}
}

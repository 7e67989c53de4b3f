package cli

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// row returns the line of a price table that starts with product, or fails.
func row(t *testing.T, out, product string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, product+" ") {
			return l
		}
	}
	t.Fatalf("no row for %s in:\n%s", product, out)
	return ""
}

// The acceptance example: 50 seats billed yearly, on the demo catalog. By hand:
//   - Tidewell: Team allows 25 seats at most; Business is $95 × 50 × 12 less 15% = $48,450.00
//     ($4,037.50 a month); Enterprise is $145 × 50 × 12 less 20% = $69,600.
//   - Harborline: Suite Growth is $79 × 50 × 12 less 15% = $40,290.00 ($3,357.50 a month);
//     $40,290 − $48,450 = −$8,160.00, −8,160 / 48,450 = −16.84% → −16.8%.
//   - Replyfox: Starter allows 10 seats; Growth is $55 × 50 × 12 less 20% = $26,400.00;
//     −$22,050.00, −22,050 / 48,450 = −45.51% → −45.5%.
func TestPriceAcceptance(t *testing.T) {
	r := runCLI(t, t.TempDir(), "price", "us", "harborline", "replyfox", "--seats", "50", "--period", "year", "--demo")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "50 seats, billed yearly · compared in USD\n") {
		t.Errorf("header: %q", r.stdout)
	}
	for product, want := range map[string][]string{
		"Tidewell":   {"Business", "$4,037.50", "$48,450.00", "(us)"},
		"Harborline": {"Suite Growth", "$3,357.50", "$40,290.00", "$8,160 less (-16.8%)"},
		"Replyfox":   {"Growth", "$2,200.00", "$26,400.00", "$22,050 less (-45.5%)"},
	} {
		line := row(t, r.stdout, product)
		for _, w := range want {
			if !strings.Contains(line, w) {
				t.Errorf("%s row %q lacks %q", product, line, w)
			}
		}
	}
	// Cheapest first; the add-on is named, never counted.
	if i, j, k := strings.Index(r.stdout, "Replyfox"), strings.Index(r.stdout, "Harborline"), strings.Index(r.stdout, "Tidewell "); !(i < j && j < k) {
		t.Errorf("rows not cheapest first:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "add-ons not counted: Harborline AI Resolutions add-on") {
		t.Errorf("add-on not named:\n%s", r.stdout)
	}
}

func TestPriceJSON(t *testing.T) {
	r := runCLI(t, t.TempDir(), "price", "harborline", "loopdesk", "--seats", "50", "--json", "--demo")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var q model.Quote
	if err := json.Unmarshal([]byte(r.stdout), &q); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if q.Currency != "USD" || q.Input.Seats != 50 || q.Input.Billing != model.PeriodYear || len(q.Products) != 3 {
		t.Fatalf("quote = %+v", q)
	}
	byslug := map[string]model.ProductQuote{}
	for _, p := range q.Products {
		byslug[p.Slug] = p
	}
	if self := byslug["tidewell"]; !self.IsSelf || self.Annual != 4845000 {
		t.Errorf("our product was not added or priced: %+v", self)
	}
	h := byslug["harborline"]
	if h.Best.Plan != "Suite Growth" || h.Annual != 4029000 || !h.HasDelta || h.DeltaAnnual != -816000 || h.DeltaTenths != -168 {
		t.Errorf("harborline = %+v", h)
	}
	if l := byslug["loopdesk"]; l.Comparable || l.Best.Status != model.QuoteNeedsUsage || len(l.Plans) != 3 {
		t.Errorf("loopdesk = %+v", l)
	}
}

func TestPriceBadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"price", "us", "--seats", "-5"}, 2, "--seats: must be at least 1 (got -5)"},
		{[]string{"price", "us", "--seats", "0"}, 2, "--seats: must be at least 1 (got 0)"},
		{[]string{"price", "us", "--seats", "abc"}, 2, `invalid value "abc" for flag -seats`},
		{[]string{"price", "us", "--period", "week"}, 2, `--period: "week" must be one of month, year`},
		{[]string{"price", "us", "--currency", "USS"}, 2, `--currency: "USS" is not an ISO 4217 currency code`},
		{[]string{"price", "us", "--usage", "-1"}, 2, "--usage: must not be negative"},
		{[]string{"price", "zendoodle"}, 1, `no competitor matches "zendoodle"`},
		{[]string{"price", "us", "tidewell"}, 2, "tidewell is named twice"},
		{[]string{"price"}, 2, "usage: rivals price NAME..."},
		{[]string{"price", "history"}, 2, "usage: rivals price history NAME"},
		{[]string{"price", "history", "harborline", "--seats", "5"}, 2, "unknown flag -seats"},
		{[]string{"fx", "set", "EUR", "1,08"}, 2, `RATE: "1,08" is not a rate: use a dot for decimals, e.g. 1.08`},
		{[]string{"fx", "set", "XXX", "1"}, 2, `CODE: "XXX" is not an ISO 4217 currency code`},
		{[]string{"fx", "set", "EUR", "1.08", "--base", "eur"}, 2, "--base: is the same currency as EUR"},
		{[]string{"fx", "set", "EUR", "1.08", "--date", "2030-01-01"}, 2, "--date: 2030-01-01 is in the future"},
		{[]string{"fx", "set", "EUR"}, 2, "usage: rivals fx set CODE RATE"},
		{[]string{"fx"}, 2, "usage: rivals fx set CODE RATE"},
		{[]string{"fx", "rates"}, 2, `unknown command "fx rates" (want set or list)`},
	}
	for _, tt := range tests {
		r := runCLI(t, dir, append(tt.args, "--demo")...)
		first, _, _ := strings.Cut(r.stderr, "\n")
		if r.code != tt.code || !strings.Contains(first, tt.want) || r.stdout != "" {
			t.Errorf("rivals %s: exit %d, stderr %q; want %d and %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.code, tt.want)
		}
	}
}

func TestFXRatesConvertPrices(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "fx", "list", "--db", dbPath); r.code != 1 {
		t.Errorf("fx list on a missing database: %d %q", r.code, r.stderr)
	}
	if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
		t.Fatal("fx list created the database")
	}
	if r := runCLI(t, dir, "init", "--demo", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := runCLI(t, dir, "fx", "list", "--db", dbPath); r.code != 0 || !strings.Contains(r.stdout, "no exchange rates set; add one with: rivals fx set EUR 1.08") {
		t.Errorf("fx list with no rates: %d %q", r.code, r.stdout)
	}
	// Without a rate, Quillon's euros are shown as euros and never compared.
	r := runCLI(t, dir, "price", "us", "quillon", "--db", dbPath)
	if line := row(t, r.stdout, "Quillon"); !strings.Contains(line, "€9,639.00") || !strings.Contains(line, "no EUR→USD rate") {
		t.Errorf("Quillon without a rate: %q", line)
	}
	if !strings.Contains(r.stdout, "rivals fx set EUR RATE") {
		t.Errorf("no hint to set a rate:\n%s", r.stdout)
	}

	r = runCLI(t, dir, "fx", "set", "eur", "1.08", "--db", dbPath)
	if r.code != 0 || r.stdout != "1 EUR = 1.08 USD (set 2026-11-23)\n" {
		t.Fatalf("fx set: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// An older rate is history: recorded, but the newest stays in use.
	r = runCLI(t, dir, "fx", "set", "EUR", "1.02", "--date", "2026-01-05", "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, "the rate in use stays 1 EUR = 1.08 USD") {
		t.Errorf("older fx set: %d %q", r.code, r.stdout)
	}
	if r = runCLI(t, dir, "fx", "list", "--db", dbPath); r.stdout != "1 EUR = 1.08 USD (set 2026-11-23)\n" {
		t.Errorf("fx list = %q", r.stdout)
	}
	r = runCLI(t, dir, "fx", "list", "--json", "--db", dbPath)
	var rates []model.FXRate
	if err := json.Unmarshal([]byte(r.stdout), &rates); err != nil || len(rates) != 1 || rates[0].Rate != "1.08" || rates[0].Base != "USD" {
		t.Errorf("fx list --json = %q (%v)", r.stdout, err)
	}

	// Quillon Basis, 25 seats yearly: €37.80 × 25 × 12 less 15% = €9,639.00; × 1.08 = $10,410.12,
	// $4,634.88 below Tidewell Team ($59 × 25 × 12 less 15% = $15,045.00), −30.8%.
	r = runCLI(t, dir, "price", "us", "quillon", "ostra-cx", "--db", dbPath)
	if r.code != 0 {
		t.Fatalf("price: %d %s", r.code, r.stderr)
	}
	if line := row(t, r.stdout, "Quillon"); !strings.Contains(line, "$10,410.12*") || !strings.Contains(line, "$4,635 less (-30.8%)") {
		t.Errorf("converted Quillon row: %q", line)
	}
	if !strings.Contains(r.stdout, "rates: 1 EUR = 1.08 USD (set 2026-11-23)") || !strings.Contains(r.stdout, "* converted to USD") {
		t.Errorf("the rate used is not named:\n%s", r.stdout)
	}
	if line := row(t, r.stdout, "Ostra CX"); !strings.Contains(line, "no GBP→USD rate") {
		t.Errorf("Ostra CX has no rate yet: %q", line)
	}
	// In euros, Quillon needs no rate and our product is priced from its euro plan.
	r = runCLI(t, dir, "price", "us", "quillon", "--currency", "eur", "--db", dbPath)
	if line := row(t, r.stdout, "Tidewell"); !strings.Contains(line, "Business (EUR)") || strings.Contains(r.stdout, "rates:") {
		t.Errorf("--currency EUR:\n%s", r.stdout)
	}
}

func TestPriceHistory(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, dir, "price", "history", "harborline", "--demo")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// Suite Growth went from $74 to $79 on 2026-03-01: +6.8%.
	if !strings.Contains(r.stdout, "  2026-03-01    +6.8%  $79.00 per agent/month, 15% off yearly\n") ||
		!strings.Contains(r.stdout, "Second list price increase in 13 months.") {
		t.Errorf("the 2026-03-01 increase is missing:\n%s", r.stdout)
	}
	if strings.Index(r.stdout, "2024-06-10") > strings.Index(r.stdout, "2025-02-01") {
		t.Error("observations are not oldest first")
	}
	if strings.Contains(r.stdout, "stale") {
		t.Errorf("Harborline's prices were seen this autumn, yet flagged stale:\n%s", r.stdout)
	}
	// Ticketry's cloud prices were last seen on 2025-06-01, 540 days before the test clock.
	r = runCLI(t, dir, "price", "history", "ticketry", "--demo")
	if !strings.Contains(r.stdout, "stale: last seen 540 days ago") {
		t.Errorf("stale price not flagged:\n%s", r.stdout)
	}
	// Flags may come before the subcommand's word.
	r = runCLI(t, dir, "price", "--json", "history", "harborline", "--demo")
	var plans []model.PricePlan
	if err := json.Unmarshal([]byte(r.stdout), &plans); err != nil || len(plans) != 4 || len(plans[0].Observations) != 4 {
		t.Fatalf("price history --json: %v\n%s", err, r.stdout)
	}
}

// TestPriceGolden pins the calculator's text on the demo catalog
// (go test ./internal/cli -run PriceGolden -update rewrites testdata/golden/price.txt).
func TestPriceGolden(t *testing.T) {
	r := runCLI(t, t.TempDir(), "price", "us", "harborline", "replyfox", "quillon", "loopdesk", "casecraft",
		"--seats", "50", "--period", "year", "--demo")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, l := range strings.Split(r.stdout, "\n") {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
	checkGolden(t, "price.txt", r.stdout)
}

func TestSubcommandWords(t *testing.T) {
	tests := []struct {
		args []string
		want string
		rest []string
	}{
		{[]string{"price", "us", "harb"}, "price", []string{"us", "harb"}},
		{[]string{"price", "history", "harb"}, "price history", []string{"harb"}},
		{[]string{"--db", "x.db", "price", "--json", "history", "harb"}, "price history", []string{"--db", "x.db", "--json", "harb"}},
		{[]string{"price", "--seats", "5", "history", "harb"}, "price history", []string{"--seats", "5", "harb"}},
		{[]string{"price", "--", "history"}, "price", []string{"--", "history"}}, // a competitor called history
		{[]string{"fx", "--db", "list", "list"}, "fx list", []string{"--db", "list"}},
		{[]string{"fx", "--help"}, "fx", []string{"--help"}},
	}
	for _, tt := range tests {
		c, rest, err := findCommand(tt.args)
		if err != nil || c.name != tt.want || strings.Join(rest, " ") != strings.Join(tt.rest, " ") {
			t.Errorf("findCommand(%q) = %q %q %v; want %q %q", tt.args, c.name, rest, err, tt.want, tt.rest)
		}
	}
	if r := runCLI(t, t.TempDir(), "fx", "--help"); r.code != 0 || !strings.Contains(r.stdout, "rivals fx list [--json]") {
		t.Errorf("fx --help: %d %q", r.code, r.stdout)
	}
}

// TestPriceUsageUnit: --usage counts one thing, named in the heading; a plan sold per blocks
// of it is converted (5,000 tickets are 5 × "1k tickets", not 5,000 blocks at $190 each:
// $950,000 a month), and a plan counting something else is not comparable.
func TestPriceUsageUnit(t *testing.T) {
	r := runCLI(t, t.TempDir(), "price", "loopdesk", "nimbus-assist", "--usage", "5000", "--period", "month", "--demo")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "25 seats, billed monthly, usage 5,000 tickets a month") {
		t.Errorf("heading: %q", r.stdout)
	}
	// Basic: 5 blocks in the up-to-5 tier at $240 = $1,200.00 a month.
	if line := row(t, r.stdout, "Loopdesk"); !strings.Contains(line, "$1,200.00") {
		t.Errorf("Loopdesk row %q", line)
	}
	if line := row(t, r.stdout, "Nimbus Assist"); !strings.Contains(line, "not comparable (counts AI resolutions, not tickets)") {
		t.Errorf("Nimbus Assist row %q", line)
	}
	if !strings.Contains(r.stdout, "5,000 tickets = 5 × 1k tickets") {
		t.Errorf("the conversion is not noted:\n%s", r.stdout)
	}

	r = runCLI(t, t.TempDir(), "price", "loopdesk", "nimbus-assist", "--usage", "400", "--unit", "AI resolutions", "--period", "month", "--demo")
	// Starter: $299 + 100 over the 300 included at $0.99 = $398.00.
	if line := row(t, r.stdout, "Nimbus Assist"); !strings.Contains(line, "$398.00") {
		t.Errorf("Nimbus Assist row %q", line)
	}
	if line := row(t, r.stdout, "Loopdesk"); !strings.Contains(line, "not comparable") {
		t.Errorf("Loopdesk row %q", line)
	}
}

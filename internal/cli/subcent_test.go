package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// A price per token below a cent imports from CSV and JSON, is stored exactly, is shown as
// written and prices a usage exactly.
func TestSubCentUnitPrices(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	catalogFile := writeFile(t, dir, "llm.json", `{"version": 1,
  "competitors": [{"slug": "tokenco", "name": "TokenCo"}],
  "plans": [{"competitor": "tokenco", "name": "API", "model": "usage", "currency": "USD", "period": "month", "unit": "token",
    "observations": [{"observed_at": "2026-10-01", "overage_amount": 3, "unit_decimals": 3}]}]
}
`)
	if r := runCLI(t, dir, "import", catalogFile, "--db", dbPath); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	h := runCLI(t, dir, "price", "history", "tokenco", "--db", dbPath)
	if !strings.Contains(h.stdout, "$0.00003") {
		t.Errorf("price history does not show the price as written:\n%s", h.stdout)
	}
	p := runCLI(t, dir, "price", "tokenco", "--usage", "1000000", "--unit", "token", "--period", "month", "--db", dbPath)
	if !strings.Contains(p.stdout, "$30.00") {
		t.Errorf("a million tokens is not $30.00 a month:\n%s%s", p.stdout, p.stderr)
	}
	// A CSV of prices says the same in its own words.
	prices := writeFile(t, dir, "prices.csv", "Competitor,Plan,Date,Price,Overage\nTokenCo,API,2026-11-01,0,$0.000025\n")
	if r := runCLI(t, dir, "import", prices, "--db", dbPath); r.code != 0 {
		t.Fatalf("import prices: %s", r.stderr)
	}
	export := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout
	if !strings.Contains(export, `"overage_amount": 25,`) || !strings.Contains(export, `"unit_decimals": 4`) {
		t.Errorf("the CSV price is not stored exactly:\n%s", export)
	}
	again := filepath.Join(dir, "again.db")
	exported := writeFile(t, dir, "exported.json", export)
	if r := runCLI(t, dir, "import", exported, "--db", again); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if runCLI(t, dir, "export", "catalog", "--db", again).stdout != export {
		t.Error("export → import → export is not byte-identical with finer unit prices")
	}
}

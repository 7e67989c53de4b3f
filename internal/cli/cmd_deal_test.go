package cli

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

func TestDealAddFields(t *testing.T) {
	dir, path := demoDB(t)
	r := runCLI(t, dir, "deal", "add", "--outcome", "no-decision", "--competitor", "Replyfox", "--competitor", "harb",
		"--reason", "Price,product_gap", "--reason", "timing", "--new-reason", "--primary-reason", "timing",
		"--date", "2026-10-01", "--ref", "OPP-1", "--account", "Acme", "--segment", "SMB", "--region", "EMEA",
		"--quote", "Not this year", "--source", "interview", "--db", path)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "logged no-decision deal OPP-1 against Replyfox and Harborline (reasons: price, product_gap, timing)\n") ||
		!strings.Contains(r.stdout, `new reason code product_gap, labelled "Product gap"`) {
		t.Fatalf("deal add: %d %q %q", r.code, r.stdout, r.stderr)
	}
	var cat struct {
		Deals []model.Deal `json:"deals"`
	}
	if err := json.Unmarshal([]byte(runCLI(t, dir, "export", "catalog", "--db", path).stdout), &cat); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(cat.Deals, func(d model.Deal) bool { return d.Ref == "OPP-1" })
	if i < 0 {
		t.Fatal("deal not exported")
	}
	d := cat.Deals[i]
	if d.ClosedAt.String() != "2026-10-01" || d.Outcome != model.OutcomeNoDecision || !slices.Equal(d.Competitors, []string{"replyfox", "harborline"}) ||
		d.PrimaryReason != "timing" || d.Account != "Acme" || d.Segment != "SMB" || d.Region != "EMEA" || d.Source != "interview" || d.Amount != 0 {
		t.Errorf("stored %+v", d)
	}
	if r := runCLI(t, dir, "reasons", "--db", path); !strings.Contains(r.stdout, "product_gap          Product gap ") {
		t.Errorf("new code not listed:\n%s", r.stdout)
	}
	// Amounts are minor units of the currency.
	runCLI(t, dir, "deal", "add", "--outcome", "won", "--competitor", "quillon", "--amount", "1200.5", "--currency", "eur", "--ref", "OPP-2", "--db", path)
	runCLI(t, dir, "deal", "add", "--outcome", "won", "--competitor", "quillon", "--amount", "1200", "--currency", "JPY", "--ref", "OPP-3", "--db", path)
	if err := json.Unmarshal([]byte(runCLI(t, dir, "export", "catalog", "--db", path).stdout), &cat); err != nil {
		t.Fatal(err)
	}
	for _, d := range cat.Deals {
		if (d.Ref == "OPP-2" && (d.Amount != 120050 || d.Currency != "EUR")) || (d.Ref == "OPP-3" && d.Amount != 1200) {
			t.Errorf("amount of %s: %d %s", d.Ref, d.Amount, d.Currency)
		}
	}
}

func TestReasonsMergeAndRename(t *testing.T) {
	dir, path := demoDB(t)
	var cat struct {
		Deals []model.Deal `json:"deals"`
	}
	if err := json.Unmarshal([]byte(runCLI(t, dir, "export", "catalog", "--db", path).stdout), &cat); err != nil {
		t.Fatal(err)
	}
	// After folding total_cost into price, price is cited by every deal that cited either.
	want := map[model.Outcome]int{}
	fromDeals := 0
	for _, d := range cat.Deals {
		if slices.Contains(d.Reasons, "total_cost") {
			fromDeals++
		}
		if slices.Contains(d.Reasons, "total_cost") || slices.Contains(d.Reasons, "price") {
			want[d.Outcome]++
		}
	}
	if fromDeals == 0 || want[model.OutcomeWon] == 0 || want[model.OutcomeLost] == 0 {
		t.Fatalf("the demo should cite both codes: %d %v", fromDeals, want)
	}
	r := runCLI(t, dir, "reasons", "merge", "total_cost", "price", "--db", path)
	if r.code != 0 || r.stdout != "merged total_cost into price (Price): "+countDeals(fromDeals)+" changed; total_cost is no longer a reason code\n" {
		t.Fatalf("merge: %d %q %q", r.code, r.stdout, r.stderr)
	}
	var rows []citedReason
	if err := json.Unmarshal([]byte(runCLI(t, dir, "reasons", "--json", "--db", path).stdout), &rows); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(rows, func(c citedReason) bool { return c.Code == "price" })
	if i < 0 || slices.ContainsFunc(rows, func(c citedReason) bool { return c.Code == "total_cost" }) {
		t.Fatalf("reasons after merge: %+v", rows)
	}
	if got := rows[i].WinLoss; got.Won != want[model.OutcomeWon] || got.Lost != want[model.OutcomeLost] || got.NoDecision != want[model.OutcomeNoDecision] {
		t.Errorf("price after merge %+v, want %v", got, want)
	}
	if top := reasonIn(winLossJSON(t, dir, "--db", path).TopWin, "price"); top.Deals != want[model.OutcomeWon] {
		t.Errorf("top win reason price: %+v, want %d deals", top, want[model.OutcomeWon])
	}

	r = runCLI(t, dir, "reasons", "rename", "price", "Price & TCO", "--db", path)
	if r.code != 0 || r.stdout != "renamed price: \"Price\" → \"Price & TCO\"\n" {
		t.Fatalf("rename: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r = runCLI(t, dir, "winloss", "--db", path); !strings.Contains(r.stdout, "Top loss reasons\n  Price & TCO (") {
		t.Errorf("new label not used:\n%s", r.stdout)
	}
}

// The command line refuses a deal closed after today with the words of
// model.CheckNotFuture, the rule the TUI's deal form applies too.
func TestDealAddRefusesFutureDateWithModelRule(t *testing.T) {
	dir, path := demoDB(t)
	today, tomorrow := model.MustParseDate("2026-11-23"), model.MustParseDate("2026-11-24")
	var fe *model.FieldError
	if !errors.As(model.CheckNotFuture("closed_at", tomorrow, today), &fe) {
		t.Fatal("the model does not refuse tomorrow")
	}
	r := runCLI(t, dir, "deal", "add", "--outcome", "lost", "--competitor", "harborline", "--date", tomorrow.String(), "--db", path)
	if r.code != 2 || !strings.Contains(r.stderr, "--date: "+fe.Msg) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, "--date: "+fe.Msg)
	}
	if r := runCLI(t, dir, "deal", "add", "--outcome", "lost", "--competitor", "harborline", "--date", today.String(), "--db", path); r.code != 0 {
		t.Errorf("today refused: %d %q", r.code, r.stderr)
	}
}

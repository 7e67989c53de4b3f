package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// wlTally is an outcome count as rivals winloss --json prints it.
type wlTally struct {
	Won        int      `json:"won"`
	Lost       int      `json:"lost"`
	NoDecision int      `json:"no_decision"`
	Decided    int      `json:"decided"`
	WinRate    *float64 `json:"win_rate"`
}

type wlReason struct {
	Code    string `json:"code"`
	Label   string `json:"label"`
	Deals   int    `json:"deals"`
	Primary int    `json:"primary"`
}

// wlOutput is the JSON of rivals winloss.
type wlOutput struct {
	Query struct {
		Competitor string `json:"competitor"`
		By         string `json:"by"`
	} `json:"query"`
	Overall wlTally `json:"overall"`
	Groups  []struct {
		Key   string `json:"key"`
		Label string `json:"label"`
		wlTally
	} `json:"groups"`
	TopLoss []wlReason `json:"top_loss_reasons"`
	TopWin  []wlReason `json:"top_win_reasons"`
}

// group returns the tally of the group with key, or a zero tally.
func (o wlOutput) group(key string) wlTally {
	for _, g := range o.Groups {
		if g.Key == key {
			return g.wlTally
		}
	}
	return wlTally{}
}

func reasonIn(rs []wlReason, code string) wlReason {
	for _, r := range rs {
		if r.Code == code {
			return r
		}
	}
	return wlReason{Code: code}
}

// winLossJSON runs rivals winloss --json with args and decodes it.
func winLossJSON(t *testing.T, dir string, args ...string) wlOutput {
	t.Helper()
	r := runCLI(t, dir, append([]string{"winloss", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("winloss %v: exit %d: %s", args, r.code, r.stderr)
	}
	var out wlOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("winloss --json: %v\n%s", err, r.stdout)
	}
	return out
}

// demoDB makes a database holding the demo catalog, for commands that write.
func demoDB(t *testing.T) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "init", "--demo", "--db", path); r.code != 0 {
		t.Fatal(r.stderr)
	}
	return dir, path
}

func dealCount(t *testing.T, dir, path string) int {
	t.Helper()
	o := winLossJSON(t, dir, "--db", path).Overall
	return o.Decided + o.NoDecision
}

// The acceptance flow: a lost deal logged today shows up in this quarter's row for its
// competitor, and among the reasons for losses.
func TestWinLossAcceptance(t *testing.T) {
	dir, path := demoDB(t)
	quarter := func() wlOutput {
		return winLossJSON(t, dir, "--competitor", "harborline", "--by", "quarter", "--db", path)
	}
	beforeQ := quarter()
	beforeR := winLossJSON(t, dir, "--competitor", "harborline", "--by", "reason", "--db", path)
	beforeAll := winLossJSON(t, dir, "--db", path)

	r := runCLI(t, dir, "deal", "add", "--outcome", "lost", "--competitor", "harborline", "--reason", "price",
		"--amount", "24000", "--currency", "USD", "--db", path)
	if r.code != 0 || r.stdout != "logged lost deal D-2026-11-23-1 against Harborline (reasons: price)\n" {
		t.Fatalf("deal add: %d %q %q", r.code, r.stdout, r.stderr)
	}

	afterQ := quarter()
	if afterQ.Query.Competitor != "harborline" || afterQ.Query.By != "quarter" {
		t.Errorf("query %+v", afterQ.Query)
	}
	// The runCLI clock says 2026-11-23: the fourth quarter of 2026.
	b, a := beforeQ.group("2026-Q4"), afterQ.group("2026-Q4")
	if a.Lost != b.Lost+1 || a.Won != b.Won || a.NoDecision != b.NoDecision || a.Decided != b.Decided+1 {
		t.Errorf("2026-Q4 before %+v, after %+v", b, a)
	}
	if afterQ.Overall.Lost != beforeQ.Overall.Lost+1 || len(afterQ.Groups) != len(beforeQ.Groups) {
		t.Errorf("overall before %+v, after %+v", beforeQ.Overall, afterQ.Overall)
	}
	// Harborline's losses never cited price before; now one does.
	if b, a := beforeR.group("price"), winLossJSON(t, dir, "--competitor", "harborline", "--by", "reason", "--db", path).group("price"); a.Lost != b.Lost+1 {
		t.Errorf("price among Harborline's reasons: before %+v, after %+v", b, a)
	}
	// Across all competitors price is the top loss reason, now cited by one more loss (as primary).
	b2, a2 := reasonIn(beforeAll.TopLoss, "price"), reasonIn(winLossJSON(t, dir, "--db", path).TopLoss, "price")
	if b2.Deals == 0 || a2.Deals != b2.Deals+1 || a2.Primary != b2.Primary+1 || a2.Label != "Price" {
		t.Errorf("top loss reason price: before %+v, after %+v", b2, a2)
	}

	// Deleting it restores the numbers.
	if r := runCLI(t, dir, "deal", "delete", "D-2026-11-23-1", "--db", path); r.code != 0 ||
		r.stdout != "deleted lost deal D-2026-11-23-1 against Harborline, closed 2026-11-23\n" {
		t.Errorf("deal delete: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if got, want := quarter().group("2026-Q4"), beforeQ.group("2026-Q4"); got.Won != want.Won || got.Lost != want.Lost || got.NoDecision != want.NoDecision {
		t.Errorf("after delete: %+v, want %+v", got, want)
	}
	if r := runCLI(t, dir, "deal", "delete", "D-2026-11-23-1", "--db", path); r.code != 1 || !strings.Contains(r.stderr, `no deal with ref "D-2026-11-23-1"`) {
		t.Errorf("delete twice: %d %q", r.code, r.stderr)
	}
}

func TestWinLossBadInput(t *testing.T) {
	dir, path := demoDB(t)
	before := dealCount(t, dir, path)
	add := []string{"deal", "add", "--outcome", "won", "--competitor", "harborline"}
	with := func(extra ...string) []string { return append(slices.Clone(add), extra...) }
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"winloss", "--since", "2026-13-01"}, 2, `--since: invalid date "2026-13-01" (want YYYY-MM-DD)`},
		{[]string{"winloss", "--until", "yesterday"}, 2, `--until: invalid date "yesterday"`},
		{[]string{"winloss", "--since", "2026-06-01", "--until", "2026-01-01"}, 2, "--since 2026-06-01 is after --until 2026-01-01"},
		{[]string{"winloss", "--by", "week"}, 2, `--by: "week" must be one of competitor, quarter, segment, region, reason`},
		{[]string{"winloss", "--json", "--csv"}, 2, "--json and --csv cannot be used together"},
		{[]string{"winloss", "--competitor", "zendoodle"}, 1, `no competitor matches "zendoodle"`},
		{[]string{"winloss", "harborline"}, 2, "usage: rivals winloss"},
		{[]string{"deal", "add", "--competitor", "harborline"}, 2, "--outcome is required"},
		{[]string{"deal", "add", "--outcome", "maybe", "--competitor", "harborline"}, 2, `--outcome: "maybe" must be one of won, lost, no_decision`},
		{[]string{"deal", "add", "--outcome", "won"}, 2, "--competitor is required"},
		{with("--date", "2026-02-30"), 2, `--date: invalid date "2026-02-30"`},
		{with("--date", "2027-01-01"), 2, "--date: 2027-01-01 is in the future"},
		{[]string{"deal", "add", "--outcome", "won", "--competitor", "zendoodle"}, 1, `--competitor: no competitor matches "zendoodle"`},
		{[]string{"deal", "add", "--outcome", "won", "--competitor", "us"}, 2, "--competitor: Tidewell is our own product"},
		{with("--competitor", "Harborline"), 2, "--competitor: harborline is named twice"},
		{with("--amount", "12,50", "--currency", "USD"), 2, `--amount: "12,50" is not an amount: use a dot for decimals`},
		{with("--amount", "-5", "--currency", "USD"), 2, `--amount: "-5" must not be negative`},
		{with("--amount", "12.505", "--currency", "USD"), 2, "--amount: "},
		{with("--amount", "100"), 2, "--amount needs --currency"},
		{with("--currency", "USD"), 2, "--currency needs --amount"},
		{with("--amount", "100", "--currency", "USS"), 2, `--currency: "USS" is not an ISO 4217 currency code`},
		{with("--reason", "prise"), 2, `--reason: unknown reason code "prise" (closest: price`},
		{with("--reason", "product gap", "--new-reason"), 2, `--reason: "product gap" is not a valid code`},
		{with("--reason", "price", "--primary-reason", "timing"), 2, `--primary-reason: "timing" is not one of the --reason codes`},
		{with("--reason", "price", "--reason", "Price"), 2, `--reason: "price" is listed twice`},
		{with("--source", "tv"), 2, `--source: "tv" must be one of interview, crm, rep, survey`},
		{with("--ref", "OPP-20287"), 2, `--ref: "OPP-20287" is another deal's ref`},
		{with("--account", strings.Repeat("x", 1000)), 2, "--account: "},
		{[]string{"deal", "delete"}, 2, "usage: rivals deal delete REF"},
		{[]string{"deal", "remove", "x"}, 2, `unknown command "deal remove" (want add or delete)`},
		{[]string{"reasons", "rename", "nope", "Nope"}, 1, `no reason code "nope" (closest: `},
		{[]string{"reasons", "rename", "price", " "}, 2, "LABEL: is required"},
		{[]string{"reasons", "merge", "price", "Price"}, 2, "FROM and INTO are both price"},
		{[]string{"reasons", "merge", "price", "prise"}, 1, `INTO: no reason code "prise" (closest: price`},
	}
	for _, tt := range tests {
		r := runCLI(t, dir, append(tt.args, "--db", path)...)
		first, _, _ := strings.Cut(r.stderr, "\n")
		if r.code != tt.code || !strings.Contains(first, tt.want) || r.stdout != "" {
			t.Errorf("rivals %s: exit %d, stdout %q, stderr %q; want %d and %q", strings.Join(tt.args, " "), r.code, r.stdout, r.stderr, tt.code, tt.want)
		}
	}
	if after := dealCount(t, dir, path); after != before {
		t.Errorf("refused commands changed the deals: %d before, %d after", before, after)
	}
	if r := runCLI(t, dir, "reasons", "--json", "--db", path); strings.Contains(r.stdout, "product gap") {
		t.Error("a refused deal left its new reason code behind")
	}
	// Commands that need deals never create a database.
	missing := filepath.Join(dir, "missing.db")
	for _, args := range [][]string{{"winloss"}, {"reasons"}, {"deal", "delete", "X"}, {"reasons", "merge", "a", "b"}} {
		if r := runCLI(t, dir, append(args, "--db", missing)...); r.code != 1 {
			t.Errorf("%v on a missing database: %d %q", args, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("a read command created the database")
	}
}

func TestWinLossCSVNeutralisesFormulas(t *testing.T) {
	dir, path := demoDB(t)
	if r := runCLI(t, dir, "deal", "add", "--outcome", "won", "--competitor", "replyfox", "--segment", "=cmd()", "--db", path); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := runCLI(t, dir, "winloss", "--by", "segment", "--csv", "--db", path)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "key,label,won,lost,no_decision,decided,win_rate\n") {
		t.Fatalf("csv: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "\n'=cmd(),'=cmd(),1,0,0,1,1\n") || strings.Contains(r.stdout, "\n=") {
		t.Errorf("formula not neutralised:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "\nmid-market,mid-market,") {
		t.Errorf("segments missing:\n%s", r.stdout)
	}
}

func TestWinLossText(t *testing.T) {
	dir := t.TempDir()
	r := runCLI(t, dir, "winloss", "--demo")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"All deals · 2024-12-02 to 2026-11-23\n124 won · 100 lost · 24 no decision · win rate 55.4% of 224\n",
		"COMPETITOR     WON  LOST  NO DECISION  WIN RATE   N\n",
		"Harborline      28    35            6     44.4%  63  █████████░░░░░░░░░░░\n",
		"Top loss reasons\n  Price (38 deals, 23 primary)\n",
		"Top win reasons\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %q in:\n%s", want, r.stdout)
		}
	}
	for name, env := range map[string]map[string]string{"NO_COLOR": {"NO_COLOR": "1"}, "C locale": {"LANG": "C"}} {
		r = runCLIEnv(t, dir, env, "winloss", "--demo")
		if !strings.Contains(r.stdout, "Harborline      28    35            6     44.4%  63  #########...........\n") || strings.Contains(r.stdout, "█") {
			t.Errorf("%s: bars not ASCII:\n%s", name, r.stdout)
		}
	}
	r = runCLI(t, dir, "winloss", "--competitor", "harb", "--since", "2025-01-01", "--segment", "MID-MARKET", "--demo")
	if !strings.HasPrefix(r.stdout, "Deals against Harborline · 2025-01-01 to 2026-11-23 · segment MID-MARKET\n") ||
		!strings.Contains(r.stdout, "QUARTER ") || !strings.Contains(r.stdout, "(small sample)") {
		t.Errorf("one competitor defaults to quarters:\n%s", r.stdout)
	}
}

// TestWinLossGolden pins the output on the demo catalog, which depends on the deals only, never
// on today (go test ./internal/cli -run WinLossGolden -update rewrites testdata/golden/winloss.*).
func TestWinLossGolden(t *testing.T) {
	for file, args := range map[string][]string{
		"winloss.json": {"winloss", "--competitor", "harborline", "--by", "quarter", "--json", "--demo"},
		"winloss.txt":  {"winloss", "--by", "region", "--until", "2026-06-30", "--demo"},
	} {
		r := runCLI(t, t.TempDir(), args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		for _, l := range strings.Split(r.stdout, "\n") {
			if n := utf8.RuneCountInString(l); n > 80 {
				t.Errorf("%s: line of %d columns: %q", file, n, l)
			}
		}
		checkGolden(t, file, r.stdout)
	}
}

func TestWinLossCommandWords(t *testing.T) {
	tests := []struct {
		args []string
		want string
		rest []string
	}{
		{[]string{"deal", "--competitor", "delete", "add", "--outcome", "won"}, "deal add", []string{"--competitor", "delete", "--outcome", "won"}},
		{[]string{"deal", "delete", "OPP-1"}, "deal delete", []string{"OPP-1"}},
		{[]string{"reasons", "--json"}, "reasons", []string{"--json"}},
		{[]string{"reasons", "merge", "a", "b"}, "reasons merge", []string{"a", "b"}},
		{[]string{"winloss", "--by", "quarter"}, "winloss", []string{"--by", "quarter"}},
	}
	for _, tt := range tests {
		c, rest, err := findCommand(tt.args)
		if err != nil || c.name != tt.want || strings.Join(rest, " ") != strings.Join(tt.rest, " ") {
			t.Errorf("findCommand(%q) = %q %q %v; want %q %q", tt.args, c.name, rest, err, tt.want, tt.rest)
		}
	}
	// Help aligns every flag's text, however long the flag.
	r := runCLI(t, t.TempDir(), "deal", "add", "--help")
	col := len("  --primary-reason CODE ") // the longest flag
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(l, "  --") && (len(l) <= col || l[col-1] != ' ' || l[col] == ' ') {
			t.Errorf("flag text not in column %d: %q", col, l)
		}
	}
	if r = runCLI(t, t.TempDir(), "deal", "--help"); r.code != 0 || !strings.Contains(r.stdout, "rivals deal delete REF") {
		t.Errorf("deal --help: %d %q", r.code, r.stdout)
	}
}

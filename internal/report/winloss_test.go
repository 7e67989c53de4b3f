package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

func wlDeal(ref, closed string, o model.Outcome, comps []string, seg string, reasons ...string) model.Deal {
	d := model.Deal{Ref: ref, ClosedAt: model.MustParseDate(closed), Outcome: o, Competitors: comps, Segment: seg, Reasons: reasons}
	if len(reasons) > 0 {
		d.PrimaryReason = reasons[0]
	}
	return d
}

// wlDeals: acme is faced in 8 deals (5 won, 2 lost, 1 no decision), zed in 3 (1 won, 2 lost).
var wlDeals = []model.Deal{
	wlDeal("1", "2026-01-10", model.OutcomeWon, []string{"acme"}, "smb", "ux"),
	wlDeal("2", "2026-01-20", model.OutcomeWon, []string{"acme"}, "SMB", "ux", "price"),
	wlDeal("3", "2026-02-01", model.OutcomeWon, []string{"acme", "zed"}, "smb", "price"),
	wlDeal("4", "2026-04-15", model.OutcomeWon, []string{"acme"}, "enterprise"),
	wlDeal("5", "2026-05-01", model.OutcomeWon, []string{"acme"}, "enterprise", "ux"),
	wlDeal("6", "2026-05-02", model.OutcomeLost, []string{"acme", "zed"}, "enterprise", "price", "integration"),
	wlDeal("7", "2026-07-04", model.OutcomeLost, []string{"acme"}, "=HYPERLINK(\"x\")", "price"),
	wlDeal("8", "2026-07-30", model.OutcomeNoDecision, []string{"acme"}, ""),
	wlDeal("9", "2026-08-30", model.OutcomeLost, []string{"zed"}, "smb", "integration"),
}

var (
	wlNames  = map[string]string{"acme": "Acme Helpdesk", "zed": "Zed\x1b[31m Desk"}
	wlLabels = map[string]string{"ux": "Ease of use", "price": "Price", "integration": "Integrations"}
)

func winLossText(t *testing.T, r WinLoss, b Bars) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WinLossText(&buf, r, b); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(buf.String(), "\n") {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("line of %d columns: %q", n, l)
		}
		if strings.ContainsRune(l, '\x1b') {
			t.Errorf("escape sequence printed: %q", l)
		}
	}
	return buf.String()
}

func TestNewWinLoss(t *testing.T) {
	r := NewWinLoss(wlDeals, model.DealQuery{Competitor: "zed"}, model.ByCompetitor, wlNames, wlLabels)
	if r.Subject != wlNames["zed"] || r.Overall != (model.WinLoss{Won: 1, Lost: 2}) {
		t.Errorf("subject %q, overall %+v", r.Subject, r.Overall)
	}
	if r.First.String() != "2026-02-01" || r.Last.String() != "2026-08-30" {
		t.Errorf("period %s to %s", r.First, r.Last)
	}
	// A deal counts for every competitor it faced, so acme shows up beside zed.
	if len(r.Groups) != 2 || r.Groups[0].Label != wlNames["zed"] || r.Groups[1].Label != "Acme Helpdesk" {
		t.Errorf("groups %+v", r.Groups)
	}
	if len(r.TopLoss) != 2 || r.TopLoss[0].Code != "integration" || r.TopLoss[0].Label != "Integrations" || r.TopLoss[0].Deals != 2 || r.TopLoss[0].Primary != 1 {
		t.Errorf("top loss %+v", r.TopLoss)
	}
	r = NewWinLoss(wlDeals, model.DealQuery{}, model.ByReason, wlNames, map[string]string{})
	for _, g := range r.Groups {
		if g.Label != g.Key {
			t.Errorf("a reason without a label is shown by its code: %+v", g)
		}
	}
}

func TestWinLossText(t *testing.T) {
	r := NewWinLoss(wlDeals, model.DealQuery{Competitor: "acme", Since: model.MustParseDate("2026-01-01")}, model.ByQuarter, wlNames, wlLabels)
	r.Today = model.MustParseDate("2026-11-23")
	out := winLossText(t, r, UnicodeBars)
	for _, want := range []string{
		"Deals against Acme Helpdesk · 2026-01-01 to 2026-11-23\n",
		"5 won · 2 lost · 1 no decision · win rate 71.4% of 7\n",
		"QUARTER  WON  LOST  NO DECISION  WIN RATE  N\n",
		"2026-Q1    3     0            0    100.0%  3  (small sample)\n",
		"2026-Q3    0     1            1      0.0%  1  (small sample)\n",
		"Top loss reasons\n  Price (2 deals, 2 primary)\n  Integrations (1 deal, 0 primary)\n",
		"Top win reasons\n  Ease of use (3 deals, 3 primary)\n  Price (2 deals, 1 primary)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	// Groups of fewer than 5 decided deals are marked instead of charted.
	r = NewWinLoss(wlDeals, model.DealQuery{}, model.BySegment, wlNames, wlLabels)
	out = winLossText(t, r, ASCIIBars)
	if !strings.Contains(out, "smb                3     1            0     75.0%  4  (small sample)\n") {
		t.Errorf("segments ignore case (smb and SMB are one group):\n%s", out)
	}
	if !strings.Contains(out, "enterprise         2     1            0     66.7%  3  (small sample)\n") ||
		!strings.Contains(out, "(none)             0     0            1         -  0\n") {
		t.Errorf("segment rows:\n%s", out)
	}
	r = NewWinLoss(wlDeals, model.DealQuery{}, model.ByCompetitor, wlNames, wlLabels)
	out = winLossText(t, r, ASCIIBars)
	if !strings.Contains(out, "Acme Helpdesk    5     2            1     71.4%  7  ##############......\n") {
		t.Errorf("bar row:\n%s", out)
	}
	if !strings.Contains(out, "Zed Desk ") {
		t.Errorf("names are cleaned of escapes:\n%s", out)
	}
	// By reason, the reasons are the table; no top lists.
	r = NewWinLoss(wlDeals, model.DealQuery{}, model.ByReason, wlNames, wlLabels)
	if out = winLossText(t, r, UnicodeBars); strings.Contains(out, "Top loss reasons") || !strings.Contains(out, "REASON ") {
		t.Errorf("by reason:\n%s", out)
	}
	r = NewWinLoss(wlDeals, model.DealQuery{Segment: "mid-market"}, model.ByCompetitor, wlNames, wlLabels)
	if out = winLossText(t, r, UnicodeBars); out != "All deals · segment mid-market\nno deals match\n" {
		t.Errorf("nothing selected: %q", out)
	}
}

func TestWinLossTextFitsLongLabels(t *testing.T) {
	deals := make([]model.Deal, 0, 120)
	for i := range 120 {
		o := model.OutcomeLost
		if i%3 == 0 {
			o = model.OutcomeWon
		}
		deals = append(deals, wlDeal("x", "2026-01-01", o, []string{"acme"}, "", "a_very_long_reason_code"))
	}
	labels := map[string]string{"a_very_long_reason_code": strings.Repeat("Long label ", 8)}
	out := winLossText(t, NewWinLoss(deals, model.DealQuery{}, model.ByReason, nil, labels), UnicodeBars)
	if !strings.Contains(out, "…") || !strings.Contains(out, "33.3%  120  ") {
		t.Errorf("long label:\n%s", out)
	}
}

func TestBar(t *testing.T) {
	tests := []struct {
		w     model.WinLoss
		cells int
		want  string
	}{
		{model.WinLoss{Won: 1, Lost: 1}, 4, "##.."},
		{model.WinLoss{Won: 2, Lost: 1}, 20, strings.Repeat("#", 13) + strings.Repeat(".", 7)}, // 66.7% → 13.3 cells
		{model.WinLoss{Won: 0, Lost: 3}, 5, "....."},
		{model.WinLoss{Won: 9}, 5, "#####"},
		{model.WinLoss{NoDecision: 2}, 5, ""},
	}
	for _, tt := range tests {
		if got := Bar(tt.w, tt.cells, ASCIIBars); got != tt.want {
			t.Errorf("Bar(%+v, %d) = %q, want %q", tt.w, tt.cells, got, tt.want)
		}
	}
}

func TestWinLossJSON(t *testing.T) {
	r := NewWinLoss(wlDeals, model.DealQuery{}, model.BySegment, wlNames, wlLabels)
	var buf bytes.Buffer
	if err := WinLossJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Query   map[string]string `json:"query"`
		Overall map[string]any    `json:"overall"`
		Groups  []map[string]any  `json:"groups"`
		TopLoss []map[string]any  `json:"top_loss_reasons"`
		TopWin  []map[string]any  `json:"top_win_reasons"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got.Query["by"] != "segment" || got.Query["competitor"] != "" {
		t.Errorf("query %v", got.Query)
	}
	// 5 won of 8 decided.
	if got.Overall["win_rate"] != 0.625 || got.Overall["decided"] != float64(8) || got.Overall["no_decision"] != float64(1) {
		t.Errorf("overall %v", got.Overall)
	}
	byKey := map[string]map[string]any{}
	for _, g := range got.Groups {
		byKey[g["key"].(string)] = g
	}
	if g := byKey["(none)"]; g == nil || g["win_rate"] != nil {
		t.Errorf("no decided deals gives a null rate: %v", g)
	}
	if g := byKey["enterprise"]; g["win_rate"] != 0.667 || g["label"] != "enterprise" {
		t.Errorf("rates keep 3 decimals: %v", g)
	}
	if len(got.TopLoss) != 2 || got.TopLoss[0]["label"] != "Price" || len(got.TopWin) != 2 {
		t.Errorf("top reasons %v %v", got.TopLoss, got.TopWin)
	}
}

func TestWinLossCSVNeutralisesFormulas(t *testing.T) {
	r := NewWinLoss(wlDeals, model.DealQuery{}, model.BySegment, wlNames, wlLabels)
	var buf bytes.Buffer
	if err := WinLossCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"key,label,won,lost,no_decision,decided,win_rate\n",
		"smb,smb,3,1,0,4,0.75\n",
		`"'=HYPERLINK(""x"")","'=HYPERLINK(""x"")",0,1,0,1,0` + "\n",
		"(none),(none),0,0,1,0,\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// TopReasonsLimit is how many reasons the win/loss report ranks for losses and for wins.
const TopReasonsLimit = 5

// SmallSample is the number of decided deals below which a group's win rate is flagged: with
// fewer, one deal more or less swings the rate by 20 points or more.
const SmallSample = 5

// Widths of the win/loss table: keys (competitor names, reason labels) are cut to maxKeyWidth,
// and the bar gets what is left of tableWidth, between minBarWidth and maxBarWidth cells.
const (
	maxKeyWidth = 22
	minBarWidth = 14 // room for the small-sample marker, which stands in for the bar
	maxBarWidth = 20
)

// smallSampleMark replaces the bar of a group with too few decided deals to chart.
const smallSampleMark = "(small sample)"

// Bars spells the win-rate bar of a win/loss table and a rate that cannot be computed.
type Bars struct{ Full, Empty, None string }

// UnicodeBars draw the win-rate bar on UTF-8 terminals.
var UnicodeBars = Bars{Full: "█", Empty: "░", None: "—"}

// ASCIIBars draw the win-rate bar where Unicode may not display.
var ASCIIBars = Bars{Full: "#", Empty: ".", None: "-"}

// WinLoss is a win/loss analysis ready to render: what was selected, the overall tally, the
// breakdown by one dimension and the reasons most cited in losses and in wins.
type WinLoss struct {
	Query model.DealQuery
	By    model.Dimension
	// Subject is the name of Query.Competitor, or "" when all deals are selected.
	Subject string
	Overall model.WinLoss
	Groups  []WinLossGroup
	TopLoss []ReasonTally
	TopWin  []ReasonTally
	// First and Last are the close dates of the oldest and the newest deal selected.
	First, Last model.Date
	// Today, when set, ends the period of the title when the query leaves it open.
	Today model.Date
}

// WinLossGroup is one row of the breakdown with the text shown for its key: a competitor's
// name, a reason's label, or the key itself.
type WinLossGroup struct {
	model.Group
	Label string
}

// ReasonTally is a ranked reason with its label.
type ReasonTally struct {
	model.ReasonCount
	Label string
}

// NewWinLoss selects deals with q and tallies them overall and by the dimension by. names maps
// competitor slugs to names and labels maps reason codes to labels; keys missing from them are
// shown as they are.
func NewWinLoss(deals []model.Deal, q model.DealQuery, by model.Dimension, names, labels map[string]string) WinLoss {
	selected := q.Select(deals)
	r := newWinLoss(q, by, names)
	r.Overall = model.TallyDeals(selected)
	for _, d := range selected {
		if r.First.IsZero() || d.ClosedAt.Before(r.First) {
			r.First = d.ClosedAt
		}
		if r.Last.Before(d.ClosedAt) {
			r.Last = d.ClosedAt
		}
	}
	r.labelGroups(model.Breakdown(selected, by), names, labels)
	r.TopLoss = labelReasons(model.TopReasons(selected, model.OutcomeLost, TopReasonsLimit), labels)
	r.TopWin = labelReasons(model.TopReasons(selected, model.OutcomeWon, TopReasonsLimit), labels)
	return r
}

// NewWinLossCounted is NewWinLoss over deals the store counted instead of listing: the same
// analysis of the deals q selects, which c counts.
func NewWinLossCounted(c model.DealCounts, q model.DealQuery, by model.Dimension, names, labels map[string]string) WinLoss {
	r := newWinLoss(q, by, names)
	r.Overall, r.First, r.Last = c.Overall, c.First, c.Last
	r.labelGroups(model.BreakdownCounts(c.Groups, by), names, labels)
	r.TopLoss = labelReasons(model.RankReasons(c.Reasons[model.OutcomeLost], TopReasonsLimit), labels)
	r.TopWin = labelReasons(model.RankReasons(c.Reasons[model.OutcomeWon], TopReasonsLimit), labels)
	return r
}

// newWinLoss starts an analysis: what was selected and whom it is about.
func newWinLoss(q model.DealQuery, by model.Dimension, names map[string]string) WinLoss {
	r := WinLoss{Query: q, By: by, Subject: names[q.Competitor]}
	if q.Competitor != "" && r.Subject == "" {
		r.Subject = q.Competitor
	}
	return r
}

// labelGroups sets the breakdown, each group with the text shown for its key.
func (r *WinLoss) labelGroups(groups []model.Group, names, labels map[string]string) {
	for _, g := range groups {
		label := g.Key
		switch r.By {
		case model.ByCompetitor:
			label = orKey(names, g.Key)
		case model.ByReason:
			label = orKey(labels, g.Key)
		}
		r.Groups = append(r.Groups, WinLossGroup{Group: g, Label: label})
	}
}

// labelReasons gives ranked reasons their labels.
func labelReasons(counts []model.ReasonCount, labels map[string]string) []ReasonTally {
	var out []ReasonTally
	for _, c := range counts {
		out = append(out, ReasonTally{ReasonCount: c, Label: orKey(labels, c.Code)})
	}
	return out
}

// orKey looks key up in m, falling back to the key itself.
func orKey(m map[string]string, key string) string {
	if v, ok := m[key]; ok && v != "" {
		return v
	}
	return key
}

// Title says what was selected: "Deals against Harborline · 2025-01-01 to 2026-11-23 · segment
// mid-market". The period is the query's; where it is open, it starts at the first deal selected
// and ends today (or at the last deal, if that is later or Today is unset).
func (r WinLoss) Title() string {
	parts := []string{"All deals"}
	if r.Query.Competitor != "" {
		parts[0] = "Deals against " + termtext.Line(r.Subject)
	}
	from, to := r.Query.Since, r.Query.Until
	if from.IsZero() {
		from = r.First
	}
	if to.IsZero() {
		to = r.Last
		if to.Before(r.Today) {
			to = r.Today
		}
	}
	switch {
	case !from.IsZero() && !to.IsZero():
		parts = append(parts, from.String()+" to "+to.String())
	case !from.IsZero():
		parts = append(parts, "from "+from.String())
	case !to.IsZero():
		parts = append(parts, "up to "+to.String())
	}
	if r.Query.Segment != "" {
		parts = append(parts, "segment "+termtext.Line(r.Query.Segment))
	}
	if r.Query.Region != "" {
		parts = append(parts, "region "+termtext.Line(r.Query.Region))
	}
	if r.Query.Type != "" {
		parts = append(parts, string(r.Query.Type)+" deals")
	}
	return strings.Join(parts, " · ")
}

// Tally renders an overall count with its win rate: "62 won · 38 lost · 9 no decision · win
// rate 62.0% of 100".
func Tally(w model.WinLoss) string {
	s := fmt.Sprintf("%d won · %d lost · %d no decision · ", w.Won, w.Lost, w.NoDecision)
	if _, ok := w.WinRateTenths(); !ok {
		return s + "no decided deals, so no win rate"
	}
	return s + "win rate " + w.RateText()
}

// rateText renders a win rate as "62.5%", or none when no deal was decided.
func rateText(w model.WinLoss, none string) string {
	t, ok := w.WinRateTenths()
	if !ok {
		return none
	}
	return fmt.Sprintf("%d.%d%%", t/10, t%10)
}

// Bar draws a win rate as cells cells of b.Full (won) and b.Empty (lost), rounded to the
// nearest cell; "" when no deal was decided.
func Bar(w model.WinLoss, cells int, b Bars) string {
	t, ok := w.WinRateTenths()
	if !ok || cells <= 0 {
		return ""
	}
	full := int((t*int64(cells) + 500) / 1000)
	return strings.Repeat(b.Full, full) + strings.Repeat(b.Empty, cells-full)
}

// WinLossText writes the analysis for a terminal or a pipe, within 80 columns: the title, the
// overall tally, the breakdown table with a win-rate bar per group (groups with fewer than
// SmallSample decided deals are marked instead), then, unless the breakdown is by reason, the
// top loss and win reasons.
func WinLossText(w io.Writer, r WinLoss, bars Bars) error {
	var b strings.Builder
	b.WriteString(r.Title() + "\n")
	if r.Overall == (model.WinLoss{}) {
		b.WriteString("no deals match\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString(Tally(r.Overall) + "\n\n")
	writeWinLossRows(&b, r, bars)
	if r.By != model.ByReason {
		writeReasons(&b, "Top loss reasons", r.TopLoss)
		writeReasons(&b, "Top win reasons", r.TopWin)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeWinLossRows lays the breakdown out in columns: the key left-aligned and cut to its cap,
// counts right-aligned, then the bar, whose width is what 80 columns leave.
func writeWinLossRows(b *strings.Builder, r WinLoss, bars Bars) {
	rows := [][]string{{strings.ToUpper(string(r.By)), "WON", "LOST", "NO DECISION", "WIN RATE", "N"}}
	for _, g := range r.Groups {
		rows = append(rows, []string{truncate(termtext.Line(g.Label), maxKeyWidth), strconv.Itoa(g.Won),
			strconv.Itoa(g.Lost), strconv.Itoa(g.NoDecision), rateText(g.WinLoss, bars.None), strconv.Itoa(g.Decided())})
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], width(cell))
		}
	}
	used := 0
	for _, n := range widths {
		used += n + 2
	}
	cells := min(max(tableWidth-used, minBarWidth), maxBarWidth)
	for i, row := range rows {
		line := pad(row[0], widths[0])
		for j := 1; j < len(row); j++ {
			line += "  " + padLeft(row[j], widths[j])
		}
		if i > 0 {
			g := r.Groups[i-1]
			if n := g.Decided(); n > 0 && n < SmallSample {
				line += "  " + smallSampleMark
			} else {
				line += "  " + Bar(g.WinLoss, cells, bars)
			}
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
}

// writeReasons lists ranked reasons under a heading: "  Price (12 deals, 8 primary)".
func writeReasons(b *strings.Builder, heading string, reasons []ReasonTally) {
	fmt.Fprintf(b, "\n%s\n", heading)
	if len(reasons) == 0 {
		b.WriteString("  none recorded\n")
	}
	for _, c := range reasons {
		fmt.Fprintf(b, "  %s (%s, %d primary)\n", truncate(termtext.Line(c.Label), 60), plural(c.Deals, "deal"), c.Primary)
	}
}

// plural counts things: "1 deal", "12 deals".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// winLossJSON is the shape of `rivals winloss --json`; every field is always present.
type winLossJSON struct {
	Query          winLossQuery `json:"query"`
	Overall        tallyJSON    `json:"overall"`
	Groups         []groupJSON  `json:"groups"`
	TopLossReasons []reasonJSON `json:"top_loss_reasons"`
	TopWinReasons  []reasonJSON `json:"top_win_reasons"`
}

type winLossQuery struct {
	Competitor string          `json:"competitor"`
	Since      model.Date      `json:"since"`
	Until      model.Date      `json:"until"`
	Segment    string          `json:"segment"`
	Region     string          `json:"region"`
	Type       model.DealType  `json:"type,omitempty"`
	By         model.Dimension `json:"by"`
}

type tallyJSON struct {
	Won        int      `json:"won"`
	Lost       int      `json:"lost"`
	NoDecision int      `json:"no_decision"`
	Decided    int      `json:"decided"`
	WinRate    *float64 `json:"win_rate"`
}

type groupJSON struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	tallyJSON
}

type reasonJSON struct {
	Code    string `json:"code"`
	Label   string `json:"label"`
	Deals   int    `json:"deals"`
	Primary int    `json:"primary"`
}

// WinRate returns the win rate as a fraction rounded to 3 decimals (the precision of the
// "62.5%" shown), or nil when no deal was decided.
func WinRate(w model.WinLoss) *float64 {
	t, ok := w.WinRateTenths()
	if !ok {
		return nil
	}
	f := float64(t) / 1000
	return &f
}

func tallyOf(w model.WinLoss) tallyJSON {
	return tallyJSON{Won: w.Won, Lost: w.Lost, NoDecision: w.NoDecision, Decided: w.Decided(), WinRate: WinRate(w)}
}

func reasonsJSON(rs []ReasonTally) []reasonJSON {
	out := []reasonJSON{}
	for _, c := range rs {
		out = append(out, reasonJSON{Code: c.Code, Label: c.Label, Deals: c.Deals, Primary: c.Primary})
	}
	return out
}

// WinLossJSON writes the analysis for programs: the query, the overall tally, the groups and
// the top loss and win reasons. Win rates are fractions (0.625) or null with no decided deal.
func WinLossJSON(w io.Writer, r WinLoss) error {
	q := r.Query
	out := winLossJSON{
		Query:          winLossQuery{Competitor: q.Competitor, Since: q.Since, Until: q.Until, Segment: q.Segment, Region: q.Region, Type: q.Type, By: r.By},
		Overall:        tallyOf(r.Overall),
		Groups:         []groupJSON{},
		TopLossReasons: reasonsJSON(r.TopLoss),
		TopWinReasons:  reasonsJSON(r.TopWin),
	}
	for _, g := range r.Groups {
		out.Groups = append(out.Groups, groupJSON{Key: g.Key, Label: g.Label, tallyJSON: tallyOf(g.WinLoss)})
	}
	return termtext.WriteJSON(w, out)
}

// WinLossCSV writes the breakdown as RFC 4180 CSV, one row per group: key, label, won, lost,
// no_decision, decided, win_rate (a fraction, empty with no decided deal). Text cells cannot
// run as spreadsheet formulas.
func WinLossCSV(w io.Writer, r WinLoss) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"key", "label", "won", "lost", "no_decision", "decided", "win_rate"}); err != nil {
		return err
	}
	for _, g := range r.Groups {
		rate := ""
		if f := WinRate(g.WinLoss); f != nil {
			rate = strconv.FormatFloat(*f, 'f', -1, 64)
		}
		row := []string{CSVSafe(g.Key), CSVSafe(g.Label), strconv.Itoa(g.Won), strconv.Itoa(g.Lost),
			strconv.Itoa(g.NoDecision), strconv.Itoa(g.Decided()), rate}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// DealQuery selects the deals an analysis covers. Zero fields select everything.
type DealQuery struct {
	// Competitor keeps deals that faced this competitor (slug), as primary or not.
	Competitor string `json:"competitor,omitempty"`
	// Since and Until bound the close date, both inclusive.
	Since Date `json:"since,omitzero"`
	Until Date `json:"until,omitzero"`
	// Segment keeps deals of this segment (case-insensitive).
	Segment string `json:"segment,omitempty"`
	// Region keeps deals of this region (case-insensitive).
	Region string `json:"region,omitempty"`
	// Type keeps deals of this type (new, expansion, renewal, churn).
	Type DealType `json:"type,omitempty"`
}

// Match reports whether d is selected.
func (q DealQuery) Match(d Deal) bool {
	switch {
	case q.Competitor != "" && !slices.Contains(d.Competitors, q.Competitor):
		return false
	case !q.Since.IsZero() && d.ClosedAt.Before(q.Since):
		return false
	case !q.Until.IsZero() && q.Until.Before(d.ClosedAt):
		return false
	case q.Segment != "" && !strings.EqualFold(q.Segment, d.Segment):
		return false
	case q.Region != "" && !strings.EqualFold(q.Region, d.Region):
		return false
	case q.Type != "" && q.Type != d.Type:
		return false
	}
	return true
}

// Select returns the deals q matches, in their order.
func (q DealQuery) Select(deals []Deal) []Deal {
	var out []Deal
	for _, d := range deals {
		if q.Match(d) {
			out = append(out, d)
		}
	}
	return out
}

// WinRateTenths returns the win rate in tenths of a percent (625 is 62.5%), rounded half away
// from zero, and false when no deal was decided.
func (w WinLoss) WinRateTenths() (int64, bool) {
	n := w.Decided()
	if n == 0 {
		return 0, false
	}
	return roundDiv(int64(w.Won)*1000, int64(n)), true
}

// RateText renders the win rate with its sample size: "62.5% of 16", or "no decided deals".
func (w WinLoss) RateText() string {
	t, ok := w.WinRateTenths()
	if !ok {
		return "no decided deals"
	}
	return fmt.Sprintf("%d.%d%% of %d", t/10, t%10, w.Decided())
}

// Dimension is what a win/loss breakdown groups deals by.
type Dimension string

// Breakdown dimensions.
const (
	ByCompetitor Dimension = "competitor"
	ByQuarter    Dimension = "quarter"
	BySegment    Dimension = "segment"
	ByRegion     Dimension = "region"
	ByReason     Dimension = "reason"
	ByType       Dimension = "type"
)

// Dimensions lists the valid breakdown dimensions.
var Dimensions = []Dimension{ByCompetitor, ByQuarter, BySegment, ByRegion, ByReason, ByType}

// Unspecified is the group of deals with no value for a dimension (no segment, no reason).
const Unspecified = "(none)"

// Group is one row of a breakdown: the deals sharing a key, tallied.
type Group struct {
	Key string `json:"key"`
	WinLoss
}

// QuarterOf names the calendar quarter of a date: "2026-Q3". Dates are calendar days as
// recorded (a deal's close date), so no time zone is involved; "today" is the user's local date.
func QuarterOf(d Date) string {
	return fmt.Sprintf("%d-Q%d", d.Year(), (int(d.Time().Month())-1)/3+1)
}

// Breakdown tallies deals by a dimension.
//   - competitor: a deal counts for every competitor it faced, so a three-way loss is a loss
//     against both rivals; groups are sorted by decided deals, most first.
//   - quarter: every quarter from the first deal's to the last deal's, empty ones included so
//     a chart has no gaps, oldest first.
//   - segment, region, type: one group per value, ignoring case (Unspecified for none), most
//     decided first.
//   - reason: a deal counts under every reason it cites (Unspecified for none), most deals
//     first; a reason's "win rate" is the share of decided deals citing it that were won.
//
// Ties are broken by key, so the order is stable.
func Breakdown(deals []Deal, by Dimension) []Group {
	var gs groupSet
	for _, d := range deals {
		one := WinLoss{}.add(d.Outcome)
		switch by {
		case ByCompetitor:
			for _, c := range d.Competitors {
				gs.add(c, one)
			}
		case ByQuarter:
			gs.add(QuarterOf(d.ClosedAt), one)
		case BySegment:
			gs.add(d.Segment, one)
		case ByRegion:
			gs.add(d.Region, one)
		case ByType:
			gs.add(string(d.Type), one)
		case ByReason:
			if len(d.Reasons) == 0 {
				gs.add("", one)
			}
			for _, r := range d.Reasons {
				gs.add(r, one)
			}
		}
	}
	return gs.ordered(by)
}

// BreakdownCounts is Breakdown over deals already counted by key: counts holds a key's tally
// per stored spelling, the spelling with the newest deal first (as Breakdown sees deals,
// newest first), so the groups and their order are Breakdown's.
func BreakdownCounts(counts []Group, by Dimension) []Group {
	var gs groupSet
	for _, c := range counts {
		gs.add(c.Key, c.WinLoss)
	}
	return gs.ordered(by)
}

// groupSet gathers the groups of a breakdown.
type groupSet struct {
	index  map[string]int
	groups []Group
}

// add counts w under key. Segments and regions are typed by people: "SMB" and "smb" are one
// group, shown as first written.
func (gs *groupSet) add(key string, w WinLoss) {
	if key == "" {
		key = Unspecified
	}
	id := strings.ToLower(key)
	i, ok := gs.index[id]
	if !ok {
		if gs.index == nil {
			gs.index = map[string]int{}
		}
		i = len(gs.groups)
		gs.index[id] = i
		gs.groups = append(gs.groups, Group{Key: key})
	}
	g := &gs.groups[i].WinLoss
	g.Won, g.Lost, g.NoDecision = g.Won+w.Won, g.Lost+w.Lost, g.NoDecision+w.NoDecision
}

// ordered returns the groups in a breakdown's order (see Breakdown).
func (gs *groupSet) ordered(by Dimension) []Group {
	groups := gs.groups
	if by == ByQuarter {
		return fillQuarters(groups)
	}
	slices.SortStableFunc(groups, func(a, b Group) int {
		if c := cmp.Compare(b.Decided()+b.NoDecision, a.Decided()+a.NoDecision); by == ByReason && c != 0 {
			return c
		}
		if c := cmp.Compare(b.Decided(), a.Decided()); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return groups
}

// add counts one more deal of an outcome.
func (w WinLoss) add(o Outcome) WinLoss {
	switch o {
	case OutcomeWon:
		w.Won++
	case OutcomeLost:
		w.Lost++
	case OutcomeNoDecision:
		w.NoDecision++
	}
	return w
}

// fillQuarters sorts quarter groups and adds the empty quarters between them.
func fillQuarters(groups []Group) []Group {
	if len(groups) == 0 {
		return nil
	}
	have := map[string]Group{}
	first, last := groups[0].Key, groups[0].Key
	for _, g := range groups {
		have[g.Key] = g
		first, last = min(first, g.Key), max(last, g.Key)
	}
	var out []Group
	year, q := parseQuarter(first)
	for {
		key := fmt.Sprintf("%d-Q%d", year, q)
		g, ok := have[key]
		if !ok {
			g = Group{Key: key}
		}
		out = append(out, g)
		if key == last || len(out) > 4*400 {
			return out
		}
		if q++; q == 5 {
			year, q = year+1, 1
		}
	}
}

func parseQuarter(key string) (year, q int) {
	fmt.Sscanf(key, "%d-Q%d", &year, &q)
	return year, q
}

// ReasonCount is how often a reason is cited by deals of one outcome.
type ReasonCount struct {
	Code string `json:"code"`
	// Deals cite the reason at all; Primary cite it as the primary reason.
	Deals   int `json:"deals"`
	Primary int `json:"primary"`
}

// TopReasons ranks the reasons cited by deals with the given outcome: most citing deals first,
// then most often primary, then by code. At most limit are returned (all when limit ≤ 0).
func TopReasons(deals []Deal, outcome Outcome, limit int) []ReasonCount {
	index := map[string]int{}
	var out []ReasonCount
	for _, d := range deals {
		if d.Outcome != outcome {
			continue
		}
		for _, r := range d.Reasons {
			i, ok := index[r]
			if !ok {
				i = len(out)
				index[r] = i
				out = append(out, ReasonCount{Code: r})
			}
			out[i].Deals++
			if r == d.PrimaryReason {
				out[i].Primary++
			}
		}
	}
	return RankReasons(out, limit)
}

// RankReasons orders reason counts as TopReasons does (most citing deals first, then most
// often primary, then by code) and keeps at most limit (all when limit ≤ 0). It sorts counts
// in place.
func RankReasons(out []ReasonCount, limit int) []ReasonCount {
	slices.SortFunc(out, func(a, b ReasonCount) int {
		if c := cmp.Compare(b.Deals, a.Deals); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Primary, a.Primary); c != 0 {
			return c
		}
		return cmp.Compare(a.Code, b.Code)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// roundDiv divides non-negative a by positive b, rounding half up.
func roundDiv(a, b int64) int64 {
	return (a + b/2) / b
}

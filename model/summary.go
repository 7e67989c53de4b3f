package model

// WinLoss tallies deal outcomes. Win rate counts only decided deals: won / (won + lost);
// no-decision deals are reported separately.
type WinLoss struct {
	Won        int `json:"won"`
	Lost       int `json:"lost"`
	NoDecision int `json:"no_decision"`
}

// TallyDeals counts the outcomes of deals.
func TallyDeals(deals []Deal) WinLoss {
	var w WinLoss
	for _, d := range deals {
		w = w.add(d.Outcome)
	}
	return w
}

// Decided returns the number of deals with a winner: the n behind the win rate.
func (w WinLoss) Decided() int { return w.Won + w.Lost }

// WinRate returns won / (won + lost) as a fraction, and false when no deal was decided.
func (w WinLoss) WinRate() (float64, bool) {
	n := w.Decided()
	if n == 0 {
		return 0, false
	}
	return float64(w.Won) / float64(n), true
}

// MatrixSummary counts one product's support levels across all features; features without a
// cell count as unknown. Stale counts cells whose verification is older than StaleFactDays.
type MatrixSummary struct {
	Levels map[Level]int `json:"levels"`
	Stale  int           `json:"stale"`
	Total  int           `json:"total"`
}

// SummarizeSupport summarizes the cells of one competitor against the full feature list.
func SummarizeSupport(features []Feature, cells []Support, today Date) MatrixSummary {
	s := MatrixSummary{Levels: map[Level]int{}, Total: len(features)}
	byFeature := make(map[string]Support, len(cells))
	for _, c := range cells {
		byFeature[c.Feature] = c
	}
	for _, f := range features {
		c, ok := byFeature[f.Key]
		if !ok {
			s.Levels[LevelUnknown]++
			continue
		}
		s.Levels[c.Level]++
		if IsStale(c.VerifiedAt, today, StaleFactDays) {
			s.Stale++
		}
	}
	return s
}

// AddN counts n more deals of an outcome; other outcomes are not counted.
func (w WinLoss) AddN(o Outcome, n int) WinLoss {
	switch o {
	case OutcomeWon:
		w.Won += n
	case OutcomeLost:
		w.Lost += n
	case OutcomeNoDecision:
		w.NoDecision += n
	}
	return w
}

// ProfileTally is what an overview of the catalog shows about one competitor without reading
// its details: its matrix summary and its deals by outcome in the default window
// (RecordWindow).
type ProfileTally struct {
	Matrix  MatrixSummary
	WinLoss WinLoss
}

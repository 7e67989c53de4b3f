package model

import "fmt"

// RecordWindowLabel names the default window of a win rate shown beside a competitor (the
// Overview, call prep, the battle card, `rivals show`): the deals closed in the last
// EvidenceWindowDays days.
const RecordWindowLabel = "last 12 months"

// AllTimeLabel names the window of a win rate over every deal recorded.
const AllTimeLabel = "all time"

// RecordWindow is the default window of a win rate on today: the deals closed from since to
// today, both inclusive.
func RecordWindow(today Date) DealQuery {
	return DealQuery{Since: today.AddDays(-EvidenceWindowDays), Until: today}
}

// RateInWindow words a win rate with its sample and the window it covers, so two rates over
// different windows cannot be mistaken for each other: "51% of 35 decided, last 12 months",
// "44% of 63 decided, all time", "no decided deals, last 12 months".
func (w WinLoss) RateInWindow(window string) string {
	n := w.Decided()
	if n == 0 {
		return "no decided deals, " + window
	}
	return fmt.Sprintf("%d%% of %d decided, %s", roundDiv(int64(w.Won)*100, int64(n)), n, window)
}

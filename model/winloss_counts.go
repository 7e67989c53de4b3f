package model

// DealCounts are the deals a win/loss analysis selects, counted instead of listed, so that an
// analysis of any number of deals is built from a few rows.
type DealCounts struct {
	Overall WinLoss
	// First and Last are the close dates of the oldest and the newest deal counted.
	First, Last Date
	// Groups tally the deals per key of the breakdown's dimension, as BreakdownCounts takes
	// them.
	Groups []Group
	// Reasons counts the reasons cited by the deals of each outcome, in no order.
	Reasons map[Outcome][]ReasonCount
}

package model

import (
	"cmp"
	"slices"
)

// Evidence drafting rules.
const (
	// EvidenceWindowDays is how far back deal evidence looks.
	EvidenceWindowDays = 365
	// EvidenceFeatures is how many feature advantages and gaps are drafted.
	EvidenceFeatures = 5
	// EvidenceReasons is how many win and loss reasons are drafted.
	EvidenceReasons = 3
	// EvidenceNotes is how many of the newest intel notes are drafted.
	EvidenceNotes = 3
)

// FeatureEvidence is a feature where our product and a rival differ in the matrix.
type FeatureEvidence struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Weight   int    `json:"weight"`
	Ours     Level  `json:"ours"`
	Theirs   Level  `json:"theirs"`
	// Note and VerifiedAt are the rival's cell's: what the claim about them rests on.
	Note       string `json:"note,omitempty"`
	VerifiedAt Date   `json:"verified_at,omitzero"`
}

// Evidence is what the catalog says about a rival, drafted for its battle card. It is derived
// data, never mixed into the hand-written card; every part keeps what it was drawn from.
type Evidence struct {
	Competitor string `json:"competitor"`
	// Advantages are the features where our credit is higher, gaps where theirs is, each
	// ranked by weight × the difference in credit, then weight, then name.
	Advantages []FeatureEvidence `json:"advantages"`
	Gaps       []FeatureEvidence `json:"gaps"`
	// DealsSince is the start of the deal window; Record tallies the deals against the rival
	// closed since then.
	DealsSince Date    `json:"deals_since"`
	Record     WinLoss `json:"record"`
	// LossReasons are why we lost to them, WinReasons why we won, in the window.
	LossReasons []ReasonCount `json:"loss_reasons"`
	WinReasons  []ReasonCount `json:"win_reasons"`
	// Price is the rival's quote at the typical deal size, with its delta to ours.
	Price *Quote `json:"price,omitempty"`
	// Notes are the newest intel notes about the rival.
	Notes []IntelNote `json:"notes"`
}

// DraftEvidence draws a rival's evidence from the catalog: the matrix (our product is self),
// the deals, a price quote of both products (nil for none) and the rival's notes. It is
// deterministic: the same catalog and day give the same evidence.
func DraftEvidence(self, rival Competitor, features []Feature, cells []Support, deals []Deal, price *Quote, notes []IntelNote, today Date) Evidence {
	e := Evidence{Competitor: rival.Slug, DealsSince: RecordWindow(today).Since,
		Advantages: []FeatureEvidence{}, Gaps: []FeatureEvidence{}, Notes: []IntelNote{}}
	if self.Slug != "" {
		m := NewMatrix([]Competitor{self, rival}, features, cells)
		for _, f := range m.Features {
			if f.Weight <= 0 {
				continue
			}
			theirs := m.Cell(rival.Slug, f.Key)
			fe := FeatureEvidence{Key: f.Key, Name: f.Name, Category: f.Category, Weight: f.Weight,
				Ours: m.Level(self.Slug, f.Key), Theirs: theirs.Level, Note: theirs.Note, VerifiedAt: theirs.VerifiedAt}
			switch m.Outcome(rival.Slug, f.Key) {
			case 1:
				e.Advantages = append(e.Advantages, fe)
			case -1:
				e.Gaps = append(e.Gaps, fe)
			}
		}
	}
	rank := func(fs []FeatureEvidence) []FeatureEvidence {
		slices.SortStableFunc(fs, func(a, b FeatureEvidence) int {
			if c := cmp.Compare(impact(b), impact(a)); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Weight, a.Weight); c != 0 {
				return c
			}
			return cmp.Compare(a.Name, b.Name)
		})
		return fs[:min(len(fs), EvidenceFeatures)]
	}
	e.Advantages, e.Gaps = rank(e.Advantages), rank(e.Gaps)

	recent := DealQuery{Competitor: rival.Slug, Since: e.DealsSince, Until: today}.Select(deals)
	e.Record = TallyDeals(recent)
	e.LossReasons = orEmpty(TopReasons(recent, OutcomeLost, EvidenceReasons))
	e.WinReasons = orEmpty(TopReasons(recent, OutcomeWon, EvidenceReasons))
	e.Price = price

	newest := slices.Clone(notes)
	slices.SortStableFunc(newest, func(a, b IntelNote) int { return b.Date.Compare(a.Date) })
	for _, n := range newest {
		if n.Competitor == rival.Slug && len(e.Notes) < EvidenceNotes {
			e.Notes = append(e.Notes, n)
		}
	}
	return e
}

// impact is a feature difference's size: weight × the difference in credit, in halves.
func impact(f FeatureEvidence) int {
	d := Credit(f.Ours) - Credit(f.Theirs)
	if d < 0 {
		d = -d
	}
	return f.Weight * int(d*2)
}

func orEmpty(r []ReasonCount) []ReasonCount {
	if r == nil {
		return []ReasonCount{}
	}
	return r
}

package model

import (
	"slices"
	"strings"
)

// CatalogVersion is the catalog format version this build reads and writes.
const CatalogVersion = 1

// Catalog is a whole competitive-intelligence catalog (or a part of one) as one value: the unit
// of import, export and the demo data.
type Catalog struct {
	Version     int          `json:"version"`
	Competitors []Competitor `json:"competitors,omitempty"`
	Features    []Feature    `json:"features,omitempty"`
	Support     []Support    `json:"support,omitempty"`
	Plans       []PricePlan  `json:"plans,omitempty"`
	ReasonCodes []ReasonCode `json:"reason_codes,omitempty"`
	Deals       []Deal       `json:"deals,omitempty"`
	Cards       []BattleCard `json:"cards,omitempty"`
	Notes       []IntelNote  `json:"notes,omitempty"`
}

// Catalog kinds, as named in the catalog format and in import reports.
const (
	KindCompetitors = "competitors"
	KindFeatures    = "features"
	KindSupport     = "support"
	KindPlans       = "plans"
	KindReasonCodes = "reason_codes"
	KindDeals       = "deals"
	KindCards       = "cards"
	KindNotes       = "notes"
)

// CatalogKinds lists the kinds in the order they are imported (referenced kinds first).
var CatalogKinds = []string{KindCompetitors, KindFeatures, KindSupport, KindPlans, KindReasonCodes, KindDeals, KindCards, KindNotes}

// Normalize normalizes every record in place.
func (c *Catalog) Normalize() {
	for i := range c.Competitors {
		c.Competitors[i].Normalize()
	}
	for i := range c.Features {
		c.Features[i].Normalize()
	}
	for i := range c.Support {
		c.Support[i].Normalize()
	}
	for i := range c.Plans {
		c.Plans[i].Normalize()
	}
	for i := range c.ReasonCodes {
		c.ReasonCodes[i].Normalize()
	}
	for i := range c.Deals {
		c.Deals[i].Normalize()
	}
	for i := range c.Cards {
		c.Cards[i].Normalize()
	}
	for i := range c.Notes {
		c.Notes[i].Normalize()
	}
}

// Sort puts every list into the canonical export order, so that the same catalog always
// serializes to the same bytes. Plans keep their relative order within a competitor (it is
// meaningful: cheapest first, as on a pricing page); observations are oldest first.
func (c *Catalog) Sort() {
	slices.SortStableFunc(c.Competitors, func(a, b Competitor) int {
		if a.IsSelf != b.IsSelf {
			if a.IsSelf {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	slices.SortStableFunc(c.Features, func(a, b Feature) int {
		return cmpStrings(a.Category, b.Category, a.Key, b.Key)
	})
	slices.SortStableFunc(c.Support, func(a, b Support) int {
		return cmpStrings(a.Competitor, b.Competitor, a.Feature, b.Feature)
	})
	slices.SortStableFunc(c.Plans, func(a, b PricePlan) int { return strings.Compare(a.Competitor, b.Competitor) })
	for i := range c.Plans {
		slices.SortStableFunc(c.Plans[i].Observations, func(a, b PriceObservation) int { return a.ObservedAt.Compare(b.ObservedAt) })
	}
	slices.SortStableFunc(c.ReasonCodes, func(a, b ReasonCode) int { return strings.Compare(a.Code, b.Code) })
	slices.SortStableFunc(c.Deals, func(a, b Deal) int {
		if n := a.ClosedAt.Compare(b.ClosedAt); n != 0 {
			return n
		}
		return strings.Compare(a.Ref, b.Ref)
	})
	slices.SortStableFunc(c.Cards, func(a, b BattleCard) int { return strings.Compare(a.Competitor, b.Competitor) })
	slices.SortStableFunc(c.Notes, func(a, b IntelNote) int {
		if n := strings.Compare(a.Competitor, b.Competitor); n != 0 {
			return n
		}
		if n := a.Date.Compare(b.Date); n != 0 {
			return n
		}
		return strings.Compare(a.Title, b.Title)
	})
}

// cmpStrings compares pairs of strings lexicographically: first a1/b1, then a2/b2.
func cmpStrings(a1, b1, a2, b2 string) int {
	if n := strings.Compare(a1, b1); n != 0 {
		return n
	}
	return strings.Compare(a2, b2)
}

// Len counts the records of every kind in c (a plan's observations are part of its plan).
func (c Catalog) Len() int {
	return len(c.Competitors) + len(c.Features) + len(c.Support) + len(c.Plans) +
		len(c.ReasonCodes) + len(c.Deals) + len(c.Cards) + len(c.Notes)
}

// Append adds the records of o after those of c, kind by kind.
func (c *Catalog) Append(o Catalog) {
	c.Competitors = append(c.Competitors, o.Competitors...)
	c.Features = append(c.Features, o.Features...)
	c.Support = append(c.Support, o.Support...)
	c.Plans = append(c.Plans, o.Plans...)
	c.ReasonCodes = append(c.ReasonCodes, o.ReasonCodes...)
	c.Deals = append(c.Deals, o.Deals...)
	c.Cards = append(c.Cards, o.Cards...)
	c.Notes = append(c.Notes, o.Notes...)
	if c.Version == 0 {
		c.Version = o.Version
	}
}

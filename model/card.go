package model

import "strings"

// Objection pairs a buyer's objection with the answer that handles it.
type Objection struct {
	Objection string `json:"objection"`
	Response  string `json:"response"`
}

// BattleCard is the sales-facing page about one competitor. Each competitor has at most one;
// its natural key is Competitor.
type BattleCard struct {
	Competitor       string      `json:"competitor"`
	Owner            string      `json:"owner,omitempty"`
	LastReviewed     Date        `json:"last_reviewed,omitzero"`
	Overview         string      `json:"overview,omitempty"`
	WhyWeWin         []string    `json:"why_we_win,omitempty"`
	WhyTheyWin       []string    `json:"why_they_win,omitempty"`
	Objections       []Objection `json:"objections,omitempty"`
	Landmines        []string    `json:"landmines,omitempty"`
	QuickDismisses   []string    `json:"quick_dismisses,omitempty"`
	ProofPoints      []string    `json:"proof_points,omitempty"`
	PricingTalkTrack string      `json:"pricing_talk_track,omitempty"`
}

// CardListSection names a bullet-list section of a battle card.
type CardListSection string

// The bullet-list sections of a battle card, in reading order.
const (
	SectionWhyWeWin       CardListSection = "why_we_win"
	SectionWhyTheyWin     CardListSection = "why_they_win"
	SectionLandmines      CardListSection = "landmines"
	SectionQuickDismisses CardListSection = "quick_dismisses"
	SectionProofPoints    CardListSection = "proof_points"
)

// CardListSections lists the bullet-list sections in reading order.
var CardListSections = []CardListSection{SectionWhyWeWin, SectionWhyTheyWin, SectionLandmines, SectionQuickDismisses, SectionProofPoints}

// List returns the items of a bullet-list section.
func (c *BattleCard) List(s CardListSection) []string {
	switch s {
	case SectionWhyWeWin:
		return c.WhyWeWin
	case SectionWhyTheyWin:
		return c.WhyTheyWin
	case SectionLandmines:
		return c.Landmines
	case SectionQuickDismisses:
		return c.QuickDismisses
	case SectionProofPoints:
		return c.ProofPoints
	}
	return nil
}

// SetList replaces the items of a bullet-list section.
func (c *BattleCard) SetList(s CardListSection, items []string) {
	switch s {
	case SectionWhyWeWin:
		c.WhyWeWin = items
	case SectionWhyTheyWin:
		c.WhyTheyWin = items
	case SectionLandmines:
		c.Landmines = items
	case SectionQuickDismisses:
		c.QuickDismisses = items
	case SectionProofPoints:
		c.ProofPoints = items
	}
}

// IsEmpty reports whether the card has no content at all.
func (c BattleCard) IsEmpty() bool {
	if c.Overview != "" || c.PricingTalkTrack != "" || len(c.Objections) > 0 {
		return false
	}
	for _, s := range CardListSections {
		if len(c.List(s)) > 0 {
			return false
		}
	}
	return true
}

// Normalize trims white space. Blank bullets and objections are kept so validation can name
// them by their position.
func (c *BattleCard) Normalize() {
	c.Competitor = strings.TrimSpace(c.Competitor)
	c.Owner = strings.TrimSpace(c.Owner)
	c.Overview = strings.TrimSpace(c.Overview)
	c.PricingTalkTrack = strings.TrimSpace(c.PricingTalkTrack)
	for _, s := range CardListSections {
		c.SetList(s, trimAll(c.List(s)))
	}
	if len(c.Objections) == 0 {
		c.Objections = nil
	}
	for i := range c.Objections {
		o := &c.Objections[i]
		o.Objection = strings.TrimSpace(o.Objection)
		o.Response = strings.TrimSpace(o.Response)
	}
}

// Validate checks every field and returns the first problem as a *FieldError.
func (c BattleCard) Validate() error {
	if err := checkSlug("competitor", c.Competitor); err != nil {
		return err
	}
	if err := checkText("owner", c.Owner, false, MaxNameLen); err != nil {
		return err
	}
	if err := checkText("overview", c.Overview, false, MaxTextLen); err != nil {
		return err
	}
	for _, s := range CardListSections {
		for i, item := range c.List(s) {
			if err := checkText(string(s)+"["+itoa(i)+"]", item, true, MaxTextLen); err != nil {
				return err
			}
		}
	}
	for i, o := range c.Objections {
		f := "objections[" + itoa(i) + "]"
		if err := checkText(f+".objection", o.Objection, true, MaxTextLen); err != nil {
			return err
		}
		if err := checkText(f+".response", o.Response, true, MaxTextLen); err != nil {
			return err
		}
	}
	return checkText("pricing_talk_track", c.PricingTalkTrack, false, MaxTextLen)
}

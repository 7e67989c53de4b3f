package model

import "strings"

// Objection pairs a buyer's objection with the answer that handles it; the citation is the
// answer's.
type Objection struct {
	Objection string `json:"objection"`
	Response  string `json:"response"`
	Citation
}

// BattleCard is the sales-facing page about one competitor. Each competitor has at most one;
// its natural key is Competitor.
type BattleCard struct {
	Competitor   string `json:"competitor"`
	Owner        string `json:"owner,omitempty"`
	LastReviewed Date   `json:"last_reviewed,omitzero"`
	// QuickRead is the 30-second read: at most MaxQuickReadLines lines, first on every page.
	QuickRead      string      `json:"quick_read,omitempty"`
	Overview       string      `json:"overview,omitempty"`
	WhyWeWin       []Claim     `json:"why_we_win,omitempty"`
	WhyTheyWin     []Claim     `json:"why_they_win,omitempty"`
	Objections     []Objection `json:"objections,omitempty"`
	Landmines      []Claim     `json:"landmines,omitempty"`
	QuickDismisses []Claim     `json:"quick_dismisses,omitempty"`
	ProofPoints    []Claim     `json:"proof_points,omitempty"`
	// DoNotSay lists claims a seller must not make: outdated, legally risky or backfiring.
	DoNotSay         []string `json:"do_not_say,omitempty"`
	PricingTalkTrack string   `json:"pricing_talk_track,omitempty"`
}

// MaxQuickReadLines bounds the 30-second read.
const MaxQuickReadLines = 3

// QuickReadLines returns the 30-second read's non-blank lines, trimmed.
func (c BattleCard) QuickReadLines() []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(c.QuickRead, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
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
func (c *BattleCard) List(s CardListSection) []Claim {
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
func (c *BattleCard) SetList(s CardListSection, items []Claim) {
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
	if c.Overview != "" || c.PricingTalkTrack != "" || len(c.Objections) > 0 || c.QuickRead != "" || len(c.DoNotSay) > 0 {
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
	c.QuickRead = strings.Join(c.QuickReadLines(), "\n")
	c.DoNotSay = trimAll(c.DoNotSay)
	for _, s := range CardListSections {
		c.SetList(s, trimClaims(c.List(s)))
	}
	if len(c.Objections) == 0 {
		c.Objections = nil
	}
	for i := range c.Objections {
		o := &c.Objections[i]
		o.Objection = strings.TrimSpace(o.Objection)
		o.Response = strings.TrimSpace(o.Response)
		o.Citation.normalize()
	}
}

// trimClaims trims every claim of a list; an empty list becomes nil.
func trimClaims(items []Claim) []Claim {
	if len(items) == 0 {
		return nil
	}
	out := make([]Claim, len(items))
	for i, it := range items {
		it.Text = strings.TrimSpace(it.Text)
		it.Citation.normalize()
		out[i] = it
	}
	return out
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
	if err := checkText("quick_read", c.QuickRead, false, MaxTextLen); err != nil {
		return err
	}
	if n := len(c.QuickReadLines()); n > MaxQuickReadLines {
		return fieldErr("quick_read", "has %d lines (at most %d: it is read in 30 seconds)", n, MaxQuickReadLines)
	}
	for i, item := range c.DoNotSay {
		if err := checkText("do_not_say["+itoa(i)+"]", item, true, MaxTextLen); err != nil {
			return err
		}
	}
	for _, s := range CardListSections {
		for i, item := range c.List(s) {
			f := string(s) + "[" + itoa(i) + "]"
			if err := checkClaimText(f, item.Text); err != nil {
				return err
			}
			if err := item.Citation.validate(f); err != nil {
				return err
			}
		}
	}
	for i, o := range c.Objections {
		f := "objections[" + itoa(i) + "]"
		if err := checkText(f+".objection", o.Objection, true, MaxTextLen); err != nil {
			return err
		}
		if err := checkClaimText(f+".response", o.Response); err != nil {
			return err
		}
		if err := o.Citation.validate(f); err != nil {
			return err
		}
	}
	return checkText("pricing_talk_track", c.PricingTalkTrack, false, MaxTextLen)
}

// checkClaimText validates a claim's text, which must not end in what reads as an inline
// citation: written back as a line, it would be taken for one.
func checkClaimText(field, text string) error {
	if err := checkText(field, text, true, MaxTextLen); err != nil {
		return err
	}
	if t, c, err := ParseClaimLine(text); err != nil || !c.IsZero() || t != strings.TrimSpace(text) {
		return fieldErr(field, "ends in a [src: …] citation: give it as the claim's source, date and confidence")
	}
	return nil
}

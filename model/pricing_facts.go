package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// PricingVisibility says how much of a competitor's pricing is published.
type PricingVisibility string

// Pricing visibilities; empty is not known.
const (
	PricingPublic    PricingVisibility = "public"
	PricingPartial   PricingVisibility = "partial"
	PricingOnRequest PricingVisibility = "on_request"
)

// PricingVisibilities lists the valid visibilities, most open first.
var PricingVisibilities = []PricingVisibility{PricingPublic, PricingPartial, PricingOnRequest}

// Label words a visibility for people: "public", "partly public", "on request".
func (v PricingVisibility) Label() string {
	switch v {
	case PricingPartial:
		return "partly public"
	case PricingOnRequest:
		return "on request"
	}
	return string(v)
}

// YesNo is an answer that may not be known: "yes", "no" or "" for unknown.
type YesNo string

// The answers of a YesNo.
const (
	Yes YesNo = "yes"
	No  YesNo = "no"
)

// MaxDiscountPercent bounds a typical discount off list.
const MaxDiscountPercent = 95

// PricingFacts are what sales ask about a competitor's pricing beyond its price list. Every
// field is optional; zero means not known.
type PricingFacts struct {
	Visibility PricingVisibility `json:"visibility,omitempty"`
	// TrialDays is the length of the free trial in days.
	TrialDays int   `json:"trial_days,omitempty"`
	Freemium  YesNo `json:"freemium,omitempty"`
	// DiscountPercent is the typical discount off list seen in deals, in whole percent.
	DiscountPercent int `json:"typical_discount_percent,omitempty"`
	// ContractTerms words the terms: "annual only, paid upfront".
	ContractTerms string `json:"contract_terms,omitempty"`
}

// IsZero reports whether nothing is known.
func (p PricingFacts) IsZero() bool { return p == PricingFacts{} }

// Normalize trims the text fields and lower-cases the enumerations.
func (p *PricingFacts) Normalize() {
	p.Visibility = PricingVisibility(strings.ToLower(strings.TrimSpace(string(p.Visibility))))
	p.Freemium = YesNo(strings.ToLower(strings.TrimSpace(string(p.Freemium))))
	p.ContractTerms = strings.TrimSpace(p.ContractTerms)
}

// Validate checks every field; field names are prefixed with "pricing_facts.".
func (p PricingFacts) Validate() error {
	const f = "pricing_facts."
	if p.Visibility != "" && !slices.Contains(PricingVisibilities, p.Visibility) {
		return fieldErr(f+"visibility", "%q %s", p.Visibility, oneOf(PricingVisibilities))
	}
	if p.TrialDays < 0 || p.TrialDays > 365 {
		return fieldErr(f+"trial_days", "%d is not a trial length (0 to 365 days)", p.TrialDays)
	}
	if p.Freemium != "" && p.Freemium != Yes && p.Freemium != No {
		return fieldErr(f+"freemium", "%q is not yes or no", p.Freemium)
	}
	if p.DiscountPercent < 0 || p.DiscountPercent > MaxDiscountPercent {
		return fieldErr(f+"typical_discount_percent", "%d is not a discount (0 to %d%%)", p.DiscountPercent, MaxDiscountPercent)
	}
	return checkText(f+"contract_terms", p.ContractTerms, false, MaxShortLen)
}

// Facts words the known facts, one short phrase each: "pricing public", "14-day free trial",
// "freemium", "typical discount 15%", "annual only".
func (p PricingFacts) Facts() []string {
	var out []string
	if p.Visibility != "" {
		out = append(out, "pricing "+p.Visibility.Label())
	}
	if p.TrialDays > 0 {
		out = append(out, strconv.Itoa(p.TrialDays)+"-day free trial")
	}
	switch p.Freemium {
	case Yes:
		out = append(out, "freemium")
	case No:
		out = append(out, "no free tier")
	}
	if p.DiscountPercent > 0 {
		out = append(out, fmt.Sprintf("typical discount %d%%", p.DiscountPercent))
	}
	if p.ContractTerms != "" {
		out = append(out, p.ContractTerms)
	}
	return out
}

// AfterDiscount is an amount in minor units less the typical discount, rounded half away from
// zero to a whole minor unit.
func (p PricingFacts) AfterDiscount(minor int64) int64 {
	off := minor * int64(p.DiscountPercent)
	r := off / 100
	if rem := off % 100; rem >= 50 {
		r++
	} else if rem <= -50 {
		r--
	}
	return minor - r
}

package model

import (
	"slices"
	"strings"
)

// Outcome is how a deal ended.
type Outcome string

// Deal outcomes.
const (
	OutcomeWon        Outcome = "won"
	OutcomeLost       Outcome = "lost"
	OutcomeNoDecision Outcome = "no_decision"
)

// Outcomes lists the valid outcomes.
var Outcomes = []Outcome{OutcomeWon, OutcomeLost, OutcomeNoDecision}

// DealSources lists where a win/loss record can come from.
var DealSources = []string{"interview", "crm", "rep", "survey"}

// ReasonCode is an entry of the managed list of win/loss reasons. Code is its natural key.
type ReasonCode struct {
	ID          int64  `json:"-"`
	Code        string `json:"code"`
	Label       string `json:"label"`
	Description string `json:"description,omitempty"`
}

// Normalize trims white space.
func (r *ReasonCode) Normalize() {
	r.Code = strings.TrimSpace(r.Code)
	r.Label = strings.TrimSpace(r.Label)
	r.Description = strings.TrimSpace(r.Description)
}

// Validate checks every field and returns the first problem as a *FieldError.
func (r ReasonCode) Validate() error {
	if err := checkCode("code", r.Code); err != nil {
		return err
	}
	if err := checkText("label", r.Label, true, MaxNameLen); err != nil {
		return err
	}
	return checkText("description", r.Description, false, MaxShortLen)
}

// DealType says what kind of business a deal was: a new customer, more from one we have, a
// renewal, or a customer leaving.
type DealType string

// Deal types.
const (
	DealNew       DealType = "new"
	DealExpansion DealType = "expansion"
	DealRenewal   DealType = "renewal"
	DealChurn     DealType = "churn"
)

// DealTypes lists the deal types in the order they are shown.
var DealTypes = []DealType{DealNew, DealExpansion, DealRenewal, DealChurn}

// ParseDealType reads a deal type as CRMs write it: Salesforce's New Business, Existing
// Business and Renewal, HubSpot's newbusiness and existingbusiness, and the usual words for
// upsells and churn. ok is false for anything else.
func ParseDealType(s string) (DealType, bool) {
	v := strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '/'
	}), " ")
	switch v {
	case "new", "new business", "newbusiness", "new customer", "net new", "new logo", "new deal":
		return DealNew, true
	case "expansion", "existing business", "existingbusiness", "upsell", "up sell", "cross sell", "crosssell",
		"add on", "addon", "upgrade", "existing customer", "existing customer upgrade", "expand":
		return DealExpansion, true
	case "renewal", "renew", "existing customer renewal", "contract renewal":
		return DealRenewal, true
	case "churn", "churned", "cancellation", "cancelled", "canceled", "lost customer", "termination":
		return DealChurn, true
	}
	return "", false
}

// Deal is a win/loss record. Ref is its natural key. Competitors lists every competitor faced,
// the primary one first; Reasons holds reason codes and PrimaryReason is one of them.
type Deal struct {
	ID            int64    `json:"-"`
	Ref           string   `json:"ref"`
	Account       string   `json:"account,omitempty"`
	ClosedAt      Date     `json:"closed_at"`
	Outcome       Outcome  `json:"outcome"`
	Competitors   []string `json:"competitors"`
	Amount        int64    `json:"amount,omitempty"`
	Currency      string   `json:"currency,omitempty"`
	Type          DealType `json:"type,omitempty"`
	Segment       string   `json:"segment,omitempty"`
	Region        string   `json:"region,omitempty"`
	Stage         string   `json:"stage,omitempty"`
	Reasons       []string `json:"reasons,omitempty"`
	PrimaryReason string   `json:"primary_reason,omitempty"`
	Quote         string   `json:"quote,omitempty"`
	Notes         string   `json:"notes,omitempty"`
	Source        string   `json:"source,omitempty"`
}

// PrimaryCompetitor returns the slug of the main competitor faced, or "".
func (d Deal) PrimaryCompetitor() string {
	if len(d.Competitors) == 0 {
		return ""
	}
	return d.Competitors[0]
}

// Normalize trims white space and upper-cases the currency.
func (d *Deal) Normalize() {
	d.Ref = strings.TrimSpace(d.Ref)
	d.Account = strings.TrimSpace(d.Account)
	d.Competitors = trimAll(d.Competitors)
	d.Currency = strings.ToUpper(strings.TrimSpace(d.Currency))
	d.Type = DealType(strings.ToLower(strings.TrimSpace(string(d.Type))))
	d.Segment = strings.TrimSpace(d.Segment)
	d.Region = strings.TrimSpace(d.Region)
	d.Stage = strings.TrimSpace(d.Stage)
	d.Reasons = trimAll(d.Reasons)
	d.PrimaryReason = strings.TrimSpace(d.PrimaryReason)
	d.Quote = strings.TrimSpace(d.Quote)
	d.Notes = strings.TrimSpace(d.Notes)
	d.Source = strings.TrimSpace(d.Source)
}

// Validate checks every field and returns the first problem as a *FieldError.
func (d Deal) Validate() error {
	if err := checkText("ref", d.Ref, true, MaxKeyLen); err != nil {
		return err
	}
	if err := checkText("account", d.Account, false, MaxNameLen); err != nil {
		return err
	}
	if d.ClosedAt.IsZero() {
		return fieldErr("closed_at", "is required")
	}
	if d.Outcome == "" {
		return fieldErr("outcome", "is required")
	}
	if !slices.Contains(Outcomes, d.Outcome) {
		return fieldErr("outcome", "%q %s", d.Outcome, oneOf(Outcomes))
	}
	if len(d.Competitors) == 0 {
		return fieldErr("competitors", "needs at least one competitor (the first is the primary)")
	}
	// Field names of list items are spelled out only for an error: deals come by the hundred
	// thousand.
	for i, c := range d.Competitors {
		if err := checkSlug("", c); err != nil {
			return atItem(err, "competitors", i)
		}
		if slices.Contains(d.Competitors[:i], c) {
			return fieldErr(item("competitors", i), "%q is listed twice", c)
		}
	}
	if d.Amount < 0 {
		return fieldErr("amount", "must not be negative")
	}
	if d.Amount != 0 || d.Currency != "" {
		if err := checkCurrency("currency", d.Currency); err != nil {
			return err
		}
	}
	if d.Type != "" && !slices.Contains(DealTypes, d.Type) {
		return fieldErr("type", "%q %s", d.Type, oneOf(DealTypes))
	}
	for _, f := range []struct{ name, v string }{{"segment", d.Segment}, {"region", d.Region}, {"stage", d.Stage}} {
		if err := checkText(f.name, f.v, false, MaxNameLen); err != nil {
			return err
		}
	}
	for i, r := range d.Reasons {
		if err := checkCode("", r); err != nil {
			return atItem(err, "reasons", i)
		}
		if slices.Contains(d.Reasons[:i], r) {
			return fieldErr(item("reasons", i), "%q is listed twice", r)
		}
	}
	if d.PrimaryReason != "" && !slices.Contains(d.Reasons, d.PrimaryReason) {
		return fieldErr("primary_reason", "%q is not one of reasons", d.PrimaryReason)
	}
	if err := checkText("quote", d.Quote, false, MaxTextLen); err != nil {
		return err
	}
	if err := checkText("notes", d.Notes, false, MaxTextLen); err != nil {
		return err
	}
	if d.Source != "" && !slices.Contains(DealSources, d.Source) {
		return fieldErr("source", "%q %s", d.Source, oneOf(DealSources))
	}
	return nil
}

// ReasonCodeOf turns a reason as people write it into a reason code: "Missing Salesforce
// integration" gives "missing_salesforce_integration".
func ReasonCodeOf(text string) string {
	return strings.ReplaceAll(Slugify(text), "-", "_")
}

// ReasonLabelOf turns a reason code, or a reason as typed, into a label: "product_gap" gives
// "Product gap".
func ReasonLabelOf(text string) string {
	s := strings.TrimSpace(strings.ReplaceAll(text, "_", " "))
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

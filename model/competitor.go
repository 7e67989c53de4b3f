package model

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Threat is how dangerous a competitor is to our pipeline.
type Threat string

// Threat levels, in increasing order of danger.
const (
	ThreatNone     Threat = "" // not rated, e.g. our own product
	ThreatLow      Threat = "low"
	ThreatMedium   Threat = "medium"
	ThreatHigh     Threat = "high"
	ThreatCritical Threat = "critical"
)

// Threats lists the valid threat levels, lowest first.
var Threats = []Threat{ThreatLow, ThreatMedium, ThreatHigh, ThreatCritical}

// Rank orders threat levels: 0 for not rated, 1 for low … 4 for critical.
func (t Threat) Rank() int {
	for i, v := range Threats {
		if v == t {
			return i + 1
		}
	}
	return 0
}

// Status is where a competitor stands in the market.
type Status string

// Competitor statuses.
const (
	StatusActive   Status = "active"
	StatusWatch    Status = "watch"
	StatusAcquired Status = "acquired"
	StatusDead     Status = "dead"
)

// Statuses lists the valid statuses.
var Statuses = []Status{StatusActive, StatusWatch, StatusAcquired, StatusDead}

// SizeBands lists the accepted company-size bands (employees).
var SizeBands = []string{"1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5000+"}

// Competitor is a product in the market, ours included (IsSelf). Slug is its natural key.
type Competitor struct {
	ID           int64    `json:"-"`
	Slug         string   `json:"slug"`
	Name         string   `json:"name"`
	IsSelf       bool     `json:"is_self,omitempty"`
	Website      string   `json:"website,omitempty"`
	Positioning  string   `json:"positioning,omitempty"`
	Segments     []string `json:"segments,omitempty"`
	Headquarters string   `json:"headquarters,omitempty"`
	Founded      int      `json:"founded,omitempty"`
	SizeBand     string   `json:"size_band,omitempty"`
	Threat       Threat   `json:"threat,omitempty"`
	Status       Status   `json:"status,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	// Pricing holds what sales ask about its pricing beyond the price list.
	Pricing   PricingFacts `json:"pricing_facts,omitzero"`
	CreatedAt time.Time    `json:"created_at,omitzero"`
	UpdatedAt time.Time    `json:"updated_at,omitzero"`
}

// Normalize trims white space, drops empty list items, defaults the status to active and
// truncates timestamps to whole seconds in UTC, the precision they are stored with.
func (c *Competitor) Normalize() {
	c.Slug = strings.TrimSpace(c.Slug)
	c.Name = strings.TrimSpace(c.Name)
	c.Website = strings.TrimSpace(c.Website)
	c.Positioning = strings.TrimSpace(c.Positioning)
	c.Headquarters = strings.TrimSpace(c.Headquarters)
	c.SizeBand = strings.TrimSpace(c.SizeBand)
	c.Segments = trimAll(c.Segments)
	c.Tags = trimAll(c.Tags)
	c.Pricing.Normalize()
	if c.Status == "" {
		c.Status = StatusActive
	}
	c.CreatedAt = NormalizeTime(c.CreatedAt)
	c.UpdatedAt = NormalizeTime(c.UpdatedAt)
}

// NormalizeTime returns t in UTC truncated to whole seconds (zero stays zero).
func NormalizeTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}

// Validate checks every field and returns the first problem as a *FieldError.
func (c Competitor) Validate() error { return firstProblem(c.checks()) }

// FieldProblem returns the problem with one field (or its items), or nil, whatever the other
// fields hold: forms validate a field as it is typed.
func (c Competitor) FieldProblem(field string) error { return fieldProblem(c.checks(), field) }

func (c Competitor) checks() []func() error {
	return []func() error{
		func() error { return checkSlug("slug", c.Slug) },
		func() error { return checkText("name", c.Name, true, MaxNameLen) },
		func() error { return checkURL("website", c.Website) },
		func() error { return checkText("positioning", c.Positioning, false, MaxShortLen) },
		func() error { return checkList("segments", c.Segments) },
		func() error { return checkText("headquarters", c.Headquarters, false, MaxNameLen) },
		func() error {
			if c.Founded != 0 && (c.Founded < 1800 || c.Founded > 2100) {
				return fieldErr("founded", "%d is not a plausible year", c.Founded)
			}
			return nil
		},
		func() error {
			if c.SizeBand != "" && !slices.Contains(SizeBands, c.SizeBand) {
				return fieldErr("size_band", "%q %s", c.SizeBand, oneOf(SizeBands))
			}
			return nil
		},
		func() error {
			if c.Threat != ThreatNone && !slices.Contains(Threats, c.Threat) {
				return fieldErr("threat", "%q %s", c.Threat, oneOf(Threats))
			}
			if c.IsSelf && c.Threat != ThreatNone {
				return fieldErr("threat", "our own product has no threat level; omit it")
			}
			return nil
		},
		func() error {
			if c.Status != "" && !slices.Contains(Statuses, c.Status) {
				return fieldErr("status", "%q %s", c.Status, oneOf(Statuses))
			}
			return nil
		},
		func() error { return checkList("tags", c.Tags) },
		func() error { return c.Pricing.Validate() },
		func() error {
			if !c.CreatedAt.IsZero() && !c.UpdatedAt.IsZero() && c.UpdatedAt.Before(c.CreatedAt) {
				return fieldErr("updated_at", "is before created_at")
			}
			return nil
		},
	}
}

// CompanyFacts summarizes where and how big the company is on one line:
// "San Francisco, United States · founded 2008 · 5000+ people". Unknown parts are left out.
func (c Competitor) CompanyFacts() string {
	var facts []string
	if c.Headquarters != "" {
		facts = append(facts, c.Headquarters)
	}
	if c.Founded != 0 {
		facts = append(facts, "founded "+strconv.Itoa(c.Founded))
	}
	if c.SizeBand != "" {
		facts = append(facts, c.SizeBand+" people")
	}
	return strings.Join(facts, " · ")
}

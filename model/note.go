package model

import "strings"

// IntelNote is a dated piece of field intelligence about a competitor. Its natural key is
// (Competitor, Date, Title).
type IntelNote struct {
	ID         int64  `json:"-"`
	Competitor string `json:"competitor"`
	Date       Date   `json:"date"`
	Title      string `json:"title"`
	Body       string `json:"body,omitempty"`
	// Source is where the note came from: a web address, or words ("call notes, 2026-11-03").
	Source string   `json:"source,omitempty"`
	Tags   []string `json:"tags,omitempty"`
}

// Normalize trims white space and drops empty tags.
func (n *IntelNote) Normalize() {
	n.Competitor = strings.TrimSpace(n.Competitor)
	n.Title = strings.TrimSpace(n.Title)
	n.Body = strings.TrimSpace(n.Body)
	n.Source = strings.TrimSpace(n.Source)
	n.Tags = trimAll(n.Tags)
}

// Validate checks every field and returns the first problem as a *FieldError.
func (n IntelNote) Validate() error { return firstProblem(n.checks()) }

// FieldProblem returns the problem with one field (or its items), or nil, whatever the other
// fields hold.
func (n IntelNote) FieldProblem(field string) error { return fieldProblem(n.checks(), field) }

func (n IntelNote) checks() []func() error {
	return []func() error{
		func() error { return checkSlug("competitor", n.Competitor) },
		func() error {
			if n.Date.IsZero() {
				return fieldErr("date", "is required")
			}
			return nil
		},
		func() error { return checkText("title", n.Title, true, MaxShortLen) },
		func() error { return checkText("body", n.Body, false, MaxTextLen) },
		func() error { return checkSource("source", n.Source) },
		func() error { return checkList("tags", n.Tags) },
	}
}

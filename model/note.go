package model

import "strings"

// IntelNote is a dated piece of field intelligence about a competitor. Its natural key is
// (Competitor, Date, Title).
type IntelNote struct {
	ID         int64    `json:"-"`
	Competitor string   `json:"competitor"`
	Date       Date     `json:"date"`
	Title      string   `json:"title"`
	Body       string   `json:"body,omitempty"`
	Source     string   `json:"source,omitempty"`
	Tags       []string `json:"tags,omitempty"`
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
func (n IntelNote) Validate() error {
	if err := checkSlug("competitor", n.Competitor); err != nil {
		return err
	}
	if n.Date.IsZero() {
		return fieldErr("date", "is required")
	}
	if err := checkText("title", n.Title, true, MaxShortLen); err != nil {
		return err
	}
	if err := checkText("body", n.Body, false, MaxTextLen); err != nil {
		return err
	}
	if err := checkURL("source", n.Source); err != nil {
		return err
	}
	return checkList("tags", n.Tags)
}

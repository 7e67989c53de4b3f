package model

import (
	"slices"
	"strings"
)

// MaxWeight is the highest feature importance; weights run 0 (not scored) to MaxWeight.
const MaxWeight = 5

// Feature is a capability compared across products. Key is its natural key.
type Feature struct {
	ID          int64  `json:"-"`
	Key         string `json:"key"`
	Name        string `json:"name"`
	Category    string `json:"category"`
	Description string `json:"description,omitempty"`
	Weight      int    `json:"weight,omitempty"`
}

// Normalize trims white space.
func (f *Feature) Normalize() {
	f.Key = strings.TrimSpace(f.Key)
	f.Name = strings.TrimSpace(f.Name)
	f.Category = strings.TrimSpace(f.Category)
	f.Description = strings.TrimSpace(f.Description)
}

// Validate checks every field and returns the first problem as a *FieldError.
func (f Feature) Validate() error {
	if err := checkFeatureKey("key", f.Key); err != nil {
		return err
	}
	if err := checkText("name", f.Name, true, MaxNameLen); err != nil {
		return err
	}
	if err := checkText("category", f.Category, true, MaxNameLen); err != nil {
		return err
	}
	if err := checkText("description", f.Description, false, MaxTextLen); err != nil {
		return err
	}
	if f.Weight < 0 || f.Weight > MaxWeight {
		return fieldErr("weight", "%d is out of range (0 to %d)", f.Weight, MaxWeight)
	}
	return nil
}

// Level is how well a product supports a feature.
type Level string

// Support levels. A missing matrix cell is LevelUnknown.
const (
	LevelYes     Level = "yes"
	LevelPartial Level = "partial"
	LevelNo      Level = "no"
	LevelRoadmap Level = "roadmap"
	LevelUnknown Level = "unknown"
)

// Levels lists the valid support levels, strongest first.
var Levels = []Level{LevelYes, LevelPartial, LevelNo, LevelRoadmap, LevelUnknown}

// Support is one cell of the feature matrix: a competitor's support for a feature, with the
// evidence behind it. Its natural key is (Competitor, Feature).
type Support struct {
	Competitor string `json:"competitor"`
	Feature    string `json:"feature"`
	Level      Level  `json:"level"`
	Note       string `json:"note,omitempty"`
	Source     string `json:"source,omitempty"`
	VerifiedAt Date   `json:"verified_at,omitzero"`
}

// Normalize trims white space.
func (s *Support) Normalize() {
	s.Competitor = strings.TrimSpace(s.Competitor)
	s.Feature = strings.TrimSpace(s.Feature)
	s.Note = strings.TrimSpace(s.Note)
	s.Source = strings.TrimSpace(s.Source)
}

// Validate checks every field and returns the first problem as a *FieldError.
func (s Support) Validate() error {
	if err := checkSlug("competitor", s.Competitor); err != nil {
		return err
	}
	if err := checkFeatureKey("feature", s.Feature); err != nil {
		return err
	}
	if s.Level == "" {
		return fieldErr("level", "is required")
	}
	if !slices.Contains(Levels, s.Level) {
		return fieldErr("level", "%q %s", s.Level, oneOf(Levels))
	}
	if err := checkText("note", s.Note, false, MaxTextLen); err != nil {
		return err
	}
	return checkURL("source", s.Source)
}

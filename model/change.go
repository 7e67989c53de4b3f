package model

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"
)

// ChangeKind names the kind of record a change touched.
type ChangeKind string

// Change kinds. A price change is a change of a plan's price history only; a plan change is
// one of its name, model or terms.
const (
	ChangeCompetitor ChangeKind = "competitor"
	ChangeFeature    ChangeKind = "feature"
	ChangeCell       ChangeKind = "cell"
	ChangePlan       ChangeKind = "plan"
	ChangePrice      ChangeKind = "price"
	ChangeReason     ChangeKind = "reason"
	ChangeDeal       ChangeKind = "deal"
	ChangeCard       ChangeKind = "card"
	ChangeNote       ChangeKind = "note"
	ChangeFX         ChangeKind = "fx"
)

// ChangeKinds lists the change kinds, parents before the records that refer to them.
var ChangeKinds = []ChangeKind{ChangeCompetitor, ChangeFeature, ChangeReason, ChangePlan, ChangePrice,
	ChangeCell, ChangeDeal, ChangeCard, ChangeNote, ChangeFX}

// ChangeOp says what a change did to its record.
type ChangeOp string

// Change operations.
const (
	ChangeCreate ChangeOp = "create"
	ChangeUpdate ChangeOp = "update"
	ChangeDelete ChangeOp = "delete"
)

// Change is one record's entry in the change history: when, who, from where, what record
// (kind and natural key), which fields, and its values before and after in the catalog format
// (Old is empty when it was created; New is empty when it was deleted, and for records an
// import created in bulk). Changes of one write share a Set.
type Change struct {
	ID     int64     `json:"id"`
	Set    int64     `json:"set"`
	At     time.Time `json:"at"`
	Author string    `json:"author"`
	Source string    `json:"source"`
	// Reverts is the change set this change's set undid, or 0.
	Reverts int64 `json:"reverts,omitempty"`
	// Imported is set for the changes of an import.
	Imported   bool            `json:"imported,omitempty"`
	Kind       ChangeKind      `json:"kind"`
	Op         ChangeOp        `json:"op"`
	Competitor string          `json:"competitor,omitempty"`
	Key        string          `json:"key"`
	Fields     []string        `json:"fields,omitempty"`
	Old        json.RawMessage `json:"old,omitempty"`
	New        json.RawMessage `json:"new,omitempty"`
}

// ChangedFields lists, sorted, the top-level fields of two JSON objects whose values differ
// (a field present in one only included). It is empty when either is not an object.
func ChangedFields(old, new []byte) []string {
	var a, b map[string]json.RawMessage
	if json.Unmarshal(old, &a) != nil || json.Unmarshal(new, &b) != nil {
		return nil
	}
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// ChangeFilter narrows a reading of the change history. Zero fields do not filter.
type ChangeFilter struct {
	// Since and Until bound when the change was made: Since inclusive, Until exclusive.
	Since, Until time.Time
	Competitor   string
	Author       string
	Kind         ChangeKind
	// AfterID keeps changes newer than the change with this id.
	AfterID int64
	// Limit keeps the newest Limit changes (all when 0).
	Limit int
}

// Match reports whether c passes the filter's fields other than Limit.
func (f ChangeFilter) Match(c Change) bool {
	switch {
	case !f.Since.IsZero() && c.At.Before(f.Since):
		return false
	case !f.Until.IsZero() && !c.At.Before(f.Until):
		return false
	case f.Competitor != "" && c.Competitor != f.Competitor:
		return false
	case f.Author != "" && c.Author != f.Author:
		return false
	case f.Kind != "" && c.Kind != f.Kind:
		return false
	case f.AfterID > 0 && c.ID <= f.AfterID:
		return false
	}
	return true
}

package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Confidence says how far a claim on a battle card can be repeated to a customer.
type Confidence string

// Confidence levels. An unset confidence is shown like a fact: it is the card owner's word.
const (
	ConfidenceUnset     Confidence = ""
	ConfidenceFact      Confidence = "fact"      // verified
	ConfidenceInference Confidence = "inference" // our reading of the facts
	ConfidenceRumour    Confidence = "rumour"    // unconfirmed
)

// Confidences lists the valid confidence levels, most trusted first.
var Confidences = []Confidence{ConfidenceFact, ConfidenceInference, ConfidenceRumour}

// ClaimStaleDays is how long a claim stays trusted after it was last confirmed.
const ClaimStaleDays = StaleFactDays

// Citation is what a claim rests on: where it comes from (a URL, a catalog reference such as
// "matrix: SSO" or free text such as "call with ACME, 2026-10-03"), the day it was last
// confirmed and how sure we are of it. The zero Citation means the claim cites nothing.
type Citation struct {
	Source     string     `json:"source,omitempty"`
	Confirmed  Date       `json:"confirmed,omitzero"`
	Confidence Confidence `json:"confidence,omitempty"`
}

// IsZero reports whether the citation says nothing.
func (c Citation) IsZero() bool {
	return c.Source == "" && c.Confirmed.IsZero() && c.Confidence == ""
}

// Marker is the compact sign shown after a claim: "ⁱ" for an inference, "?" for a rumour,
// nothing for a fact or an unset confidence.
func (c Citation) Marker() string {
	switch c.Confidence {
	case ConfidenceInference:
		return "ⁱ"
	case ConfidenceRumour:
		return "?"
	}
	return ""
}

// Unverified reports whether the claim is a rumour, kept out of call prep and exports unless
// asked for.
func (c Citation) Unverified() bool { return c.Confidence == ConfidenceRumour }

// Stale reports whether the claim was confirmed, but not within ClaimStaleDays of today. A
// claim that was never dated is unsourced, not stale.
func (c Citation) Stale(today Date) bool {
	return !c.Confirmed.IsZero() && !today.IsZero() && IsStale(c.Confirmed, today, ClaimStaleDays)
}

// claimTagOpen starts the inline citation of a claim written as one line of text.
const claimTagOpen = "[src:"

// Tag is the citation in its inline form, " [src: SOURCE | DATE | CONFIDENCE]" with the parts it
// has, or "" for none. ParseClaimLine reads it back.
func (c Citation) Tag() string {
	if c.IsZero() {
		return ""
	}
	parts := []string{c.Source}
	if !c.Confirmed.IsZero() {
		parts = append(parts, c.Confirmed.String())
	}
	if c.Confidence != "" {
		parts = append(parts, string(c.Confidence))
	}
	return " " + claimTagOpen + " " + strings.TrimSpace(strings.Join(parts, " | ")) + "]"
}

// ParseClaimLine splits one line of a section into the claim's text and its citation: a
// trailing "[src: SOURCE | DATE | CONFIDENCE]" where every part is optional, DATE is
// YYYY-MM-DD and CONFIDENCE is fact, inference or rumour (rumor is accepted), in any order after
// the source. A line without the tag is all text.
func ParseClaimLine(line string) (string, Citation, error) {
	line = strings.TrimSpace(line)
	var c Citation
	if !strings.HasSuffix(line, "]") {
		return line, c, nil
	}
	open := strings.LastIndex(strings.ToLower(line), claimTagOpen)
	if open < 0 {
		return line, c, nil
	}
	body := line[open+len(claimTagOpen) : len(line)-1]
	text := strings.TrimSpace(line[:open])
	var source []string
	for _, part := range strings.Split(body, "|") {
		part = strings.TrimSpace(part)
		lower := strings.ToLower(part)
		switch {
		case part == "":
		case lower == "rumor":
			c.Confidence = ConfidenceRumour
		case isConfidence(Confidence(lower)):
			c.Confidence = Confidence(lower)
		case looksLikeDate(part):
			d, err := ParseDate(part)
			if err != nil {
				return text, c, err
			}
			c.Confirmed = d
		default:
			source = append(source, part)
		}
	}
	if len(source) > 1 {
		return text, c, fmt.Errorf("a citation has one source, not %q: write it as [src: SOURCE | YYYY-MM-DD | fact, inference or rumour]", strings.Join(source, " | "))
	}
	if len(source) == 1 {
		c.Source = source[0]
	}
	return text, c, nil
}

// looksLikeDate reports whether a citation part is meant as a date: "2026-10-03", or any
// "dddd-…" attempt at one, so a typo is an error rather than a source.
func looksLikeDate(s string) bool {
	if len(s) < 8 || len(s) > 10 || s[4] != '-' {
		return false
	}
	for _, r := range s[:4] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isConfidence(c Confidence) bool {
	for _, v := range Confidences {
		if v == c {
			return true
		}
	}
	return false
}

// validate checks a citation: a source that the inline form can carry (a web address or a
// short description, no "|", "]" or line break), a confidence from Confidences.
func (c Citation) validate(field string) error {
	if strings.ContainsAny(c.Source, "|]\n\r") {
		return fieldErr(field+".source", "cannot contain \"|\", \"]\" or a line break")
	}
	if err := checkSource(field+".source", c.Source); err != nil {
		return err
	}
	if c.Confidence != "" && !isConfidence(c.Confidence) {
		return fieldErr(field+".confidence", "%q is not a confidence (fact, inference or rumour)", string(c.Confidence))
	}
	return nil
}

// Claim is one bullet of a battle card's list section, with what it rests on.
type Claim struct {
	Text string `json:"text"`
	Citation
}

// Claims makes uncited claims of plain texts.
func Claims(texts ...string) []Claim {
	if len(texts) == 0 {
		return nil
	}
	out := make([]Claim, len(texts))
	for i, t := range texts {
		out[i] = Claim{Text: t}
	}
	return out
}

// ClaimTexts returns the texts of claims.
func ClaimTexts(cs []Claim) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Text)
	}
	return out
}

// Line is the claim as one editable line: its text and its inline citation tag.
func (c Claim) Line() string { return c.Text + c.Citation.Tag() }

// claimObject is a Claim's JSON object form, decoded strictly.
type claimObject struct {
	Text       string     `json:"text"`
	Source     string     `json:"source,omitempty"`
	Confirmed  Date       `json:"confirmed,omitzero"`
	Confidence Confidence `json:"confidence,omitempty"`
}

// MarshalJSON writes a claim without a citation as the plain string it always was, so
// catalogs without citations export unchanged; a cited claim is an object. Like the catalog's
// encoder, it leaves "&", "<" and ">" as written; an encoder that escapes them still does.
func (c Claim) MarshalJSON() ([]byte, error) {
	var v any = c.Text
	if !c.Citation.IsZero() {
		v = claimObject{Text: c.Text, Source: c.Source, Confirmed: c.Confirmed, Confidence: c.Confidence}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// UnmarshalJSON reads a claim as a plain string or as an object with text, source, confirmed
// and confidence; unknown keys are an error, as everywhere in the catalog.
func (c *Claim) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		*c = Claim{}
		return json.Unmarshal(data, &c.Text)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var o claimObject
	if err := dec.Decode(&o); err != nil {
		return err
	}
	*c = Claim{Text: o.Text, Citation: Citation{Source: o.Source, Confirmed: o.Confirmed, Confidence: o.Confidence}}
	return nil
}

// normalize trims a citation's parts and lower-cases its confidence.
func (c *Citation) normalize() {
	c.Source = strings.TrimSpace(c.Source)
	c.Confidence = Confidence(strings.ToLower(strings.TrimSpace(string(c.Confidence))))
	if c.Confidence == "rumor" {
		c.Confidence = ConfidenceRumour
	}
}

// ClaimTally counts a card's claims by what they rest on, for its freshness summary.
type ClaimTally struct {
	Claims     int // every list bullet and objection answer
	Sourced    int // with a source
	Stale      int // confirmed, but not within ClaimStaleDays
	Inferences int
	Rumours    int
}

// TallyClaims counts the claims of a card on today.
func (c BattleCard) TallyClaims(today Date) ClaimTally {
	var t ClaimTally
	count := func(cit Citation) {
		t.Claims++
		if cit.Source != "" {
			t.Sourced++
		}
		if cit.Stale(today) {
			t.Stale++
		}
		switch cit.Confidence {
		case ConfidenceInference:
			t.Inferences++
		case ConfidenceRumour:
			t.Rumours++
		}
	}
	for _, s := range CardListSections {
		for _, cl := range c.List(s) {
			count(cl.Citation)
		}
	}
	for _, o := range c.Objections {
		count(o.Citation)
	}
	return t
}

// Summary words a tally in one line: "9 claims, 7 sourced, 2 ⚑ unconfirmed 180+ days, 1
// rumour", or "" for a card without claims.
func (t ClaimTally) Summary() string {
	if t.Claims == 0 {
		return ""
	}
	s := fmt.Sprintf("%s, %d sourced", countWord(t.Claims, "claim"), t.Sourced)
	if t.Stale > 0 {
		s += fmt.Sprintf(", %d ⚑ unconfirmed %d+ days", t.Stale, ClaimStaleDays)
	}
	if t.Inferences > 0 {
		s += ", " + countWord(t.Inferences, "inference")
	}
	if t.Rumours > 0 {
		s += ", " + countWord(t.Rumours, "rumour")
	}
	return s
}

func countWord(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}

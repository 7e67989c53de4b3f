package model

import (
	"errors"
	"fmt"
	"strings"
)

// CardSection names any section of a battle card, for editing one at a time.
type CardSection struct {
	Key   string // "overview", a CardListSection, "objections" or "pricing_talk_track"
	Title string
	// Help says how the section's text is written when edited as plain text.
	Help string
}

// CardSections lists every section in reading order.
var CardSections = []CardSection{
	{"overview", "Overview", "A short paragraph."},
	{string(SectionWhyWeWin), "Why we win", "One bullet per line."},
	{string(SectionWhyTheyWin), "Why they win", "One bullet per line."},
	{"objections", "Objections", "Each objection on a line starting \"Objection:\", its answer on a line starting \"Response:\"."},
	{string(SectionLandmines), "Landmines", "One trap-setting question per line."},
	{string(SectionQuickDismisses), "Quick dismisses", "One bullet per line."},
	{string(SectionProofPoints), "Proof points", "One bullet per line."},
	{"pricing_talk_track", "Pricing talk track", "A short paragraph."},
}

// SectionText returns one section as editable plain text: paragraphs as they are, lists one
// item per line, objections as "Objection:" / "Response:" pairs separated by blank lines.
func (c BattleCard) SectionText(key string) string {
	switch key {
	case "overview":
		return c.Overview
	case "pricing_talk_track":
		return c.PricingTalkTrack
	case "objections":
		var blocks []string
		for _, o := range c.Objections {
			blocks = append(blocks, "Objection: "+o.Objection+"\nResponse: "+o.Response)
		}
		return strings.Join(blocks, "\n\n")
	}
	return strings.Join(c.List(CardListSection(key)), "\n")
}

// SetSectionText replaces one section from its plain-text form (see SectionText). List lines
// may start with "- " or "* "; blank lines are dropped. Objections without a response, or
// text before the first "Objection:", are errors naming the line.
func (c *BattleCard) SetSectionText(key, text string) error {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	switch key {
	case "overview":
		c.Overview = strings.TrimSpace(text)
		return nil
	case "pricing_talk_track":
		c.PricingTalkTrack = strings.TrimSpace(text)
		return nil
	case "objections":
		objs, err := parseObjections(text)
		if err != nil {
			return err
		}
		c.Objections = objs
		return nil
	}
	s := CardListSection(key)
	var items []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(line, "- "), "* "))
		if line != "" && line != "-" && line != "*" {
			items = append(items, line)
		}
	}
	for _, known := range CardListSections {
		if known == s {
			c.SetList(s, items)
			return nil
		}
	}
	return fmt.Errorf("no card section %q", key)
}

func parseObjections(text string) ([]Objection, error) {
	var out []Objection
	field := "" // where continuation lines go
	for i, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(raw)
		lower := strings.ToLower(line)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(lower, "objection:"):
			out = append(out, Objection{Objection: strings.TrimSpace(line[len("objection:"):])})
			field = "objection"
		case strings.HasPrefix(lower, "response:"):
			if len(out) == 0 {
				return nil, fmt.Errorf("line %d: a response before any \"Objection:\" line", i+1)
			}
			o := &out[len(out)-1]
			o.Response = strings.TrimSpace(strings.TrimSpace(o.Response + " " + strings.TrimSpace(line[len("response:"):])))
			field = "response"
		case field == "":
			return nil, fmt.Errorf("line %d: start each objection with \"Objection:\"", i+1)
		default:
			o := &out[len(out)-1]
			if field == "objection" {
				o.Objection = strings.TrimSpace(o.Objection + " " + line)
			} else {
				o.Response = strings.TrimSpace(o.Response + " " + line)
			}
		}
	}
	for i, o := range out {
		if o.Response == "" {
			return nil, fmt.Errorf("objection %d (%q) has no \"Response:\"", i+1, o.Objection)
		}
		if o.Objection == "" {
			return nil, errors.New("an \"Objection:\" line is empty")
		}
	}
	return out, nil
}

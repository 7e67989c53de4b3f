package model

import (
	"errors"
	"fmt"
	"strings"
)

// CardSection names any section of a battle card, for editing one at a time.
type CardSection struct {
	Key   string // "quick_read", "overview", a CardListSection, "objections", "do_not_say" or "pricing_talk_track"
	Title string
	// Help says how the section's text is written when edited as plain text.
	Help string
}

// CardSections lists every section in reading order.
var CardSections = []CardSection{
	{"quick_read", "30-second read", "Up to three short lines: what to know if you read nothing else."},
	{"overview", "Overview", "A short paragraph."},
	{string(SectionWhyWeWin), "Why we win", "One bullet per line" + claimHelp},
	{string(SectionWhyTheyWin), "Why they win", "One bullet per line" + claimHelp},
	{"objections", "Objections", "Each objection on a line starting \"Objection:\", its answer on a line starting \"Response:\"" + claimHelp},
	{string(SectionLandmines), "Landmines", "One trap-setting question per line" + claimHelp},
	{string(SectionQuickDismisses), "Quick dismisses", "One bullet per line" + claimHelp},
	{string(SectionProofPoints), "Proof points", "One bullet per line" + claimHelp},
	{"do_not_say", "Do not say", "One claim not to make per line, with why (\"don't call them insecure: SOC 2 since 2025\")."},
	{"pricing_talk_track", "Pricing talk track", "A short paragraph."},
}

// claimHelp says how a claim carries its citation.
const claimHelp = "; end a line with [src: SOURCE | YYYY-MM-DD | fact, inference or rumour] to cite it."

// SectionText returns one section as editable plain text: paragraphs as they are, lists one
// item per line, objections as "Objection:" / "Response:" pairs separated by blank lines.
func (c BattleCard) SectionText(key string) string {
	switch key {
	case "quick_read":
		return c.QuickRead
	case "overview":
		return c.Overview
	case "pricing_talk_track":
		return c.PricingTalkTrack
	case "do_not_say":
		return strings.Join(c.DoNotSay, "\n")
	case "objections":
		var blocks []string
		for _, o := range c.Objections {
			blocks = append(blocks, "Objection: "+o.Objection+"\nResponse: "+o.Response+o.Citation.Tag())
		}
		return strings.Join(blocks, "\n\n")
	}
	var lines []string
	for _, cl := range c.List(CardListSection(key)) {
		lines = append(lines, cl.Line())
	}
	return strings.Join(lines, "\n")
}

// SetSectionText replaces one section from its plain-text form (see SectionText). List lines
// may start with "- " or "* "; blank lines are dropped. Objections without a response, or
// text before the first "Objection:", are errors naming the line.
func (c *BattleCard) SetSectionText(key, text string) error {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	switch key {
	case "quick_read":
		c.QuickRead = strings.TrimSpace(text)
		return nil
	case "do_not_say":
		c.DoNotSay = listLines(text)
		return nil
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
	var items []Claim
	for i, line := range listLines(text) {
		t, cit, err := ParseClaimLine(line)
		if err != nil {
			return fmt.Errorf("bullet %d: %w", i+1, err)
		}
		items = append(items, Claim{Text: t, Citation: cit})
	}
	for _, known := range CardListSections {
		if known == s {
			c.SetList(s, items)
			return nil
		}
	}
	return fmt.Errorf("no card section %q", key)
}

// listLines reads a list written one item per line: "- " and "* " bullets are dropped, and so
// are blank lines.
func listLines(text string) []string {
	var items []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(line, "- "), "* "))
		if line != "" && line != "-" && line != "*" {
			items = append(items, line)
		}
	}
	return items
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
	for i := range out {
		o := &out[i]
		t, cit, err := ParseClaimLine(o.Response)
		if err != nil {
			return nil, fmt.Errorf("objection %d: %w", i+1, err)
		}
		o.Response, o.Citation = t, cit
		if o.Response == "" {
			return nil, fmt.Errorf("objection %d (%q) has no \"Response:\"", i+1, o.Objection)
		}
		if o.Objection == "" {
			return nil, errors.New("an \"Objection:\" line is empty")
		}
	}
	return out, nil
}

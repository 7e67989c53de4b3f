package report

import (
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
)

// blockKind says what a block of a page is, so each format can show it in its own way.
type blockKind int

const (
	blockTitle      blockKind = iota // Title
	blockQuickRead                   // Lines: the 30-second read
	blockLede                        // Lines: a one-liner in italics
	blockMeta                        // Lines, shown on one line joined by " · "
	blockNotice                      // Title and Lines[0]: a callout such as "Stale"
	blockDoNotSay                    // Lines: claims not to make
	blockFacts                       // Title and Facts
	blockProse                       // Title (may be empty) and Lines as paragraphs
	blockClaims                      // Title and Claims
	blockObjections                  // Title and Objections
	blockList                        // Title and Lines as bullets, Empty when there are none
	blockPlans                       // Title and Plans
	blockQuotes                      // Title and Quotes
	blockRule                        // Title and Lines[0]: the catalog part begins
	blockEvidence                    // Title and Bullets
	blockLabelled                    // Facts, each as a labelled line
)

// block is one part of a page, every string in it clean.
type block struct {
	Kind       blockKind
	Title      string
	Lines      []string
	Claims     []claimLine
	Objections []objectionLine
	Facts      []fact
	Plans      []planRow
	Quotes     []buyerQuote
	Bullets    []EvidenceBullet
	Empty      string
}

// cardBlocks lays out a battle card for every paste-ready format: the title, the 30-second
// read, the positioning, who reviewed it when and how its claims stand, a stale callout, the
// claims not to make, the company snapshot, the hand-written sections, the pricing facts and
// plans, the newest buyer quotes, then the evidence drawn from the catalog.
func cardBlocks(doc CardDoc) []block {
	out := []block{{Kind: blockTitle, Title: doc.name() + " battle card"}}
	if qr := doc.quickRead(); len(qr) > 0 {
		out = append(out, block{Kind: blockQuickRead, Title: "30-second read", Lines: qr})
	}
	if pos := termtext.Line(doc.Competitor.Positioning); pos != "" {
		out = append(out, block{Kind: blockLede, Lines: []string{pos}})
	}
	meta := cardMeta(doc)
	if s := doc.claimsSummary(); s != "" {
		meta = append(meta, "Claims: "+s)
	}
	out = append(out, block{Kind: blockMeta, Lines: meta})
	if notice := doc.staleNotice(); notice != "" {
		out = append(out, block{Kind: blockNotice, Title: "Stale", Lines: []string{notice + "."}})
	}
	if doc.Card == nil {
		out = append(out, block{Kind: blockProse, Lines: []string{noCardText(doc)}})
	}
	if dns := doc.doNotSay(); len(dns) > 0 {
		out = append(out, block{Kind: blockDoNotSay, Title: "Do not say", Lines: dns})
	}
	if snap := doc.snapshot(); len(snap) > 0 {
		out = append(out, block{Kind: blockFacts, Title: "Company snapshot", Facts: snap})
	}
	for _, s := range doc.cardSections() {
		switch {
		case len(s.Paragraphs) > 0:
			out = append(out, block{Kind: blockProse, Title: s.Title, Lines: s.Paragraphs})
		case len(s.Items) > 0:
			out = append(out, block{Kind: blockClaims, Title: s.Title, Claims: s.Items})
		case len(s.Objections) > 0:
			out = append(out, block{Kind: blockObjections, Title: s.Title, Objections: s.Objections})
		}
	}
	if pf := pricingFactLines(doc.Competitor.Pricing); len(pf) > 0 {
		out = append(out, block{Kind: blockFacts, Title: "Pricing facts", Facts: pf})
	}
	if plans := doc.planRows(); len(plans) > 0 {
		out = append(out, block{Kind: blockPlans, Title: "Plans", Plans: plans})
	}
	if len(doc.Quotes) > 0 {
		out = append(out, block{Kind: blockQuotes, Title: "Buyer quotes", Quotes: doc.Quotes})
	}
	out = append(out, block{Kind: blockRule, Title: "From the catalog", Lines: []string{catalogLede(doc)}})
	for _, g := range groupBullets(EvidenceBullets(doc)) {
		out = append(out, block{Kind: blockEvidence, Title: g.Title, Bullets: g.Bullets})
	}
	return out
}

// prepBlocks lays out the call-prep sheet in the order a call needs it (CallPrep).
func prepBlocks(p PrepSheet) []block {
	title := p.Name + " · call prep"
	if t := termtext.Line(string(p.Threat)); t != "" {
		title += " · threat " + t
	}
	out := []block{{Kind: blockTitle, Title: title}}
	if len(p.QuickRead) > 0 {
		out = append(out, block{Kind: blockQuickRead, Title: "30-second read", Lines: p.QuickRead})
	}
	if p.OneLiner != "" {
		out = append(out, block{Kind: blockLede, Lines: []string{p.OneLiner}})
	}
	if len(p.Stale) > 0 {
		out = append(out, block{Kind: blockNotice, Title: "Stale", Lines: []string{strings.Join(p.Stale, "; ")}})
	}
	facts := []fact{{"Record", p.Record}, {"Price", p.Price}}
	if p.PricingFacts != "" {
		facts = append(facts, fact{"Terms", p.PricingFacts})
	}
	out = append(out, block{Kind: blockLabelled, Facts: facts})
	if !p.HasCard {
		return append(out, block{Kind: blockProse, Lines: []string{"No battle card yet: write one in the TUI (Battle card tab)."}},
			block{Kind: blockLabelled, Facts: []fact{{"As of", strings.Join(p.Freshness, " · ")}}})
	}
	if len(p.DoNotSay) > 0 {
		out = append(out, block{Kind: blockDoNotSay, Title: "Do not say", Lines: p.DoNotSay})
	}
	none := "(none on the card)"
	out = append(out, block{Kind: blockList, Title: "Landmines (questions to ask)", Lines: p.Landmines, Empty: none})
	if len(p.Objections) > 0 {
		var objs []objectionLine
		for _, o := range p.Objections {
			objs = append(objs, objectionLine{Objection: o.Objection, Answer: claimLine{Text: o.Response}})
		}
		out = append(out, block{Kind: blockObjections, Title: "Objections", Objections: objs})
	}
	out = append(out, block{Kind: blockList, Title: "Why we win", Lines: p.WhyWeWin, Empty: none},
		block{Kind: blockList, Title: "Why they win", Lines: p.WhyTheyWin, Empty: none},
		block{Kind: blockLabelled, Facts: []fact{{"As of", strings.Join(p.Freshness, " · ")}}})
	return out
}

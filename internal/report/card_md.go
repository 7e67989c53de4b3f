package report

import (
	"io"
	"strings"
)

// CardMarkdown writes the battle card as GitHub-flavoured Markdown (cardBlocks): the title, the
// 30-second read as a quote, who reviewed it when, a stale callout, the claims not to make, the
// company snapshot, the hand-written sections with each claim's marker and citation, the
// pricing facts, a plans table, buyer quotes, then the evidence from the catalog under its own
// heading with every bullet's citation in italics. Catalog text cannot inject HTML or change
// the document's structure (mdEscape).
func CardMarkdown(w io.Writer, doc CardDoc) error {
	_, err := io.WriteString(w, markdownBlocks(cardBlocks(doc)))
	return err
}

// PrepMarkdown writes the call-prep sheet as Markdown, the blocks of CallPrep.
func PrepMarkdown(w io.Writer, doc CardDoc) error {
	_, err := io.WriteString(w, markdownBlocks(prepBlocks(NewPrepSheet(doc))))
	return err
}

// mdClaim is a claim as a Markdown list item's text: "Faster rollout ⁱ⚑ *(https://x.test ·
// confirmed 2026-10-03)*".
func mdClaim(l claimLine) string {
	s := mdEscape(l.Text) + l.Signs()
	if cite := l.Cite(); cite != "" {
		s += " *(" + mdEscape(cite) + ")*"
	}
	return s
}

// markdownBlocks renders blocks as Markdown.
func markdownBlocks(blocks []block) string {
	var b strings.Builder
	heading := func(level, title string) { b.WriteString(level + " " + mdEscape(title) + "\n\n") }
	for _, bl := range blocks {
		switch bl.Kind {
		case blockTitle:
			heading("#", bl.Title)
		case blockQuickRead:
			b.WriteString("> **" + bl.Title + "**")
			for _, l := range bl.Lines {
				b.WriteString("\\\n> " + mdEscape(l))
			}
			b.WriteString("\n\n")
		case blockLede:
			b.WriteString("*" + mdEscape(bl.Lines[0]) + "*\n\n")
		case blockMeta:
			parts := make([]string, len(bl.Lines))
			for i, l := range bl.Lines {
				parts[i] = mdEscape(l)
			}
			b.WriteString(strings.Join(parts, " · ") + "\n\n")
		case blockNotice:
			b.WriteString("> **" + bl.Title + ":** " + mdEscape(bl.Lines[0]) + "\n\n")
		case blockDoNotSay:
			b.WriteString("> **⛔ " + bl.Title + "**\n>\n")
			for _, l := range bl.Lines {
				b.WriteString("> - ✗ " + mdEscape(l) + "\n")
			}
			b.WriteString("\n")
		case blockFacts:
			heading("##", bl.Title)
			for _, f := range bl.Facts {
				b.WriteString("- **" + f.Label + ":** " + mdEscape(f.Value) + "\n")
			}
			b.WriteString("\n")
		case blockProse:
			if bl.Title != "" {
				heading("##", bl.Title)
			}
			for _, p := range bl.Lines {
				b.WriteString(mdEscape(p) + "\n\n")
			}
		case blockClaims:
			heading("##", bl.Title)
			for _, c := range bl.Claims {
				b.WriteString("- " + mdClaim(c) + "\n")
			}
			b.WriteString("\n")
		case blockList:
			heading("##", bl.Title)
			for _, l := range bl.Lines {
				b.WriteString("- " + mdEscape(l) + "\n")
			}
			if len(bl.Lines) == 0 {
				b.WriteString("*" + mdEscape(bl.Empty) + "*\n")
			}
			b.WriteString("\n")
		case blockObjections:
			heading("##", bl.Title)
			for _, o := range bl.Objections {
				b.WriteString("- **" + mdEscape(o.Objection) + "** → " + mdClaim(o.Answer) + "\n")
			}
			b.WriteString("\n")
		case blockPlans:
			heading("##", bl.Title)
			b.WriteString("| Plan | Price | Unit | Seen |\n|---|---|---|---|\n")
			for _, p := range bl.Plans {
				b.WriteString("| " + mdCell(p.Plan) + " | " + mdCell(p.Price) + " | " + mdCell(p.Unit) + " | " + mdCell(p.Seen) + " |\n")
			}
			b.WriteString("\n")
		case blockQuotes:
			heading("##", bl.Title)
			for _, q := range bl.Quotes {
				b.WriteString("- “" + mdEscape(q.Text) + "” — *" + mdEscape(q.Attribution()) + "*\n")
			}
			b.WriteString("\n")
		case blockRule:
			b.WriteString("---\n\n")
			heading("##", bl.Title)
			b.WriteString("*" + mdEscape(bl.Lines[0]) + "*\n\n")
		case blockEvidence:
			heading("###", bl.Title)
			for _, e := range bl.Bullets {
				b.WriteString("- " + mdEscape(e.Text) + " *(" + mdEscape(e.Cite) + ")*\n")
			}
			b.WriteString("\n")
		case blockLabelled:
			lines := make([]string, len(bl.Facts))
			for i, f := range bl.Facts {
				lines[i] = "**" + f.Label + ":** " + mdEscape(f.Value)
			}
			b.WriteString(strings.Join(lines, "\\\n") + "\n\n")
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

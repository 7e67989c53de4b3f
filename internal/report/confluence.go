package report

import (
	"html"
	"io"
	"strings"
)

// CardConfluence writes the battle card as HTML that pastes cleanly into Confluence, Notion or
// Google Docs: semantic elements only (headings, paragraphs, lists, a table, quotes, strong
// and em), no class, style, script or external asset, so the editor keeps the structure and
// applies its own look. Every catalog string is escaped; sources are printed as text, never
// linked.
func CardConfluence(w io.Writer, doc CardDoc) error {
	_, err := io.WriteString(w, confluenceBlocks(cardBlocks(doc)))
	return err
}

// PrepConfluence writes the call-prep sheet as CardConfluence writes a card.
func PrepConfluence(w io.Writer, doc CardDoc) error {
	_, err := io.WriteString(w, confluenceBlocks(prepBlocks(NewPrepSheet(doc))))
	return err
}

// hClaim is a claim as list-item HTML, its citation in em.
func hClaim(l claimLine) string {
	s := html.EscapeString(l.Text) + html.EscapeString(l.Signs())
	if cite := l.Cite(); cite != "" {
		s += " <em>(" + html.EscapeString(cite) + ")</em>"
	}
	return s
}

// confluenceBlocks renders blocks as a minimal HTML document of semantic elements.
func confluenceBlocks(blocks []block) string {
	var b strings.Builder
	e := html.EscapeString
	title := ""
	if len(blocks) > 0 {
		title = blocks[0].Title
	}
	b.WriteString("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + e(title) + "</title>\n</head>\n<body>\n")
	h2 := func(t string) {
		if t != "" {
			b.WriteString("<h2>" + e(t) + "</h2>\n")
		}
	}
	for _, bl := range blocks {
		switch bl.Kind {
		case blockTitle:
			b.WriteString("<h1>" + e(bl.Title) + "</h1>\n")
		case blockQuickRead:
			b.WriteString("<blockquote>\n<p><strong>" + e(bl.Title) + "</strong></p>\n")
			for _, l := range bl.Lines {
				b.WriteString("<p>" + e(l) + "</p>\n")
			}
			b.WriteString("</blockquote>\n")
		case blockLede:
			b.WriteString("<p><em>" + e(bl.Lines[0]) + "</em></p>\n")
		case blockMeta:
			b.WriteString("<p>" + e(strings.Join(bl.Lines, " · ")) + "</p>\n")
		case blockNotice:
			b.WriteString("<p><strong>" + e(bl.Title) + ":</strong> " + e(bl.Lines[0]) + "</p>\n")
		case blockDoNotSay:
			h2("⛔ " + bl.Title)
			b.WriteString("<ul>\n")
			for _, l := range bl.Lines {
				b.WriteString("<li><strong>Don’t:</strong> " + e(l) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		case blockFacts:
			h2(bl.Title)
			b.WriteString("<ul>\n")
			for _, f := range bl.Facts {
				b.WriteString("<li><strong>" + e(f.Label) + ":</strong> " + e(f.Value) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		case blockProse:
			h2(bl.Title)
			for _, p := range bl.Lines {
				b.WriteString("<p>" + e(p) + "</p>\n")
			}
		case blockClaims:
			h2(bl.Title)
			b.WriteString("<ul>\n")
			for _, c := range bl.Claims {
				b.WriteString("<li>" + hClaim(c) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		case blockList:
			h2(bl.Title)
			if len(bl.Lines) == 0 {
				b.WriteString("<p><em>" + e(bl.Empty) + "</em></p>\n")
				continue
			}
			b.WriteString("<ul>\n")
			for _, l := range bl.Lines {
				b.WriteString("<li>" + e(l) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		case blockObjections:
			h2(bl.Title)
			b.WriteString("<ul>\n")
			for _, o := range bl.Objections {
				b.WriteString("<li><strong>" + e(o.Objection) + "</strong> → " + hClaim(o.Answer) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		case blockPlans:
			h2(bl.Title)
			b.WriteString("<table>\n<thead><tr><th>Plan</th><th>Price</th><th>Unit</th><th>Seen</th></tr></thead>\n<tbody>\n")
			for _, p := range bl.Plans {
				b.WriteString("<tr><td>" + e(p.Plan) + "</td><td>" + e(p.Price) + "</td><td>" + e(p.Unit) + "</td><td>" + e(p.Seen) + "</td></tr>\n")
			}
			b.WriteString("</tbody>\n</table>\n")
		case blockQuotes:
			h2(bl.Title)
			for _, q := range bl.Quotes {
				b.WriteString("<blockquote><p>“" + e(q.Text) + "” <em>(" + e(q.Attribution()) + ")</em></p></blockquote>\n")
			}
		case blockRule:
			b.WriteString("<hr>\n")
			h2(bl.Title)
			b.WriteString("<p><em>" + e(bl.Lines[0]) + "</em></p>\n")
		case blockEvidence:
			b.WriteString("<h3>" + e(bl.Title) + "</h3>\n<ul>\n")
			for _, x := range bl.Bullets {
				b.WriteString("<li>" + e(x.Text) + " <em>(" + e(x.Cite) + ")</em></li>\n")
			}
			b.WriteString("</ul>\n")
		case blockLabelled:
			for _, f := range bl.Facts {
				b.WriteString("<p><strong>" + e(f.Label) + ":</strong> " + e(f.Value) + "</p>\n")
			}
		}
	}
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

package report

import (
	"io"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
)

// mdReplacer escapes the characters that are Markdown or HTML syntax anywhere in a line.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "<", "&lt;", ">", "&gt;", "|", `\|`, "`", "\\`",
	"*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`,
)

// escapeEntities turns "&" into "&amp;" where it could start a character reference ("&lt;",
// "&#60;"), so the text shows as written; a lone "&" ("Support & Success") is left readable.
func escapeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteByte(c)
		if c == '&' && i+1 < len(s) && (s[i+1] == '#' || isASCIILetter(s[i+1])) {
			b.WriteString("amp;")
		}
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// mdEscape makes catalog text inert in GitHub-flavoured Markdown: control characters are
// stripped and the text becomes one line (termtext.Line), HTML and inline syntax (emphasis,
// code, links, strike-through, table pipes) are escaped, and so is anything that would start a
// block where the text begins a line or a list item (a heading, list, rule or setext
// underline). Whatever the catalog holds, it renders as the literal text it is.
func mdEscape(s string) string {
	s = mdReplacer.Replace(escapeEntities(termtext.Line(s)))
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '-', '+', '=':
		return `\` + s
	}
	// "1. " and "1) " start an ordered list.
	i := 0
	for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// CardMarkdown writes the battle card as GitHub-flavoured Markdown: the title, who reviewed it
// when, a stale callout when it is past its review, the hand-written sections, then the
// evidence from the catalog, set apart under its own heading with every bullet's citation in
// italics. Catalog text cannot inject HTML or change the document's structure (mdEscape).
func CardMarkdown(w io.Writer, doc CardDoc) error {
	var b strings.Builder
	b.WriteString("# " + mdEscape(doc.name()) + " battle card\n\n")
	if pos := mdEscape(doc.Competitor.Positioning); pos != "" {
		b.WriteString("*" + pos + "*\n\n")
	}
	meta := cardMeta(doc)
	for i := range meta {
		meta[i] = mdEscape(meta[i])
	}
	b.WriteString(strings.Join(meta, " · ") + "\n\n")
	if notice := doc.staleNotice(); notice != "" {
		b.WriteString("> **Stale:** " + mdEscape(notice) + ".\n\n")
	}
	if doc.Card == nil {
		b.WriteString("*" + mdEscape(noCardText(doc)) + "*\n\n")
	}
	for _, s := range cardSections(doc.Card) {
		b.WriteString("## " + s.Title + "\n\n")
		for _, p := range s.Paragraphs {
			b.WriteString(mdEscape(p) + "\n\n")
		}
		for _, it := range s.Items {
			b.WriteString("- " + mdEscape(it) + "\n")
		}
		for _, o := range s.Objections {
			b.WriteString("- **" + mdEscape(o.Objection) + "** → " + mdEscape(o.Response) + "\n")
		}
		if len(s.Items)+len(s.Objections) > 0 {
			b.WriteString("\n")
		}
	}
	b.WriteString("---\n\n## From the catalog\n\n")
	b.WriteString("*" + mdEscape(catalogLede(doc)) + "*\n")
	for _, g := range groupBullets(EvidenceBullets(doc)) {
		b.WriteString("\n### " + g.Title + "\n\n")
		for _, bl := range g.Bullets {
			b.WriteString("- " + mdEscape(bl.Text) + " *(" + mdEscape(bl.Cite) + ")*\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

package report

import (
	"io"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
)

// TextWidth is the column plain-text battle cards are wrapped at: narrow enough to paste into
// an email or a chat message without the client re-wrapping it.
const TextWidth = 72

// wrap breaks text into lines of at most width columns at spaces, the first line starting with
// first and the others with rest. A word longer than a line (a URL) gets a line of its own and
// is never cut.
func wrap(text string, cols int, first, rest string) []string {
	var lines []string
	line, prefix := "", first
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = prefix + word
		case width(line)+1+width(word) <= cols:
			line += " " + word
		default:
			lines = append(lines, line)
			prefix = rest
			line = prefix + word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// textBlock collects wrapped lines.
type textBlock struct {
	b     strings.Builder
	width int
}

// para writes text wrapped, each line after the first indented like rest.
func (t *textBlock) para(text, first, rest string) {
	for _, l := range wrap(text, t.width, first, rest) {
		t.b.WriteString(strings.TrimRight(l, " ") + "\n")
	}
}

func (t *textBlock) blank() { t.b.WriteString("\n") }

// CardText writes the battle card as plain text for pasting into chat or email: the same
// content in the same order as CardMarkdown, wrapped at TextWidth columns, headings in
// capitals and bullets as "- ". Catalog text is stripped of control characters and escape
// sequences.
func CardText(w io.Writer, doc CardDoc) error {
	t := &textBlock{width: TextWidth}
	t.para(strings.ToUpper(doc.name())+" BATTLE CARD", "", "")
	if pos := doc.Competitor.Positioning; pos != "" {
		t.para(termtext.Line(pos), "", "")
	}
	t.para(strings.Join(cardMeta(doc), " · "), "", "")
	if notice := doc.staleNotice(); notice != "" {
		t.blank()
		t.para("STALE: "+notice+".", "", "  ")
	}
	if doc.Card == nil {
		t.blank()
		t.para(noCardText(doc), "", "")
	}
	for _, s := range cardSections(doc.Card) {
		t.blank()
		t.para(strings.ToUpper(s.Title), "", "")
		t.blank()
		for i, p := range s.Paragraphs {
			if i > 0 {
				t.blank()
			}
			t.para(p, "", "")
		}
		for _, it := range s.Items {
			t.para(it, "- ", "  ")
		}
		for _, o := range s.Objections {
			t.para(o.Objection, "- ", "  ")
			t.para(o.Response, "  → ", "    ")
		}
	}
	t.blank()
	t.b.WriteString(strings.Repeat("=", TextWidth) + "\n")
	t.para("FROM THE CATALOG", "", "")
	t.para(catalogLede(doc), "", "")
	for _, g := range groupBullets(EvidenceBullets(doc)) {
		t.blank()
		t.para(strings.ToUpper(g.Title), "", "")
		for _, bl := range g.Bullets {
			t.para(bl.Text, "- ", "  ")
			t.para("("+bl.Cite+")", "  ", "  ")
		}
	}
	_, err := io.WriteString(w, t.b.String())
	return err
}

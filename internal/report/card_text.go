package report

import (
	"io"
	"strings"
)

// TextWidth is the column plain-text battle cards are wrapped at when a width is asked for
// without a number; 0 in CardDoc.Width keeps each paragraph on one line.
const TextWidth = 72

// wrap breaks text into lines of at most cols columns at spaces, the first line starting with
// first and the others with rest. A word longer than a line (a URL) gets a line of its own and
// is never cut. cols of 0 or less keeps the text on one line.
func wrap(text string, cols int, first, rest string) []string {
	if cols <= 0 {
		return []string{first + strings.Join(strings.Fields(text), " ")}
	}
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

// textClaim is a claim in plain text: its text, its signs and its citation in brackets.
func textClaim(l claimLine) string {
	s := l.Text + l.Signs()
	if cite := l.Cite(); cite != "" {
		s += " (" + cite + ")"
	}
	return s
}

// CardText writes the battle card as plain text for pasting into chat or email: the same
// content in the same order as CardMarkdown, headings in capitals and bullets as "- ". Each
// paragraph stays on one line, so the client wraps it; doc.Width wraps at that column instead.
// Catalog text is stripped of control characters and escape sequences.
func CardText(w io.Writer, doc CardDoc) error {
	_, err := io.WriteString(w, textBlocks(cardBlocks(doc), doc.Width))
	return err
}

// textBlocks renders blocks as plain text, wrapped at cols (0: not wrapped).
func textBlocks(blocks []block, cols int) string {
	t := &textBlock{width: cols}
	rule := cols
	if rule <= 0 {
		rule = TextWidth
	}
	for i, bl := range blocks {
		if i > 0 && bl.Kind != blockLede && bl.Kind != blockMeta {
			t.blank()
		}
		heading := func() {
			if bl.Title != "" {
				t.para(strings.ToUpper(bl.Title), "", "")
			}
		}
		switch bl.Kind {
		case blockTitle:
			t.para(bl.Title, "", "")
		case blockQuickRead:
			heading()
			for _, l := range bl.Lines {
				t.para(l, "| ", "| ")
			}
		case blockLede:
			t.para(bl.Lines[0], "", "")
		case blockMeta:
			t.para(strings.Join(bl.Lines, " · "), "", "")
		case blockNotice:
			t.para(strings.ToUpper(bl.Title)+": "+bl.Lines[0], "", "  ")
		case blockDoNotSay:
			t.para("DO NOT SAY", "", "")
			for _, l := range bl.Lines {
				t.para(l, "✗ ", "  ")
			}
		case blockFacts:
			heading()
			for _, f := range bl.Facts {
				t.para(f.Label+": "+f.Value, "- ", "  ")
			}
		case blockProse:
			heading()
			for j, p := range bl.Lines {
				if j > 0 {
					t.blank()
				}
				t.para(p, "", "")
			}
		case blockClaims:
			heading()
			for _, c := range bl.Claims {
				t.para(textClaim(c), "- ", "  ")
			}
		case blockList:
			heading()
			for _, l := range bl.Lines {
				t.para(l, "- ", "  ")
			}
			if len(bl.Lines) == 0 {
				t.para(bl.Empty, "  ", "  ")
			}
		case blockObjections:
			heading()
			for _, o := range bl.Objections {
				t.para(o.Objection, "- ", "  ")
				t.para(textClaim(o.Answer), "  → ", "    ")
			}
		case blockPlans:
			heading()
			for _, p := range bl.Plans {
				t.para(p.Plan+": "+p.Price+" per "+p.Unit+" · seen "+p.Seen, "- ", "  ")
			}
		case blockQuotes:
			heading()
			for _, q := range bl.Quotes {
				t.para("“"+q.Text+"” ("+q.Attribution()+")", "- ", "  ")
			}
		case blockRule:
			t.b.WriteString(strings.Repeat("=", rule) + "\n")
			heading()
			t.para(bl.Lines[0], "", "")
		case blockEvidence:
			heading()
			for _, e := range bl.Bullets {
				t.para(e.Text, "- ", "  ")
				t.para("("+e.Cite+")", "  ", "  ")
			}
		case blockLabelled:
			for _, f := range bl.Facts {
				label := strings.ToUpper(f.Label)
				t.para(f.Value, label+" "+strings.Repeat(" ", max(0, 6-width(label))), "       ")
			}
		}
	}
	return t.b.String()
}

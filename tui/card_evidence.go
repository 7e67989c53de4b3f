package tui

import (
	"strings"

	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
)

// renderEvidence renders what the catalog says about the rival, in a block of its own that is
// never mixed with the hand-written card: each bullet grouped under its heading, with the data
// it rests on in grey beneath.
func renderEvidence(st *Styles, doc report.CardDoc, width int) []string {
	if doc.Competitor.Slug == "" {
		return nil
	}
	bullets := report.EvidenceBullets(doc)
	if len(bullets) == 0 {
		return nil
	}
	rule := "── From the catalog "
	lines := []string{"", truncate(st.Label.Render(rule+strings.Repeat("─", max(0, width-len([]rune(rule))))), width),
		st.Muted.Render(truncate("Drafted from the matrix, deals, prices and notes · y copies a line into a section", width))}
	section := ""
	for _, b := range bullets {
		if b.Section != section {
			section = b.Section
			lines = append(lines, "", st.Heading.Render(report.BulletTitle(section)))
		}
		lines = append(lines, bullet(termtext.Line(b.Text), width)...)
		if b.Cite != "" {
			for _, l := range wrap(termtext.Line(b.Cite), max(width-4, 8)) {
				lines = append(lines, "    "+st.Muted.Render(l))
			}
		}
	}
	return lines
}

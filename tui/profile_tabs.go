package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// section renders a heading followed by claims, or nothing for an empty list: each claim with
// its marker (ⁱ inference, ? rumour) and ⚑ when it was not confirmed for
// model.ClaimStaleDays. The claim at index selected is marked, with its citation on the line
// below; at is the line it starts on within the returned lines, or -1.
func section(st *Styles, title string, items []model.Claim, selected int, today model.Date, width int) (out []string, at int) {
	at = -1
	if len(items) == 0 {
		return nil, at
	}
	out = []string{"", st.Heading.Render(title)}
	for i, it := range items {
		lines := bullet(termtext.Line(it.Text)+claimSigns(st, it.Citation, today), width)
		if i == selected {
			at = len(out)
			lines = markFirst(st, lines)
			lines = append(lines, citationLines(st, it.Citation, width)...)
		}
		out = append(out, lines...)
	}
	return out, at
}

// claimSigns is a claim's marker and ⚑, with a leading space, or "".
func claimSigns(st *Styles, c model.Citation, today model.Date) string {
	s := c.Marker()
	if c.Stale(today) {
		s += "⚑"
	}
	if s == "" {
		return ""
	}
	return " " + st.Stale.Render(s)
}

// citationLines words a selected claim's citation under it: "source: … · confirmed … ·
// inference", or that it cites nothing.
func citationLines(st *Styles, c model.Citation, width int) []string {
	parts := []string{"no source"}
	if src := termtext.Line(c.Source); src != "" {
		parts = []string{"source: " + src}
	}
	if !c.Confirmed.IsZero() {
		parts = append(parts, "confirmed "+c.Confirmed.String())
	}
	if c.Confidence != "" {
		parts = append(parts, string(c.Confidence))
	}
	var out []string
	for _, l := range wrap(strings.Join(parts, " · "), max(width-4, 8)) {
		out = append(out, "    "+st.Muted.Render(l))
	}
	return out
}

// markFirst marks the first line of an item as selected, in place of its first two columns
// (a bullet, or the indent of a paragraph).
func markFirst(st *Styles, lines []string) []string {
	if len(lines) > 0 {
		lines[0] = st.Selected.Render("▌ ") + ansi.Cut(lines[0], 2, ansi.StringWidth(lines[0]))
	}
	return lines
}

// paragraph renders a paragraph of the card, indented and marked when it is selected.
func paragraph(st *Styles, text string, selected bool, width int) []string {
	if !selected {
		return wrap(termtext.Line(text), width)
	}
	lines := wrap(termtext.Line(text), max(width-2, 8))
	for i := range lines {
		lines[i] = "  " + lines[i]
	}
	return markFirst(st, lines)
}

// renderCard renders the battle card, with a banner when it is overdue for review, marking the
// selected spot (a line or paragraph a search led to). It also returns the line the spot starts
// on, or -1.
func renderCard(st *Styles, d *profileData, doc report.CardDoc, today model.Date, spot cardSpot, width int) (string, int) {
	k := d.card
	if k == nil {
		lines := []string{st.Muted.Render("No battle card yet for " + termtext.Line(d.competitor.Name) + ". Press e to write one.")}
		return strings.Join(append(lines, renderEvidence(st, doc, width)...), "\n"), -1
	}
	var lines []string
	at := -1
	selected := func(key string, i int) bool { return spot.section == key && spot.item == i }
	mark := func(key string, i int) {
		if selected(key, i) {
			at = len(lines)
		}
	}
	list := func(title, key string, items []model.Claim) {
		item := -1
		if spot.section == key {
			item = spot.item
		}
		out, i := section(st, title, items, item, today, width)
		if i >= 0 {
			at = len(lines) + i
		}
		lines = append(lines, out...)
	}
	if qr := k.QuickReadLines(); len(qr) > 0 {
		lines = append(lines, st.Heading.Render("30-second read"))
		mark("quick_read", 0)
		for _, l := range qr {
			for _, w := range wrap(termtext.Line(l), max(width-2, 8)) {
				lines = append(lines, st.Selected.Render("│ ")+w)
			}
		}
		lines = append(lines, "")
	}
	if model.IsStale(k.LastReviewed, today, model.StaleCardDays) {
		msg := "Not reviewed for over 90 days: check before quoting it"
		if k.LastReviewed.IsZero() {
			msg = "Never reviewed: check before quoting it"
		}
		lines = append(lines, truncate(st.Banner.Render("⚑ STALE · "+msg), width), "")
	}
	meta := "Reviewed " + orNever(k.LastReviewed)
	if k.Owner != "" {
		meta += " · owner " + termtext.Line(k.Owner)
	}
	if claims := k.TallyClaims(today).Summary(); claims != "" {
		meta += " · " + claims
	}
	for _, l := range wrap(meta, width) {
		lines = append(lines, st.Muted.Render(l))
	}
	if s := report.ChangedSinceReview(doc.SinceReview); s != "" {
		lines = append(lines, truncate(st.Muted.Render(s), width))
	}
	if len(k.DoNotSay) > 0 {
		lines = append(lines, "", st.DoNotSay.Render("Do not say"))
		for i, l := range k.DoNotSay {
			mark("do_not_say", i)
			for j, w := range wrap(termtext.Line(l), max(width-2, 8)) {
				prefix := "  "
				if j == 0 {
					prefix = "✗ "
				}
				lines = append(lines, st.DoNotSay.Render(prefix+w))
			}
		}
	}
	if k.Overview != "" {
		lines = append(lines, "")
		mark("overview", 0)
		lines = append(lines, paragraph(st, k.Overview, selected("overview", 0), width)...)
	}
	list("Why we win", string(model.SectionWhyWeWin), k.WhyWeWin)
	list("Why they win", string(model.SectionWhyTheyWin), k.WhyTheyWin)
	if len(k.Objections) > 0 {
		lines = append(lines, "", st.Heading.Render("Objections"))
		for i, o := range k.Objections {
			mark("objections", i)
			first := bullet(st.Selected.Render("“"+termtext.Line(o.Objection)+"”"), width)
			if selected("objections", i) {
				first = markFirst(st, first)
			}
			lines = append(lines, first...)
			for _, l := range wrap(termtext.Line(o.Response)+claimSigns(st, o.Citation, today), max(width-4, 8)) {
				lines = append(lines, "  → "+l)
			}
			if selected("objections", i) {
				lines = append(lines, citationLines(st, o.Citation, width)...)
			}
		}
	}
	list("Landmines", string(model.SectionLandmines), k.Landmines)
	list("Quick dismisses", string(model.SectionQuickDismisses), k.QuickDismisses)
	list("Proof points", string(model.SectionProofPoints), k.ProofPoints)
	if k.PricingTalkTrack != "" {
		lines = append(lines, "", st.Heading.Render("Pricing talk track"))
		mark("pricing_talk_track", 0)
		lines = append(lines, paragraph(st, k.PricingTalkTrack, selected("pricing_talk_track", 0), width)...)
	}
	if facts := report.PricingFactsLine(d.competitor.Pricing); facts != "" {
		lines = append(lines, "", st.Heading.Render("Pricing facts"))
		for _, l := range wrap(facts, width) {
			lines = append(lines, st.Muted.Render(l))
		}
	}
	lines = append(lines, renderEvidence(st, doc, width)...)
	return strings.Join(lines, "\n"), at
}

func orNever(d model.Date) string {
	if d.IsZero() {
		return "never"
	}
	return d.String()
}

// unicodeGlyphs and asciiGlyphs mark support levels in the matrix; ASCII is used where the
// locale is not UTF-8 or NO_COLOR is set.
var (
	unicodeGlyphs = map[model.Level]string{
		model.LevelYes: "✓", model.LevelPartial: "◐", model.LevelNo: "✗", model.LevelRoadmap: "◷", model.LevelUnknown: "?",
	}
	asciiGlyphs = map[model.Level]string{
		model.LevelYes: "+", model.LevelPartial: "~", model.LevelNo: "-", model.LevelRoadmap: ">", model.LevelUnknown: "?",
	}
)

// renderFeatures renders the competitor's support for every feature, grouped by category,
// marking the selected feature; it also returns the line each feature starts on. Feature names
// get the width their longest needs (up to a third of the screen). Each cell's evidence (when
// verified, the source) goes on the row itself when the widest row then fits whole, as on a
// wide terminal, else on a line of its own below.
func renderFeatures(st *Styles, features []model.Feature, d *profileData, today model.Date, selected, width int) (string, []int) {
	if len(features) == 0 {
		return st.Muted.Render("No features in the matrix yet. Press n to add one."), nil
	}
	nameWidth, noteWidth, evidenceWidth := 0, 0, 0
	for _, f := range features {
		nameWidth = max(nameWidth, lipgloss.Width(termtext.Line(f.Name)))
		if cell, ok := d.support[f.Key]; ok {
			noteWidth = max(noteWidth, lipgloss.Width(termtext.Line(cell.Note)))
			evidenceWidth = max(evidenceWidth, lipgloss.Width(cellEvidence(cell)))
		}
	}
	nameWidth = min(nameWidth, max(12, width/3))
	// marker, glyph, name, level and stale flag, then the note and the evidence.
	prefix := 2 + 2 + nameWidth + 1 + 8 + 2
	oneLine := evidenceWidth > 0 && prefix+1+noteWidth+2+evidenceWidth <= width
	var lines []string
	starts := make([]int, len(features))
	category := ""
	for i, f := range features {
		if f.Category != category {
			category = f.Category
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, st.Heading.Render(termtext.Line(category)))
		}
		starts[i] = len(lines)
		cell, ok := d.support[f.Key]
		if !ok {
			cell = model.Support{Level: model.LevelUnknown}
		}
		marker, name := "  ", padRight(truncate(termtext.Line(f.Name), nameWidth), nameWidth)
		if i == selected {
			marker, name = st.Selected.Render("▌ "), st.Selected.Render(name)
		}
		row := fmt.Sprintf("%s%s %s %-8s", marker, st.Glyphs[cell.Level], name, cell.Level)
		if ok && model.IsStale(cell.VerifiedAt, today, model.StaleFactDays) {
			row += st.Stale.Render(" ⚑")
		} else {
			row += "  "
		}
		evidence := ""
		if ok {
			evidence = cellEvidence(cell)
		}
		switch {
		case oneLine:
			row += " " + st.Muted.Render(padRight(termtext.Line(cell.Note), noteWidth))
			if evidence != "" {
				row += "  " + st.Muted.Render(evidence)
			}
			lines = append(lines, truncate(row, width))
			continue
		case cell.Note != "":
			row += " " + st.Muted.Render(termtext.Line(cell.Note))
		}
		lines = append(lines, truncate(row, width))
		if evidence != "" && width >= 60 {
			lines = append(lines, truncate(st.Muted.Render(strings.Repeat(" ", nameWidth+5)+evidence), width))
		}
	}
	return strings.Join(lines, "\n"), starts
}

// cellEvidence is what a matrix cell rests on, in one clean line: "verified 2026-07-27 ·
// https://harborline.example.com/pricing"; "" when nothing is recorded.
func cellEvidence(cell model.Support) string {
	var src []string
	if !cell.VerifiedAt.IsZero() {
		src = append(src, "verified "+cell.VerifiedAt.String())
	}
	if cell.Source != "" {
		src = append(src, termtext.Line(cell.Source))
	}
	return strings.Join(src, " · ")
}

// renderIntel renders the intel notes, newest first, with date, source and tags, marking the
// selected note. It also returns the line each note starts on, for scrolling to the selection.
func renderIntel(st *Styles, d *profileData, selected, width int) (string, []int) {
	if len(d.notes) == 0 {
		return st.Muted.Render("No intel notes yet. Press n to add one."), nil
	}
	var lines []string
	starts := make([]int, len(d.notes))
	for i, n := range d.notes {
		if i > 0 {
			lines = append(lines, "")
		}
		starts[i] = len(lines)
		marker, title := "  ", st.Heading.Render(termtext.Line(n.Title))
		if i == selected {
			marker, title = st.Selected.Render("▌ "), st.Selected.Render(termtext.Line(n.Title))
		}
		for j, l := range wrap(st.Muted.Render(n.Date.String())+"  "+title, max(width-2, 8)) {
			if j == 0 {
				lines = append(lines, marker+l)
			} else {
				lines = append(lines, "  "+l)
			}
		}
		if n.Body != "" {
			for _, para := range strings.Split(termtext.Clean(n.Body), "\n") {
				for _, l := range wrap(para, max(width-2, 8)) {
					lines = append(lines, "  "+l)
				}
			}
		}
		var meta []string
		if n.Source != "" {
			meta = append(meta, termtext.Line(n.Source))
		}
		if len(n.Tags) > 0 {
			meta = append(meta, "#"+strings.Join(n.Tags, " #"))
		}
		if len(meta) > 0 {
			for _, l := range wrap(termtext.Line(strings.Join(meta, "  ")), max(width-2, 8)) {
				lines = append(lines, "  "+st.Muted.Render(l))
			}
		}
	}
	return strings.Join(lines, "\n"), starts
}

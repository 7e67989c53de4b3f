// Package report renders catalog data for people and other programs: comparison tables as
// plain text, Markdown, CSV and JSON. Renderers are pure functions of model values; every piece
// of catalog text is made safe for the target format.
package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// Glyphs spells support levels in a table.
type Glyphs map[model.Level]string

// UnicodeGlyphs are the level marks for UTF-8 terminals and documents.
var UnicodeGlyphs = Glyphs{
	model.LevelYes: "✓ yes", model.LevelPartial: "◐ partial", model.LevelNo: "✗ no",
	model.LevelRoadmap: "◷ roadmap", model.LevelUnknown: "? unknown",
}

// ASCIIGlyphs are the level marks where Unicode may not display.
var ASCIIGlyphs = Glyphs{
	model.LevelYes: "+ yes", model.LevelPartial: "~ partial", model.LevelNo: "- no",
	model.LevelRoadmap: "> roadmap", model.LevelUnknown: "? unknown",
}

// percent renders a score as a whole percentage.
func percent(s model.Score) string {
	return fmt.Sprintf("%.0f%%", s.Ratio()*100)
}

// CompareTable writes an aligned plain-text comparison for a terminal or a pipe: one row per
// feature that f keeps, one column per product, then the scores and head-to-head counts, which
// always cover every feature of m.
func CompareTable(w io.Writer, m model.Matrix, f model.MatrixFilter, g Glyphs) error {
	shown := m.Filter(f)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := []string{"CATEGORY", "FEATURE"}
	for _, p := range m.Products {
		header = append(header, strings.ToUpper(termtext.Line(p.Name)))
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, feat := range shown.Features {
		row := []string{termtext.Line(feat.Category), termtext.Line(feat.Name)}
		for _, p := range m.Products {
			row = append(row, g[m.Level(p.Slug, feat.Key)])
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(shown.Features) < len(m.Features) {
		fmt.Fprintf(w, "(%d of %d features shown; scores cover all of them)\n", len(shown.Features), len(m.Features))
	}
	return writeScoresText(w, m)
}

// writeScoresText lists each product's weighted coverage and the baseline's head-to-head counts.
func writeScoresText(w io.Writer, m model.Matrix) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw)
	header := []string{"WEIGHTED COVERAGE", "OVERALL"}
	for _, c := range m.Categories() {
		header = append(header, termtext.Line(c))
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	names := productNames(m)
	for _, s := range m.Scores() {
		row := []string{names[s.Slug], percent(s.Overall)}
		for _, c := range m.Categories() {
			row = append(row, percent(s.ByCategory[c]))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(m.Products) > 1 {
		base := names[m.Products[0].Slug]
		fmt.Fprintln(w)
		for _, h := range m.HeadToHeads() {
			fmt.Fprintf(w, "%s vs %s: wins %d, loses %d, ties %d\n", base, names[h.Rival], h.Wins, h.Losses, h.Ties)
		}
	}
	return nil
}

func productNames(m model.Matrix) map[string]string {
	out := make(map[string]string, len(m.Products))
	for _, p := range m.Products {
		out[p.Slug] = termtext.Line(p.Name)
	}
	return out
}

// markdownCell escapes text for a GitHub-flavoured Markdown table cell (mdCell): the pipe is
// escaped and catalog text can neither break the table nor inject markup, while ordinary text
// ("AI & Automation") stays as written.
func markdownCell(s string) string { return mdCell(s) }

// cellCitation words what a matrix cell rests on: its note, its source and when it was verified,
// "" when it has none of them.
func cellCitation(c model.Support) string {
	var parts []string
	if n := termtext.Line(c.Note); n != "" {
		parts = append(parts, n)
	}
	if src := termtext.Line(c.Source); src != "" {
		parts = append(parts, "source: "+src)
	}
	if !c.VerifiedAt.IsZero() {
		parts = append(parts, "verified "+c.VerifiedAt.String())
	}
	return strings.Join(parts, "; ")
}

// CompareMarkdown writes the comparison as GitHub-flavoured Markdown tables: the features f
// keeps, each cell with a note or source marked by a footnote that gives them, then scores and
// head-to-head counts over every feature of m.
func CompareMarkdown(w io.Writer, m model.Matrix, f model.MatrixFilter, g Glyphs) error {
	shown := m.Filter(f)
	var b strings.Builder
	names := productNames(m)
	title := make([]string, len(m.Products))
	for i, p := range m.Products {
		title[i] = markdownCell(p.Name)
	}
	fmt.Fprintf(&b, "# Comparison: %s\n\n", strings.Join(title, " vs "))
	b.WriteString("| Category | Feature |")
	for _, t := range title {
		b.WriteString(" " + t + " |")
	}
	b.WriteString("\n|---|---|")
	b.WriteString(strings.Repeat("---|", len(m.Products)))
	b.WriteString("\n")
	var notes []string
	for _, feat := range shown.Features {
		fmt.Fprintf(&b, "| %s | %s |", markdownCell(feat.Category), markdownCell(feat.Name))
		for _, p := range m.Products {
			b.WriteString(" " + g[m.Level(p.Slug, feat.Key)])
			if cite := cellCitation(m.Cell(p.Slug, feat.Key)); cite != "" {
				notes = append(notes, fmt.Sprintf("[^%d]: %s · %s: %s", len(notes)+1, mdEscape(names[p.Slug]), mdEscape(feat.Name), mdEscape(cite)))
				fmt.Fprintf(&b, "[^%d]", len(notes))
			}
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	if len(shown.Features) < len(m.Features) {
		fmt.Fprintf(&b, "\n%d of %d features shown; the scores below cover all of them.\n", len(shown.Features), len(m.Features))
	}
	if len(notes) > 0 {
		b.WriteString("\n" + strings.Join(notes, "\n") + "\n")
	}
	b.WriteString("\n## Weighted coverage\n\n")
	b.WriteString("Each feature counts its weight (0–5) times 1 for yes, ½ for partial and 0 otherwise.\n\n")
	b.WriteString("| Product | Overall |")
	cats := m.Categories()
	for _, c := range cats {
		b.WriteString(" " + markdownCell(c) + " |")
	}
	b.WriteString("\n|---|---:|" + strings.Repeat("---:|", len(cats)) + "\n")
	for _, s := range m.Scores() {
		fmt.Fprintf(&b, "| %s | %s |", markdownCell(names[s.Slug]), percent(s.Overall))
		for _, c := range cats {
			b.WriteString(" " + percent(s.ByCategory[c]) + " |")
		}
		b.WriteString("\n")
	}
	if len(m.Products) > 1 {
		fmt.Fprintf(&b, "\n## %s head to head\n\n| Rival | Wins | Losses | Ties |\n|---|---:|---:|---:|\n", markdownCell(names[m.Products[0].Slug]))
		for _, h := range m.HeadToHeads() {
			fmt.Fprintf(&b, "| %s | %d | %d | %d |\n", markdownCell(names[h.Rival]), h.Wins, h.Losses, h.Ties)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CSVSafe neutralises a spreadsheet cell: text starting with = + - @ (or a tab or carriage
// return) could run as a formula, so it gets a leading apostrophe.
func CSVSafe(s string) string {
	s = termtext.Line(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// CompareCSV writes the features f keeps as RFC 4180 CSV: category, feature, key, weight,
// then one level column per product (by slug), then each product's note, source and verified
// date ("SLUG note", "SLUG source", "SLUG verified").
func CompareCSV(w io.Writer, m model.Matrix, f model.MatrixFilter) error {
	shown := m.Filter(f)
	cw := csv.NewWriter(w)
	header := []string{"category", "feature", "key", "weight"}
	for _, p := range m.Products {
		header = append(header, CSVSafe(p.Slug))
	}
	for _, p := range m.Products {
		header = append(header, CSVSafe(p.Slug+" note"), CSVSafe(p.Slug+" source"), CSVSafe(p.Slug+" verified"))
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, feat := range shown.Features {
		row := []string{CSVSafe(feat.Category), CSVSafe(feat.Name), CSVSafe(feat.Key), fmt.Sprint(feat.Weight)}
		for _, p := range m.Products {
			row = append(row, string(m.Level(p.Slug, feat.Key)))
		}
		for _, p := range m.Products {
			c := m.Cell(p.Slug, feat.Key)
			verified := ""
			if !c.VerifiedAt.IsZero() {
				verified = c.VerifiedAt.String()
			}
			row = append(row, CSVSafe(c.Note), CSVSafe(c.Source), verified)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// compareJSON is the shape of `rivals compare --format json`.
type compareJSON struct {
	Products []compareProduct   `json:"products"`
	Features []compareFeature   `json:"features"`
	Scores   []compareScore     `json:"scores"`
	Head     []model.HeadToHead `json:"head_to_head"`
}

type compareProduct struct {
	Slug   string `json:"slug"`
	Name   string `json:"name"`
	IsSelf bool   `json:"is_self"`
}

type compareFeature struct {
	Key      string                 `json:"key"`
	Name     string                 `json:"name"`
	Category string                 `json:"category"`
	Weight   int                    `json:"weight"`
	Levels   map[string]model.Level `json:"levels"`
	Notes    map[string]string      `json:"notes,omitempty"`
	Sources  map[string]string      `json:"sources,omitempty"`
	Verified map[string]model.Date  `json:"verified,omitempty"`
}

type compareScore struct {
	Slug       string             `json:"slug"`
	Overall    float64            `json:"overall"`
	ByCategory map[string]float64 `json:"by_category"`
}

// CompareJSON writes the comparison for programs: products, the features f keeps with each
// product's level (and its note, source and verified date), and scores (fractions) and head-to-head counts over all features.
func CompareJSON(w io.Writer, m model.Matrix, f model.MatrixFilter) error {
	shown := m.Filter(f)
	out := compareJSON{Products: []compareProduct{}, Features: []compareFeature{}, Head: m.HeadToHeads()}
	for _, p := range m.Products {
		out.Products = append(out.Products, compareProduct{p.Slug, p.Name, p.IsSelf})
	}
	for _, feat := range shown.Features {
		cf := compareFeature{Key: feat.Key, Name: feat.Name, Category: feat.Category, Weight: feat.Weight, Levels: map[string]model.Level{}}
		for _, p := range m.Products {
			c := m.Cell(p.Slug, feat.Key)
			cf.Levels[p.Slug] = c.Level
			if c.Note != "" {
				if cf.Notes == nil {
					cf.Notes = map[string]string{}
				}
				cf.Notes[p.Slug] = c.Note
			}
			if c.Source != "" {
				if cf.Sources == nil {
					cf.Sources = map[string]string{}
				}
				cf.Sources[p.Slug] = c.Source
			}
			if !c.VerifiedAt.IsZero() {
				if cf.Verified == nil {
					cf.Verified = map[string]model.Date{}
				}
				cf.Verified[p.Slug] = c.VerifiedAt
			}
		}
		out.Features = append(out.Features, cf)
	}
	for _, s := range m.Scores() {
		cs := compareScore{Slug: s.Slug, Overall: round(s.Overall.Ratio()), ByCategory: map[string]float64{}}
		for c, v := range s.ByCategory {
			cs.ByCategory[c] = round(v.Ratio())
		}
		out.Scores = append(out.Scores, cs)
	}
	if out.Head == nil {
		out.Head = []model.HeadToHead{}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(termtext.JSONSafe(b), '\n'))
	return err
}

// round keeps four decimals so JSON output is stable and readable.
func round(f float64) float64 {
	return float64(int64(f*10000+0.5)) / 10000
}

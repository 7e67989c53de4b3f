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

// markdownCell escapes text for a GitHub-flavoured Markdown table cell: pipes, HTML and
// Markdown syntax characters are escaped so catalog text can neither break the table nor inject
// markup.
func markdownCell(s string) string {
	s = termtext.Line(s)
	r := strings.NewReplacer(
		"&", "&amp;", "<", "&lt;", ">", "&gt;", "|", "\\|", "\\", "\\\\",
		"*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]", "#", "\\#", "~", "\\~",
	)
	return r.Replace(s)
}

// CompareMarkdown writes the comparison as GitHub-flavoured Markdown tables: the features f
// keeps, then scores and head-to-head counts over every feature of m.
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
	for _, feat := range shown.Features {
		fmt.Fprintf(&b, "| %s | %s |", markdownCell(feat.Category), markdownCell(feat.Name))
		for _, p := range m.Products {
			b.WriteString(" " + g[m.Level(p.Slug, feat.Key)] + " |")
		}
		b.WriteString("\n")
	}
	if len(shown.Features) < len(m.Features) {
		fmt.Fprintf(&b, "\n%d of %d features shown; the scores below cover all of them.\n", len(shown.Features), len(m.Features))
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
// then one level column per product (by slug).
func CompareCSV(w io.Writer, m model.Matrix, f model.MatrixFilter) error {
	shown := m.Filter(f)
	cw := csv.NewWriter(w)
	header := []string{"category", "feature", "key", "weight"}
	for _, p := range m.Products {
		header = append(header, CSVSafe(p.Slug))
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, feat := range shown.Features {
		row := []string{CSVSafe(feat.Category), CSVSafe(feat.Name), CSVSafe(feat.Key), fmt.Sprint(feat.Weight)}
		for _, p := range m.Products {
			row = append(row, string(m.Level(p.Slug, feat.Key)))
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
}

type compareScore struct {
	Slug       string             `json:"slug"`
	Overall    float64            `json:"overall"`
	ByCategory map[string]float64 `json:"by_category"`
}

// CompareJSON writes the comparison for programs: products, the features f keeps with each
// product's level (and note), and scores (fractions) and head-to-head counts over all features.
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

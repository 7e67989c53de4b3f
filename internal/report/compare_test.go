package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/model"
)

// demoMatrix compares our product with two rivals from the demo catalog.
func demoMatrix(t *testing.T, slugs ...string) model.Matrix {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "demo", "catalog.json"))
	if err != nil {
		t.Fatal(err)
	}
	cat, _, err := catalog.Decode("demo", data)
	if err != nil {
		t.Fatal(err)
	}
	var products []model.Competitor
	for _, s := range slugs {
		for _, c := range cat.Competitors {
			if c.Slug == s {
				products = append(products, c)
			}
		}
	}
	return model.NewMatrix(products, cat.Features, cat.Support)
}

func TestCompareMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := CompareMarkdown(&b, demoMatrix(t, "tidewell", "harborline", "replyfox"), model.MatrixFilter{}, UnicodeGlyphs); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, b.Bytes())
	// Every table row has as many cells as its header: the table renders.
	for _, table := range strings.Split(b.String(), "\n\n") {
		lines := strings.Split(strings.TrimSpace(table), "\n")
		if !strings.HasPrefix(lines[0], "|") {
			continue
		}
		want := strings.Count(lines[0], "|") - strings.Count(lines[0], `\|`)
		for _, l := range lines {
			if got := strings.Count(l, "|") - strings.Count(l, `\|`); got != want {
				t.Fatalf("row %q has %d cell borders, header %d", l, got, want)
			}
		}
	}
}

func TestCompareCSVGolden(t *testing.T) {
	var b bytes.Buffer
	if err := CompareCSV(&b, demoMatrix(t, "tidewell", "harborline", "replyfox"), model.MatrixFilter{}); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, b.Bytes())
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v", err)
	}
	// Four feature columns, a level per product, then each product's note, source and date.
	if len(rows) != 58 || len(rows[0]) != 16 || rows[0][11] != "harborline source" {
		t.Errorf("CSV is %d rows of %d columns, want 58 of 16", len(rows), len(rows[0]))
	}
}

// Each cell's note and source reach the Markdown comparison as a footnote of that cell.
func TestCompareMarkdownFootnotes(t *testing.T) {
	var b bytes.Buffer
	if err := CompareMarkdown(&b, demoMatrix(t, "tidewell", "harborline"), model.MatrixFilter{}, UnicodeGlyphs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	row := regexp.MustCompile(`(?m)^\| Channels \| Native voice \| [^|]*\[\^(\d+)\] \| [^|]*\[\^(\d+)\] \|$`).FindStringSubmatch(out)
	if row == nil {
		t.Fatalf("the native voice row has no footnotes:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^\[\^` + row[2] + `\]: Harborline · Native voice: Included from Suite Professional.*source: https://`).MatchString(out) {
		t.Errorf("footnote %s does not give Harborline's note and source", row[2])
	}
	if strings.Contains(out, "&amp;") {
		t.Error("an escaped & in the Markdown comparison")
	}
}

func TestDiffDropsExactlyTheEqualRows(t *testing.T) {
	m := demoMatrix(t, "tidewell", "harborline")
	var b bytes.Buffer
	if err := CompareCSV(&b, m, model.MatrixFilter{DiffOnly: true}); err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(&b).ReadAll()
	shown := map[string]bool{}
	for _, r := range rows[1:] {
		shown[r[2]] = true
		if r[4] == r[5] {
			t.Errorf("equal row %s kept", r[2])
		}
	}
	for _, f := range m.Features {
		if !shown[f.Key] && m.Level("tidewell", f.Key) != m.Level("harborline", f.Key) {
			t.Errorf("differing row %s dropped", f.Key)
		}
	}
	if len(shown) == 0 || len(shown) == len(m.Features) {
		t.Errorf("diff kept %d of %d rows; the demo has both equal and differing rows", len(shown), len(m.Features))
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://evil\")": "'=HYPERLINK(\"http://evil\")",
		"+1+1":                        "'+1+1",
		"-2+3":                        "'-2+3",
		"@SUM(A1)":                    "'@SUM(A1)",
		"\t=1":                        "'=1", // Line turns the tab into nothing leading, then neutralises
		"plain":                       "plain",
		"":                            "",
	} {
		if got := CSVSafe(in); got != want {
			t.Errorf("CSVSafe(%q) = %q, want %q", in, got, want)
		}
	}
	m := model.NewMatrix(
		[]model.Competitor{{Slug: "us", Name: "Us"}, {Slug: "them", Name: "Them"}},
		[]model.Feature{{Key: "f", Name: "=cmd|' /C calc'!A0", Category: "@evil", Weight: 1}}, nil)
	var b bytes.Buffer
	if err := CompareCSV(&b, m, model.MatrixFilter{}); err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(&b).ReadAll()
	for _, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
			t.Errorf("cell %q can run as a formula", cell)
		}
	}
}

func TestMarkdownCannotInjectMarkup(t *testing.T) {
	m := model.NewMatrix(
		[]model.Competitor{{Slug: "us", Name: "Us <script>alert(1)</script>"}, {Slug: "x", Name: "A | B"}},
		[]model.Feature{{Key: "f", Name: "[click](javascript:x) **bold** ~~struck~~", Category: "C", Weight: 1}}, nil)
	var b bytes.Buffer
	if err := CompareMarkdown(&b, m, model.MatrixFilter{}, UnicodeGlyphs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script>", "[click](", "**bold**", "~~struck~~", " A | B "} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown contains %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, `A \| B`) {
		t.Error("a pipe in a name is not escaped")
	}
}

func TestCompareJSONAndTable(t *testing.T) {
	m := demoMatrix(t, "tidewell", "nimbus-assist")
	var b bytes.Buffer
	if err := CompareJSON(&b, m, model.MatrixFilter{Category: "Security & Compliance"}); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Products []struct{ Slug string }
		Features []struct {
			Category string
			Levels   map[string]string
		}
		Scores []struct {
			Slug    string
			Overall float64
		}
		HeadToHead []model.HeadToHead `json:"head_to_head"`
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Products) != 2 || len(out.Features) == 0 || len(out.Scores) != 2 || len(out.HeadToHead) != 1 {
		t.Fatalf("json = %+v", out)
	}
	for _, f := range out.Features {
		if f.Category != "Security & Compliance" || f.Levels["tidewell"] == "" {
			t.Errorf("feature %+v", f)
		}
	}
	want := m.Scores()[0].Overall.Ratio()
	if d := out.Scores[0].Overall - want; d > 0.0001 || d < -0.0001 {
		t.Errorf("score %v, want %v (scores cover all features)", out.Scores[0].Overall, want)
	}
	b.Reset()
	if err := CompareTable(&b, m, model.MatrixFilter{DiffOnly: true}, ASCIIGlyphs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "features shown; scores cover all of them") || strings.ContainsAny(b.String(), "✓◐✗◷") {
		t.Errorf("table:\n%s", b.String())
	}
}

// TestCompareTableHasNoTerminalControls: category and feature names from the catalog appear in
// the feature rows and in the scores' header; neither may carry an escape sequence.
func TestCompareTableHasNoTerminalControls(t *testing.T) {
	evil := "Sec\x1b[2J\x1b]52;c;cm0gLXJm\x07urity\u202e\u009b31m\ttab\nline"
	m := model.NewMatrix(
		[]model.Competitor{{Slug: "us", Name: evil, IsSelf: true}, {Slug: "them", Name: evil}},
		[]model.Feature{{Key: "f", Name: evil, Category: evil, Weight: 1}}, nil)
	var b bytes.Buffer
	if err := CompareTable(&b, m, model.MatrixFilter{}, UnicodeGlyphs); err != nil {
		t.Fatal(err)
	}
	checkNoControls(t, "compare table", b.String())
	if !strings.Contains(b.String(), "Security tab line") {
		t.Errorf("the category lost its text:\n%s", b.String())
	}
}

package report

import (
	"bytes"
	"encoding/json"
	"html"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	hostiletest "github.com/rivals-app/rivals/internal/hostile"
	"github.com/rivals-app/rivals/model"
)

// hostile is text that would run script if it reached a page unescaped, or link where it
// should not.
const hostile = `<script>alert(1)</script>"><img src=x onerror=alert(1)>javascript:alert(1)`

// hostileDoc is the demo's Harborline page with hostile text in every text field of the
// competitor, the card, the evidence (features, notes, the price quote) and the reason labels.
func hostileDoc(tb testing.TB) CardDoc {
	tb.Helper()
	doc := demoCardDoc(tb, "harborline")
	h := func(s *string) { *s = hostile }
	hs := func(items []string) []string {
		for i := range items {
			items[i] = hostile + " " + items[i]
		}
		return append(items, hostile)
	}
	c := &doc.Competitor
	for _, s := range []*string{&c.Slug, &c.Name, &c.Positioning, &c.Website, &c.Headquarters} {
		h(s)
	}
	c.Threat = hostile
	k := *doc.Card
	for _, s := range []*string{&k.Competitor, &k.Owner, &k.Overview, &k.PricingTalkTrack} {
		h(s)
	}
	for _, s := range model.CardListSections {
		k.SetList(s, model.Claims(hs(model.ClaimTexts(k.List(s)))...))
	}
	k.WhyWeWin = append(k.WhyWeWin, model.Claim{Text: hostile, Citation: model.Citation{Source: hostile, Confidence: model.ConfidenceInference}})
	k.QuickRead = hostile + "\n# " + hostile
	k.DoNotSay = []string{hostile, "- " + hostile}
	k.Objections = append(append([]model.Objection{}, k.Objections...), model.Objection{Objection: hostile, Response: hostile})
	k.Objections[0] = model.Objection{Objection: "- " + hostile, Response: "# " + hostile}
	doc.Card = &k

	e := &doc.Evidence
	e.Competitor = c.Slug
	for _, fs := range [][]model.FeatureEvidence{e.Advantages, e.Gaps} {
		for i := range fs {
			h(&fs[i].Name)
			h(&fs[i].Category)
			h(&fs[i].Note)
			fs[i].Ours, fs[i].Theirs = hostile, hostile
		}
	}
	e.Notes = append([]model.IntelNote{}, e.Notes...)
	for i := range e.Notes {
		h(&e.Notes[i].Title)
		h(&e.Notes[i].Source)
		h(&e.Notes[i].Body)
	}
	q := *e.Price
	q.Products = append([]model.ProductQuote{}, q.Products...)
	for i := range q.Products {
		p := &q.Products[i]
		if !p.IsSelf {
			p.Slug = c.Slug
		}
		h(&p.Name)
		h(&p.Best.Plan)
		p.Best.Notes = []string{hostile}
		p.Plans = append(append([]model.PlanQuote{}, p.Plans...), model.PlanQuote{Plan: hostile, AddOn: true})
	}
	e.Price = &q
	reasons := map[string]string{}
	for code := range doc.Reasons {
		reasons[code] = hostile
	}
	doc.Reasons = reasons
	return doc
}

// tagPattern finds every tag of an HTML page, hrefPattern the links in a tag.
var (
	tagPattern  = regexp.MustCompile(`<[^>]*>`)
	hrefPattern = regexp.MustCompile(`href="([^"]*)"`)
)

// templateTags are the elements the card and index templates write; catalog text adds none.
var templateTags = []string{"!doctype", "html", "head", "meta", "title", "style", "body", "article", "header", "p", "h1", "h2",
	"h3", "ul", "li", "main", "section", "div", "dl", "dt", "dd", "aside", "span", "footer", "strong", "table", "thead", "tbody", "tr", "th", "td", "a", "blockquote", "em", "hr"}

// checkInertHTML fails when an HTML page has an element, attribute or URL that did not come
// from its template.
func checkInertHTML(t *testing.T, page string) {
	t.Helper()
	if n := strings.Count(strings.ToLower(page), "<script"); n != 0 {
		t.Errorf("%d <script in the page", n)
	}
	for _, tag := range tagPattern.FindAllString(page, -1) {
		name := strings.ToLower(strings.Trim(strings.Fields(tag)[0], "</>"))
		if !slices.Contains(templateTags, name) {
			t.Errorf("unexpected element %q", tag)
		}
		// A link must be relative: a scheme-less URL cannot run anything, whatever its path.
		for _, m := range hrefPattern.FindAllStringSubmatch(tag, -1) {
			if u, err := url.Parse(html.UnescapeString(m[1])); err != nil || u.Scheme != "" || u.Host != "" {
				t.Errorf("link %q is not a relative URL (%v)", m[1], err)
			}
		}
		lower := strings.ToLower(hrefPattern.ReplaceAllString(tag, `href=""`))
		for _, bad := range []string{"onerror", "javascript:", "src=", "<img", "style="} {
			if strings.Contains(lower, bad) {
				t.Errorf("tag %q holds %q", tag, bad)
			}
		}
	}
}

func TestCardHTMLIsInertWithHostileText(t *testing.T) {
	doc := hostileDoc(t)
	page := render(t, func(b *bytes.Buffer) error { return CardHTML(b, doc) })
	checkInertHTML(t, page)
	if strings.Contains(page, "href=") {
		t.Errorf("the card links something")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile text is not shown as text")
	}
	if !strings.HasPrefix(page, "<!doctype html>") || !strings.Contains(page, `<meta charset="utf-8">`) {
		t.Errorf("not an HTML5 page: %.80s", page)
	}

	entries := []CardIndexEntry{NewCardIndexEntry(doc, hostile+".html"), NewCardIndexEntry(doc, "javascript:alert(1)")}
	index := render(t, func(b *bytes.Buffer) error { return CardIndex(b, "html", cardToday, entries) })
	checkInertHTML(t, index)
	if n := len(hrefPattern.FindAllString(index, -1)); n != 2 {
		t.Errorf("index has %d links, want 2", n)
	}
}

func TestCardMarkdownIsInertWithHostileText(t *testing.T) {
	doc := hostileDoc(t)
	for _, format := range CardFormats {
		r, _ := CardRenderer(format)
		out := render(t, func(b *bytes.Buffer) error { return r(b, doc) })
		if format == "md" && strings.Contains(out, "<") {
			t.Errorf("markdown holds a raw <: %q", out[strings.Index(out, "<")-40:][:80])
		}
		checkNoControls(t, format, out)
		// Every hostile line is still one bullet or paragraph: no heading or list came from it.
		if format == "md" {
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "# ") && !strings.HasPrefix(l, "## ") && !strings.HasPrefix(l, "### ") {
					t.Errorf("stray heading %q", l)
				}
			}
		}
	}
	index := render(t, func(b *bytes.Buffer) error {
		return CardIndex(b, "md", cardToday, []CardIndexEntry{NewCardIndexEntry(doc, "a>b.md")})
	})
	if strings.Count(index, "<") != 1 { // the one of the link destination, "(<a%3Eb.md>)"
		t.Errorf("markdown index holds raw <:\n%s", index)
	}
}

func TestCardTextHasNoTerminalControls(t *testing.T) {
	doc := demoCardDoc(t, "harborline")
	evil := "Red\x1b[31m alert \x1b]52;c;Y2xpcGJvYXJk\x07done\u009b2J\u202eok"
	doc.Competitor.Name, doc.Competitor.Positioning = evil, evil
	doc.Card.Overview, doc.Card.WhyWeWin[0] = evil, model.Claim{Text: evil, Citation: model.Citation{Source: evil}}
	doc.Evidence.Notes[0].Title = evil
	doc.Card.QuickRead, doc.Card.DoNotSay = evil, []string{evil}
	for _, format := range CardFormats {
		r, _ := CardRenderer(format)
		out := render(t, func(b *bytes.Buffer) error { return r(b, doc) })
		checkNoControls(t, format, out)
		if !strings.Contains(out, "Red alert done") && !strings.Contains(out, "RED ALERT DONE") {
			t.Errorf("%s lost the text around the escapes", format)
		}
	}
	out := render(t, func(b *bytes.Buffer) error { return CallPrep(b, doc) })
	checkNoControls(t, "prep", out)
}

// checkNoControls fails on ESC, other C0 controls but newline and tab, DEL, C1 controls, bidi
// controls and invisible characters (hostile.Terminal, which the command-line tests use too).
func checkNoControls(t *testing.T, what, out string) {
	t.Helper()
	if err := hostiletest.Terminal(out); err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

func TestCardJSONWithHostileText(t *testing.T) {
	doc := hostileDoc(t)
	doc.Competitor.Name = hostile + "\u009b31m\u202e"
	out := render(t, func(b *bytes.Buffer) error { return CardJSON(b, doc) })
	if !json.Valid([]byte(out)) {
		t.Fatal("invalid JSON")
	}
	checkNoControls(t, "json", out)
	var got struct{ Competitor struct{ Name string } }
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Competitor.Name != doc.Competitor.Name {
		t.Errorf("the name did not survive the round trip: %q (%v)", got.Competitor.Name, err)
	}
}

// FuzzMdEscape: whatever the catalog holds, escaped text has no raw HTML, no control
// characters, stays on one line and cannot open a block.
func FuzzMdEscape(f *testing.F) {
	for _, s := range []string{hostile, "# h", "1. x", "- y", "a\nb", "\x1b[31mred", "&lt;", "`code`"} {
		f.Add(s)
	}
	block := regexp.MustCompile(`^([#+=-]|[0-9]{1,9}[.)])`) // CommonMark list markers have 1 to 9 digits
	f.Fuzz(func(t *testing.T, s string) {
		out := mdEscape(s)
		if strings.ContainsAny(out, "<>\n") || block.MatchString(out) {
			t.Fatalf("mdEscape(%q) = %q", s, out)
		}
		checkNoControls(t, "mdEscape", out)
	})
}

// BenchmarkCardHTML renders every demo card as a page: what rivals card --all does per card,
// minus the disk.
func BenchmarkCardHTML(b *testing.B) {
	docs := demoCardDocs(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			buf.Reset()
			if err := CardHTML(&buf, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "cards/s")
}

// BenchmarkCardMarkdown is BenchmarkCardHTML for the default format.
func BenchmarkCardMarkdown(b *testing.B) {
	docs := demoCardDocs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if err := CardMarkdown(io.Discard, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "cards/s")
}

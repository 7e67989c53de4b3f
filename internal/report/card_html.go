package report

import (
	_ "embed"
	"html"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

//go:embed card.html.tmpl
var cardHTMLSource string

// cardHTMLTemplate is parsed once, on first use (not in every process start: the TUI's first
// frame does not wait for it). html/template escapes every value for the context it lands
// in, so catalog text can only ever be text: no element, attribute, script or URL comes from it.
var cardHTMLTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("card").Parse(cardHTMLSource))
})

// cardHTMLView is what the card template shows; every string in it is plain text.
type cardHTMLView struct {
	Name, Positioning string
	Threat            string
	ThreatClass       string
	Meta              []string
	Stale             string
	NoCard            string
	QuickRead         []string
	DoNotSay          []string
	Claims            string
	Snapshot          []fact
	PricingFacts      []fact
	Plans             []planRow
	Quotes            []buyerQuote
	Overview          []string
	// Rows lay the sections out: two sections side by side, or one across the page.
	Rows      [][]htmlSection
	Lede      string
	Groups    []bulletGroup
	Generated string
}

// htmlRows pairs the sections that read well side by side (why we win with why they win,
// landmines with quick dismisses, proof points with the pricing talk track) and gives the
// others a row of their own.
func htmlRows(sections []cardSection) [][]cardSection {
	pairs := map[string]string{"why_we_win": "why_they_win", "landmines": "quick_dismisses", "proof_points": "pricing_talk_track"}
	var rows [][]cardSection
	for i := 0; i < len(sections); i++ {
		s := sections[i]
		if s.Key == "overview" {
			continue
		}
		if next, ok := pairs[s.Key]; ok && i+1 < len(sections) && sections[i+1].Key == next {
			rows = append(rows, []cardSection{s, sections[i+1]})
			i++
			continue
		}
		rows = append(rows, []cardSection{s})
	}
	return rows
}

// CardHTML writes the battle card as one self-contained HTML5 page: inline CSS only, no
// scripts, no external fonts or assets, so it can be mailed or put on an intranet as it is. A
// coloured band names the competitor; why we win and why they win stand side by side; the
// objections are a definition list; the evidence sits in its own "From the catalog" panel with
// its citations in small grey type; a stale card gets an amber banner. Printed, it drops the
// backgrounds and keeps sections whole on A4 or Letter. Catalog text is always escaped, and
// catalog URLs are printed as text, never linked.
func CardHTML(w io.Writer, doc CardDoc) error {
	v := cardHTMLView{
		Name:         doc.name(),
		Positioning:  termtext.Line(doc.Competitor.Positioning),
		Threat:       termtext.Line(string(doc.Competitor.Threat)),
		Meta:         cardDates(doc),
		QuickRead:    doc.quickRead(),
		DoNotSay:     doc.doNotSay(),
		Claims:       doc.claimsSummary(),
		Snapshot:     doc.snapshot(),
		PricingFacts: pricingFactLines(doc.Competitor.Pricing),
		Plans:        doc.planRows(),
		Quotes:       doc.Quotes,
		ThreatClass:  threatClass(doc.Competitor.Threat),
		Stale:        doc.staleNotice(),
		Lede:         catalogLede(doc),
		Groups:       groupBullets(EvidenceBullets(doc)),
		Generated:    doc.Generated.String(),
	}
	if doc.Card == nil {
		v.NoCard = noCardText(doc)
	}
	sections := doc.cardSections()
	if len(sections) > 0 && sections[0].Key == "overview" {
		v.Overview = sections[0].Paragraphs
	}
	for _, row := range htmlRows(sections) {
		hs := make([]htmlSection, len(row))
		for i, sec := range row {
			hs[i] = newHTMLSection(sec)
		}
		v.Rows = append(v.Rows, hs)
	}
	var b strings.Builder
	if err := cardHTMLTemplate().Execute(&b, v); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// threatClass names the CSS class of a threat badge; only known levels get their colour.
func threatClass(t model.Threat) string {
	if slices.Contains(model.Threats, t) {
		return "threat-" + string(t)
	}
	return "threat-other"
}

// htmlClaim is a claim with its signs and citation worked out, so the template only reads
// fields: a method call per claim from a template costs more than the rest of the page. Extra
// is the marker and the citation as HTML, built with every catalog character escaped.
type htmlClaim struct {
	Text  string
	Extra template.HTML
}

// htmlObjection is an objection with its answer as an htmlClaim.
type htmlObjection struct {
	Objection string
	Answer    htmlClaim
}

// htmlSection is a cardSection as the HTML template reads it.
type htmlSection struct {
	Key, Title string
	Paragraphs []string
	Items      []htmlClaim
	Objections []htmlObjection
}

func newHTMLClaim(l claimLine) htmlClaim {
	var b strings.Builder
	if signs := l.Signs(); signs != "" {
		b.WriteString(`<span class="mark">` + html.EscapeString(signs) + `</span>`)
	}
	if cite := l.Cite(); cite != "" {
		b.WriteString(` <span class="claim-cite">(` + html.EscapeString(cite) + `)</span>`)
	}
	return htmlClaim{Text: l.Text, Extra: template.HTML(b.String())}
}

func newHTMLSection(s cardSection) htmlSection {
	h := htmlSection{Key: s.Key, Title: s.Title, Paragraphs: s.Paragraphs}
	for _, it := range s.Items {
		h.Items = append(h.Items, newHTMLClaim(it))
	}
	for _, o := range s.Objections {
		h.Objections = append(h.Objections, htmlObjection{Objection: o.Objection, Answer: newHTMLClaim(o.Answer)})
	}
	return h
}

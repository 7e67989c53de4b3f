package report

import (
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"sync"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// CardFormats lists the formats a battle card exports to.
var CardFormats = []string{"md", "html", "json", "txt", "slack", "confluence"}

// CardRenderer returns the renderer of a format of CardFormats.
func CardRenderer(format string) (func(io.Writer, CardDoc) error, bool) {
	switch format {
	case "md":
		return CardMarkdown, true
	case "html":
		return CardHTML, true
	case "json":
		return CardJSON, true
	case "txt":
		return CardText, true
	case "slack":
		return CardSlack, true
	case "confluence":
		return CardConfluence, true
	}
	return nil, false
}

// FormatExtension is the file extension of a card format: a Slack page is text, a Confluence
// page HTML.
func FormatExtension(format string) string {
	switch format {
	case "slack":
		return "slack.txt"
	case "confluence":
		return "confluence.html"
	}
	return format
}

// PrepFormats lists the formats of the call-prep sheet.
var PrepFormats = []string{"txt", "md", "slack", "confluence", "json"}

// PrepRenderer returns the renderer of a format of PrepFormats.
func PrepRenderer(format string) (func(io.Writer, CardDoc) error, bool) {
	switch format {
	case "txt":
		return CallPrep, true
	case "md":
		return PrepMarkdown, true
	case "slack":
		return PrepSlack, true
	case "confluence":
		return PrepConfluence, true
	case "json":
		return func(w io.Writer, doc CardDoc) error { return termtext.WriteJSON(w, NewPrepSheet(doc)) }, true
	}
	return nil, false
}

// CardIndexEntry is one competitor's row in the index of an exported set of cards.
type CardIndexEntry struct {
	Slug         string       `json:"slug"`
	Name         string       `json:"name"`
	Threat       model.Threat `json:"threat"`
	HasCard      bool         `json:"has_card"`
	LastReviewed *model.Date  `json:"last_reviewed"`
	Stale        bool         `json:"stale"`
	// Record is the deals of the evidence window (the last 12 months).
	Record  model.WinLoss `json:"record"`
	WinRate *float64      `json:"win_rate"`
	// SmallSample flags a win rate over fewer than SmallSample decided deals, as the
	// dashboard does: one deal more or less swings it by 20 points or more.
	SmallSample bool `json:"small_sample"`
	// File is the card's file name, relative to the index.
	File string `json:"file"`
}

// NewCardIndexEntry summarizes a doc for the index, its card written to file.
func NewCardIndexEntry(doc CardDoc, file string) CardIndexEntry {
	e := CardIndexEntry{Slug: doc.Competitor.Slug, Name: doc.Competitor.Name, Threat: doc.Competitor.Threat,
		HasCard: doc.Card != nil, Stale: doc.Stale(), Record: doc.Evidence.Record,
		WinRate: WinRate(doc.Evidence.Record), File: file,
		SmallSample: doc.Evidence.Record.Decided() > 0 && doc.Evidence.Record.Decided() < SmallSample}
	if doc.Card != nil && !doc.Card.LastReviewed.IsZero() {
		d := doc.Card.LastReviewed
		e.LastReviewed = &d
	}
	return e
}

// indexRow is an entry as the index shows it, every string clean.
type indexRow struct {
	Name, Threat, Reviewed, Rate, File, Link string
	Stale                                    bool
}

func (e CardIndexEntry) row() indexRow {
	r := indexRow{Name: termtext.Line(e.Name), Threat: termtext.Line(string(e.Threat)),
		Rate: e.rateText(), File: termtext.Line(e.File), Stale: e.Stale,
		// A relative URL: a colon in the name cannot make it a scheme ("./a:b").
		Link: (&url.URL{Path: e.File}).String()}
	switch {
	case !e.HasCard:
		r.Reviewed = "no card"
	case e.LastReviewed == nil:
		r.Reviewed = "never"
	default:
		r.Reviewed = e.LastReviewed.String()
	}
	if r.Name == "" {
		r.Name = e.Slug
	}
	return r
}

// rateText is the win rate as the index shows it ("51.4% of 35"), a small sample flagged:
// "75.0% of 4, small n".
func (e CardIndexEntry) rateText() string {
	if e.SmallSample {
		return e.Record.RateText() + ", small n"
	}
	return e.Record.RateText()
}

func rows(entries []CardIndexEntry) []indexRow {
	out := make([]indexRow, len(entries))
	for i, e := range entries {
		out[i] = e.row()
	}
	return out
}

// CardIndex writes the index of an exported set of cards in format (one of CardFormats): one
// row per competitor with its name, when its card was last reviewed, whether that is stale,
// the win rate of the last 12 months and the card's file, linked where the format links.
// generated is the day of the export.
func CardIndex(w io.Writer, format string, generated model.Date, entries []CardIndexEntry) error {
	switch format {
	case "md":
		return cardIndexMarkdown(w, generated, entries)
	case "html", "confluence":
		return cardIndexHTMLTemplate().Execute(w, struct {
			Generated string
			Rows      []indexRow
		}{generated.String(), rows(entries)})
	case "json":
		if entries == nil {
			entries = []CardIndexEntry{}
		}
		return termtext.WriteJSON(w, entries)
	case "txt", "slack":
		return cardIndexText(w, generated, entries)
	}
	return fmt.Errorf("unknown card format %q", format)
}

func staleWord(stale bool) string {
	if stale {
		return "stale"
	}
	return ""
}

func cardIndexMarkdown(w io.Writer, generated model.Date, entries []CardIndexEntry) error {
	var b strings.Builder
	b.WriteString("# Battle cards\n\n*Generated " + generated.String() + "; win rates cover the deals of the last 12 months.*\n\n")
	b.WriteString("| Competitor | Threat | Last reviewed | Stale | Win rate | Card |\n|---|---|---|---|---|---|\n")
	for _, r := range rows(entries) {
		// The link text and target are both escaped: a file name is not trusted to be tame.
		link := "[" + mdEscape(r.File) + "](<" + r.Link + ">)"
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", mdEscape(r.Name), mdEscape(r.Threat), r.Reviewed, staleWord(r.Stale), r.Rate, link)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func cardIndexText(w io.Writer, generated model.Date, entries []CardIndexEntry) error {
	table := [][]string{{"COMPETITOR", "THREAT", "LAST REVIEWED", "STALE", "WIN RATE", "FILE"}}
	for _, r := range rows(entries) {
		table = append(table, []string{truncate(r.Name, maxKeyWidth), r.Threat, r.Reviewed, staleWord(r.Stale), r.Rate, r.File})
	}
	widths := make([]int, len(table[0]))
	for _, row := range table {
		for i, cell := range row {
			widths[i] = max(widths[i], width(cell))
		}
	}
	var b strings.Builder
	b.WriteString("Battle cards · generated " + generated.String() + " · win rates of the last 12 months\n\n")
	for _, row := range table {
		line := ""
		for i, cell := range row {
			line += pad(cell, widths[i]) + "  "
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cardIndexHTMLTemplate is the index page, parsed on first use; html/template escapes every value and refuses any
// href that is not a safe relative or http(s) URL.
var cardIndexHTMLTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("index").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rivals">
<title>Battle cards</title>
<style>
body { margin: 0; background: #eceff3; color: #1b2430; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 980px; margin: 28px auto; background: #fff; border-radius: 10px; overflow: hidden; box-shadow: 0 1px 3px rgba(16, 24, 40, .12); }
header { background: linear-gradient(135deg, #123a5a, #1f5f8b); color: #fff; padding: 24px 36px; }
h1 { margin: 0; font-size: 28px; }
header p { margin: 6px 0 0; opacity: .85; font-size: 14px; }
table { width: calc(100% - 72px); margin: 20px 36px 28px; border-collapse: collapse; font-size: 14px; }
th { text-align: left; color: #576272; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; border-bottom: 2px solid #dde3ea; padding: 6px 8px; }
td { border-bottom: 1px solid #dde3ea; padding: 8px; vertical-align: top; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.stale { display: inline-block; padding: 0 8px; border-radius: 999px; background: #fff5dc; color: #7a4f00; font-size: 12px; font-weight: 600; }
a { color: #1f5f8b; }
@page { margin: 14mm; }
@media print { body { background: none; font-size: 10pt; } .page { margin: 0; box-shadow: none; } header { background: none; color: #1b2430; padding: 0 0 6pt; border-bottom: 2pt solid #123a5a; } table { width: 100%; margin: 8pt 0 0; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<article class="page">
<header>
<h1>Battle cards</h1>
<p>Generated {{.Generated}}; win rates cover the deals of the last 12 months.</p>
</header>
<table>
<thead><tr><th>Competitor</th><th>Threat</th><th>Last reviewed</th><th>Stale</th><th>Win rate</th><th>Card</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><td>{{.Name}}</td><td>{{.Threat}}</td><td class="num">{{.Reviewed}}</td><td>{{if .Stale}}<span class="stale">stale</span>{{end}}</td><td class="num">{{.Rate}}</td><td><a href="{{.Link}}">{{.File}}</a></td></tr>
{{- end}}
</tbody>
</table>
</article>
</body>
</html>
`))
})

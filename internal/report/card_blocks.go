package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// CardQuotes is how many buyer quotes a card shows: the newest from won and lost deals.
const CardQuotes = 3

// claimLine is one claim as every format shows it, cleaned: the text, the marker of its
// confidence ("ⁱ", "?" or ""), whether it is past ClaimStaleDays (⚑), and its citation.
type claimLine struct {
	Text, Marker string
	Stale        bool
	Source       string
	Confirmed    string
	Confidence   model.Confidence
}

// newClaimLine cleans a claim for output on today.
func newClaimLine(text string, c model.Citation, today model.Date) claimLine {
	l := claimLine{Text: termtext.Line(text), Marker: c.Marker(), Stale: c.Stale(today),
		Source: termtext.Line(c.Source), Confidence: c.Confidence}
	if !c.Confirmed.IsZero() {
		l.Confirmed = c.Confirmed.String()
	}
	return l
}

// Signs is the marker and the ⚑ after a claim's text, with a leading space, or "".
func (l claimLine) Signs() string {
	s := l.Marker
	if l.Stale {
		s += "⚑"
	}
	if s == "" {
		return ""
	}
	return " " + s
}

// Cite words the citation in brief: "https://x.test/pricing · confirmed 2026-10-03", "" for
// none. The confidence is the marker's job.
func (l claimLine) Cite() string {
	var parts []string
	if l.Source != "" {
		parts = append(parts, l.Source)
	}
	if l.Confirmed != "" {
		parts = append(parts, "confirmed "+l.Confirmed)
	}
	return strings.Join(parts, " · ")
}

// SourceURL is the source when it is a web address that can be linked, else "".
func (l claimLine) SourceURL() string {
	if strings.HasPrefix(l.Source, "https://") || strings.HasPrefix(l.Source, "http://") {
		if !strings.ContainsAny(l.Source, " <>|\"") {
			return l.Source
		}
	}
	return ""
}

// objectionLine is an objection with its answer, the answer a claim.
type objectionLine struct {
	Objection string
	Answer    claimLine
}

// Response is the answer's text, for templates written before answers were claims.
func (o objectionLine) Response() string { return o.Answer.Text }

// claimLines cleans a list of claims, dropping blank ones and, unless unverified is set, rumours.
func claimLines(items []model.Claim, today model.Date, unverified bool) []claimLine {
	var out []claimLine
	for _, it := range items {
		if it.Unverified() && !unverified {
			continue
		}
		if l := newClaimLine(it.Text, it.Citation, today); l.Text != "" {
			out = append(out, l)
		}
	}
	return out
}

// objectionLines cleans objections as claimLines cleans claims.
func objectionLines(items []model.Objection, today model.Date, unverified bool) []objectionLine {
	var out []objectionLine
	for _, o := range items {
		if o.Unverified() && !unverified {
			continue
		}
		if q := termtext.Line(o.Objection); q != "" {
			out = append(out, objectionLine{Objection: q, Answer: newClaimLine(o.Response, o.Citation, today)})
		}
	}
	return out
}

// quickRead is the card's 30-second read, one clean line each, at most three.
func (d CardDoc) quickRead() []string {
	if d.Card == nil {
		return nil
	}
	var out []string
	for _, l := range d.Card.QuickReadLines() {
		if l = termtext.Line(l); l != "" && len(out) < model.MaxQuickReadLines {
			out = append(out, l)
		}
	}
	return out
}

// doNotSay is the card's claims not to make, one clean line each.
func (d CardDoc) doNotSay() []string {
	if d.Card == nil {
		return nil
	}
	var out []string
	for _, l := range d.Card.DoNotSay {
		if l = termtext.Line(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// claimsSummary is the freshness of the card's claims in one line, "" for a card without any:
// "12 claims, 9 sourced, 1 ⚑ unconfirmed 180+ days, 2 inferences, 1 rumour (left out)".
func (d CardDoc) claimsSummary() string {
	if d.Card == nil {
		return ""
	}
	t := d.Card.TallyClaims(d.Generated)
	s := t.Summary()
	if t.Rumours > 0 && !d.IncludeUnverified {
		s += " (left out; --include-unverified shows them)"
	}
	return s
}

// fact is one labelled line of the company snapshot or the pricing facts.
type fact struct{ Label, Value string }

// snapshot is the company at a glance: headquarters, founded, size, website, segments and a
// status other than active, each clean; unknown facts are left out.
func (d CardDoc) snapshot() []fact {
	c := d.Competitor
	var out []fact
	add := func(label, value string) {
		if v := termtext.Line(value); v != "" {
			out = append(out, fact{label, v})
		}
	}
	add("HQ", c.Headquarters)
	if c.Founded != 0 {
		add("Founded", fmt.Sprint(c.Founded))
	}
	if c.SizeBand != "" {
		add("Size", c.SizeBand+" people")
	}
	add("Website", c.Website)
	add("Segments", strings.Join(c.Segments, ", "))
	if c.Status != "" && c.Status != model.StatusActive {
		add("Status", string(c.Status))
	}
	return out
}

// pricingFacts are the competitor's pricing facts as labelled lines.
func pricingFactLines(p model.PricingFacts) []fact {
	var out []fact
	if p.Visibility != "" {
		out = append(out, fact{"Pricing", p.Visibility.Label()})
	}
	if p.TrialDays > 0 {
		out = append(out, fact{"Free trial", fmt.Sprintf("%d days", p.TrialDays)})
	}
	switch p.Freemium {
	case model.Yes:
		out = append(out, fact{"Freemium", "yes"})
	case model.No:
		out = append(out, fact{"Freemium", "no"})
	}
	if p.DiscountPercent > 0 {
		out = append(out, fact{"Typical discount", fmt.Sprintf("%d%% off list", p.DiscountPercent)})
	}
	if t := termtext.Line(p.ContractTerms); t != "" {
		out = append(out, fact{"Contract", t})
	}
	return out
}

// PricingFactsLine words a competitor's pricing facts on one clean line: "pricing partly public
// · 14-day free trial · no free tier · typical discount 15% · annual only", "" for none.
func PricingFactsLine(p model.PricingFacts) string {
	return termtext.Line(strings.Join(p.Facts(), " · "))
}

// planRow is one plan of the plans table: its name, newest price, unit and how fresh it is.
type planRow struct{ Plan, Price, Unit, Seen string }

// planRows lists the rival's plans in their catalog order.
func (d CardDoc) planRows() []planRow {
	var out []planRow
	for _, p := range d.Plans {
		r := planRow{Plan: termtext.Line(p.Name), Price: "no price recorded", Unit: termtext.Line(p.Unit), Seen: "never"}
		if obs, ok := p.Latest(); ok {
			r.Price = termtext.Line(ObservationBrief(p, obs))
			r.Seen = obs.ObservedAt.String() + staleMark(obs.ObservedAt, d.Generated, model.StaleFactDays)
		}
		if p.Model == model.ModelContactSales {
			r.Price = "contact sales"
		}
		if r.Unit == "" {
			r.Unit = strings.ReplaceAll(string(p.Model), "_", " ")
		}
		if p.Period != "" && p.Model != model.ModelContactSales {
			r.Unit += "/" + string(p.Period)
		}
		if p.AddOn && !strings.Contains(strings.ToLower(r.Plan), "add-on") {
			r.Plan += " (add-on)"
		}
		out = append(out, r)
	}
	return out
}

// buyerQuote is what a buyer said in a won or lost deal against the rival.
type buyerQuote struct {
	Text, Outcome, Date string
}

// buyerQuotes picks the newest CardQuotes quotes of won and lost deals against the rival.
func buyerQuotes(rival string, deals []model.Deal) []buyerQuote {
	var ds []model.Deal
	for _, d := range deals {
		if d.Quote == "" || (d.Outcome != model.OutcomeWon && d.Outcome != model.OutcomeLost) || !slices.Contains(d.Competitors, rival) {
			continue
		}
		ds = append(ds, d)
	}
	slices.SortStableFunc(ds, func(a, b model.Deal) int {
		if c := b.ClosedAt.Compare(a.ClosedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.Ref, b.Ref)
	})
	var out []buyerQuote
	for _, d := range ds[:min(len(ds), CardQuotes)] {
		if t := termtext.Line(d.Quote); t != "" {
			out = append(out, buyerQuote{Text: t, Outcome: string(d.Outcome), Date: d.ClosedAt.String()})
		}
	}
	return out
}

// Attribution says how the quote's deal ended and when: "won, 2026-10-03". The account is
// left out: cards are shared beyond the team that keeps the deals.
func (q buyerQuote) Attribution() string { return q.Outcome + ", " + q.Date }

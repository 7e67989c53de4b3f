package report

import (
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// CardDoc gathers what a battle-card page shows: the hand-written card and the evidence the
// catalog gives about the rival. Renderers never look anything up, so one doc renders the same
// in every format.
type CardDoc struct {
	Competitor model.Competitor
	// Self is our product; zero when the catalog has none.
	Self model.Competitor
	// Card is nil when the competitor has no battle card yet.
	Card *model.BattleCard
	// Evidence is what model.DraftEvidence drew from the catalog.
	Evidence model.Evidence
	// Reasons maps reason codes to their labels.
	Reasons map[string]string
	// Matrix summarizes the rival's matrix cells (model.SummarizeSupport); it dates the matrix
	// for the call-prep sheet. A zero Total means it was not given.
	Matrix model.MatrixSummary
	// Generated is the day the page is made: "today" for every staleness check.
	Generated model.Date
	// SinceReview is what changed about the competitor after the card's last review (see
	// ReviewSince), for the reviewer to check; nil when not read.
	SinceReview []model.Change
	// Plans are the rival's price plans, for the plans table.
	Plans []model.PricePlan
	// Quotes are the newest buyer quotes of won and lost deals against the rival.
	Quotes []buyerQuote
	// IncludeUnverified keeps rumours on the page; they are left out by default.
	IncludeUnverified bool
	// Width wraps plain text at that many columns; 0 keeps each paragraph on one line.
	Width int
}

// Stale reports whether the card is past its review: not reviewed within model.StaleCardDays
// of Generated, or never. A missing card is not stale, it is missing (Card is nil).
func (d CardDoc) Stale() bool {
	return d.Card != nil && model.IsStale(d.Card.LastReviewed, d.Generated, model.StaleCardDays)
}

// staleNotice says why a stale card is stale, or "" when it is not.
func (d CardDoc) staleNotice() string {
	switch {
	case !d.Stale():
		return ""
	case d.Card.LastReviewed.IsZero():
		return "never reviewed"
	}
	return fmt.Sprintf("not reviewed for over %d days (last reviewed %s, %d days ago)",
		model.StaleCardDays, d.Card.LastReviewed, d.Card.LastReviewed.DaysSince(d.Generated))
}

// name is the rival's name, safe for any output.
func (d CardDoc) name() string {
	if n := termtext.Line(d.Competitor.Name); n != "" {
		return n
	}
	return d.Competitor.Slug
}

// Evidence bullet sections, in the order EvidenceBullets lists them.
const (
	BulletAdvantage  = "advantage"
	BulletGap        = "gap"
	BulletRecord     = "record"
	BulletLossReason = "loss_reason"
	BulletWinReason  = "win_reason"
	BulletPrice      = "price"
	BulletNote       = "note"
)

// bulletTitles heads each group of evidence bullets, in order.
var bulletTitles = []struct{ section, title string }{
	{BulletAdvantage, "Where we are stronger"},
	{BulletGap, "Where they are stronger"},
	{BulletRecord, "Win/loss, " + model.RecordWindowLabel},
	{BulletLossReason, "Why we lose to them"},
	{BulletWinReason, "Why we beat them"},
	{BulletPrice, "Price at a typical deal"},
	{BulletNote, "Latest intel"},
}

// EvidenceBullet is one line drawn from the catalog, with the data it rests on.
type EvidenceBullet struct {
	// Section is one of the Bullet* constants.
	Section string `json:"section"`
	Text    string `json:"text"`
	// Cite names the data behind Text and how fresh it is.
	Cite string `json:"cite"`
	// Confirmed is the day the data behind Text was last true: the matrix cell's verification,
	// the price list's observation, the note's date, or the page's day for the deal record.
	Confirmed model.Date `json:"-"`
}

// Claim turns an evidence line into a card claim that keeps its citation: the line's text,
// its cite as the source, the day it was confirmed, and fact for what the catalog records
// (inference for an intel note, which reports what someone heard).
func (b EvidenceBullet) Claim() model.Claim {
	source := strings.Map(func(r rune) rune {
		if r == '|' || r == ']' {
			return '/'
		}
		return r
	}, termtext.Line(b.Cite))
	if r := []rune(source); len(r) > model.MaxNameLen {
		source = strings.TrimSpace(string(r[:model.MaxNameLen-1])) + "…"
	}
	c := model.Claim{Text: termtext.Line(b.Text), Citation: model.Citation{Source: source, Confirmed: b.Confirmed, Confidence: model.ConfidenceFact}}
	if b.Section == BulletNote {
		c.Confidence = model.ConfidenceInference
	}
	if model.LooksLikeURL(source) {
		c.Source = "catalog: " + source // a cite names data, never a web address
	}
	return c
}

// EvidenceBullets turns a doc's evidence into lines a reader can check: feature advantages and
// gaps with the date the rival's cell was verified, the deal record and the top reasons with
// the window they cover, the price at the typical deal size with the date of the price list,
// and the newest intel notes. The lines follow the data and nothing else, in a fixed order;
// all catalog text is one clean line.
func EvidenceBullets(doc CardDoc) []EvidenceBullet {
	e := doc.Evidence
	var out []EvidenceBullet
	for _, f := range e.Advantages {
		out = append(out, featureBullet(BulletAdvantage, f, doc.Generated))
	}
	for _, f := range e.Gaps {
		out = append(out, featureBullet(BulletGap, f, doc.Generated))
	}
	window := "deals closed since " + e.DealsSince.String()
	if !doc.Generated.IsZero() {
		window = "deals closed " + e.DealsSince.String() + " to " + doc.Generated.String()
	}
	out = append(out, EvidenceBullet{Section: BulletRecord, Text: recordText(e.Record, doc.name()), Cite: window, Confirmed: doc.Generated})
	reasons := func(section, verb string, rs []model.ReasonCount) {
		for _, r := range rs {
			primary := fmt.Sprintf("%d as the primary reason", r.Primary)
			if r.Primary == 0 {
				primary = "never the primary reason"
			}
			out = append(out, EvidenceBullet{Section: section, Cite: window, Confirmed: doc.Generated,
				Text: fmt.Sprintf("%s on %s in %s (%s)", verb, termtext.Line(orKey(doc.Reasons, r.Code)), plural(r.Deals, "deal"), primary)})
		}
	}
	reasons(BulletLossReason, "Lost", e.LossReasons)
	if len(e.LossReasons) == 0 && e.Record.Lost > 0 {
		out = append(out, EvidenceBullet{Section: BulletLossReason, Cite: window,
			Text: fmt.Sprintf("No reasons recorded for the %s lost", plural(e.Record.Lost, "deal"))})
	}
	reasons(BulletWinReason, "Won", e.WinReasons)
	if len(e.WinReasons) == 0 && e.Record.Won > 0 {
		out = append(out, EvidenceBullet{Section: BulletWinReason, Cite: window,
			Text: fmt.Sprintf("No reasons recorded for the %s won", plural(e.Record.Won, "deal"))})
	}
	out = append(out, priceBullet(doc))
	for _, n := range e.Notes {
		cite := "intel note"
		if src := termtext.Line(n.Source); src != "" {
			cite += "; source " + src
		}
		out = append(out, EvidenceBullet{Section: BulletNote, Text: n.Date.String() + " · " + termtext.Line(n.Title), Cite: cite, Confirmed: n.Date})
	}
	return out
}

// featureBullet words a feature difference: "SSO: we have yes, they have partial (Security,
// weight 5). Their note: Enterprise plan only".
func featureBullet(section string, f model.FeatureEvidence, today model.Date) EvidenceBullet {
	text := fmt.Sprintf("%s: we have %s, they have %s (%s, weight %d)", termtext.Line(f.Name),
		termtext.Line(string(f.Ours)), termtext.Line(string(f.Theirs)), termtext.Line(f.Category), f.Weight)
	if note := termtext.Line(f.Note); note != "" {
		text += ". Their note: " + note
	}
	cite := "matrix; never verified"
	if !f.VerifiedAt.IsZero() {
		cite = "matrix; their cell verified " + f.VerifiedAt.String() + staleMark(f.VerifiedAt, today, model.StaleFactDays)
	}
	return EvidenceBullet{Section: section, Text: text, Cite: cite, Confirmed: f.VerifiedAt}
}

// staleMark is ", stale" for a fact older than maxDays on today, else "".
func staleMark(d, today model.Date, maxDays int) string {
	if today.IsZero() || !model.IsStale(d, today, maxDays) {
		return ""
	}
	return ", stale"
}

// recordText words the deal tally of the default window, naming it so the line keeps its
// meaning when copied into a card: "We won 12 of 20 decided deals against Harborline in the last
// 12 months (60.0%), 3 no decision".
func recordText(w model.WinLoss, name string) string {
	nd := ""
	if w.NoDecision > 0 {
		nd = fmt.Sprintf(", %d no decision", w.NoDecision)
	}
	if w.Decided() == 0 {
		return "No decided deals against " + name + " in the " + model.RecordWindowLabel + nd
	}
	s := fmt.Sprintf("We won %d of %d decided deals against %s in the %s (%s)%s", w.Won, w.Decided(), name, model.RecordWindowLabel, rateText(w, ""), nd)
	if w.Decided() < SmallSample {
		s += "; a small sample"
	}
	return s
}

// priceBullet words the price comparison at the typical deal size, or why there is none.
func priceBullet(doc CardDoc) EvidenceBullet {
	b := EvidenceBullet{Section: BulletPrice, Cite: "price list"}
	q := doc.Evidence.Price
	if q == nil {
		b.Text, b.Cite = "No price comparison: the catalog has no product of ours", "competitors"
		return b
	}
	var rival *model.ProductQuote
	for i := range q.Products {
		if q.Products[i].Slug == doc.Competitor.Slug {
			rival = &q.Products[i]
		}
	}
	if rival == nil {
		b.Text = "No price comparison for " + doc.name()
		return b
	}
	self, hasSelf := q.Self()
	product := func(p model.ProductQuote) string {
		s := termtext.Line(p.Name)
		if plan := termtext.Line(p.Best.Plan); plan != "" {
			s += " " + plan
		}
		return s
	}
	yearly := func(p model.ProductQuote) string {
		if p.Comparable {
			s := model.FormatMoney(p.Annual, q.Currency) + "/yr"
			if p.Conversion != nil {
				s += " (converted)"
			}
			return s
		}
		return model.FormatMoney(p.Best.Annual, p.Best.Currency) + "/yr"
	}
	text := "At " + termtext.Line(q.Input.Describe()) + ": "
	switch {
	case rival.HasDelta && hasSelf:
		text += fmt.Sprintf("%s %s vs %s %s. %s", product(*rival), yearly(*rival), product(self), yearly(self), PriceComparison(*rival, *q))
	case rival.Best.Status != model.QuotePriced:
		text += fmt.Sprintf("%s: %s, so no price to compare", doc.name(), PriceStatus(*rival, "a usage figure"))
	case !rival.Comparable:
		text += fmt.Sprintf("%s %s; no %s→%s rate to compare it with ours", product(*rival), yearly(*rival), rival.Best.Currency, q.Currency)
	case !hasSelf:
		text += fmt.Sprintf("%s %s; our product is not priced", product(*rival), yearly(*rival))
	case self.Best.Status == model.QuotePriced:
		text += fmt.Sprintf("%s %s vs %s %s; no %s→%s rate to compare them", product(*rival), yearly(*rival), product(self), yearly(self), self.Best.Currency, q.Currency)
	default:
		text += fmt.Sprintf("%s %s; %s: %s", product(*rival), yearly(*rival), termtext.Line(self.Name), PriceStatus(self, "a usage figure"))
	}
	var addOns []string
	for _, pl := range rival.Plans {
		if pl.AddOn {
			addOns = append(addOns, termtext.Line(pl.Plan))
		}
	}
	if len(addOns) > 0 {
		text += ". Add-ons not counted: " + strings.Join(addOns, ", ")
	}
	b.Text = text
	if obs := rival.Best.ObservedAt; !obs.IsZero() {
		b.Confirmed = obs
		b.Cite = "price list observed " + obs.String() + staleMark(obs, doc.Generated, model.StaleFactDays)
		if ours := self.Best.ObservedAt; hasSelf && !ours.IsZero() && ours.Compare(obs) != 0 {
			b.Cite += "; ours " + ours.String() + staleMark(ours, doc.Generated, model.StaleFactDays)
		}
	}
	for _, r := range q.Rates {
		b.Cite += "; rate " + r.String()
	}
	return b
}

// bulletGroup is the evidence bullets of one section under its heading.
type bulletGroup struct {
	Section, Title string
	Bullets        []EvidenceBullet
}

// groupBullets groups bullets by section in the fixed section order, dropping empty groups.
func groupBullets(bs []EvidenceBullet) []bulletGroup {
	var out []bulletGroup
	for _, t := range bulletTitles {
		g := bulletGroup{Section: t.section, Title: t.title}
		for _, b := range bs {
			if b.Section == t.section {
				g.Bullets = append(g.Bullets, b)
			}
		}
		if len(g.Bullets) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// cardSection is one hand-written section of a card, cleaned, as every format shows it: prose
// paragraphs, a list of claims or objections with their answers.
type cardSection struct {
	Key, Title string
	Paragraphs []string
	Items      []claimLine
	Objections []objectionLine
}

// cardSections lists the card's non-empty sections in reading order, less the 30-second read
// and the claims not to make, which every format shows in their own places, and less rumours
// unless the doc includes them.
func (d CardDoc) cardSections() []cardSection {
	k := d.Card
	if k == nil {
		return nil
	}
	var out []cardSection
	add := func(s cardSection) {
		if len(s.Paragraphs)+len(s.Items)+len(s.Objections) > 0 {
			out = append(out, s)
		}
	}
	list := func(key model.CardListSection, title string) {
		add(cardSection{Key: string(key), Title: title, Items: claimLines(k.List(key), d.Generated, d.IncludeUnverified)})
	}
	add(cardSection{Key: "overview", Title: "Overview", Paragraphs: paragraphs(k.Overview)})
	list(model.SectionWhyWeWin, "Why we win")
	list(model.SectionWhyTheyWin, "Why they win")
	add(cardSection{Key: "objections", Title: "Objections", Objections: objectionLines(k.Objections, d.Generated, d.IncludeUnverified)})
	list(model.SectionLandmines, "Landmines")
	list(model.SectionQuickDismisses, "Quick dismisses")
	list(model.SectionProofPoints, "Proof points")
	add(cardSection{Key: "pricing_talk_track", Title: "Pricing talk track", Paragraphs: paragraphs(k.PricingTalkTrack)})
	return out
}

// paragraphs splits prose at blank lines into clean one-line paragraphs.
func paragraphs(s string) []string {
	s = strings.ReplaceAll(termtext.Clean(s), "\r", "")
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = termtext.Line(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cardMeta is the line under a card's title: "Threat: critical · Generated 2026-11-23 · Last
// reviewed 2026-11-18 · Owner: Marta Oliveira".
func cardMeta(doc CardDoc) []string {
	if t := termtext.Line(string(doc.Competitor.Threat)); t != "" {
		return append([]string{"Threat: " + t}, cardDates(doc)...)
	}
	return cardDates(doc)
}

// cardDates says when the page was generated, when the card was reviewed and by whom.
func cardDates(doc CardDoc) []string {
	meta := []string{"Generated " + doc.Generated.String()}
	switch {
	case doc.Card == nil:
		meta = append(meta, "No card yet")
	case doc.Card.LastReviewed.IsZero():
		meta = append(meta, "Never reviewed")
	default:
		meta = append(meta, "Last reviewed "+doc.Card.LastReviewed.String())
	}
	if doc.Card != nil {
		if owner := termtext.Line(doc.Card.Owner); owner != "" {
			meta = append(meta, "Owner: "+owner)
		}
	}
	return meta
}

// noCardText stands in for the hand-written sections of a competitor without a card.
func noCardText(doc CardDoc) string {
	return "No battle card has been written for " + doc.name() + " yet; the catalog evidence is below."
}

// catalogLede introduces the evidence, which is derived, never hand-written.
func catalogLede(doc CardDoc) string {
	return "Drawn from the catalog on " + doc.Generated.String() + ", not written by hand: each line names the data it rests on."
}

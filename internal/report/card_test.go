package report

import (
	"bytes"
	"encoding/json"
	"github.com/rivals-app/rivals/internal/termtext"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/model"
)

// cardToday is the day every card in these tests is generated.
var cardToday = model.NewDate(2026, 11, 23)

// demoCardDocs builds the card page of every rival in the demo catalog the way rivals card
// does: evidence drafted against our product, priced at the default deal size.
func demoCardDocs(tb testing.TB) []CardDoc {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "demo", "catalog.json"))
	if err != nil {
		tb.Fatal(err)
	}
	cat, _, err := catalog.Decode("demo", data)
	if err != nil {
		tb.Fatal(err)
	}
	var self model.Competitor
	for _, c := range cat.Competitors {
		if c.IsSelf {
			self = c
		}
	}
	plans := map[string][]model.PricePlan{}
	for _, p := range cat.Plans {
		plans[p.Competitor] = append(plans[p.Competitor], p)
	}
	reasons := map[string]string{}
	for _, r := range cat.ReasonCodes {
		reasons[r.Code] = r.Label
	}
	var docs []CardDoc
	for _, c := range cat.Competitors {
		if c.IsSelf {
			continue
		}
		doc := CardDoc{Competitor: c, Self: self, Reasons: reasons, Generated: cardToday,
			Plans: plans[c.Slug], Quotes: buyerQuotes(c.Slug, cat.Deals)}
		for _, k := range cat.Cards {
			if k.Competitor == c.Slug {
				doc.Card = &k
			}
		}
		q := model.QuoteProducts([]model.Competitor{self, c}, plans, model.QuoteInput{Seats: model.DefaultSeats, Billing: model.PeriodYear}, nil)
		doc.Evidence = model.DraftEvidence(self, c, cat.Features, cat.Support, cat.Deals, &q, cat.Notes, cardToday)
		var theirs []model.Support
		for _, s := range cat.Support {
			if s.Competitor == c.Slug {
				theirs = append(theirs, s)
			}
		}
		doc.Matrix = model.SummarizeSupport(cat.Features, theirs, cardToday)
		docs = append(docs, doc)
	}
	return docs
}

// demoCardDoc is one rival's page from demoCardDocs.
func demoCardDoc(tb testing.TB, slug string) CardDoc {
	tb.Helper()
	for _, d := range demoCardDocs(tb) {
		if d.Competitor.Slug == slug {
			return d
		}
	}
	tb.Fatalf("no demo competitor %s", slug)
	return CardDoc{}
}

func render(t *testing.T, f func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCardGoldens(t *testing.T) {
	doc := demoCardDoc(t, "harborline")
	for _, format := range CardFormats {
		t.Run(format, func(t *testing.T) {
			r, ok := CardRenderer(format)
			if !ok {
				t.Fatalf("no renderer for %s", format)
			}
			out := render(t, func(b *bytes.Buffer) error { return r(b, doc) })
			golden.RequireEqual(t, []byte(out))
		})
	}
	// A second card, with a rumour left out, and every prep format.
	replyfox := demoCardDoc(t, "replyfox")
	for _, format := range CardFormats {
		t.Run("replyfox-"+format, func(t *testing.T) {
			r, _ := CardRenderer(format)
			golden.RequireEqual(t, []byte(render(t, func(b *bytes.Buffer) error { return r(b, replyfox) })))
		})
	}
	for _, format := range PrepFormats {
		t.Run("prep-"+format, func(t *testing.T) {
			r, _ := PrepRenderer(format)
			golden.RequireEqual(t, []byte(render(t, func(b *bytes.Buffer) error { return r(b, doc) })))
		})
	}
	t.Run("index", func(t *testing.T) {
		var entries []CardIndexEntry
		for _, d := range demoCardDocs(t) {
			entries = append(entries, NewCardIndexEntry(d, d.Competitor.Slug+".md"))
		}
		for _, format := range CardFormats {
			out := render(t, func(b *bytes.Buffer) error { return CardIndex(b, format, cardToday, entries) })
			if format == "md" || format == "txt" {
				t.Run(format, func(t *testing.T) { golden.RequireEqual(t, []byte(out)) })
			}
			if !strings.Contains(out, "Harborline") || !strings.Contains(out, "harborline.md") {
				t.Errorf("%s index lacks Harborline or its file:\n%s", format, out)
			}
		}
	})
}

func TestCardJSONShape(t *testing.T) {
	doc := demoCardDoc(t, "harborline")
	out := render(t, func(b *bytes.Buffer) error { return CardJSON(b, doc) })
	var got struct {
		Competitor   struct{ Slug, Name string }
		Generated    string
		LastReviewed *string `json:"last_reviewed"`
		Stale        bool
		Card         *model.BattleCard
		Evidence     model.Evidence
		Bullets      []EvidenceBullet `json:"evidence_bullets"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if got.Competitor.Slug != "harborline" || got.Generated != "2026-11-23" || got.LastReviewed == nil ||
		*got.LastReviewed != "2026-11-18" || got.Stale || got.Card == nil || len(got.Bullets) == 0 || got.Evidence.Price == nil {
		t.Errorf("card JSON = %+v", got)
	}
	doc.Card = nil
	out = render(t, func(b *bytes.Buffer) error { return CardJSON(b, doc) })
	if !strings.Contains(out, `"card": null`) || !strings.Contains(out, `"last_reviewed": null`) {
		t.Errorf("a missing card is not null:\n%s", out[:300])
	}
}

func TestCardStaleCallout(t *testing.T) {
	doc := demoCardDoc(t, "ticketry") // last reviewed 2026-05-04: 203 days before
	want := map[string]string{
		"md":   "> **Stale:** not reviewed for over 90 days (last reviewed 2026-05-04, 203 days ago).",
		"txt":  "STALE: not reviewed for over 90 days (last reviewed 2026-05-04, 203",
		"html": `<p class="stale" role="note"><strong>Stale:</strong> not reviewed for over 90 days`,
		"json": `"stale": true`,
	}
	for format, w := range want {
		r, _ := CardRenderer(format)
		if out := render(t, func(b *bytes.Buffer) error { return r(b, doc) }); !strings.Contains(out, w) {
			t.Errorf("%s lacks %q", format, w)
		}
	}
	fresh := demoCardDoc(t, "harborline")
	for _, format := range []string{"md", "txt", "html"} {
		r, _ := CardRenderer(format)
		if out := render(t, func(b *bytes.Buffer) error { return r(b, fresh) }); strings.Contains(strings.ToLower(out), "stale:") {
			t.Errorf("%s of a fresh card has a stale callout", format)
		}
	}
	doc.Card.LastReviewed = model.Date{}
	if out := render(t, func(b *bytes.Buffer) error { return CardMarkdown(b, doc) }); !strings.Contains(out, "> **Stale:** never reviewed.") {
		t.Errorf("a never-reviewed card is not flagged")
	}
}

func TestCardWithoutCard(t *testing.T) {
	doc := demoCardDoc(t, "harborline")
	doc.Card = nil
	for _, format := range []string{"md", "txt", "html"} {
		r, _ := CardRenderer(format)
		out := render(t, func(b *bytes.Buffer) error { return r(b, doc) })
		if !strings.Contains(out, "No battle card has been written for Harborline yet") || !strings.Contains(out, "At 25 seats, billed yearly") {
			t.Errorf("%s without a card lacks the notice or the evidence:\n%s", format, out)
		}
	}
}

func TestTextCardWraps(t *testing.T) {
	doc := demoCardDoc(t, "harborline")
	doc.Width = TextWidth
	out := render(t, func(b *bytes.Buffer) error { return CardText(b, doc) })
	for _, l := range strings.Split(out, "\n") {
		// Only a word longer than a line (a URL) may stick out.
		if width(l) > TextWidth && strings.Contains(strings.TrimSpace(l), " ") {
			t.Errorf("line of %d columns: %q", width(l), l)
		}
	}
}

// Without a width, every paragraph and bullet stays on one line, for the client to wrap.
func TestTextCardIsNotWrappedByDefault(t *testing.T) {
	doc := demoCardDoc(t, "harborline")
	out := render(t, func(b *bytes.Buffer) error { return CardText(b, doc) })
	if !strings.Contains(out, "\n"+termtext.Line(doc.Card.Overview)+"\n") {
		t.Errorf("the overview is not one line:\n%s", out)
	}
	prep := render(t, func(b *bytes.Buffer) error { return CallPrep(b, doc) })
	long := 0
	for _, l := range strings.Split(prep, "\n") {
		long = max(long, width(l))
	}
	if long <= PrepWidth {
		t.Errorf("call prep still wrapped at %d columns", long)
	}
}

func TestMdEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"# heading", `\# heading`},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"* item", `\* item`},
		{"> quote", `&gt; quote`},
		{"~~~ fence", `\~\~\~ fence`},
		{"=====", `\=====`},
		{"12. ordered", `12\. ordered`},
		{"3) ordered", `3\) ordered`},
		{"2026 plans", "2026 plans"},
		{"AI & Automation", "AI & Automation"},
		{"~180 apps, 5 * 3, snake_case, a|b, [draft", "~180 apps, 5 * 3, snake_case, a|b, [draft"},
		{"<b>x</b> & &lt; 5 < 6", `&lt;b&gt;x&lt;/b&gt; & \&lt; 5 &lt; 6`},
		{"*c* _d_ `e` [f](g) ~h~ \\", `\*c\* \_d\_ \` + "`e\\`" + ` \[f\](g) \~h\~ \\`},
		{`C:\path \* x`, `C:\path \\* x`},
		{"two\nlines\x1b[31m", "two lines"},
	}
	for _, tt := range tests {
		if got := mdEscape(tt.in); got != tt.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEvidenceBulletsFollowTheData(t *testing.T) {
	self, rival := model.Competitor{Slug: "us", Name: "Us", IsSelf: true}, model.Competitor{Slug: "acme", Name: "Acme"}
	features := []model.Feature{{Key: "sso", Name: "SSO", Category: "Security", Weight: 5}}
	cells := []model.Support{
		{Competitor: "us", Feature: "sso", Level: model.LevelYes},
		{Competitor: "acme", Feature: "sso", Level: model.LevelPartial, Note: "Enterprise plan only", VerifiedAt: model.NewDate(2026, 10, 1)},
	}
	deals := []model.Deal{
		{Ref: "a", ClosedAt: model.NewDate(2026, 3, 1), Outcome: model.OutcomeWon, Competitors: []string{"acme"}, Reasons: []string{"ux"}, PrimaryReason: "ux"},
		{Ref: "b", ClosedAt: model.NewDate(2026, 4, 1), Outcome: model.OutcomeLost, Competitors: []string{"acme"}, Reasons: []string{"price"}},
	}
	bullets := func() []EvidenceBullet {
		doc := CardDoc{Competitor: rival, Self: self, Generated: cardToday, Reasons: map[string]string{"price": "Price"},
			Evidence: model.DraftEvidence(self, rival, features, cells, deals, nil, nil, cardToday)}
		return EvidenceBullets(doc)
	}
	find := func(bs []EvidenceBullet, section string) EvidenceBullet {
		for _, b := range bs {
			if b.Section == section {
				return b
			}
		}
		t.Fatalf("no %s bullet in %+v", section, bs)
		return EvidenceBullet{}
	}
	bs := bullets()
	if b := find(bs, BulletAdvantage); b.Text != "SSO: we have yes, they have partial (Security, weight 5). Their note: Enterprise plan only" ||
		b.Cite != "matrix; their cell verified 2026-10-01" {
		t.Errorf("advantage = %+v", b)
	}
	if b := find(bs, BulletRecord); b.Text != "We won 1 of 2 decided deals against Acme in the last 12 months (50.0%); a small sample" || b.Cite != "deals closed 2025-11-23 to 2026-11-23" {
		t.Errorf("record = %+v", b)
	}
	if b := find(bs, BulletLossReason); b.Text != "Lost on Price in 1 deal (never the primary reason)" {
		t.Errorf("loss reason = %+v", b)
	}
	if b := find(bs, BulletPrice); !strings.HasPrefix(b.Text, "No price comparison") {
		t.Errorf("price without a quote = %+v", b)
	}

	// A deal changes outcome: the record and the reasons follow.
	deals[1].Outcome = model.OutcomeWon
	bs = bullets()
	if b := find(bs, BulletRecord); b.Text != "We won 2 of 2 decided deals against Acme in the last 12 months (100.0%); a small sample" {
		t.Errorf("record after the change = %+v", b)
	}
	if slices.ContainsFunc(bs, func(b EvidenceBullet) bool { return b.Section == BulletLossReason }) {
		t.Errorf("a loss reason survived the deal's change to won: %+v", bs)
	}
	// Stale cells say so.
	cells[1].VerifiedAt = model.NewDate(2025, 1, 1)
	if b := find(bullets(), BulletAdvantage); b.Cite != "matrix; their cell verified 2025-01-01, stale" {
		t.Errorf("stale cell cite = %q", b.Cite)
	}
	cells[1].VerifiedAt = model.Date{}
	if b := find(bullets(), BulletAdvantage); b.Cite != "matrix; never verified" {
		t.Errorf("unverified cell cite = %q", b.Cite)
	}
	deals = nil
	if b := find(bullets(), BulletRecord); b.Text != "No decided deals against Acme in the last 12 months" {
		t.Errorf("record with no deals = %+v", b)
	}
}

func TestEvidencePriceBullet(t *testing.T) {
	b := find(t, EvidenceBullets(demoCardDoc(t, "harborline")), BulletPrice)
	want := "At 25 seats, billed yearly: Harborline Suite Growth $20,145.00/yr vs Tidewell Team $15,045.00/yr. Harborline costs $5,100/yr more than Tidewell (+33.9%). Add-ons not counted: AI Resolutions add-on"
	if b.Text != want || b.Cite != "price list observed 2026-10-19; ours 2026-11-02" {
		t.Errorf("price bullet = %+v", b)
	}
	// Priced in another currency with no rate: said, not compared.
	doc := demoCardDoc(t, "quillon")
	if b := find(t, EvidenceBullets(doc), BulletPrice); !strings.Contains(b.Text, "no EUR→USD rate") {
		t.Errorf("quillon price bullet = %+v", b)
	}
}

func find(t *testing.T, bs []EvidenceBullet, section string) EvidenceBullet {
	t.Helper()
	for _, b := range bs {
		if b.Section == section {
			return b
		}
	}
	t.Fatalf("no %s bullet", section)
	return EvidenceBullet{}
}

func TestCardIndexWithoutCards(t *testing.T) {
	doc := CardDoc{Competitor: model.Competitor{Slug: "acme", Name: "Acme"}, Generated: cardToday}
	never := doc
	never.Card = &model.BattleCard{Competitor: "acme"}
	entries := []CardIndexEntry{NewCardIndexEntry(doc, "acme.txt"), NewCardIndexEntry(never, "acme.txt")}
	for _, format := range CardFormats {
		out := render(t, func(b *bytes.Buffer) error { return CardIndex(b, format, cardToday, entries) })
		if format != "json" && (!strings.Contains(out, "no card") || !strings.Contains(out, "never")) {
			t.Errorf("%s index:\n%s", format, out)
		}
	}
	for _, format := range CardFormats {
		r, _ := CardRenderer(format)
		for _, d := range []CardDoc{doc, never} {
			if out := render(t, func(b *bytes.Buffer) error { return r(b, d) }); !strings.Contains(out, "Acme") {
				t.Errorf("%s of a bare doc:\n%s", format, out)
			}
		}
		render(t, func(b *bytes.Buffer) error { return r(b, CardDoc{}) }) // the zero doc renders too
		render(t, func(b *bytes.Buffer) error { return CardIndex(b, format, model.Date{}, []CardIndexEntry{{}}) })
	}
	render(t, func(b *bytes.Buffer) error { return CallPrep(b, CardDoc{}) })
	if out := render(t, func(b *bytes.Buffer) error { return CallPrep(b, doc) }); !strings.Contains(out, "No battle card yet") {
		t.Errorf("prep without a card:\n%s", out)
	}
}

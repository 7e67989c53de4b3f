package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// fullCatalog is a catalog with every kind and every field populated, already normalized and in
// canonical order, so that it survives Encode → Decode unchanged.
func fullCatalog() model.Catalog {
	d := model.MustParseDate
	ts := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return model.Catalog{
		Version: model.CatalogVersion,
		Competitors: []model.Competitor{
			{
				Slug: "tidewell", Name: "Tidewell", IsSelf: true, Website: "https://tidewell.example.com",
				Positioning: "Help desk for B2B", Segments: []string{"mid-market", "enterprise"},
				Headquarters: "Lisbon", Founded: 2017, SizeBand: "201-500", Status: model.StatusActive,
				Tags: []string{"b2b"}, CreatedAt: ts, UpdatedAt: ts.Add(time.Hour),
			},
			{
				Slug: "ostra-cx", Name: "Ostra CX", Website: "https://ostra.example.com/?a=1&b=<2>",
				Positioning: "AI & automation <first>", Segments: []string{"smb"}, Headquarters: "Berlin",
				Founded: 2019, SizeBand: "51-200", Threat: model.ThreatHigh, Status: model.StatusWatch,
				Tags: []string{"ai", "funded"}, CreatedAt: ts, UpdatedAt: ts,
			},
		},
		Features: []model.Feature{
			{Key: "chat", Name: "Live chat", Category: "Channels", Description: "Web chat widget", Weight: 4},
			{Key: "sso.saml", Name: "SAML SSO", Category: "Security", Description: "SSO via SAML 2.0", Weight: 5},
		},
		Support: []model.Support{
			{Competitor: "ostra-cx", Feature: "chat", Level: model.LevelYes, Note: "All plans", Source: "https://ostra.example.com/chat", VerifiedAt: d("2026-02-01")},
			{Competitor: "ostra-cx", Feature: "sso.saml", Level: model.LevelPartial, Note: "Enterprise only", Source: "https://ostra.example.com/sso", VerifiedAt: d("2025-07-01")},
		},
		Plans: []model.PricePlan{
			{
				Competitor: "ostra-cx", Name: "Starter", Model: model.ModelUsage, Currency: "EUR", Period: model.PeriodMonth,
				Unit: "1k conversations", MinSeats: 1, Included: "Email and chat", Source: "https://ostra.example.com/pricing",
				Observations: []model.PriceObservation{
					{ObservedAt: d("2025-01-01"), Amount: 1900, IncludedUnits: 1000, OverageAmount: 2, AnnualDiscountPercent: 15, Source: "https://web.archive.org/1", Note: "launch price"},
					{ObservedAt: d("2026-01-01"), Amount: 2900, IncludedUnits: 1000, OverageAmount: 3},
				},
			},
			{
				Competitor: "ostra-cx", Name: "Pro", Model: model.ModelTiered, Currency: "EUR", Period: model.PeriodYear, Unit: "agent",
				Observations: []model.PriceObservation{
					{ObservedAt: d("2026-01-01"), Tiers: []model.PriceTier{{UpTo: 10, Amount: 59000}, {UpTo: 50, Amount: 49000}, {Amount: 0}}},
				},
			},
			{Competitor: "tidewell", Name: "Team", Model: model.ModelContactSales, Currency: "USD", Period: model.PeriodMonth},
		},
		ReasonCodes: []model.ReasonCode{
			{Code: "missing_feature", Label: "Missing feature", Description: "A must-have was missing"},
			{Code: "price", Label: "Price"},
		},
		Deals: []model.Deal{
			{
				Ref: "OPP-1", Account: "Northwind", ClosedAt: d("2026-02-17"), Outcome: model.OutcomeLost,
				Competitors: []string{"ostra-cx"}, Amount: 4_800_000, Currency: "EUR", Segment: "mid-market",
				Region: "EMEA", Stage: "negotiation", Reasons: []string{"price", "missing_feature"}, PrimaryReason: "price",
				Quote: "\"30% cheaper\" — CFO", Notes: "Line one\nline two", Source: "interview",
			},
			{Ref: "OPP-2", ClosedAt: d("2026-03-01"), Outcome: model.OutcomeWon, Competitors: []string{"ostra-cx", "tidewell"}},
		},
		Cards: []model.BattleCard{{
			Competitor: "ostra-cx", Owner: "Dana", LastReviewed: d("2026-02-01"), Overview: "Fast-growing AI help desk.",
			WhyWeWin: model.Claims("Reporting"), WhyTheyWin: model.Claims("Price"),
			Objections: []model.Objection{{Objection: "You cost more", Response: "Total cost is lower"}},
			Landmines:  model.Claims("Ask about SLAs"), QuickDismisses: model.Claims("AI needs clean data"),
			ProofPoints: model.Claims("Northwind: -30% handle time"), PricingTalkTrack: "Anchor on outcomes.",
		}},
		Notes: []model.IntelNote{{
			Competitor: "ostra-cx", Date: d("2026-03-02"), Title: "Series C", Body: "$80M <led> by X & Y",
			Source: "https://news.example.com/x", Tags: []string{"funding"},
		}},
	}
}

const smallCatalog = `{
  "version": 1,
  "competitors": [
    {"slug": "acme", "name": "Acme", "threat": "high", "created_at": "2026-03-14T09:30:00Z"}
  ],
  "features": [{"key": "sso", "name": "SSO", "category": "Security", "weight": 3}],
  "support": [{"competitor": "acme", "feature": "sso", "level": "yes", "verified_at": "2026-01-31"}],
  "plans": [
    {
      "competitor": "acme", "name": "Pro", "model": "per_seat", "currency": "USD", "period": "month",
      "observations": [{"observed_at": "2026-01-01", "amount": 4900}]
    }
  ],
  "reason_codes": [{"code": "price", "label": "Price"}],
  "deals": [{"ref": "r1", "closed_at": "2026-02-01", "outcome": "won", "competitors": ["acme"], "reasons": ["price"], "primary_reason": "price"}],
  "cards": [{"competitor": "acme", "objections": [{"objection": "o", "response": "r"}]}],
  "notes": [{"competitor": "acme", "date": "2026-02-02", "title": "News", "tags": ["x"]}]
}
`

func TestDecodeSmall(t *testing.T) {
	d := model.MustParseDate
	want := model.Catalog{
		Version:     1,
		Competitors: []model.Competitor{{Slug: "acme", Name: "Acme", Threat: model.ThreatHigh, CreatedAt: time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)}},
		Features:    []model.Feature{{Key: "sso", Name: "SSO", Category: "Security", Weight: 3}},
		Support:     []model.Support{{Competitor: "acme", Feature: "sso", Level: model.LevelYes, VerifiedAt: d("2026-01-31")}},
		Plans: []model.PricePlan{{
			Competitor: "acme", Name: "Pro", Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth,
			Observations: []model.PriceObservation{{ObservedAt: d("2026-01-01"), Amount: 4900}},
		}},
		ReasonCodes: []model.ReasonCode{{Code: "price", Label: "Price"}},
		Deals:       []model.Deal{{Ref: "r1", ClosedAt: d("2026-02-01"), Outcome: model.OutcomeWon, Competitors: []string{"acme"}, Reasons: []string{"price"}, PrimaryReason: "price"}},
		Cards:       []model.BattleCard{{Competitor: "acme", Objections: []model.Objection{{Objection: "o", Response: "r"}}}},
		Notes:       []model.IntelNote{{Competitor: "acme", Date: d("2026-02-02"), Title: "News", Tags: []string{"x"}}},
	}
	got, ix, err := Decode("small.json", []byte(smallCatalog))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if ix == nil {
		t.Fatalf("Decode returned a nil Index")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Decode =\n%+v\nwant\n%+v", got, want)
	}

	// The same catalog with a UTF-8 byte order mark, or with only some kinds, decodes too.
	bom, _, err := Decode("small.json", append([]byte("\xef\xbb\xbf"), smallCatalog...))
	if err != nil || !reflect.DeepEqual(bom, want) {
		t.Errorf("Decode with BOM = %v, %v; want the same catalog", bom, err)
	}
	part, _, err := Decode("part.json", []byte(`{"version": 1, "features": []}`))
	if err != nil || !reflect.DeepEqual(part, model.Catalog{Version: 1}) {
		t.Errorf("Decode of an empty kind = %+v, %v", part, err)
	}
}

func encode(t *testing.T, cat model.Catalog) string {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, cat); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return b.String()
}

func TestEncodeGolden(t *testing.T) {
	cat := model.Catalog{
		Version:     7, // Encode always writes the version it understands
		Competitors: []model.Competitor{{Slug: "acme", Name: "Acme & Sons <R&D>", Segments: []string{}}},
		Support:     []model.Support{{Competitor: "acme", Feature: "sso", Level: model.LevelYes}},
		Plans: []model.PricePlan{{
			Competitor: "acme", Name: "Pro", Model: model.ModelTiered, Currency: "USD", Period: model.PeriodMonth,
			Observations: []model.PriceObservation{{ObservedAt: model.NewDate(2026, 1, 1), Tiers: []model.PriceTier{{UpTo: 10, Amount: 5900}, {Amount: 0}}}},
		}},
	}
	want := `{
  "version": 1,
  "competitors": [
    {
      "slug": "acme",
      "name": "Acme & Sons <R&D>"
    }
  ],
  "support": [
    {
      "competitor": "acme",
      "feature": "sso",
      "level": "yes"
    }
  ],
  "plans": [
    {
      "competitor": "acme",
      "name": "Pro",
      "model": "tiered",
      "currency": "USD",
      "period": "month",
      "observations": [
        {
          "observed_at": "2026-01-01",
          "tiers": [
            {
              "up_to": 10,
              "amount": 5900
            },
            {
              "amount": 0
            }
          ]
        }
      ]
    }
  ]
}
`
	if got := encode(t, cat); got != want {
		t.Errorf("Encode =\n%s\nwant\n%s", got, want)
	}
	if got := encode(t, model.Catalog{}); got != "{\n  \"version\": 1\n}\n" {
		t.Errorf("Encode(empty) = %q", got)
	}
}

// shuffled returns a copy of the full catalog with every list out of canonical order (plans keep
// their relative order within a competitor, which is meaningful).
func shuffled() model.Catalog {
	c := fullCatalog()
	rev := func(n int, swap func(i, j int)) {
		for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
			swap(i, j)
		}
	}
	rev(len(c.Competitors), func(i, j int) { c.Competitors[i], c.Competitors[j] = c.Competitors[j], c.Competitors[i] })
	rev(len(c.Features), func(i, j int) { c.Features[i], c.Features[j] = c.Features[j], c.Features[i] })
	rev(len(c.Support), func(i, j int) { c.Support[i], c.Support[j] = c.Support[j], c.Support[i] })
	rev(len(c.ReasonCodes), func(i, j int) { c.ReasonCodes[i], c.ReasonCodes[j] = c.ReasonCodes[j], c.ReasonCodes[i] })
	rev(len(c.Deals), func(i, j int) { c.Deals[i], c.Deals[j] = c.Deals[j], c.Deals[i] })
	c.Plans = append(c.Plans[2:], c.Plans[:2]...)
	obs := c.Plans[1].Observations
	rev(len(obs), func(i, j int) { obs[i], obs[j] = obs[j], obs[i] })
	return c
}

func TestEncodeDeterministic(t *testing.T) {
	canonical := encode(t, fullCatalog())
	if s := shuffled(); reflect.DeepEqual(s, fullCatalog()) {
		t.Fatalf("shuffled() did not change the order")
	}
	for i, got := range []string{encode(t, fullCatalog()), encode(t, shuffled())} {
		if got != canonical {
			t.Errorf("encoding %d differs from the canonical one:\n%s\nwant\n%s", i, got, canonical)
		}
	}

	if !strings.HasSuffix(canonical, "}\n") || strings.HasSuffix(canonical, "\n\n") {
		t.Errorf("output does not end with exactly one newline: %q", canonical[max(0, len(canonical)-10):])
	}
	for _, esc := range []string{`\u0026`, `\u003c`, `\u003e`} {
		if strings.Contains(canonical, esc) {
			t.Errorf("output escapes HTML characters (%s)", esc)
		}
	}
	if !strings.Contains(canonical, `"positioning": "AI & automation <first>"`) {
		t.Errorf("output lost the literal & < > characters")
	}
	for n, line := range strings.Split(strings.TrimSuffix(canonical, "\n"), "\n") {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if indent%2 != 0 || strings.ContainsRune(line, '\t') || strings.HasSuffix(line, " ") {
			t.Errorf("line %d is not two-space indented: %q", n+1, line)
		}
	}
	// Empty and zero values are omitted: the self competitor has no threat, the contact-sales
	// plan no observations, OPP-2 no amount.
	for _, absent := range []string{`"threat": ""`, `"observations": null`, `"amount": null`, `"currency": ""`, `"id"`, `"ID"`, `null`, `"0001-01-01`} {
		if strings.Contains(canonical, absent) {
			t.Errorf("output contains %s", absent)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	want := fullCatalog()
	first := encode(t, fullCatalog())
	got, _, err := Decode("full.json", []byte(first))
	if err != nil {
		t.Fatalf("Decode(Encode(x)): %v\n%s", err, first)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Decode(Encode(x)) =\n%+v\nwant\n%+v", got, want)
	}
	if second := encode(t, got); second != first {
		t.Errorf("Encode(Decode(Encode(x))) differs from Encode(x):\n%s\nwant\n%s", second, first)
	}
	for _, c := range got.Competitors {
		if err := c.Validate(); err != nil {
			t.Errorf("fixture competitor %s invalid: %v", c.Slug, err)
		}
	}
	for _, p := range got.Plans {
		if err := p.Validate(); err != nil {
			t.Errorf("fixture plan %s invalid: %v", p.Name, err)
		}
	}
}

// TestDemoCatalog checks that the shipped demo is valid and already in canonical form, so that
// export → import → export is byte-identical.
func TestDemoCatalog(t *testing.T) {
	data, err := os.ReadFile("../../testdata/demo/catalog.json")
	if err != nil {
		t.Skipf("demo catalog not readable: %v", err)
	}
	cat, ix, err := Decode("catalog.json", data)
	if err != nil {
		t.Fatalf("Decode(demo): %v", err)
	}
	check := func(kind string, i int, err error) {
		if err != nil {
			t.Errorf("%v", ix.LocateError(kind, i, err))
		}
	}
	for i, r := range cat.Competitors {
		check(model.KindCompetitors, i, r.Validate())
	}
	for i, r := range cat.Features {
		check(model.KindFeatures, i, r.Validate())
	}
	for i, r := range cat.Support {
		check(model.KindSupport, i, r.Validate())
	}
	for i, r := range cat.Plans {
		check(model.KindPlans, i, r.Validate())
	}
	for i, r := range cat.ReasonCodes {
		check(model.KindReasonCodes, i, r.Validate())
	}
	for i, r := range cat.Deals {
		check(model.KindDeals, i, r.Validate())
	}
	for i, r := range cat.Cards {
		check(model.KindCards, i, r.Validate())
	}
	for i, r := range cat.Notes {
		check(model.KindNotes, i, r.Validate())
	}
	if got := encode(t, cat); got != string(data) {
		t.Errorf("Encode(Decode(demo)) is not byte-identical to the demo file")
	}
}

const unknownKeyMsg = "unknown key (want version or one of cards, competitors, deals, features, notes, plans, reason_codes, support)"

const locateInput = `{
  "version": 1,
  "plans": [
    {
      "competitor": "acme",
      "name": "Pro",
      "model": "tiered",
      "currency": "USD",
      "period": "month",
      "observations": [
        {
          "observed_at": "2025-01-01",
          "tiers": [{"up_to": 10, "amount": 5900}, {"amount": 4900}]
        },
        {
          "observed_at": "2026-01-01",
          "amount": 100,
          "tiers": [{"amount": 5900}, {"amount": 4900}]
        }
      ]
    },
    {"competitor": "acme", "name": "Team", "model": "per_seat", "currency": "USD", "period": "month"}
  ],
  "deals": [
    {"ref": "r1", "closed_at": "2026-01-01", "outcome": "won", "competitors": ["acme", "Bright Desk"]}
  ]
}
`

var fuzzSeeds = []string{
	smallCatalog,
	locateInput,
	`{"version": 1}`,
	`{"version": 1, "competitors": [{"slug": "a", "name": "A"},]}`,
	`{"version": 1, "plans": [{"observations": [{"observed_at": "2026-01-01", "amount": "1"}]}]}`,
	`{"version": 1, "support": [{"competitor":"a","feature":"notes","notes":"x"}]}`,
	`{"version": 2}`,
	`{"competitors": [1, null, "x", []]}`,
	"\xef\xbb\xbf{\"version\": 1, \"notes\": [{\"date\": \"2026-02-30\"}]}",
	"{\r\n\"version\": 1,\r\n\"deals\": [{\"ref\": \"é\", \"bogus\": {}}]\r\n}",
	`[]`,
	``,
	`{"version": 1, "deals": [{"ref": "J-1", "ref": "J-2"}]}`,
	`{"version": 1, "competitors": [{"slug": "h", "name": "harbor\u0000line"}]}`,
}

func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, ix, err := Decode("fuzz.json", data)
		if ix == nil {
			t.Fatalf("nil Index")
		}
		body := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if err != nil {
			le, ok := err.(*LocatedError)
			if !ok {
				t.Fatalf("error %v is %T, want *LocatedError", err, err)
			}
			checkPosition(t, body, le)
			return
		}
		// Every decoded record can be located, whatever the field.
		counts := map[string]int{
			model.KindCompetitors: len(cat.Competitors), model.KindFeatures: len(cat.Features),
			model.KindSupport: len(cat.Support), model.KindPlans: len(cat.Plans),
			model.KindReasonCodes: len(cat.ReasonCodes), model.KindDeals: len(cat.Deals),
			model.KindCards: len(cat.Cards), model.KindNotes: len(cat.Notes),
		}
		for kind, n := range counts {
			for i := range n {
				for _, field := range []string{"", "name", "observations[1].tiers[0].up_to", "[3]", "competitors[0]"} {
					le := ix.Locate(kind, i, field, "m")
					if le.Line == 0 {
						t.Fatalf("Locate(%s, %d, %q) of a decoded record has no position", kind, i, field)
					}
					checkPosition(t, body, le)
				}
			}
		}
		// The canonical form of anything accepted is accepted again and is stable.
		var b1, b2 bytes.Buffer
		if err := Encode(&b1, cat); err != nil {
			t.Fatalf("Encode of a decoded catalog: %v", err)
		}
		again, _, err := Decode("again.json", b1.Bytes())
		if err != nil {
			t.Fatalf("Decode(Encode(x)): %v\n%s", err, b1.Bytes())
		}
		if err := Encode(&b2, again); err != nil {
			t.Fatalf("second Encode: %v", err)
		}
		if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
			t.Fatalf("Encode is not stable:\n%s\nthen\n%s", b1.Bytes(), b2.Bytes())
		}
	})
}

// checkPosition asserts that a located error points inside data (the column may be one past the
// end of a line, for errors at the end of the input).
func checkPosition(t *testing.T, data []byte, le *LocatedError) {
	t.Helper()
	if le.File == "" || le.Msg == "" {
		t.Fatalf("incomplete error %#v", le)
	}
	if le.Line == 0 {
		if le.Col != 0 {
			t.Fatalf("column without a line: %#v", le)
		}
		return
	}
	lines := bytes.Split(data, []byte("\n"))
	if le.Line < 1 || le.Line > len(lines) {
		t.Fatalf("line %d outside the input's %d lines (%v)", le.Line, len(lines), le)
	}
	if n := utf8.RuneCount(lines[le.Line-1]); le.Col < 1 || le.Col > n+1 {
		t.Fatalf("column %d outside line %d of %d characters (%v)", le.Col, le.Line, n, le)
	}
}

// A field given twice in one object is refused with both places: the reader could not know
// which value was meant (encoding/json would keep the last one silently). The same name in two
// different objects is fine.
func TestDecodeRefusesRepeatedKeys(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"record", "{\"version\": 1,\n \"deals\": [\n  {\"ref\": \"J-1\", \"outcome\": \"won\",\n   \"ref\": \"J-2\"}\n ]\n}\n",
			`dup.json:4:4: deals[0].ref: "ref" is given twice in one object (first on line 3); give each field once`},
		{"nested", "{\"version\": 1, \"plans\": [{\"competitor\": \"a\", \"name\": \"P\", \"observations\": [\n {\"amount\": 1, \"amount\": 2}]}]}",
			`dup.json:2:16: plans[0].observations[0].amount: "amount" is given twice in one object (first on line 2)`},
		{"escaped spelling", `{"version": 1, "notes": [{"title": "a", "titl\u0065": "b"}]}`,
			`notes[0].title: "title" is given twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode("dup.json", []byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	ok := `{"version": 1, "plans": [{"competitor": "a", "name": "P", "model": "flat", "currency": "USD", "period": "month",
	  "observations": [{"observed_at": "2026-01-01", "amount": 1}, {"observed_at": "2026-02-01", "amount": 2}]}]}`
	if _, _, err := Decode("ok.json", []byte(ok)); err != nil {
		t.Errorf("the same keys in sibling objects were refused: %v", err)
	}
}

// TestDecodeFirstErrorInFileOrder checks that a long list, whose records are checked on several
// processors, reports the first bad record in the file, keeps the records before it, and
// locates records as a list read one by one does.
func TestDecodeFirstErrorInFileOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("{\"version\": 1, \"support\": [\n")
	const n, early, late = 3000, 1234, 2900
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		switch i {
		case early:
			fmt.Fprintf(&b, `  {"competitor": "c%d", "feature": "f", "level": "full", "bogus": 1}`, i)
		case late:
			fmt.Fprintf(&b, `  {"competitor": "c%d", "feature": "f", "level": 7}`, i)
		default:
			fmt.Fprintf(&b, `  {"competitor": "c%d", "feature": "f", "level": "full"}`, i)
		}
	}
	b.WriteString("\n]}\n")
	for _, parallel := range []int{1, 4} {
		t.Run(fmt.Sprint("GOMAXPROCS=", parallel), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(parallel))
			cat, ix, err := Decode("big.json", []byte(b.String()))
			want := fmt.Sprintf("big.json:%d:%d: support[%d].bogus: unknown field (see docs/catalog-format.md)", early+2, 60, early)
			if err == nil || err.Error() != want {
				t.Fatalf("Decode error = %v, want %s", err, want)
			}
			if len(cat.Support) != early || cat.Support[early-1].Competitor != fmt.Sprintf("c%d", early-1) {
				t.Fatalf("decoded %d records before the error, want %d in order", len(cat.Support), early)
			}
			if got := ix.Locate(model.KindSupport, 700, "level", "m").Error(); got != "big.json:702:51: support[700].level: m" {
				t.Fatalf("Locate = %s", got)
			}
		})
	}
}

// FuzzSupportFast checks that the fast path for matrix cells decodes exactly what
// encoding/json decodes, and only what it accepts.
func FuzzSupportFast(f *testing.F) {
	for _, s := range []string{
		`{"competitor": "a", "feature": "b", "level": "yes"}`,
		`{"competitor":"a","feature":"b","level":"no","note":"x y","source":"https://e.x","verified_at":"2026-01-02"}`,
		`{}`, ` { "note" : "é" } `, `{"note": "a\"b"}`, `{"note": "a", "note": "b"}`, `{"verified_at": "2026-02-30"}`,
		`{"verified_at": ""}`, `{"level": 7}`, `{"note": null}`, `{"bogus": "x"}`, `{"note": "x",}`, `{"note": "x"} x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var fast model.Support
		if !decodeSupportFast(raw, &fast) {
			return
		}
		var slow model.Support
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&slow); err != nil {
			t.Fatalf("fast path accepted %q, encoding/json: %v", raw, err)
		}
		if dec.More() {
			t.Fatalf("fast path accepted trailing data in %q", raw)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q: fast %+v, encoding/json %+v", raw, fast, slow)
		}
	})
}

// A decoder that panics on a record (a bug, never user data) fails that record, in order, from
// any worker goroutine, instead of crashing the process.
func TestFirstFailureRecoversPanics(t *testing.T) {
	for _, n := range []int{10, 3000} {
		k, err := firstFailure(n, func(k int) error {
			if k == n-3 {
				panic("boom")
			}
			return nil
		})
		if k != n-3 || err == nil || !strings.Contains(err.Error(), "boom") {
			t.Errorf("n=%d: %d, %v", n, k, err)
		}
	}
}

// Claims with a citation are objects, claims without one the plain strings they always were;
// both import, and an unknown key in a claim is named.
func TestDecodeCitedClaims(t *testing.T) {
	data := []byte(`{"version": 1, "competitors": [{"slug": "acme", "name": "Acme", "pricing_facts": {"visibility": "partial", "trial_days": 14}}],
"cards": [{"competitor": "acme", "quick_read": "Slow to deploy.", "do_not_say": ["Don't call them insecure"],
 "why_we_win": ["Plain", {"text": "Cited", "source": "https://acme.test", "confirmed": "2026-10-03", "confidence": "fact"}],
 "objections": [{"objection": "o", "response": "r", "confidence": "inference"}]}]}`)
	cat, _, err := Decode("c.json", data)
	if err != nil {
		t.Fatal(err)
	}
	k := cat.Cards[0]
	if k.WhyWeWin[1].Source != "https://acme.test" || k.Objections[0].Confidence != model.ConfidenceInference || k.QuickRead == "" ||
		cat.Competitors[0].Pricing.TrialDays != 14 {
		t.Errorf("decoded %+v", cat)
	}
	bad := bytes.Replace(data, []byte(`"confidence": "fact"`), []byte(`"sauce": "fact"`), 1)
	if _, _, err := Decode("c.json", bad); err == nil || !strings.Contains(err.Error(), "cards[0].why_we_win[1].sauce: unknown field") {
		t.Errorf("unknown key in a claim: %v", err)
	}
}

// A catalog written before claims had citations, cards a 30-second read and competitors pricing
// facts imports and exports byte for byte as it was: no new key appears.
func TestOldCatalogRoundTripsUnchanged(t *testing.T) {
	old := `{
  "version": 1,
  "competitors": [
    {
      "slug": "acme",
      "name": "Acme",
      "threat": "high",
      "status": "active"
    }
  ],
  "cards": [
    {
      "competitor": "acme",
      "overview": "Incumbent suite.",
      "why_we_win": [
        "Faster rollout",
        "AI & Automation included, ~180 apps"
      ],
      "objections": [
        {
          "objection": "Too pricey",
          "response": "Compare year one"
        }
      ],
      "landmines": [
        "Ask about renewals"
      ]
    }
  ]
}
`
	cat, _, err := Decode("old.json", []byte(old))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Encode(&b, cat); err != nil {
		t.Fatal(err)
	}
	if b.String() != old {
		t.Errorf("an old catalog changed on the way through:\n%s", b.String())
	}
}

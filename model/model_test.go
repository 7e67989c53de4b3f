package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCompetitorNormalize(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		in   Competitor
		want Competitor
	}{
		{
			name: "trims (keeping blank list items for validation), defaults status, normalizes times",
			in: Competitor{
				Slug: "  ostra-cx\n", Name: "\tOstra CX ", Website: " https://ostra.example.com ",
				Positioning: " AI help desk ", Headquarters: " Berlin ", SizeBand: " 51-200 ",
				Segments:  []string{" smb ", "", "  ", "enterprise"},
				Tags:      []string{" ", ""},
				CreatedAt: time.Date(2026, 3, 14, 10, 30, 15, 987654321, berlin),
				UpdatedAt: time.Date(2026, 3, 14, 0, 30, 0, 1, berlin),
			},
			want: Competitor{
				Slug: "ostra-cx", Name: "Ostra CX", Website: "https://ostra.example.com",
				Positioning: "AI help desk", Headquarters: "Berlin", SizeBand: "51-200",
				Segments:  []string{"smb", "", "", "enterprise"},
				Tags:      []string{"", ""},
				Status:    StatusActive,
				CreatedAt: time.Date(2026, 3, 14, 9, 30, 15, 0, time.UTC),
				UpdatedAt: time.Date(2026, 3, 13, 23, 30, 0, 0, time.UTC),
			},
		},
		{
			name: "keeps an explicit status and zero times",
			in:   Competitor{Slug: "a", Name: "A", Status: StatusDead, Segments: []string{}},
			want: Competitor{Slug: "a", Name: "A", Status: StatusDead},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in
			got.Normalize()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Normalize() =\n%+v\nwant\n%+v", got, tt.want)
			}
			if got.CreatedAt.Location() != time.UTC && !got.CreatedAt.IsZero() {
				t.Errorf("CreatedAt location = %v, want UTC", got.CreatedAt.Location())
			}
			again := got
			again.Normalize()
			if !reflect.DeepEqual(again, got) {
				t.Errorf("Normalize is not idempotent: %+v then %+v", got, again)
			}
		})
	}
}

func TestNormalizeTime(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	tests := []struct {
		in, want time.Time
	}{
		{time.Time{}, time.Time{}},
		{time.Date(2026, 1, 1, 8, 0, 0, 999_999_999, tokyo), time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC)},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got := NormalizeTime(tt.in)
		if !got.Equal(tt.want) || (!got.IsZero() && got.Location() != time.UTC) || got.Nanosecond() != 0 {
			t.Errorf("NormalizeTime(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	// A time carrying a monotonic reading must still compare equal with ==-based DeepEqual.
	now := time.Now()
	if got := NormalizeTime(now); got != got.Round(0) {
		t.Errorf("NormalizeTime(time.Now()) keeps a monotonic clock reading")
	}
}

func TestNormalizeOtherKinds(t *testing.T) {
	tests := []struct {
		name      string
		normalize func() any
		want      any
	}{
		{
			name: "feature",
			normalize: func() any {
				f := Feature{Key: " sso ", Name: " SSO ", Category: " Security ", Description: "\n text \n", Weight: 2}
				f.Normalize()
				return f
			},
			want: Feature{Key: "sso", Name: "SSO", Category: "Security", Description: "text", Weight: 2},
		},
		{
			name: "support",
			normalize: func() any {
				s := Support{Competitor: " a ", Feature: " sso ", Level: LevelYes, Note: " n ", Source: " https://x.example "}
				s.Normalize()
				return s
			},
			want: Support{Competitor: "a", Feature: "sso", Level: LevelYes, Note: "n", Source: "https://x.example"},
		},
		{
			name: "plan upper-cases currency and trims observations",
			normalize: func() any {
				p := PricePlan{
					Competitor: " a ", Name: " Pro ", Model: ModelFlat, Currency: " usd ", Period: PeriodMonth,
					Unit: " seat ", Included: " all ", Source: " https://x.example ",
					Observations: []PriceObservation{{ObservedAt: NewDate(2026, 1, 1), Amount: 5, Source: " https://y.example ", Note: " n "}},
				}
				p.Normalize()
				return p
			},
			want: PricePlan{
				Competitor: "a", Name: "Pro", Model: ModelFlat, Currency: "USD", Period: PeriodMonth,
				Unit: "seat", Included: "all", Source: "https://x.example",
				Observations: []PriceObservation{{ObservedAt: NewDate(2026, 1, 1), Amount: 5, Source: "https://y.example", Note: "n"}},
			},
		},
		{
			name: "reason code",
			normalize: func() any {
				r := ReasonCode{Code: " price ", Label: " Price ", Description: " d "}
				r.Normalize()
				return r
			},
			want: ReasonCode{Code: "price", Label: "Price", Description: "d"},
		},
		{
			name: "deal",
			normalize: func() any {
				d := Deal{
					Ref: " OPP-1 ", Account: " Acme ", ClosedAt: NewDate(2026, 1, 1), Outcome: OutcomeWon,
					Competitors: []string{" a ", "", "b"}, Amount: 100, Currency: " gbp ",
					Segment: " smb ", Region: " EMEA ", Stage: " poc ", Reasons: []string{"  "},
					PrimaryReason: " price ", Quote: " q ", Notes: " n ", Source: " crm ",
				}
				d.Normalize()
				return d
			},
			want: Deal{
				Ref: "OPP-1", Account: "Acme", ClosedAt: NewDate(2026, 1, 1), Outcome: OutcomeWon,
				Competitors: []string{"a", "", "b"}, Amount: 100, Currency: "GBP",
				Segment: "smb", Region: "EMEA", Stage: "poc", Reasons: []string{""},
				PrimaryReason: "price", Quote: "q", Notes: "n", Source: "crm",
			},
		},
		{
			name: "battle card trims bullets and objections, keeping blank ones for validation",
			normalize: func() any {
				c := BattleCard{
					Competitor: " a ", Owner: " o ", Overview: " ov ", PricingTalkTrack: " p ",
					WhyWeWin: Claims(" x ", ""), WhyTheyWin: Claims(""), Landmines: Claims(),
					QuickDismisses: Claims(" q "), ProofPoints: Claims(" "),
					Objections: []Objection{{Objection: " ", Response: " "}, {Objection: " obj "}, {Response: " resp "}},
				}
				c.Normalize()
				return c
			},
			want: BattleCard{
				Competitor: "a", Owner: "o", Overview: "ov", PricingTalkTrack: "p",
				WhyWeWin: Claims("x", ""), WhyTheyWin: Claims(""), QuickDismisses: Claims("q"), ProofPoints: Claims(""),
				Objections: []Objection{{}, {Objection: "obj"}, {Response: "resp"}},
			},
		},
		{
			name: "battle card with an empty objection list",
			normalize: func() any {
				c := BattleCard{Competitor: "a", Objections: []Objection{}}
				c.Normalize()
				return c
			},
			want: BattleCard{Competitor: "a"},
		},
		{
			name: "intel note",
			normalize: func() any {
				n := IntelNote{Competitor: " a ", Date: NewDate(2026, 1, 1), Title: " t ", Body: " b ", Source: " https://x.example ", Tags: []string{" ai ", ""}}
				n.Normalize()
				return n
			},
			want: IntelNote{Competitor: "a", Date: NewDate(2026, 1, 1), Title: "t", Body: "b", Source: "https://x.example", Tags: []string{"ai", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.normalize(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Normalize() =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

func TestCatalogNormalize(t *testing.T) {
	cat := Catalog{
		Competitors: []Competitor{{Slug: " a ", Name: "A"}},
		Features:    []Feature{{Key: " k "}},
		Support:     []Support{{Competitor: " a "}},
		Plans:       []PricePlan{{Currency: "eur"}},
		ReasonCodes: []ReasonCode{{Code: " c "}},
		Deals:       []Deal{{Currency: "jpy"}},
		Cards:       []BattleCard{{Competitor: " a "}},
		Notes:       []IntelNote{{Title: " t "}},
	}
	cat.Normalize()
	got := []string{
		cat.Competitors[0].Slug, string(cat.Competitors[0].Status), cat.Features[0].Key, cat.Support[0].Competitor,
		cat.Plans[0].Currency, cat.ReasonCodes[0].Code, cat.Deals[0].Currency, cat.Cards[0].Competitor, cat.Notes[0].Title,
	}
	want := []string{"a", "active", "k", "a", "EUR", "c", "JPY", "a", "t"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Catalog.Normalize() gave %q, want %q", got, want)
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"Ostra CX", "ostra-cx"},
		{"ostra-cx", "ostra-cx"},
		{"Harborline", "harborline"},
		{"  Acme, Inc.  ", "acme-inc"},
		{"Zendesk!!!", "zendesk"},
		{"!!!Zendesk", "zendesk"},
		{"---Hello---World---", "hello-world"},
		{"A & B", "a-b"},
		{"Help Scout 2.0", "help-scout-2-0"},
		{"snake_case_name", "snake-case-name"},
		{"Tab\tand\nnewline", "tab-and-newline"},
		{"360Desk", "360desk"},
		{"Café Zoë", "cafe-zoe"}, // accented Latin letters are spelled in ASCII
		{"Øresund Straße", "oresund-strasse"},
		{"東京 Support", "support"}, // other scripts are separators
		{"日本語", ""},
		{"", ""},
		{"!!!", ""},
		{strings.Repeat("a", 70), strings.Repeat("a", MaxKeyLen)},
		{strings.Repeat("a", 63) + " bcd", strings.Repeat("a", 63)}, // cut at a dash: the dash goes too
		{strings.Repeat("ab ", 30), strings.TrimSuffix(strings.Repeat("ab-", 21), "-") + "-a"},
	}
	for _, tt := range tests {
		got := Slugify(tt.name)
		if got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if got != "" && !ValidSlug(got) {
			t.Errorf("Slugify(%q) = %q, which is not a valid slug", tt.name, got)
		}
	}
}

func TestValidSlug(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"ostra-cx", true},
		{"a", true},
		{"0", true},
		{"a1-b2-c3", true},
		{slug64, true},
		{"", false},
		{slug65, false},
		{"-a", false},
		{"a-", false},
		{"a--b", false},
		{"Ostra", false},
		{"a_b", false},
		{"a b", false},
		{"a.b", false},
		{"café", false},
		{" a", false},
	}
	for _, tt := range tests {
		if got := ValidSlug(tt.s); got != tt.want {
			t.Errorf("ValidSlug(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestTallyDeals(t *testing.T) {
	deal := func(o Outcome) Deal { return Deal{Outcome: o} }
	tests := []struct {
		name     string
		deals    []Deal
		want     WinLoss
		wantRate float64
		wantOK   bool
	}{
		{name: "no deals", deals: nil, want: WinLoss{}},
		{name: "only no decision", deals: []Deal{deal(OutcomeNoDecision), deal(OutcomeNoDecision)}, want: WinLoss{NoDecision: 2}},
		{name: "all won", deals: []Deal{deal(OutcomeWon)}, want: WinLoss{Won: 1}, wantRate: 1, wantOK: true},
		{name: "all lost", deals: []Deal{deal(OutcomeLost), deal(OutcomeLost)}, want: WinLoss{Lost: 2}, wantRate: 0, wantOK: true},
		{
			name:  "no decision excluded from the rate",
			deals: []Deal{deal(OutcomeWon), deal(OutcomeWon), deal(OutcomeWon), deal(OutcomeLost), deal(OutcomeNoDecision), deal(OutcomeNoDecision), deal(OutcomeNoDecision)},
			want:  WinLoss{Won: 3, Lost: 1, NoDecision: 3}, wantRate: 0.75, wantOK: true,
		},
		{name: "unknown outcomes ignored", deals: []Deal{deal("tie"), deal(""), deal(OutcomeLost), deal(OutcomeWon)}, want: WinLoss{Won: 1, Lost: 1}, wantRate: 0.5, wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TallyDeals(tt.deals)
			if got != tt.want {
				t.Fatalf("TallyDeals() = %+v, want %+v", got, tt.want)
			}
			if got.Decided() != tt.want.Won+tt.want.Lost {
				t.Errorf("Decided() = %d, want %d", got.Decided(), tt.want.Won+tt.want.Lost)
			}
			rate, ok := got.WinRate()
			if ok != tt.wantOK || rate != tt.wantRate {
				t.Errorf("WinRate() = %v, %v; want %v, %v", rate, ok, tt.wantRate, tt.wantOK)
			}
		})
	}
}

func TestSummarizeSupport(t *testing.T) {
	today := NewDate(2026, 6, 30)
	features := []Feature{{Key: "a"}, {Key: "b"}, {Key: "c"}, {Key: "d"}, {Key: "e"}, {Key: "f"}}
	cells := []Support{
		{Feature: "a", Level: LevelYes, VerifiedAt: today.AddDays(-10)},
		{Feature: "b", Level: LevelPartial, VerifiedAt: today.AddDays(-StaleFactDays - 1)}, // stale
		{Feature: "c", Level: LevelNo},                                                     // never verified: stale
		{Feature: "d", Level: LevelYes, VerifiedAt: today.AddDays(-StaleFactDays)},         // exactly the limit: fresh
		{Feature: "zzz", Level: LevelYes, VerifiedAt: today},                               // not in the feature list
		{Feature: "f", Level: LevelRoadmap, VerifiedAt: today.AddDays(3)},                  // future: fresh
		// "e" has no cell: unknown, and not counted as stale
	}
	tests := []struct {
		name     string
		features []Feature
		cells    []Support
		want     MatrixSummary
	}{
		{
			name: "mixed", features: features, cells: cells,
			want: MatrixSummary{Levels: map[Level]int{LevelYes: 2, LevelPartial: 1, LevelNo: 1, LevelRoadmap: 1, LevelUnknown: 1}, Stale: 2, Total: 6},
		},
		{
			name: "no cells: everything unknown, nothing stale", features: features,
			want: MatrixSummary{Levels: map[Level]int{LevelUnknown: 6}, Total: 6},
		},
		{
			name: "no features", cells: cells,
			want: MatrixSummary{Levels: map[Level]int{}},
		},
		{
			name: "explicit unknown cell counts as unknown", features: features[:1],
			cells: []Support{{Feature: "a", Level: LevelUnknown, VerifiedAt: today}},
			want:  MatrixSummary{Levels: map[Level]int{LevelUnknown: 1}, Total: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SummarizeSupport(tt.features, tt.cells, today)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SummarizeSupport() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCatalogSort(t *testing.T) {
	d := MustParseDate
	cat := Catalog{
		Competitors: []Competitor{{Slug: "zeta"}, {Slug: "brightdesk"}, {Slug: "tidewell", IsSelf: true}, {Slug: "alpha"}},
		Features: []Feature{
			{Key: "sso", Category: "Security"}, {Key: "chat", Category: "Channels"},
			{Key: "audit", Category: "Security"}, {Key: "email", Category: "Channels"},
		},
		Support: []Support{
			{Competitor: "b", Feature: "y"}, {Competitor: "a", Feature: "z"}, {Competitor: "b", Feature: "x"}, {Competitor: "a", Feature: "a"},
		},
		Plans: []PricePlan{
			{Competitor: "zeta", Name: "Pro"},
			{Competitor: "alpha", Name: "Starter", Observations: []PriceObservation{
				{ObservedAt: d("2026-01-01")}, {ObservedAt: d("2024-06-01")}, {ObservedAt: d("2025-03-01")},
			}},
			{Competitor: "zeta", Name: "Basic"},
			{Competitor: "alpha", Name: "Enterprise"},
			{Competitor: "alpha", Name: "Business"},
		},
		ReasonCodes: []ReasonCode{{Code: "support"}, {Code: "price"}, {Code: "features"}},
		Deals: []Deal{
			{Ref: "B", ClosedAt: d("2026-02-01")}, {Ref: "C", ClosedAt: d("2026-01-01")},
			{Ref: "A", ClosedAt: d("2026-02-01")}, {Ref: "Z", ClosedAt: d("2025-12-31")},
		},
		Cards: []BattleCard{{Competitor: "zeta"}, {Competitor: "alpha"}},
		Notes: []IntelNote{
			{Competitor: "zeta", Date: d("2026-01-01"), Title: "b"},
			{Competitor: "alpha", Date: d("2026-02-01"), Title: "a"},
			{Competitor: "zeta", Date: d("2026-01-01"), Title: "a"},
			{Competitor: "alpha", Date: d("2025-02-01"), Title: "z"},
		},
	}
	cat.Sort()

	keys := func(n int, f func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	tests := []struct {
		name      string
		got, want []string
	}{
		{"competitors: self first, then slug",
			keys(len(cat.Competitors), func(i int) string { return cat.Competitors[i].Slug }),
			[]string{"tidewell", "alpha", "brightdesk", "zeta"}},
		{"features: category then key",
			keys(len(cat.Features), func(i int) string { return cat.Features[i].Category + "/" + cat.Features[i].Key }),
			[]string{"Channels/chat", "Channels/email", "Security/audit", "Security/sso"}},
		{"support: competitor then feature",
			keys(len(cat.Support), func(i int) string { return cat.Support[i].Competitor + "/" + cat.Support[i].Feature }),
			[]string{"a/a", "a/z", "b/x", "b/y"}},
		{"plans: by competitor, file order kept within one",
			keys(len(cat.Plans), func(i int) string { return cat.Plans[i].Competitor + "/" + cat.Plans[i].Name }),
			[]string{"alpha/Starter", "alpha/Enterprise", "alpha/Business", "zeta/Pro", "zeta/Basic"}},
		{"observations: oldest first",
			keys(len(cat.Plans[0].Observations), func(i int) string { return cat.Plans[0].Observations[i].ObservedAt.String() }),
			[]string{"2024-06-01", "2025-03-01", "2026-01-01"}},
		{"reason codes: by code",
			keys(len(cat.ReasonCodes), func(i int) string { return cat.ReasonCodes[i].Code }),
			[]string{"features", "price", "support"}},
		{"deals: closed_at then ref",
			keys(len(cat.Deals), func(i int) string { return cat.Deals[i].ClosedAt.String() + "/" + cat.Deals[i].Ref }),
			[]string{"2025-12-31/Z", "2026-01-01/C", "2026-02-01/A", "2026-02-01/B"}},
		{"cards: by competitor",
			keys(len(cat.Cards), func(i int) string { return cat.Cards[i].Competitor }),
			[]string{"alpha", "zeta"}},
		{"notes: competitor, date, title",
			keys(len(cat.Notes), func(i int) string {
				n := cat.Notes[i]
				return n.Competitor + "/" + n.Date.String() + "/" + n.Title
			}),
			[]string{"alpha/2025-02-01/z", "alpha/2026-02-01/a", "zeta/2026-01-01/a", "zeta/2026-01-01/b"}},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}

	// Sorting a sorted catalog changes nothing.
	before := cat
	before.Plans = append([]PricePlan(nil), cat.Plans...)
	cat.Sort()
	if !reflect.DeepEqual(cat.Plans, before.Plans) {
		t.Errorf("Sort is not idempotent for plans")
	}
}

func TestSmallHelpers(t *testing.T) {
	plan := PricePlan{Observations: []PriceObservation{
		{ObservedAt: NewDate(2025, 1, 1), Amount: 1}, {ObservedAt: NewDate(2026, 1, 1), Amount: 3}, {ObservedAt: NewDate(2025, 6, 1), Amount: 2},
	}}
	if o, ok := plan.Latest(); !ok || o.Amount != 3 {
		t.Errorf("Latest() = %+v, %v; want the 2026-01-01 observation", o, ok)
	}
	if _, ok := (PricePlan{}).Latest(); ok {
		t.Errorf("Latest() of a plan without observations reported one")
	}

	for i, th := range []Threat{ThreatNone, ThreatLow, ThreatMedium, ThreatHigh, ThreatCritical} {
		if th.Rank() != i {
			t.Errorf("%q.Rank() = %d, want %d", th, th.Rank(), i)
		}
	}
	if Threat("severe").Rank() != 0 {
		t.Errorf("unknown threat ranks above 0")
	}

	if got := (Deal{Competitors: []string{"a", "b"}}).PrimaryCompetitor(); got != "a" {
		t.Errorf("PrimaryCompetitor() = %q, want a", got)
	}
	if got := (Deal{}).PrimaryCompetitor(); got != "" {
		t.Errorf("PrimaryCompetitor() of no competitors = %q, want empty", got)
	}

	card := BattleCard{Competitor: "a", Owner: "o", LastReviewed: NewDate(2026, 1, 1)}
	if !card.IsEmpty() {
		t.Errorf("a card with only metadata should be empty")
	}
	for _, s := range CardListSections {
		c := card
		c.SetList(s, Claims("x"))
		if c.IsEmpty() || !reflect.DeepEqual(c.List(s), Claims("x")) {
			t.Errorf("SetList/List(%s) round trip failed or card still empty", s)
		}
	}
	for _, c := range []BattleCard{{Overview: "x"}, {QuickRead: "x"}, {DoNotSay: []string{"x"}}, {PricingTalkTrack: "x"}, {Objections: []Objection{{Objection: "x"}}}} {
		if c.IsEmpty() {
			t.Errorf("%+v reported empty", c)
		}
	}
}

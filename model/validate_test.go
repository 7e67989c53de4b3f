package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// validateCase changes one thing in an otherwise valid record and names the field the
// resulting *FieldError must point at ("" when the record must still be valid).
type validateCase[T any] struct {
	name  string
	mod   func(*T)
	field string // catalog JSON path of the expected error; "" means valid
	msg   string // substring of the message; optional
}

func runValidate[T interface{ Validate() error }](t *testing.T, valid func() T, tests []validateCase[T]) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := valid()
			if tt.mod != nil {
				tt.mod(&v)
			}
			assertFieldErr(t, v.Validate(), tt.field, tt.msg)
		})
	}
}

// assertFieldErr checks that err is nil when field is "", else a *FieldError for field.
func assertFieldErr(t *testing.T, err error, field, msg string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Fatalf("Validate() = %v, want nil", err)
		}
		return
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("Validate() = %v (%T), want a *FieldError for %q", err, err, field)
	}
	if fe.Field != field {
		t.Errorf("Validate() field = %q, want %q (error: %v)", fe.Field, field, err)
	}
	if fe.Msg == "" {
		t.Errorf("Validate() error for %q has an empty message", fe.Field)
	}
	if msg != "" && !strings.Contains(fe.Msg, msg) {
		t.Errorf("Validate() message = %q, want it to contain %q", fe.Msg, msg)
	}
}

var (
	long121    = strings.Repeat("x", MaxNameLen+1)
	long501    = strings.Repeat("x", MaxShortLen+1)
	longText   = strings.Repeat("x", MaxTextLen+1)
	badUTF8    = "ok \xff\xfe"
	slug64     = strings.Repeat("a", MaxKeyLen)
	slug65     = strings.Repeat("a", MaxKeyLen+1)
	created    = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	accented20 = strings.Repeat("é", 20) // 20 characters, 40 bytes
)

func validCompetitor() Competitor {
	return Competitor{
		Slug:         "ostra-cx",
		Name:         "Ostra CX",
		Website:      "https://ostra.example.com/",
		Positioning:  "The AI-first help desk",
		Segments:     []string{"smb", "mid-market"},
		Headquarters: "Berlin, Germany",
		Founded:      2019,
		SizeBand:     "51-200",
		Threat:       ThreatHigh,
		Status:       StatusActive,
		Tags:         []string{"ai", "fast-growing"},
		CreatedAt:    created,
		UpdatedAt:    created.Add(time.Hour),
	}
}

func TestCompetitorValidate(t *testing.T) {
	runValidate(t, validCompetitor, []validateCase[Competitor]{
		{name: "valid full record"},
		{name: "valid minimal record", mod: func(c *Competitor) { *c = Competitor{Slug: "a", Name: "A"} }},
		{name: "valid self without threat", mod: func(c *Competitor) { c.IsSelf, c.Threat = true, ThreatNone }},
		{name: "valid 64-character slug", mod: func(c *Competitor) { c.Slug = slug64 }},
		{name: "valid slug with digits", mod: func(c *Competitor) { c.Slug = "360-desk2" }},
		{name: "valid name counted in characters", mod: func(c *Competitor) { c.Name = strings.Repeat(accented20, 6) }},
		{name: "valid http URL", mod: func(c *Competitor) { c.Website = "http://example.com/pricing?x=1" }},
		{name: "valid founded bounds low", mod: func(c *Competitor) { c.Founded = 1800 }},
		{name: "valid founded bounds high", mod: func(c *Competitor) { c.Founded = 2100 }},
		{name: "valid size band 5000+", mod: func(c *Competitor) { c.SizeBand = "5000+" }},
		{name: "valid empty status", mod: func(c *Competitor) { c.Status = "" }},
		{name: "valid equal timestamps", mod: func(c *Competitor) { c.UpdatedAt = c.CreatedAt }},
		{name: "valid updated without created", mod: func(c *Competitor) { c.CreatedAt = time.Time{} }},

		{name: "slug missing", mod: func(c *Competitor) { c.Slug = "" }, field: "slug", msg: "is required"},
		{name: "slug upper case", mod: func(c *Competitor) { c.Slug = "Ostra-CX" }, field: "slug", msg: "not a valid slug"},
		{name: "slug with space", mod: func(c *Competitor) { c.Slug = "ostra cx" }, field: "slug"},
		{name: "slug double dash", mod: func(c *Competitor) { c.Slug = "ostra--cx" }, field: "slug"},
		{name: "slug leading dash", mod: func(c *Competitor) { c.Slug = "-ostra" }, field: "slug"},
		{name: "slug trailing dash", mod: func(c *Competitor) { c.Slug = "ostra-" }, field: "slug"},
		{name: "slug underscore", mod: func(c *Competitor) { c.Slug = "ostra_cx" }, field: "slug"},
		{name: "slug too long", mod: func(c *Competitor) { c.Slug = slug65 }, field: "slug"},
		{name: "name missing", mod: func(c *Competitor) { c.Name = "" }, field: "name", msg: "is required"},
		{name: "name blank", mod: func(c *Competitor) { c.Name = " \t " }, field: "name", msg: "is required"},
		{name: "name too long", mod: func(c *Competitor) { c.Name = long121 }, field: "name", msg: "121 characters"},
		{name: "name invalid UTF-8", mod: func(c *Competitor) { c.Name = badUTF8 }, field: "name", msg: "UTF-8"},
		{name: "name with a NUL byte", mod: func(c *Competitor) { c.Name = "harbor\x00line" }, field: "name", msg: "contains a NUL byte (character 7)"},
		{name: "positioning with a NUL byte", mod: func(c *Competitor) { c.Positioning = "ok\x00" }, field: "positioning", msg: "NUL"},
		{name: "tag with a NUL byte", mod: func(c *Competitor) { c.Tags = []string{"a\x00"} }, field: "tags[0]", msg: "NUL"},
		{name: "website without scheme", mod: func(c *Competitor) { c.Website = "ostra.example.com" }, field: "website"},
		{name: "website ftp", mod: func(c *Competitor) { c.Website = "ftp://ostra.example.com" }, field: "website"},
		{name: "website without host", mod: func(c *Competitor) { c.Website = "https://" }, field: "website"},
		{name: "website javascript", mod: func(c *Competitor) { c.Website = "javascript:alert(1)" }, field: "website"},
		{name: "positioning too long", mod: func(c *Competitor) { c.Positioning = long501 }, field: "positioning"},
		{name: "segment empty", mod: func(c *Competitor) { c.Segments = []string{"smb", ""} }, field: "segments[1]"},
		{name: "segment duplicate", mod: func(c *Competitor) { c.Segments = []string{"smb", "enterprise", "smb"} }, field: "segments[2]", msg: "listed twice"},
		{name: "segment too long", mod: func(c *Competitor) { c.Segments = []string{long121} }, field: "segments[0]"},
		{name: "headquarters too long", mod: func(c *Competitor) { c.Headquarters = long121 }, field: "headquarters"},
		{name: "founded too early", mod: func(c *Competitor) { c.Founded = 1799 }, field: "founded"},
		{name: "founded too late", mod: func(c *Competitor) { c.Founded = 2101 }, field: "founded"},
		{name: "founded negative", mod: func(c *Competitor) { c.Founded = -1 }, field: "founded"},
		{name: "size band unknown", mod: func(c *Competitor) { c.SizeBand = "10-50" }, field: "size_band", msg: "must be one of"},
		{name: "threat unknown", mod: func(c *Competitor) { c.Threat = "severe" }, field: "threat", msg: "low, medium, high, critical"},
		{name: "threat upper case", mod: func(c *Competitor) { c.Threat = "HIGH" }, field: "threat"},
		{name: "our own product with a threat", mod: func(c *Competitor) { c.IsSelf, c.Threat = true, ThreatHigh }, field: "threat", msg: "our own product"},
		{name: "status unknown", mod: func(c *Competitor) { c.Status = "gone" }, field: "status"},
		{name: "tag duplicate", mod: func(c *Competitor) { c.Tags = []string{"ai", "ai"} }, field: "tags[1]"},
		{name: "tag blank", mod: func(c *Competitor) { c.Tags = []string{" "} }, field: "tags[0]"},
		{name: "updated before created", mod: func(c *Competitor) { c.UpdatedAt = c.CreatedAt.Add(-time.Second) }, field: "updated_at"},
	})
}

func validFeature() Feature {
	return Feature{Key: "sso.saml", Name: "SAML SSO", Category: "Security", Description: "Single sign-on via SAML 2.0", Weight: 3}
}

func TestFeatureValidate(t *testing.T) {
	runValidate(t, validFeature, []validateCase[Feature]{
		{name: "valid"},
		{name: "valid key with _ . -", mod: func(f *Feature) { f.Key = "api.rate_limit-v2" }},
		{name: "valid 64-character key", mod: func(f *Feature) { f.Key = slug64 }},
		{name: "valid weight 0", mod: func(f *Feature) { f.Weight = 0 }},
		{name: "valid weight 5", mod: func(f *Feature) { f.Weight = MaxWeight }},
		{name: "key missing", mod: func(f *Feature) { f.Key = "" }, field: "key", msg: "is required"},
		{name: "key upper case", mod: func(f *Feature) { f.Key = "SSO" }, field: "key", msg: "not a valid key"},
		{name: "key leading dot", mod: func(f *Feature) { f.Key = ".sso" }, field: "key"},
		{name: "key leading underscore", mod: func(f *Feature) { f.Key = "_sso" }, field: "key"},
		{name: "key with space", mod: func(f *Feature) { f.Key = "sso saml" }, field: "key"},
		{name: "key too long", mod: func(f *Feature) { f.Key = slug65 }, field: "key"},
		{name: "name missing", mod: func(f *Feature) { f.Name = "" }, field: "name"},
		{name: "category missing", mod: func(f *Feature) { f.Category = " " }, field: "category"},
		{name: "category too long", mod: func(f *Feature) { f.Category = long121 }, field: "category"},
		{name: "description too long", mod: func(f *Feature) { f.Description = longText }, field: "description"},
		{name: "weight negative", mod: func(f *Feature) { f.Weight = -1 }, field: "weight", msg: "out of range"},
		{name: "weight too high", mod: func(f *Feature) { f.Weight = MaxWeight + 1 }, field: "weight"},
	})
}

func validSupport() Support {
	return Support{Competitor: "ostra-cx", Feature: "sso.saml", Level: LevelPartial, Note: "Enterprise plan only", Source: "https://ostra.example.com/security", VerifiedAt: NewDate(2026, 3, 1)}
}

func TestSupportValidate(t *testing.T) {
	tests := []validateCase[Support]{
		{name: "valid"},
		{name: "valid without evidence", mod: func(s *Support) { s.Note, s.Source, s.VerifiedAt = "", "", Date{} }},
		{name: "competitor missing", mod: func(s *Support) { s.Competitor = "" }, field: "competitor", msg: "is required"},
		{name: "competitor not a slug", mod: func(s *Support) { s.Competitor = "Ostra CX" }, field: "competitor"},
		{name: "feature missing", mod: func(s *Support) { s.Feature = "" }, field: "feature", msg: "is required"},
		{name: "feature not a key", mod: func(s *Support) { s.Feature = "SSO!" }, field: "feature"},
		{name: "level missing", mod: func(s *Support) { s.Level = "" }, field: "level", msg: "is required"},
		{name: "level unknown value", mod: func(s *Support) { s.Level = "maybe" }, field: "level", msg: "yes, partial, no, roadmap, unknown"},
		{name: "level upper case", mod: func(s *Support) { s.Level = "YES" }, field: "level"},
		{name: "note invalid UTF-8", mod: func(s *Support) { s.Note = badUTF8 }, field: "note"},
		{name: "note too long", mod: func(s *Support) { s.Note = longText }, field: "note"},
		{name: "source not a URL", mod: func(s *Support) { s.Source = "their website" }, field: "source"},
		{name: "source mailto", mod: func(s *Support) { s.Source = "mailto:x@example.com" }, field: "source"},
	}
	for _, l := range Levels {
		tests = append(tests, validateCase[Support]{name: "valid level " + string(l), mod: func(s *Support) { s.Level = l }})
	}
	runValidate(t, validSupport, tests)
}

func validPlan() PricePlan {
	return PricePlan{
		Competitor: "ostra-cx",
		Name:       "Pro",
		Model:      ModelPerSeat,
		Currency:   "USD",
		Period:     PeriodMonth,
		Unit:       "agent",
		MinSeats:   3,
		Included:   "Email, chat and SLAs",
		Source:     "https://ostra.example.com/pricing",
		Observations: []PriceObservation{
			{ObservedAt: NewDate(2025, 6, 1), Amount: 4900, AnnualDiscountPercent: 20},
			{ObservedAt: NewDate(2026, 1, 15), Amount: 5900, Source: "https://web.archive.org/x", Note: "price rise"},
		},
	}
}

func tiered(obs ...[]PriceTier) func(*PricePlan) {
	return func(p *PricePlan) {
		p.Model = ModelTiered
		for i := range p.Observations {
			p.Observations[i].Amount = 0
			p.Observations[i].Tiers = nil
			if i < len(obs) {
				p.Observations[i].Tiers = obs[i]
			}
		}
	}
}

var goodTiers = []PriceTier{{UpTo: 10, Amount: 5900}, {UpTo: 50, Amount: 4900}, {Amount: 3900}}

func TestPricePlanValidate(t *testing.T) {
	runValidate(t, validPlan, []validateCase[PricePlan]{
		{name: "valid per seat"},
		{name: "valid without observations", mod: func(p *PricePlan) { p.Observations = nil }},
		{name: "valid yearly flat", mod: func(p *PricePlan) { p.Model, p.Period = ModelFlat, PeriodYear }},
		{name: "valid contact sales without amount", mod: func(p *PricePlan) {
			p.Model = ModelContactSales
			for i := range p.Observations {
				p.Observations[i].Amount = 0
			}
		}},
		{name: "valid usage", mod: func(p *PricePlan) {
			p.Model = ModelUsage
			p.Observations[0].IncludedUnits, p.Observations[0].OverageAmount = 1000, 12
		}},
		{name: "valid tiered", mod: tiered(goodTiers, goodTiers)},
		{name: "valid tiered single unbounded tier", mod: tiered([]PriceTier{{Amount: 100}}, []PriceTier{{Amount: 0}})},
		{name: "valid zero-decimal currency", mod: func(p *PricePlan) { p.Currency = "JPY" }},
		{name: "valid discount 0 and 100", mod: func(p *PricePlan) {
			p.Observations[0].AnnualDiscountPercent, p.Observations[1].AnnualDiscountPercent = 0, 100
		}},

		{name: "competitor missing", mod: func(p *PricePlan) { p.Competitor = "" }, field: "competitor"},
		{name: "competitor not a slug", mod: func(p *PricePlan) { p.Competitor = "Ostra" }, field: "competitor"},
		{name: "name missing", mod: func(p *PricePlan) { p.Name = "" }, field: "name"},
		{name: "model missing", mod: func(p *PricePlan) { p.Model = "" }, field: "model", msg: "is required"},
		{name: "model unknown", mod: func(p *PricePlan) { p.Model = "per_agent" }, field: "model", msg: "per_seat, flat, usage, tiered, contact_sales"},
		{name: "currency missing", mod: func(p *PricePlan) { p.Currency = "" }, field: "currency", msg: "is required"},
		{name: "currency lower case", mod: func(p *PricePlan) { p.Currency = "usd" }, field: "currency", msg: "ISO 4217"},
		{name: "currency unknown", mod: func(p *PricePlan) { p.Currency = "USS" }, field: "currency"},
		{name: "period missing", mod: func(p *PricePlan) { p.Period = "" }, field: "period", msg: "is required"},
		{name: "period unknown", mod: func(p *PricePlan) { p.Period = "week" }, field: "period", msg: "month, year"},
		{name: "unit too long", mod: func(p *PricePlan) { p.Unit = long121 }, field: "unit"},
		{name: "min seats negative", mod: func(p *PricePlan) { p.MinSeats = -1 }, field: "min_seats"},
		{name: "included too long", mod: func(p *PricePlan) { p.Included = longText }, field: "included"},
		{name: "source not a URL", mod: func(p *PricePlan) { p.Source = "pricing page" }, field: "source"},

		{name: "observed_at missing", mod: func(p *PricePlan) { p.Observations[0].ObservedAt = Date{} }, field: "observations[0].observed_at", msg: "is required"},
		{name: "observed twice", mod: func(p *PricePlan) { p.Observations[1].ObservedAt = p.Observations[0].ObservedAt }, field: "observations[1].observed_at", msg: "2025-06-01 is observed twice"},
		{name: "amount negative", mod: func(p *PricePlan) { p.Observations[1].Amount = -1 }, field: "observations[1].amount", msg: "negative"},
		{name: "contact sales with amount", mod: func(p *PricePlan) {
			p.Model = ModelContactSales
			p.Observations[0].Amount = 0
		}, field: "observations[1].amount", msg: "contact_sales"},
		{name: "included units negative", mod: func(p *PricePlan) { p.Observations[0].IncludedUnits = -5 }, field: "observations[0].included_units"},
		{name: "overage negative", mod: func(p *PricePlan) { p.Observations[1].OverageAmount = -5 }, field: "observations[1].overage_amount"},
		{name: "discount negative", mod: func(p *PricePlan) { p.Observations[0].AnnualDiscountPercent = -1 }, field: "observations[0].annual_discount_percent", msg: "out of range"},
		{name: "discount above 100", mod: func(p *PricePlan) { p.Observations[1].AnnualDiscountPercent = 101 }, field: "observations[1].annual_discount_percent"},
		{name: "tiered without tiers", mod: tiered(goodTiers), field: "observations[1].tiers", msg: "at least one tier"},
		{name: "tiered first observation without tiers", mod: tiered(nil, goodTiers), field: "observations[0].tiers"},
		{name: "last tier bounded", mod: tiered(goodTiers, []PriceTier{{UpTo: 10, Amount: 5900}, {UpTo: 50, Amount: 4900}}), field: "observations[1].tiers[1].up_to", msg: "omit up_to"},
		{name: "single tier bounded", mod: tiered([]PriceTier{{UpTo: 10, Amount: 5900}}), field: "observations[0].tiers[0].up_to", msg: "unbounded"},
		{name: "first tier unbounded but not last", mod: tiered(goodTiers, []PriceTier{{Amount: 5900}, {Amount: 4900}}), field: "observations[1].tiers[0].up_to", msg: "greater than the previous tier's (0)"},
		{name: "up_to repeated", mod: tiered([]PriceTier{{UpTo: 10, Amount: 3}, {UpTo: 10, Amount: 2}, {Amount: 1}}), field: "observations[0].tiers[1].up_to", msg: "(10)"},
		{name: "up_to decreasing", mod: tiered([]PriceTier{{UpTo: 50, Amount: 3}, {UpTo: 10, Amount: 2}, {Amount: 1}}), field: "observations[0].tiers[1].up_to", msg: "(50)"},
		{name: "up_to negative", mod: tiered([]PriceTier{{UpTo: -1, Amount: 3}, {Amount: 1}}), field: "observations[0].tiers[0].up_to"},
		{name: "tier amount negative", mod: tiered(goodTiers, []PriceTier{{UpTo: 10, Amount: 1}, {UpTo: 20, Amount: -1}, {Amount: 1}}), field: "observations[1].tiers[1].amount"},
		{name: "tiers on a per-seat plan", mod: func(p *PricePlan) { p.Observations[1].Tiers = goodTiers }, field: "observations[1].tiers", msg: "only tiered plans"},
		{name: "included units on a per-seat plan", mod: func(p *PricePlan) { p.Observations[0].IncludedUnits = 100 }, field: "observations[0].included_units", msg: "only usage plans"},
		{name: "overage on a flat plan", mod: func(p *PricePlan) { p.Model = ModelFlat; p.Observations[1].OverageAmount = 5 }, field: "observations[1].overage_amount", msg: "only usage plans"},
		{name: "observation source not a URL", mod: func(p *PricePlan) { p.Observations[1].Source = "archive" }, field: "observations[1].source"},
		{name: "observation note invalid UTF-8", mod: func(p *PricePlan) { p.Observations[0].Note = badUTF8 }, field: "observations[0].note"},
	})
}

func validReason() ReasonCode {
	return ReasonCode{Code: "price", Label: "Price", Description: "Lost or won mainly on price"}
}

func TestReasonCodeValidate(t *testing.T) {
	runValidate(t, validReason, []validateCase[ReasonCode]{
		{name: "valid"},
		{name: "valid code with digits and underscores", mod: func(r *ReasonCode) { r.Code = "missing_feature_2" }},
		{name: "code missing", mod: func(r *ReasonCode) { r.Code = "" }, field: "code", msg: "is required"},
		{name: "code upper case", mod: func(r *ReasonCode) { r.Code = "Price" }, field: "code", msg: "not a valid code"},
		{name: "code with dash", mod: func(r *ReasonCode) { r.Code = "too-expensive" }, field: "code"},
		{name: "code leading underscore", mod: func(r *ReasonCode) { r.Code = "_price" }, field: "code"},
		{name: "code too long", mod: func(r *ReasonCode) { r.Code = slug65 }, field: "code"},
		{name: "label missing", mod: func(r *ReasonCode) { r.Label = "" }, field: "label"},
		{name: "label too long", mod: func(r *ReasonCode) { r.Label = long121 }, field: "label"},
		{name: "description too long", mod: func(r *ReasonCode) { r.Description = long501 }, field: "description"},
	})
}

func validDeal() Deal {
	return Deal{
		Ref:           "OPP-1042",
		Account:       "Northwind",
		ClosedAt:      NewDate(2026, 2, 17),
		Outcome:       OutcomeLost,
		Competitors:   []string{"ostra-cx", "brightdesk"},
		Amount:        4_800_000,
		Currency:      "EUR",
		Segment:       "mid-market",
		Region:        "EMEA",
		Stage:         "negotiation",
		Reasons:       []string{"price", "missing_feature"},
		PrimaryReason: "price",
		Quote:         "They were 30% cheaper.",
		Notes:         "Revisit at renewal.",
		Source:        "interview",
	}
}

func TestDealValidate(t *testing.T) {
	tests := []validateCase[Deal]{
		{name: "valid"},
		{name: "valid minimal", mod: func(d *Deal) {
			*d = Deal{Ref: "r", ClosedAt: NewDate(2026, 1, 1), Outcome: OutcomeWon, Competitors: []string{"a"}}
		}},
		{name: "valid currency without amount", mod: func(d *Deal) { d.Amount = 0 }},
		{name: "valid reasons without primary", mod: func(d *Deal) { d.PrimaryReason = "" }},
		{name: "valid 64-character ref", mod: func(d *Deal) { d.Ref = slug64 }},

		{name: "ref missing", mod: func(d *Deal) { d.Ref = "" }, field: "ref", msg: "is required"},
		{name: "ref too long", mod: func(d *Deal) { d.Ref = slug65 }, field: "ref"},
		{name: "account too long", mod: func(d *Deal) { d.Account = long121 }, field: "account"},
		{name: "closed_at missing", mod: func(d *Deal) { d.ClosedAt = Date{} }, field: "closed_at", msg: "is required"},
		{name: "outcome missing", mod: func(d *Deal) { d.Outcome = "" }, field: "outcome", msg: "is required"},
		{name: "outcome unknown", mod: func(d *Deal) { d.Outcome = "tie" }, field: "outcome", msg: "won, lost, no_decision"},
		{name: "competitors missing", mod: func(d *Deal) { d.Competitors = nil }, field: "competitors", msg: "at least one"},
		{name: "competitors empty", mod: func(d *Deal) { d.Competitors = []string{} }, field: "competitors"},
		{name: "competitor blank", mod: func(d *Deal) { d.Competitors = []string{"", "a"} }, field: "competitors[0]", msg: "is required"},
		{name: "competitor not a slug", mod: func(d *Deal) { d.Competitors = []string{"a", "Bright Desk"} }, field: "competitors[1]", msg: "not a valid slug"},
		{name: "competitor duplicate", mod: func(d *Deal) { d.Competitors = []string{"a", "b", "a"} }, field: "competitors[2]", msg: "listed twice"},
		{name: "amount negative", mod: func(d *Deal) { d.Amount = -1 }, field: "amount"},
		{name: "amount without currency", mod: func(d *Deal) { d.Currency = "" }, field: "currency", msg: "is required"},
		{name: "currency unknown", mod: func(d *Deal) { d.Currency = "EURO" }, field: "currency", msg: "ISO 4217"},
		{name: "currency unknown without amount", mod: func(d *Deal) { d.Amount, d.Currency = 0, "XXX" }, field: "currency"},
		{name: "currency lower case", mod: func(d *Deal) { d.Currency = "eur" }, field: "currency"},
		{name: "segment too long", mod: func(d *Deal) { d.Segment = long121 }, field: "segment"},
		{name: "region too long", mod: func(d *Deal) { d.Region = long121 }, field: "region"},
		{name: "stage invalid UTF-8", mod: func(d *Deal) { d.Stage = badUTF8 }, field: "stage"},
		{name: "reason not a code", mod: func(d *Deal) { d.Reasons = []string{"price", "Missing Feature"} }, field: "reasons[1]"},
		{name: "reason blank", mod: func(d *Deal) { d.Reasons = []string{""} }, field: "reasons[0]"},
		{name: "reason duplicate", mod: func(d *Deal) { d.Reasons = []string{"price", "price"} }, field: "reasons[1]", msg: "listed twice"},
		{name: "primary reason not in reasons", mod: func(d *Deal) { d.PrimaryReason = "support" }, field: "primary_reason", msg: "not one of reasons"},
		{name: "primary reason without reasons", mod: func(d *Deal) { d.Reasons = nil }, field: "primary_reason"},
		{name: "quote too long", mod: func(d *Deal) { d.Quote = longText }, field: "quote"},
		{name: "notes invalid UTF-8", mod: func(d *Deal) { d.Notes = badUTF8 }, field: "notes"},
		{name: "source unknown", mod: func(d *Deal) { d.Source = "email" }, field: "source", msg: "interview, crm, rep, survey"},
		{name: "source upper case", mod: func(d *Deal) { d.Source = "CRM" }, field: "source"},
	}
	for _, o := range Outcomes {
		tests = append(tests, validateCase[Deal]{name: "valid outcome " + string(o), mod: func(d *Deal) { d.Outcome = o }})
	}
	for _, s := range append([]string{""}, DealSources...) {
		tests = append(tests, validateCase[Deal]{name: "valid source " + s, mod: func(d *Deal) { d.Source = s }})
	}
	runValidate(t, validDeal, tests)
}

func validCard() BattleCard {
	return BattleCard{
		Competitor:       "ostra-cx",
		Owner:            "Dana (PMM)",
		LastReviewed:     NewDate(2026, 2, 1),
		Overview:         "Fast-growing AI help desk.",
		WhyWeWin:         Claims("Reporting depth"),
		WhyTheyWin:       Claims("Price", "Price"), // duplicates are allowed in prose lists
		Objections:       []Objection{{Objection: "You are expensive", Response: "Look at total cost"}},
		Landmines:        Claims("Ask about SLA reporting"),
		QuickDismisses:   Claims("Their AI needs clean data"),
		ProofPoints:      Claims("Northwind cut handle time 30%"),
		PricingTalkTrack: "Anchor on outcomes.",
	}
}

func TestBattleCardValidate(t *testing.T) {
	runValidate(t, validCard, []validateCase[BattleCard]{
		{name: "valid"},
		{name: "valid empty card", mod: func(c *BattleCard) { *c = BattleCard{Competitor: "a"} }},
		{name: "competitor missing", mod: func(c *BattleCard) { c.Competitor = "" }, field: "competitor"},
		{name: "competitor not a slug", mod: func(c *BattleCard) { c.Competitor = "Ostra CX" }, field: "competitor"},
		{name: "owner too long", mod: func(c *BattleCard) { c.Owner = long121 }, field: "owner"},
		{name: "overview invalid UTF-8", mod: func(c *BattleCard) { c.Overview = badUTF8 }, field: "overview"},
		{name: "why we win blank", mod: func(c *BattleCard) { c.WhyWeWin = Claims("ok", "") }, field: "why_we_win[1]"},
		{name: "why they win blank", mod: func(c *BattleCard) { c.WhyTheyWin = Claims(" ") }, field: "why_they_win[0]"},
		{name: "landmine too long", mod: func(c *BattleCard) { c.Landmines = Claims("a", "b", longText) }, field: "landmines[2]"},
		{name: "quick dismiss blank", mod: func(c *BattleCard) { c.QuickDismisses = Claims("") }, field: "quick_dismisses[0]"},
		{name: "proof point invalid UTF-8", mod: func(c *BattleCard) { c.ProofPoints = Claims("a", badUTF8) }, field: "proof_points[1]"},
		{name: "objection without objection", mod: func(c *BattleCard) {
			c.Objections = append(c.Objections, Objection{Response: "r"})
		}, field: "objections[1].objection"},
		{name: "objection without response", mod: func(c *BattleCard) { c.Objections[0].Response = "" }, field: "objections[0].response"},
		{name: "pricing talk track too long", mod: func(c *BattleCard) { c.PricingTalkTrack = longText }, field: "pricing_talk_track"},
	})
}

func validNote() IntelNote {
	return IntelNote{Competitor: "ostra-cx", Date: NewDate(2026, 3, 2), Title: "Raised Series C", Body: "$80M led by X.", Source: "https://news.example.com/x", Tags: []string{"funding", "ai"}}
}

func TestIntelNoteValidate(t *testing.T) {
	runValidate(t, validNote, []validateCase[IntelNote]{
		{name: "valid"},
		{name: "valid minimal", mod: func(n *IntelNote) { n.Body, n.Source, n.Tags = "", "", nil }},
		{name: "valid 500-character title", mod: func(n *IntelNote) { n.Title = long501[1:] }},
		{name: "competitor missing", mod: func(n *IntelNote) { n.Competitor = "" }, field: "competitor"},
		{name: "competitor not a slug", mod: func(n *IntelNote) { n.Competitor = "a b" }, field: "competitor"},
		{name: "date missing", mod: func(n *IntelNote) { n.Date = Date{} }, field: "date", msg: "is required"},
		{name: "title missing", mod: func(n *IntelNote) { n.Title = "  " }, field: "title"},
		{name: "title too long", mod: func(n *IntelNote) { n.Title = long501 }, field: "title"},
		{name: "body too long", mod: func(n *IntelNote) { n.Body = longText }, field: "body"},
		{name: "source a web address not http", mod: func(n *IntelNote) { n.Source = "ftp://example.com/x" }, field: "source"},
		{name: "source too long", mod: func(n *IntelNote) { n.Source = strings.Repeat("a friend ", 20) }, field: "source"},
		{name: "tag duplicate", mod: func(n *IntelNote) { n.Tags = []string{"ai", "funding", "ai"} }, field: "tags[2]"},
		{name: "tag blank", mod: func(n *IntelNote) { n.Tags = []string{""} }, field: "tags[0]"},
	})
}

func TestFieldError(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		wantField string
		wantText  string
	}{
		{"plain", &FieldError{Field: "threat", Msg: "bad"}, "threat", "threat: bad"},
		{"no field", &FieldError{Msg: "bad"}, "", "bad"},
		{"nested field", Nested("observations[2]", &FieldError{Field: "tiers[1].amount", Msg: "bad"}), "observations[2].tiers[1].amount", "observations[2].tiers[1].amount: bad"},
		{"nested index", Nested("competitors", &FieldError{Field: "[3]", Msg: "bad"}), "competitors[3]", "competitors[3]: bad"},
		{"nested empty field", Nested("observations[0]", &FieldError{Msg: "bad"}), "observations[0]", "observations[0]: bad"},
		{"nested twice", Nested("plans[1]", Nested("observations[0]", fieldErr("amount", "bad %d", 7))), "plans[1].observations[0].amount", "plans[1].observations[0].amount: bad 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe *FieldError
			if !errors.As(tt.err, &fe) {
				t.Fatalf("%v is not a *FieldError", tt.err)
			}
			if fe.Field != tt.wantField || tt.err.Error() != tt.wantText {
				t.Errorf("got field %q, text %q; want %q, %q", fe.Field, tt.err.Error(), tt.wantField, tt.wantText)
			}
		})
	}

	plain := errors.New("boom")
	if got := Nested("x", plain); got != plain {
		t.Errorf("Nested(non-FieldError) = %v, want the error unchanged", got)
	}
	if got := Nested("x", nil); got != nil {
		t.Errorf("Nested(nil) = %v, want nil", got)
	}
}

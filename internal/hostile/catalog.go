package hostile

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// Slugs of the competitors in the catalog: our product and two rivals.
const (
	Self     = "us"
	Rival    = "hostile"
	RivalTwo = "hostile-two"
)

// texts hands out payloads in turn, so neighbouring fields differ.
type texts struct {
	ps []Payload
	i  int
}

// next returns the next payload.
func (t *texts) next() string {
	s := t.ps[t.i%len(t.ps)].Text
	t.i++
	return s
}

// list returns n different payloads (n at most the number of payloads).
func (t *texts) list(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = t.next()
	}
	return out
}

// short returns the next payload cut to max characters, then a number that keeps it unique.
func (t *texts) short(max, n int) string {
	suffix := fmt.Sprintf(" %d", n)
	return strings.TrimSpace(cut(t.next(), max-len(suffix))) + suffix
}

// url returns the next hostile URL.
func (t *texts) url() string {
	s := URLs[t.i%len(URLs)]
	t.i++
	return s
}

// oneLine puts a payload on one line, for a field counted in lines.
func oneLine(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\r", " ", "\n", " ").Replace(s))
}

// source makes a payload a claim's source: one line without the "|" and "]" of the inline
// citation, short enough, never taken for a web address.
func source(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune("|]\r\n", r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(cut(strings.ReplaceAll(strings.ReplaceAll(s, "://", ": "), "www.", "www "), model.MaxNameLen))
	if s == "" {
		return "source"
	}
	return s
}

// cut returns s cut to at most n characters.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// Catalog returns the compact hostile catalog: our product and two rivals with a matrix, plans
// of every pricing model, reason codes, deals, battle cards and intel notes, and a payload in
// every text field of every record (TestEveryTextFieldIsHostile checks that). It is what
// testdata/hostile/catalog.json holds.
func Catalog() (model.Catalog, error) {
	ps, err := Payloads()
	if err != nil {
		return model.Catalog{}, err
	}
	return build(&texts{ps: ps}), nil
}

// PlainCatalog is Catalog with every payload replaced by plain words: the same records and
// structure, for comparing the shape of outputs.
func PlainCatalog() (model.Catalog, error) {
	ps, err := Payloads()
	if err != nil {
		return model.Catalog{}, err
	}
	plain := make([]Payload, len(ps))
	for i, p := range ps {
		plain[i] = Payload{Name: p.Name, Text: fmt.Sprintf("Plain text %c", 'A'+i%26) + strings.Repeat("x", i/26)}
	}
	return build(&texts{ps: plain}), nil
}

func build(t *texts) model.Catalog {
	d := model.MustParseDate
	cat := model.Catalog{Version: model.CatalogVersion}
	for _, c := range []struct {
		slug   string
		self   bool
		threat model.Threat
		status model.Status
	}{{Self, true, "", model.StatusActive}, {Rival, false, model.ThreatCritical, model.StatusActive}, {RivalTwo, false, model.ThreatHigh, model.StatusWatch}} {
		cat.Competitors = append(cat.Competitors, model.Competitor{
			Slug: c.slug, Name: t.next(), IsSelf: c.self, Website: t.url(), Positioning: t.next(),
			Segments: t.list(2), Headquarters: t.next(), Founded: 2015, SizeBand: "51-200",
			Threat: c.threat, Status: c.status, Tags: t.list(3),
		})
		cat.Competitors[len(cat.Competitors)-1].Pricing = model.PricingFacts{Visibility: model.PricingPartial, TrialDays: 14,
			Freemium: model.No, DiscountPercent: 20, ContractTerms: cut(t.next(), model.MaxShortLen)}
	}
	// Six features in two categories; our levels beat the first rival's on some and lose on
	// others, so the cards have advantages and gaps to show.
	cats := []string{t.next(), t.next()}
	levels := map[string][]model.Level{
		Self:     {model.LevelYes, model.LevelYes, model.LevelPartial, model.LevelNo, model.LevelRoadmap, model.LevelYes},
		Rival:    {model.LevelNo, model.LevelPartial, model.LevelYes, model.LevelYes, model.LevelYes, model.LevelUnknown},
		RivalTwo: {model.LevelPartial, model.LevelNo, model.LevelNo, model.LevelYes, model.LevelPartial, model.LevelYes},
	}
	for i := range 6 {
		key := fmt.Sprintf("f%d", i+1)
		cat.Features = append(cat.Features, model.Feature{Key: key, Name: t.next(), Category: cats[i%2], Description: t.next(), Weight: i%5 + 1})
		for _, slug := range []string{Self, Rival, RivalTwo} {
			verified := d("2026-10-01")
			if i == 0 {
				verified = d("2025-01-15") // stale
			}
			cat.Support = append(cat.Support, model.Support{Competitor: slug, Feature: key, Level: levels[slug][i], Note: t.next(), Source: t.url(), VerifiedAt: verified})
		}
	}
	cat.Plans = plans(t)
	codes := []string{"price", "integration", "support_quality"}
	for _, code := range codes {
		cat.ReasonCodes = append(cat.ReasonCodes, model.ReasonCode{Code: code, Label: t.next(), Description: t.next()})
	}
	outcomes := []model.Outcome{model.OutcomeLost, model.OutcomeWon, model.OutcomeLost, model.OutcomeWon, model.OutcomeNoDecision, model.OutcomeWon}
	for i, o := range outcomes {
		rival := []string{Rival, RivalTwo}[i%2]
		cat.Deals = append(cat.Deals, model.Deal{
			Ref: t.short(model.MaxKeyLen, i+1), Account: t.next(), ClosedAt: d("2026-03-01").AddDays(30 * i), Outcome: o,
			Competitors: []string{rival}, Amount: int64(1000000 * (i + 1)), Currency: "USD",
			Segment: t.next(), Region: t.next(), Stage: t.next(), Reasons: []string{codes[i%3], codes[(i+1)%3]}, PrimaryReason: codes[i%3],
			Quote: t.next(), Notes: t.next(), Source: "crm",
		})
	}
	for _, slug := range []string{Rival, RivalTwo} {
		cat.Cards = append(cat.Cards, model.BattleCard{
			Competitor: slug, Owner: t.next(), LastReviewed: d("2026-11-01"), Overview: t.next(),
			WhyWeWin: model.Claims(t.list(3)...), WhyTheyWin: model.Claims(t.list(2)...), Landmines: model.Claims(t.list(2)...),
			QuickDismisses: model.Claims(t.list(2)...), ProofPoints: model.Claims(t.list(2)...), DoNotSay: t.list(2),
			QuickRead:        oneLine(t.next()) + "\n" + oneLine(t.next()),
			Objections:       []model.Objection{{Objection: t.next(), Response: t.next()}, {Objection: t.next(), Response: t.next()}},
			PricingTalkTrack: t.next(),
		})
		k := &cat.Cards[len(cat.Cards)-1]
		k.WhyWeWin[0].Citation = model.Citation{Source: source(t.next()), Confirmed: d("2026-01-05"), Confidence: model.ConfidenceInference}
		k.Objections[0].Citation = model.Citation{Source: source(t.next()), Confirmed: d("2026-10-05"), Confidence: model.ConfidenceRumour}
		for i := range 4 {
			cat.Notes = append(cat.Notes, model.IntelNote{Competitor: slug, Date: d("2026-10-01").AddDays(i), Title: t.next(), Body: t.next(), Source: t.url(), Tags: t.list(2)})
		}
	}
	return cat
}

// plans returns a plan of every pricing model for the rivals and two for us, with their text
// hostile.
func plans(t *texts) []model.PricePlan {
	d := model.MustParseDate
	obs := func(amount int64) []model.PriceObservation {
		return []model.PriceObservation{
			{ObservedAt: d("2026-01-10"), Amount: amount - 500, Source: t.url(), Note: t.next()},
			{ObservedAt: d("2026-09-10"), Amount: amount, AnnualDiscountPercent: 15, Source: t.url(), Note: t.next()},
		}
	}
	plan := func(slug string, m model.PricingModel, cur string, o []model.PriceObservation) model.PricePlan {
		return model.PricePlan{Competitor: slug, Name: t.next(), Model: m, Currency: cur, Period: model.PeriodMonth, Unit: t.next(),
			Included: t.next(), Source: t.url(), Observations: o}
	}
	out := []model.PricePlan{
		plan(Self, model.ModelPerSeat, "USD", obs(2900)),
		plan(Self, model.ModelFlat, "USD", obs(99000)),
		plan(Rival, model.ModelPerSeat, "USD", obs(4900)),
		plan(Rival, model.ModelFlat, "EUR", obs(120000)),
		plan(RivalTwo, model.ModelContactSales, "USD", []model.PriceObservation{{ObservedAt: d("2026-05-01"), Source: t.url(), Note: t.next()}}),
	}
	usage := plan(Rival, model.ModelUsage, "USD", []model.PriceObservation{
		{ObservedAt: d("2026-06-01"), Amount: 50000, IncludedUnits: 1000, OverageAmount: 40, Source: t.url(), Note: t.next()}})
	tiered := plan(RivalTwo, model.ModelTiered, "GBP", []model.PriceObservation{
		{ObservedAt: d("2026-06-01"), Tiers: []model.PriceTier{{UpTo: 100, Amount: 300}, {Amount: 200}}, Source: t.url(), Note: t.next()}})
	addOn := plan(Rival, model.ModelPerSeat, "USD", obs(900))
	addOn.AddOn = true
	return append(out, usage, tiered, addOn)
}

// Huge list and text sizes that Inflate adds.
const (
	// ListItems is how many tags, card bullets and intel notes the first rival gets.
	ListItems = 10_000
	// Deals is how many more deals against the first rival Inflate adds.
	Deals = 2_000
)

// Inflate adds the huge cases to a catalog from Catalog: the first rival gets 10,000 tags,
// 10,000 why-we-win bullets and 10,000 intel notes, and its longest text fields (the card's
// overview, a feature's description, a matrix note, a deal's quote, a note's body) are filled
// to the limit of 100,000 characters with payloads end to end; 2,000 more deals add volume to
// the win/loss figures.
func Inflate(cat *model.Catalog) error {
	ps, err := Payloads()
	if err != nil {
		return err
	}
	t := &texts{ps: ps}
	numbered := func(i int) string { return t.short(model.MaxNameLen, i) }
	for i := range cat.Competitors {
		if c := &cat.Competitors[i]; c.Slug == Rival {
			c.Tags = make([]string, ListItems)
			for j := range c.Tags {
				c.Tags[j] = numbered(j)
			}
		}
	}
	long := Long(model.MaxTextLen)
	for i := range cat.Cards {
		if k := &cat.Cards[i]; k.Competitor == Rival {
			k.Overview = long
			k.WhyWeWin = make([]model.Claim, ListItems)
			for j := range k.WhyWeWin {
				k.WhyWeWin[j] = model.Claim{Text: numbered(j)}
			}
		}
	}
	cat.Features[0].Description = long
	for i := range cat.Support {
		if s := &cat.Support[i]; s.Competitor == Rival && s.Feature == cat.Features[0].Key {
			s.Note = long
		}
	}
	cat.Deals[0].Quote = long
	start := model.MustParseDate("2025-12-01")
	for i := range Deals {
		outcome := []model.Outcome{model.OutcomeWon, model.OutcomeLost, model.OutcomeLost, model.OutcomeNoDecision}[i%4]
		cat.Deals = append(cat.Deals, model.Deal{Ref: fmt.Sprintf("X-%05d", i), Account: numbered(i), ClosedAt: start.AddDays(i % 330),
			Outcome: outcome, Competitors: []string{Rival}, Segment: t.next(), Region: t.next(), Reasons: []string{"price"}})
	}
	for i := range ListItems {
		n := model.IntelNote{Competitor: Rival, Date: start.AddDays(i % 350), Title: numbered(i), Body: t.next(), Tags: []string{t.next()}}
		if i == 0 {
			n.Body = long
		}
		cat.Notes = append(cat.Notes, n)
	}
	return nil
}

// Long returns n characters of payloads end to end (the last one cut short).
func Long(n int) string {
	ps, err := Payloads()
	if err != nil {
		return strings.Repeat("x", n)
	}
	var b strings.Builder
	count := 0
	for i := 0; count < n; i++ {
		r := []rune(ps[i%len(ps)].Text + " ")
		if count+len(r) > n {
			r = r[:n-count]
		}
		b.WriteString(string(r))
		count += len(r)
	}
	return strings.TrimSpace(b.String())
}

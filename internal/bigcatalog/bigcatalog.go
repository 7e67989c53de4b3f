// Package bigcatalog generates a large, realistic, deterministic catalog for measuring rivals
// at a scale far beyond any real team's: a thousand competitors, hundreds of features, a full
// feature matrix, price history, and a hundred thousand deals and notes.
package bigcatalog

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// Options are the sizes of the generated catalog and the seed of its random choices.
type Options struct {
	Competitors, Features, Deals, Notes int
	Seed                                uint64
}

// Default is the large catalog the performance targets are measured on: 1,000 products, 500
// features (a 500,000-cell matrix), 100,000 deals and 100,000 notes.
func Default() Options {
	return Options{Competitors: 1000, Features: 500, Deals: 100_000, Notes: 100_000, Seed: 1}
}

var (
	prefixes   = strings.Fields("Harbor Reply Case Nimbus Quill Ostra Ticket Loop Service Bright Tide Desk Help Support Care Zen Fresh Kustom Front Gorgias Happy Swift Clear Blue Green North Summit Atlas Nova Orbit Pulse Signal Beacon Anchor Lumen Vertex Cobalt Maple Cedar Willow")
	suffixes   = strings.Fields("line fox craft assist on cx ry desk plane desk well hub ly io wise flow point base stack works force scale bridge path")
	words      = strings.Fields("automation routing sla knowledge base chat email voice sso audit analytics reporting api webhook sandbox macros triage csat nps portal mobile sdk ai drafts summaries translation sentiment escalation approvals workflows forms views tags queues skills shifts forecasting omnichannel whatsapp sms social community billing crm sync jira slack teams")
	categories = strings.Fields("Channels Automation AI Knowledge Reporting Security Platform Admin")
	reasons    = strings.Fields("price feature_gap integrations ease_of_use implementation_time relationship incumbent security reporting ai_capability scalability support_quality data_residency total_cost no_budget timing")
	segments   = strings.Fields("smb mid-market enterprise")
	regions    = strings.Fields("NA EMEA APAC LATAM")
)

// Generate builds the catalog; every choice comes from the seeded generator, so the same
// options always give the same catalog.
func Generate(o Options) model.Catalog {
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	day := func(from string, span int) model.Date { return model.MustParseDate(from).AddDays(rng.IntN(span)) }
	cat := model.Catalog{Version: model.CatalogVersion}
	for i := range o.Competitors {
		name := pick(prefixes) + pick(suffixes)
		if i > 0 {
			name = fmt.Sprintf("%s %d", name, i)
		} else {
			name = "Tidewell"
		}
		c := model.Competitor{Slug: model.Slugify(name), Name: name, IsSelf: i == 0,
			Positioning: "Customer support platform for " + pick(segments) + " teams with " + pick(words) + " and " + pick(words) + ".",
			Segments:    []string{pick(segments)}, Tags: []string{pick(words), pick(words)}}
		if i > 0 {
			c.Threat = []model.Threat{model.ThreatLow, model.ThreatMedium, model.ThreatHigh, model.ThreatCritical}[rng.IntN(4)]
		}
		if c.Tags[0] == c.Tags[1] {
			c.Tags = c.Tags[:1]
		}
		cat.Competitors = append(cat.Competitors, c)
	}
	for i := range o.Features {
		name := fmt.Sprintf("%s %s %d", strings.ToUpper(pick(words)[:1])+pick(words)[1:], pick(words), i)
		name = strings.ToUpper(name[:1]) + name[1:]
		cat.Features = append(cat.Features, model.Feature{Key: fmt.Sprintf("f%04d", i), Name: name, Category: pick(categories),
			Description: "Lets agents use " + pick(words) + " with " + pick(words) + ".", Weight: rng.IntN(6)})
	}
	levels := []model.Level{model.LevelYes, model.LevelYes, model.LevelPartial, model.LevelNo, model.LevelRoadmap, model.LevelUnknown}
	for _, c := range cat.Competitors {
		for _, f := range cat.Features {
			s := model.Support{Competitor: c.Slug, Feature: f.Key, Level: levels[rng.IntN(len(levels))], VerifiedAt: day("2025-01-01", 690)}
			if rng.IntN(4) == 0 {
				s.Note = pick(segments) + " plan only"
			}
			cat.Support = append(cat.Support, s)
		}
		for j, plan := range []string{"Starter", "Growth", "Enterprise"} {
			p := model.PricePlan{Competitor: c.Slug, Name: plan, Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth, Unit: "agent"}
			amount := int64(1500 + 3000*j + rng.IntN(2000))
			for k := range 3 {
				p.Observations = append(p.Observations, model.PriceObservation{ObservedAt: model.MustParseDate("2024-06-01").AddDays(200 * k), Amount: amount})
				amount += int64(rng.IntN(800))
			}
			cat.Plans = append(cat.Plans, p)
		}
	}
	for _, r := range reasons {
		cat.ReasonCodes = append(cat.ReasonCodes, model.ReasonCode{Code: r, Label: strings.ToUpper(r[:1]) + strings.ReplaceAll(r[1:], "_", " ")})
	}
	outcomes := []model.Outcome{model.OutcomeWon, model.OutcomeLost, model.OutcomeNoDecision}
	for i := range o.Deals {
		rival := cat.Competitors[1+rng.IntN(len(cat.Competitors)-1)].Slug
		r1, r2 := pick(reasons), pick(reasons)
		d := model.Deal{Ref: fmt.Sprintf("GEN-%07d", i), Account: pick(prefixes) + " " + pick(words) + fmt.Sprintf(" %d", i),
			ClosedAt: day("2024-01-01", 1050), Outcome: outcomes[rng.IntN(3)], Competitors: []string{rival},
			Amount: int64(500000 + rng.IntN(50000000)), Currency: "USD", Segment: pick(segments), Region: pick(regions),
			Reasons: []string{r1}, PrimaryReason: r1, Quote: "They had better " + pick(words) + " and " + pick(words) + "."}
		if r2 != r1 {
			d.Reasons = append(d.Reasons, r2)
		}
		cat.Deals = append(cat.Deals, d)
	}
	for i := range o.Notes {
		rival := cat.Competitors[1+rng.IntN(len(cat.Competitors)-1)].Slug
		cat.Notes = append(cat.Notes, model.IntelNote{Competitor: rival, Date: day("2024-01-01", 1050),
			Title: fmt.Sprintf("%s %s update %d", strings.ToUpper(pick(words)[:1])+pick(words)[1:], pick(words), i),
			Body:  "Seen on their changelog: " + pick(words) + " now works with " + pick(words) + ".", Tags: []string{pick(words)}})
	}
	for _, c := range cat.Competitors[1:min(len(cat.Competitors), 200)] {
		cat.Cards = append(cat.Cards, model.BattleCard{Competitor: c.Slug, LastReviewed: day("2025-06-01", 500),
			Overview: c.Positioning, WhyWeWin: model.Claims("Faster "+pick(words), "Simpler "+pick(words)),
			WhyTheyWin: model.Claims("Broader " + pick(words)), Landmines: model.Claims("Ask about their " + pick(words) + " roadmap.")})
	}
	cat.Sort()
	return cat
}

package report

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/rivals-app/rivals/model"
)

// harborProfile is a rival with every part of a profile filled in, and hostile text in some.
func harborProfile() Profile {
	rate := 0.444
	return Profile{
		Competitor: model.Competitor{Slug: "harborline", Name: "Harbor\x1b[31mline", Positioning: "The complete\nplatform.",
			Website: "https://harborline.example.com", Segments: []string{"mid-market", "enterprise"}, Headquarters: "San Francisco",
			Founded: 2008, Threat: model.ThreatCritical, Status: model.StatusActive, UpdatedAt: time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC)},
		Matrix: model.MatrixSummary{Levels: map[model.Level]int{model.LevelYes: 52, model.LevelPartial: 4, model.LevelNo: 1}, Stale: 4, Total: 57},
		Plans: []model.PricePlan{
			growthPlan(model.NewDate(2026, 10, 19)),
			{Name: "Enterprise\u202e", Model: model.ModelContactSales, Currency: "USD", Period: model.PeriodYear,
				Observations: []model.PriceObservation{{ObservedAt: model.NewDate(2026, 3, 1)}}},
		},
		WinLoss: model.WinLoss{Won: 28, Lost: 35, NoDecision: 6},
		WinRate: &rate,
		Card:    &model.BattleCard{Owner: "Marta Oliveira", LastReviewed: model.NewDate(2026, 11, 18)},
		Notes:   []model.IntelNote{{Date: model.NewDate(2026, 10, 28), Title: "Reviews flag\tadmin overhead"}, {Date: model.NewDate(2026, 9, 1), Title: "Older"}},
	}
}

func TestNewProfileSheet(t *testing.T) {
	today := model.NewDate(2026, 11, 23)
	got := NewProfileSheet(harborProfile(), today)
	want := ProfileSheet{
		Title:       "Harborline (harborline) — threat critical, active",
		Positioning: "The complete platform.",
		About: []ProfileField{{"Website", "https://harborline.example.com"}, {"Segments", "mid-market, enterprise"},
			{"Company", "San Francisco · founded 2008"}, {"Updated", "2026-11-10"}},
		Standing: []ProfileField{
			{"Features", "52 yes · 4 partial · 1 no · 0 roadmap · 0 unknown (4 stale)"},
			{"Pricing", "Suite Growth: $79.00 per agent/month (min 5) — seen 2026-10-19"},
			{"", "Enterprise: contact sales — seen 2026-03-01 (stale)"},
			{"Win/loss", "won 28 · lost 35 · no decision 6 → 44% of 63 decided, last 12 months"},
			{"Battle card", "last reviewed 2026-11-18 by Marta Oliveira"},
			{"Intel", "2 notes; newest 2026-10-28: Reviews flag admin overhead"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NewProfileSheet =\n%+v\nwant\n%+v", got, want)
	}

	tests := []struct {
		name   string
		edit   func(*Profile)
		fields map[string]string // label → value among Standing; "" for a label that must be absent
		title  string
	}{
		{"ours, bare", func(p *Profile) {
			p.Competitor = model.Competitor{Slug: "us", Name: "Tidewell", IsSelf: true}
			p.Plans, p.WinRate, p.Card, p.Notes = nil, nil, nil, nil
			p.WinLoss = model.WinLoss{}
		}, map[string]string{"Pricing": "no plans recorded", "Win/loss": "won 0 · lost 0 · no decision 0 → no decided deals, last 12 months",
			"Battle card": "none yet", "Intel": "no notes yet"}, "Tidewell (us) — our product"},
		{"no threat, card never reviewed", func(p *Profile) {
			p.Competitor.Threat = ""
			p.Card = &model.BattleCard{}
		}, map[string]string{"Battle card": "never reviewed (stale)"}, "Harborline (harborline) — threat -, active"},
	}
	for _, tt := range tests {
		p := harborProfile()
		tt.edit(&p)
		s := NewProfileSheet(p, today)
		if s.Title != tt.title {
			t.Errorf("%s: title %q, want %q", tt.name, s.Title, tt.title)
		}
		for label, value := range tt.fields {
			found := ""
			for _, f := range s.Standing {
				if f.Label == label {
					found = f.Value
				}
			}
			if found != value {
				t.Errorf("%s: %s is %q, want %q", tt.name, label, found, value)
			}
		}
	}
}

func TestProfileText(t *testing.T) {
	var b bytes.Buffer
	if err := ProfileText(&b, harborProfile(), model.NewDate(2026, 11, 23)); err != nil {
		t.Fatal(err)
	}
	want := `Harborline (harborline) — threat critical, active
The complete platform.

  Website       https://harborline.example.com
  Segments      mid-market, enterprise
  Company       San Francisco · founded 2008
  Updated       2026-11-10

  Features      52 yes · 4 partial · 1 no · 0 roadmap · 0 unknown (4 stale)
  Pricing       Suite Growth: $79.00 per agent/month (min 5) — seen 2026-10-19
                Enterprise: contact sales — seen 2026-03-01 (stale)
  Win/loss      won 28 · lost 35 · no decision 6 → 44% of 63 decided, last 12 months
  Battle card   last reviewed 2026-11-18 by Marta Oliveira
  Intel         2 notes; newest 2026-10-28: Reviews flag admin overhead
`
	if b.String() != want {
		t.Errorf("ProfileText =\n%s\nwant\n%s", b.String(), want)
	}
}

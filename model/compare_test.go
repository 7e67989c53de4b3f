package model

import (
	"math"
	"reflect"
	"testing"
)

func testMatrix() Matrix {
	products := []Competitor{{Slug: "us"}, {Slug: "a"}, {Slug: "b"}}
	features := []Feature{
		{Key: "sso", Name: "SSO", Category: "Security", Weight: 4},
		{Key: "audit", Name: "Audit log", Category: "Security", Weight: 2},
		{Key: "voice", Name: "Voice", Category: "Channels", Weight: 3},
		{Key: "fax", Name: "Fax", Category: "Channels", Weight: 0},
	}
	cells := []Support{
		{Competitor: "us", Feature: "sso", Level: LevelYes},
		{Competitor: "us", Feature: "audit", Level: LevelPartial},
		{Competitor: "us", Feature: "voice", Level: LevelNo},
		{Competitor: "a", Feature: "sso", Level: LevelYes},
		{Competitor: "a", Feature: "audit", Level: LevelYes},
		{Competitor: "a", Feature: "voice", Level: LevelRoadmap},
		{Competitor: "a", Feature: "fax", Level: LevelYes},
		{Competitor: "b", Feature: "sso", Level: LevelPartial},
		// b has no audit cell (unknown) and no voice cell.
		{Competitor: "b", Feature: "voice", Level: LevelYes},
		{Competitor: "zzz", Feature: "sso", Level: LevelYes}, // not compared
	}
	return NewMatrix(products, features, cells)
}

func TestCredit(t *testing.T) {
	want := map[Level]float64{LevelYes: 1, LevelPartial: 0.5, LevelNo: 0, LevelRoadmap: 0, LevelUnknown: 0, "": 0}
	for l, c := range want {
		if got := Credit(l); got != c {
			t.Errorf("Credit(%q) = %v, want %v", l, got, c)
		}
	}
}

func TestScores(t *testing.T) {
	m := testMatrix()
	scores := m.Scores()
	// us: sso 4×1 + audit 2×0.5 + voice 3×0 = 5 of 9; a: 4 + 2 + 0 = 6 of 9; b: 2 + 0 + 3 = 5 of 9.
	want := []float64{5, 6, 5}
	for i, s := range scores {
		if s.Overall.Earned != want[i] || s.Overall.Possible != 9 {
			t.Errorf("%s overall = %+v, want %v of 9", s.Slug, s.Overall, want[i])
		}
	}
	if sec := scores[0].ByCategory["Security"]; sec.Earned != 5 || sec.Possible != 6 {
		t.Errorf("us Security = %+v, want 5 of 6", sec)
	}
	if ch := scores[2].ByCategory["Channels"]; ch.Earned != 3 || ch.Possible != 3 {
		t.Errorf("b Channels = %+v, want 3 of 3 (fax has weight 0)", ch)
	}
	if r := scores[1].Overall.Ratio(); math.Abs(r-6.0/9) > 1e-9 {
		t.Errorf("ratio = %v", r)
	}
	if (Score{}).Ratio() != 0 {
		t.Error("empty score ratio is not 0")
	}
}

func TestHeadToHeads(t *testing.T) {
	got := testMatrix().HeadToHeads()
	want := []HeadToHead{
		{Rival: "a", Wins: 0, Losses: 1, Ties: 2}, // audit lost; sso tie; voice no vs roadmap tie
		{Rival: "b", Wins: 2, Losses: 1, Ties: 0}, // sso won (yes>partial), audit won (partial>unknown), voice lost
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("HeadToHeads = %+v, want %+v", got, want)
	}
}

func TestFilter(t *testing.T) {
	m := testMatrix()
	keys := func(m Matrix) []string {
		var out []string
		for _, f := range m.Features {
			out = append(out, f.Key)
		}
		return out
	}
	tests := []struct {
		name string
		f    MatrixFilter
		want []string
	}{
		{"all, ordered by category then name", MatrixFilter{}, []string{"fax", "voice", "audit", "sso"}},
		{"diff only drops equal rows", MatrixFilter{DiffOnly: true}, []string{"fax", "voice", "audit", "sso"}},
		{"category", MatrixFilter{Category: "Security"}, []string{"audit", "sso"}},
		{"we lose", MatrixFilter{WeLose: true}, []string{"fax", "voice", "audit"}},
		{"we win", MatrixFilter{WeWin: true}, []string{"audit", "sso"}},
		{"we win or lose in security", MatrixFilter{WeWin: true, WeLose: true, Category: "Security"}, []string{"audit", "sso"}},
	}
	for _, tt := range tests {
		if got := keys(m.Filter(tt.f)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// Two products equal on a feature: diff-only drops exactly that row.
	two := NewMatrix(m.Products[:2], m.Features, []Support{
		{Competitor: "us", Feature: "sso", Level: LevelYes}, {Competitor: "a", Feature: "sso", Level: LevelYes},
		{Competitor: "us", Feature: "audit", Level: LevelNo}, {Competitor: "a", Feature: "audit", Level: LevelYes},
	})
	if got := keys(two.Filter(MatrixFilter{DiffOnly: true})); !reflect.DeepEqual(got, []string{"audit"}) {
		t.Errorf("diff-only of two products = %v (voice and fax are unknown for both: equal)", got)
	}
	if got := m.Categories(); !reflect.DeepEqual(got, []string{"Channels", "Security"}) {
		t.Errorf("Categories = %v", got)
	}
}

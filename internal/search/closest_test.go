package search

import (
	"slices"
	"testing"
)

func TestClosest(t *testing.T) {
	codes := []string{"ai_capability", "integration", "price", "timing", "total_cost"}
	tests := []struct {
		query string
		limit int
		want  []string
	}{
		{"prise", 2, []string{"price", "timing"}},
		{"Integrations", 1, []string{"integration"}},
		{"total-cost", 3, []string{"total_cost", "price", "timing"}},
		{"x", 0, nil},
	}
	for _, tt := range tests {
		if got := Closest(tt.query, codes, tt.limit); !slices.Equal(got, tt.want) {
			t.Errorf("Closest(%q, %d) = %v, want %v", tt.query, tt.limit, got, tt.want)
		}
	}
	if got := Closest("a", nil, 3); got != nil {
		t.Errorf("no words: %v", got)
	}
}

package catalog

import (
	"reflect"
	"testing"

	"github.com/rivals-app/rivals/model"
)

func TestKeysExact(t *testing.T) {
	plan := reflect.TypeFor[model.PricePlan]()
	for raw, want := range map[string]bool{
		`{"competitor": "a", "name": "Pro", "observations": [{"observed_at": "2026-01-01", "tiers": [{"up_to": 5, "amount": 1}]}]}`: true,
		`{"competitor": "a", "Name": "Pro"}`:                       false, // json would accept it case-insensitively
		`{"competitor": "a", "n\u0061me": "Pro"}`:                  false, // escapes go to the slow path
		`{"observations": [{"observed_at": "x", "price": 1}]}`:     false, // nested
		`{"observations": [{"tiers": [{"upto": 5}]}]}`:             false,
		`{"included": "a \"quoted\" {brace} [bracket], comma"}`:    true,
		`{"observations": [], "source": "https://x.example/?a=1"}`: true,
	} {
		if got := keysExact([]byte(raw), plan); got != want {
			t.Errorf("keysExact(%s) = %v, want %v", raw, got, want)
		}
	}
}

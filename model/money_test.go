package model

import (
	"strings"
	"testing"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in, currency string
		want         int64
		err          string
	}{
		{"12.50", "USD", 1250, ""},
		{"12", "USD", 1200, ""},
		{" 0.99 ", "EUR", 99, ""},
		{".5", "USD", 50, ""},
		{"12.", "USD", 1200, ""},
		{"1000", "JPY", 1000, ""},
		{"1.234", "KWD", 1234, ""},
		{"12,50", "USD", 0, "use a dot for decimals"},
		{"1,200.00", "USD", 0, "no thousands separators"},
		{"-3", "USD", 0, "must not be negative"},
		{"12.505", "USD", 0, "more than 2 decimals"},
		{"100.5", "JPY", 0, "no minor unit"},
		{"1e3", "USD", 0, "not an amount"},
		{"$12", "USD", 0, "not an amount"},
		{".", "USD", 0, "not an amount"},
		{"", "USD", 0, "is empty"},
		{"99999999999999999999", "USD", 0, "too large"},
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in, tt.currency)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseAmount(%q) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseAmount(%q, %s) = %d, %v; want %d", tt.in, tt.currency, got, err, tt.want)
		}
	}
}

func TestParseRate(t *testing.T) {
	good := map[string]int64{"1.08": 1_080_000, "1": 1_000_000, "0.000001": 1, "150": 150_000_000, "0.9": 900_000}
	for in, want := range good {
		got, err := ParseRate(in)
		if err != nil || got != want {
			t.Errorf("ParseRate(%q) = %d, %v; want %d", in, got, err, want)
		}
		if back, _ := ParseRate(FormatRate(got)); back != got {
			t.Errorf("FormatRate(%d) = %q does not read back", got, FormatRate(got))
		}
	}
	for _, in := range []string{"1,08", "0", "0.0000001", "-1", "abc", "", "1234567", "1.0.8"} {
		if _, err := ParseRate(in); err == nil {
			t.Errorf("ParseRate(%q) accepted", in)
		}
	}
}

func TestConvert(t *testing.T) {
	day := mustDate("2026-11-20")
	table := FXTable{
		NewFXRate("EUR", "USD", 1_080_000, day),
		NewFXRate("GBP", "USD", 1_270_000, day),
		NewFXRate("USD", "JPY", 150_000_000, day),
	}
	tests := []struct {
		minor    int64
		from, to string
		want     int64
		rates    int
		ok       bool
	}{
		{1000, "USD", "USD", 1000, 0, true},
		{10000, "EUR", "USD", 10800, 1, true}, // direct
		{10800, "USD", "EUR", 10000, 1, true}, // inverse
		{100, "USD", "EUR", 93, 1, true},      // 92.59… rounds to 93
		{10000, "GBP", "EUR", 11759, 2, true}, // via USD: 100 × 1.27 / 1.08 = 117.59…
		{1234, "USD", "JPY", 1851, 1, true},   // exponents differ: $12.34 × 150 = ¥1,851
		{1851, "JPY", "USD", 1234, 1, true},
		{500, "CHF", "USD", 0, 0, false},
	}
	for _, tt := range tests {
		got, conv, ok := table.Convert(tt.minor, tt.from, tt.to)
		if ok != tt.ok || got != tt.want || len(conv.Rates) != tt.rates {
			t.Errorf("Convert(%d %s→%s) = %d, %d rates, %v; want %d, %d rates, %v", tt.minor, tt.from, tt.to, got, len(conv.Rates), ok, tt.want, tt.rates, tt.ok)
		}
	}
	if s := table[0].String(); s != "1 EUR = 1.08 USD (set 2026-11-20)" {
		t.Errorf("String() = %q", s)
	}
	if err := NewFXRate("EUR", "EUR", 1, day).Validate(); err == nil {
		t.Error("a rate from a currency to itself was accepted")
	}
	if err := NewFXRate("EUR", "USS", 1, day).Validate(); err == nil {
		t.Error("an unknown base was accepted")
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12.50", "12,50", "0", ".5", "99999999999999999999", "1.2.3", "-1"} {
		f.Add(s, "USD")
	}
	f.Add("100", "JPY")
	f.Fuzz(func(t *testing.T, s, currency string) {
		n, err := ParseAmount(s, currency)
		if err != nil {
			return
		}
		if n < 0 {
			t.Fatalf("ParseAmount(%q) = %d, negative", s, n)
		}
		// What was accepted formats back to the same amount.
		plain := strings.ReplaceAll(FormatAmount(n, currency), ",", "")
		if back, err := ParseAmount(plain, currency); err != nil || back != n {
			t.Fatalf("ParseAmount(%q) = %d, but %q reads back as %d, %v", s, n, plain, back, err)
		}
	})
}

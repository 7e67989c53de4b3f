package model

import (
	"math"
	"testing"
)

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		minor    int64
		currency string
		want     string
	}{
		{0, "USD", "0.00"},
		{5, "USD", "0.05"},
		{50, "USD", "0.50"},
		{4900, "USD", "49.00"},
		{99999, "USD", "999.99"},
		{100000, "USD", "1,000.00"},
		{123456, "USD", "1,234.56"},
		{123456789, "USD", "1,234,567.89"},
		{100000000000, "USD", "1,000,000,000.00"},
		{-1, "USD", "-0.01"},
		{-123456789, "USD", "-1,234,567.89"},
		{math.MaxInt64, "USD", "92,233,720,368,547,758.07"},
		{4900, "EUR", "49.00"},
		{0, "JPY", "0"},
		{999, "JPY", "999"},
		{1000, "JPY", "1,000"},
		{1234567, "JPY", "1,234,567"},
		{-1500, "JPY", "-1,500"},
		{0, "KWD", "0.000"},
		{5, "KWD", "0.005"},
		{1234, "KWD", "1.234"},
		{1234567, "KWD", "1,234.567"},
		{-50, "KWD", "-0.050"},
		{123456, "XYZ", "1,234.56"}, // unknown codes have 2 decimals
	}
	for _, tt := range tests {
		if got := FormatAmount(tt.minor, tt.currency); got != tt.want {
			t.Errorf("FormatAmount(%d, %q) = %q, want %q", tt.minor, tt.currency, got, tt.want)
		}
	}
}

func TestFormatAmountMinInt64(t *testing.T) {
	if got, want := FormatAmount(math.MinInt64, "USD"), "-92,233,720,368,547,758.08"; got != want {
		t.Errorf("FormatAmount(MinInt64) = %q, want %q", got, want)
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		minor    int64
		currency string
		want     string
	}{
		{4900, "USD", "$49.00"},
		{0, "USD", "$0.00"},
		{123456789, "USD", "$1,234,567.89"},
		{-123456, "USD", "-$1,234.56"},
		{-5, "USD", "-$0.05"},
		{4900, "EUR", "€49.00"},
		{-4900, "EUR", "-€49.00"},
		{999, "GBP", "£9.99"},
		{1234567, "GBP", "£12,345.67"},
		{1500, "JPY", "¥1,500"},
		{-1500, "JPY", "-¥1,500"},
		{100000, "INR", "₹1,000.00"},
		{1234, "KWD", "1.234 KWD"},
		{-1234, "KWD", "-1.234 KWD"},
		{120000, "CHF", "1,200.00 CHF"},
		{5000, "KRW", "5,000 KRW"},
		{1234, "XYZ", "12.34 XYZ"},
	}
	for _, tt := range tests {
		if got := FormatMoney(tt.minor, tt.currency); got != tt.want {
			t.Errorf("FormatMoney(%d, %q) = %q, want %q", tt.minor, tt.currency, got, tt.want)
		}
	}
}

func TestValidCurrency(t *testing.T) {
	tests := []struct {
		code string
		want bool
		exp  int
	}{
		{"USD", true, 2},
		{"EUR", true, 2},
		{"GBP", true, 2},
		{"CHF", true, 2},
		{"JPY", true, 0},
		{"KRW", true, 0},
		{"KWD", true, 3},
		{"BHD", true, 3},
		{"usd", false, 2},
		{"", false, 2},
		{"USS", false, 2},
		{"US", false, 2},
		{"USDX", false, 2},
		{" USD", false, 2},
		{"XYZ", false, 2},
	}
	for _, tt := range tests {
		if got := ValidCurrency(tt.code); got != tt.want {
			t.Errorf("ValidCurrency(%q) = %v, want %v", tt.code, got, tt.want)
		}
		if got := CurrencyExponent(tt.code); got != tt.exp {
			t.Errorf("CurrencyExponent(%q) = %d, want %d", tt.code, got, tt.exp)
		}
	}
	for code := range currencySymbols {
		if !ValidCurrency(code) {
			t.Errorf("currency with a symbol %q is not a valid currency", code)
		}
	}
}

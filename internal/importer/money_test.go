package importer

import "testing"

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in, want, fallback string
		minor              int64
		cur                string
	}{
		{"$1,200.00", "", "", 120000, "USD"},
		{"1.200,00 €", "", "", 120000, "EUR"},
		{"EUR 1200", "", "", 120000, "EUR"},
		{"1200 eur", "", "", 120000, "EUR"},
		{"1200", "", "GBP", 120000, "GBP"},
		{"1200", "USD", "GBP", 120000, "USD"},
		{"1 200,50", "EUR", "", 120050, "EUR"},
		{"1\u00a0200,50 €", "", "", 120050, "EUR"},
		{"1'200.50", "CHF", "", 120050, "CHF"},
		{"1,234,567.89", "USD", "", 123456789, "USD"},
		{"1.234.567", "EUR", "", 123456700, "EUR"},
		{"12,5", "EUR", "", 1250, "EUR"},
		{"12.5", "USD", "", 1250, "USD"},
		{"0.99", "USD", "", 99, "USD"},
		{"¥1,500", "", "", 1500, "JPY"},
		{"1.500", "JPY", "", 1500, "JPY"},
		{"$49", "CAD", "", 4900, "CAD"},
		{"$49", "", "AUD", 4900, "AUD"},
		{"C$49", "", "", 4900, "CAD"},
		{"£2,400.00", "", "", 240000, "GBP"},
		{"1,234", "KWD", "", 1234, "KWD"},
		{"49 kr", "SEK", "", 4900, "SEK"},
		{"12.505", "EUR", "", 1250500, "EUR"}, // a dot before three digits groups them
		{"12.505", "KWD", "", 12505, "KWD"},   // unless the currency has three decimals
	}
	for _, tt := range tests {
		minor, cur, err := ParseMoney(tt.in, tt.want, tt.fallback)
		if err != nil || minor != tt.minor || cur != tt.cur {
			t.Errorf("ParseMoney(%q, %q, %q) = %d %s %v; want %d %s", tt.in, tt.want, tt.fallback, minor, cur, err, tt.minor, tt.cur)
		}
	}
}

func TestParseMoneyRefuses(t *testing.T) {
	tests := []struct{ in, want, fallback, msg string }{
		{"12,5,0", "USD", "", `"12,5,0" is not an amount: separators must group digits in threes (1,200.50 or 1.200,50)`},
		{"1200", "", "", `"1200" names no currency; add a Currency column or pass --currency CODE`},
		{"-500", "USD", "", `"-500" must not be negative`},
		{"(500)", "USD", "", `"(500)" must not be negative`},
		{"USD -500", "", "", `"USD -500" must not be negative`},
		{"€300", "USD", "", `"€300" is in EUR, but the currency here is USD`},
		{"$300", "EUR", "", `"$300" is in $, but the currency here is EUR`},
		{"12.50", "JPY", "", `"12.50" has decimals, but JPY has no minor unit`},
		{"0,125", "USD", "", `"0,125" is not an amount: separators must group digits in threes (1,200.50 or 1.200,50)`},
		{"1.2.3,4", "USD", "", `"1.2.3,4" is not an amount: separators must group digits in threes (1,200.50 or 1.200,50)`},
		{"abc", "USD", "", `"abc" is not an amount; want digits such as 1200.50`},
		{"12 USD EUR", "", "", `"12 USD EUR" has "USD EUR", which is not a currency sign or ISO 4217 code`},
		{"XYZ 12", "", "", `"XYZ 12" has "XYZ", which is not a currency sign or ISO 4217 code`},
		{"$ 12 USD", "", "", `"$ 12 USD" has text on both sides of the number; want an amount such as $1,200.00 or 1.200,00 €`},
		{"99999999999999999999", "USD", "", `"99999999999999999999" is too large`},
		{"12 kr", "", "", `"12 kr" is in kr, which could be SEK, NOK, DKK or ISK; add a Currency column or pass --currency CODE`},
		{"", "USD", "", "is empty; want an amount such as 1200.50"},
	}
	for _, tt := range tests {
		_, _, err := ParseMoney(tt.in, tt.want, tt.fallback)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("ParseMoney(%q) error = %v; want %s", tt.in, err, tt.msg)
		}
	}
}

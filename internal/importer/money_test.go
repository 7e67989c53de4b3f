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
		{"12.505", "KWD", "", 12505, "KWD"}, // a currency with three decimals
		{"1,163", "USD", "", 116300, "USD"}, // a comma before three digits groups them
		{"1.160", "USD", "", 116, "USD"},    // a dollar amount writes a decimal point
		{"0,50", "EUR", "", 50, "EUR"},
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
		{"0,125", "USD", "", `"0,125" has 3 decimals: USD amounts are kept to 2 (a price below the smallest unit needs the plan priced per a larger unit, e.g. per 1,000)`},
		{"0.163", "USD", "", `"0.163" has 3 decimals: USD amounts are kept to 2 (a price below the smallest unit needs the plan priced per a larger unit, e.g. per 1,000)`},
		{"1.163", "USD", "", `"1.163" has 3 decimals: USD amounts are kept to 2 (a price below the smallest unit needs the plan priced per a larger unit, e.g. per 1,000)`},
		{"12.505", "EUR", "", `"12.505" reads as 12.505 with a decimal point or 12505 with a decimal comma: pass --decimal point or --decimal comma`},
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

// --decimal settles an amount whose reading depends on the locale it was written in.
func TestParseMoneyDecimal(t *testing.T) {
	tests := []struct {
		in, cur string
		decimal byte
		minor   int64
	}{
		{"12.505", "EUR", ',', 1250500},
		{"1.200,50", "EUR", ',', 120050},
		{"12,50", "EUR", ',', 1250},
		{"1,163", "USD", '.', 116300},
		{"1.16", "USD", '.', 116},
		{"1.200", "EUR", '.', 120},
	}
	for _, tt := range tests {
		n, _, _, err := parseMoney(tt.in, tt.cur, "", tt.decimal)
		if err != nil || n != tt.minor {
			t.Errorf("parseMoney(%q, %s, %q) = %d, %v; want %d", tt.in, tt.cur, tt.decimal, n, err, tt.minor)
		}
	}
}

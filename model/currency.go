package model

import (
	"strconv"
	"strings"
)

// currencyExponents maps ISO 4217 codes to the number of minor-unit digits. Codes not listed
// here are rejected, so a typo such as "USS" never becomes a currency of its own.
var currencyExponents = func() map[string]int {
	m := map[string]int{}
	two := "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD " +
		"CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ " +
		"GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA " +
		"MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR " +
		"RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD " +
		"TWD TZS UAH USD UYU UZS VES WST XCD YER ZAR ZMW ZWL"
	for _, c := range strings.Fields(two) {
		m[c] = 2
	}
	for _, c := range strings.Fields("BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF") {
		m[c] = 0
	}
	for _, c := range strings.Fields("BHD IQD JOD KWD LYD OMR TND") {
		m[c] = 3
	}
	return m
}()

// currencySymbols are the prefixes used when showing money; other codes are shown as suffixes.
var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}

// ValidCurrency reports whether code is a known ISO 4217 currency code.
func ValidCurrency(code string) bool {
	_, ok := currencyExponents[code]
	return ok
}

// CurrencyExponent returns the number of minor-unit digits of a currency (2 for USD, 0 for JPY).
// Unknown codes are treated as having 2.
func CurrencyExponent(code string) int {
	if e, ok := currencyExponents[code]; ok {
		return e
	}
	return 2
}

func checkCurrency(field, code string) error {
	if code == "" {
		return fieldErr(field, "is required")
	}
	if !ValidCurrency(code) {
		return fieldErr(field, "%q is not an ISO 4217 currency code", code)
	}
	return nil
}

// FormatAmount renders minor units as a plain decimal number with grouping: 123456 USD gives
// "1,234.56". Zero-decimal currencies have no fraction.
func FormatAmount(minor int64, currency string) string {
	exp := CurrencyExponent(currency)
	neg := minor < 0
	// The magnitude as unsigned, so even math.MinInt64 negates without overflow.
	mag := uint64(minor)
	if neg {
		mag = -mag
	}
	div := uint64(1)
	for range exp {
		div *= 10
	}
	whole, frac := mag/div, mag%div
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(groupThousands(whole))
	if exp > 0 {
		f := strconv.FormatUint(frac, 10)
		b.WriteByte('.')
		b.WriteString(strings.Repeat("0", exp-len(f)) + f)
	}
	return b.String()
}

// FormatMoney renders an amount with its currency: "$1,234.56", "€49.00", "1,200.00 CHF".
func FormatMoney(minor int64, currency string) string {
	n := FormatAmount(minor, currency)
	if sym, ok := currencySymbols[currency]; ok {
		if strings.HasPrefix(n, "-") {
			return "-" + sym + n[1:]
		}
		return sym + n
	}
	if currency == "" {
		return n
	}
	return n + " " + currency
}

// FormatCount renders a whole number with thousands separators: 1500 gives "1,500".
func FormatCount(n int64) string {
	if n < 0 {
		return "-" + groupThousands(uint64(-n))
	}
	return groupThousands(uint64(n))
}

// groupThousands writes n with a comma between groups of three digits.
func groupThousands(n uint64) string {
	digits := strconv.FormatUint(n, 10)
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

package importer

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// currencySigns maps the signs written beside amounts to a currency. Signs shared by several
// currencies map to a family (see families) and take the currency from context.
var currencySigns = map[string]string{
	"$": "$", "us$": "USD", "usd$": "USD", "€": "EUR", "£": "GBP", "¥": "¥", "￥": "¥", "₹": "INR", "₩": "KRW",
	"₽": "RUB", "₺": "TRY", "₪": "ILS", "₫": "VND", "₱": "PHP", "₦": "NGN", "฿": "THB", "zł": "PLN", "kč": "CZK",
	"a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL",
	"mx$": "MXN", "fr.": "CHF", "sfr.": "CHF", "kr": "kr", "kr.": "kr", "rs": "INR", "rs.": "INR",
}

// families lists the currencies a shared sign can stand for; the first is the default.
var families = map[string][]string{
	"$":  {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP", "TWD"},
	"¥":  {"JPY", "CNY"},
	"kr": {"SEK", "NOK", "DKK", "ISK"},
}

// ParseMoney reads an amount as spreadsheets and CRMs write it ("$1,200.00", "1.200,00 €",
// "EUR 1200", "1 200,50", "1200") into minor units. want, when set, is the currency the context
// demands (a currency column, the plan's currency): an amount naming another one is an error.
// fallback (--currency) is used when neither the amount nor want names one.
//
// A comma or a dot is read as the decimal separator when it is the last separator and is
// followed by one or two digits (or by as many digits as the currency has decimals); any other
// separator must group digits in threes. Negative amounts are refused.
func ParseMoney(s, want, fallback string) (int64, string, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return 0, "", errors.New("is empty; want an amount such as 1200.50")
	}
	if n, ok := plainAmount(text, want, fallback); ok {
		return n, cmp.Or(want, fallback), nil
	}
	num, sign, err := splitCurrency(text)
	if err != nil {
		return 0, "", fmt.Errorf("%q %w", text, err)
	}
	cur, err := pickCurrency(sign, want, fallback)
	if err != nil {
		return 0, "", fmt.Errorf("%q %w", text, err)
	}
	n, err := parseDecimal(num, model.CurrencyExponent(cur), cur)
	if err != nil {
		return 0, "", fmt.Errorf("%q %w", text, err)
	}
	return n, cur, nil
}

// plainAmount is the fast path for the common "1200" and "1200.50" when the currency is known
// from context: digits and at most one dot followed by no more decimals than the currency has.
func plainAmount(s, want, fallback string) (int64, bool) {
	cur := cmp.Or(want, fallback)
	if cur == "" || len(s) > 15 {
		return 0, false
	}
	exp := model.CurrencyExponent(cur)
	var n int64
	decimals := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
			if decimals >= 0 {
				decimals++
			}
		case c == '.' && decimals < 0 && i > 0 && i < len(s)-1:
			decimals = 0
		default:
			return 0, false
		}
	}
	if decimals > exp {
		return 0, false
	}
	for range exp - max(decimals, 0) {
		n *= 10
	}
	return n, true
}

// splitCurrency separates the number from a currency sign or code before or after it.
func splitCurrency(s string) (num, sign string, err error) {
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") || (strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")")) {
		return "", "", errors.New("must not be negative")
	}
	start := strings.IndexFunc(s, isDigit)
	if start < 0 {
		return "", "", errors.New("is not an amount; want digits such as 1200.50")
	}
	end := len(s)
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if isDigit(r) {
			break
		}
		end -= size
	}
	prefix, suffix := strings.TrimSpace(s[:start]), strings.TrimSpace(s[end:])
	if strings.HasSuffix(prefix, "-") || strings.HasSuffix(prefix, "−") {
		return "", "", errors.New("must not be negative")
	}
	switch {
	case prefix != "" && suffix != "":
		return "", "", errors.New("has text on both sides of the number; want an amount such as $1,200.00 or 1.200,00 €")
	case prefix != "":
		sign = prefix
	case suffix != "":
		sign = suffix
	}
	return s[start:end], sign, nil
}

// pickCurrency settles the currency from the sign written, the one wanted and the fallback.
func pickCurrency(sign, want, fallback string) (string, error) {
	if sign == "" {
		switch {
		case want != "":
			return want, nil
		case fallback != "":
			return fallback, nil
		}
		return "", errors.New("names no currency; add a Currency column or pass --currency CODE")
	}
	cur, ok := currencySigns[strings.ToLower(sign)]
	if !ok {
		cur = strings.ToUpper(sign)
		if !model.ValidCurrency(cur) {
			return "", fmt.Errorf("has %q, which is not a currency sign or ISO 4217 code", sign)
		}
	}
	if fam, shared := families[cur]; shared {
		for _, c := range []string{want, fallback} {
			for _, m := range fam {
				if c == m {
					return c, nil
				}
			}
		}
		if want != "" {
			return "", fmt.Errorf("is in %s, but the currency here is %s", sign, want)
		}
		if cur == "kr" {
			return "", fmt.Errorf("is in %s, which could be SEK, NOK, DKK or ISK; add a Currency column or pass --currency CODE", sign)
		}
		return fam[0], nil
	}
	if want != "" && cur != want {
		return "", fmt.Errorf("is in %s, but the currency here is %s", cur, want)
	}
	return cur, nil
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isGroupSpace reports spaces used to group digits ("1 200", with a thin or no-break space).
func isGroupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\'' || r == '’'
}

// parseDecimal reads digits with separators into units of 10^-exp.
func parseDecimal(num string, exp int, cur string) (int64, error) {
	// Spaces and apostrophes only ever group; normalize them to one marker.
	var b strings.Builder
	for _, r := range num {
		switch {
		case isDigit(r), r == '.', r == ',':
			b.WriteRune(r)
		case isGroupSpace(r):
			b.WriteByte('_')
		default:
			return 0, errors.New("is not an amount; want digits such as 1200.50")
		}
	}
	s := b.String()
	whole, frac := s, ""
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	dec := -1
	switch {
	case lastDot >= 0 && lastComma >= 0:
		dec = max(lastDot, lastComma)
	case lastDot >= 0 || lastComma >= 0:
		i := max(lastDot, lastComma)
		sep := s[i]
		after := len(s) - i - 1
		if strings.Count(s, string(sep)) == 1 && (after != 3 || exp == 3) && !strings.Contains(s[i+1:], "_") {
			dec = i
		}
	}
	if dec >= 0 {
		whole, frac = s[:dec], s[dec+1:]
		if strings.ContainsAny(frac, ".,_") || frac == "" {
			return 0, errors.New("is not an amount: the decimal separator must be followed by digits only")
		}
	}
	digits, err := ungroup(whole)
	if err != nil {
		return 0, err
	}
	if len(frac) > exp {
		if exp == 0 {
			return 0, fmt.Errorf("has decimals, but %s has no minor unit", cur)
		}
		return 0, fmt.Errorf("has more than %d decimals for %s", exp, cur)
	}
	digits += frac + strings.Repeat("0", exp-len(frac))
	var n int64
	for i := 0; i < len(digits); i++ {
		d := int64(digits[i] - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, errors.New("is too large")
		}
		n = n*10 + d
	}
	return n, nil
}

// ungroup checks that separators in the whole part group digits in threes and removes them.
func ungroup(whole string) (string, error) {
	seps := strings.IndexAny(whole, ".,_")
	if seps < 0 {
		if whole == "" {
			return "", errors.New("is not an amount; want digits before the decimal separator")
		}
		return whole, nil
	}
	sep := whole[seps]
	groups := strings.Split(whole, string(sep))
	bad := errors.New("is not an amount: separators must group digits in threes (1,200.50 or 1.200,50)")
	for i, g := range groups {
		if strings.ContainsAny(g, ".,_") {
			return "", bad
		}
		if (i == 0 && (len(g) < 1 || len(g) > 3 || g[0] == '0')) || (i > 0 && len(g) != 3) {
			return "", bad
		}
	}
	return strings.Join(groups, ""), nil
}

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
	n, cur, _, err := parseMoney(s, want, fallback, 0)
	return n, cur, err
}

// Decimal separators --decimal can name.
const (
	DecimalComma = "comma"
	DecimalPoint = "point"
)

// moneyRead says how an amount's separators were read, for the file-wide check of the
// decimal separator (see reader.money).
type moneyRead struct {
	// commaDecimal: a comma was plainly the decimal separator ("1.200,50", "12,5").
	commaDecimal bool
	// pointByCurrency: "1.163" was read as a decimal point because the currency writes one.
	pointByCurrency bool
}

// parseMoney is ParseMoney with the decimal separator given (',' or '.', 0 when not given),
// saying how it read the separators.
func parseMoney(s, want, fallback string, decimal byte) (int64, string, moneyRead, error) {
	return parseMoneyFiner(s, want, fallback, decimal, 0)
}

// parseMoneyFiner is parseMoney in units extra decimals finer than the currency's minor unit.
func parseMoneyFiner(s, want, fallback string, decimal byte, extra int) (int64, string, moneyRead, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return 0, "", moneyRead{}, errors.New("is empty; want an amount such as 1200.50")
	}
	if n, ok := plainAmount(text, want, fallback); ok && decimal != ',' && extra == 0 {
		return n, cmp.Or(want, fallback), moneyRead{}, nil
	}
	num, sign, err := splitCurrency(text)
	if err != nil {
		return 0, "", moneyRead{}, fmt.Errorf("%q %w", text, err)
	}
	cur, err := pickCurrency(sign, want, fallback)
	if err != nil {
		return 0, "", moneyRead{}, fmt.Errorf("%q %w", text, err)
	}
	n, how, err := parseDecimal(num, model.CurrencyExponent(cur)+extra, cur, decimal)
	if err != nil {
		return 0, "", how, fmt.Errorf("%q %w", text, err)
	}
	return n, cur, how, nil
}

// pointCurrencies write a decimal point, not a comma, wherever they are used: an amount in
// one of them such as 1.163 is one and a fraction, never 1,163.
var pointCurrencies = map[string]bool{"USD": true, "GBP": true, "JPY": true, "CNY": true, "INR": true, "AUD": true,
	"CAD": true, "NZD": true, "SGD": true, "HKD": true, "MXN": true, "ILS": true, "KRW": true, "THB": true, "PHP": true,
	"MYR": true, "NGN": true, "KES": true, "ZAR": true, "TWD": true}

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

// parseDecimal reads digits with separators into units of 10^-exp. decimal is the decimal
// separator when --decimal gives it, else 0.
func parseDecimal(num string, exp int, cur string, decimal byte) (int64, moneyRead, error) {
	var how moneyRead
	// Spaces and apostrophes only ever group; normalize them to one marker.
	var b strings.Builder
	for _, r := range num {
		switch {
		case isDigit(r), r == '.', r == ',':
			b.WriteRune(r)
		case isGroupSpace(r):
			b.WriteByte('_')
		default:
			return 0, how, errors.New("is not an amount; want digits such as 1200.50")
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
		single := strings.Count(s, string(sep)) == 1 && !strings.Contains(s[i+1:], "_")
		switch {
		case !single:
		case decimal != 0:
			if sep == decimal {
				dec = i
			}
		case exp == 0 && after == 3:
			// 1.500 JPY: a currency without decimals only groups
		case after != 3 || exp == 3 || strings.TrimLeft(s[:i], "_") == "0":
			dec = i // "12,5", "1.20", "0.163": only a decimal separator reads so
		case sep == '.' && pointCurrencies[cur]:
			dec, how.pointByCurrency = i, true // 1.163 USD: a decimal point
		case sep == '.':
			return 0, how, fmt.Errorf("reads as %s with a decimal point or %s with a decimal comma: pass --decimal point or --decimal comma",
				strings.ReplaceAll(s, "_", ""), strings.NewReplacer("_", "", ".", "").Replace(s))
		}
	}
	if dec >= 0 && s[dec] == ',' && (decimal == 0 || lastDot >= 0) {
		how.commaDecimal = true
	}
	if dec >= 0 {
		whole, frac = s[:dec], s[dec+1:]
		if strings.ContainsAny(frac, ".,_") || frac == "" {
			return 0, how, errors.New("is not an amount: the decimal separator must be followed by digits only")
		}
	}
	digits, err := ungroup(whole)
	if err != nil {
		return 0, how, err
	}
	if frac = strings.TrimRight(frac, "0"); len(frac) > exp {
		if exp == 0 {
			return 0, how, fmt.Errorf("has decimals, but %s has no minor unit", cur)
		}
		return 0, how, &finerError{decimals: len(frac), exp: exp, cur: cur}
	}
	digits += frac + strings.Repeat("0", exp-len(frac))
	var n int64
	for i := 0; i < len(digits); i++ {
		d := int64(digits[i] - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, how, errors.New("is too large")
		}
		n = n*10 + d
	}
	return n, how, nil
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

// money reads the amount in column col of the current row (see ParseMoney), with --decimal,
// remembering how its separators were read for checkDecimals.
func (rd *reader) money(text, want, fallback string, col int) (int64, string, error) {
	n, cur, how, err := parseMoney(text, want, fallback, rd.decimalSep())
	if how.commaDecimal && rd.commaAt == nil {
		rd.commaAt = rd.t.problem(col, text)
	}
	if how.pointByCurrency {
		rd.pointReads = append(rd.pointReads, *rd.t.problem(col, text))
	}
	return n, cur, err
}

// checkDecimals refuses amounts such as 1.163 read with a decimal point by their currency's
// convention in a file that elsewhere writes a decimal comma: their reading depends on the
// locale the file was written in, which --decimal settles.
func (rd *reader) checkDecimals() {
	if rd.commaAt == nil {
		return
	}
	for _, p := range rd.pointReads {
		p.Msg = fmt.Sprintf("%q could be read with a decimal point or comma, and this file writes a decimal comma elsewhere (%q on line %d): pass --decimal point or --decimal comma",
			p.Msg, rd.commaAt.Msg, rd.commaAt.Line)
		rd.res.Errors = append(rd.res.Errors, p)
	}
}

// finerError is an amount with more decimals than its currency keeps ("0.163" USD).
type finerError struct {
	decimals, exp int
	cur           string
}

func (e *finerError) Error() string {
	return fmt.Sprintf("has %d decimals: %s amounts are kept to %d (a price below the smallest unit needs the plan priced per a larger unit, e.g. per 1,000)", e.decimals, e.cur, e.exp)
}

// unitPrice reads a unit price (an overage) in column col: like money, but finer than the
// currency by up to model.MaxUnitDecimals decimals ("0.00003" USD a token). decimals is how
// many finer (see model.PriceObservation.UnitDecimals).
func (rd *reader) unitPrice(text, currency string, col int) (amount int64, decimals int, err error) {
	n, _, err := rd.money(text, currency, "", col)
	var fine *finerError
	if !errors.As(err, &fine) || fine.decimals-fine.exp > model.MaxUnitDecimals {
		return n, 0, err
	}
	extra := fine.decimals - fine.exp
	n, _, _, err = parseMoneyFiner(text, currency, "", rd.decimalSep(), extra)
	return n, extra, err
}

// decimalSep is the decimal separator --decimal gives, or 0.
func (rd *reader) decimalSep() byte {
	switch rd.opt.Decimal {
	case DecimalComma:
		return ','
	case DecimalPoint:
		return '.'
	}
	return 0
}

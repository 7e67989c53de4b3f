package model

import (
	"fmt"
	"math"
	"math/big"
	"strings"
)

// ParseAmount reads a decimal amount typed by a user ("12.50", "1200", "0.99") into minor units
// of currency. Only digits and one dot are accepted: "12,50" and "1,200" are refused rather than
// guessed, because a comma means a decimal point in some locales and a thousands separator in
// others. More decimals than the currency has ("12.505" for USD) are refused, not rounded.
func ParseAmount(s, currency string) (int64, error) {
	s = strings.TrimSpace(s)
	exp := CurrencyExponent(currency)
	whole, frac, hasDot := strings.Cut(s, ".")
	switch {
	case s == "":
		return 0, fmt.Errorf("is empty; want an amount such as 12.50")
	case strings.ContainsRune(s, ','):
		return 0, fmt.Errorf("%q is not an amount: use a dot for decimals and no thousands separators, e.g. 1200.50", s)
	case strings.HasPrefix(s, "-"):
		return 0, fmt.Errorf("%q must not be negative", s)
	case !allDigits(whole) || (hasDot && !allDigits(frac)) || (whole == "" && frac == ""):
		return 0, fmt.Errorf("%q is not an amount; want digits with an optional dot, e.g. 12.50", s)
	case len(frac) > exp:
		if exp == 0 {
			return 0, fmt.Errorf("%q has decimals, but %s has no minor unit", s, currency)
		}
		return 0, fmt.Errorf("%q has more than %d decimals for %s", s, exp, currency)
	}
	frac += strings.Repeat("0", exp-len(frac))
	var n int64
	for _, r := range whole + frac {
		d := int64(r - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, fmt.Errorf("%q is too large", s)
		}
		n = n*10 + d
	}
	return n, nil
}

// ParseUnitPrice reads a unit price as ParseAmount does, but with up to MaxUnitDecimals
// decimals beyond the currency's ("0.00003" USD): the amount is in 10^-decimals of a minor unit,
// decimals being the fewest that hold it (see PriceObservation.UnitDecimals).
func ParseUnitPrice(s, currency string) (amount int64, decimals int, err error) {
	t := strings.TrimSpace(s)
	_, frac, _ := strings.Cut(t, ".")
	exp := CurrencyExponent(currency)
	frac = strings.TrimRight(frac, "0")
	extra := max(len(frac)-exp, 0)
	if extra > MaxUnitDecimals {
		return 0, 0, fmt.Errorf("%q has more than %d decimals for %s", t, exp+MaxUnitDecimals, currency)
	}
	if extra == 0 {
		n, err := ParseAmount(trimZeroDecimals(t, exp), currency)
		return n, 0, err
	}
	// Read it as if the currency had exp+extra decimals.
	whole, _, _ := strings.Cut(t, ".")
	digits := whole + frac
	var n int64
	for _, r := range digits {
		if r < '0' || r > '9' {
			return 0, 0, fmt.Errorf("%q is not an amount; want digits with an optional dot, e.g. 0.0025", t)
		}
		d := int64(r - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, 0, fmt.Errorf("%q is too large", t)
		}
		n = n*10 + d
	}
	return n, extra, nil
}

// trimZeroDecimals drops decimals beyond exp that are zeros ("1.2500" USD is "1.25").
func trimZeroDecimals(s string, exp int) string {
	whole, frac, ok := strings.Cut(s, ".")
	if !ok || len(frac) <= exp {
		return s
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) < exp {
		frac += strings.Repeat("0", exp-len(frac))
	}
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// rateScale is the fixed-point scale of exchange rates: rates are stored in millionths.
const rateScale = 1_000_000

// ParseRate reads an exchange rate such as "1.08" into millionths (1080000). Up to six
// decimals; the rate must be positive and below one million.
func ParseRate(s string) (int64, error) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	switch {
	case strings.ContainsRune(s, ','):
		return 0, fmt.Errorf("%q is not a rate: use a dot for decimals, e.g. 1.08", s)
	case s == "" || !allDigits(whole) || !allDigits(frac) || (whole == "" && frac == ""):
		return 0, fmt.Errorf("%q is not a rate; want a positive number such as 1.08", s)
	case len(frac) > 6:
		return 0, fmt.Errorf("%q has more than 6 decimals", s)
	case len(strings.TrimLeft(whole, "0")) > 6:
		return 0, fmt.Errorf("%q is too large", s)
	}
	var n int64
	for _, r := range whole + frac + strings.Repeat("0", 6-len(frac)) {
		n = n*10 + int64(r-'0')
	}
	if n == 0 {
		return 0, fmt.Errorf("%q must be greater than zero", s)
	}
	return n, nil
}

// FormatRate renders a rate in millionths as a short decimal: 1080000 gives "1.08".
func FormatRate(micros int64) string {
	s := fmt.Sprintf("%d.%06d", micros/rateScale, micros%rateScale)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// FXRate is an exchange rate set by the user: one unit of Currency is worth Micros/1e6 units of
// Base, as of SetOn.
type FXRate struct {
	Currency string `json:"currency"`
	Base     string `json:"base"`
	Micros   int64  `json:"-"`
	Rate     string `json:"rate"`
	SetOn    Date   `json:"set_on"`
}

// NewFXRate builds a rate, filling in its decimal text.
func NewFXRate(currency, base string, micros int64, setOn Date) FXRate {
	return FXRate{Currency: currency, Base: base, Micros: micros, Rate: FormatRate(micros), SetOn: setOn}
}

// Validate checks both codes and the rate.
func (r FXRate) Validate() error {
	if err := checkCurrency("currency", r.Currency); err != nil {
		return err
	}
	if err := checkCurrency("base", r.Base); err != nil {
		return err
	}
	if r.Currency == r.Base {
		return fieldErr("base", "is the same currency as %s", r.Currency)
	}
	if r.Micros <= 0 {
		return fieldErr("rate", "must be greater than zero")
	}
	return nil
}

// String describes the rate for people: "1 EUR = 1.08 USD (set 2026-11-20)".
func (r FXRate) String() string {
	return fmt.Sprintf("1 %s = %s %s (set %s)", r.Currency, FormatRate(r.Micros), r.Base, r.SetOn)
}

// FXTable holds the rates in use, at most one per currency pair.
type FXTable []FXRate

// Conversion is how an amount was converted: the rates used, in order (none when the
// currencies are the same).
type Conversion struct {
	From  string   `json:"from"`
	To    string   `json:"to"`
	Rates []FXRate `json:"rates,omitempty"`
}

// Convert turns minor units of from into minor units of to, using a rate for the pair in either
// direction or two rates to a common base. It reports false when no rate connects them. The
// exact product is rounded once, half away from zero, to the target's minor unit.
func (t FXTable) Convert(minor int64, from, to string) (int64, Conversion, bool) {
	conv := Conversion{From: from, To: to}
	if from == to {
		return minor, conv, true
	}
	// factor is how many units of `to` one unit of `from` is worth.
	factor, rates, ok := t.factor(from, to)
	if !ok {
		return 0, conv, false
	}
	conv.Rates = rates
	v := new(big.Rat).SetInt64(minor)
	v.Mul(v, factor)
	v.Mul(v, pow10Rat(CurrencyExponent(to)-CurrencyExponent(from)))
	out, ok := roundRat(v)
	return out, conv, ok
}

func (t FXTable) find(cur, base string) (FXRate, bool) {
	for _, r := range t {
		if r.Currency == cur && r.Base == base {
			return r, true
		}
	}
	return FXRate{}, false
}

// factor finds the value of one unit of from in units of to.
func (t FXTable) factor(from, to string) (*big.Rat, []FXRate, bool) {
	rat := func(r FXRate) *big.Rat { return big.NewRat(r.Micros, rateScale) }
	if r, ok := t.find(from, to); ok {
		return rat(r), []FXRate{r}, true
	}
	if r, ok := t.find(to, from); ok {
		return new(big.Rat).Inv(rat(r)), []FXRate{r}, true
	}
	// Via a common base: from→B and to→B, so from→to = rate(from)/rate(to).
	for _, a := range t {
		if a.Currency != from {
			continue
		}
		if b, ok := t.find(to, a.Base); ok {
			return new(big.Rat).Quo(rat(a), rat(b)), []FXRate{a, b}, true
		}
	}
	return nil, nil, false
}

func pow10Rat(e int) *big.Rat {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(e, -e))), nil)
	if e < 0 {
		return new(big.Rat).SetFrac(big.NewInt(1), p)
	}
	return new(big.Rat).SetInt(p)
}

// roundRat rounds half away from zero, reporting false when the result does not fit an int64.
func roundRat(v *big.Rat) (int64, bool) {
	num, den := new(big.Int).Set(v.Num()), v.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Lsh(r, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	if !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

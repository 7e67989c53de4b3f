package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// The range of years a Date accepts: anything outside is a typo, not a fact about a market.
const (
	MinYear = 1900
	MaxYear = 2199
)

// DateLayout is the only textual form of a Date, in files and in the database.
const DateLayout = "2006-01-02"

// Date is a calendar day without a time of day or zone, used for facts such as "verified on" or
// "closed on" where an instant would be false precision. The zero value means "no date".
type Date struct {
	t time.Time // midnight UTC of the day; zero when unset
}

// NewDate returns the given calendar day.
func NewDate(year int, month time.Month, day int) Date {
	return Date{t: time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate parses "YYYY-MM-DD". The empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("invalid date %q (want YYYY-MM-DD)", s)
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		return Date{}, fmt.Errorf("date %q is out of range (years %d to %d)", s, MinYear, MaxYear)
	}
	return Date{t: t}, nil
}

// MustParseDate is ParseDate for literals in tests and tables; it panics on a bad literal.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// String formats the date as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DateLayout)
}

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return d.t }

// Year returns the year of the date.
func (d Date) Year() int { return d.t.Year() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return d.t.Compare(e.t) }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return Date{t: d.t.AddDate(0, 0, n)} }

// DaysSince returns the whole days from d to today; negative when d is in the future.
func (d Date) DaysSince(today Date) int {
	return int(today.t.Sub(d.t).Hours() / 24)
}

// MarshalJSON writes the date as a "YYYY-MM-DD" string.
func (d Date) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a "YYYY-MM-DD" string.
func (d *Date) UnmarshalJSON(b []byte) error {
	// Errors are *json.UnmarshalTypeError so the decoder adds the field path to them.
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &json.UnmarshalTypeError{Value: string(b), Type: reflect.TypeFor[Date]()}
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return &json.UnmarshalTypeError{Value: strconv.Quote(s), Type: reflect.TypeFor[Date]()}
	}
	*d = parsed
	return nil
}

// Staleness thresholds: a fact older than this many days is flagged so nobody quotes it blindly.
const (
	// StaleFactDays applies to feature-matrix cells and price observations.
	StaleFactDays = 180
	// StaleCardDays applies to a battle card's last review.
	StaleCardDays = 90
)

// IsStale reports whether a fact dated d is older than maxDays on today. An unset date is stale:
// a fact nobody verified is not to be trusted.
func IsStale(d, today Date, maxDays int) bool {
	if d.IsZero() {
		return true
	}
	return d.DaysSince(today) > maxDays
}

package model

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	valid := []string{"2026-03-14", "2024-02-29", "1999-12-31", "2000-01-01", "2199-12-31", "1900-01-01", "1970-01-01"}
	for _, s := range valid {
		d, err := ParseDate(s)
		if err != nil {
			t.Errorf("ParseDate(%q) error: %v", s, err)
			continue
		}
		if d.IsZero() || d.String() != s {
			t.Errorf("ParseDate(%q).String() = %q, want the input back", s, d.String())
		}
		if tm := d.Time(); tm.Location() != time.UTC || tm.Hour() != 0 || tm.Minute() != 0 || tm.Second() != 0 {
			t.Errorf("ParseDate(%q).Time() = %v, want midnight UTC", s, tm)
		}
	}

	d, err := ParseDate("")
	if err != nil || !d.IsZero() || d.String() != "" {
		t.Errorf(`ParseDate("") = %v, %v; want the zero date and no error`, d, err)
	}

	invalid := []string{
		"2026-3-14", "2026-03-4", "26-03-14", "2026/03/14", "14-03-2026", "20260314",
		"2026-02-30", "2023-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
		" 2026-03-14", "2026-03-14 ", "2026-03-14T00:00:00Z", "2026-03", "today", "-001-01-01", "２０２６-03-14",
	}
	for _, s := range invalid {
		d, err := ParseDate(s)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", s, d)
			continue
		}
		if !strings.Contains(err.Error(), "YYYY-MM-DD") || !strings.Contains(err.Error(), s) {
			t.Errorf("ParseDate(%q) error %q should quote the input and the expected form", s, err)
		}
		if !d.IsZero() {
			t.Errorf("ParseDate(%q) returned a non-zero date with its error", s)
		}
	}
}

func TestParseDateOutOfRange(t *testing.T) {
	// Year 1 would be indistinguishable from "no date", and far-off years are typos.
	for _, s := range []string{"0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"} {
		d, err := ParseDate(s)
		if err == nil || !strings.Contains(err.Error(), "out of range") || !strings.Contains(err.Error(), s) || !d.IsZero() {
			t.Errorf("ParseDate(%q) = %q, %v; want an out-of-range error quoting the input", s, d.String(), err)
		}
	}
}

func TestMustParseDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("MustParseDate of a bad literal did not panic")
		}
	}()
	MustParseDate("2026-02-30")
}

func TestDateMethods(t *testing.T) {
	a, b := NewDate(2026, 3, 14), NewDate(2026, 3, 15)
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(NewDate(2026, 3, 14)) != 0 {
		t.Errorf("Compare ordering wrong")
	}
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Errorf("Before ordering wrong")
	}
	if a != MustParseDate("2026-03-14") {
		t.Errorf("NewDate and ParseDate give different values for the same day")
	}
	if got := NewDate(2024, 2, 28).AddDays(1).String(); got != "2024-02-29" {
		t.Errorf("AddDays over a leap day = %s", got)
	}
	if got := NewDate(2026, 1, 1).AddDays(-1).String(); got != "2025-12-31" {
		t.Errorf("AddDays(-1) = %s", got)
	}
	if a.Year() != 2026 {
		t.Errorf("Year() = %d", a.Year())
	}
	// DateOf takes the day in the time's own zone, not in UTC.
	kiritimati := time.FixedZone("LINT", 14*3600)
	if got := DateOf(time.Date(2026, 3, 14, 1, 0, 0, 0, kiritimati)).String(); got != "2026-03-14" {
		t.Errorf("DateOf in UTC+14 = %s, want 2026-03-14", got)
	}
	if got := DateOf(time.Date(2026, 3, 14, 23, 0, 0, 0, time.FixedZone("", -10*3600))).String(); got != "2026-03-14" {
		t.Errorf("DateOf in UTC-10 = %s, want 2026-03-14", got)
	}
}

func TestDateJSON(t *testing.T) {
	marshal := []struct {
		d    Date
		want string
	}{
		{NewDate(2026, 3, 14), `"2026-03-14"`},
		{Date{}, `""`},
	}
	for _, tt := range marshal {
		b, err := json.Marshal(tt.d)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", tt.d, b, err, tt.want)
		}
	}

	// omitzero on a struct field drops an unset date.
	b, _ := json.Marshal(struct {
		D Date `json:"d,omitzero"`
	}{})
	if string(b) != `{}` {
		t.Errorf("omitzero zero Date marshalled as %s", b)
	}

	unmarshal := []struct {
		in   string
		want Date
	}{
		{`"2026-03-14"`, NewDate(2026, 3, 14)},
		{`""`, Date{}},
		{`null`, Date{}},
	}
	for _, tt := range unmarshal {
		var d Date
		if err := json.Unmarshal([]byte(tt.in), &d); err != nil || d != tt.want {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", tt.in, d, err, tt.want)
		}
	}

	bad := []struct {
		in, wantValue string
	}{
		{`"2026-02-30"`, `"2026-02-30"`},
		{`"14/03/2026"`, `"14/03/2026"`},
		{`"2026-03-14T10:00:00Z"`, `"2026-03-14T10:00:00Z"`},
		{`20260314`, `20260314`},
		{`true`, `true`},
		{`{}`, `{}`},
		{`["2026-03-14"]`, `["2026-03-14"]`},
	}
	for _, tt := range bad {
		var d Date
		err := json.Unmarshal([]byte(tt.in), &d)
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			t.Errorf("Unmarshal(%s) error = %v (%T), want *json.UnmarshalTypeError", tt.in, err, err)
			continue
		}
		if te.Value != tt.wantValue || te.Type != reflect.TypeFor[Date]() {
			t.Errorf("Unmarshal(%s) error Value %q Type %v, want %q Date", tt.in, te.Value, te.Type, tt.wantValue)
		}
	}

	// Inside a struct the decoder adds the field name, which the catalog codec relies on.
	var rec struct {
		When Date `json:"observed_at"`
	}
	err := json.Unmarshal([]byte(`{"observed_at": "2026-99-01"}`), &rec)
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) || te.Field != "observed_at" {
		t.Errorf("struct Unmarshal error = %#v, want an UnmarshalTypeError for observed_at", err)
	}

	// Round trip through JSON.
	for _, s := range []string{"2026-03-14", "2024-02-29", ""} {
		in := MustParseDate(s)
		b, _ := json.Marshal(in)
		var out Date
		if err := json.Unmarshal(b, &out); err != nil || out != in {
			t.Errorf("JSON round trip of %q gave %v, %v", s, out, err)
		}
	}
}

func TestDaysSince(t *testing.T) {
	tests := []struct {
		from, today string
		want        int
	}{
		{"2026-03-14", "2026-03-14", 0},
		{"2026-03-13", "2026-03-14", 1},
		{"2026-03-15", "2026-03-14", -1},
		{"2024-02-28", "2024-03-01", 2}, // leap year
		{"2023-02-28", "2023-03-01", 1},
		{"2025-03-14", "2026-03-14", 365},
		{"2024-03-14", "2025-03-14", 365},
		{"2023-03-14", "2024-03-14", 366},
		{"2026-03-29", "2026-03-30", 1}, // European DST change day: dates are UTC, no 23-hour days
		{"2016-01-01", "2026-01-01", 3653},
	}
	for _, tt := range tests {
		if got := MustParseDate(tt.from).DaysSince(MustParseDate(tt.today)); got != tt.want {
			t.Errorf("%s.DaysSince(%s) = %d, want %d", tt.from, tt.today, got, tt.want)
		}
	}
}

func TestIsStale(t *testing.T) {
	today := NewDate(2026, 6, 30)
	tests := []struct {
		name    string
		d       Date
		maxDays int
		want    bool
	}{
		{"zero date is stale", Date{}, StaleFactDays, true},
		{"today", today, StaleFactDays, false},
		{"179 days", today.AddDays(-179), StaleFactDays, false},
		{"exactly 180 days", today.AddDays(-180), StaleFactDays, false},
		{"181 days", today.AddDays(-181), StaleFactDays, true},
		{"years ago", NewDate(2001, 1, 1), StaleFactDays, true},
		{"future", today.AddDays(30), StaleFactDays, false},
		{"card exactly 90 days", today.AddDays(-90), StaleCardDays, false},
		{"card 91 days", today.AddDays(-91), StaleCardDays, true},
		{"max 0, yesterday", today.AddDays(-1), 0, true},
		{"max 0, today", today, 0, false},
	}
	for _, tt := range tests {
		if got := IsStale(tt.d, today, tt.maxDays); got != tt.want {
			t.Errorf("%s: IsStale(%v, %v, %d) = %v, want %v", tt.name, tt.d, today, tt.maxDays, got, tt.want)
		}
	}
}

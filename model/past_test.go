package model

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckNotFuture(t *testing.T) {
	today := MustParseDate("2026-12-04")
	for _, tc := range []struct {
		day  string
		want string
	}{
		{"2026-12-04", ""},
		{"2020-01-01", ""},
		{"", ""},
		{"2026-12-05", "closed_at: 2026-12-05 is in the future"},
	} {
		d, _ := ParseDate(tc.day)
		err := CheckNotFuture("closed_at", d, today)
		got := ""
		if err != nil {
			got = err.Error()
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("%s: %T is not a *FieldError", tc.day, err)
			}
		}
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.day, got, tc.want)
		}
	}
	if CheckNotFuture("x", MustParseDate("2199-01-01"), Date{}) != nil {
		t.Error("an unknown today refused a date")
	}
}

func TestCheckFoundedYear(t *testing.T) {
	today := MustParseDate("2026-12-04")
	for year, bad := range map[int]bool{0: false, 1999: false, 2026: false, 2027: true} {
		if err := CheckFoundedYear(year, today); (err != nil) != bad {
			t.Errorf("%d: %v", year, err)
		}
	}
	if err := CheckFoundedYear(2027, today); err == nil || err.Error() != "founded: 2027 is in the future" {
		t.Errorf("message: %v", err)
	}
}

func TestNoteSourceTakesTextOrURL(t *testing.T) {
	base := IntelNote{Competitor: "harborline", Date: MustParseDate("2026-11-03"), Title: "Call"}
	for src, ok := range map[string]bool{
		"":                                true,
		"call notes, 2026-11-03":          true,
		"https://example.com/post":        true,
		"ftp://example.com/x":             false,
		"https://":                        false,
		"www.example.com/post":            false,
		strings.Repeat("x", MaxNameLen+1): false,
	} {
		n := base
		n.Source = src
		if err := n.Validate(); (err == nil) != ok {
			t.Errorf("source %q: %v", src, err)
		}
	}
}

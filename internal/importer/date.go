package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rivals-app/rivals/model"
)

// ParseDate reads a date as spreadsheets and CRMs write it: ISO (2025-03-04, also with a time
// after it), MM/DD/YYYY or DD/MM/YYYY (order settles which; without it a date such as
// 03/04/2025 is refused as ambiguous, while 13/04/2025 can only be day first), DD.MM.YYYY,
// month names ("Mar 4, 2025", "4 March 2025", "04-Mar-25") and Excel serial day numbers
// ("45720"). Two-digit years are 2000–2099. order is "", DateMDY or DateDMY.
func ParseDate(s, order string) (model.Date, error) {
	d, _, err := parseDate(s, order)
	return d, err
}

// ambiguousDate is the error for a date such as 03/04/2025 read without an order.
type ambiguousDate struct{ msg string }

func (e *ambiguousDate) Error() string { return e.msg }

// parseDate is ParseDate that also says which order a day-month date proved by itself
// (DateDMY for 13/04/2025, DateMDY for 04/13/2025, "" otherwise).
func parseDate(s, order string) (date model.Date, proved string, err error) {
	text := strings.TrimSpace(s)
	if d, ok := isoDate(text); ok {
		return d, "", nil
	}
	if text == "" {
		return model.Date{}, "", fmt.Errorf("is empty; want a date such as 2025-03-04")
	}
	toks, seps := dateTokens(stripTime(text))
	bad := fmt.Errorf("%q is not a date; write YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY", text)
	var y, m, d int
	switch {
	case len(toks) == 1 && len(toks[0]) == 5 && allDigits(toks[0]):
		n, _ := strconv.Atoi(toks[0])
		if n < 20000 || n > 80000 {
			return model.Date{}, "", bad
		}
		// Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
		return model.DateOf(t), "", nil
	case len(toks) != 3:
		return model.Date{}, "", bad
	}
	month := -1
	for i, t := range toks {
		if mo := monthNumber(t); mo > 0 {
			if month >= 0 {
				return model.Date{}, "", bad
			}
			month = i
			m = mo
		} else if !allDigits(t) {
			return model.Date{}, "", bad
		}
	}
	n := func(i int) int { v, _ := strconv.Atoi(toks[i]); return v }
	switch {
	case month >= 0:
		rest := []int{}
		for i := range toks {
			if i != month {
				rest = append(rest, i)
			}
		}
		a, b := rest[0], rest[1]
		if len(toks[a]) == 4 {
			a, b = b, a
		}
		if len(toks[a]) > 2 || (len(toks[b]) != 4 && len(toks[b]) != 2) {
			return model.Date{}, "", bad
		}
		d, y = n(a), year(toks[b])
	case len(toks[0]) == 4:
		y, m, d = n(0), n(1), n(2)
		if len(toks[1]) > 2 || len(toks[2]) > 2 {
			return model.Date{}, "", bad
		}
	case len(toks[2]) == 4 || len(toks[2]) == 2:
		if len(toks[0]) > 2 || len(toks[1]) > 2 {
			return model.Date{}, "", bad
		}
		y = year(toks[2])
		a, b := n(0), n(1)
		switch {
		case seps == ".":
			d, m = a, b // DD.MM.YYYY is always day first
		case order == DateDMY:
			d, m = a, b
		case order == DateMDY:
			m, d = a, b
		case a > 12 && b <= 12:
			d, m, proved = a, b, DateDMY
		case b > 12 && a <= 12:
			m, d, proved = a, b, DateMDY
		case a == b:
			m, d = a, b
		case a <= 12 && b <= 12:
			return model.Date{}, "", &ambiguousDate{fmt.Sprintf("%q is ambiguous (%s or %s); pass --date-format DMY or --date-format MDY",
				text, dayMonth(a, b), monthDay(a, b))}
		default:
			return model.Date{}, "", bad
		}
	default:
		return model.Date{}, "", bad
	}
	date, err = makeDate(text, y, m, d)
	return date, proved, err
}

// isoDate is the fast path for YYYY-MM-DD, optionally followed by a time ("T10:00:00Z").
func isoDate(s string) (model.Date, bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' || (len(s) > 10 && ((s[10] != 'T' && s[10] != ' ') || len(s) == 11 || !isDigit(rune(s[11])))) {
		return model.Date{}, false
	}
	y, ok1 := atoi(s[0:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return model.Date{}, false
	}
	date, err := makeDate(s, y, m, d)
	return date, err == nil
}

// atoi reads a short run of ASCII digits.
func atoi(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, len(s) > 0
}

func allDigits(s string) bool {
	_, ok := atoi(s)
	return ok && len(s) < 10
}

// makeDate checks that the day exists and the year is in range.
func makeDate(text string, y, m, d int) (model.Date, error) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return model.Date{}, fmt.Errorf("%q is not a date (month %d, day %d)", text, m, d)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return model.Date{}, fmt.Errorf("%q is not a date (%s has %d days)", text, time.Month(m), daysIn(y, m))
	}
	if y < model.MinYear || y > model.MaxYear {
		return model.Date{}, fmt.Errorf("%q is out of range (years %d to %d)", text, model.MinYear, model.MaxYear)
	}
	return model.NewDate(y, time.Month(m), d), nil
}

func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// year reads a four- or two-digit year; two digits mean 2000–2099.
func year(s string) int {
	v, _ := strconv.Atoi(s)
	if len(s) == 2 {
		v += 2000
	}
	return v
}

// stripTime drops a time of day after the date: "3/4/2025 10:00 AM", "2025-03-04T10:00".
func stripTime(s string) string {
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return s
	}
	if t := strings.IndexByte(s, 'T'); t > 0 && t < colon {
		return s[:t]
	}
	if sp := strings.LastIndexByte(s[:colon], ' '); sp > 0 {
		return s[:sp]
	}
	return s
}

// dateTokens splits a date on its separators; seps is "." when dots separate numbers.
func dateTokens(s string) (toks []string, seps string) {
	toks = strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '-', '/', '.', ' ', ',':
			return true
		}
		return false
	})
	if strings.Count(s, ".") >= 2 && !strings.ContainsAny(s, "/-") {
		seps = "."
	}
	return toks, seps
}

// monthNumber reads an English month name or an abbreviation of at least three letters
// ("Mar", "March", "Sept").
func monthNumber(s string) int {
	s = strings.ToLower(s)
	if len(s) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), s) {
			return int(m)
		}
	}
	return 0
}

func dayMonth(d, m int) string { return fmt.Sprintf("%d %s", d, time.Month(m)) }
func monthDay(m, d int) string { return fmt.Sprintf("%s %d", time.Month(m), d) }

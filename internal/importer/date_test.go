package importer

import (
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct{ in, order, want string }{
		{"2025-03-04", "", "2025-03-04"},
		{"2025-03-04T10:30:00Z", "", "2025-03-04"},
		{"2025-03-04 10:30", "", "2025-03-04"},
		{"2025/3/4", "", "2025-03-04"},
		{"03/14/2025", "", "2025-03-14"},
		{"14/03/2025", "", "2025-03-14"},
		{"3/4/2025", "MDY", "2025-03-04"},
		{"3/4/2025", "DMY", "2025-04-03"},
		{"03-04-2025", "DMY", "2025-04-03"},
		{"03/03/2025", "", "2025-03-03"},
		{"04.03.2025", "", "2025-03-04"},
		{"04.03.2025", "MDY", "2025-03-04"},
		{"3/14/25", "", "2025-03-14"},
		{"3/14/2025 10:00 AM", "", "2025-03-14"},
		{"Mar 4, 2025", "", "2025-03-04"},
		{"March 4 2025", "", "2025-03-04"},
		{"4 March 2025", "", "2025-03-04"},
		{"04-Mar-25", "", "2025-03-04"},
		{"Sept 30, 2025", "", "2025-09-30"},
		{"45720", "", "2025-03-04"},
		{"2024-02-29", "", "2024-02-29"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in, tt.order)
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDate(%q, %q) = %s %v; want %s", tt.in, tt.order, d, err, tt.want)
		}
	}
}

func TestParseDateRefuses(t *testing.T) {
	tests := []struct{ in, order, msg string }{
		{"03/04/2025", "", `"03/04/2025" is ambiguous (3 April or March 4); pass --date-format DMY or --date-format MDY`},
		{"2025-02-29", "", `"2025-02-29" is not a date (February has 28 days)`},
		{"2025-13-01", "", `"2025-13-01" is not a date (month 13, day 1)`},
		{"13/14/2025", "", `"13/14/2025" is not a date; write YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY`},
		{"14/03/2025", "MDY", `"14/03/2025" is not a date (month 14, day 3)`},
		{"1850-01-01", "", `"1850-01-01" is out of range (years 1900 to 2199)`},
		{"next Tuesday", "", `"next Tuesday" is not a date; write YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY`},
		{"12345", "", `"12345" is not a date; write YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY`},
		{"", "", "is empty; want a date such as 2025-03-04"},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in, tt.order)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("ParseDate(%q, %q) error = %v; want %s", tt.in, tt.order, err, tt.msg)
		}
	}
}

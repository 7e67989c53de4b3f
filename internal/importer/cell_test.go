package importer

import (
	"slices"
	"testing"

	"github.com/rivals-app/rivals/model"
)

func TestParseCell(t *testing.T) {
	tests := []struct {
		in    string
		level model.Level
		note  string
		marks []string
		ok    bool
	}{
		{"", "", "", nil, true},
		{"  ", "", "", nil, true},
		{"yes", model.LevelYes, "", nil, true},
		{"Y", model.LevelYes, "", nil, true},
		{"TRUE", model.LevelYes, "", nil, true},
		{"✓", model.LevelYes, "", nil, true},
		{"✔️", model.LevelYes, "", nil, true},
		{"✅", model.LevelYes, "", nil, true},
		{"No", model.LevelNo, "", nil, true},
		{"N", model.LevelNo, "", nil, true},
		{"false", model.LevelNo, "", nil, true},
		{"✗", model.LevelNo, "", nil, true},
		{"x", model.LevelNo, "", nil, true},
		{"❌", model.LevelNo, "", nil, true},
		{"—", model.LevelNo, "", nil, true},
		{"N/A", model.LevelNo, "N/A", nil, true},
		{"partial", model.LevelPartial, "", nil, true},
		{"Limited", model.LevelPartial, "", nil, true},
		{"Beta", model.LevelPartial, "Beta", nil, true},
		{"roadmap", model.LevelRoadmap, "", nil, true},
		{"Coming soon", model.LevelRoadmap, "", nil, true},
		{"?", model.LevelUnknown, "", nil, true},
		{"Yes (via plugin)", model.LevelYes, "via plugin", nil, true},
		{"Yes, on Enterprise", model.LevelYes, "on Enterprise", nil, true},
		{"Yes[1]", model.LevelYes, "", []string{"[1]"}, true},
		{"Yes*", model.LevelYes, "", []string{"*"}, true},
		{"Yes¹", model.LevelYes, "", []string{"¹"}, true},
		{"✅ Included [2]", model.LevelYes, "Included", []string{"[2]"}, true},
		{"Yes[1] (via plugin)", model.LevelYes, "via plugin", []string{"[1]"}, true},
		{"No - planned for Q3", model.LevelNo, "planned for Q3", nil, true},
		{"Enterprise only", model.LevelPartial, "Enterprise only", nil, true},
		{"Add-on", model.LevelPartial, "Add-on", nil, true},
		{"Unlimited", model.LevelYes, "Unlimited", nil, true},
		{"Contact us", model.LevelUnknown, "Contact us", nil, false},
		{"10 languages", model.LevelUnknown, "10 languages", nil, false},
		{"Yesterday", model.LevelUnknown, "Yesterday", nil, false},
		{"Xero", model.LevelUnknown, "Xero", nil, false},
	}
	for _, tt := range tests {
		level, note, marks, ok := ParseCell(tt.in)
		if level != tt.level || note != tt.note || !slices.Equal(marks, tt.marks) || ok != tt.ok {
			t.Errorf("ParseCell(%q) = %q %q %q %v; want %q %q %q %v", tt.in, level, note, marks, ok, tt.level, tt.note, tt.marks, tt.ok)
		}
	}
}

func TestFootnote(t *testing.T) {
	tests := []struct{ in, mark, text string }{
		{"[1] Enterprise plan only", "[1]", "Enterprise plan only"},
		{"* Billed annually", "*", "Billed annually"},
		{"** Beta", "**", "Beta"},
		{"¹ EU only", "¹", "EU only"},
		{"(2) With add-on", "(2)", "With add-on"},
		{"† Partner", "†", "Partner"},
	}
	for _, tt := range tests {
		mark, text, ok := footnote(tt.in)
		if !ok || mark != tt.mark || text != tt.text {
			t.Errorf("footnote(%q) = %q %q %v; want %q %q", tt.in, mark, text, ok, tt.mark, tt.text)
		}
	}
	for _, in := range []string{"Single sign-on", "[Beta] SSO", "(via plugin)", "*"} {
		if m, _, ok := footnote(in); ok {
			t.Errorf("footnote(%q) found %q", in, m)
		}
	}
}

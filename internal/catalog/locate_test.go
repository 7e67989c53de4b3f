package catalog

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

func TestLocatedErrorString(t *testing.T) {
	tests := []struct {
		err  LocatedError
		want string
	}{
		{LocatedError{File: "c.json", Line: 120, Col: 7, Path: "competitors[3].threat", Msg: "bad"}, "c.json:120:7: competitors[3].threat: bad"},
		{LocatedError{File: "c.json", Line: 1, Col: 1, Msg: "bad"}, "c.json:1:1: bad"},
		{LocatedError{File: "c.json", Path: "plans[9]", Msg: "bad"}, "c.json: plans[9]: bad"},
		{LocatedError{File: "c.json", Msg: "file is empty"}, "c.json: file is empty"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// decodeErrorCases are files Decode refuses, with its error.
var decodeErrorCases = []struct {
	name  string
	input string
	want  string // the full error string
	line  int    // 0 to skip the separate line check
}{
	{
		name: "trailing comma",
		input: `{
  "version": 1,
  "competitors": [
    {"slug": "acme", "name": "Acme"},
  ]
}`,
		want: `c.json:5:3: invalid JSON: invalid character ']' looking for beginning of value`,
		line: 5,
	},
	{
		name:  "unexpected end of input",
		input: `{"version": 1, "competitors": [`,
		want:  `c.json:1:32: invalid JSON: unexpected end of JSON input`,
	},
	{
		name: "top-level unknown key",
		input: `{
  "version": 1,
  "competitor": []
}`,
		want: "c.json:3:3: competitor: " + unknownKeyMsg,
	},
	{
		name:  "top-level unknown key after a BOM",
		input: "\xef\xbb\xbf{\"version\": 1, \"x\": []}",
		want:  "c.json:1:16: x: " + unknownKeyMsg,
	},
	{
		name:  "top-level unknown key with CRLF line ends",
		input: "{\r\n  \"version\": 1,\r\n  \"compeditors\": []\r\n}",
		want:  "c.json:3:3: compeditors: " + unknownKeyMsg,
	},
	{
		name: "unknown field in a record",
		input: `{
  "version": 1,
  "competitors": [
    {
      "slug": "acme",
      "nmae": "Acme"
    }
  ]
}`,
		want: `c.json:6:7: competitors[0].nmae: unknown field (see docs/catalog-format.md)`,
	},
	{
		name: "unknown field in the second record",
		input: `{
  "version": 1,
  "competitors": [
    {"slug": "a", "name": "A"},
    {"slug": "b", "name": "B", "threat_level": "high"}
  ]
}`,
		want: `c.json:5:32: competitors[1].threat_level: unknown field (see docs/catalog-format.md)`,
	},
	{
		name:  "column counts characters, not bytes",
		input: `{"version": 1, "competitors": [{"slug": "cafe", "name": "Café ☕", "nmae": 1}]}`,
		want:  `c.json:1:67: competitors[0].nmae: unknown field (see docs/catalog-format.md)`,
	},
	{
		name: "unknown field whose name is also an earlier value",
		input: `{
  "version": 1,
  "support": [
    {"competitor": "acme", "feature": "notes", "level": "yes", "notes": "SSO on Enterprise"}
  ]
}`,
		want: `c.json:4:64: support[0].notes: unknown field (see docs/catalog-format.md)`,
		line: 4,
	},
	{
		name: "unknown field inside an observation",
		input: `{
  "version": 1,
  "plans": [
    {
      "competitor": "a",
      "observations": [
        {"observed_at": "2026-01-01", "price": 4900}
      ]
    }
  ]
}`,
		want: `c.json:7:39: plans[0].observations[0].price: unknown field (see docs/catalog-format.md)`,
		line: 7,
	},
	{
		name: "wrong type",
		input: `{
  "version": 1,
  "competitors": [
    {"slug": "a", "name": "A", "founded": "2017"}
  ]
}`,
		want: `c.json:4:43: competitors[0].founded: got string, want a whole number`,
	},
	{
		name:  "string with spaces, commas and brackets for an integer",
		input: `{"version": 1, "competitors": [{"slug":"a","founded":"about 2017, [maybe] {x: 1}"}]}`,
		want:  `c.json:1:54: competitors[0].founded: got string, want a whole number`,
	},
	{
		name:  "float for an integer",
		input: `{"version": 1, "competitors": [{"slug":"a","founded":1.5}]}`,
		want:  `c.json:1:54: competitors[0].founded: got number 1.5, want a whole number`,
	},
	{
		name:  "string for a bool",
		input: `{"version": 1, "competitors": [{"slug":"a","is_self":"yes"}]}`,
		want:  `c.json:1:54: competitors[0].is_self: got string, want true or false`,
	},
	{
		name: "string for an array in the third record",
		input: `{"version": 1, "deals": [
  {"ref": "a"},
  {"ref": "b"},
  {"ref": "c", "competitors": "acme"}
]}`,
		want: `c.json:4:31: deals[2].competitors: got string, want an array`,
	},
	{
		name: "string amount in an observation",
		input: `{
  "version": 1,
  "plans": [
    {
      "competitor": "a",
      "name": "Pro",
      "observations": [
        {"observed_at": "2026-01-01", "amount": 4900},
        {"observed_at": "2026-02-01", "amount": "5900"}
      ]
    }
  ]
}`,
		want: `c.json:9:49: plans[0].observations[1].amount: got string, want a whole number`,
		line: 9,
	},
	{
		name: "bad date",
		input: `{
  "version": 1,
  "notes": [
    {
      "competitor": "a",
      "date": "2026-02-30",
      "title": "x"
    }
  ]
}`,
		want: `c.json:6:15: notes[0].date: "2026-02-30" is not a date (want "YYYY-MM-DD")`,
	},
	{
		name:  "date of the wrong type",
		input: `{"version": 1, "notes": [{"competitor": "a", "date": 20260214}]}`,
		want:  `c.json:1:54: notes[0].date: 20260214 is not a date (want "YYYY-MM-DD")`,
	},
	{
		name: "bad date in an observation",
		input: `{
  "version": 1,
  "plans": [
    {
      "competitor": "a",
      "name": "Pro",
      "observations": [
        {"observed_at": "2026-01-01", "amount": 4900},
        {"observed_at": "2026-13-01", "amount": 5900}
      ]
    }
  ]
}`,
		want: `c.json:9:25: plans[0].observations[1].observed_at: "2026-13-01" is not a date (want "YYYY-MM-DD")`,
	},
	{
		name: "missing version",
		input: `{
  "competitors": []
}`,
		want: `c.json:1:1: version: is required (this build writes 1)`,
	},
	{
		name: "newer version",
		input: `{
  "version": 2,
  "competitors": []
}`,
		want: `c.json:2:14: version: catalog format 2 is newer than this rivals understands (1); upgrade rivals`,
	},
	{name: "version zero", input: `{"version": 0}`, want: `c.json:1:13: version: must be a whole number ≥ 1`},
	{name: "version negative", input: `{"version": -1}`, want: `c.json:1:13: version: must be a whole number ≥ 1`},
	{name: "version fraction", input: `{"version": 1.5}`, want: `c.json:1:13: version: must be a whole number ≥ 1`},
	{name: "version huge", input: `{"version": 1e400}`, want: `c.json:1:13: version: must be a whole number ≥ 1`},
	{name: "version not a number", input: `{"version": "one"}`, want: `c.json:1:13: version: must be a whole number ≥ 1`},
	{name: "version bool", input: `{"version": true}`, want: `c.json:1:13: version: must be a whole number ≥ 1`},
	{name: "top level is an array", input: `[]`, want: `c.json:1:1: a catalog must be a JSON object`},
	{name: "top level is a string", input: "\n  \"catalog\"", want: `c.json:2:3: a catalog must be a JSON object`},
	{name: "top level is null", input: `null`, want: `c.json:1:1: a catalog must be a JSON object`},
	{name: "kind is an object", input: `{"version": 1, "deals": {}}`, want: `c.json:1:25: deals: must be an array`},
	{name: "kind is null", input: `{"version": 1, "cards": null}`, want: `c.json:1:25: cards: must be an array`},
	{
		name:  "record is not an object",
		input: `{"version": 1, "competitors": ["acme"]}`,
		want:  `c.json:1:32: competitors[0]: got string, want an object`,
		line:  1,
	},
	{
		name: "kind repeated",
		input: `{
  "version": 1,
  "competitors": [{"slug": "a", "name": "A"}],
  "competitors": [{"slug": "b", "founded": "x"}]
}`,
		want: `c.json:4:44: competitors[1].founded: got string, want a whole number`,
	},
	{name: "empty file", input: ``, want: `c.json: file is empty`},
	{name: "blank file", input: " \n\t", want: `c.json: file is empty`},
}

func TestDecodeErrors(t *testing.T) {
	tests := decodeErrorCases
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ix, err := Decode("c.json", []byte(tt.input))
			if ix == nil {
				t.Errorf("Decode returned a nil Index with its error")
			}
			le, ok := err.(*LocatedError)
			if !ok {
				t.Fatalf("Decode error = %v (%T), want a *LocatedError", err, err)
			}
			if le.File != "c.json" {
				t.Errorf("File = %q, want c.json", le.File)
			}
			if tt.line != 0 && le.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", le.Line, tt.line, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Decode error\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestDecodeEmptyInputIsLocated(t *testing.T) {
	// Whatever the wording (see the "empty file" case above), empty input is a located error.
	for _, in := range []string{"", " ", "\n\n", "\xef\xbb\xbf"} {
		_, _, err := Decode("c.json", []byte(in))
		if le, ok := err.(*LocatedError); !ok || le.File != "c.json" || le.Msg == "" {
			t.Errorf("Decode(%q) = %v, want a *LocatedError", in, err)
		}
	}
}

// TestDecodeNestedTypeErrorPosition checks the parts of a nested type error that are right today:
// the position and the message (the path is wrong, see "string amount in an observation").
func TestDecodeNestedTypeErrorPosition(t *testing.T) {
	in := "{\"version\": 1, \"plans\": [{\"competitor\": \"a\", \"observations\": [\n" +
		"  {\"observed_at\": \"2026-01-01\"},\n" +
		"  {\"observed_at\": \"2026-02-01\", \"amount\": \"49\\\"00\"}]}]}"
	_, _, err := Decode("c.json", []byte(in))
	le, ok := err.(*LocatedError)
	if !ok {
		t.Fatalf("Decode error = %v, want a *LocatedError", err)
	}
	if le.Line != 3 || le.Col != 43 || le.Msg != "got string, want a whole number" {
		t.Errorf("got %d:%d %q, want 3:43 %q", le.Line, le.Col, le.Msg, "got string, want a whole number")
	}
	if !strings.HasPrefix(le.Path, "plans[0].observations") || !strings.HasSuffix(le.Path, "amount") {
		t.Errorf("Path = %q, want plans[0].observations…amount", le.Path)
	}
}

func TestLocate(t *testing.T) {
	_, ix, err := Decode("c.json", []byte(locateInput))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	tests := []struct {
		kind  string
		i     int
		field string
		want  string
	}{
		{"plans", 0, "observations[1].amount", "c.json:17:21: plans[0].observations[1].amount: m"},
		{"plans", 0, "observations[0].tiers[0].up_to", "c.json:13:31: plans[0].observations[0].tiers[0].up_to: m"},
		{"plans", 0, "observations[1].tiers[1].amount", "c.json:18:50: plans[0].observations[1].tiers[1].amount: m"},
		{"plans", 0, "observations[1].tiers", "c.json:18:20: plans[0].observations[1].tiers: m"},
		{"plans", 0, "observations[1]", "c.json:15:9: plans[0].observations[1]: m"},
		{"plans", 0, "observations", "c.json:10:23: plans[0].observations: m"},
		{"plans", 0, "name", "c.json:6:15: plans[0].name: m"},
		// Absent fields point at the deepest part of the path that exists.
		{"plans", 0, "source", "c.json:4:5: plans[0].source: m"},
		{"plans", 0, "", "c.json:4:5: plans[0]: m"},
		{"plans", 0, "observations[1].tiers[0].up_to", "c.json:18:21: plans[0].observations[1].tiers[0].up_to: m"},
		{"plans", 0, "observations[1].note", "c.json:15:9: plans[0].observations[1].note: m"},
		{"plans", 0, "observations[7].amount", "c.json:10:23: plans[0].observations[7].amount: m"},
		{"plans", 0, "name.first", "c.json:6:15: plans[0].name.first: m"},
		{"plans", 1, "name", "c.json:22:36: plans[1].name: m"},
		{"plans", 1, "unit", "c.json:22:5: plans[1].unit: m"},
		{"deals", 0, "competitors[1]", "c.json:25:88: deals[0].competitors[1]: m"},
		{"deals", 0, "competitors[0]", "c.json:25:80: deals[0].competitors[0]: m"},
		{"deals", 0, "[1]", "c.json:25:5: deals[0][1]: m"}, // an index-only field joins without a dot
		// Records that are not in the file cannot be placed.
		{"plans", 2, "name", "c.json: plans[2].name: m"},
		{"plans", -1, "", "c.json: plans[-1]: m"},
		{"cards", 0, "owner", "c.json: cards[0].owner: m"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s[%d].%s", tt.kind, tt.i, tt.field), func(t *testing.T) {
			if got := ix.Locate(tt.kind, tt.i, tt.field, "m").Error(); got != tt.want {
				t.Errorf("Locate\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestLocateError(t *testing.T) {
	cat, ix, err := Decode("c.json", []byte(locateInput))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	tests := []struct {
		name string
		kind string
		i    int
		err  error
		want string // full error string, or a prefix ending in ": " when the message is long
	}{
		{"validation error of a plan", "plans", 0, cat.Plans[0].Validate(),
			"c.json:18:21: plans[0].observations[1].tiers[0].up_to: must be greater than the previous tier's (0)"},
		{"validation error of a deal", "deals", 0, cat.Deals[0].Validate(), "c.json:25:88: deals[0].competitors[1]: "},
		{"field error at a present field", "plans", 0, &model.FieldError{Field: "observations[1].amount", Msg: "too high"},
			"c.json:17:21: plans[0].observations[1].amount: too high"},
		{"wrapped field error", "plans", 1, fmt.Errorf("store: %w", &model.FieldError{Field: "name", Msg: "taken"}),
			"c.json:22:36: plans[1].name: taken"},
		{"field error without a field", "plans", 1, &model.FieldError{Msg: "duplicate"}, "c.json:22:5: plans[1]: duplicate"},
		{"plain error", "plans", 1, errors.New(`unknown competitor "acme"`), `c.json:22:5: plans[1]: unknown competitor "acme"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatalf("fixture error is nil")
			}
			err := ix.LocateError(tt.kind, tt.i, tt.err)
			var le *LocatedError
			if !errors.As(err, &le) {
				t.Fatalf("LocateError = %v (%T), want a *LocatedError", err, err)
			}
			got := err.Error()
			if strings.HasSuffix(tt.want, ": ") {
				if !strings.HasPrefix(got, tt.want) {
					t.Errorf("LocateError\n got: %s\nwant prefix: %s", got, tt.want)
				}
			} else if got != tt.want {
				t.Errorf("LocateError\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestDecodeErrorsAtExactKeys(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{
			name:  "key in the wrong case",
			input: "{\"version\": 1, \"competitors\": [\n  {\"slug\": \"a\", \"name\": \"x\", \"Name\": \"y\"}\n]}",
			want:  `c.json:2:30: competitors[0].Name: unknown field (see docs/catalog-format.md)`,
		},
		{
			name: "unknown key nested where a sibling object has it",
			input: "{\"version\": 1, \"plans\": [{\"competitor\": \"a\", \"name\": \"P\", \"model\": \"tiered\", \"currency\": \"USD\", \"period\": \"month\",\n" +
				"  \"observations\": [{\"observed_at\": \"2026-01-01\", \"note\": \"ok\",\n    \"tiers\": [{\"amount\": 1, \"note\": \"bad\"}]}]}]}",
			want: `c.json:3:29: plans[0].observations[0].tiers[0].note: unknown field (see docs/catalog-format.md)`,
		},
		{
			name:  "bad timestamp",
			input: "{\"version\": 1, \"competitors\": [\n  {\"slug\": \"a\", \"name\": \"x\",\n   \"created_at\": \"yesterday\"}\n]}",
			want:  `c.json:3:18: competitors[0].created_at: "yesterday" is not a timestamp (want RFC 3339 such as "2026-03-14T09:30:00Z")`,
		},
		{
			name:  "timestamp of the wrong type",
			input: "{\"version\": 1, \"competitors\": [{\"slug\": \"a\", \"name\": \"x\", \"updated_at\": 12}]}",
			want:  `c.json:1:73: competitors[0].updated_at: got 12, want a timestamp such as "2026-03-14T09:30:00Z"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode("c.json", []byte(tt.input))
			if err == nil || err.Error() != tt.want {
				t.Errorf("Decode error\n got: %v\nwant: %s", err, tt.want)
			}
		})
	}
}

// TestDecodeRefusesInvalidUTF8: encoding/json would read the bytes as U+FFFD and the import
// would store text the file does not hold; the file is refused at the first bad byte instead.
func TestDecodeRefusesInvalidUTF8(t *testing.T) {
	in := "{\"version\": 1, \"competitors\": [\n  {\"slug\": \"a\", \"name\": \"Caf\xe9 \xff\"}]}"
	_, _, err := Decode("c.json", []byte(in))
	want := "c.json:2:29: byte 0xE9 is not UTF-8 (the file may be in a legacy encoding such as Windows-1252); save it as UTF-8"
	if err == nil || err.Error() != want {
		t.Errorf("Decode = %v, want %s", err, want)
	}
	// A lone surrogate escape is valid JSON; it reads as U+FFFD, as encoding/json defines.
	cat, _, err := Decode("c.json", []byte(`{"version": 1, "competitors": [{"slug": "a", "name": "lone \ud800"}]}`))
	if err != nil || cat.Competitors[0].Name != "lone \uFFFD" {
		t.Errorf("lone surrogate: %v %+v", err, cat.Competitors)
	}
}

// TestDecodeRefusesHugeStrings: a string longer than any field takes is refused, with its
// place, before it is decoded.
func TestDecodeRefusesHugeStrings(t *testing.T) {
	huge := strings.Repeat("x", MaxStringSize+1)
	in := "{\"version\": 1, \"competitors\": [\n  {\"slug\": \"a\", \"name\": \"A\"},\n  {\"slug\": \"b\", \"tags\": [\"t\", \"" + huge + "\"]}]}"
	_, _, err := Decode("c.json", []byte(in))
	want := "c.json:3:31: competitors[1].tags[1]: a string of 4.1 MB; strings over 4 MB are not read"
	if err == nil || err.Error() != want {
		t.Errorf("Decode = %v, want %s", err, want)
	}
	// Escapes count as written: at the limit, a string is read.
	atLimit := strings.Repeat(`\"`, MaxStringSize/2)
	cat, _, err := Decode("c.json", []byte(`{"version": 1, "competitors": [{"slug": "a", "positioning": "`+atLimit+`"}]}`))
	if err != nil || len(cat.Competitors[0].Positioning) != MaxStringSize/2 {
		t.Errorf("a string at the limit: %v", err)
	}
}

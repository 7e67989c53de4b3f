package hostile

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Refusal is a catalog file rivals must refuse whole, and the error it must give.
type Refusal struct {
	// Name says what the file tries.
	Name string
	// Data is the file's content.
	Data []byte
	// Want is a part of the one-line error (after the file name and position).
	Want string
}

// MB is the size of the "1 MB" strings: a megabyte of payloads.
const MB = 1_000_000

// quote encodes s as a JSON string.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// catalogOf returns a catalog file with one list holding the records given as JSON objects.
func catalogOf(kind string, records ...string) []byte {
	return []byte(fmt.Sprintf("{\n  \"version\": 1,\n  %q: [\n    %s\n  ]\n}\n", kind, strings.Join(records, ",\n    ")))
}

// competitor returns a competitor record with one field set to value (already JSON).
func competitor(slug, field, value string) string {
	switch field {
	case "slug":
		return fmt.Sprintf(`{"slug": %s, "name": "Name"}`, value)
	case "name":
		return fmt.Sprintf(`{"slug": %q, "name": %s}`, slug, value)
	}
	return fmt.Sprintf(`{"slug": %q, "name": "Name", %q: %s}`, slug, field, value)
}

// Refused returns hostile catalog files that rivals refuses, each with the error it gives:
// strings over the length limits (1 MB of payloads in a name, a card, a note), slugs and keys
// that would be paths or carry controls, URLs that are not http(s) or hold controls, NUL bytes
// in any text, invalid UTF-8, and a JSON string too large to decode at all.
func Refused() []Refusal {
	mb := Long(MB)
	card := func(field, value string) []byte {
		return fmt.Appendf(nil, "{\"version\": 1,\n\"competitors\": [{\"slug\": \"x\", \"name\": \"X\"}],\n\"cards\": [{\"competitor\": \"x\", %q: %s}]}\n", field, value)
	}
	list := make([]string, 3)
	for i := range list {
		list[i] = quote("same\u001b[2J tag")
	}
	return []Refusal{
		{"1 MB name", catalogOf("competitors", competitor("x", "name", quote(mb))), `competitors[0].name: is 1000000 characters long (at most 120)`},
		{"1 MB positioning", catalogOf("competitors", competitor("x", "positioning", quote(mb))), `competitors[0].positioning: is 1000000 characters long (at most 500)`},
		{"1 MB card overview", card("overview", quote(mb)), `cards[0].overview: is 1000000 characters long (at most 100000)`},
		{"1 MB card bullet", card("why_we_win", "["+quote(mb)+"]"), `cards[0].why_we_win[0]: is 1000000 characters long (at most 100000)`},
		{"1 MB tag", catalogOf("competitors", competitor("x", "tags", "["+quote(mb)+"]")), `competitors[0].tags[0]: is 1000000 characters long (at most 120)`},
		{"1 MB note body", catalogOf("notes", fmt.Sprintf(`{"competitor": "x", "date": "2026-01-01", "title": "T", "body": %s}`, quote(mb))), `notes[0].body: is 1000000 characters long (at most 100000)`},
		{"1 MB deal ref", catalogOf("deals", fmt.Sprintf(`{"ref": %s, "closed_at": "2026-01-01", "outcome": "won", "competitors": ["x"]}`, quote(mb))), `deals[0].ref: is 1000000 characters long (at most 64)`},
		{"tag repeated", catalogOf("competitors", competitor("x", "tags", "["+strings.Join(list, ", ")+"]")), `competitors[0].tags[1]: "same\x1b[2J tag" is listed twice`},
		{"slug with ../", catalogOf("competitors", competitor("", "slug", quote("../../etc/passwd"))), `competitors[0].slug: "../../etc/passwd" is not a valid slug`},
		{"absolute slug", catalogOf("competitors", competitor("", "slug", quote("/etc/passwd"))), `competitors[0].slug: "/etc/passwd" is not a valid slug`},
		{"slug with a backslash", catalogOf("competitors", competitor("", "slug", quote(`..\..\windows`))), `is not a valid slug`},
		{"slug with an escape", catalogOf("competitors", competitor("", "slug", quote("evil\u001b[2J"))), `competitors[0].slug: "evil\x1b[2J" is not a valid slug`},
		{"slug with NUL", catalogOf("competitors", competitor("", "slug", quote("evil\u0000.md"))), `competitors[0].slug: "evil\x00.md" is not a valid slug`},
		{"slug with bidi override", catalogOf("competitors", competitor("", "slug", quote("gpj\u202eexe"))), `competitors[0].slug: "gpj\u202eexe" is not a valid slug`},
		{"slug over 64 characters", catalogOf("competitors", competitor("", "slug", quote(strings.Repeat("a", 65)))), `is not a valid slug (lower-case letters, digits and single dashes, at most 64 characters)`},
		{"feature key with ../", catalogOf("features", `{"key": "../f", "name": "F", "category": "C"}`), `features[0].key: "../f" is not a valid key`},
		{"reason code with SQL", catalogOf("reason_codes", fmt.Sprintf(`{"code": %s, "label": "L"}`, quote("x'; DROP TABLE deals; --"))), `reason_codes[0].code: "x'; DROP TABLE deals; --" is not a valid code`},
		{"javascript: website", catalogOf("competitors", competitor("x", "website", quote("javascript:alert(1)"))), `competitors[0].website: "javascript:alert(1)" is not an http(s) URL`},
		{"data: website", catalogOf("competitors", competitor("x", "website", quote("data:text/html,<script>alert(1)</script>"))), `is not an http(s) URL`},
		{"URL with an escape", catalogOf("competitors", competitor("x", "website", quote("https://evil.example/\u001b]8;;x\u0007"))), `competitors[0].website: "https://evil.example/\x1b]8;;x\a" is not an http(s) URL`},
		{"URL with NUL", catalogOf("competitors", competitor("x", "website", quote("https://evil.example/\u0000"))), `is not an http(s) URL`},
		{"NUL in a name", catalogOf("competitors", competitor("x", "name", quote("harbor\u0000line"))), `competitors[0].name: contains a NUL byte (character 7)`},
		{"NUL in a note body", catalogOf("notes", fmt.Sprintf(`{"competitor": "x", "date": "2026-01-01", "title": "T", "body": %s}`, quote("ok\u0000"))), `notes[0].body: contains a NUL byte`},
		{"invalid UTF-8", catalogOf("competitors", `{"slug": "x", "name": "bad `+"\xff\xfe"+` bytes"}`), `byte 0xFF is not UTF-8`},
		{"string too large to decode", catalogOf("competitors", competitor("x", "positioning", quote(strings.Repeat("x", 5<<20)))), `a string of 5 MB; strings over 4 MB are not read`},
	}
}

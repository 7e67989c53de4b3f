package termtext

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Harborline raised prices", "Harborline raised prices"},
		{"newline kept", "a\nb", "a\nb"},
		{"csi colour", "\x1b[31mred\x1b[0m", "red"},
		{"csi clear screen", "x\x1b[2Jy", "xy"},
		{"osc8 link", "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07", "click"},
		{"osc52 clipboard", "a\x1b]52;c;cm0gLXJmIH4=\x1b\\b", "ab"},
		{"title set", "\x1b]0;pwned\x07ok", "ok"},
		{"dcs", "\x1bPq#0;2;0;0;0\x1b\\done", "done"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"bell and backspace", "a\x07b\x08c", "abc"},
		{"carriage return", "safe\roverwrite", "safeoverwrite"},
		{"tab", "a\tb", "a b"},
		{"bidi override", "abc\u202Eevil\u202C", "abcevil"},
		{"zero width", "pay\u200Bpal", "paypal"},
		{"nul", "a\x00b", "ab"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"emoji and accents kept", "Café ✓ 🚀", "Café ✓ 🚀"},
		{"truncated escape", "abc\x1b[", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	if got := Line("  two\n lines\t\there  "); got != "two lines here" {
		t.Errorf("Line = %q", got)
	}
	if got := Line("already fine"); got != "already fine" {
		t.Errorf("Line = %q", got)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "\x1b]8;;x\x07y", "a\u202eb", "\xff\xfe", "\u009b1m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Clean(s), Line(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range out {
				if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || invisible(r) {
					t.Fatalf("control %U survived in %q (from %q)", r, out, s)
				}
			}
			if strings.Contains(out, "\x1b") {
				t.Fatalf("escape survived in %q", out)
			}
		}
		if strings.Contains(Line(s), "\n") {
			t.Fatalf("Line kept a newline: %q", s)
		}
		if Clean(Clean(s)) != Clean(s) {
			t.Fatalf("Clean is not idempotent on %q", s)
		}
	})
}

func TestJSONSafe(t *testing.T) {
	in := []byte(`{"name":"Red` + "\u009b31m" + `Evil` + "\u202e" + `gpj.exe","ok":"Café ✓"}`)
	got := string(JSONSafe(in))
	want := `{"name":"Red\u009b31mEvil\u202egpj.exe","ok":"Café ✓"}`
	if got != want {
		t.Errorf("JSONSafe = %s, want %s", got, want)
	}
	var a, b map[string]string
	if err := json.Unmarshal(in, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(got), &b); err != nil || a["name"] != b["name"] {
		t.Errorf("JSONSafe changed the value: %q vs %q (%v)", a["name"], b["name"], err)
	}
}

// TestWriteJSONEscapesDEL: encoding/json leaves DEL (U+007F) raw; JSON printed to a terminal
// must carry no control character at all.
func TestWriteJSONEscapesDEL(t *testing.T) {
	var b strings.Builder
	if err := WriteJSON(&b, map[string]string{"name": "del\x7fend"}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(b.String(), 0x7f) || !strings.Contains(b.String(), `del\u007fend`) {
		t.Errorf("WriteJSON = %q", b.String())
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(b.String()), &back); err != nil || back["name"] != "del\x7fend" {
		t.Errorf("the value changed: %q (%v)", back["name"], err)
	}
}

// FuzzWriteJSON: whatever a string holds, WriteJSON prints valid JSON of the same value with
// no character that acts on a terminal.
func FuzzWriteJSON(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "\x7f", "\u009b1m", "a\u202eb", "\xff", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		if err := WriteJSON(&b, []string{s}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		var got, want []string
		plain, _ := json.Marshal([]string{s})
		if err := json.Unmarshal([]byte(out), &got); err != nil || json.Unmarshal(plain, &want) != nil || got[0] != want[0] {
			t.Fatalf("WriteJSON(%q) = %s: value changed (%v)", s, out, err)
		}
		for _, r := range out {
			if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) || invisible(r) {
				t.Fatalf("WriteJSON(%q) holds %U", s, r)
			}
		}
	})
}

// StripInvisible removes exactly the characters Clean treats as invisible and keeps styling.
func TestStripInvisibleKeepsStyling(t *testing.T) {
	in := "\x1b[1mbold\x1b[0m a\u202eb\u200bc\u2066d\ufeff ✓"
	if got, want := StripInvisible(in), "\x1b[1mbold\x1b[0m abcd ✓"; got != want {
		t.Errorf("StripInvisible(%q) = %q, want %q", in, got, want)
	}
	if s := "plain ★ text"; StripInvisible(s) != s {
		t.Error("plain text changed")
	}
}

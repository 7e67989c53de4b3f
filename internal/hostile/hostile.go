// Package hostile builds catalogs whose text attacks whatever shows it: terminal escape
// sequences (CSI, OSC 8 links, OSC 52 clipboard writes, DCS), bidi overrides, zero-width and
// combining characters, C0 and C1 controls, HTML, Markdown and spreadsheet formulas. Tests
// import them and check that every output stays inert (see the Check functions).
//
// The hand-written strings live in testdata/hostile/payloads.json at the repository root; the
// compact catalog built from them is committed beside them as catalog.json (import it to try
// the TUI by hand), and Inflate adds the huge cases (10,000-item lists, texts at the length
// limit) at test time so the repository stays small. It is test support: nothing in rivals
// itself imports it.
package hostile

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

// Payload is one hand-written hostile string and what it tries.
type Payload struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Dir returns testdata/hostile at the root of the repository this package was built from.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "hostile")
}

var payloads = sync.OnceValues(func() ([]Payload, error) {
	path := filepath.Join(Dir(), "payloads.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ps []Payload
	if err := json.Unmarshal(data, &ps); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, p := range ps {
		// Every text field must take every payload unchanged: imports trim surrounding space
		// and names are limited to 120 characters.
		if p.Text == "" || strings.TrimSpace(p.Text) != p.Text || utf8.RuneCountInString(p.Text) > 120 {
			return nil, fmt.Errorf("%s: payload %q must be 1–120 characters without surrounding space", path, p.Name)
		}
	}
	return ps, nil
})

// Payloads returns the hand-written payloads of testdata/hostile/payloads.json. Each is 1–120
// characters, without surrounding white space, so any text field takes it as it is.
func Payloads() ([]Payload, error) { return payloads() }

// URLs are hostile addresses that are still valid http(s) URLs, so the catalog accepts them:
// C1 controls, bidi overrides and markup in the path, quotes that would end an attribute.
var URLs = []string{
	"https://evil.example/\u009b2J\u202egpj.exe",
	"https://evil.example/<script>alert(1)</script>",
	`https://evil.example/"onmouseover="alert(1)`,
	"https://user:pass@evil.example:8443/a?q=%1b%5b2J#frag\u200b",
	"https://evil.example/=1+1|calc",
	"http://evil.example/\u2066isolate\u2069/[x](javascript:alert(1))",
}

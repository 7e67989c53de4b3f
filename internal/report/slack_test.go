package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// mrkdwnSpan is one piece of a Slack message as Slack's mrkdwn reads it.
type mrkdwnSpan struct {
	Kind string // text, bold, italic, strike, code, link
	Text string
	URL  string
}

// mrkdwnToken matches what Slack formats inside a line: *bold*, _italic_, ~strike~, `code`
// (each opening after a space or the line's start and closing before a space, punctuation or
// the end) and <url|text> links.
var mrkdwnToken = regexp.MustCompile("(^|[\\s(])(\\*[^*\\n]+\\*|_[^_\\n]+_|~[^~\\n]+~|`[^`\\n]+`)([\\s.,;:!?)]|$)|<([^<>|]+)(?:\\|([^<>]+))?>")

// parseMrkdwn reads a line of Slack mrkdwn into spans: a tiny model of Slack's rendering,
// enough to see what a pasted message shows as bold, italic, a link or a mention.
func parseMrkdwn(line string) []mrkdwnSpan {
	var out []mrkdwnSpan
	rest := line
	for rest != "" {
		m := mrkdwnToken.FindStringSubmatchIndex(rest)
		if m == nil {
			out = append(out, mrkdwnSpan{Kind: "text", Text: rest})
			break
		}
		if m[2] >= 0 { // emphasis or code
			out = append(out, mrkdwnSpan{Kind: "text", Text: rest[:m[4]]})
			tok := rest[m[4]:m[5]]
			kind := map[byte]string{'*': "bold", '_': "italic", '~': "strike", '`': "code"}[tok[0]]
			out = append(out, mrkdwnSpan{Kind: kind, Text: tok[1 : len(tok)-1]})
			if kind != "code" { // a link inside emphasis is still a link
				for _, in := range parseMrkdwn(tok[1 : len(tok)-1]) {
					if in.Kind == "link" {
						out = append(out, in)
					}
				}
			}
			rest = rest[m[5]:]
			continue
		}
		out = append(out, mrkdwnSpan{Kind: "text", Text: rest[:m[0]]})
		s := mrkdwnSpan{Kind: "link", URL: rest[m[8]:m[9]]}
		if m[10] >= 0 {
			s.Text = rest[m[10]:m[11]]
		}
		out = append(out, s)
		rest = rest[m[1]:]
	}
	return out
}

func spansOf(t *testing.T, out string) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	for _, l := range strings.Split(out, "\n") {
		for _, s := range parseMrkdwn(l) {
			v := s.Text
			if s.Kind == "link" {
				v = s.URL + "|" + s.Text
			}
			got[s.Kind] = append(got[s.Kind], v)
		}
	}
	return got
}

func TestParseMrkdwn(t *testing.T) {
	got := parseMrkdwn("• *SSO:* on _every_ plan <https://x.test/a|x.test> ~180 apps")
	want := []mrkdwnSpan{{"text", "• ", ""}, {"bold", "SSO:", ""}, {"text", " on ", ""}, {"italic", "every", ""}, {"text", " plan ", ""},
		{"link", "x.test", "https://x.test/a"}, {"text", " ~180 apps", ""}}
	if len(got) != len(want) {
		t.Fatalf("spans %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("span %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// A Slack card renders as intended: its headings bold, its citations italic, a cited URL a
// link, "~180" and "AI & Automation" as written, no HTML entity, and every message within
// Slack's limit.
func TestSlackCardRenders(t *testing.T) {
	doc := demoCardDoc(t, "harborline")
	doc.Card.WhyWeWin = append(doc.Card.WhyWeWin, model.Claim{Text: "Linked", Citation: model.Citation{Source: "https://x.test/pricing"}})
	out := render(t, func(b *bytes.Buffer) error { return CardSlack(b, doc) })
	spans := spansOf(t, out)
	for _, want := range []string{"Harborline battle card", "Why we win", "30-second read", "Do not say"} {
		found := false
		for _, b := range spans["bold"] {
			found = found || b == want
		}
		if !found {
			t.Errorf("%q is not bold; bold spans: %q", want, spans["bold"])
		}
	}
	if !strings.Contains(strings.Join(spans["link"], "\n"), "https://x.test/pricing|x.test") {
		t.Errorf("the cited URL is not a link: %q", spans["link"])
	}
	if len(spans["strike"]) > 0 || len(spans["code"]) > 0 {
		t.Errorf("catalog text turned into formatting: %q %q", spans["strike"], spans["code"])
	}
	for _, asWritten := range []string{"our ~180", "AI & Automation"} {
		if !strings.Contains(out, asWritten) {
			t.Errorf("%q is not written as is", asWritten)
		}
	}
	if regexp.MustCompile(`&[a-z]+;`).MatchString(out) {
		t.Error("an HTML entity in a Slack message")
	}
	for i, msg := range strings.Split(out, SlackSplitMarker) {
		if n := utf8.RuneCountInString(strings.TrimSpace(msg)); n > SlackMessageLimit {
			t.Errorf("message %d has %d characters", i+1, n)
		}
	}
	if !strings.Contains(out, "(1/") {
		t.Error("a long card is not numbered as several messages")
	}
}

// Catalog text cannot become formatting, a link, a mention or a quote in Slack.
func TestSlackEscape(t *testing.T) {
	for in, want := range map[string]string{
		"*bold* and _it_":        "∗bold∗ and ˍitˍ",
		"5 * 3 and ~180":         "5 * 3 and ~180",
		"<!channel> <@U1|x>":     "‹!channel› ‹@U1|x›",
		"ping @Here now":         "ping ＠here now",
		"> quote":                "› quote",
		"*lead":                  "∗lead",
		"a < b":                  "a < b",
		"AT&T & AI & Automation": "AT&T & AI & Automation",
	} {
		if got := slackEscape(in); got != want {
			t.Errorf("slackEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

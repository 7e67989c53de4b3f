package report

import (
	"regexp"
	"strings"

	"github.com/rivals-app/rivals/internal/termtext"
)

// entityRef matches what Markdown and HTML read as a character reference: "&amp;", "&#60;".
var entityRef = regexp.MustCompile(`^&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)

// isASCIIPunct reports the characters a backslash escapes in CommonMark.
func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// pairable lists the characters that mark up inline text only in pairs (emphasis, code,
// strike-through, link text): one of them alone stays as written, two or more are escaped.
var pairable = []struct {
	chars string
	pair  func(s string) bool
}{
	{"*", func(s string) bool { return strings.Count(s, "*") >= 2 }},
	{"_", func(s string) bool { return strings.Count(s, "_") >= 2 }},
	{"~", func(s string) bool { return strings.Count(s, "~") >= 2 }},
	{"`", func(s string) bool { return strings.Count(s, "`") >= 2 }},
	{"[]", func(s string) bool {
		i := strings.IndexByte(s, '[')
		return i >= 0 && strings.IndexByte(s[i:], ']') >= 0
	}},
}

// mdEscape makes catalog text inert in GitHub-flavoured Markdown while leaving ordinary text as
// written ("AI & Automation", "~180", "5 * 3"): control characters are stripped and the text
// becomes one line (termtext.Line); a backslash that would escape and an "&" that would start a
// character reference are escaped, angle brackets become "&lt;" and "&gt;" so no tag, autolink
// or quote can come from the text; emphasis,
// code, strike-through and link characters are escaped only when the text holds a pair of
// them; and anything that would start a block where the text begins a line or a list item (a
// heading, list, quote, fence, rule or setext underline) is escaped. Whatever the catalog holds,
// it renders as the literal text it is.
func mdEscape(s string) string {
	s = termtext.Line(s)
	if s == "" {
		return s
	}
	escape := map[byte]bool{}
	for _, p := range pairable {
		if p.pair(s) {
			for i := 0; i < len(p.chars); i++ {
				escape[p.chars[i]] = true
			}
		}
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && (i+1 == len(s) || isASCIIPunct(s[i+1])):
			b.WriteString(`\\`)
		case c == '&' && entityRef.MatchString(s[i:]):
			b.WriteString(`\&`)
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case escape[c]:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	if strings.IndexByte("#-+=*>|", out[0]) >= 0 {
		return `\` + out
	}
	// "1. " and "1) " start an ordered list.
	i := 0
	for i < len(out) && i < 10 && out[i] >= '0' && out[i] <= '9' {
		i++
	}
	if i > 0 && i < len(out) && (out[i] == '.' || out[i] == ')') {
		return out[:i] + `\` + out[i:]
	}
	return out
}

// mdCell is mdEscape for a table cell, where a pipe ends the cell.
func mdCell(s string) string { return strings.ReplaceAll(mdEscape(s), "|", `\|`) }

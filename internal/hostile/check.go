package hostile

import (
	"encoding/csv"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Terminal returns an error for the first thing in out that could act on a terminal or hide
// text: invalid UTF-8, ESC, a C0 control other than newline and tab, DEL, a C1 control, a
// bidi override, embedding, isolate or mark, or an invisible character (zero-width space, word
// joiner, BOM, interlinear annotation).
func Terminal(out string) error {
	for i, r := range out {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(out[i:]); size <= 1 {
				return fmt.Errorf("byte %d: invalid UTF-8 %s", i, around(out, i))
			}
		}
		if Unsafe(r) {
			return fmt.Errorf("byte %d: %U %s", i, r, around(out, i))
		}
	}
	return nil
}

// Unsafe reports whether r acts on a terminal or hides text (see Terminal).
func Unsafe(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x200b, r == 0x2060, r == 0xfeff, r >= 0xfff9 && r <= 0xfffb:
		return true
	}
	return false
}

// around quotes the text near byte i, for messages.
func around(s string, i int) string {
	return fmt.Sprintf("in %q", s[max(0, i-30):min(len(s), i+30)])
}

var (
	tagPattern    = regexp.MustCompile(`<[^>]*>`)
	attrPattern   = regexp.MustCompile(`\s([a-zA-Z-]+)(?:="([^"]*)")?`)
	scriptish     = regexp.MustCompile(`(?i)<\s*/?\s*(script|iframe|object|embed|img|svg|math|link|base|form|input)\b`)
	entityPattern = regexp.MustCompile(`&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);`)
)

// HTMLTags lists the tags of a page with their attribute names, in order: the structure
// catalog text must not change. Comparing it for the same page rendered from
// hostile and from plain text proves the hostile text added no element or attribute.
func HTMLTags(page string) []string {
	var out []string
	for _, tag := range tagPattern.FindAllString(page, -1) {
		name := strings.ToLower(strings.Trim(strings.Fields(tag + " ")[0], "</>"))
		var attrs []string
		for _, m := range attrPattern.FindAllStringSubmatch(strings.TrimPrefix(tag, "<"+name), -1) {
			attrs = append(attrs, strings.ToLower(m[1]))
		}
		out = append(out, strings.TrimSpace(name+" "+strings.Join(attrs, " ")))
	}
	return out
}

// HTML returns an error when a page could run script or leave it: a script-capable element,
// an event-handler or style attribute, an attribute value holding a raw quote, or a link that
// is not relative (a scheme such as javascript: or a host).
func HTML(page string) error {
	if m := scriptish.FindString(page); m != "" {
		return fmt.Errorf("element %q in the page", m)
	}
	for _, tag := range tagPattern.FindAllString(page, -1) {
		lower := strings.ToLower(tag)
		for _, m := range attrPattern.FindAllStringSubmatch(tag, -1) {
			name := strings.ToLower(m[1])
			if strings.HasPrefix(name, "on") || name == "style" || name == "src" || name == "srcdoc" || name == "formaction" {
				return fmt.Errorf("tag %q has attribute %s", tag, name)
			}
			if name == "href" {
				u, err := url.Parse(html.UnescapeString(m[2]))
				if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
					return fmt.Errorf("link %q is not a relative URL (%v)", m[2], err)
				}
			}
		}
		if strings.Contains(lower, "javascript:") {
			return fmt.Errorf("tag %q holds a javascript: URL", tag)
		}
	}
	return nil
}

// CSV returns an error when data is not RFC 4180 CSV with the same number of fields on every
// row, or when a cell could run as a spreadsheet formula: one that starts with = + - @, a tab
// or a carriage return.
func CSV(data string) error {
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		return fmt.Errorf("not CSV: %w", err)
	}
	for i, row := range rows {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				return fmt.Errorf("row %d, column %d: %q can run as a formula", i+1, j+1, cell)
			}
		}
	}
	return nil
}

// Markdown returns an error when a document holds raw HTML (a "<" other than one opening a
// link destination, "](<"), a character reference the text did not escape, or a table row
// with a different number of cells from its header.
func Markdown(doc string) error {
	for i := 0; i < len(doc); i++ {
		if doc[i] == '<' && !strings.HasSuffix(doc[:i], "](") {
			return fmt.Errorf("raw < at byte %d %s", i, around(doc, i))
		}
	}
	// The renderers write "&lt;", "&gt;" and "&amp;"; any other character reference would
	// have come from the text unescaped (escaped, "&#60;" reads "\&#60;" or "&amp;#60;").
	for _, at := range entityPattern.FindAllStringIndex(doc, -1) {
		e := doc[at[0]:at[1]]
		// A backslash before it makes the "&" literal: "\&#60;" reads "&#60;".
		escaped := at[0] > 0 && doc[at[0]-1] == '\\' && (at[0] < 2 || doc[at[0]-2] != '\\')
		if e != "&lt;" && e != "&gt;" && e != "&amp;" && !escaped {
			return fmt.Errorf("character reference %s in the text", e)
		}
	}
	var header int
	for _, l := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(l, "|") {
			header = 0
			continue
		}
		cells := tableCells(l)
		if header == 0 {
			header = cells
		} else if cells != header {
			return fmt.Errorf("table row has %d cells, its header %d: %q", cells, header, l)
		}
	}
	return nil
}

// tableCells counts the cell borders of a table row that are not escaped.
func tableCells(l string) int {
	n := 0
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '\\':
			i++ // the next character is escaped
		case '|':
			n++
		}
	}
	return n
}

// MarkdownShape returns the block structure of a Markdown document, one entry per line: the
// heading level, a list item (with the structure of what follows its marker), a table row
// with its cell count, a quote, a rule, a fence, a blank line or a paragraph line. Catalog
// text must not change it.
func MarkdownShape(doc string) []string {
	var out []string
	for _, l := range strings.Split(doc, "\n") {
		out = append(out, lineShape(l))
	}
	return out
}

var orderedItem = regexp.MustCompile(`^[0-9]{1,9}[.)]( |$)`)

// lineShape classifies one line of Markdown.
func lineShape(l string) string {
	t := strings.TrimLeft(l, " ")
	switch {
	case t == "":
		return "blank"
	case strings.HasPrefix(t, "#"):
		return "h" + fmt.Sprint(len(t)-len(strings.TrimLeft(t, "#")))
	case strings.HasPrefix(t, "|"):
		return fmt.Sprintf("table %d", tableCells(t))
	case strings.HasPrefix(t, ">"):
		return "quote " + lineShape(t[1:])
	case t == "---" || t == "***" || t == "___" || t == "===":
		return "rule"
	case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
		return "fence"
	case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ "):
		return "item " + lineShape(t[2:])
	case orderedItem.MatchString(t):
		return "ordered " + lineShape(t[len(orderedItem.FindString(t)):])
	}
	return "text"
}

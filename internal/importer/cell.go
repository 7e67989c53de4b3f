package importer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// word is one entry of the matrix cell vocabulary: text (lower case) meaning a level. keep
// says the text says more than the level does ("Beta", "Unlimited"), so it is kept as the note.
type word struct {
	text  string
	level model.Level
	keep  bool
}

// vocabulary lists what matrix cells say, longest first so "not available" is tried before
// "not". Emoji are listed without variation selectors, which are removed before matching.
var vocabulary = func() []word {
	var ws []word
	add := func(level model.Level, keep bool, texts ...string) {
		for _, t := range texts {
			ws = append(ws, word{t, level, keep})
		}
	}
	add(model.LevelYes, false, "yes", "y", "true", "✓", "✔", "✅", "☑", "🗸", "●", "🟢", "+", "included", "available",
		"supported", "native", "native support", "built-in", "built in", "standard", "full", "fully supported", "ga")
	add(model.LevelYes, true, "unlimited")
	add(model.LevelNo, false, "no", "n", "false", "✗", "✘", "❌", "✖", "×", "x", "-", "—", "–", "○", "🔴", "⛔", "🚫", "➖",
		"none", "not available", "not supported", "not included", "unavailable", "unsupported", "not offered")
	add(model.LevelNo, true, "n/a", "na", "not applicable")
	add(model.LevelPartial, false, "partial", "partially", "partly", "limited", "◐", "◑", "◒", "◓", "~", "½", "🟡", "🟠", "⚠", "some")
	add(model.LevelPartial, true, "beta", "open beta", "private beta", "public beta", "preview", "early access", "alpha",
		"basic", "add-on", "add on", "addon", "paid add-on", "paid add on", "paid", "via integration", "via api", "via plugin",
		"via zapier", "plugin", "integration", "workaround", "manual")
	add(model.LevelRoadmap, false, "roadmap", "on roadmap", "on the roadmap", "planned", "coming soon", "soon", "coming",
		"in development", "under development", "in progress", "future", "⏳", "🔜", "🚧")
	add(model.LevelUnknown, false, "?", "??", "unknown", "tbd", "tbc", "unclear", "❓", "❔")
	slices.SortStableFunc(ws, func(a, b word) int { return utf8.RuneCountInString(b.text) - utf8.RuneCountInString(a.text) })
	return ws
}()

// qualifiers are words that, in free text with no level word, mean the product has the feature
// only in part or at a price: "Enterprise only", "Requires the Pro plan".
var qualifiers = []string{"only", "add-on", "addon", "plugin", "plug-in", "extension", "via", "requires", "required",
	"extra", "paid", "upgrade", "limited", "partial", "partially", "certain", "selected", "some", "third-party",
	"3rd-party", "integration", "marketplace", "enterprise", "premium", "higher", "tier", "tiers", "plans"}

// ParseCell reads one cell of a wide matrix: a level, a note with whatever the cell says beyond
// the level, and the footnote markers it carries ("Yes[1]" gives yes, "", ["[1]"]). ok is false
// for text that names no level: the cell is then unknown and its text is the note. A blank cell
// gives the empty level, meaning no cell at all.
func ParseCell(s string) (level model.Level, note string, marks []string, ok bool) {
	text := strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\ufe0f' || r == '\ufe0e' || r == '\u200d' || r == '\u200b' {
			return -1
		}
		return r
	}, s))
	text, marks = cutMarks(text)
	if text == "" {
		if len(marks) > 0 {
			return model.LevelUnknown, "", marks, false
		}
		return "", "", nil, true
	}
	lower := strings.Map(unicode.ToLower, text) // rune for rune, so offsets in runes match text
	core := strings.TrimRight(lower, ".!")
	for _, w := range vocabulary {
		if core == w.text {
			if w.keep {
				note = text
			}
			return w.level, note, marks, true
		}
	}
	for _, w := range vocabulary {
		rest, found := cutWord(text, lower, w.text)
		if !found {
			continue
		}
		rest, lead := cutLeadingMarks(rest)
		marks = append(lead, marks...)
		note = cleanNote(rest)
		if w.keep {
			note = text
		}
		return w.level, note, marks, true
	}
	for _, q := range qualifiers {
		if hasWord(lower, q) {
			return model.LevelPartial, text, marks, true
		}
	}
	return model.LevelUnknown, text, marks, false
}

// cutWord reports whether text starts with the vocabulary word w (lower is text in lower case)
// followed by a separator, and returns the text after it. Symbols need no separator ("✅Yes").
func cutWord(text, lower, w string) (string, bool) {
	if !strings.HasPrefix(lower, w) {
		return "", false
	}
	n := utf8.RuneCountInString(w)
	after := []rune(lower)[n:]
	last, _ := utf8.DecodeLastRuneInString(w)
	wordy := unicode.IsLetter(last) || unicode.IsDigit(last)
	if wordy && len(after) > 0 && !isCellSep(after[0]) {
		return "", false
	}
	return string([]rune(text)[n:]), true
}

// isCellSep reports runes that end a leading level word: "Yes (via plugin)", "Yes, if…",
// "Yes[1]", "Yes*".
func isCellSep(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("(),;:–—-/[*†‡§", r) || isSuperscript(r)
}

// cutLeadingMarks removes footnote markers from the start of s: "[1] (via plugin)".
func cutLeadingMarks(s string) (string, []string) {
	var marks []string
	for {
		m, _, _ := footnote(s + " x")
		if m == "" {
			return s, marks
		}
		marks = append(marks, m)
		s = strings.TrimLeftFunc(s[len(m):], unicode.IsSpace)
	}
}

// cleanNote trims the punctuation that tied a note to its level word: " (via plugin)" gives
// "via plugin", " - only EU" gives "only EU".
func cleanNote(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, ",;:–—-/ ")
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && strings.Count(s, "(") == 1 {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// hasWord reports whether w occurs in s as a whole word.
func hasWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return true
		}
		i = start + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isSuperscript(r rune) bool { return strings.ContainsRune("¹²³⁴⁵⁶⁷⁸⁹⁰", r) }

// cutMarks removes footnote markers from the end of a cell: "[1]", "(2)", "*", "**", "†", "‡",
// "§" and superscript digits, returned in the order written.
func cutMarks(s string) (string, []string) {
	var marks []string
	for {
		s = strings.TrimRightFunc(s, unicode.IsSpace)
		m := trailingMark(s)
		if m == "" || m == s {
			return s, marks
		}
		marks = append([]string{m}, marks...)
		s = s[:len(s)-len(m)]
	}
}

// trailingMark returns the footnote marker s ends with, or "".
func trailingMark(s string) string {
	last, size := utf8.DecodeLastRuneInString(s)
	switch {
	case last == '*':
		return s[len(strings.TrimRight(s, "*")):]
	case last == '†' || last == '‡' || last == '§':
		return s[len(s)-size:]
	case isSuperscript(last):
		return s[len(strings.TrimRightFunc(s, isSuperscript)):]
	case last == ']' || last == ')':
		open := "["
		if last == ')' {
			open = "("
		}
		i := strings.LastIndex(s, open)
		if i < 0 {
			return ""
		}
		inner := s[i+1 : len(s)-1]
		if inner == "" || len(inner) > 3 {
			return ""
		}
		for _, r := range inner {
			if !isDigit(r) && !(last == ']' && unicode.IsLetter(r) && len(inner) == 1) {
				return ""
			}
		}
		return s[i:]
	}
	return ""
}

// footnote reads a footnote definition row of a comparison table ("[1] Requires the Enterprise
// plan", "* Billed annually"): the marker and its text.
func footnote(s string) (mark, text string, ok bool) {
	s = strings.TrimSpace(s)
	for _, pre := range []string{"[", "(", "*", "†", "‡", "§"} {
		if !strings.HasPrefix(s, pre) {
			continue
		}
		var end int
		switch pre {
		case "[", "(":
			close := "]"
			if pre == "(" {
				close = ")"
			}
			end = strings.Index(s, close) + 1
			if end <= 1 || trailingMark(s[:end]) != s[:end] {
				return "", "", false
			}
		case "*":
			end = len(s) - len(strings.TrimLeft(s, "*"))
		default:
			end = len(pre)
		}
		mark, text = s[:end], strings.TrimSpace(s[end:])
		return mark, text, text != ""
	}
	if r, _ := utf8.DecodeRuneInString(s); isSuperscript(r) {
		rest := strings.TrimLeftFunc(s, isSuperscript)
		return s[:len(s)-len(rest)], strings.TrimSpace(rest), strings.TrimSpace(rest) != ""
	}
	return "", "", false
}

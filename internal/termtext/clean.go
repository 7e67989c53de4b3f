// Package termtext makes untrusted catalog text safe to print to a terminal: it removes escape
// sequences (CSI, OSC, DCS and friends), C0/C1 control characters, bidirectional overrides and
// invisible formatting characters, and replaces invalid UTF-8.
package termtext

import (
	"strings"
	"unicode/utf8"
)

// Clean returns s with everything that could change terminal state or disguise text removed.
// Newlines are kept; tabs become a single space; carriage returns are dropped.
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	return clean(s, false)
}

// Line is Clean for single-line contexts (table cells, list rows): newlines become spaces and
// runs of white space collapse to one.
func Line(s string) string {
	if isPlain(s) && !strings.ContainsAny(s, "\n") && !strings.Contains(s, "  ") {
		return s
	}
	return clean(s, true)
}

// isPlain reports whether s is printable ASCII (plus newline) and so needs no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c < 0x20 && c != '\n') || c == 0x7f {
			return false
		}
	}
	return true
}

func clean(s string, oneLine bool) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // last written rune was a space (for collapsing in one-line mode)
	write := func(r rune) {
		if oneLine && (r == ' ' || r == '\n') {
			if space || b.Len() == 0 {
				return
			}
			space = true
			b.WriteByte(' ')
			return
		}
		space = r == ' '
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			write('\uFFFD')
			i += size
			continue
		case r == 0x1b: // ESC: skip the whole sequence
			i += escapeLen(s[i:])
			continue
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98: // C1 CSI/OSC/DCS/PM/APC/SOS
			i += c1Len(s[i:], size)
			continue
		case r == '\n':
			write('\n')
		case r == '\t':
			write(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// other C0/C1 controls: drop
		case invisible(r):
			// bidi controls and zero-width characters: drop
		default:
			write(r)
		}
		i += size
	}
	out := b.String()
	if oneLine {
		out = strings.TrimRight(out, " ")
	}
	return out
}

// StripInvisible drops only the characters that reorder or hide text (bidi controls, marks,
// zero-width characters; see invisible), keeping everything else, escape sequences included:
// for text already styled for the terminal, such as a whole rendered frame.
func StripInvisible(s string) string {
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}

// invisible reports formatting characters that can reorder or hide text on screen.
func invisible(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // directional marks
		return true
	case r == 0x200b || r == 0x2060 || r == 0xfeff: // zero-width space, word joiner, BOM
		return true
	case r >= 0xfff9 && r <= 0xfffb: // interlinear annotations
		return true
	}
	return false
}

// escapeLen returns the length of the escape sequence starting with ESC at s[0].
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates, then a final byte 0x40–0x7e
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
			if s[i] < 0x20 || s[i] > 0x3f && s[i] < 0x40 {
				return i
			}
		}
		return len(s)
	case ']', 'P', '^', '_', 'X': // OSC, DCS, PM, APC, SOS: run to BEL or ST (ESC \)
		return stringTerminated(s, 2)
	}
	// Two-byte sequence (ESC c, ESC 7, …), possibly with intermediates (ESC ( B).
	i := 1
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) {
		i++
	}
	return i
}

// c1Len returns the length of a sequence introduced by an 8-bit C1 control of width size.
func c1Len(s string, size int) int {
	r, _ := utf8.DecodeRuneInString(s)
	if r == 0x9b {
		for i := size; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	}
	return stringTerminated(s, size)
}

// stringTerminated finds the end of a control string that starts at from: BEL, ESC \ or the
// 8-bit ST (U+009C).
func stringTerminated(s string, from int) int {
	for i := from; i < len(s); i++ {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
	}
	return len(s)
}

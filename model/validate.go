package model

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Natural keys are checked byte by byte rather than by regular expression: a large import
// checks millions of them. The patterns they follow:
//
//	slug         ^[a-z0-9]+(?:-[a-z0-9]+)*$
//	feature key  ^[a-z0-9][a-z0-9_.-]*$
//	code         ^[a-z0-9][a-z0-9_]*$

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

func slugShaped(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isLowerAlnum(c) && (c != '-' || s[i-1] == '-') {
			return false
		}
	}
	return true
}

// keyShaped reports whether s starts with a lower-case letter or digit followed by those or the
// punctuation in extra.
func keyShaped(s, extra string) bool {
	if s == "" || !isLowerAlnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLowerAlnum(c) && strings.IndexByte(extra, c) < 0 {
			return false
		}
	}
	return true
}

// Length limits shared by validation and forms.
const (
	MaxKeyLen   = 64
	MaxNameLen  = 120
	MaxShortLen = 500
	MaxTextLen  = 100_000
)

// ValidSlug reports whether s is a well-formed competitor slug.
func ValidSlug(s string) bool {
	return len(s) <= MaxKeyLen && slugShaped(s)
}

// Slugify derives a slug from a display name: "Ostra CX" becomes "ostra-cx".
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if ascii, ok := latinFold[r]; ok {
			b.WriteString(ascii)
			dash = false
			continue
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if len(s) > MaxKeyLen {
		s = strings.TrimSuffix(s[:MaxKeyLen], "-")
	}
	return s
}

// latinFold spells common accented Latin letters in ASCII for slugs ("Café Zoë" → "cafe-zoe").
var latinFold = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}
	groups := map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "e": "èéêëēĕėęě", "g": "ĝğġģ", "i": "ìíîïĩīĭįı",
		"n": "ñńņňŉ", "o": "òóôõöōŏő", "s": "śŝşšș", "t": "ţťŧț", "u": "ùúûüũūŭůűų",
		"y": "ýÿŷ", "z": "źżž", "r": "ŕŗř", "l": "ĺļľŀ", "d": "ď", "h": "ĥħ", "j": "ĵ", "k": "ķ", "w": "ŵ",
	}
	for ascii, letters := range groups {
		for _, r := range letters {
			m[r] = ascii
		}
	}
	return m
}()

func checkSlug(field, s string) error {
	if s == "" {
		return fieldErr(field, "is required")
	}
	if !ValidSlug(s) {
		return fieldErr(field, "%q is not a valid slug (lower-case letters, digits and single dashes, at most %d characters)", s, MaxKeyLen)
	}
	return nil
}

func checkFeatureKey(field, s string) error {
	if s == "" {
		return fieldErr(field, "is required")
	}
	if len(s) > MaxKeyLen || !keyShaped(s, "_.-") {
		return fieldErr(field, "%q is not a valid key (lower-case letters, digits, _ . -, at most %d characters)", s, MaxKeyLen)
	}
	return nil
}

func checkCode(field, s string) error {
	if s == "" {
		return fieldErr(field, "is required")
	}
	if len(s) > MaxKeyLen || !keyShaped(s, "_") {
		return fieldErr(field, "%q is not a valid code (lower-case letters, digits and _, at most %d characters)", s, MaxKeyLen)
	}
	return nil
}

// checkText validates free text: valid UTF-8 without NUL bytes, within max characters, and
// present when required. A NUL is refused rather than dropped: it is never typed, and text
// that holds one is cut short or shown differently by other tools (harbor\0line would print
// as "harborline" but not match it).
func checkText(field, s string, required bool, max int) error {
	if required && strings.TrimSpace(s) == "" {
		return fieldErr(field, "is required")
	}
	if !utf8.ValidString(s) {
		return fieldErr(field, "is not valid UTF-8")
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		return fieldErr(field, "contains a NUL byte (character %d)", utf8.RuneCountInString(s[:i])+1)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fieldErr(field, "is %d characters long (at most %d)", n, max)
	}
	return nil
}

// checkURL accepts an empty string or an absolute http(s) URL.
func checkURL(field, s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fieldErr(field, "%q is not an http(s) URL", s)
	}
	return checkText(field, s, false, 2048)
}

// LooksLikeURL reports whether a source is meant as a web address: it names a scheme
// ("https://…") or starts with "www.". Other text is a description of where a fact came from.
func LooksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Contains(s, "://") || strings.HasPrefix(s, "www.")
}

// checkSource accepts a web address, checked as checkURL checks it, or a short description of
// where a fact came from ("call notes, 2026-11-03").
func checkSource(field, s string) error {
	if !LooksLikeURL(s) {
		return checkText(field, s, false, MaxNameLen)
	}
	if !strings.Contains(s, "://") {
		return fieldErr(field, "%q is a web address without https:// in front", s)
	}
	return checkURL(field, s)
}

// checkList validates a list of short labels: each non-empty, unique, within limits.
func checkList(field string, items []string) error {
	seen := make(map[string]bool, len(items))
	for i, it := range items {
		f := field + "[" + itoa(i) + "]"
		if err := checkText(f, it, true, MaxNameLen); err != nil {
			return err
		}
		if seen[it] {
			return fieldErr(f, "%q is listed twice", it)
		}
		seen[it] = true
	}
	return nil
}

// trimAll trims surrounding white space from every string of a list. Blank items are kept (and
// then fail validation) so that an error's index still points at the item the user wrote; an
// empty list becomes nil.
func trimAll(items []string) []string {
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = strings.TrimSpace(it)
	}
	return out
}

// item names item i of a list field: "competitors[2]".
func item(list string, i int) string { return list + "[" + itoa(i) + "]" }

// atItem puts a problem found with an unnamed value (a *FieldError with no field) on item i of
// a list field.
func atItem(err error, list string, i int) error {
	if fe, ok := err.(*FieldError); ok && fe.Field == "" {
		fe.Field = item(list, i)
	}
	return err
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

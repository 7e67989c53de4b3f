package importer

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xmlScanner walks the XML of a worksheet or a shared-string table token by token, without
// building a tree or copying text it need not decode. It reads the subset of XML that
// spreadsheet writers produce; anything else (CDATA sections, a document type, entities other
// than the five XML predefines, text outside XML's character range) makes it stop with
// unsupported set, and the caller reads the part through the workbook library instead.
type xmlScanner struct {
	data []byte
	pos  int
	// unsupported is set once the scanner met XML it does not read exactly as the workbook
	// library's decoder does; every later call returns tokenEnd.
	unsupported bool

	// The current token: its kind, the element's local name, the raw attributes of a start
	// tag, whether the start tag closes itself, and the raw bytes of a text token.
	kind        xmlToken
	name        []byte
	attrs       []byte
	selfClosing bool
	text        []byte
}

// xmlToken is the kind of token an xmlScanner stands on.
type xmlToken int

const (
	tokenEnd   xmlToken = iota // end of input, or XML the scanner does not read
	tokenStart                 // a start tag, perhaps closing itself
	tokenClose                 // an end tag
	tokenText                  // character data between tags
)

// next moves to the next token. Comments and processing instructions are skipped: the
// caller that must not see them inside text checks for them itself (see textOf).
func (s *xmlScanner) next() xmlToken {
	s.kind = tokenEnd
	for !s.unsupported && s.pos < len(s.data) {
		if s.data[s.pos] != '<' {
			end := bytes.IndexByte(s.data[s.pos:], '<')
			if end < 0 {
				end = len(s.data) - s.pos
			}
			s.text = s.data[s.pos : s.pos+end]
			s.pos += end
			s.kind = tokenText
			return s.kind
		}
		rest := s.data[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return s.fail()
			}
			s.pos += 4 + end + 3
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest[2:], []byte("?>"))
			if end < 0 {
				return s.fail()
			}
			s.pos += 2 + end + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			return s.fail() // CDATA or a document type
		}
		gt := tagEnd(rest)
		if gt < 0 {
			return s.fail()
		}
		tag := rest[1:gt]
		s.pos += gt + 1
		if len(tag) > 0 && tag[0] == '/' {
			name := trimSpaceRight(tag[1:])
			if !validName(name) {
				return s.fail()
			}
			s.name = localName(name)
			s.kind = tokenClose
			return s.kind
		}
		s.selfClosing = len(tag) > 0 && tag[len(tag)-1] == '/'
		if s.selfClosing {
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && !isXMLSpace(tag[n]) {
			n++
		}
		if !validName(tag[:n]) || !validAttrs(tag[n:]) {
			return s.fail()
		}
		s.name, s.attrs = localName(tag[:n]), tag[n:]
		s.kind = tokenStart
		return s.kind
	}
	return s.kind
}

// validName reports whether name is an XML name of ASCII letters, digits and "_:.-" that
// starts with a letter, '_' or ':'. Names beyond ASCII are left to the library.
func validName(name []byte) bool {
	if len(name) == 0 {
		return false
	}
	for i, c := range name {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '.' || c == '-')) {
			return false
		}
	}
	return true
}

// validAttrs reports whether the attribute part of a start tag is a list of name="value" or
// name='value' pairs, each after white space, with values free of '<' and with valid
// references.
func validAttrs(a []byte) bool {
	for {
		name, value, rest, ok := nextAttr(a)
		if !ok {
			return false
		}
		if name == nil {
			return true
		}
		if bytes.IndexByte(value, '<') >= 0 {
			return false
		}
		if _, ok := decodeText(value); !ok {
			return false
		}
		a = rest
	}
}

// nextAttr splits the first name="value" pair off the attribute part of a tag, which must
// start with white space; name is nil at the end of the tag, and ok false for broken syntax.
func nextAttr(a []byte) (name, value, rest []byte, ok bool) {
	trimmed := trimSpaceLeft(a)
	if len(trimmed) == 0 {
		return nil, nil, nil, true
	}
	if len(trimmed) == len(a) {
		return nil, nil, nil, false // no white space before the attribute
	}
	eq := bytes.IndexByte(trimmed, '=')
	if eq <= 0 {
		return nil, nil, nil, false
	}
	name = trimSpaceRight(trimmed[:eq])
	if !validName(name) {
		return nil, nil, nil, false
	}
	v := trimSpaceLeft(trimmed[eq+1:])
	if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
		return nil, nil, nil, false
	}
	end := bytes.IndexByte(v[1:], v[0])
	if end < 0 {
		return nil, nil, nil, false
	}
	return name, v[1 : 1+end], v[end+2:], true
}

// isXMLSpace reports whether c is XML white space.
func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// trimSpaceLeft drops leading XML white space.
func trimSpaceLeft(b []byte) []byte {
	i := 0
	for i < len(b) && isXMLSpace(b[i]) {
		i++
	}
	return b[i:]
}

// trimSpaceRight drops trailing XML white space.
func trimSpaceRight(b []byte) []byte {
	i := len(b)
	for i > 0 && isXMLSpace(b[i-1]) {
		i--
	}
	return b[:i]
}

// fail marks the input as one the scanner does not read.
func (s *xmlScanner) fail() xmlToken {
	s.unsupported, s.kind = true, tokenEnd
	return s.kind
}

// tagEnd returns the index of the '>' that ends the tag rest starts with, skipping quoted
// attribute values, or -1.
func tagEnd(rest []byte) int {
	var quote byte
	for i := 1; i < len(rest); i++ {
		c := rest[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		case c == '<':
			return -1
		}
	}
	return -1
}

// localName drops a namespace prefix, as the workbook library matches elements and
// attributes by their local names.
func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// is reports whether the current token is a start or end tag of the local name.
func (s *xmlScanner) is(kind xmlToken, name string) bool {
	return s.kind == kind && string(s.name) == name
}

// attr returns the value of the current start tag's attribute of that local name; found is
// false when the tag has no such attribute. An attribute given twice, or a value with a
// reference or a line break, marks the input unsupported.
func (s *xmlScanner) attr(name string) (value string, found bool) {
	a := s.attrs
	for {
		key, v, rest, ok := nextAttr(a)
		if !ok {
			s.fail()
			return "", false
		}
		if key == nil {
			return value, found
		}
		a = rest
		if string(localName(key)) != name {
			continue
		}
		if found || bytes.ContainsAny(v, "&\r\n\t") {
			s.fail()
			return "", false
		}
		value, found = string(v), true
	}
}

// eachChild walks the children of the element whose start tag the scanner stands on, up to
// its end tag: it calls child on each child's start tag (child must read the child to its
// end), allows only white space as text between them, and reports whether the element was
// read to its end with every child accepted.
func (s *xmlScanner) eachChild(child func() bool) bool {
	if s.selfClosing {
		return true
	}
	name := string(s.name)
	for {
		switch s.next() {
		case tokenText:
			if !isSpace(s.text) {
				return false
			}
		case tokenClose:
			return string(s.name) == name
		case tokenStart:
			if !child() || s.unsupported {
				return false
			}
		default:
			return false
		}
	}
}

// skip moves past the end of the element whose start tag the scanner stands on.
func (s *xmlScanner) skip() {
	if s.selfClosing {
		return
	}
	depth := 1
	for depth > 0 {
		switch s.next() {
		case tokenStart:
			if !s.selfClosing {
				depth++
			}
		case tokenClose:
			depth--
		case tokenEnd:
			s.fail()
			return
		case tokenText:
			if _, ok := decodeText(s.text); !ok {
				s.fail()
				return
			}
		}
	}
}

// textOf reads the text of the element whose start tag the scanner stands on, up to its end
// tag, decoded as an XML decoder gives it (references resolved, line ends as "\n"). An element
// inside it, a comment or a processing instruction (which a decoder would skip while joining
// the text around it) marks the input unsupported.
func (s *xmlScanner) textOf() string {
	if s.selfClosing {
		return ""
	}
	name := string(s.name)
	start := s.pos
	end := bytes.IndexByte(s.data[start:], '<')
	if end < 0 {
		s.fail()
		return ""
	}
	raw := s.data[start : start+end]
	s.pos = start + end
	if s.next() != tokenClose || string(s.name) != name {
		s.fail()
		return ""
	}
	text, ok := decodeText(raw)
	if !ok {
		s.fail()
		return ""
	}
	return text
}

// decodeText resolves the references of raw character data and turns "\r\n" and "\r" into
// "\n", as encoding/xml does; ok is false for text it would refuse.
func decodeText(raw []byte) (string, bool) {
	if !validText(raw) {
		return "", false
	}
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return string(raw), true
	}
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\r':
			b.WriteByte('\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case '&':
			semi := bytes.IndexByte(raw[i:], ';')
			if semi < 0 {
				return "", false
			}
			r, ok := reference(raw[i+1 : i+semi])
			if !ok {
				return "", false
			}
			b.WriteRune(r)
			i += semi
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// reference resolves the name of an entity or character reference (between '&' and ';').
func reference(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || !inCharRange(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// validText reports whether raw text is UTF-8 made only of characters XML allows.
func validText(raw []byte) bool {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 || !inCharRange(r) {
			return false
		}
		i += n
	}
	return true
}

// inCharRange reports whether r is a character XML 1.0 allows.
func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// isSpace reports whether raw is only XML white space.
func isSpace(raw []byte) bool {
	return len(trimSpaceLeft(raw)) == 0
}

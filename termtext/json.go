package termtext

import (
	"fmt"
	"unicode/utf8"
)

// JSONSafe rewrites encoded JSON so that characters which are harmless to a JSON parser but
// act on a terminal or hide text (8-bit C1 controls such as U+009B, bidi overrides, zero-width
// characters) appear as \uXXXX escapes. The JSON value is unchanged; only its spelling is, so
// `rivals list --json` printed to a terminal cannot restyle it. encoding/json already escapes
// the 7-bit controls.
func JSONSafe(b []byte) []byte {
	if isPlainBytes(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if (r >= 0x80 && r < 0xa0) || invisible(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

func isPlainBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

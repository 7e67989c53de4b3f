package termtext

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// WriteJSON writes v as indented JSON (HTML characters left as they are) with JSONSafe's
// escapes, so the output is safe to print to a terminal.
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(JSONSafe(buf.Bytes()))
	return err
}

// JSONSafe rewrites encoded JSON so that characters which are harmless to a JSON parser but
// act on a terminal or hide text (DEL, 8-bit C1 controls such as U+009B, bidi overrides,
// zero-width characters) appear as \uXXXX escapes. The JSON value is unchanged; only its spelling is, so
// `rivals list --json` printed to a terminal cannot restyle it. encoding/json already escapes
// the 7-bit controls.
func JSONSafe(b []byte) []byte {
	if isPlainBytes(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if (r >= 0x7f && r < 0xa0) || invisible(r) {
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
		if c >= 0x7f {
			return false
		}
	}
	return true
}

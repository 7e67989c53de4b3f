package catalog

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/rivals-app/rivals/model"
)

// The kinds a large catalog holds by the hundred thousand (matrix cells, deals, notes) are
// spelled by hand, exactly as encoding/json spells them with the Encoder's settings (no HTML
// escaping, indented two levels deep): reflection costs more than reading them from the
// database. Strings with anything to escape still go through encoding/json. The tests compare
// both spellings field by field, so a field added to one of these types must be added here.

// recordIndent opens each field line of a record; listIndent each item of a list field.
const (
	recordIndent = "\n      "
	listIndent   = "\n        "
	recordEnd    = "\n    }"
)

// appendRecord appends v as the Encoder writes it, before the terminal escapes; ok is false
// for a type it does not spell by hand.
func (e *Encoder) appendRecord(dst []byte, v any) (_ []byte, ok bool) {
	switch r := v.(type) {
	case model.Support:
		dst = append(dst, '{')
		dst = e.field(dst, "competitor", r.Competitor, false)
		dst = e.field(dst, "feature", r.Feature, false)
		dst = e.field(dst, "level", string(r.Level), false)
		dst = e.field(dst, "note", r.Note, true)
		dst = e.field(dst, "source", r.Source, true)
		if !r.VerifiedAt.IsZero() {
			dst = e.field(dst, "verified_at", r.VerifiedAt.String(), false)
		}
	case model.Deal:
		dst = append(dst, '{')
		dst = e.field(dst, "ref", r.Ref, false)
		dst = e.field(dst, "account", r.Account, true)
		dst = e.field(dst, "closed_at", r.ClosedAt.String(), false)
		dst = e.field(dst, "outcome", string(r.Outcome), false)
		dst = e.list(dst, "competitors", r.Competitors, false)
		if r.Amount != 0 {
			dst = append(dst, recordIndent+`"amount": `...)
			dst = strconv.AppendInt(dst, r.Amount, 10)
			dst = append(dst, ',')
		}
		dst = e.field(dst, "currency", r.Currency, true)
		dst = e.field(dst, "type", string(r.Type), true)
		dst = e.field(dst, "segment", r.Segment, true)
		dst = e.field(dst, "region", r.Region, true)
		dst = e.field(dst, "stage", r.Stage, true)
		dst = e.list(dst, "reasons", r.Reasons, true)
		dst = e.field(dst, "primary_reason", r.PrimaryReason, true)
		dst = e.field(dst, "quote", r.Quote, true)
		dst = e.field(dst, "notes", r.Notes, true)
		dst = e.field(dst, "source", r.Source, true)
	case model.IntelNote:
		dst = append(dst, '{')
		dst = e.field(dst, "competitor", r.Competitor, false)
		dst = e.field(dst, "date", r.Date.String(), false)
		dst = e.field(dst, "title", r.Title, false)
		dst = e.field(dst, "body", r.Body, true)
		dst = e.field(dst, "source", r.Source, true)
		dst = e.list(dst, "tags", r.Tags, true)
	default:
		return dst, false
	}
	// Every field ends with a comma; the last one must not.
	dst = dst[:len(dst)-1]
	return append(dst, recordEnd...), true
}

// field appends one string field and a comma (nothing when omitEmpty and s is empty).
func (e *Encoder) field(dst []byte, name, s string, omitEmpty bool) []byte {
	if omitEmpty && s == "" {
		return dst
	}
	dst = append(dst, recordIndent+`"`...)
	dst = append(dst, name...)
	dst = append(dst, `": `...)
	dst = e.appendString(dst, s)
	return append(dst, ',')
}

// list appends one list-of-strings field and a comma; without omitEmpty a nil list is null.
func (e *Encoder) list(dst []byte, name string, items []string, omitEmpty bool) []byte {
	if omitEmpty && len(items) == 0 {
		return dst
	}
	dst = append(dst, recordIndent+`"`...)
	dst = append(dst, name...)
	dst = append(dst, `": `...)
	switch {
	case items == nil:
		dst = append(dst, "null"...)
	case len(items) == 0:
		dst = append(dst, "[]"...)
	default:
		dst = append(dst, '[')
		for i, s := range items {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, listIndent...)
			dst = e.appendString(dst, s)
		}
		dst = append(dst, recordIndent+"]"...)
	}
	return append(dst, ',')
}

// appendString appends s as a JSON string: as it is when nothing in it needs escaping,
// otherwise as encoding/json escapes it.
func (e *Encoder) appendString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x7f {
			e.str.Reset()
			e.strEnc.Encode(s) // a string always encodes
			return append(dst, bytes.TrimSuffix(e.str.Bytes(), []byte("\n"))...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// newStringEncoder is the encoder of strings that need escapes, with the Encoder's settings.
func newStringEncoder(buf *bytes.Buffer) *json.Encoder {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return enc
}

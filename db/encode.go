package db

import (
	"encoding/json"
	"time"

	"github.com/rivals-app/rivals/model"
)

// encodeList stores a list of labels as a JSON array ("[]" when empty).
func encodeList(items []string) string {
	if len(items) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(items)
	return string(b)
}

// decodeList reads a JSON array column; an empty array gives nil.
func decodeList(s string) ([]string, error) {
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// encodeTime stores a timestamp as RFC 3339 text in UTC with second precision.
func encodeTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// decodeTime reads an RFC 3339 column.
func decodeTime(s string) (time.Time, error) { return time.Parse(time.RFC3339, s) }

// decodeDate reads a YYYY-MM-DD column; an empty string gives the zero date.
func decodeDate(s string) (model.Date, error) { return model.ParseDate(s) }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

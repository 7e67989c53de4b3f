package db

import (
	"bytes"
	"encoding/json"
)

// change says what an upsert did to a record.
type change int

const (
	unchanged change = iota
	inserted
	updated
	skipped // differed from the stored record, left alone by ConflictSkip
)

// equalJSON reports whether a and b serialize identically in the catalog format, which is
// exactly the set of fields a user can see and change (row ids are excluded).
func equalJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

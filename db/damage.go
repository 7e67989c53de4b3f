package db

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/rivals-app/rivals/model"
)

// ErrDamaged means a write was refused because the database is known to be damaged: the last
// check found damage (and left its marker beside the file, see DamageMarker), or a table the
// write would change failed a quick check just before it. Nothing was written. A *FileError of
// this kind also matches ErrCorrupt.
var ErrDamaged = errors.New("the database is damaged: run rivals check; restore from a backup")

// DamageMarker is the file that Check leaves beside the database at path when it finds damage:
// "rivals.db.damaged", a few lines of text naming what was found. While it exists every write
// is refused at once with ErrDamaged; reads go on. A check that finds the file sound removes it.
func DamageMarker(path string) string { return path + ".damaged" }

// RefuseIfDamaged returns a *FileError of kind ErrDamaged when the last check of the database
// found damage, so that a command about to write can refuse before it reads anything; every
// write method refuses by itself anyway.
func (s *Store) RefuseIfDamaged() error { return s.refuseIfMarked() }

// refuseIfMarked returns a *FileError of kind ErrDamaged when the last check of the database
// found damage. It costs one stat of a file that normally does not exist.
func (s *Store) refuseIfMarked() error {
	if _, err := os.Lstat(DamageMarker(s.path)); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return &FileError{Path: s.path, Kind: ErrDamaged, Err: ErrCorrupt}
}

// recordCheck leaves or removes the damage marker after a check of the whole file. A marker
// that cannot be written (a read-only directory, where no write can happen anyway) or removed
// is left as it is: the check's own report still says what it found.
func (s *Store) recordCheck(r CheckReport, at time.Time) {
	marker := DamageMarker(s.path)
	if len(r.Integrity) == 0 {
		os.Remove(marker)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "rivals check found %s damaged on %s; rivals refuses to write to it until a check finds it sound.\n",
		s.path, at.UTC().Format(time.RFC3339))
	b.WriteString("Restore it from a backup, then run rivals check again.\n")
	for _, line := range r.Integrity {
		b.WriteString(strings.ReplaceAll(line, "\n", " ") + "\n")
	}
	if s.readOnly {
		return
	}
	os.WriteFile(marker, []byte(b.String()), 0o600)
}

// verifyTables runs PRAGMA quick_check on each table (and its indexes) through q, and returns
// a *FileError of kind ErrDamaged at the first that is not sound. It reads every page of those
// tables, so its cost grows with their size, not with the size of the write.
func verifyTables(ctx context.Context, path string, q querier, tables []string) error {
	for _, t := range tables {
		rows, err := q.QueryContext(ctx, "PRAGMA quick_check("+t+")")
		if err != nil {
			return damagedOr(path, err)
		}
		sound := true
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				rows.Close()
				return damagedOr(path, err)
			}
			sound = sound && line == "ok"
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return damagedOr(path, err)
		}
		if !sound {
			return &FileError{Path: path, Kind: ErrDamaged, Err: ErrCorrupt}
		}
	}
	return nil
}

// damagedOr words a failure met by a quick check: a damaged page it could not read is
// ErrDamaged, anything else is explained as usual.
func damagedOr(path string, err error) error {
	var fe *FileError
	if errors.As(explain(path, err), &fe) && fe.Kind == ErrCorrupt {
		return &FileError{Path: path, Kind: ErrDamaged, Err: fe.Err}
	}
	return explain(path, err)
}

// kindTables lists, per catalog kind, the tables an import of that kind writes (full-text
// shadow tables included), which it checks first.
var kindTables = map[string][]string{
	model.KindCompetitors: {"competitors"},
	model.KindFeatures:    {"features", "features_fts_data", "features_fts_idx", "features_fts_docsize"},
	model.KindSupport:     {"support"},
	model.KindPlans:       {"plans", "price_observations"},
	model.KindReasonCodes: {"reason_codes"},
	model.KindDeals: {"deals", "deal_competitors", "deal_reasons", "deals_fts_data", "deals_fts_idx", "deals_fts_docsize",
		"deal_tally_month", "deal_tally_day", "deal_cube", "reason_tally", "deal_facets"},
	model.KindCards: {"cards", "card_items", "cards_fts_data", "cards_fts_idx", "cards_fts_docsize",
		"card_items_fts_data", "card_items_fts_idx", "card_items_fts_docsize"},
	model.KindNotes: {"notes", "notes_fts_data", "notes_fts_idx", "notes_fts_docsize"},
}

// kindTablesOf lists the tables an import of records of kinds writes.
func kindTablesOf(kinds []string) []string {
	var out []string
	for _, k := range kinds {
		out = append(out, kindTables[k]...)
	}
	return out
}

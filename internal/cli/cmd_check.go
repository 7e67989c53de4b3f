package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/termtext"
)

// checkStatus is rivals check's verdict on a file; only statusOK exits 0.
type checkStatus string

// The verdicts of rivals check, as --json's status field spells them.
const (
	statusOK        checkStatus = "ok"
	statusDamaged   checkStatus = "damaged"
	statusNotRivals checkStatus = "not_rivals_database"
	statusEmpty     checkStatus = "empty_file"
	statusNewer     checkStatus = "newer_schema"
)

// damageMeaning says what damage means for the user, after the list of tables.
const damageMeaning = "reads of the damaged tables may fail or leave rows out, and rows written to them may not read back; the rest of the catalog reads as usual"

// checkResult is what rivals check found, as --json prints it; every field is always present.
type checkResult struct {
	Path    string      `json:"path"`
	Status  checkStatus `json:"status"`
	OK      bool        `json:"ok"`
	Message string      `json:"message"`
	db.CheckReport
	// DamagedTables names the tables the problems fall in ([] when it cannot tell).
	DamagedTables []string `json:"damaged_tables"`
	// Backups lists the copies beside the file that schema upgrades left, to restore from.
	Backups []string `json:"backups"`
}

// runCheck opens the database as it is (no upgrade) and checks it. A file that cannot be
// opened as a rivals database is a verdict, not a failure to check; other failures (no file,
// no permission, busy) are returned as errors.
func (a *app) runCheck(ctx context.Context) (checkResult, error) {
	res := checkResult{Status: statusOK, CheckReport: db.CheckReport{Integrity: []string{}, ForeignKeys: []db.ForeignKeyProblem{}}, DamagedTables: []string{}}
	if !a.demo {
		path, err := a.dbFile()
		if err != nil {
			return res, err
		}
		if res.Path, err = filepath.Abs(path); err != nil {
			return res, err
		}
	}
	store, cleanup, err := a.openStoreWith(ctx, db.Options{KeepSchema: true})
	var fe *db.FileError
	switch {
	case errors.As(err, &fe) && fe.Kind == db.ErrCorrupt:
		res.Status, res.Integrity = statusDamaged, []string{"the file is too damaged to open"}
	case errors.Is(err, db.ErrEmptyFile):
		res.Status = statusEmpty
	case errors.Is(err, db.ErrNotDatabase), errors.Is(err, db.ErrForeignDatabase):
		res.Status = statusNotRivals
	case errors.Is(err, db.ErrNewerSchema):
		res.Status = statusNewer
	case err != nil:
		return res, err
	default:
		defer cleanup()
		res.Path = store.Path()
		if res.CheckReport, err = store.Check(ctx); err != nil {
			return res, err
		}
		if !res.CheckReport.OK() {
			res.Status = statusDamaged
			if tables := store.DamagedTables(ctx, res.CheckReport); tables != nil {
				res.DamagedTables = tables
			}
		}
	}
	if err != nil {
		res.Message = err.Error()
	} else if res.Status == statusDamaged {
		res.Message = damageMeaning
	}
	res.Backups = db.Backups(res.Path)
	if res.Backups == nil {
		res.Backups = []string{}
	}
	res.OK = res.Status == statusOK
	return res, nil
}

// printCheck writes "ok"; or for a damaged file one line per problem, then the tables they
// fall in, what that means and the copies to restore; or nothing for a file that is not a
// rivals database (the error line says which kind).
func printCheck(a *app, res checkResult) error {
	var b strings.Builder
	switch res.Status {
	case statusOK:
		b.WriteString("ok\n")
	case statusDamaged:
		for _, line := range res.Integrity {
			fmt.Fprintf(&b, "integrity: %s\n", termtext.Line(line))
		}
		for _, p := range res.ForeignKeys {
			fmt.Fprintf(&b, "foreign key: %s\n", termtext.Line(p.String()))
		}
		tables := "cannot tell (the file's list of tables is damaged too)"
		if len(res.DamagedTables) > 0 {
			tables = termtext.Line(strings.Join(res.DamagedTables, ", "))
		}
		fmt.Fprintf(&b, "damaged tables: %s\n", tables)
		fmt.Fprintf(&b, "what it means: %s\n", damageMeaning)
		if len(res.Backups) == 0 {
			b.WriteString("restore: no copy beside the file; copy your latest rivals backup over it\n")
		}
		for _, c := range res.Backups {
			fmt.Fprintf(&b, "restore: %s (copied before a schema upgrade; changes made since are not in it)\n", termtext.Line(c))
		}
	}
	_, err := fmt.Fprint(a.stdout, b.String())
	return err
}

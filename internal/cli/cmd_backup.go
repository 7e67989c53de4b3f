package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/atomicfile"
	"github.com/rivals-app/rivals/internal/termtext"
)

func setupBackup(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	force := fs.Bool("force", false, "replace FILE if it exists")
	return func(ctx context.Context, args []string) error {
		// A backup copies the file as it is: an older schema is not upgraded first.
		store, cleanup, err := a.openStoreWith(ctx, db.Options{KeepSchema: true})
		if err != nil {
			return err
		}
		defer cleanup()
		file := args[0]
		atomicfile.RemoveStale(filepath.Dir(file), filepath.Base(file))
		err = store.Backup(ctx, file, *force)
		var fe *db.FileError
		switch {
		case errors.Is(err, atomicfile.ErrExists):
			return existsError(file)
		case errors.Is(err, db.ErrBackupOverDatabase), errors.As(err, &fe):
			return err
		case err != nil:
			return pathError("cannot write", file, err)
		}
		size := ""
		if fi, err := os.Stat(file); err == nil {
			size = " (" + byteSize(fi.Size()) + ")"
		}
		fmt.Fprintf(a.stdout, "backed up %s to %s%s\n", store.Path(), file, size)
		return nil
	}
}

func setupCheck(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	asJSON := fs.Bool("json", false, "print JSON: {path, ok, integrity, foreign_keys}")
	return func(ctx context.Context, _ []string) error {
		var path string
		var rep db.CheckReport
		store, cleanup, err := a.openStoreWith(ctx, db.Options{KeepSchema: true})
		var fe *db.FileError
		switch {
		case errors.As(err, &fe) && fe.Kind == db.ErrCorrupt:
			// Too damaged to open: that is the check's finding, not a failure to run it.
			path = fe.Path
			rep = db.CheckReport{Integrity: []string{"the file is too damaged to open"}, ForeignKeys: []db.ForeignKeyProblem{}}
		case err != nil:
			return err
		default:
			defer cleanup()
			path = store.Path()
			if rep, err = store.Check(ctx); err != nil {
				return err
			}
		}
		if *asJSON {
			err = writeJSON(a.stdout, struct {
				Path string `json:"path"`
				OK   bool   `json:"ok"`
				db.CheckReport
			}{path, rep.OK(), rep})
		} else {
			err = printCheck(a, rep)
		}
		if err != nil {
			return err
		}
		if n := len(rep.Integrity) + len(rep.ForeignKeys); n > 0 {
			return fmt.Errorf("%s failed the check: %s; restore it from a backup", path, countOf(n, "problem"))
		}
		return nil
	}
}

// printCheck writes "ok", or one line per problem.
func printCheck(a *app, rep db.CheckReport) error {
	if rep.OK() {
		_, err := fmt.Fprintln(a.stdout, "ok")
		return err
	}
	for _, line := range rep.Integrity {
		if _, err := fmt.Fprintf(a.stdout, "integrity: %s\n", termtext.Line(line)); err != nil {
			return err
		}
	}
	for _, p := range rep.ForeignKeys {
		if _, err := fmt.Fprintf(a.stdout, "foreign key: %s\n", termtext.Line(p.String())); err != nil {
			return err
		}
	}
	return nil
}

// byteSize words a file size: "812 KB", "3.4 MB".
func byteSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

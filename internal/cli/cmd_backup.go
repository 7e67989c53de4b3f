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
	asJSON := fs.Bool("json", false, "print JSON: {path, status, ok, message, integrity, foreign_keys, damaged_tables, backups}")
	return func(ctx context.Context, _ []string) error {
		res, err := a.runCheck(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			err = writeJSON(a.stdout, res)
		} else {
			err = printCheck(a, res)
		}
		if err != nil {
			return err
		}
		switch {
		case res.Status == statusDamaged:
			n := len(res.Integrity) + len(res.ForeignKeys)
			return fmt.Errorf("%s failed the check: %s; restore it from a backup", res.Path, countOf(n, "problem"))
		case res.Status != statusOK:
			return errors.New(res.Message)
		}
		return nil
	}
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

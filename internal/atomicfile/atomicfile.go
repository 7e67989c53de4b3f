// Package atomicfile writes files so that nobody ever sees half of one: the content goes to a
// temporary sibling (".NAME.tmp-RANDOM") that is synced, then renamed over the target. A writer
// holds a lock on its temporary file while it works, so the leftovers of a killed writer can be
// told from a file being written and removed (RemoveStale).
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned by Create and Fill when the target is already there.
var ErrExists = errors.New("already exists")

// Write writes path through a temporary sibling with permissions perm. A crash or an error
// from write leaves the old file (or no file) in place and, but for a crash, no temporary file
// behind.
func Write(path string, perm os.FileMode, write func(w io.Writer) error) error {
	return replace(path, perm, false, func(f *os.File) error {
		bw := bufio.NewWriter(f)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// Create is Write for a file that must not exist yet: anything at path (a dangling link
// included) is an error wrapping ErrExists, unless force is set.
func Create(path string, perm os.FileMode, force bool, write func(w io.Writer) error) error {
	if err := refuse(path, force); err != nil {
		return err
	}
	return Write(path, perm, write)
}

// Fill is Create for content that something else writes by file name, such as SQLite's
// VACUUM INTO: fill gets the name of an empty temporary sibling of path to write into, and the
// result is synced and renamed to path only when fill succeeds. Without force, a file that
// appeared at path in the meantime is not replaced either.
func Fill(path string, perm os.FileMode, force bool, fill func(tmp string) error) error {
	if err := refuse(path, force); err != nil {
		return err
	}
	return replace(path, perm, !force, func(f *os.File) error { return fill(f.Name()) })
}

// refuse fails with ErrExists when path exists and force is not set.
func refuse(path string, force bool) error {
	if force {
		return nil
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s %w", path, ErrExists)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// replace creates a locked temporary sibling of path, lets write fill it, syncs it and renames
// it to path (after checking again that path is free when exclusive), then syncs the directory
// so the rename survives a power cut.
func replace(path string, perm os.FileMode, exclusive bool, write func(f *os.File) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(filepath.Base(path))+"*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// Best effort: a file system without locks only loses the clean-up of leftovers.
	lock(tmp)
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if exclusive {
		if err = refuse(path, false); err != nil {
			return err
		}
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// The rename is done: the temporary name is gone, so failures from here on are reported
	// without trying to remove it. Closing releases the lock.
	closeErr := tmp.Close()
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return closeErr
}

// tempPrefix is how the temporary siblings of a file called base begin.
func tempPrefix(base string) string { return "." + base + ".tmp-" }

package db

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Failures of the database file itself, rather than of the data in it. Store methods return
// them inside a *FileError, which names the file; check them with errors.Is.
var (
	// ErrBusy means another process kept the database locked for longer than the busy
	// timeout (DefaultBusyTimeout unless Options say otherwise).
	ErrBusy = errors.New("the database is busy: another rivals is writing to it; try again")
	// ErrCorrupt means SQLite found damaged pages in the file.
	ErrCorrupt = errors.New("the database file is damaged")
	// ErrReadOnly means the file, or the directory it lives in, cannot be written.
	ErrReadOnly = errors.New("the database file or its directory is read-only")
	// ErrDiskFull means a write failed for want of space, or because the file reached a size
	// limit, or because the disk failed it.
	ErrDiskFull = errors.New("the database file could not be written: the disk is full")
	// ErrIO means the operating system failed a read of the file.
	ErrIO = errors.New("the database file could not be read: disk I/O error")
	// ErrCannotOpen means SQLite could not open the file (or its -wal and -shm companions).
	ErrCannotOpen = errors.New("the database file cannot be opened")
)

// FileError is a failure of the database file, in one line that names it. Unwrap gives both
// the kind (ErrBusy, ErrCorrupt, ErrDamaged, ErrReadOnly, ErrDiskFull, ErrIO, ErrCannotOpen,
// ErrNotDatabase) and the driver's own error.
type FileError struct {
	// Path is the file: the database, or the copy a backup was writing.
	Path string
	// Kind is one of the sentinels above.
	Kind error
	// Err is the driver's error, kept for errors.As and for logs, never shown to users.
	Err error
}

// Error says what happened to which file and what to do, without the driver's jargon.
func (e *FileError) Error() string {
	switch e.Kind {
	case ErrBusy:
		return fmt.Sprintf("the database %s is busy: another rivals is writing to it; try again", e.Path)
	case ErrCorrupt:
		return fmt.Sprintf("the database %s is damaged: restore it from a backup (rivals check lists what is wrong)", e.Path)
	case ErrDamaged:
		return fmt.Sprintf("the database %s is damaged: run rivals check; restore from a backup", e.Path)
	case ErrReadOnly:
		return fmt.Sprintf("cannot write to %s: the file or its directory is read-only", e.Path)
	case ErrDiskFull:
		if code(e.Err)&0xff == sqlite3.SQLITE_FULL {
			return fmt.Sprintf("cannot write to %s: the disk is full", e.Path)
		}
		return fmt.Sprintf("cannot write to %s: the write failed (disk full, file size limit or disk fault)", e.Path)
	case ErrIO:
		return fmt.Sprintf("cannot read %s: disk I/O error", e.Path)
	case ErrCannotOpen:
		return fmt.Sprintf("cannot open %s: check that it and its directory exist and are readable", e.Path)
	case ErrNotDatabase:
		return fmt.Sprintf("%s is not a rivals database (not a SQLite file)", e.Path)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Kind)
}

// Unwrap gives the kind and the driver's error.
func (e *FileError) Unwrap() []error { return []error{e.Kind, e.Err} }

// Explain puts a failure of the store's file into words (a *FileError) and returns any other
// error as it is. Store methods that write already do this; the CLI and the TUI call it on
// whatever else a store method returned, so that a damaged page met by a read is reported
// like one met by a write.
func (s *Store) Explain(err error) error { return explain(s.path, err) }

// explain is Explain for the file at path.
func explain(path string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return fe
	}
	var kind error
	switch c := code(err); c & 0xff {
	case 0:
		return err
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		kind = ErrBusy
	case sqlite3.SQLITE_CORRUPT:
		kind = ErrCorrupt
	case sqlite3.SQLITE_NOTADB:
		kind = ErrNotDatabase
	case sqlite3.SQLITE_READONLY:
		kind = ErrReadOnly
	case sqlite3.SQLITE_FULL:
		kind = ErrDiskFull
	case sqlite3.SQLITE_CANTOPEN:
		kind = ErrCannotOpen
	case sqlite3.SQLITE_IOERR:
		kind = ErrIO
		if writeFailure(c) {
			kind = ErrDiskFull
		}
	default:
		return err
	}
	return &FileError{Path: path, Kind: kind, Err: err}
}

// code returns the SQLite result code inside err, or 0.
func code(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// writeFailure reports whether an extended I/O error code is a failed write (what a full disk
// or a file size limit gives: SQLite reports ENOSPC as SQLITE_FULL, but EFBIG and short writes
// as one of these).
func writeFailure(c int) bool {
	switch c {
	case sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_FSYNC, sqlite3.SQLITE_IOERR_DIR_FSYNC,
		sqlite3.SQLITE_IOERR_TRUNCATE, sqlite3.SQLITE_IOERR_SHMSIZE:
		return true
	}
	return false
}

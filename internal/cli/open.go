package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// dbFile decides which database file to use: --db, else $RIVALS_DB, else the XDG data dir.
func (a *app) dbFile() (string, error) {
	if a.remote != nil {
		return a.remote.DBPath, nil // over SSH, the served database and no other
	}
	if a.dbPath != "" {
		return a.dbPath, nil
	}
	if p := a.getenv("RIVALS_DB"); p != "" {
		return p, nil
	}
	if dir := a.getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "rivals", "rivals.db"), nil
	}
	home := a.getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", errors.New("cannot find a home directory; pass --db PATH or set RIVALS_DB")
		}
	}
	return filepath.Join(home, ".local", "share", "rivals", "rivals.db"), nil
}

// storeMode says whether a command may create the database.
type storeMode int

const (
	// readOnly commands need an existing database and never create one.
	readOnly storeMode = iota
	// createIfMissing commands (the TUI, import) create the database on first use.
	createIfMissing
)

// openStore opens the user's database, or with --demo a fresh temporary copy of the demo
// catalog. The returned cleanup closes it (and removes a demo copy).
func (a *app) openStore(ctx context.Context, mode storeMode) (*db.Store, func(), error) {
	return a.openStoreWith(ctx, db.Options{Create: mode == createIfMissing})
}

// openForWriting is openStore for a command that writes: on a database the last check found
// damaged it is refused at once, before anything is read (reading could meet the damage and
// give a murkier error).
func (a *app) openForWriting(ctx context.Context, mode storeMode) (*db.Store, func(), error) {
	store, cleanup, err := a.openStore(ctx, mode)
	if err != nil {
		return nil, nil, err
	}
	if err := store.RefuseIfDamaged(); err != nil {
		cleanup()
		return nil, nil, err
	}
	return store, cleanup, nil
}

// openStoreWith is openStore with the options of db.OpenWith.
func (a *app) openStoreWith(ctx context.Context, opt db.Options) (*db.Store, func(), error) {
	if a.demo {
		return a.openDemo(ctx)
	}
	if a.remote != nil {
		// The served database exists; a reader's command holds a connection that cannot write.
		opt.Create = false
		opt.ReadOnly = opt.ReadOnly || !a.remote.MayEdit
	}
	path, err := a.dbFile()
	if err != nil {
		return nil, nil, err
	}
	store, err := a.openDB(ctx, path, opt)
	if err != nil {
		return nil, nil, err
	}
	return store, func() { store.Close() }, nil
}

// openDB opens the database file at path, says on stderr before it turns an empty file into a
// database (only a command that may create one does) and when the schema was upgraded and
// where the copy of the old file is, and keeps the store's Explain for run.
func (a *app) openDB(ctx context.Context, path string, opt db.Options) (*db.Store, error) {
	opt.BusyTimeout, opt.Now = a.busyTimeout, a.now
	if opt.Create && db.IsEmptyFile(path) {
		fmt.Fprintf(a.noticeWriter(), "rivals: %s is an empty file; making it a new rivals database\n", path)
	}
	store, err := db.OpenWith(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	if from, backup := store.Upgrade(); backup != "" {
		fmt.Fprintf(a.noticeWriter(), "rivals: upgraded %s from schema version %d to %d; the previous file is saved as %s\n",
			store.Path(), from, db.SchemaVersion(), backup)
	}
	a.explain = store.Explain
	return store.As(a.origin()), nil
}

// noticeWriter is where opening the database says what it did: standard error, unless the
// TUI holds the terminal (see setupTUI).
func (a *app) noticeWriter() io.Writer {
	if a.heldNotices != nil {
		return a.heldNotices
	}
	return a.stderr
}

// origin is who this command's writes are recorded as, and from where.
func (a *app) origin() db.Origin {
	source := a.source
	if a.remote != nil {
		source += " over ssh"
	}
	return db.Origin{Author: a.authorName(), Source: source, Now: a.now}
}

// authorName is --author, else $RIVALS_AUTHOR, else the operating system's user name; over
// SSH it is always the server's name for the user.
func (a *app) authorName() string {
	if a.remote != nil {
		return a.remote.User
	}
	if name := strings.TrimSpace(a.author); name != "" {
		return name
	}
	if name := strings.TrimSpace(a.getenv("RIVALS_AUTHOR")); name != "" {
		return name
	}
	if a.userName != nil {
		if name := strings.TrimSpace(a.userName()); name != "" {
			return name
		}
	}
	for _, v := range []string{"USER", "USERNAME"} {
		if name := strings.TrimSpace(a.getenv(v)); name != "" {
			return name
		}
	}
	return "unknown"
}

// openScratch opens an empty database in a new temporary directory, removed by cleanup.
func openScratch(ctx context.Context) (*db.Store, func(), error) {
	dir, err := os.MkdirTemp("", "rivals-")
	if err != nil {
		return nil, nil, err
	}
	store, err := db.Open(ctx, filepath.Join(dir, "rivals.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return store, func() { store.Close(); os.RemoveAll(dir) }, nil
}

// openDemo loads the embedded demo catalog into a scratch database.
func (a *app) openDemo(ctx context.Context) (*db.Store, func(), error) {
	store, cleanup, err := openScratch(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := loadDemo(ctx, store, a.demoCatalog, a.now()); err != nil {
		cleanup()
		return nil, nil, err
	}
	return store.As(a.origin()), cleanup, nil
}

// openSnapshot opens the database read-only and takes one snapshot of it, so that a command
// reads one consistent state of the catalog however many queries it makes, even while another
// rivals imports into it. cleanup closes the snapshot and the store.
func (a *app) openSnapshot(ctx context.Context) (*db.Snapshot, func(), error) {
	store, closeStore, err := a.openStore(ctx, readOnly)
	if err != nil {
		return nil, nil, err
	}
	snap, err := store.Snapshot(ctx)
	if err != nil {
		closeStore()
		return nil, nil, err
	}
	return snap, func() { snap.Close(); closeStore() }, nil
}

// openCompetitors is openSnapshot that also lists the competitors, the start of every command
// that reads the catalog and resolves NAME arguments.
func (a *app) openCompetitors(ctx context.Context) (*db.Snapshot, []model.Competitor, func(), error) {
	snap, cleanup, err := a.openSnapshot(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	comps, err := snap.Competitors(ctx)
	if err != nil {
		cleanup()
		return nil, nil, nil, err
	}
	return snap, comps, cleanup, nil
}

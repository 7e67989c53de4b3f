// Package cli is rivals' command line: it parses a command line, opens and migrates the
// database and runs one command or the TUI. Main is its only entry point; everything a command
// touches outside the process comes in through Env.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
	"github.com/rivals-app/rivals/tui"
)

// Env is what rivals takes from the outside world: its streams, environment, clock, the TUI
// runner and the demo catalog. main builds it from the process; tests and the team server build
// their own, so a command never reaches for os.Stdout, os.Exit or a global.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	// RunTUI opens the terminal UI on an open store (tui.Run outside tests).
	RunTUI func(ctx context.Context, store *db.Store, opts tui.Options) error
	// DemoCatalog is the built-in demo market in the catalog JSON format, behind --demo.
	DemoCatalog []byte
}

// Main runs one rivals command line (without the program name) and returns its exit status:
// 0 on success, 1 on a failure, 2 on a usage mistake.
func Main(ctx context.Context, env Env, args []string) int {
	a := &app{
		stdin:       env.Stdin,
		stdout:      env.Stdout,
		stderr:      env.Stderr,
		getenv:      env.Getenv,
		now:         env.Now,
		runTUI:      env.RunTUI,
		demoCatalog: env.DemoCatalog,
	}
	return a.run(ctx, args)
}

// app holds everything a command touches from the outside world, so tests can run commands
// in-process with their own streams, environment and clock.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	runTUI         func(ctx context.Context, store *db.Store, opts tui.Options) error
	demoCatalog    []byte // the demo market behind --demo (Env.DemoCatalog)

	// maxInput is the largest import input read, in bytes; 0 means importer.MaxFileSize.
	// Tests lower it to try endless inputs without reading hundreds of megabytes.
	maxInput int64
	// busyTimeout replaces db.DefaultBusyTimeout when set (tests shorten it).
	busyTimeout time.Duration

	// Global flags, accepted anywhere on the line.
	dbPath string
	demo   bool

	// explain puts failures of the open database's file into words (see run); set by openDB.
	explain func(error) error
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError is a mistake in how rivals was called; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// run executes one command line and returns the exit status.
func (a *app) run(ctx context.Context, args []string) int {
	cmd, rest, err := findCommand(args)
	if err == nil {
		err = a.runCommand(ctx, cmd, rest)
	}
	if err != nil && a.explain != nil {
		// A damaged page, a full disk or a busy database reads the same whichever store
		// method met it.
		err = a.explain(err)
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		name := "rivals"
		if cmd != nil && cmd.name != "" {
			name += " " + cmd.name
		}
		fmt.Fprintf(a.stderr, "%s: %s\n", name, termtext.Line(err.Error()))
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(a.stderr, "run '%s --help' for usage\n", name)
			return exitUsage
		}
		return exitError
	}
	return exitOK
}

// runCommand parses the command's flags (global ones included), checks its arguments and runs it.
func (a *app) runCommand(ctx context.Context, cmd *command, args []string) error {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.dbPath, "db", "", "database file (default $RIVALS_DB, else $XDG_DATA_HOME/rivals/rivals.db)")
	fs.BoolVar(&a.demo, "demo", false, cmd.demoHelp())
	var run func(ctx context.Context, args []string) error
	if cmd.setup != nil {
		run = cmd.setup(a, fs)
	}
	positional, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		a.printCommandHelp(cmd, fs)
		return flag.ErrHelp
	}
	if err != nil {
		if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok {
			return usagef("unknown flag %s", name)
		}
		return usagef("%s", err)
	}
	if cmd.group {
		var usages []string
		for _, sub := range family(cmd)[1:] {
			usages = append(usages, sub.usage)
		}
		return usagef("usage: %s", strings.Join(usages, " or "))
	}
	if len(positional) < cmd.minArgs || (cmd.maxArgs >= 0 && len(positional) > cmd.maxArgs) {
		return usagef("usage: %s", cmd.usage)
	}
	if cmd.name == "help" {
		a.printUsage()
		return nil
	}
	return run(ctx, positional)
}

// parseInterspersed parses flags that may stand anywhere among the positional arguments
// ("rivals show acme --json"); "--" ends flag parsing.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		// flag stops at "--" (consumed) or at the first non-flag argument.
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// dbFile decides which database file to use: --db, else $RIVALS_DB, else the XDG data dir.
func (a *app) dbFile() (string, error) {
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

// openStoreWith is openStore with the options of db.OpenWith.
func (a *app) openStoreWith(ctx context.Context, opt db.Options) (*db.Store, func(), error) {
	if a.demo {
		return a.openDemo(ctx)
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

// openDB opens the database file at path, says on stderr when its schema was upgraded and
// where the copy of the old file is, and keeps the store's Explain for run.
func (a *app) openDB(ctx context.Context, path string, opt db.Options) (*db.Store, error) {
	opt.BusyTimeout, opt.Now = a.busyTimeout, a.now
	store, err := db.OpenWith(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	if from, backup := store.Upgrade(); backup != "" {
		fmt.Fprintf(a.stderr, "rivals: upgraded %s from schema version %d to %d; the previous file is saved as %s\n",
			store.Path(), from, db.SchemaVersion(), backup)
	}
	a.explain = store.Explain
	return store, nil
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
	return store, cleanup, nil
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

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
	"strings"
	"time"

	"github.com/rivals-app/rivals/internal/termtext"
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
	// RunTUI runs the terminal UI on the store it opens through open (tui.Run outside tests).
	RunTUI func(ctx context.Context, open tui.OpenStore, opts tui.Options) error
	// DemoCatalog is the built-in demo market in the catalog JSON format, behind --demo.
	DemoCatalog []byte
	// UserName is the operating system's name for the user running rivals, the author of
	// the changes they make unless --author or RIVALS_AUTHOR says otherwise ($USER when nil).
	UserName func() string
	// Remote, when set, runs the command line for a user of the team server over SSH: on the
	// served database only, as that user, without touching the server's files (see Remote).
	Remote *Remote
	// Hangups receives a value each time the process is asked to re-read its configuration
	// (SIGHUP): the team server re-reads its users file. Nil when nothing asks.
	Hangups <-chan struct{}
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
		userName:    env.UserName,
		remote:      env.Remote,
		hangups:     env.Hangups,
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
	runTUI         func(ctx context.Context, open tui.OpenStore, opts tui.Options) error
	demoCatalog    []byte // the demo market behind --demo (Env.DemoCatalog)
	userName       func() string
	// remote is set for a command line run over SSH by a user of the team server.
	remote *Remote
	// hangups asks the team server to re-read its users file (Env.Hangups).
	hangups <-chan struct{}

	// maxInput is the largest import input read, in bytes; 0 means importer.MaxFileSize.
	// Tests lower it to try endless inputs without reading hundreds of megabytes.
	maxInput int64
	// busyTimeout replaces db.DefaultBusyTimeout when set (tests shorten it).
	busyTimeout time.Duration

	// Global flags, accepted anywhere on the line.
	dbPath string
	demo   bool
	author string

	// source names, in the change history, where the command's writes come from: "tui",
	// "deal add", "import deals.csv".
	source string

	// heldNotices, when set, takes what opening the database says (see noticeWriter).
	heldNotices io.Writer

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
	if err == nil && a.remote != nil {
		err = a.remoteRefusesCommand(cmd)
	}
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
	fs.StringVar(&a.author, "author", "", "who the changes this command makes are recorded as (default $RIVALS_AUTHOR, else your user name)")
	a.source = cmd.name
	if a.source == "" {
		a.source = "tui"
	}
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
	if a.remote != nil {
		if err := a.remoteRefusesArgs(cmd, fs, positional); err != nil {
			return err
		}
	}
	if cmd.name == "help" {
		a.printUsage()
		return nil
	}
	return run(ctx, positional)
}

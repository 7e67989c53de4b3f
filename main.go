// Command rivals is a fast, keyboard-driven terminal app for competitive intelligence: a catalog
// of competitors, a feature matrix, pricing history, win/loss records, intel notes and battle
// cards in one local SQLite file. Run without a command it opens the TUI; every read command
// also works without the TUI and has --json.
package main

import (
	"context"
	_ "embed"
	"os"
	"os/signal"
	"os/user"
	"syscall"
	"time"

	"github.com/rivals-app/rivals/internal/cli"
	"github.com/rivals-app/rivals/tui"
)

// demoCatalog is the built-in demo market behind --demo, in the catalog JSON format.
//
//go:embed testdata/demo/catalog.json
var demoCatalog []byte

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	hangups := make(chan struct{}, 1)
	go notifyHangups(hangups)
	code := cli.Main(ctx, cli.Env{
		Stdin:       os.Stdin,
		Stdout:      os.Stdout,
		Stderr:      os.Stderr,
		Getenv:      os.Getenv,
		Now:         time.Now,
		RunTUI:      tui.Run,
		DemoCatalog: demoCatalog,
		UserName:    userName,
		Hangups:     hangups,
	}, os.Args[1:])
	stop()
	os.Exit(code)
}

// userName is the operating system's name for the user running rivals ("" when unknown).
func userName() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return u.Username
}

// notifyHangups passes on SIGHUP (re-read the configuration: the team server's users file),
// dropping one that arrives while another waits. Windows never sends it.
func notifyHangups(hangups chan<- struct{}) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP)
	for range sig {
		select {
		case hangups <- struct{}{}:
		default:
		}
	}
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"path/filepath"
	"time"

	"github.com/charmbracelet/log"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/server"
)

// hostKeyName is the host key's file name, next to the database unless --host-key says.
const hostKeyName = "rivals_host_ed25519"

func setupServe(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	listen := fs.String("listen", ":23234", "the address to accept SSH connections on")
	hostKey := fs.String("host-key", "", "the server's ed25519 host key, generated on first start (default "+hostKeyName+" next to the database)")
	users := fs.String("users", "", "the users file: one 'ROLE NAME KEY' line per key (see rivals serve --help)")
	anyone := fs.Bool("allow-read-anyone", false, "let in keys the users file does not know, as readers named by the key's fingerprint")
	maxSessions := fs.Int("max-sessions", server.DefaultMaxSessions, "how many sessions may be open at once")
	idle := fs.Duration("idle-timeout", server.DefaultIdleTimeout, "close a connection idle for this long (0: never)")
	return func(ctx context.Context, _ []string) error {
		if a.demo {
			return usagef("serve shares a real database: run rivals init --demo --db FILE first, then serve --db FILE")
		}
		if *users == "" && !*anyone {
			return usagef("give --users FILE (who may connect, and as what) or --allow-read-anyone")
		}
		if *maxSessions <= 0 {
			return usagef("--max-sessions must be at least 1")
		}
		if *idle < 0 {
			return usagef("--idle-timeout must not be negative")
		}
		path, err := a.dbFile()
		if err != nil {
			return err
		}
		writer, err := a.openDB(ctx, path, db.Options{})
		if err != nil {
			return err
		}
		defer writer.Close()
		reader, err := db.OpenWith(ctx, path, db.Options{ReadOnly: true, BusyTimeout: a.busyTimeout})
		if err != nil {
			return err
		}
		defer reader.Close()
		keyPath := *hostKey
		if keyPath == "" {
			keyPath = filepath.Join(filepath.Dir(writer.Path()), hostKeyName)
		}
		key, err := server.LoadOrCreateHostKey(keyPath)
		if err != nil {
			return err
		}
		idleTimeout := *idle
		if idleTimeout == 0 {
			idleTimeout = -1 // the flag's 0 means never; the server's 0 means its default
		}
		logger := log.NewWithOptions(a.stderr, log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339, Prefix: "rivals serve"})
		srv, err := server.New(server.Config{
			Reader:          reader,
			Writer:          writer,
			HostKey:         key,
			UsersFile:       *users,
			AllowReadAnyone: *anyone,
			MaxSessions:     *maxSessions,
			IdleTimeout:     idleTimeout,
			Now:             a.now,
			Run:             a.remoteRunner(writer.Path()),
			CommandName:     commandName,
			Log:             logger,
		})
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", *listen)
		if err != nil {
			return err
		}
		made := ""
		if key.Created {
			made = " (new, written to " + keyPath + ")"
		}
		fmt.Fprintf(a.stdout, "serving %s on %s\nhost key %s%s\n", writer.Path(), ln.Addr(), key.Fingerprint(), made)
		logger.Info("listening", "addr", ln.Addr().String(), "users", srv.Users(), "allow-read-anyone", *anyone)
		err = srv.Serve(ctx, ln, a.hangups)
		logger.Info("stopped")
		return err
	}
}

// remoteRunner runs a user's command line over SSH as cli.Main would, on the served database
// only, as that user and with nothing from the server's environment.
func (a *app) remoteRunner(dbPath string) func(ctx context.Context, c server.Command) int {
	return func(ctx context.Context, c server.Command) int {
		remote := &app{
			stdin:       c.Stdin,
			stdout:      c.Stdout,
			stderr:      c.Stderr,
			getenv:      func(string) string { return "" },
			now:         a.now,
			busyTimeout: a.busyTimeout,
			remote:      &Remote{DBPath: dbPath, User: c.User.Name, MayEdit: c.User.Role.MayEdit()},
		}
		return remote.run(ctx, c.Args)
	}
}

// commandName names the command of a command line, for the server's log ("card", "price
// history"); never its arguments.
func commandName(args []string) string {
	cmd, _, err := findCommand(args)
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		return "unknown"
	case cmd.name == "":
		return "tui"
	}
	return cmd.name
}

// serveHelp explains the users file at the end of serve's help.
func serveHelp() string {
	return `Users file: one line per key, like authorized_keys with a role and a name first:
  editor marta ssh-ed25519 AAAAC3Nza… marta@laptop
Roles: reader (reads everything, changes nothing), editor (all edits), admin (an
editor who may also run 'ssh HOST users reload'). # starts a comment. SIGHUP re-reads it.
`
}

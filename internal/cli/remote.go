package cli

import (
	"flag"
	"fmt"
	"slices"
	"strings"
)

// Remote is a command line run for a user of the team server over SSH (`ssh host card
// harborline`). Such a command reads and writes only the served database, is recorded under
// the user's name, and may not touch the server's filesystem: Main refuses the commands and
// flags that would.
type Remote struct {
	// DBPath is the served database, the only one a remote command may open.
	DBPath string
	// User is the name the server knows the user by; every change the command makes is
	// recorded under it, whatever --author or the environment say.
	User string
	// MayEdit is set for editors and admins; a reader's command opens the database read-only.
	MayEdit bool
}

// remoteReads are the commands every user of the team server may run: they only read.
var remoteReads = []string{"list", "show", "compare", "price", "price history", "winloss", "reasons",
	"card", "prep", "changes", "digest", "fx list", "version", "help"}

// remoteWrites are the commands an editor may run as well.
var remoteWrites = []string{"import", "deal add"}

// remoteRefusedFlags touch the server's filesystem or choose another database.
var remoteRefusedFlags = []string{"db", "demo", "o", "dir", "all", "force", "map-file"}

// RemoteCommands lists the commands a user of the team server may run over SSH, editors' ones
// included when mayEdit is set, in the order help shows them.
func RemoteCommands(mayEdit bool) []string {
	names := slices.Clone(remoteReads)
	if mayEdit {
		names = append(names, remoteWrites...)
	}
	return names
}

// remoteRefusesCommand says why a remote user may not run cmd, or nil when they may.
func (a *app) remoteRefusesCommand(cmd *command) error {
	switch {
	case cmd.name == "":
		return usagef("the TUI needs a terminal: connect with ssh -t, or name a command (%s)", strings.Join(RemoteCommands(a.remote.MayEdit), ", "))
	case cmd.group || slices.Contains(remoteReads, cmd.name):
		return nil
	case slices.Contains(remoteWrites, cmd.name):
		if !a.remote.MayEdit {
			return fmt.Errorf("read-only: ask an editor")
		}
		return nil
	}
	return fmt.Errorf("not available over SSH (available: %s)", strings.Join(RemoteCommands(a.remote.MayEdit), ", "))
}

// remoteRefusesArgs says why a remote user may not run cmd with these flags and arguments, or
// nil when they may: nothing may name a file or directory on the server, nor another database.
func (a *app) remoteRefusesArgs(cmd *command, fs *flag.FlagSet, args []string) error {
	var refused error
	fs.Visit(func(f *flag.Flag) {
		if refused != nil {
			return
		}
		name := "--" + f.Name
		if len(f.Name) == 1 {
			name = "-" + f.Name
		}
		switch {
		case slices.Contains(remoteRefusedFlags, f.Name):
			refused = usagef("%s is not available over SSH: the server's files are not yours to read or write", name)
		case f.Name == "author" && cmd.name != "changes":
			refused = usagef("--author is not available over SSH: your changes are recorded as %s", a.remote.User)
		}
	})
	if refused != nil {
		return refused
	}
	if cmd.name == "import" {
		for _, arg := range args {
			if arg != "-" {
				return usagef("import over SSH reads standard input only: pipe the file to 'import -' (not %q)", arg)
			}
		}
	}
	return nil
}

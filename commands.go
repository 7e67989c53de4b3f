package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
)

// command is one subcommand of rivals.
type command struct {
	name    string // "" is the root command (the TUI)
	usage   string
	summary string
	example string
	minArgs int
	maxArgs int // -1: no limit
	// setup registers the command's own flags and returns the function that runs it.
	setup func(a *app, fs *flag.FlagSet) func(ctx context.Context, args []string) error
}

// demoHelp describes --demo, whose meaning depends on the command.
func (c *command) demoHelp() string {
	if c.name == "init" {
		return "load the demo catalog into the database"
	}
	return "use a temporary copy of the demo catalog (your database is never touched)"
}

// commands lists every subcommand in the order help shows them.
func commands() []*command {
	return []*command{
		{name: "", usage: "rivals [--db PATH] [--demo]", summary: "open the TUI", example: "rivals --demo", maxArgs: 0, setup: setupTUI},
		{name: "init", usage: "rivals init [--demo] [--force]", summary: "create the database; --demo loads the demo catalog", example: "rivals init --demo --db /tmp/rivals.db", maxArgs: 0, setup: setupInit},
		{name: "import", usage: "rivals import FILE [--dry-run]", summary: "import a catalog JSON file (all or nothing)", example: "rivals import catalog.json --dry-run", minArgs: 1, maxArgs: 1, setup: setupImport},
		{name: "export", usage: "rivals export catalog [-o FILE]", summary: "write the whole catalog as JSON", example: "rivals export catalog -o backup.json", minArgs: 1, maxArgs: 1, setup: setupExport},
		{name: "list", usage: "rivals list [--json]", summary: "list competitors", example: "rivals list --json", maxArgs: 0, setup: setupList},
		{name: "show", usage: "rivals show NAME [--json]", summary: "show one competitor's profile", example: "rivals show harborline", minArgs: 1, maxArgs: 1, setup: setupShow},
		{name: "compare", usage: "rivals compare NAME NAME... [--format table|md|csv|json] [--diff] [--category C] [-o FILE]", summary: "compare 2 to 4 products feature by feature, with weighted scores", example: "rivals compare tidewell harborline replyfox --format md -o cmp.md", minArgs: 2, maxArgs: 4, setup: setupCompare},
		{name: "version", usage: "rivals version", summary: "print the version", maxArgs: 0, setup: setupVersion},
		{name: "help", usage: "rivals help", summary: "show this help", maxArgs: 0},
	}
}

// globalValueFlags are global flags that take a value in the next argument.
var globalValueFlags = map[string]bool{"db": true}

// findCommand picks the subcommand out of args, which may be preceded by global flags
// ("rivals --db x.db list"), and returns the remaining arguments with the command name removed.
func findCommand(args []string) (*command, []string, error) {
	cmds := commands()
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		if strings.HasPrefix(arg, "-") && arg != "-" {
			name := strings.TrimLeft(arg, "-")
			if !strings.Contains(name, "=") && globalValueFlags[name] {
				i++ // skip the flag's value
			}
			continue
		}
		for _, c := range cmds {
			if c.name == arg && c.name != "" {
				rest := append(append([]string{}, args[:i]...), args[i+1:]...)
				return c, rest, nil
			}
		}
		return cmds[0], nil, usagef("unknown command %q", arg)
	}
	return cmds[0], args, nil
}

// printUsage writes the overall help.
func (a *app) printUsage() {
	w := a.stdout
	fmt.Fprintln(w, "rivals — competitive intelligence in your terminal")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-40s %s\n", c.usage, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Global flags (accepted anywhere on the line):")
	fmt.Fprintln(w, "  --db PATH   database file (default $RIVALS_DB, else $XDG_DATA_HOME/rivals/rivals.db)")
	fmt.Fprintln(w, "  --demo      use a temporary copy of the demo catalog")
	fmt.Fprintln(w, "  --help      help for any command: rivals show --help")
}

// printCommandHelp writes one command's help, including its flags.
func (a *app) printCommandHelp(c *command, fs *flag.FlagSet) {
	if c.name == "" || c.name == "help" {
		a.printUsage()
		return
	}
	w := a.stdout
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", c.usage, capitalize(c.summary)+".")
	if c.example != "" {
		fmt.Fprintf(w, "\nExample:\n  %s\n", c.example)
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.VisitAll(func(f *flag.Flag) {
		name := "--" + f.Name
		if len(f.Name) == 1 {
			name = "-" + f.Name
		}
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); !isBool {
			name += " " + strings.ToUpper(valueName(f))
		}
		fmt.Fprintf(w, "  %-16s %s\n", name, f.Usage)
	})
}

// valueName names a flag's argument in help ("PATH" for --db, "FILE" for -o).
func valueName(f *flag.Flag) string {
	switch f.Name {
	case "db":
		return "path"
	case "o":
		return "file"
	case "format":
		return "format"
	case "category":
		return "name"
	}
	return "value"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

package cli

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"strings"
)

// command is one subcommand of rivals.
type command struct {
	// name is "" for the root command (the TUI), one word ("list"), or two for a subcommand
	// ("price history", "fx set").
	name    string
	group   bool // a name whose subcommands do the work ("fx"): it only explains them
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
		{name: "import", usage: "rivals import FILE... [--kind K] [--dry-run] [--on-conflict update|skip|fail] [--date-format MDY|DMY] [--currency CODE]", summary: "import catalog JSON and CSV files (spreadsheets, CRM exports) in one all-or-nothing run", example: "rivals import matrix.csv deals.csv --dry-run", minArgs: 1, maxArgs: -1, setup: setupImport},
		{name: "export", usage: "rivals export catalog [-o FILE] [--force]", summary: "write the whole catalog as JSON", example: "rivals export catalog -o backup.json", minArgs: 1, maxArgs: 1, setup: setupExport},
		{name: "list", usage: "rivals list [--json]", summary: "list competitors", example: "rivals list --json", maxArgs: 0, setup: setupList},
		{name: "show", usage: "rivals show NAME [--json]", summary: "show one competitor's profile", example: "rivals show harborline", minArgs: 1, maxArgs: 1, setup: setupShow},
		{name: "compare", usage: "rivals compare NAME NAME... [--format table|md|csv|json] [--diff] [--category C] [-o FILE] [--force]", summary: "compare 2 to 4 products feature by feature, with weighted scores", example: "rivals compare tidewell harborline replyfox --format md -o cmp.md", minArgs: 2, maxArgs: 4, setup: setupCompare},
		{name: "price", usage: "rivals price NAME... [--seats N] [--period month|year] [--usage N] [--currency CODE] [--json]", summary: "price a deal on each product's cheapest fitting plan, versus ours", example: "rivals price us harborline replyfox --seats 50 --period year", minArgs: 1, maxArgs: -1, setup: setupPrice},
		{name: "price history", usage: "rivals price history NAME [--json]", summary: "every price a competitor's plans have had, oldest first", example: "rivals price history harborline", minArgs: 1, maxArgs: 1, setup: setupPriceHistory},
		{name: "fx", group: true, usage: "rivals fx set|list", summary: "manage the exchange rates used to compare prices"},
		{name: "fx set", usage: "rivals fx set CODE RATE [--base USD] [--date YYYY-MM-DD]", summary: "record an exchange rate: 1 CODE = RATE BASE", example: "rivals fx set EUR 1.08", minArgs: 2, maxArgs: 2, setup: setupFXSet},
		{name: "fx list", usage: "rivals fx list [--json]", summary: "list the exchange rates in use", example: "rivals fx list", maxArgs: 0, setup: setupFXList},
		{name: "winloss", usage: "rivals winloss [--competitor NAME] [--since DATE] [--until DATE] [--segment S] [--region R] [--by DIMENSION] [--json|--csv]", summary: "win rates overall and by competitor, quarter, segment, region or reason", example: "rivals winloss --competitor harborline --by quarter", maxArgs: 0, setup: setupWinLoss},
		{name: "deal", group: true, usage: "rivals deal add|delete", summary: "log or delete win/loss deals"},
		{name: "deal add", usage: "rivals deal add --outcome won|lost|no_decision --competitor NAME... [--reason CODE...] [flags]", summary: "log a won, lost or no-decision deal", example: "rivals deal add --outcome lost --competitor harborline --reason price --amount 24000 --currency USD", maxArgs: 0, setup: setupDealAdd},
		{name: "deal delete", usage: "rivals deal delete REF", summary: "delete a deal by its ref", example: "rivals deal delete D-2026-11-23-1", minArgs: 1, maxArgs: 1, setup: setupDealDelete},
		{name: "reasons", usage: "rivals reasons [--json]", summary: "list the reason codes and how many deals cite each", example: "rivals reasons", maxArgs: 0, setup: setupReasons},
		{name: "reasons rename", usage: "rivals reasons rename CODE LABEL", summary: "change a reason code's label", example: `rivals reasons rename price "Price & discounting"`, minArgs: 2, maxArgs: 2, setup: setupReasonsRename},
		{name: "reasons merge", usage: "rivals reasons merge FROM INTO", summary: "fold one reason code into another (deals keep their history)", example: "rivals reasons merge total_cost price", minArgs: 2, maxArgs: 2, setup: setupReasonsMerge},
		{name: "card", usage: "rivals card NAME [--format md|html|json|txt] [-o FILE] [--force] | --all --dir DIR", summary: "export a battle card with the catalog's evidence, or every card and an index", example: "rivals card harborline --format html -o harborline.html", maxArgs: 1, setup: setupCard},
		{name: "prep", usage: "rivals prep NAME [--json]", summary: "a one-screen call-prep sheet for a competitor", example: "rivals prep harborline", minArgs: 1, maxArgs: 1, setup: setupPrep},
		{name: "backup", usage: "rivals backup FILE [--force]", summary: "copy the database to FILE, consistently, even while rivals is in use", example: "rivals backup rivals-2026-11-23.db", minArgs: 1, maxArgs: 1, setup: setupBackup},
		{name: "check", usage: "rivals check [--json]", summary: "check the database for damage and broken references; exit 1 on problems", example: "rivals check", maxArgs: 0, setup: setupCheck},
		{name: "version", usage: "rivals version", summary: "print the version", maxArgs: 0, setup: setupVersion},
		{name: "help", usage: "rivals help", summary: "show this help", maxArgs: 0},
	}
}

// globalValueFlags are global flags that take a value in the next argument.
var globalValueFlags = map[string]bool{"db": true}

// findCommand picks the subcommand out of args, which may be preceded by global flags
// ("rivals --db x.db list"), and returns the remaining arguments with the command's words removed.
// A two-word command ("price history") is chosen when its second word is the next argument that
// is neither a flag nor a flag's value.
func findCommand(args []string) (*command, []string, error) {
	cmds := commands()
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			break
		}
		if strings.HasPrefix(arg, "-") && arg != "-" {
			if takesValue(arg, globalValueFlags) {
				i++ // skip the flag's value
			}
			continue
		}
		var named []*command
		for _, c := range cmds {
			if c.name != "" && (c.name == arg || strings.HasPrefix(c.name, arg+" ")) {
				named = append(named, c)
			}
		}
		if len(named) == 0 {
			return cmds[0], nil, usagef("unknown command %q", arg)
		}
		rest := append(append([]string{}, args[:i]...), args[i+1:]...)
		if j := nextPositional(rest, i, valueFlags(named)); j >= 0 {
			for _, c := range named {
				if c.name == arg+" "+rest[j] {
					return c, append(rest[:j:j], rest[j+1:]...), nil
				}
			}
			if named[0].group {
				return named[0], nil, usagef("unknown command %q (want %s)", arg+" "+rest[j], subNames(named))
			}
		}
		return named[0], rest, nil
	}
	return cmds[0], args, nil
}

// takesValue reports whether arg is a flag, among valued, whose value is the next argument.
func takesValue(arg string, valued map[string]bool) bool {
	name := strings.TrimLeft(arg, "-")
	return !strings.Contains(name, "=") && valued[name]
}

// nextPositional returns the index of the first argument from i on that is neither a flag nor a
// flag's value, or -1. Arguments after "--" are never a subcommand's word, so "rivals price --
// history" prices a competitor called history.
func nextPositional(args []string, i int, valued map[string]bool) int {
	for ; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--":
			return -1
		case strings.HasPrefix(arg, "-") && arg != "-":
			if takesValue(arg, valued) {
				i++
			}
		default:
			return i
		}
	}
	return -1
}

// valueFlags names the flags of cmds (and the global ones) that take a value.
func valueFlags(cmds []*command) map[string]bool {
	valued := maps.Clone(globalValueFlags)
	for _, c := range cmds {
		if c.setup == nil {
			continue
		}
		// Setting a command up only registers its flags; the app is never used.
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.setup(&app{}, fs)
		fs.VisitAll(func(f *flag.Flag) {
			if !isBoolFlag(f) {
				valued[f.Name] = true
			}
		})
	}
	return valued
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// subNames lists the second words of a group's subcommands: "set or list".
func subNames(family []*command) string {
	var subs []string
	for _, c := range family {
		if _, sub, ok := strings.Cut(c.name, " "); ok {
			subs = append(subs, sub)
		}
	}
	return strings.Join(subs, " or ")
}

// family returns the commands that share c's first word, in table order (a group first).
func family(c *command) []*command {
	first, _, _ := strings.Cut(c.name, " ")
	var out []*command
	for _, o := range commands() {
		if o.name == first || strings.HasPrefix(o.name, first+" ") {
			out = append(out, o)
		}
	}
	return out
}

// printUsage writes the overall help.
func (a *app) printUsage() {
	w := a.stdout
	fmt.Fprintln(w, "rivals — competitive intelligence in your terminal")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	for _, c := range commands() {
		switch {
		case c.group:
		case len(c.usage) > 40: // the summary goes under a long usage line, in its column
			fmt.Fprintf(w, "  %s\n  %-40s %s\n", c.usage, "", c.summary)
		default:
			fmt.Fprintf(w, "  %-40s %s\n", c.usage, c.summary)
		}
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
	if c.group {
		fmt.Fprintf(w, "%s.\n\nUsage:\n", capitalize(c.summary))
		for _, sub := range family(c)[1:] {
			fmt.Fprintf(w, "  %s\n      %s\n", sub.usage, sub.summary)
		}
		fmt.Fprintf(w, "\nrivals %s --help shows one command's flags.\n", family(c)[1].name)
		return
	}
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", c.usage, capitalize(c.summary)+".")
	if c.example != "" {
		fmt.Fprintf(w, "\nExample:\n  %s\n", c.example)
	}
	fmt.Fprintln(w, "\nFlags:")
	var names []string
	column := 16
	fs.VisitAll(func(f *flag.Flag) {
		name := "--" + f.Name
		if len(f.Name) == 1 {
			name = "-" + f.Name
		}
		if !isBoolFlag(f) {
			name += " " + strings.ToUpper(valueName(f))
		}
		names = append(names, name)
		column = max(column, len(name))
	})
	i := 0
	fs.VisitAll(func(f *flag.Flag) {
		fmt.Fprintf(w, "  %-*s %s\n", column, names[i], f.Usage)
		i++
	})
	var related []string
	for _, o := range family(c) {
		if !o.group && o.name != c.name {
			related = append(related, o.usage)
		}
	}
	if len(related) > 0 {
		fmt.Fprintf(w, "\nSee also:\n  %s\n", strings.Join(related, "\n  "))
	}
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
	case "seats", "usage":
		return "n"
	case "currency", "base":
		return "code"
	case "period", "date", "outcome", "amount", "segment", "region", "source", "ref":
		return f.Name
	case "since", "until":
		return "date"
	case "account", "quote", "notes":
		return "text"
	case "competitor":
		return "name"
	case "dir":
		return "dir"
	case "reason", "primary-reason":
		return "code"
	case "by":
		return "dimension"
	case "kind":
		return "kind"
	case "on-conflict":
		return "rule"
	case "date-format":
		return "order"
	}
	return "value"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

package cli

// rivals' command line is a small framework of its own rather than a general-purpose one: a
// table of commands (commands below), each with its usage, summary, example and a setup that
// registers its flags on a standard flag.FlagSet and returns the function that runs it.
// flags.go finds the command among flags placed anywhere on the line and parses them;
// help.go prints the help from the same table. It keeps two-word commands ("price history"),
// flags anywhere and exit statuses 0/1/2 in a few hundred lines.

import (
	"context"
	"flag"
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
	// more, when set, is printed at the end of the command's help (the fields --map names).
	more func() string
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
		{name: "import", usage: "rivals import FILE... [--kind K] [--dry-run] [--on-conflict update|skip|fail] [flags]", summary: "import catalog JSON, CSV files and Excel workbooks (spreadsheets, CRM exports) in one all-or-nothing run", example: "rivals import matrix.csv deals.csv --dry-run", minArgs: 1, maxArgs: -1, setup: setupImport, more: importFieldsHelp},
		{name: "export", usage: "rivals export catalog [-o FILE] [--force]", summary: "write the whole catalog as JSON", example: "rivals export catalog -o backup.json", minArgs: 1, maxArgs: 1, setup: setupExport},
		{name: "list", usage: "rivals list [--json]", summary: "list competitors", example: "rivals list --json", maxArgs: 0, setup: setupList},
		{name: "show", usage: "rivals show NAME [--json]", summary: "show one competitor's profile", example: "rivals show harborline", minArgs: 1, maxArgs: 1, setup: setupShow},
		{name: "compare", usage: "rivals compare NAME NAME... [--format table|md|csv|json] [--diff] [--category C] [-o FILE] [--force]", summary: "compare 2 to 4 products feature by feature, with weighted scores", example: "rivals compare tidewell harborline replyfox --format md -o cmp.md", minArgs: 2, maxArgs: 4, setup: setupCompare},
		{name: "price", usage: "rivals price NAME... [--seats N] [--period month|year] [--usage N [--unit U]] [--currency CODE] [--json]", summary: "price a deal on each product's cheapest fitting plan, versus ours", example: "rivals price us harborline replyfox --seats 50 --period year", minArgs: 1, maxArgs: -1, setup: setupPrice},
		{name: "price history", usage: "rivals price history NAME [--json]", summary: "every price a competitor's plans have had, oldest first", example: "rivals price history harborline", minArgs: 1, maxArgs: 1, setup: setupPriceHistory},
		{name: "fx", group: true, usage: "rivals fx set|list", summary: "manage the exchange rates used to compare prices"},
		{name: "fx set", usage: "rivals fx set CODE RATE [--base USD] [--date YYYY-MM-DD]", summary: "record an exchange rate: 1 CODE = RATE BASE", example: "rivals fx set EUR 1.08", minArgs: 2, maxArgs: 2, setup: setupFXSet},
		{name: "fx list", usage: "rivals fx list [--json]", summary: "list the exchange rates in use", example: "rivals fx list", maxArgs: 0, setup: setupFXList},
		{name: "winloss", usage: "rivals winloss [--competitor NAME] [--since DATE] [--until DATE] [--segment S] [--region R] [--type T] [--by DIMENSION] [--json|--csv]", summary: "win rates overall and by competitor, quarter, segment, region, reason or deal type", example: "rivals winloss --competitor harborline --by quarter", maxArgs: 0, setup: setupWinLoss},
		{name: "deal", group: true, usage: "rivals deal add|delete", summary: "log or delete win/loss deals"},
		{name: "deal add", usage: "rivals deal add --outcome won|lost|no_decision --competitor NAME... [--reason CODE...] [flags]", summary: "log a won, lost or no-decision deal", example: "rivals deal add --outcome lost --competitor harborline --reason price --amount 24000 --currency USD", maxArgs: 0, setup: setupDealAdd},
		{name: "deal delete", usage: "rivals deal delete REF", summary: "delete a deal by its ref", example: "rivals deal delete D-2026-11-23-1", minArgs: 1, maxArgs: 1, setup: setupDealDelete},
		{name: "reasons", usage: "rivals reasons [--json]", summary: "list the reason codes and how many deals cite each", example: "rivals reasons", maxArgs: 0, setup: setupReasons},
		{name: "reasons rename", usage: "rivals reasons rename CODE LABEL", summary: "change a reason code's label", example: `rivals reasons rename price "Price & discounting"`, minArgs: 2, maxArgs: 2, setup: setupReasonsRename},
		{name: "reasons merge", usage: "rivals reasons merge FROM INTO", summary: "fold one reason code into another (deals keep their history)", example: "rivals reasons merge total_cost price", minArgs: 2, maxArgs: 2, setup: setupReasonsMerge},
		{name: "card", usage: "rivals card NAME [--format md|html|json|txt|slack|confluence] [--include-unverified] [--width N] [-o FILE] [--force] | --all --dir DIR", summary: "export a battle card with the catalog's evidence, or every card and an index", example: "rivals card harborline --format html -o harborline.html", maxArgs: 1, setup: setupCard},
		{name: "prep", usage: "rivals prep NAME [--format txt|md|slack|confluence|json] [--include-unverified] [--width N]", summary: "a one-screen call-prep sheet for a competitor", example: "rivals prep harborline", minArgs: 1, maxArgs: 1, setup: setupPrep},
		{name: "changes", usage: "rivals changes [--since DATE|30d] [--until DATE] [--competitor NAME] [--author A] [--kind K] [--json]", summary: "what changed in the catalog, who changed it and from where, newest first", example: "rivals changes --since 30d --competitor harborline", maxArgs: 0, setup: setupChanges},
		{name: "changes revert", usage: "rivals changes revert ID", summary: "undo a change (the whole edit it was part of; one record of an import), recorded as a change", example: "rivals changes revert 42", minArgs: 1, maxArgs: 1, setup: setupChangesRevert},
		{name: "changes prune", usage: "rivals changes prune --before DATE", summary: "remove old entries from the change history (the catalog is not touched)", example: "rivals changes prune --before 2025-01-01", maxArgs: 0, setup: setupChangesPrune},
		{name: "digest", usage: "rivals digest [--since 7d] [--format md|txt|json]", summary: "what changed per competitor, in sentences ready for a weekly update", example: "rivals digest --since 7d --format md", maxArgs: 0, setup: setupDigest},
		{name: "backup", usage: "rivals backup FILE [--force]", summary: "copy the database to FILE, consistently, even while rivals is in use", example: "rivals backup rivals-2026-11-23.db", minArgs: 1, maxArgs: 1, setup: setupBackup},
		{name: "serve", usage: "rivals serve [--listen :23234] [--users FILE] [--allow-read-anyone] [--host-key PATH] [--max-sessions N] [--idle-timeout D]", summary: "share the catalog with your team over SSH: the TUI for people, commands for scripts", example: "rivals serve --users team.users", maxArgs: 0, setup: setupServe, more: serveHelp},
		{name: "check", usage: "rivals check [--json]", summary: "check the database for damage and broken references, and say what the file is when it is not a sound rivals database; exit 1 unless ok", example: "rivals check", maxArgs: 0, setup: setupCheck},
		{name: "version", usage: "rivals version", summary: "print the version", maxArgs: 0, setup: setupVersion},
		{name: "help", usage: "rivals help", summary: "show this help", maxArgs: 0},
	}
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

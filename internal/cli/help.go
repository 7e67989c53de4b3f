package cli

import (
	"flag"
	"fmt"
	"strings"
)

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
	if c.more != nil {
		fmt.Fprintf(w, "\n%s", c.more())
	}
}

// valueName names a flag's argument in help ("PATH" for --db, "FILE" for -o).
func valueName(f *flag.Flag) string {
	switch f.Name {
	case "db":
		return "path"
	case "o", "map-file":
		return "file"
	case "format":
		return "format"
	case "category", "sheet":
		return "name"
	case "seats", "usage":
		return "n"
	case "currency", "base":
		return "code"
	case "unit":
		return "unit"
	case "period", "date", "outcome", "amount", "segment", "region", "source", "ref":
		return f.Name
	case "since", "until", "as-of":
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
	case "decimal":
		return "point|comma"
	case "map":
		return "field=column"
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

package cli

import (
	"flag"
	"maps"
	"strings"
)

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

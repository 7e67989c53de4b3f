package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Every command that reads the catalog reads one snapshot of it, which neither takes nor waits
// for the write lock: while another rivals is in the middle of a write, each of them finishes
// at once, and prints what it prints once that write is over.
func TestReadingCommandsGoOnWhileAnotherWrites(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	reads := [][]string{
		{"list"},
		{"show", "harborline"},
		{"compare", "tidewell", "harborline"},
		{"price", "harborline"},
		{"price", "history", "harborline"},
		{"winloss"},
		{"reasons"},
		{"card", "harborline"},
		{"card", "--all", "--dir", "cards", "--force"},
		{"prep", "harborline"},
		{"export", "catalog"},
		{"fx", "list"},
	}
	run := func(args []string) result {
		args = append(append([]string{}, args...), "--db", dbPath)
		for i, a := range args {
			if a == "cards" {
				args[i] = filepath.Join(dir, "cards")
			}
		}
		return runCLIBusy(t, dir, 50*time.Millisecond, args...)
	}
	quiet := make([]result, len(reads))
	for i, args := range reads {
		if quiet[i] = run(args); quiet[i].code != 0 {
			t.Fatalf("%s: exit %d, %q", strings.Join(args, " "), quiet[i].code, quiet[i].stderr)
		}
	}
	release := holdWriteLock(t, dbPath)
	defer release()
	for i, args := range reads {
		r := run(args)
		if r != quiet[i] {
			t.Errorf("%s while another writes: exit %d, stderr %q; want what it gave before", strings.Join(args, " "), r.code, r.stderr)
		}
		noLockJargon(t, strings.Join(args, " "), r.stderr)
	}
}

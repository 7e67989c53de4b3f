package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExportFilesAreOwnerOnly: every file a command exports is readable by its owner only, as
// SECURITY.md says (card exports are checked in cmd_card_test.go).
func TestExportFilesAreOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	for name, args := range map[string][]string{
		"catalog.json": {"export", "catalog"},
		"compare.md":   {"compare", "tidewell", "harborline", "--format", "md"},
		"compare.csv":  {"compare", "tidewell", "harborline", "--format", "csv"},
	} {
		out := filepath.Join(dir, name)
		if r := runCLI(t, dir, append(args, "-o", out, "--demo")...); r.code != 0 {
			t.Fatalf("%v: exit %d, %s", args, r.code, r.stderr)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", name, fi.Mode().Perm())
		}
	}
}

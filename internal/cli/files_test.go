package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/db"
)

// The database is private to its owner: the directory rivals creates is 0700, and the file
// and the -wal and -shm files SQLite keeps beside it while it is open are 0600.
func TestDatabaseFilesArePrivate(t *testing.T) {
	dir := t.TempDir()
	if r := runCLI(t, dir, "init"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	dataDir := filepath.Join(dir, "data", "rivals")
	path := filepath.Join(dataDir, "rivals.db")
	store, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.Competitors(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := map[string]os.FileMode{dataDir: 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600}
	for p, mode := range want {
		fi, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if got := fi.Mode().Perm(); got != mode {
			t.Errorf("%s has mode %o, want %o", p, got, mode)
		}
	}
}

// No export replaces a file without --force: the file stays as it was and the error is one
// line naming it. With --force it is replaced, 0600.
func TestExportsNeverOverwriteWithoutForce(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	cards := filepath.Join(dir, "cards")
	tests := []struct {
		name string
		file string // the file in the way
		args []string
	}{
		{"card", "h.md", []string{"card", "harborline", "-o"}},
		{"card --all", filepath.Join("cards", "replyfox.md"), []string{"card", "--all", "--dir", cards}},
		{"card --all index", filepath.Join("cards", "index.md"), []string{"card", "--all", "--dir", cards}},
		{"compare", "cmp.md", []string{"compare", "us", "harborline", "--format", "md", "-o"}},
		{"export catalog", "catalog.json", []string{"export", "catalog", "-o"}},
		{"backup", "copy.db", []string{"backup"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			os.MkdirAll(filepath.Dir(path), 0o700)
			if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.RemoveAll(cards)
			args := tt.args
			if !strings.HasPrefix(tt.name, "card --all") {
				args = append(args[:len(args):len(args)], path)
			}
			args = append(args, "--db", dbPath)
			oneLine(t, tt.name, runCLI(t, dir, args...), path+" already exists (use --force to replace it)")
			if data, _ := os.ReadFile(path); string(data) != "keep me" {
				t.Errorf("%s was changed: %q", path, data)
			}
			if entries, _ := os.ReadDir(cards); strings.HasPrefix(tt.name, "card --all") && len(entries) != 1 {
				t.Errorf("the refused export wrote %d files", len(entries)-1)
			}
			if r := runCLI(t, dir, append(args, "--force")...); r.code != 0 {
				t.Fatalf("with --force: %d %q", r.code, r.stderr)
			}
			fi, err := os.Stat(path)
			if data, _ := os.ReadFile(path); err != nil || string(data) == "keep me" || fi.Mode().Perm() != 0o600 {
				t.Errorf("--force left %s as %q, mode %v (%v)", path, data, fi.Mode(), err)
			}
		})
	}
}

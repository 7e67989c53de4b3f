package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "card.md")
	if err := Write(path, 0o600, func(w io.Writer) error { _, err := io.WriteString(w, "first"); return err }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := Write(path, 0o600, func(w io.Writer) error { io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	data, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(dir)
	if string(data) != "first" || len(entries) != 1 {
		t.Errorf("after a failed write: %q, %d files", data, len(entries))
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
}

func TestCreateRefusesExisting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.txt")
	write := func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }
	os.WriteFile(path, []byte("old"), 0o600)
	if err := Create(path, 0o600, false, write); !errors.Is(err, ErrExists) {
		t.Errorf("existing file: %v", err)
	}
	os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "link"))
	if err := Create(filepath.Join(dir, "link"), 0o600, false, write); !errors.Is(err, ErrExists) {
		t.Errorf("dangling link: %v", err)
	}
	if err := Create(path, 0o600, true, write); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "new" {
		t.Errorf("forced: %q", data)
	}
	if err := Create(filepath.Join(dir, "missing", "x"), 0o600, false, write); err == nil {
		t.Error("a missing directory was accepted")
	}
}

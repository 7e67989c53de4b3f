package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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

func TestFillRenamesOnlyWhatWasFilled(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "copy.db")
	var tmpName string
	err := Fill(path, 0o600, false, func(tmp string) error {
		tmpName = tmp
		if fi, err := os.Stat(tmp); err != nil || fi.Size() != 0 {
			t.Errorf("fill got %s (%v), want an empty file", tmp, err)
		}
		return os.WriteFile(tmp, []byte("copy"), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(tmpName) != dir || !strings.HasPrefix(filepath.Base(tmpName), ".copy.db.tmp-") {
		t.Errorf("temporary file %s is not a hidden sibling", tmpName)
	}
	if data, _ := os.ReadFile(path); string(data) != "copy" {
		t.Errorf("filled file holds %q", data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	// Refused without force, replaced with it; a failed fill leaves the old file and no
	// temporary one.
	if err := Fill(path, 0o600, false, func(string) error { return nil }); !errors.Is(err, ErrExists) {
		t.Errorf("existing target: %v", err)
	}
	boom := errors.New("boom")
	if err := Fill(path, 0o600, true, func(tmp string) error { os.WriteFile(tmp, []byte("half"), 0o600); return boom }); !errors.Is(err, boom) {
		t.Errorf("failed fill: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if data, _ := os.ReadFile(path); string(data) != "copy" || len(entries) != 1 {
		t.Errorf("after a failed fill: %q, %d files", data, len(entries))
	}
}

func TestRemoveStaleKeepsLiveWritersAndOtherFiles(t *testing.T) {
	if !locksWork {
		t.Skip("this platform has no file locks; RemoveStale removes nothing")
	}
	dir := t.TempDir()
	for _, name := range []string{".a.md.tmp-111", ".a.md.tmp-222", ".b.md.tmp-333", ".a.md.tmp-", "a.md", ".other"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// A writer still at work holds the lock on its temporary file.
	live, err := os.OpenFile(filepath.Join(dir, ".a.md.tmp-222"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := lock(live); err != nil {
		t.Fatal(err)
	}
	n, err := RemoveStale(dir, "a.md", "index.md")
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{".a.md.tmp-", ".a.md.tmp-222", ".b.md.tmp-333", ".other", "a.md"}
	if strings.Join(left, " ") != strings.Join(want, " ") {
		t.Errorf("left %v, want %v (removed %d)", left, want, n)
	}
}

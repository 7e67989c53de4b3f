//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestImportStopsReadingEndlessFIFO: a named pipe whose writer never stops is read up to the
// limit, then refused; the writer sees the pipe closed. A pipe named .json is not a catalog
// file read where it lies: it is read up to the same limit.
func TestImportStopsReadingEndlessFIFO(t *testing.T) {
	for _, name := range []string{"endless.csv", "endless.json"} {
		t.Run(name, func(t *testing.T) { importEndlessFIFO(t, name) })
	}
}

func importEndlessFIFO(t *testing.T, name string) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, name)
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			done <- err
			return
		}
		defer w.Close()
		row := []byte(strings.Repeat("Harborline,2026-01-01,a note\n", 100))
		if _, err := w.Write([]byte("Competitor,Date,Title\n")); err != nil {
			done <- err
			return
		}
		for {
			if _, err := w.Write(row); err != nil {
				done <- nil // the reader closed the pipe
				return
			}
		}
	}()
	dbPath := filepath.Join(dir, "x.db")
	r := runLimited(t, dir, 1<<20, strings.NewReader(""), "import", fifo, "--db", dbPath)
	checkImportRefused(t, r, dbPath, "rivals import: "+fifo+": is over 1 MB; files over 1 MB are not read (split it into smaller files)")
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

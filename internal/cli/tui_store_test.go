package cli

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/tui"
)

// The TUI opens its store after its program started: what opening says is held back while the
// TUI has the terminal and printed once it is given back, and an open error is the command's.
func TestTUIOpensItsStoreAndNoticesWaitForTheTerminal(t *testing.T) {
	dir := t.TempDir()
	path := emptyFile(t, filepath.Join(dir, "e.db"))
	var out, errOut bytes.Buffer
	var duringTUI string
	a := &app{demoCatalog: demoCatalog, stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(string) string { return "" }, now: time.Now,
		runTUI: func(ctx context.Context, open tui.OpenStore, _ tui.Options) error {
			if _, err := open(ctx); err != nil {
				return err
			}
			duringTUI = errOut.String()
			return nil
		}}
	if code := a.run(context.Background(), []string{"--db", path}); code != 0 {
		t.Fatalf("rivals --db %s: exit %d, %s", path, code, errOut.String())
	}
	if duringTUI != "" {
		t.Errorf("written to the terminal while the TUI had it: %q", duringTUI)
	}
	if want := "is an empty file; making it a new rivals database"; !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr after the TUI %q, want %q", errOut.String(), want)
	}

	errOut.Reset()
	foreign := writeFile(t, dir, "notes.txt", "not a database")
	if code := a.run(context.Background(), []string{"--db", foreign}); code != 1 || !strings.Contains(errOut.String(), "rivals: ") {
		t.Errorf("TUI on a file that is not a database: exit %d, stderr %q", code, errOut.String())
	}
}

// A TUI that ends while its store is still opening (ctrl+c while the demo catalog loads, or
// during a schema upgrade) does not leave the store open: close waits for the open under way
// and closes what it opened; an open asked for after the end opens nothing.
func TestTUIStoreOpenedAfterTheTUIEndedIsClosed(t *testing.T) {
	a := &app{demoCatalog: demoCatalog, demo: true, stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{},
		getenv: func(string) string { return "" }, now: time.Now}
	ts := newTUIStore(a)
	ctx := context.Background()
	opened := make(chan *db.Store, 1)
	go func() {
		s, err := ts.open(ctx)
		if err != nil {
			t.Error(err)
		}
		opened <- s
	}()
	for started := false; !started; {
		runtime.Gosched()
		ts.mu.Lock()
		started = ts.started
		ts.mu.Unlock()
	}
	ts.close() // the demo catalog takes a while to load: the open is under way
	store := <-opened
	if _, err := store.Competitors(ctx); err == nil {
		t.Error("the store opened for a TUI that had ended is still open")
	}
	if s, err := ts.open(ctx); s != nil || !errors.Is(err, errTUIStoreDone) {
		t.Errorf("open after the TUI ended: %v, %v", s, err)
	}
}

package cli

import (
	"database/sql"
	"os"
	"syscall"
	"testing"
	"time"
)

// An import killed with SIGKILL in the middle of writing a large file leaves the database
// exactly as it was: intact, with the deals it had.
func TestKilledImportChangesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process importing 300,000 rows")
	}
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	before := storedDeals(t, dbPath)
	changesBefore := storedChanges(t, dbPath)
	file := writeFile(t, dir, "deals.csv", dealsCSV(300_000, isoDay))
	wal := dbPath + "-wal"
	walBefore := fileSize(wal)

	cmd := child(t, nil, "import", file, "--db", dbPath)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// The transaction spills pages to the write-ahead log once SQLite's page cache is full:
	// a growing log means rows are being written.
	deadline := time.After(2 * time.Minute)
wait:
	for {
		select {
		case err := <-exited:
			t.Skipf("the import finished (%v) before the log grew; nothing to kill", err)
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("the import wrote nothing to the log in 2 minutes")
		case <-time.After(2 * time.Millisecond):
			if fileSize(wal) > walBefore+1<<20 {
				break wait
			}
		}
	}
	t.Logf("killing the import with %d KB in the write-ahead log", fileSize(wal)>>10)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-exited; err == nil {
		t.Skip("the import finished just before the kill")
	}

	conn, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var check string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	if after := storedDeals(t, dbPath); after != before {
		t.Errorf("%d deals after the killed import, %d before", after, before)
	}
	if after := storedChanges(t, dbPath); after != changesBefore {
		t.Errorf("%d changes in the history after the killed import, %d before", after, changesBefore)
	}
	// rivals itself still opens it.
	if r := runCLI(t, dir, "list", "--db", dbPath); r.code != 0 {
		t.Errorf("list after the kill: %d %s", r.code, r.stderr)
	}
}

func storedDeals(t *testing.T, path string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM deals").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// storedChanges counts the change history's entries.
func storedChanges(t *testing.T, path string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM changes").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

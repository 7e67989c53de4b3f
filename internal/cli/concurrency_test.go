package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// runCLIBusy is runCLI with the busy timeout shortened to wait, so that running out of
// patience takes no time in tests.
func runCLIBusy(t *testing.T, dir string, wait time.Duration, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"HOME": dir}
	a := &app{demoCatalog: demoCatalog,
		stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return env[k] },
		now:    func() time.Time { return testNow },
		runTUI: tuiThatOpens,
		// The tests' own setting, not a user's.
		busyTimeout: wait,
	}
	code := a.run(context.Background(), args)
	return result{code, out.String(), errOut.String()}
}

// holdWriteLock opens the database at path outside rivals and starts a write transaction
// (BEGIN IMMEDIATE), as another rivals in the middle of an import would hold it. release
// rolls it back.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := conn.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE competitors SET name = name`); err != nil {
		t.Fatal(err)
	}
	return func() { tx.Rollback(); conn.Close() }
}

// noLockJargon fails when a command's output shows SQLite's words for a busy database.
func noLockJargon(t *testing.T, what, out string) {
	t.Helper()
	for _, jargon := range []string{"locked", "SQLITE_BUSY", "(5)"} {
		if strings.Contains(out, jargon) {
			t.Errorf("%s: output shows %q: %q", what, jargon, out)
		}
	}
}

// A write that finds another writer at work waits for it, then goes ahead.
func TestWriterWaitsForAnotherWriter(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	release := holdWriteLock(t, dbPath)
	done := make(chan result, 1)
	go func() { done <- runCLI(t, dir, "fx", "set", "EUR", "1.08", "--db", dbPath) }()
	// Whenever this look comes, the write cannot have finished while the lock is held.
	time.Sleep(200 * time.Millisecond)
	select {
	case r := <-done:
		release()
		t.Fatalf("fx set finished while another writer held the lock: %d %q", r.code, r.stderr)
	default:
	}
	release()
	r := <-done
	if r.code != 0 {
		t.Fatalf("fx set after waiting: %d %q", r.code, r.stderr)
	}
	noLockJargon(t, "fx set", r.stdout+r.stderr)
	if out := runCLI(t, dir, "fx", "list", "--db", dbPath).stdout; !strings.Contains(out, "1 EUR = 1.08 USD") {
		t.Errorf("the rate was not saved: %q", out)
	}
}

// When the other writer keeps the lock past the bound, every write gives up with one line
// that says what happened, and changes nothing.
func TestBusyDatabaseSaysSoAfterTheBound(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	one := writeFile(t, dir, "one.json", `{"version": 1, "competitors": [{"slug": "newco", "name": "New Co"}]}`)
	before := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout
	writes := [][]string{
		{"import", one},
		{"fx", "set", "EUR", "1.08"},
		{"deal", "add", "--outcome", "lost", "--competitor", "harborline"},
		{"deal", "delete", "OPP-56131"},
		{"reasons", "rename", "price", "Cost"},
		{"init", "--demo", "--force"},
	}
	release := holdWriteLock(t, dbPath)
	for _, args := range writes {
		r := runCLIBusy(t, dir, 50*time.Millisecond, append(args, "--db", dbPath)...)
		name := "rivals " + strings.Join(args[:1+min(1, len(args)-1)], " ")
		if args[0] == "import" || args[0] == "init" {
			name = "rivals " + args[0]
		}
		want := name + ": the database " + dbPath + " is busy: another rivals is writing to it; try again\n"
		if r.code != 1 || r.stderr != want {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", strings.Join(args, " "), r.code, r.stderr, want)
		}
		noLockJargon(t, strings.Join(args, " "), r.stdout+r.stderr)
	}
	// Reads go on while another process writes.
	if r := runCLIBusy(t, dir, 50*time.Millisecond, "list", "--db", dbPath); r.code != 0 {
		t.Errorf("list while another writes: %d %q", r.code, r.stderr)
	}
	release()
	if after := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout; after != before {
		t.Error("a write that gave up changed the database")
	}
	if r := runCLIBusy(t, dir, 50*time.Millisecond, "fx", "set", "EUR", "1.08", "--db", dbPath); r.code != 0 {
		t.Errorf("fx set once the lock is free: %d %q", r.code, r.stderr)
	}
}

// Two imports started at once into one database both land, one after the other, and neither
// shows the user a locking error.
func TestConcurrentImportsBothLand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two child processes")
	}
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	before := storedDeals(t, dbPath)
	const n = 3000
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for _, prefix := range []string{"A-", "B-"} {
		file := writeFile(t, dir, prefix+"deals.csv", strings.ReplaceAll(dealsCSV(n, isoDay), "\nD-", "\n"+prefix))
		cmd := child(t, nil, "import", file, "--kind", "deals", "--db", dbPath)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		cmds, outs = append(cmds, cmd), append(outs, &out)
	}
	for _, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("import %d: %v\n%s", i, err, outs[i])
		}
		noLockJargon(t, "import", outs[i].String())
	}
	if after := storedDeals(t, dbPath); after != before+2*n {
		t.Errorf("%d deals after both imports, want %d", after, before+2*n)
	}
}

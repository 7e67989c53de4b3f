package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/tui"
)

// The team server's tests run `rivals serve` in-process on a loopback port and connect with
// golang.org/x/crypto/ssh clients, on a demo database in the test's directory.

func TestServePTYDrawsTheHomeList(t *testing.T) {
	s := startServer(t, serveOptions{})
	p := s.openPTY("marta")
	p.waitFor("Harborline", 10*time.Second)
	p.send("q")
	select {
	case <-p.ended:
	case <-time.After(5 * time.Second):
		t.Fatal("q did not end the session")
	}
	// Quitting one session leaves the server serving others.
	if r := s.exec("rui", "", "list"); r.code != 0 || !strings.Contains(r.stdout, "Harborline") {
		t.Errorf("after a session quit, list: %d %q %q", r.code, r.stdout, r.stderr)
	}
	logged := s.stderr.String()
	for _, want := range []string{"connect", "user=marta", "role=editor", "command=tui", "disconnect", "exit=0"} {
		if !strings.Contains(logged, want) {
			t.Errorf("the log lacks %q:\n%s", want, logged)
		}
	}
}

func TestServeReaderCannotChangeAnything(t *testing.T) {
	s := startServer(t, serveOptions{})
	p := s.openPTY("rui")
	p.waitFor("Harborline", 10*time.Second)
	before := fileBytes(t, s.dbPath)
	// Every edit key of the home list, then of each of a profile's tabs; esc closes whatever a
	// bug might have opened.
	p.send("e")
	p.waitFor(tui.ReadOnlyStatus, 5*time.Second)
	// esc is sent on its own: with the next key in the same read it would be alt+key.
	press := func(k string) {
		p.send(k)
		time.Sleep(5 * time.Millisecond)
		p.send("\x1b")
		time.Sleep(30 * time.Millisecond)
	}
	for _, k := range []string{"n", "d", "w", "u"} {
		press(k)
	}
	p.send("j\r") // open the second competitor's profile (the first is our own)
	for _, tab := range []string{"1", "2", "3", "4", "5", "6"} {
		p.send(tab)
		for _, k := range []string{"e", "n", "d", "\r", "r", "R", "D", "f", "v", "E", "x"} {
			press(k)
		}
	}
	time.Sleep(500 * time.Millisecond) // let the last keys be handled
	p.send("q")
	select {
	case <-p.ended:
	case <-time.After(5 * time.Second):
		t.Fatal("q did not end the session")
	}
	if fileBytes(t, s.dbPath) != before {
		t.Error("a reader's session changed the database file")
	}
	if strings.Count(p.screen(), tui.ReadOnlyStatus) == 0 {
		t.Error("edit keys did not say read-only")
	}
	r := s.exec("rui", "", "deal", "add", "--outcome", "won", "--competitor", "harborline")
	if r.code != 1 || !strings.Contains(r.stderr, "read-only: ask an editor") {
		t.Errorf("deal add as a reader: %d %q", r.code, r.stderr)
	}
	r = s.exec("rui", "slug,name\nzephyrdesk,Zephyrdesk\n", "import", "-", "--kind", "competitors")
	if r.code != 1 || !strings.Contains(r.stderr, "read-only") {
		t.Errorf("import as a reader: %d %q", r.code, r.stderr)
	}
	if fileBytes(t, s.dbPath) != before {
		t.Error("a reader's command changed the database file")
	}
}

func TestServeEditorsChangeReachesReaders(t *testing.T) {
	s := startServer(t, serveOptions{})
	p := s.openPTY("rui")
	p.waitFor("Harborline", 10*time.Second)
	if strings.Contains(p.screen(), "Zephyrdesk") {
		t.Fatal("Zephyrdesk is there before anyone added it")
	}
	r := s.exec("marta", "slug,name\nzephyrdesk,Zephyrdesk\n", "import", "-", "--kind", "competitors")
	if r.code != 0 {
		t.Fatalf("import - as an editor: %d %s", r.code, r.stderr)
	}
	start := time.Now()
	p.waitFor("Zephyrdesk", 6*time.Second)
	t.Logf("the reader saw the change %s after the import", time.Since(start).Round(time.Millisecond))
	r = s.exec("marta", "", "deal", "add", "--outcome", "lost", "--competitor", "zephyrdesk", "--account", "Blue Fjord")
	if r.code != 0 {
		t.Fatalf("deal add as an editor: %d %s", r.code, r.stderr)
	}
	r = s.exec("rui", "", "changes", "--json", "--competitor", "zephyrdesk")
	var changes []struct {
		Author string `json:"author"`
		Source string `json:"source"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &changes); err != nil || len(changes) == 0 {
		t.Fatalf("changes --json: %d %v %q %q", r.code, err, r.stdout, r.stderr)
	}
	for _, c := range changes {
		if c.Author != "marta" || !strings.HasSuffix(c.Source, "over ssh") {
			t.Errorf("a change by %q from %q, want marta over ssh", c.Author, c.Source)
		}
	}
	// --author cannot make a change someone else's.
	r = s.exec("marta", "", "deal", "add", "--outcome", "won", "--competitor", "harborline", "--author", "ana")
	if r.code != 2 || !strings.Contains(r.stderr, "recorded as marta") {
		t.Errorf("deal add --author: %d %q", r.code, r.stderr)
	}
}

func TestServeCommandsMatchTheLocalCLI(t *testing.T) {
	s := startServer(t, serveOptions{})
	lines := [][]string{
		{"list"},
		{"list", "--json"},
		{"show", "harborline", "--json"},
		{"card", "harborline", "--format", "md"},
		{"compare", "tidewell", "harborline", "--json"},
		{"price", "us", "harborline", "--seats", "50"},
		{"price", "history", "harborline"},
		{"winloss", "--by", "quarter", "--json"},
		{"reasons"},
		{"prep", "harborline"},
		{"digest", "--since", "30d"},
		{"show", "nosuchcompetitor"},
		{"compare", "harborline"},
	}
	for _, args := range lines {
		local := runCLI(t, s.dir, append(args, "--db", s.dbPath)...)
		remote := s.exec("rui", "", args...)
		name := strings.Join(args, " ")
		if remote.code != local.code || remote.stdout != local.stdout || remote.stderr != local.stderr {
			t.Errorf("%s: over SSH %d %q %q, locally %d %q %q", name, remote.code, clipText(remote.stdout), remote.stderr,
				local.code, clipText(local.stdout), local.stderr)
		}
		if local.code == 0 && local.stdout == "" {
			t.Errorf("%s printed nothing", name)
		}
	}
	if r := s.exec("rui", "", "show", "nosuchcompetitor"); r.code == 0 {
		t.Error("an unknown competitor exits 0 over SSH")
	}
	refused := []struct {
		user string
		args []string
		code int
		want string
	}{
		{"marta", []string{"init", "--demo"}, 1, "not available over SSH"},
		{"marta", []string{"backup", "/tmp/x.db"}, 1, "not available over SSH"},
		{"marta", []string{"serve"}, 1, "not available over SSH"},
		{"ana", []string{"check"}, 1, "not available over SSH"},
		{"marta", []string{"changes", "revert", "1"}, 1, "not available over SSH"},
		{"rui", []string{"list", "--db", "/etc/passwd"}, 2, "--db is not available"},
		{"rui", []string{"list", "--demo"}, 2, "--demo is not available"},
		{"rui", []string{"card", "harborline", "-o", "card.md"}, 2, "-o is not available"},
		{"rui", []string{"card", "--all", "--dir", "cards"}, 2, "is not available"},
		{"marta", []string{"import", s.dbPath}, 2, "standard input only"},
		{"marta", []string{"import", "-", "--map-file", "/etc/passwd"}, 2, "--map-file is not available"},
		{"rui", []string{}, 2, "needs a terminal"},
	}
	for _, c := range refused {
		r := s.exec(c.user, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 1 {
			t.Errorf("%s %s: %d %q, want %d and %q", c.user, strings.Join(c.args, " "), r.code, r.stderr, c.code, c.want)
		}
	}
	if _, err := os.Stat("card.md"); err == nil {
		t.Error("card -o wrote a file on the server")
	}
}

// clipText shortens a long output for a failure message.
func clipText(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func TestServeUnknownKeys(t *testing.T) {
	s := startServer(t, serveOptions{})
	stranger := newTestKey(t)
	if _, err := s.tryExec(stranger, "", "list"); err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Errorf("an unknown key: %v, want refused", err)
	}
	open := startServer(t, serveOptions{flags: []string{"--allow-read-anyone"}})
	r, err := open.tryExec(stranger, "", "list")
	if err != nil || r.code != 0 || !strings.Contains(r.stdout, "Harborline") {
		t.Fatalf("an unknown key with --allow-read-anyone: %v %d %q", err, r.code, r.stderr)
	}
	r, err = open.tryExec(stranger, "", "deal", "add", "--outcome", "won", "--competitor", "harborline")
	if err != nil || r.code != 1 || !strings.Contains(r.stderr, "read-only") {
		t.Errorf("deal add by an unknown key: %v %d %q", err, r.code, r.stderr)
	}
	if !strings.Contains(open.stderr.String(), "user=SHA256:") {
		t.Errorf("the unknown reader is not named by its fingerprint in the log:\n%s", open.stderr.String())
	}
}

func TestServeAuthFailuresAreRateLimited(t *testing.T) {
	s := startServer(t, serveOptions{})
	stranger := newTestKey(t)
	for range 20 {
		if _, err := s.tryExec(stranger, "", "list"); err == nil {
			t.Fatal("an unknown key was let in")
		}
	}
	// The address is now refused outright, even with a good key, until the minute is over.
	if _, err := s.tryExec(s.keys["marta"], "", "list"); err == nil {
		t.Error("after 20 failures a good key from the same address was still let in")
	}
}

func TestServeIdleTimeoutClosesTheSession(t *testing.T) {
	s := startServer(t, serveOptions{flags: []string{"--idle-timeout", "1s"}})
	p := s.openPTY("rui")
	p.waitFor("Harborline", 10*time.Second)
	select {
	case <-p.ended:
	case <-time.After(8 * time.Second):
		t.Fatal("an idle session was still open 8 s later with --idle-timeout 1s")
	}
}

func TestServeStopsWithoutLosingWrites(t *testing.T) {
	s := startServer(t, serveOptions{})
	p := s.openPTY("rui")
	p.waitFor("Harborline", 10*time.Second)
	// Two editors log deals in a loop; a third imports 2000 deals in one run.
	var mu sync.Mutex
	acknowledged := map[string]bool{}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				account := fmt.Sprintf("Stop Test %d-%d", w, i)
				r, err := s.tryExec(s.keys["marta"], "", "deal", "add", "--outcome", "won", "--competitor", "harborline", "--account", account)
				if err != nil || r.code != 0 {
					return // the server is going
				}
				mu.Lock()
				acknowledged[account] = true
				mu.Unlock()
			}
		}()
	}
	var csv strings.Builder
	csv.WriteString("date,outcome,competitor,account\n")
	for i := range 2000 {
		fmt.Fprintf(&csv, "2026-11-%02d,lost,tidewell,Bulk %d\n", 1+i%20, i)
	}
	importDone := make(chan execResult, 1)
	go func() {
		r, err := s.tryExec(s.keys["ana"], csv.String(), "import", "-", "--kind", "deals")
		if err != nil {
			r.code = -1
		}
		importDone <- r
	}()
	time.Sleep(300 * time.Millisecond)
	stopped := time.Now()
	s.cancel()
	select {
	case code := <-s.done:
		if code != 0 {
			t.Errorf("serve exited %d: %s", code, s.stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop within 10 s of being told to")
	}
	t.Logf("stopped in %s", time.Since(stopped).Round(time.Millisecond))
	s.done <- 0 // for the cleanup
	wg.Wait()
	imported := <-importDone
	select {
	case <-p.ended:
	case <-time.After(5 * time.Second):
		t.Error("the open session was not closed")
	}
	if !strings.Contains(p.screen(), "shutting down") {
		t.Error("the open session was not told the server is stopping")
	}
	store, err := db.OpenWith(context.Background(), s.dbPath, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	deals, err := store.Deals(context.Background(), db.DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	stored, bulk := map[string]bool{}, 0
	for _, d := range deals {
		stored[d.Account] = true
		if strings.HasPrefix(d.Account, "Bulk ") {
			bulk++
		}
	}
	for account := range acknowledged {
		if !stored[account] {
			t.Errorf("deal %q was acknowledged but is not in the database", account)
		}
	}
	if bulk != 0 && bulk != 2000 {
		t.Errorf("the import stopped half-way: %d of 2000 deals stored", bulk)
	}
	if imported.code == 0 && bulk != 2000 {
		t.Errorf("the import said it succeeded but %d of 2000 deals are stored", bulk)
	}
	t.Logf("%d deals acknowledged before the stop; import exit %d with %d of 2000 stored", len(acknowledged), imported.code, bulk)
}

func TestServeUsersReload(t *testing.T) {
	s := startServer(t, serveOptions{})
	newcomer := newTestKey(t)
	if _, err := s.tryExec(newcomer, "", "list"); err == nil {
		t.Fatal("the newcomer was let in before being added")
	}
	s.writeUsers("admin ana " + s.keys["ana"].line + "\neditor marta " + s.keys["marta"].line + "\nreader rui " + s.keys["rui"].line +
		"\nreader noor " + newcomer.line + "\n")
	if r := s.exec("marta", "", "users", "reload"); r.code != 1 || !strings.Contains(r.stderr, "only an admin") {
		t.Errorf("users reload by an editor: %d %q", r.code, r.stderr)
	}
	if r := s.exec("ana", "", "users", "reload"); r.code != 0 || !strings.Contains(r.stdout, "4 keys") {
		t.Fatalf("users reload by an admin: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r, err := s.tryExec(newcomer, "", "list"); err != nil || r.code != 0 {
		t.Fatalf("the newcomer after the reload: %v %d %q", err, r.code, r.stderr)
	}
	// A malformed file keeps the users in use, and says where it is wrong.
	s.writeUsers("admin ana " + s.keys["ana"].line + "\nboss marta " + s.keys["marta"].line + "\n")
	r := s.exec("ana", "", "users", "reload")
	if r.code != 1 || !strings.Contains(r.stderr, "line 2") || !strings.Contains(r.stderr, `unknown role "boss"`) {
		t.Errorf("reloading a malformed file: %d %q", r.code, r.stderr)
	}
	if r, err := s.tryExec(newcomer, "", "list"); err != nil || r.code != 0 {
		t.Errorf("after a failed reload the previous users are gone: %v %d", err, r.code)
	}
	// SIGHUP reloads too: a file without the newcomer locks them out.
	s.writeUsers("admin ana " + s.keys["ana"].line + "\n")
	s.hangups <- struct{}{}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := s.tryExec(newcomer, "", "list"); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("SIGHUP did not reload the users file")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestServeRefusesAMalformedUsersFileAtStart(t *testing.T) {
	dir := t.TempDir()
	dbPath := dir + "/team.db"
	if r := runCLI(t, dir, "init", "--demo", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	users := dir + "/users"
	if err := os.WriteFile(users, []byte("# team\neditor marta ssh-ed25519 not-base64\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, dir, "serve", "--db", dbPath, "--users", users, "--listen", "127.0.0.1:0")
	if r.code != 1 || !strings.Contains(r.stderr, "line 2") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("serve with a malformed users file: %d %q", r.code, r.stderr)
	}
	if r := runCLI(t, dir, "serve", "--db", dbPath); r.code != 2 || !strings.Contains(r.stderr, "--users") {
		t.Errorf("serve without users: %d %q", r.code, r.stderr)
	}
}

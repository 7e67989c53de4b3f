package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// lockedBuffer is a buffer a server goroutine writes while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testKey is one user's SSH key.
type testKey struct {
	signer gossh.Signer
	line   string // the public key as authorized_keys writes it
}

func newTestKey(t testing.TB) testKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return testKey{signer: signer, line: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))}
}

// testServer is `rivals serve` running in-process on a loopback port, on a demo database.
type testServer struct {
	t         *testing.T
	dir       string
	dbPath    string
	usersPath string
	addr      string
	hostKey   gossh.PublicKey
	keys      map[string]testKey // admin ana, editor marta, reader rui
	stderr    *lockedBuffer
	hangups   chan struct{}
	cancel    context.CancelFunc
	done      chan int
}

// serveOptions are extra flags for `rivals serve`.
type serveOptions struct{ flags []string }

// startServer makes a demo database and a users file (ana admin, marta editor, rui reader)
// and runs `rivals serve` on 127.0.0.1:0 until the test ends.
func startServer(t *testing.T, opt serveOptions) *testServer {
	t.Helper()
	dir := t.TempDir()
	s := &testServer{t: t, dir: dir, dbPath: filepath.Join(dir, "team.db"), usersPath: filepath.Join(dir, "team.users"),
		keys:   map[string]testKey{"ana": newTestKey(t), "marta": newTestKey(t), "rui": newTestKey(t)},
		stderr: &lockedBuffer{}, hangups: make(chan struct{}, 1), done: make(chan int, 1)}
	if r := runCLI(t, dir, "init", "--demo", "--db", s.dbPath); r.code != 0 {
		t.Fatalf("init --demo: %s", r.stderr)
	}
	s.writeUsers("# the team\nadmin ana " + s.keys["ana"].line + "\neditor marta " + s.keys["marta"].line + " marta@laptop\n\nreader rui " + s.keys["rui"].line + "\n")
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	stdout := &lockedBuffer{}
	a := &app{demoCatalog: demoCatalog, stdin: strings.NewReader(""), stdout: stdout, stderr: s.stderr,
		getenv:  func(string) string { return "" },
		now:     fixedNow,
		runTUI:  tuiThatOpens,
		hangups: s.hangups,
	}
	args := append([]string{"serve", "--db", s.dbPath, "--listen", "127.0.0.1:0", "--users", s.usersPath}, opt.flags...)
	go func() { s.done <- a.run(ctx, args) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(15 * time.Second):
			t.Error("the server did not stop within 15 s")
		}
	})
	listening := regexp.MustCompile(`on (127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := listening.FindStringSubmatch(stdout.String()); m != nil {
			s.addr = m[1]
			break
		}
		select {
		case code := <-s.done:
			t.Fatalf("serve exited with %d before listening: %s", code, s.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not listen within 10 s: %s", s.stderr.String())
		}
	}
	pem, err := os.ReadFile(filepath.Join(dir, hostKeyName))
	if err != nil {
		t.Fatal(err)
	}
	host, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	s.hostKey = host.PublicKey()
	return s
}

// writeUsers replaces the users file.
func (s *testServer) writeUsers(text string) {
	s.t.Helper()
	if err := os.WriteFile(s.usersPath, []byte(text), 0o600); err != nil {
		s.t.Fatal(err)
	}
}

// dial connects with key, checking the server's host key.
func (s *testServer) dial(key testKey) (*gossh.Client, error) {
	return gossh.Dial("tcp", s.addr, &gossh.ClientConfig{
		User:            "rivals",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key.signer)},
		HostKeyCallback: gossh.FixedHostKey(s.hostKey),
		Timeout:         10 * time.Second,
	})
}

// execResult is what a command over SSH printed and its exit status.
type execResult struct {
	code           int
	stdout, stderr string
}

// exec runs a command line over SSH as the user, with stdin.
func (s *testServer) exec(user string, stdin string, args ...string) execResult {
	s.t.Helper()
	r, err := s.tryExec(s.keys[user], stdin, args...)
	if err != nil {
		s.t.Fatalf("ssh %s: %v", strings.Join(args, " "), err)
	}
	return r
}

// tryExec is exec with any key, returning connection errors.
func (s *testServer) tryExec(key testKey, stdin string, args ...string) (execResult, error) {
	client, err := s.dial(key)
	if err != nil {
		return execResult{}, err
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		return execResult{}, err
	}
	defer sess.Close()
	var out, errOut bytes.Buffer
	sess.Stdin, sess.Stdout, sess.Stderr = strings.NewReader(stdin), &out, &errOut
	err = sess.Run(shellJoin(args))
	code := 0
	var exit *gossh.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitStatus()
	case err != nil:
		return execResult{}, err
	}
	return execResult{code, out.String(), errOut.String()}, nil
}

// shellJoin quotes arguments as a shell would need them (the server splits like a shell).
func shellJoin(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(quoted, " ")
}

// ptySession is an interactive session: keys go in, the screen's bytes come out.
type ptySession struct {
	t      *testing.T
	client *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	out    *lockedBuffer
	ended  chan error
}

// openPTY opens the TUI as the user in a 120×40 terminal.
func (s *testServer) openPTY(user string) *ptySession {
	s.t.Helper()
	client, err := s.dial(s.keys[user])
	if err != nil {
		s.t.Fatal(err)
	}
	sess, err := client.NewSession()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		s.t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	p := &ptySession{t: s.t, client: client, sess: sess, in: in, out: &lockedBuffer{}, ended: make(chan error, 1)}
	sess.Stdout = p.out
	if err := sess.Shell(); err != nil {
		s.t.Fatal(err)
	}
	go func() { p.ended <- sess.Wait() }()
	s.t.Cleanup(func() { client.Close() })
	return p
}

// screen is everything the session printed, without escape sequences.
func (p *ptySession) screen() string { return ansi.Strip(p.out.String()) }

// waitFor waits until the session has printed text, failing the test after d.
func (p *ptySession) waitFor(text string, d time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(d)
	for !strings.Contains(p.screen(), text) {
		if time.Now().After(deadline) {
			tail := p.screen()
			if len(tail) > 2000 {
				tail = tail[len(tail)-2000:]
			}
			p.t.Fatalf("the session did not show %q within %s; it shows:\n%s", text, d, tail)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// send types keys into the session.
func (p *ptySession) send(keys string) {
	p.t.Helper()
	if _, err := io.WriteString(p.in, keys); err != nil {
		p.t.Fatalf("typing %q: %v", keys, err)
	}
}

// fileBytes reads the database and its write-ahead log, to tell whether anything was written.
func fileBytes(t *testing.T, path string) string {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		all = append(all, fmt.Sprintf("%s:%d:", filepath.Base(p), len(b))...)
		all = append(all, b...)
	}
	return string(all)
}

// fixedNow is the clock of the in-process CLI runs (runCLI's).
func fixedNow() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }

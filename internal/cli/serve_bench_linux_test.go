package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/bigcatalog"
	gossh "golang.org/x/crypto/ssh"
)

// BenchmarkServeLoad runs `rivals serve` as a process of its own and puts it under a team's
// load: RIVALS_BENCH_SESSIONS reader sessions (50 by default) at once, each opening the TUI in
// a pty, searching (ctrl+k and 5 keystrokes), opening call prep and quitting, again and again,
// while 2 editors log deals over SSH in a loop, for RIVALS_BENCH_SERVE_FOR (60s by default).
// It reports the time to the first frame and to the loaded list, keystroke to frame, the
// server's resident memory and what each open session adds to it (the 2nd…Nth, measured with
// all sessions open), errors and lost writes (deals acknowledged but not in the database); both
// must be 0. RIVALS_BENCH_SERVE=demo runs it on the demo catalog, =large on the generated one.
func BenchmarkServeLoad(b *testing.B) {
	scale := os.Getenv("RIVALS_BENCH_SERVE")
	if scale != "demo" && scale != "large" {
		b.Skip("set RIVALS_BENCH_SERVE=demo or large (scripts/bench --serve) to run the load benchmark")
	}
	sessions := envInt(b, "RIVALS_BENCH_SESSIONS", 50)
	duration := 60 * time.Second
	if v := os.Getenv("RIVALS_BENCH_SERVE_FOR"); v != "" {
		var err error
		if duration, err = time.ParseDuration(v); err != nil {
			b.Fatalf("RIVALS_BENCH_SERVE_FOR: %v", err)
		}
	}
	dir := b.TempDir()
	dbPath := filepath.Join(dir, "team.db")
	if scale == "large" {
		cached, err := bigcatalog.Database(context.Background(), bigcatalog.Default())
		if err != nil {
			b.Fatal(err)
		}
		copyDatabase(b, cached, dbPath)
	} else {
		var errOut bytes.Buffer
		a := &app{demoCatalog: demoCatalog, stdout: io.Discard, stderr: &errOut, getenv: func(string) string { return "" }, now: time.Now}
		if code := a.run(context.Background(), []string{"init", "--demo", "--db", dbPath}); code != 0 {
			b.Fatal(errOut.String())
		}
	}
	rival := rivalsIn(b, dbPath)
	bin := filepath.Join(dir, "rivals")
	if out, err := exec.Command("go", "build", "-o", bin, repoRoot).CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	reader, editor := newTestKey(b), newTestKey(b)
	users := filepath.Join(dir, "users")
	if err := os.WriteFile(users, []byte("reader rui "+reader.line+"\neditor marta "+editor.line+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	srv := exec.Command(bin, "serve", "--db", dbPath, "--users", users, "--listen", "127.0.0.1:0", "--max-sessions", strconv.Itoa(sessions+10))
	stdout, err := srv.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { srv.Process.Signal(os.Interrupt); srv.Wait() }()
	ts := &testServer{dbPath: dbPath, keys: map[string]testKey{"rui": reader, "marta": editor}}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := regexp.MustCompile(`on (127\.0\.0\.1:\d+)`).FindStringSubmatch(line)
	if err != nil || m == nil {
		b.Fatalf("serve printed %q: %v", line, err)
	}
	ts.addr = m[1]
	pem, err := os.ReadFile(filepath.Join(dir, hostKeyName))
	if err != nil {
		b.Fatal(err)
	}
	host, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		b.Fatal(err)
	}
	ts.hostKey = host.PublicKey()
	pid := srv.Process.Pid

	for range b.N {
		var load serveLoad
		load.run(b, ts, rival, sessions, duration, pid)
		b.ReportMetric(float64(sessions), "sessions")
		b.ReportMetric(percentile(load.firstFrame, 50), "first-frame-p50-ms")
		b.ReportMetric(percentile(load.firstFrame, 95), "first-frame-p95-ms")
		b.ReportMetric(percentile(load.listed, 50), "list-p50-ms")
		b.ReportMetric(percentile(load.listed, 95), "list-p95-ms")
		b.ReportMetric(percentile(load.keys, 50), "key-p50-ms")
		b.ReportMetric(percentile(load.keys, 95), "key-p95-ms")
		b.ReportMetric(percentile(load.prep, 50), "prep-p50-ms")
		b.ReportMetric(percentile(load.prep, 95), "prep-p95-ms")
		b.ReportMetric(load.rssIdle, "rss-idle-MB")
		b.ReportMetric(load.rssAll, "rss-MB")
		b.ReportMetric((load.rssAll-load.rssOne)/float64(max(sessions-1, 1)), "MB/session")
		b.ReportMetric(float64(load.cycles.Load()), "cycles")
		b.ReportMetric(float64(load.writes.Load()), "writes")
		b.ReportMetric(float64(load.errors.Load()), "errors")
		b.ReportMetric(float64(load.lostWrites(b, dbPath)), "lost-writes")
		if n := load.errors.Load(); n > 0 {
			b.Errorf("%d errors; the first: %v", n, load.firstErr)
		}
	}
}

// serveLoad is one run of the load and what it measured, in milliseconds and MB.
type serveLoad struct {
	mu                       sync.Mutex
	firstFrame, listed, keys []float64
	prep                     []float64
	firstErr                 error
	acknowledged             []string
	cycles, writes, errors   atomic.Int64
	rssIdle, rssOne, rssAll  float64
}

func (l *serveLoad) fail(err error) {
	l.errors.Add(1)
	l.mu.Lock()
	if l.firstErr == nil {
		l.firstErr = err
	}
	l.mu.Unlock()
}

func (l *serveLoad) record(into *[]float64, d time.Duration) {
	l.mu.Lock()
	*into = append(*into, float64(d.Microseconds())/1000)
	l.mu.Unlock()
}

// run opens one session and measures the server with it, then all of them at once, then lets
// every reader cycle and both editors write until d is over.
func (l *serveLoad) run(b *testing.B, ts *testServer, rival string, sessions int, d time.Duration, pid int) {
	l.rssIdle = residentMB(pid, "VmRSS:")
	first, err := l.open(ts)
	if err != nil {
		b.Fatalf("the first session: %v", err)
	}
	l.rssOne = residentMB(pid, "VmRSS:")
	stop := make(chan struct{})
	var editors sync.WaitGroup
	for e := range 2 {
		editors.Add(1)
		go func() {
			defer editors.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				account := fmt.Sprintf("Load %d-%d", e, i)
				r, err := ts.tryExec(ts.keys["marta"], "", "deal", "add", "--outcome", "won", "--competitor", rival, "--account", account)
				if err != nil || r.code != 0 {
					l.fail(fmt.Errorf("deal add: %v %d %s", err, r.code, r.stderr))
					continue
				}
				l.writes.Add(1)
				l.mu.Lock()
				l.acknowledged = append(l.acknowledged, account)
				l.mu.Unlock()
			}
		}()
	}
	// Every reader opens a session and holds it until all are open, for the memory figure.
	var opened, readers sync.WaitGroup
	allOpen := make(chan struct{})
	deadline := time.Now().Add(d)
	for i := range sessions {
		opened.Add(1)
		readers.Add(1)
		go func() {
			defer readers.Done()
			var s *benchSession
			if i == 0 {
				s = first
			} else if s, err = l.open(ts); err != nil {
				l.fail(err)
				opened.Done()
				return
			}
			opened.Done()
			<-allOpen
			for {
				if err := l.cycle(s); err != nil {
					l.fail(err)
				}
				l.cycles.Add(1)
				if time.Now().After(deadline) {
					return
				}
				if s, err = l.open(ts); err != nil {
					l.fail(err)
					return
				}
			}
		}()
	}
	opened.Wait()
	l.rssAll = residentMB(pid, "VmRSS:")
	close(allOpen)
	readers.Wait()
	close(stop)
	editors.Wait()
}

// benchSession is a reader's open TUI session; wrote signals each piece of output.
type benchSession struct {
	client *gossh.Client
	in     io.WriteCloser
	mu     sync.Mutex
	out    bytes.Buffer
	wrote  chan struct{}
	ended  chan error
}

func (s *benchSession) Write(p []byte) (int, error) {
	s.mu.Lock()
	s.out.Write(p)
	s.mu.Unlock()
	select {
	case s.wrote <- struct{}{}:
	default:
	}
	return len(p), nil
}

// size is how much the session has printed.
func (s *benchSession) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Len()
}

// shows reports whether the output from offset on holds text, escape sequences aside.
func (s *benchSession) shows(offset int, text string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Contains(ansi.Strip(string(s.out.Bytes()[offset:])), text)
}

// waitOutput waits for output past offset (that shows text, when given) for up to 10 s.
func (s *benchSession) waitOutput(offset int, text string) error {
	timeout := time.After(10 * time.Second)
	for {
		if s.size() > offset && (text == "" || s.shows(offset, text)) {
			return nil
		}
		select {
		case <-s.wrote:
		case <-timeout:
			return fmt.Errorf("no output showing %q within 10 s", text)
		}
	}
}

// open connects a reader and waits for the TUI's first frame and then the loaded list.
func (l *serveLoad) open(ts *testServer) (*benchSession, error) {
	start := time.Now()
	client, err := ts.dial(ts.keys["rui"])
	if err != nil {
		return nil, err
	}
	sess, err := client.NewSession()
	if err != nil {
		client.Close()
		return nil, err
	}
	s := &benchSession{client: client, wrote: make(chan struct{}, 1), ended: make(chan error, 1)}
	sess.Stdout = s
	if s.in, err = sess.StdinPipe(); err == nil {
		if err = sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err == nil {
			err = sess.Shell()
		}
	}
	if err != nil {
		client.Close()
		return nil, err
	}
	go func() { s.ended <- sess.Wait() }()
	if err := s.waitOutput(0, "rivals"); err != nil {
		client.Close()
		return nil, fmt.Errorf("first frame: %w", err)
	}
	l.record(&l.firstFrame, time.Since(start))
	if err := s.waitOutput(0, " products · "); err != nil {
		client.Close()
		return nil, fmt.Errorf("list: %w", err)
	}
	l.record(&l.listed, time.Since(start))
	return s, nil
}

// cycle searches (ctrl+k and 5 keystrokes, each timed to the frame it brings), opens the first
// result and its call prep, and quits with ctrl+c. No key follows esc: sent together, esc and
// the next key read as alt+key.
func (l *serveLoad) cycle(s *benchSession) error {
	defer s.client.Close()
	for _, key := range []string{"\x0b", "h", "a", "r", "b", "o", "\r", "p"} {
		at := s.size()
		start := time.Now()
		if _, err := io.WriteString(s.in, key); err != nil {
			return err
		}
		if err := s.waitOutput(at, ""); err != nil {
			return fmt.Errorf("key %q: %w", key, err)
		}
		switch key {
		case "\x0b", "\r":
		case "p":
			l.record(&l.prep, time.Since(start))
		default:
			l.record(&l.keys, time.Since(start))
		}
	}
	if _, err := io.WriteString(s.in, "\x03"); err != nil {
		return err
	}
	select {
	case <-s.ended:
		return nil
	case <-time.After(10 * time.Second):
		return fmt.Errorf("ctrl+c did not end the session within 10 s")
	}
}

// lostWrites counts deals acknowledged by the server that are not in the database.
func (l *serveLoad) lostWrites(b *testing.B, path string) int {
	store, err := db.OpenWith(context.Background(), path, db.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	deals, err := store.Deals(context.Background(), db.DealFilter{})
	if err != nil {
		b.Fatal(err)
	}
	stored := map[string]bool{}
	for _, d := range deals {
		stored[d.Account] = true
	}
	lost := 0
	for _, a := range l.acknowledged {
		if !stored[a] {
			lost++
		}
	}
	return lost
}

// percentile is the p-th percentile of values (0 when there are none).
func percentile(values []float64, p int) float64 {
	if len(values) == 0 {
		return 0
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

// envInt reads a positive number from the environment, def when unset.
func envInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// copyDatabase copies a cached database so the benchmark's writes never reach the cache.
func copyDatabase(b *testing.B, from, to string) {
	data, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		b.Fatal(err)
	}
}

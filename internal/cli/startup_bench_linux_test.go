package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/rivals-app/rivals/internal/bigcatalog"
)

// BenchmarkStartupLargeCatalog starts the rivals binary on the large generated catalog in a
// pseudo-terminal of 100×30, as a user would, and reports the medians over its starts of: the
// first frame on screen (first-frame-ms, from the process start) and the competitor list
// loaded with its name index (list-ms); and the largest resident memory two seconds after the
// list (rss-MB). The terminal answers the
// colour and cursor queries Bubble Tea sends at start-up, as real terminals do.
func BenchmarkStartupLargeCatalog(b *testing.B) {
	ctx := context.Background()
	dbPath, err := bigcatalog.Database(ctx, bigcatalog.Default())
	if err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(b.TempDir(), "rivals")
	if out, err := exec.Command("go", "build", "-o", bin, repoRoot).CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	var firsts, lists []time.Duration
	var rss float64
	for b.Loop() {
		// Each round starts it a few times: a single start on a shared machine is noisy.
		for range startsPerRound {
			f, l, r := startInPty(b, bin, dbPath)
			firsts, lists, rss = append(firsts, f), append(lists, l), max(rss, r)
		}
	}
	b.ReportMetric(medianMS(firsts), "first-frame-ms")
	b.ReportMetric(medianMS(lists), "list-ms")
	b.ReportMetric(rss, "rss-MB")
}

// BenchmarkStartupScale is BenchmarkStartupLargeCatalog on each rung of the deal ladder
// (bigcatalog.Ladder: 10k, 100k and 400k deals and notes), so its growth with the deal count
// shows: first-frame-ms, list-ms and rss-MB as there. It runs with RIVALS_BENCH_SCALE set.
func BenchmarkStartupScale(b *testing.B) {
	skipUnlessScale(b)
	ctx := context.Background()
	bin := filepath.Join(b.TempDir(), "rivals")
	if out, err := exec.Command("go", "build", "-o", bin, repoRoot).CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	for _, rung := range bigcatalog.Ladder() {
		b.Run(rung.Name, func(b *testing.B) {
			dbPath, err := bigcatalog.Database(ctx, rung.Options)
			if err != nil {
				b.Fatal(err)
			}
			var firsts, lists []time.Duration
			var rss float64
			for b.Loop() {
				for range startsPerRound {
					f, l, r := startInPty(b, bin, dbPath)
					firsts, lists, rss = append(firsts, f), append(lists, l), max(rss, r)
				}
			}
			b.ReportMetric(medianMS(firsts), "first-frame-ms")
			b.ReportMetric(medianMS(lists), "list-ms")
			b.ReportMetric(rss, "rss-MB")
		})
	}
}

// startsPerRound is how many starts each benchmark round measures; the figures are medians.
const startsPerRound = 5

// medianMS is the median of ds in milliseconds.
func medianMS(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2].Microseconds()) / 1000
}

// startInPty runs one start-up and returns its timings and resident memory.
func startInPty(b *testing.B, bin, dbPath string) (first, list time.Duration, rssMB float64) {
	b.Helper()
	ptmx, tty, err := openPty(30, 100)
	if err != nil {
		b.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	cmd := exec.Command(bin, "--db", dbPath)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	tty.Close()
	var mu sync.Mutex
	var screen bytes.Buffer
	marks := map[string]time.Duration{}
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				chunk := buf[:n]
				// Answer the queries a terminal answers: background colour, cursor position.
				if bytes.Contains(chunk, []byte("\x1b]11;?")) {
					ptmx.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
				}
				if bytes.Contains(chunk, []byte("\x1b[6n")) {
					ptmx.Write([]byte("\x1b[1;1R"))
				}
				mu.Lock()
				screen.Write(chunk)
				for _, mark := range []string{"rivals", "★"} {
					if _, ok := marks[mark]; !ok && strings.Contains(screen.String(), mark) {
						marks[mark] = time.Since(start)
					}
				}
				mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		_, done := marks["★"]
		mu.Unlock()
		if done || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(2 * time.Second)
	rssMB = residentMB(cmd.Process.Pid)
	ptmx.Write([]byte("q"))
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case <-waited:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-waited
	}
	mu.Lock()
	defer mu.Unlock()
	if _, ok := marks["★"]; !ok {
		b.Fatalf("the competitor list never appeared; the screen showed:\n%q", screen.String())
	}
	return marks["rivals"], marks["★"], rssMB
}

// openPty opens a pseudo-terminal pair of the given size.
func openPty(rows, cols uint16) (ptmx, tty *os.File, err error) {
	ptmx, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	fd := int(ptmx.Fd())
	if err = unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err == nil {
		var n int
		if n, err = unix.IoctlGetInt(fd, unix.TIOCGPTN); err == nil {
			tty, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
		}
	}
	if err == nil {
		err = unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: rows, Col: cols})
	}
	if err != nil {
		ptmx.Close()
		return nil, nil, err
	}
	return ptmx, tty, nil
}

// residentMB reads a process's resident memory from /proc.
func residentMB(pid int) float64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}

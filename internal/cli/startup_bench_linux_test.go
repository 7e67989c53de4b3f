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
// list (rss-MB), and the largest peak resident memory of a start (rss-peak-MB, the index of
// every label being built meanwhile). The terminal answers the
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
	var rss, peak float64
	for b.Loop() {
		// Each round starts it a few times: a single start on a shared machine is noisy.
		for range startsPerRound {
			f, l, r, p := startInPty(b, bin, dbPath)
			firsts, lists, rss, peak = append(firsts, f), append(lists, l), max(rss, r), max(peak, p)
		}
	}
	b.ReportMetric(medianMS(firsts), "first-frame-ms")
	b.ReportMetric(medianMS(lists), "list-ms")
	b.ReportMetric(rss, "rss-MB")
	b.ReportMetric(peak, "rss-peak-MB")
}

// BenchmarkStartupScale is BenchmarkStartupLargeCatalog on each rung of the deal ladder
// (bigcatalog.Ladder: 10k, 100k and 400k deals and notes), so its growth with the deal count
// shows: first-frame-ms, list-ms, rss-MB and rss-peak-MB as there. Beside each start of rivals it starts
// the reference program (testdata/startupfloor: the smallest Bubble Tea program linked with
// rivals' libraries, drawing the same placeholder) and reports the median of its first frame
// (floor-first-frame-ms) and rivals' over it (first-frame-ratio). It runs with
// RIVALS_BENCH_SCALE set.
func BenchmarkStartupScale(b *testing.B) {
	skipUnlessScale(b)
	ctx := context.Background()
	dir := b.TempDir()
	bin := filepath.Join(dir, "rivals")
	if out, err := exec.Command("go", "build", "-o", bin, repoRoot).CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	floor := buildStartupFloor(b, dir)
	for _, rung := range bigcatalog.Ladder() {
		b.Run(rung.Name, func(b *testing.B) {
			dbPath, err := bigcatalog.Database(ctx, rung.Options)
			if err != nil {
				b.Fatal(err)
			}
			var firsts, lists, floors []time.Duration
			var rss, peak float64
			for b.Loop() {
				for range startsPerRound {
					// The reference starts in turn with rivals, so both meet the same load.
					floors = append(floors, floorInPty(b, floor))
					f, l, r, p := startInPty(b, bin, dbPath)
					firsts, lists, rss, peak = append(firsts, f), append(lists, l), max(rss, r), max(peak, p)
				}
			}
			b.ReportMetric(medianMS(firsts), "first-frame-ms")
			b.ReportMetric(medianMS(floors), "floor-first-frame-ms")
			b.ReportMetric(medianMS(firsts)/medianMS(floors), "first-frame-ratio")
			b.ReportMetric(medianMS(lists), "list-ms")
			b.ReportMetric(rss, "rss-MB")
			b.ReportMetric(peak, "rss-peak-MB")
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

// startInPty runs one start-up and returns its timings, its resident memory two seconds after
// the list and its peak resident memory until then.
func startInPty(b *testing.B, bin, dbPath string) (first, list time.Duration, rssMB, peakMB float64) {
	b.Helper()
	marks, screen, rssMB, peakMB := runInPty(b, []string{bin, "--db", dbPath}, "★", 2*time.Second)
	if _, ok := marks["★"]; !ok {
		b.Fatalf("the competitor list never appeared; the screen showed:\n%q", screen)
	}
	return marks["rivals"], marks["★"], rssMB, peakMB
}

// floorInPty runs one start of the reference program (testdata/startupfloor) and returns the
// time to its first frame.
func floorInPty(b *testing.B, floorBin string) time.Duration {
	b.Helper()
	marks, screen, _, _ := runInPty(b, []string{floorBin}, "rivals", 0)
	if _, ok := marks["rivals"]; !ok {
		b.Fatalf("the reference program drew nothing; the screen showed:\n%q", screen)
	}
	return marks["rivals"]
}

// buildStartupFloor builds the reference program for the first frame into dir.
func buildStartupFloor(b *testing.B, dir string) string {
	b.Helper()
	bin := filepath.Join(dir, "startupfloor")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(repoRoot, "internal", "cli", "testdata", "startupfloor")).CombinedOutput(); err != nil {
		b.Fatalf("build the reference program: %v\n%s", err, out)
	}
	return bin
}

// runInPty starts argv in a pseudo-terminal of 100×30 and returns when each of the marks
// "rivals" and last first appeared on screen (from the start), what the screen showed, and
// the resident memory settle after last appeared (or 30 s passed) and the peak until then;
// then it types q.
func runInPty(b *testing.B, argv []string, last string, settle time.Duration) (marks map[string]time.Duration, shown string, rssMB, peakMB float64) {
	b.Helper()
	ptmx, tty, err := openPty(30, 100)
	if err != nil {
		b.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	cmd := exec.Command(argv[0], argv[1:]...)
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
	marks = map[string]time.Duration{}
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
				for _, mark := range []string{"rivals", last} {
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
		_, done := marks[last]
		mu.Unlock()
		if done || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(settle)
	rssMB, peakMB = residentMB(cmd.Process.Pid, "VmRSS:"), residentMB(cmd.Process.Pid, "VmHWM:")
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
	return marks, screen.String(), rssMB, peakMB
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

// residentMB reads a process's resident memory from /proc: field VmRSS: for now, VmHWM: for
// its peak.
func residentMB(pid int, field string) float64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}

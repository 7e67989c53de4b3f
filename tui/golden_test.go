package tui

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
	"github.com/rivals-app/rivals/db"
)

func init() {
	// Goldens must not depend on the machine's time zone.
	time.Local = time.UTC
}

// goldenScreen runs the real program at 100x30 on the demo catalog, plays keys, waits for
// text to appear, and compares the final frame with testdata/<test name>.golden
// (go test ./tui -run Golden -update rewrites them). Each key is sent once the one before it
// and the commands it started have been handled; the frame is compared once the model has drawn what the golden holds, or
// after five seconds, whichever comes first.
func goldenScreen(t *testing.T, waitFor string, keys ...tea.Msg) {
	t.Helper()
	goldenScreenAt(t, 100, 30, waitFor, keys...)
}

// goldenScreenAt is goldenScreen in a terminal of width×height.
func goldenScreenAt(t *testing.T, width, height int, waitFor string, keys ...tea.Msg) {
	t.Helper()
	store, _ := demoView(t)
	goldenRun(t, store, true, width, height, "Harborline", waitFor, keys...)
}

// goldenSizes are the terminal sizes screens are checked at: the smallest common terminal,
// a usual one and a wide monitor.
var goldenSizes = [][2]int{{80, 24}, {100, 30}, {250, 70}}

// goldenScreenSizes is goldenScreen at each of goldenSizes, one golden file per size under
// testdata/<test name>/<width>x<height>.golden.
func goldenScreenSizes(t *testing.T, waitFor string, keys ...tea.Msg) {
	t.Helper()
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			store, _ := demoView(t)
			goldenRun(t, store, true, sz[0], sz[1], "Harborline", waitFor, keys...)
		})
	}
}

// goldenRun is goldenScreen on store (the demo catalog when demo is set) at width×height,
// starting once ready is on the screen.
func goldenRun(t *testing.T, store *db.Store, demo bool, width, height int, ready, waitFor string, keys ...tea.Msg) {
	t.Helper()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	opts := Options{Demo: demo, Now: func() time.Time { return testToday }, Renderer: r}
	rec := newFrameRecorder(New(context.Background(), store, opts))
	tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(width, height))
	rec.waitFor(t, "the catalog", func(frame string) bool { return strings.Contains(frame, ready) })
	// The text index is built after the first frame; a search typed before it is in finds
	// names only, so the keys wait for it.
	rec.poll(5*time.Second, func(string) bool { return rec.indexed.Load() })
	for i, k := range keys {
		what := fmt.Sprintf("key %d (%v) and what it started to be handled", i+1, k) // before the app owns k
		tm.Send(k)
		rec.waitFor(t, what, func(string) bool {
			return rec.keys.Load() > int64(i) && rec.pending.Load() == 0
		})
	}
	if waitFor != "" {
		rec.waitFor(t, fmt.Sprintf("%q on the screen", waitFor), func(frame string) bool { return strings.Contains(frame, waitFor) })
	}
	if want, err := os.ReadFile(filepath.Join("testdata", t.Name()+".golden")); err == nil && !updatingGoldens() {
		// Work a key started (a search, a load) may land after the text waited for: wait
		// for the expected frame, and let the comparison below show the difference if it
		// never comes.
		rec.settle(string(want))
	} else {
		// Writing a golden: take the frame once the work the keys started has all landed
		// (full-text results follow the names), not a passing one.
		rec.quiet(500*time.Millisecond, 10*time.Second)
	}
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	golden.RequireEqual(t, []byte(final.View()))
}

// updatingGoldens reports whether the test runs with -update (golden's own flag).
func updatingGoldens() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// frameRecorder wraps the app so a test can see, from its own goroutine, how many keys the
// app has handled, whether the commands those keys started have landed, and the frame it would
// draw now: waits become waits on a condition.
type frameRecorder struct {
	tea.Model
	keys    *atomic.Int64
	pending *atomic.Int64 // commands started by a key whose message has not been handled yet
	frame   *atomic.Pointer[string]
	indexed *atomic.Bool // the app's text index is built
}

// landedMsg carries the message of a command a key started, so the recorder knows it landed.
type landedMsg struct{ msg tea.Msg }

func newFrameRecorder(m tea.Model) frameRecorder {
	r := frameRecorder{Model: m, keys: new(atomic.Int64), pending: new(atomic.Int64), frame: new(atomic.Pointer[string]), indexed: new(atomic.Bool)}
	r.record()
	return r
}

// Update passes msg to the app, then records the key count and the frame. The commands a key
// starts are tracked until their messages have been handled (one level deep: what those
// messages start in turn, such as a cursor's blinking, is not waited for).
func (r frameRecorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	landed, isLanded := msg.(landedMsg)
	if isLanded {
		defer r.pending.Add(-1)
		if msg = landed.msg; msg == nil {
			return r, nil
		}
	}
	next, cmd := r.Model.Update(msg)
	r.Model = next
	r.record()
	if _, ok := msg.(tea.KeyMsg); ok {
		cmd = r.track(cmd)
		r.keys.Add(1)
	}
	return r, cmd
}

// track wraps cmd so that its message comes back as a landedMsg. A batch is tracked command by
// command; the program's own messages (quit, sequences…) go back to it untouched.
func (r frameRecorder) track(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	r.pending.Add(1)
	return func() tea.Msg {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			tracked := make(tea.BatchMsg, 0, len(batch))
			for _, c := range batch {
				if c != nil {
					tracked = append(tracked, r.track(c))
				}
			}
			r.pending.Add(-1)
			return tracked
		}
		if msg != nil && reflect.TypeOf(msg).PkgPath() == reflect.TypeFor[tea.KeyMsg]().PkgPath() {
			r.pending.Add(-1)
			return msg
		}
		return landedMsg{msg}
	}
}

func (r frameRecorder) record() {
	frame := r.Model.View()
	r.frame.Store(&frame)
	if m, ok := r.Model.(Model); ok && m.palette.TextIndex() != nil {
		r.indexed.Store(true)
	}
}

// waitFor polls until cond holds for the latest frame, failing the test after five seconds.
func (r frameRecorder) waitFor(t *testing.T, what string, cond func(frame string) bool) {
	t.Helper()
	if !r.poll(5*time.Second, cond) {
		t.Fatalf("waited 5s for %s; the screen shows:\n%s", what, *r.frame.Load())
	}
}

// settle polls until the frame is want, for at most five seconds, and says whether it came.
func (r frameRecorder) settle(want string) bool {
	want = strings.ReplaceAll(want, "\r\n", "\n")
	return r.poll(5*time.Second, func(frame string) bool { return frame == want })
}

// quiet polls until the frame has not changed for still, for at most limit.
func (r frameRecorder) quiet(still, limit time.Duration) {
	deadline := time.Now().Add(limit)
	last, since := *r.frame.Load(), time.Now()
	for time.Now().Before(deadline) && time.Since(since) < still {
		time.Sleep(5 * time.Millisecond)
		if f := *r.frame.Load(); f != last {
			last, since = f, time.Now()
		}
	}
}

func (r frameRecorder) poll(limit time.Duration, cond func(string) bool) bool {
	deadline := time.Now().Add(limit)
	for {
		if cond(*r.frame.Load()) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestGoldenHome(t *testing.T) {
	goldenScreen(t, "")
}

func TestGoldenProfile(t *testing.T) {
	goldenScreen(t, "Time to value", keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("2"))
}

func TestGoldenSearch(t *testing.T) {
	goldenScreen(t, "Battle cards", tea.KeyMsg{Type: tea.KeyCtrlK}, keyRunes("r"), keyRunes("e"), keyRunes("n"),
		keyRunes("e"), keyRunes("w"), keyRunes("a"), keyRunes("l"))
}

func TestGoldenHelp(t *testing.T) {
	goldenScreen(t, "bottom", keyRunes("?"))
}

func TestGoldenCalculator(t *testing.T) {
	goldenScreen(t, "50 seats, billed yearly", keyRunes("$"), special(tea.KeyBackspace), special(tea.KeyBackspace), keyRunes("5"), keyRunes("0"))
}

func TestGoldenPricingTab(t *testing.T) {
	goldenScreen(t, "Price at 25 seats", keyRunes("j"), keyRunes("j"), keyRunes("j"), special(tea.KeyEnter), keyRunes("4"))
}

func TestGoldenDashboard(t *testing.T) {
	goldenScreen(t, "Win rate by quarter", keyRunes("W"))
}

// The call-prep sheet of Harborline (fourth in the list) at the three sizes a user meets.
func TestGoldenPrep80x24(t *testing.T) {
	goldenScreenAt(t, 80, 24, "more blocks below", keyRunes("j"), keyRunes("j"), keyRunes("j"), keyRunes("p"))
}

func TestGoldenPrep100x30(t *testing.T) {
	goldenScreenAt(t, 100, 30, "more blocks below", keyRunes("j"), keyRunes("j"), keyRunes("j"), keyRunes("p"))
}

func TestGoldenPrep250x70(t *testing.T) {
	goldenScreenAt(t, 250, 70, "newest intel", keyRunes("j"), keyRunes("j"), keyRunes("j"), keyRunes("p"))
}

// After a page down at 80×24 the sheet shows the next whole blocks and where it is.
func TestGoldenPrepPageDown80x24(t *testing.T) {
	goldenScreenAt(t, 80, 24, "lines 19–", keyRunes("j"), keyRunes("j"), keyRunes("j"), keyRunes("p"), keyRunes(" "))
}

// TestGoldenCalculatorUsage: a usage figure counts one thing, named beside the field; a plan
// priced per blocks of it is converted, a plan counting something else is not comparable.
func TestGoldenCalculatorUsage(t *testing.T) {
	goldenScreen(t, "usage 5,000 tickets a month", keyRunes("$"), special(tea.KeyTab), special(tea.KeyTab),
		keyRunes("5"), keyRunes("0"), keyRunes("0"), keyRunes("0"))
}

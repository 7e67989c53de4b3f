package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rivals-app/rivals/tui"
)

// Tests that need a process to die or to hit a limit run rivals in a child process: the test
// binary itself, re-executed with RIVALS_TEST_CHILD set, which makes TestMain act as the child
// instead of running tests. This costs no build, unlike running `go build`.
const (
	childEnv = "RIVALS_TEST_CHILD" // "cli" runs rivals with the arguments; "save-loop" see saveLoop
	// fsizeEnv lowers the child's RLIMIT_FSIZE to this many bytes, with SIGXFSZ ignored, so
	// writes beyond it fail with EFBIG as on a full disk.
	fsizeEnv = "RIVALS_TEST_FSIZE"
)

// repoRoot is the repository's root, seen from this package's directory.
var repoRoot = filepath.Join("..", "..")

// demoCatalog is the demo market main embeds, read from the repository for the tests.
var demoCatalog []byte

// TestMain runs the tests, or acts as a child process (see childEnv).
func TestMain(m *testing.M) {
	var err error
	if demoCatalog, err = os.ReadFile(filepath.Join(repoRoot, "testdata", "demo", "catalog.json")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(runChild(mode, os.Args[1:]))
	}
	os.Exit(m.Run())
}

// testNow is the clock of in-process runs (runCLI) and of children, so both render alike.
var testNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func runChild(mode string, args []string) int {
	if limit := os.Getenv(fsizeEnv); limit != "" {
		n, err := strconv.ParseUint(limit, 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 3
		}
		if err := setFileSizeLimit(n); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 3
		}
	}
	ctx := context.Background()
	switch mode {
	case "cli":
		a := &app{demoCatalog: demoCatalog,
			stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
			now: func() time.Time { return testNow },
			runTUI: func(ctx context.Context, open tui.OpenStore, _ tui.Options) error {
				if _, err := open(ctx); err != nil {
					return err
				}
				return errors.New("no TUI in a test child")
			},
		}
		return a.run(ctx, args)
	case "save-loop":
		if err := saveLoop(ctx, args[0]); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 1
		}
		return 0
	}
	fmt.Fprintf(os.Stderr, "child: unknown mode %q\n", mode)
	return 3
}

// child prepares the test binary to run as rivals with args; env adds variables (fsizeEnv).
func child(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	return childMode(t, "cli", env, args...)
}

// childMode is child for any mode of runChild.
func childMode(t *testing.T, mode string, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(append(os.Environ(), childEnv+"="+mode), env...)
	return cmd
}

// runChildCLI runs rivals in a child process and returns what it printed and its exit status.
func runChildCLI(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := child(t, env, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return result{code, out.String(), errOut.String()}
}

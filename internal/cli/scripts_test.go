package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The scripts under scripts/ parse: a bash script's awk programs are single-quoted strings,
// and one stray apostrophe in a label breaks the whole script, which is otherwise only found
// out by a benchmark run of many minutes.
func TestScriptsParse(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(repoRoot, "scripts", "*"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scripts found: %v", err)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		line, _, _ := bytes.Cut(data, []byte("\n"))
		var check *exec.Cmd
		switch {
		case bytes.Contains(line, []byte("bash")):
			check = exec.Command("bash", "-n", path)
		case bytes.Contains(line, []byte("python3")):
			check = exec.Command("python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", path)
		default:
			t.Errorf("%s: no interpreter this test knows on its first line %q", path, line)
			continue
		}
		if _, err := exec.LookPath(check.Args[0]); err != nil {
			t.Logf("%s: %s not installed; not checked", path, check.Args[0])
			continue
		}
		if out, err := check.CombinedOutput(); err != nil {
			t.Errorf("%s does not parse: %v\n%s", path, err, out)
		}
	}
}

package arch

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/rivals-app/rivals"

// layers says which of rivals' own packages each package may import, by path inside the module
// ("" is main). Anything not listed is refused, including an import that points back up.
var layers = map[string][]string{
	"":                    {"internal/cli", "tui"},
	"internal/cli":        {"internal/server", "tui", "internal/report", "internal/search", "internal/importer", "internal/catalog", "internal/termtext", "internal/atomicfile", "db", "model"},
	"internal/server":     {"tui", "db", "internal/termtext", "model"},
	"tui":                 {"internal/report", "internal/search", "internal/termtext", "internal/atomicfile", "db", "model"},
	"internal/report":     {"internal/termtext", "model"},
	"internal/search":     {"model"},
	"internal/importer":   {"internal/termtext", "model"},
	"internal/catalog":    {"internal/termtext", "model"},
	"db":                  {"internal/atomicfile", "model"},
	"internal/termtext":   {},
	"internal/atomicfile": {},
	"model":               {},
	"internal/hostile":    {"model"},
	"internal/bigcatalog": {"db", "model"},
	"cmd/gencatalog":      {"internal/bigcatalog", "internal/catalog"},
	"internal/arch":       {},
}

// testHelpers may also be imported by tests (fixtures, hostile catalogs, the large catalog),
// but only by packages that sit above what the helper itself imports.
var testHelpers = []string{"internal/catalog", "internal/hostile", "internal/bigcatalog"}

// confined lists outside packages only some of rivals' packages may import: the terminal UI
// libraries stay in tui, the SQL driver in db.
var confined = map[string][]string{
	"github.com/charmbracelet/bubbletea": {"tui", "internal/server"},
	"github.com/charmbracelet/bubbles":   {"tui"},
	"github.com/charmbracelet/huh":       {"tui"},
	"github.com/charmbracelet/lipgloss":  {"tui", "internal/server"},
	"github.com/muesli/termenv":          {"tui", "internal/server"},
	// The SSH server and its log stay in the team server (cli only starts it and logs to it).
	"github.com/charmbracelet/wish": {"internal/server"},
	"github.com/charmbracelet/ssh":  {"internal/server"},
	"github.com/charmbracelet/log":  {"internal/server", "internal/cli"},
	"modernc.org/sqlite":            {"db"},
	"database/sql":                  {"db"},
}

// imports lists, for every package directory of the module, the imports of its non-test files
// and of its test files.
func imports(t *testing.T, root string) (prod, test map[string][]string) {
	t.Helper()
	prod, test = map[string][]string{}, map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(rel)
		if pkg == "." {
			pkg = ""
		}
		into := prod
		if strings.HasSuffix(path, "_test.go") {
			into = test
		}
		if _, ok := into[pkg]; !ok {
			into[pkg] = nil
		}
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			into[pkg] = append(into[pkg], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return prod, test
}

// moduleRoot finds the directory holding go.mod, from this package's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// name shows a package path inside the module as people say it.
func name(pkg string) string {
	if pkg == "" {
		return "main"
	}
	return pkg
}

// violations lists every import that breaks the rules, one readable line each.
func violations(prod, test map[string][]string) []string {
	var bad []string
	check := func(pkg string, imps []string, isTest bool) {
		allowed, known := layers[pkg]
		if !known {
			bad = append(bad, name(pkg)+": a package the layer table does not know: add it to layers in internal/arch with the packages it may import")
			return
		}
		for _, imp := range imps {
			for lib, owners := range confined {
				if (imp == lib || strings.HasPrefix(imp, lib+"/")) && !slices.Contains(owners, pkg) && !isTest {
					bad = append(bad, name(pkg)+" imports "+imp+", which only "+strings.Join(owners, ", ")+" may import")
				}
			}
			own, ok := strings.CutPrefix(imp, module+"/")
			if !ok {
				if imp == module {
					own = ""
				} else {
					continue
				}
			}
			if own == pkg || slices.Contains(allowed, own) {
				continue
			}
			if isTest && slices.Contains(testHelpers, own) && helperBelow(own, pkg) {
				continue
			}
			kind := ""
			if isTest {
				kind = " (in a test)"
			}
			bad = append(bad, name(pkg)+" imports "+name(own)+kind+": not allowed by the layer table")
		}
	}
	for _, pkg := range sortedKeys(prod) {
		check(pkg, prod[pkg], false)
	}
	for _, pkg := range sortedKeys(test) {
		check(pkg, test[pkg], true)
	}
	return bad
}

// helperBelow reports whether pkg may use the test helper: pkg is not among what the helper
// depends on, so the test import cannot close a cycle or point back up.
func helperBelow(helper, pkg string) bool {
	seen := map[string]bool{}
	var reach func(string) bool
	reach = func(p string) bool {
		if p == pkg {
			return true
		}
		if seen[p] {
			return false
		}
		seen[p] = true
		return slices.ContainsFunc(layers[p], reach)
	}
	return !reach(helper)
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// The module's imports follow the layer table.
func TestImportsPointOneWay(t *testing.T) {
	prod, test := imports(t, moduleRoot(t))
	for _, must := range []string{"", "internal/cli", "tui", "db", "model"} {
		if _, ok := prod[must]; !ok {
			t.Fatalf("package %s not found: the walk of the module is broken", name(must))
		}
	}
	for _, v := range violations(prod, test) {
		t.Error(v)
	}
}

// The layer table itself points one way: no cycles, and the rules the README states hold.
func TestLayerTableIsADag(t *testing.T) {
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(p string, path []string)
	visit = func(p string, path []string) {
		switch state[p] {
		case 1:
			t.Errorf("cycle in the layer table: %s", strings.Join(append(path, name(p)), " → "))
			return
		case 2:
			return
		}
		state[p] = 1
		for _, q := range layers[p] {
			if _, ok := layers[q]; !ok {
				t.Errorf("%s may import %s, which the table does not list", name(p), q)
			}
			visit(q, append(path, name(p)))
		}
		state[p] = 2
	}
	for _, p := range sortedKeys(layers) {
		visit(p, nil)
	}
	if len(layers["model"]) != 0 {
		t.Error("model must import nothing of rivals'")
	}
	for p, deps := range layers {
		if p != "" && slices.Contains(deps, "internal/cli") {
			t.Errorf("%s may import internal/cli; only main may", name(p))
		}
	}
	for _, p := range []string{"internal/report", "internal/search"} {
		if slices.Contains(layers[p], "db") || slices.Contains(layers[p], "tui") {
			t.Errorf("%s must not read the database or draw the TUI", p)
		}
	}
	if slices.Contains(layers["db"], "tui") {
		t.Error("db must not import tui")
	}
}

// The checker catches what it is meant to catch: an import pointing back up, an unknown
// package, a UI library below tui and a test importing a helper that depends on it.
func TestViolationsAreFound(t *testing.T) {
	prod := map[string][]string{
		"model":           {module + "/db"},
		"internal/report": {module + "/db", "github.com/charmbracelet/lipgloss"},
		"db":              {module + "/tui"},
		"tui":             {module + "/internal/cli"},
		"internal/newpkg": {"fmt"},
	}
	test := map[string][]string{
		"model":  {module + "/internal/hostile"},
		"db":     {module + "/internal/catalog", module + "/internal/bigcatalog"},
		"tui":    {module + "/internal/hostile"},
		"search": nil,
	}
	got := strings.Join(violations(prod, test), "\n")
	for _, want := range []string{
		"model imports db: not allowed",
		"internal/report imports db: not allowed",
		"internal/report imports github.com/charmbracelet/lipgloss, which only tui, internal/server may import",
		"db imports tui: not allowed",
		"tui imports internal/cli: not allowed",
		"internal/newpkg: a package the layer table does not know",
		"model imports internal/hostile (in a test)",
		"db imports internal/bigcatalog (in a test)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("violations lack %q; got:\n%s", want, got)
		}
	}
	for _, allowed := range []string{"db imports internal/catalog", "tui imports internal/hostile"} {
		if strings.Contains(got, allowed) {
			t.Errorf("violations wrongly include %q", allowed)
		}
	}
}

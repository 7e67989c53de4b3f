package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/tui"
)

// result is what one in-process run of rivals produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs rivals in-process with HOME and XDG_DATA_HOME inside dir and a fixed clock.
func runCLI(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return runCLIEnv(t, dir, nil, args...)
}

// runCLIEnv is runCLI with extra environment variables.
func runCLIEnv(t *testing.T, dir string, extra map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"HOME": dir, "XDG_DATA_HOME": filepath.Join(dir, "data")}
	for k, v := range extra {
		env[k] = v
	}
	a := &app{demoCatalog: demoCatalog,
		stdin:  strings.NewReader(""),
		stdout: &out,
		stderr: &errOut,
		getenv: func(k string) string { return env[k] },
		now:    func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) },
		runTUI: tuiThatOpens,
	}
	code := a.run(context.Background(), args)
	return result{code, out.String(), errOut.String()}
}

func TestInitDemoThenListJSON(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	r := runCLI(t, dir, "init", "--demo", "--db", dbPath)
	if r.code != 0 {
		t.Fatalf("init --demo: %d %s", r.code, r.stderr)
	}
	fi, err := os.Stat(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("database mode %o, want 600", fi.Mode().Perm())
	}
	r = runCLI(t, dir, "list", "--json", "--db", dbPath)
	if r.code != 0 {
		t.Fatalf("list --json: %d %s", r.code, r.stderr)
	}
	var rows []struct {
		Slug   string `json:"slug"`
		IsSelf *bool  `json:"is_self"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("list --json is not JSON: %v\n%s", err, r.stdout)
	}
	selves := 0
	for _, row := range rows {
		if row.IsSelf == nil {
			t.Fatalf("row %s has no is_self field", row.Slug)
		}
		if *row.IsSelf {
			selves++
		}
	}
	if len(rows) < 10 || selves != 1 {
		t.Errorf("list shows %d competitors with %d is_self, want ≥ 10 and exactly 1", len(rows), selves)
	}
	// A second --demo init refuses to pile onto existing data.
	r = runCLI(t, dir, "init", "--demo", "--db", dbPath)
	if r.code != 1 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("second init --demo: %d %q", r.code, r.stderr)
	}
	if r = runCLI(t, dir, "init", "--demo", "--force", "--db", dbPath); r.code != 0 {
		t.Errorf("init --demo --force: %d %s", r.code, r.stderr)
	}
}

func TestFlagsAnywhereOnTheLine(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "--db", dbPath, "init", "--demo"); r.code != 0 {
		t.Fatalf("init: %s", r.stderr)
	}
	lines := [][]string{
		{"--db", dbPath, "list"},
		{"list", "--db", dbPath},
		{"list", "--db=" + dbPath},
		{"show", "harborline", "--db", dbPath, "--json"},
		{"--json", "show", "--db", dbPath, "harborline"},
		{"show", "--db", dbPath, "--", "harborline"},
	}
	for _, args := range lines {
		r := runCLI(t, dir, args...)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("rivals %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}

func TestDatabaseLocation(t *testing.T) {
	dir := t.TempDir()
	// Default: $XDG_DATA_HOME/rivals/rivals.db
	if r := runCLI(t, dir, "init"); r.code != 0 {
		t.Fatalf("init: %s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "rivals", "rivals.db")); err != nil {
		t.Errorf("default database not created: %v", err)
	}
	// RIVALS_DB wins over XDG, --db over both.
	var out bytes.Buffer
	envDB := filepath.Join(dir, "env.db")
	a := &app{demoCatalog: demoCatalog, stdout: &out, stderr: &out, now: time.Now,
		getenv: func(k string) string {
			return map[string]string{"RIVALS_DB": envDB, "XDG_DATA_HOME": dir}[k]
		}}
	if got, _ := a.dbFile(); got != envDB {
		t.Errorf("dbFile with RIVALS_DB = %s, want %s", got, envDB)
	}
	a.dbPath = "flag.db"
	if got, _ := a.dbFile(); got != "flag.db" {
		t.Errorf("dbFile with --db = %s", got)
	}
}

func TestExportImportExportIsByteIdentical(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.json")
	if r := runCLI(t, dir, "export", "catalog", "--demo", "-o", first); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	empty := filepath.Join(dir, "empty.db")
	if r := runCLI(t, dir, "import", first, "--db", empty); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	r := runCLI(t, dir, "export", "catalog", "--db", empty)
	if r.code != 0 {
		t.Fatalf("second export: %s", r.stderr)
	}
	want, _ := os.ReadFile(first)
	if r.stdout != string(want) {
		t.Error("export → import → export is not byte-identical")
	}
	// The demo file in the repository is itself in canonical form.
	if string(want) != string(demoCatalog) {
		t.Error("testdata/demo/catalog.json is not in canonical export form; regenerate it with rivals export catalog")
	}
	// Re-importing changes nothing.
	r = runCLI(t, dir, "import", first, "--db", empty)
	if r.code != 0 || !strings.Contains(r.stdout, "already up to date") {
		t.Errorf("re-import: %d %q", r.code, r.stdout)
	}
}

func TestBrokenImportIsLocatedAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "init", "--demo", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	before := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout
	tests := []struct {
		name, content, want string
	}{
		{"syntax", "{\"version\": 1,\n  \"competitors\": [\n    {\"slug\": \"a\", \"name\": \"A\",}\n  ]\n}\n", "bad.json:3:"},
		{"bad threat", "{\"version\": 1,\n  \"competitors\": [\n    {\"slug\": \"harborline\", \"name\": \"Harborline 2\"},\n    {\"slug\": \"new-co\", \"name\": \"New Co\",\n     \"threat\": \"extreme\"}\n  ]\n}\n",
			"bad.json:5:16: competitors[1].threat: \"extreme\" must be one of low, medium, high, critical"},
		{"unknown reference", "{\"version\": 1,\n  \"notes\": [\n    {\"competitor\": \"nobody\", \"date\": \"2026-01-01\", \"title\": \"x\"}\n  ]\n}\n",
			"bad.json:3:20: notes[0].competitor: unknown competitor \"nobody\""},
		{"NUL in a string", "{\"version\": 1,\n  \"competitors\": [\n    {\"slug\": \"harbor\", \"name\": \"harbor\\u0000line\"}\n  ]\n}\n",
			"bad.json:3:32: competitors[0].name: contains a NUL byte (character 7)"},
		{"repeated key", "{\"version\": 1,\n  \"deals\": [\n    {\"ref\": \"J-1\", \"ref\": \"J-2\", \"closed_at\": \"2026-01-01\", \"outcome\": \"won\", \"competitors\": [\"harborline\"]}\n  ]\n}\n",
			"bad.json:3:20: deals[0].ref: \"ref\" is given twice in one object (first on line 3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, "bad.json")
			if err := os.WriteFile(file, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, dir, "import", file, "--db", dbPath)
			if r.code != 1 {
				t.Errorf("exit %d, want 1", r.code)
			}
			if !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("stderr = %q, want one line containing %q", r.stderr, tt.want)
			}
			if after := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout; after != before {
				t.Error("failed import changed the database")
			}
		})
	}
}

func TestDryRunReportsWithoutWriting(t *testing.T) {
	t.Chdir(repoRoot) // the fixtures are named as a user in a clone would name them
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	r := runCLI(t, dir, "import", "testdata/demo/catalog.json", "--dry-run", "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, "nothing was written") || !strings.Contains(r.stdout, "deals") {
		t.Fatalf("dry run: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
		t.Errorf("dry run created %s", dbPath)
	}
	// Read commands never create a database either.
	for _, args := range [][]string{{"list"}, {"show", "x"}, {"export", "catalog"}} {
		r := runCLI(t, dir, append(args, "--db", dbPath)...)
		if r.code != 1 || !strings.Contains(r.stderr, "no rivals database here yet") {
			t.Errorf("%v on a missing database: %d %q", args, r.code, r.stderr)
		}
		if _, err := os.Stat(dbPath); !os.IsNotExist(err) {
			t.Fatalf("%v created %s", args, dbPath)
		}
	}
}

func TestFutureDatabaseIsRefused(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "init", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	store, err := db.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	// Bump the version as a newer rivals would.
	mustSQL(t, dbPath, "PRAGMA user_version = 99")
	r := runCLI(t, dir, "list", "--db", dbPath)
	if r.code != 1 || !strings.Contains(r.stderr, "newer version of rivals") {
		t.Errorf("list on a future DB: %d %q", r.code, r.stderr)
	}
}

func TestShowResolvesNames(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"slug", []string{"show", "ostra-cx"}, 0, "Ostra CX (ostra-cx)"},
		{"exact name any case", []string{"show", "OSTRA CX"}, 0, "Ostra CX (ostra-cx)"},
		{"unique fuzzy", []string{"show", "harb"}, 0, "Harborline (harborline)"},
		{"ambiguous", []string{"show", "desk"}, 1, "did you mean"},
		{"unknown", []string{"show", "zendoodle"}, 1, "no competitor matches"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, dir, append(tt.args, "--demo")...)
			out := r.stdout + r.stderr
			if r.code != tt.code || !strings.Contains(out, tt.contains) {
				t.Errorf("exit %d, output %q; want %d and %q", r.code, out, tt.code, tt.contains)
			}
		})
	}
	r := runCLI(t, dir, "show", "harborline", "--json", "--demo")
	var p report.Profile
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatalf("show --json: %v", err)
	}
	if p.Competitor.Slug != "harborline" || p.Card == nil || len(p.Plans) == 0 || p.WinRate == nil || len(p.Notes) == 0 {
		t.Errorf("show --json is missing parts: %+v", p)
	}
}

func TestUsageErrorsAndHelp(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args   []string
		code   int
		stream string // "out" or "err"
		want   string
	}{
		{[]string{"lst"}, 2, "err", `unknown command "lst"`},
		{[]string{"list", "--jsn"}, 2, "err", "unknown flag -jsn"},
		{[]string{"init", "--force"}, 2, "err", "--force only applies with --demo"},
		{[]string{"show"}, 2, "err", "usage: rivals show NAME"},
		{[]string{"show", "a", "b"}, 2, "err", "usage: rivals show NAME"},
		{[]string{"import"}, 2, "err", "usage: rivals import FILE"},
		{[]string{"export", "everything"}, 2, "err", "rivals export catalog"},
		{[]string{"--help"}, 0, "out", "rivals init"},
		{[]string{"help"}, 0, "out", "rivals show NAME"},
		{[]string{"show", "--help"}, 0, "out", "Usage: rivals show NAME"},
		{[]string{"import", "-h"}, 0, "out", "--dry-run"},
		{[]string{"version"}, 0, "out", "rivals "},
		{[]string{"import", filepath.Join(dir, "missing.json")}, 1, "err", "missing.json"},
	}
	for _, tt := range tests {
		r := runCLI(t, dir, tt.args...)
		got := r.stdout
		if tt.stream == "err" {
			got = r.stderr
		}
		if r.code != tt.code || !strings.Contains(got, tt.want) {
			t.Errorf("rivals %s: exit %d, %s %q; want %d and %q", strings.Join(tt.args, " "), r.code, tt.stream, got, tt.code, tt.want)
		}
	}
}

func TestRootOpensTUIOnDemoWithoutTouchingUserDB(t *testing.T) {
	dir := t.TempDir()
	var opened string
	var out bytes.Buffer
	a := &app{demoCatalog: demoCatalog, stdout: &out, stderr: &out, now: time.Now,
		getenv: func(k string) string { return map[string]string{"HOME": dir, "XDG_DATA_HOME": dir}[k] },
		runTUI: func(ctx context.Context, open tui.OpenStore, o tui.Options) error {
			s, err := open(ctx)
			if err != nil {
				return err
			}
			opened = s.Path()
			comps, err := s.Competitors(ctx)
			if err != nil || len(comps) < 10 || !o.Demo {
				t.Errorf("TUI got %d competitors, demo=%v, err=%v", len(comps), o.Demo, err)
			}
			return nil
		}}
	if code := a.run(context.Background(), []string{"--demo"}); code != 0 {
		t.Fatalf("rivals --demo: %d %s", code, out.String())
	}
	if strings.HasPrefix(opened, dir) {
		t.Errorf("demo opened %s inside the user's data directory", opened)
	}
	if _, err := os.Stat(opened); !os.IsNotExist(err) {
		t.Errorf("demo database %s was not removed", opened)
	}
	if _, err := os.Stat(filepath.Join(dir, "rivals")); !os.IsNotExist(err) {
		t.Error("--demo created the user's database")
	}
}

func TestDemoCannotBeMergedOverAnotherOwnProduct(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	file := filepath.Join(dir, "us.json")
	if err := os.WriteFile(file, []byte(`{"version": 1, "competitors": [{"slug": "us", "name": "Us", "is_self": true}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, dir, "import", file, "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := runCLI(t, dir, "init", "--demo", "--force", "--db", dbPath)
	if r.code != 1 || !strings.Contains(r.stderr, "already has its own product (us)") {
		t.Errorf("init --demo --force over another own product: %d %q", r.code, r.stderr)
	}
	if out := runCLI(t, dir, "list", "--json", "--db", dbPath).stdout; strings.Count(out, `"slug"`) != 1 {
		t.Errorf("refused merge changed the database: %s", out)
	}
}

func TestCompareCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"compare", "tidewell"}, 2, "usage: rivals compare NAME NAME..."},
		{[]string{"compare", "a", "b", "c", "d", "e"}, 2, "usage: rivals compare NAME NAME..."},
		{[]string{"compare", "tidewell", "zendoodle"}, 1, "did you mean"},
		{[]string{"compare", "tidewell", "harborline", "--format", "pdf"}, 2, `unknown --format "pdf"`},
		{[]string{"compare", "tidewell", "harborline", "--category", "Nope"}, 2, `no category "Nope"`},
		{[]string{"compare", "tidewell", "tidewell"}, 2, "named twice"},
		{[]string{"compare", "tidewell", "harb", "replyfox"}, 0, "Tidewell vs Harborline: wins"},
		{[]string{"compare", "--format", "md", "tidewell", "quillon", "--diff"}, 0, "| Category | Feature | Tidewell | Quillon |"},
		{[]string{"compare", "tidewell", "quillon", "--format=csv", "--category", "Security & Compliance"}, 0, "category,feature,key,weight,tidewell,quillon"},
	}
	for _, tt := range tests {
		r := runCLI(t, dir, append(tt.args, "--demo")...)
		if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.contains) {
			t.Errorf("rivals %s: exit %d, output %q; want %d and %q", strings.Join(tt.args, " "), r.code, r.stdout+r.stderr, tt.code, tt.contains)
		}
	}
	out := filepath.Join(dir, "cmp.md")
	if r := runCLI(t, dir, "compare", "tidewell", "harborline", "--format", "md", "-o", out, "--demo"); r.code != 0 || r.stdout != "" {
		t.Fatalf("-o: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "# Comparison: Tidewell vs Harborline") {
		t.Errorf("-o wrote %q (%v)", b, err)
	}
}

// checkGolden compares got with testdata/golden/FILE, rewriting the file under -update.
func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", file)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (rerun with -update if the change is intended):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// tuiThatOpens stands in for the TUI: it opens the store as the TUI does at its start, then
// returns as if the user had quit.
func tuiThatOpens(ctx context.Context, open tui.OpenStore, _ tui.Options) error {
	_, err := open(ctx)
	return err
}

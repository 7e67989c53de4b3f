package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// stemPattern is every name cardFileStem may return: one path element of safe characters.
var stemPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*_?$`)

func TestCardFileStem(t *testing.T) {
	for slug, want := range map[string]string{
		"harborline": "harborline", "ostra-cx": "ostra-cx", "con": "con_", "nul": "nul_", "aux": "aux_", "prn": "prn_",
		"com1": "com1_", "lpt9": "lpt9_", "com0": "com0_", "index": "index_", "console": "console", "com10": "com10", "com": "com",
	} {
		if got, err := cardFileStem(slug); err != nil || got != want {
			t.Errorf("cardFileStem(%q) = %q, %v; want %q", slug, got, err, want)
		}
	}
	for _, slug := range []string{"", ".", "..", "../evil", "../../etc/passwd", "/etc/passwd", "a/b", `a\b`, `..\..\x`, "C:evil",
		".hidden", "-rf", "a..b", "a.md", "evil-", "Upper", "a b", "evil\x00", "evil\n", "evil\r", "evil\x1b[2J", "gpj\u202eexe",
		"zero\u200bwidth", "é", "\xff", strings.Repeat("a", 65), "con.md", "nul:", "index.html"} {
		if got, err := cardFileStem(slug); err == nil {
			t.Errorf("cardFileStem(%q) = %q, want an error", slug, got)
		} else if strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("cardFileStem(%q): error of several lines: %q", slug, err)
		}
	}
}

// FuzzCardFileStem: whatever a database holds as a slug, the file name is one safe path
// element inside the export directory, or refused.
func FuzzCardFileStem(f *testing.F) {
	for _, s := range []string{"harborline", "con", "../x", "/abs", "a\x00", "index", "lpt1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, slug string) {
		stem, err := cardFileStem(slug)
		if err != nil {
			return
		}
		if !stemPattern.MatchString(stem) || filepath.Base(stem) != stem || filepath.IsAbs(stem) || reservedStem(stem) {
			t.Fatalf("cardFileStem(%q) = %q", slug, stem)
		}
	})
}

// TestCardAllFileNames: competitors whose slugs are device names on Windows, or the index's,
// get files of their own; a slug that is not one (written into the database by another
// program) stops the export before anything is written.
func TestCardAllFileNames(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	file := filepath.Join(dir, "c.json")
	var comps []string
	for _, slug := range []string{"con", "index", "nul", "lpt1", "plain"} {
		comps = append(comps, `{"slug": "`+slug+`", "name": "`+strings.ToUpper(slug)+` Inc"}`)
	}
	data := `{"version": 1, "competitors": [{"slug": "us", "name": "Us", "is_self": true}, ` + strings.Join(comps, ", ") + `]}`
	if err := os.WriteFile(file, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, dir, "import", file, "--db", dbPath); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	out := filepath.Join(dir, "cards")
	if r := runCLI(t, dir, "card", "--all", "--dir", out, "--db", dbPath); r.code != 0 {
		t.Fatalf("card --all: exit %d, %s", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"con_.md", "index.md", "index_.md", "lpt1_.md", "nul_.md", "plain.md"}; !slices.Equal(names, want) {
		t.Errorf("wrote %v, want %v", names, want)
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.md"))
	if !strings.Contains(string(index), "(<con_.md>)") || !strings.Contains(string(index), "(<index_.md>)") {
		t.Errorf("the index does not link the renamed files:\n%s", index)
	}

	mustSQL(t, dbPath, `UPDATE competitors SET slug = '../escaped' WHERE slug = 'plain'`)
	out2 := filepath.Join(dir, "sub", "cards")
	r := runCLI(t, dir, "card", "--all", "--dir", out2, "--db", dbPath)
	if r.code != 1 || r.stderr != "rivals card: competitor slug \"../escaped\" cannot name a file (a slug is lower-case letters, digits and single dashes)\n" {
		t.Errorf("a path as a slug: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "sub")); !os.IsNotExist(err) {
		t.Errorf("the refused export created its directory (%v)", err)
	}
}

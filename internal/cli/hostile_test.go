package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/internal/hostile"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/model"
)

// hostileDB writes cat as a catalog file in dir, imports it into a new database and returns
// the database's path.
func hostileDB(t *testing.T, dir, name string, cat model.Catalog) string {
	t.Helper()
	file := filepath.Join(dir, name+".json")
	writeCatalog(t, file, cat)
	dbPath := filepath.Join(dir, name+".db")
	if r := runCLI(t, dir, "import", file, "--db", dbPath); r.code != 0 {
		t.Fatalf("import %s: exit %d, %s", name, r.code, r.stderr)
	}
	return dbPath
}

func writeCatalog(t *testing.T, file string, cat model.Catalog) {
	t.Helper()
	var b bytes.Buffer
	if err := catalog.Encode(&b, cat); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// hostileOutput is a command that prints catalog text, and the format of what it prints.
type hostileOutput struct {
	format string // text, json, md, html or csv
	args   []string
}

// hostileCommands lists every command that prints catalog text, in each of its formats.
var hostileCommands = func() []hostileOutput {
	h, h2 := hostile.Rival, hostile.RivalTwo
	out := []hostileOutput{
		{"text", []string{"list"}}, {"json", []string{"list", "--json"}},
		{"text", []string{"show", h}}, {"text", []string{"show", h2}}, {"text", []string{"show", "us"}},
		{"json", []string{"show", h, "--json"}},
		{"text", []string{"compare", "us", h, h2}}, {"md", []string{"compare", "us", h, h2, "--format", "md"}},
		{"csv", []string{"compare", "us", h, h2, "--format", "csv"}}, {"json", []string{"compare", "us", h, h2, "--format", "json"}},
		{"text", []string{"compare", "us", h, "--diff"}},
		{"text", []string{"price", "us", h, h2}}, {"json", []string{"price", "us", h, h2, "--json"}},
		{"text", []string{"price", "us", h, h2, "--usage", "5000", "--period", "month"}},
		{"text", []string{"price", "history", h}}, {"text", []string{"price", "history", h2}},
		{"json", []string{"price", "history", h, "--json"}},
		{"text", []string{"reasons"}}, {"json", []string{"reasons", "--json"}},
		{"text", []string{"prep", h}}, {"text", []string{"prep", h2}}, {"json", []string{"prep", h, "--json"}},
		{"md", []string{"prep", h, "--format", "md"}}, {"slack", []string{"prep", h, "--format", "slack"}},
		{"html", []string{"prep", h, "--format", "confluence"}}, {"text", []string{"prep", h, "--include-unverified", "--width", "60"}},
		{"json", []string{"export", "catalog"}},
		{"text", []string{"winloss", "--competitor", h}},
	}
	for _, by := range []string{"competitor", "quarter", "segment", "region", "reason"} {
		out = append(out, hostileOutput{"text", []string{"winloss", "--by", by}},
			hostileOutput{"csv", []string{"winloss", "--by", by, "--csv"}}, hostileOutput{"json", []string{"winloss", "--by", by, "--json"}})
	}
	for _, f := range report.CardFormats {
		format := map[string]string{"md": "md", "html": "html", "json": "json", "txt": "text", "slack": "slack", "confluence": "html"}[f]
		out = append(out, hostileOutput{format, []string{"card", h, "--format", f}}, hostileOutput{format, []string{"card", h2, "--format", f}})
	}
	return out
}()

// checkInert fails when an output could act on a terminal, or on the program it is meant for.
func checkInert(t *testing.T, what, format, out string) {
	t.Helper()
	if err := hostile.Terminal(out); err != nil {
		t.Errorf("%s: %v", what, err)
	}
	var err error
	switch format {
	case "json":
		if !json.Valid([]byte(out)) {
			t.Errorf("%s: not valid JSON", what)
		}
	case "html":
		err = hostile.HTML(out)
	case "csv":
		err = hostile.CSV(out)
	case "md":
		err = hostile.Markdown(out)
	case "slack":
		err = hostile.Slack(out)
	}
	if err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

// cardFiles runs card --all in every format into dir and returns each file's content.
func cardFiles(t *testing.T, work, dbPath, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, f := range report.CardFormats {
		if r := runCLI(t, work, "card", "--all", "--dir", dir, "--format", f, "--db", dbPath); r.code != 0 {
			t.Fatalf("card --all --format %s: exit %d, %s", f, r.code, r.stderr)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(data)
	}
	return files
}

// formatOf is the output format of a card file.
func formatOf(file string) string {
	if strings.HasSuffix(file, ".slack.txt") {
		return "slack"
	}
	if f := strings.TrimPrefix(filepath.Ext(file), "."); f != "txt" {
		return f
	}
	return "text"
}

// TestHostileCatalogOutputsAreInert imports the hostile catalog and its plain twin (the same
// records with plain words) and runs every command that prints catalog text, in every format:
// no output carries a control character, HTML and Markdown have exactly the structure the
// plain twin gives them (catalog text added no element, attribute, heading, list item or table
// cell), CSV cells cannot run as formulas and JSON is valid.
func TestHostileCatalogOutputsAreInert(t *testing.T) {
	dir := t.TempDir()
	cat, err := hostile.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	plain, err := hostile.PlainCatalog()
	if err != nil {
		t.Fatal(err)
	}
	evil, safe := hostileDB(t, dir, "hostile", cat), hostileDB(t, dir, "plain", plain)
	for _, c := range hostileCommands {
		what := strings.Join(c.args, " ")
		r := runCLI(t, dir, append(c.args, "--db", evil)...)
		p := runCLI(t, dir, append(c.args, "--db", safe)...)
		if r.code != 0 || p.code != 0 || r.stdout == "" {
			t.Errorf("%s: exit %d (plain %d), stderr %q", what, r.code, p.code, r.stderr)
			continue
		}
		checkInert(t, what, c.format, r.stdout+r.stderr)
		switch c.format {
		case "md":
			if h, p := hostile.MarkdownShape(r.stdout), hostile.MarkdownShape(p.stdout); !slices.Equal(h, p) {
				t.Errorf("%s: catalog text changed the Markdown structure:\n%v\nplain:\n%v", what, h, p)
			}
		case "html":
			if h, p := hostile.HTMLTags(r.stdout), hostile.HTMLTags(p.stdout); !slices.Equal(h, p) {
				t.Errorf("%s: catalog text changed the HTML elements:\n%v\nplain:\n%v", what, h, p)
			}
		case "slack":
			if h, p := hostile.SlackShape(r.stdout), hostile.SlackShape(p.stdout); !slices.Equal(h, p) {
				t.Errorf("%s: catalog text changed the Slack structure:\n%v\nplain:\n%v", what, h, p)
			}
		}
	}
	evilCards, safeCards := cardFiles(t, dir, evil, filepath.Join(dir, "cards")), cardFiles(t, dir, safe, filepath.Join(dir, "plain-cards"))
	if len(evilCards) != 3*len(report.CardFormats) {
		t.Errorf("card --all wrote %d files", len(evilCards))
	}
	for name, content := range evilCards {
		checkInert(t, "card --all: "+name, formatOf(name), content)
		switch formatOf(name) {
		case "md":
			if !slices.Equal(hostile.MarkdownShape(content), hostile.MarkdownShape(safeCards[name])) {
				t.Errorf("card --all: %s: catalog text changed the Markdown structure", name)
			}
		case "html":
			if !slices.Equal(hostile.HTMLTags(content), hostile.HTMLTags(safeCards[name])) {
				t.Errorf("card --all: %s: catalog text changed the HTML elements", name)
			}
		}
	}
}

// comparable clears what an import adds to a catalog (timestamps) and sorts it.
func comparable(cat model.Catalog) model.Catalog {
	cat.Normalize()
	cat.Sort()
	for i := range cat.Competitors {
		cat.Competitors[i].CreatedAt, cat.Competitors[i].UpdatedAt = time.Time{}, time.Time{}
	}
	return cat
}

// TestHostileCatalogRoundTrips: every hostile string is stored and exported exactly as
// written, a text of the longest length and a list of 10,000 tags included, and export →
// import → export is byte-identical.
func TestHostileCatalogRoundTrips(t *testing.T) {
	dir := t.TempDir()
	withHuge := func() model.Catalog {
		cat, err := hostile.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		cat.Cards[0].Overview = hostile.Long(model.MaxTextLen)
		for i := range hostile.ListItems {
			cat.Competitors[0].Tags = append(cat.Competitors[0].Tags, fmt.Sprintf("%s %d", cat.Competitors[1].Name, i))
		}
		return cat
	}
	dbPath := hostileDB(t, dir, "hostile", withHuge())
	first := runCLI(t, dir, "export", "catalog", "--db", dbPath)
	exported, _, err := catalog.Decode("export", []byte(first.stdout))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := comparable(exported), comparable(withHuge()); !reflect.DeepEqual(got, want) {
		t.Errorf("the export differs from what was imported")
	}
	file := filepath.Join(dir, "export.json")
	if err := os.WriteFile(file, []byte(first.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(dir, "again.db")
	if r := runCLI(t, dir, "import", file, "--db", again); r.code != 0 {
		t.Fatalf("import of the export: %s", r.stderr)
	}
	if second := runCLI(t, dir, "export", "catalog", "--db", again); second.stdout != first.stdout {
		t.Error("export → import → export is not byte-identical")
	}
	if r := runCLI(t, dir, "import", file, "--db", dbPath); r.code != 0 || !strings.Contains(r.stdout, "already up to date") {
		t.Errorf("re-import: %d %q", r.code, r.stdout)
	}
}

// TestHostileImportsRefused: what the catalog refuses (strings of 1 MB, slugs and keys that
// are paths or hold controls, URLs that are not http(s), invalid UTF-8, a string too large to
// decode) is refused whole, in one terminal-safe line naming the file, line and field, and
// nothing is written.
func TestHostileImportsRefused(t *testing.T) {
	dir := t.TempDir()
	cat, err := hostile.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	dbPath := hostileDB(t, dir, "hostile", cat)
	before := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout
	for _, c := range hostile.Refused() {
		file := filepath.Join(dir, "refused.json")
		if err := os.WriteFile(file, c.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		r := runCLI(t, dir, "import", file, "--db", dbPath)
		if r.code != 1 || !strings.HasPrefix(r.stderr, "rivals import: "+file+":") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %.300q", c.Name, r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, c.Want) {
			t.Errorf("%s: stderr %.300q, want %q", c.Name, r.stderr, c.Want)
		}
		if err := hostile.Terminal(r.stderr); err != nil {
			t.Errorf("%s: the error message: %v", c.Name, err)
		}
	}
	// CSV: a field of 1 MB passes the field limit but not the text limit.
	notes := filepath.Join(dir, "notes.csv")
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll([][]string{{"Competitor", "Date", "Title", "Body"}, {hostile.Rival, "2026-01-01", "T", hostile.Long(hostile.MB)}})
	if err := os.WriteFile(notes, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, dir, "import", notes, "--db", dbPath)
	// (Fewer than a million characters arrive: CSV reads a quoted CR LF as LF.)
	if want := "rivals import: " + notes + ":2:22 (Body): is 99"; r.code != 1 || !strings.HasPrefix(strings.SplitN(r.stderr, "\n", 2)[1], want) ||
		!strings.HasSuffix(r.stderr, " characters long (at most 100000)\n") {
		t.Errorf("1 MB CSV field: exit %d, %.300q, want %q…", r.code, r.stderr, want)
	}
	if after := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout; after != before {
		t.Error("a refused import changed the database")
	}
}

// TestHugeHostileCatalog imports the hostile catalog inflated (10,000 tags, card bullets and
// intel notes, texts of 100,000 characters, 2,000 more deals) and a CSV file of hostile notes,
// then runs every command in every format: each output stays inert.
func TestHugeHostileCatalog(t *testing.T) {
	dir := t.TempDir()
	cat, err := hostile.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if err := hostile.Inflate(&cat); err != nil {
		t.Fatal(err)
	}
	dbPath := hostileDB(t, dir, "huge", cat)
	ps, err := hostile.Payloads()
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]string{{"Competitor", "Date", "Title", "Body", "Tags"}}
	for i, p := range ps {
		tags := fmt.Sprintf("=cmd|' /C calc'!A%d; @SUM(%d); -%d", i, i, i)
		rows = append(rows, []string{hostile.RivalTwo, "2026-06-01", fmt.Sprintf("%s %d", p.Text, i), p.Text, tags})
	}
	var b bytes.Buffer
	csv.NewWriter(&b).WriteAll(rows)
	notes := filepath.Join(dir, "notes.csv")
	if err := os.WriteFile(notes, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, dir, "import", notes, "--db", dbPath); r.code != 0 {
		t.Fatalf("import of hostile CSV: exit %d, %s", r.code, r.stderr)
	}
	// The commands whose output grows with the inflated lists (TestHostileCatalogOutputsAreInert
	// runs them all on the compact catalog).
	h := hostile.Rival
	huge := []hostileOutput{{"text", []string{"list"}}, {"text", []string{"show", h}}, {"json", []string{"show", h, "--json"}},
		{"text", []string{"prep", h}}, {"md", []string{"compare", "us", h, "--format", "md"}},
		{"text", []string{"winloss", "--by", "segment"}}, {"csv", []string{"winloss", "--by", "region", "--csv"}},
		{"text", []string{"show", hostile.RivalTwo}}, {"json", []string{"export", "catalog"}}}
	for _, f := range report.CardFormats {
		huge = append(huge, hostileOutput{formatOf("." + f), []string{"card", h, "--format", f}})
	}
	for _, c := range huge {
		what := strings.Join(c.args, " ")
		r := runCLI(t, dir, append(c.args, "--db", dbPath)...)
		if r.code != 0 {
			t.Errorf("%s: exit %d, %s", what, r.code, r.stderr)
			continue
		}
		checkInert(t, what, c.format, r.stdout+r.stderr)
	}
	out := filepath.Join(dir, "cards")
	if r := runCLI(t, dir, "card", "--all", "--dir", out, "--format", "html", "--db", dbPath); r.code != 0 {
		t.Fatalf("card --all: exit %d, %s", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(out, e.Name()))
		checkInert(t, "card --all: "+e.Name(), "html", string(data))
	}
}

package importer_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/import")

// fixtures is where the sample files and their expected results live.
const fixtures = "../../testdata/import"

// demo returns the demo catalog, what the fixtures are matched against.
func demo(t testing.TB) model.Catalog {
	t.Helper()
	data, err := os.ReadFile("../../testdata/demo/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	cat, _, err := catalog.Decode("catalog.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// options are the options every fixture is read with.
func options(t testing.TB) importer.Options {
	return importer.Options{Existing: demo(t), CreateUnknown: true, Today: model.MustParseDate("2026-11-23")}
}

// render reads a file and prints what came of it: the kind, errors, warnings and, when there
// is no error, the catalog in its JSON form.
func render(t testing.TB, name string, data []byte, opt importer.Options) string {
	t.Helper()
	var b strings.Builder
	res, err := importer.ReadFile(name, data, opt)
	if err != nil {
		fmt.Fprintf(&b, "error: %s\n", err)
		return b.String()
	}
	fmt.Fprintf(&b, "%s\nrows: %d\n", res.Describe(), res.Rows)
	for _, p := range res.Errors {
		fmt.Fprintf(&b, "error: %s\n", p)
	}
	for _, p := range res.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", p)
	}
	if len(res.Errors) == 0 {
		if err := catalog.Encode(&b, res.Catalog); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// realFlags are the flags a user passes to import each real export (see real/SOURCE.md): the
// importer refuses these files without them, and says which flag settles it.
var realFlags = map[string]func(*importer.Options){
	"real/salesforce-report-details.csv": func(o *importer.Options) { o.DateFormat, o.Currency = importer.DateMDY, "USD" },
	"real/hubspot-deals-export.csv":      func(o *importer.Options) { o.Currency = "USD" },
}

// TestFixtures reads every sample file under testdata/import and compares the outcome with its
// golden file (rerun with -update to accept a change).
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtures, "*"))
	if err != nil {
		t.Fatal(err)
	}
	real, err := filepath.Glob(filepath.Join(fixtures, "real", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range append(files, real...) {
		name := filepath.Base(path)
		if strings.HasSuffix(name, ".golden") || name == "real" || name == "SOURCE.md" {
			continue
		}
		if filepath.Base(filepath.Dir(path)) == "real" {
			name = "real/" + name
		}
		n++
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			opt := options(t)
			if strings.Contains(name, "-mdy.") {
				opt.DateFormat = importer.DateMDY // a US CRM export: dates month first
			}
			if flags, ok := realFlags[name]; ok {
				flags(&opt)
			}
			got := render(t, name, data, opt)
			checkGolden(t, strings.TrimSuffix(name, filepath.Ext(name))+".golden", got)
		})
	}
	if n < 15 {
		t.Errorf("found %d fixtures; want one per shape", n)
	}
}

// checkGolden compares got with testdata/import/FILE, rewriting it under -update.
func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	path := filepath.Join(fixtures, file)
	if *update {
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

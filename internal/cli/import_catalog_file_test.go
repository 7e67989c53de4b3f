package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/model"
)

// A catalog file is stored kind by kind while it is read: lists in any order still import,
// and a refusal found late in the file (after kinds before it were stored) writes nothing and
// reads as when the whole file was read first.
func TestImportCatalogFileKindByKind(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	before := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout

	// Notes before the competitor they are about, and a second list of competitors.
	ordered := writeFile(t, dir, "ordered.json", `{"version": 1,
  "notes": [{"competitor": "okapi", "date": "2026-01-05", "title": "Okapi launched"}],
  "competitors": [{"slug": "okapi", "name": "Okapi"}],
  "features": [{"key": "okapi-sync", "name": "Okapi sync", "category": "Platform"}],
  "competitors": [{"slug": "zebu", "name": "Zebu"}]}`)
	r := runCLI(t, dir, "import", ordered, "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, "competitors        2") || !strings.Contains(r.stdout, "notes              1") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	fresh := filepath.Join(dir, "fresh.db")
	for name, c := range map[string]struct{ doc, want string }{
		"bad JSON in the last list": {`{"version": 1,
  "competitors": [{"slug": "yak", "name": "Yak"}],
  "notes": [{"competitor": "yak", "date": "2026-01-05", "title": 7}]}`,
			`:3:66: notes[0].title: got number, want a string`},
		"a note about no competitor": {`{"version": 1,
  "competitors": [{"slug": "yak", "name": "Yak"}],
  "notes": [{"competitor": "nobody", "date": "2026-01-05", "title": "T"}]}`,
			`:3:28: notes[0].competitor: unknown competitor "nobody"`},
		"a deal closed tomorrow": {`{"version": 1,
  "competitors": [{"slug": "yak", "name": "Yak"}],
  "deals": [{"ref": "T-1", "closed_at": "2026-11-24", "outcome": "won", "competitors": ["yak"]}]}`,
			`:3:41: deals[0].closed_at: 2026-11-24 is in the future`},
		"no version": {`{"competitors": [{"slug": "yak", "name": "Yak"}]}`, `:1:1: version: is required`},
	} {
		file := writeFile(t, dir, strings.ReplaceAll(name, " ", "-")+".json", c.doc)
		for _, db := range []string{dbPath, fresh} {
			r := runCLI(t, dir, "import", file, "--db", db)
			if r.code != 1 || !strings.Contains(r.stderr, file+c.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("%s into %s: exit %d, stderr %q; want one line with %q", name, filepath.Base(db), r.code, r.stderr, file+c.want)
			}
			// A dry run reads the whole file, then stores it: the refusal is the same.
			if dry := runCLI(t, dir, "import", "--dry-run", file, "--db", db); dry.stderr != r.stderr {
				t.Errorf("%s: stored kind by kind, %q; read whole first, %q", name, r.stderr, dry.stderr)
			}
		}
	}
	if r := runCLI(t, dir, "export", "catalog", "--db", dbPath).stdout; r == before || strings.Contains(r, `"yak"`) {
		t.Error("a refused import wrote to the database (or the first one wrote nothing)")
	}
	if r := runCLI(t, dir, "list", "--db", fresh); strings.Contains(r.stdout, "Yak") {
		t.Errorf("a refused import wrote to a new database:\n%s", r.stdout)
	}
}

// The decoder hands over one kind at a time: it waits until the import took the last one,
// unless the import waits for a kind further on in the file.
func TestKindQueueKeepsOneKindWaiting(t *testing.T) {
	q := newKindQueue()
	returned := make(chan string, 4)
	go func() {
		for _, k := range []string{model.KindCompetitors, model.KindNotes, model.KindFeatures} {
			q.put(k, model.Catalog{})
			returned <- k
		}
		q.finish(false)
	}()
	quiet := func(what string) {
		t.Helper()
		select {
		case k := <-returned:
			t.Fatalf("%s: handing over %s returned", what, k)
		case <-time.After(30 * time.Millisecond):
		}
	}
	quiet("nothing taken yet")
	if _, err := q.next(model.KindCompetitors); err != nil {
		t.Fatal(err)
	}
	if k := <-returned; k != model.KindCompetitors {
		t.Fatalf("%s returned first", k)
	}
	quiet("notes not taken yet")
	// The import now wants features, which the file gives after notes: the decoder reads on.
	if _, err := q.next(model.KindFeatures); err != nil {
		t.Fatal(err)
	}
	if k := <-returned; k != model.KindNotes {
		t.Fatalf("%s returned, want notes", k)
	}
	quiet("features taken, notes still waiting")
	if _, err := q.next(model.KindNotes); err != nil {
		t.Fatal(err)
	}
	if k := <-returned; k != model.KindFeatures {
		t.Fatalf("%s returned, want features", k)
	}
	if part, err := q.next(model.KindDeals); err != nil || len(part.Deals) != 0 {
		t.Errorf("a kind the file does not give: %v, %v", part, err)
	}
}

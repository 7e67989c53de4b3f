package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/internal/catalog"
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
	empty := writeFile(t, dir, "empty.json", `{"version": 1}`)
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
			// A dry run streams the file too; imported beside another file, it is read whole
			// first, then stored: the refusal is the same each way.
			if dry := runCLI(t, dir, "import", "--dry-run", file, "--db", db); dry.stderr != r.stderr {
				t.Errorf("%s: stored kind by kind, %q; on a dry run, %q", name, r.stderr, dry.stderr)
			}
			if whole := runCLI(t, dir, "import", file, empty, "--db", db); whole.stderr != r.stderr {
				t.Errorf("%s: stored kind by kind, %q; read whole first, %q", name, r.stderr, whole.stderr)
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

// The decoder hands over one batch at a time: it waits until the import took the last one,
// unless the import waits for a kind further on in the file.
func TestBatchQueueKeepsOneBatchWaiting(t *testing.T) {
	q := newBatchQueue()
	returned := make(chan string, 4)
	batches := []catalog.Batch{
		{Kind: model.KindCompetitors, Records: model.Catalog{Competitors: []model.Competitor{{Slug: "a"}}}},
		{Kind: model.KindCompetitors, First: 1, Records: model.Catalog{Competitors: []model.Competitor{{Slug: "b"}}}, Last: true},
		{Kind: model.KindNotes, Last: true},
		{Kind: model.KindFeatures, Last: true},
	}
	go func() {
		for _, b := range batches {
			q.put(b)
			returned <- fmt.Sprintf("%s %d", b.Kind, b.First)
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
	take := func(kind string, wantMore bool, thenReturned string) {
		t.Helper()
		_, more, err := q.next(kind)
		if err != nil || more != wantMore {
			t.Fatalf("next(%s) = more %v, %v; want more %v", kind, more, err, wantMore)
		}
		if k := <-returned; k != thenReturned {
			t.Fatalf("%s returned, want %s", k, thenReturned)
		}
	}
	quiet("nothing taken yet")
	take(model.KindCompetitors, true, "competitors 0")
	quiet("the second batch not taken yet")
	take(model.KindCompetitors, false, "competitors 1")
	quiet("notes not taken yet")
	// The import now wants features, which the file gives after notes: the decoder reads on.
	take(model.KindFeatures, false, "notes 0")
	quiet("features taken, notes still waiting")
	take(model.KindNotes, false, "features 0")
	if part, more, err := q.next(model.KindDeals); err != nil || more || part.Len() != 0 {
		t.Errorf("a kind the file does not give: %v, %v, %v", part, more, err)
	}
}

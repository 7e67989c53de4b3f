package tui

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/junegunn/fzf/src/algo"
	"github.com/junegunn/fzf/src/util"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/model"
	"github.com/sahilm/fuzzy"
)

// rankingView is the demo catalog with a few records whose names carry accents, written with
// or without them, as catalogs from several countries do.
func rankingView(t *testing.T) (*db.Store, catalogView) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "demo", "catalog.json"))
	if err != nil {
		t.Fatal(err)
	}
	cat, _, err := catalog.Decode("demo", data)
	if err != nil {
		t.Fatal(err)
	}
	note := func(slug, title string) model.IntelNote {
		return model.IntelNote{Competitor: slug, Date: model.MustParseDate("2026-10-01"), Title: title}
	}
	cat.Notes = append(cat.Notes,
		note("harborline", "Müller Logistik moves 300 agents to Harborline"),
		note("replyfox", "Café Central chain trials Replyfox for its 40 shops"))
	deal := func(ref, account string) model.Deal {
		d := cat.Deals[0]
		d.Ref, d.Account = ref, account
		return d
	}
	cat.Deals = append(cat.Deals, deal("OPP-90001", "Zurich Re Service Centre"), deal("OPP-90002", "Société Générale Assurances"))
	ctx := context.Background()
	store, err := db.Open(ctx, filepath.Join(t.TempDir(), "ranking.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Import(ctx, cat, db.ImportOptions{Now: testToday}); err != nil {
		t.Fatal(err)
	}
	v, err := loadSnapshot(ctx, store, loadRequest{today: model.DateOf(testToday), eagerRows: DefaultEagerRows})
	if err != nil {
		t.Fatal(err)
	}
	return store, v
}

// wantHit says which record a query should list first: its group ("competitor", "feature",
// "note", "deal"…) and, for a competitor, its slug (found by name, slug or tag alike), else
// the start of its label.
type wantHit struct{ group, key string }

func (w wantHit) is(it search.Item) bool {
	if search.GroupOf(it.Kind) != w.group {
		return false
	}
	if w.group == "competitor" {
		return it.Key == w.key
	}
	return strings.HasPrefix(it.Label, w.key)
}

// rankingQueries are what a sales engineer types minutes before a call, with the record they
// mean: acronyms and short words for features, competitors by name (some misspelt), notes
// and deal accounts, and names typed with or without their accents.
var rankingQueries = []struct {
	query string
	want  wantHit
}{
	{"sso", wantHit{"feature", "SAML single sign-on"}},
	{"sla", wantHit{"feature", "SLA policies"}},
	{"api", wantHit{"feature", "Public REST API"}},
	{"csat", wantHit{"feature", "CSAT and NPS surveys"}},
	{"soc", wantHit{"feature", "SOC 2 Type II"}},
	{"scim", wantHit{"feature", "SCIM provisioning"}},
	{"hipaa", wantHit{"feature", "HIPAA compliance"}},
	{"iso", wantHit{"feature", "ISO 27001"}},
	{"sms", wantHit{"feature", "SMS"}},
	{"webhooks", wantHit{"feature", "Webhooks"}},
	{"whatsapp", wantHit{"feature", "WhatsApp"}},
	{"knowledge", wantHit{"feature", "Knowledge base"}},
	{"mig", wantHit{"feature", "Migration tools"}},
	{"on-prem", wantHit{"feature", "On-premises deployment"}},
	{"ai reply", wantHit{"feature", "AI reply drafts"}},
	{"harbor", wantHit{"competitor", "harborline"}},
	{"nimbus", wantHit{"competitor", "nimbus-assist"}},
	{"ostra", wantHit{"competitor", "ostra-cx"}},
	{"serviceplane", wantHit{"competitor", "serviceplane"}},
	{"plane", wantHit{"competitor", "serviceplane"}},
	{"brightdsk", wantHit{"competitor", "brightdesk"}},
	{"quilon", wantHit{"competitor", "quillon"}},
	{"renewal quotes", wantHit{"note", "Renewal quotes show 7% uplift"}},
	{"dunvegal", wantHit{"deal", "Dunvegal"}},
	{"muller", wantHit{"note", "Müller Logistik"}},
	{"Müller", wantHit{"note", "Müller Logistik"}},
	{"cafe central", wantHit{"note", "Café Central"}},
	{"zürich", wantHit{"deal", "Zurich Re"}},
	{"societe generale", wantHit{"deal", "Société Générale"}},
}

// The palette lists first what these queries mean, and no worse than sahilm/fuzzy or fzf would
// over the same names and labels (which may rank it lower, or miss it).
func TestPaletteRankingAgainstFuzzyAndFzf(t *testing.T) {
	store, v := rankingView(t)
	ctx := context.Background()
	msg := buildTextIndexCmd(ctx, store, 0)().(textIndexMsg)
	owners := competitorNames(v)
	items := append(nameItems(v), msg.index.Items()...)
	labels := make([]string, len(items))
	for i, it := range items {
		labels[i] = it.Label
	}
	fzf := newFzfRanker(labels)
	position := func(order []search.Item, want wantHit) int {
		return cmp.Or(slices.IndexFunc(order, want.is)+1, len(items)+1) - 1
	}
	missed := 0
	for _, tt := range rankingQueries {
		// The palette: names, labels, then full text, merged as it lists them.
		var found []search.Found
		if names, ok := paletteNamesCmd(1, tt.query, v, owners)().(paletteNamesMsg); ok {
			found = names.found
		}
		if labels, ok := paletteLabelsCmd(ctx, 1, tt.query, owners, msg.text)().(paletteLabelsMsg); ok {
			found = append(found, labels.found...)
		}
		if text, ok := paletteTextCmd(ctx, 1, tt.query, store, owners, v.features)().(paletteTextMsg); ok && text.err == nil {
			found = append(found, text.found...)
		}
		var ours []search.Item
		for _, g := range search.Merge(tt.query, found) {
			for _, r := range g.Results {
				ours = append(ours, r.Item)
			}
		}
		var sahilm, fzfOrder []search.Item
		for _, m := range fuzzy.Find(tt.query, labels) {
			sahilm = append(sahilm, items[m.Index])
		}
		for _, i := range fzf.rank(tt.query) {
			fzfOrder = append(fzfOrder, items[i])
		}
		got, bySahilm, byFzf := position(ours, tt.want), position(sahilm, tt.want), position(fzfOrder, tt.want)
		t.Logf("%-18q rivals %2d  sahilm %4d  fzf %4d", tt.query, got, bySahilm, byFzf)
		if got != 0 || got > bySahilm || got > byFzf {
			missed++
			first := "nothing"
			if len(ours) > 0 {
				first = ours[0].Kind + " " + ours[0].Label
			}
			t.Errorf("%q: %s %q listed at %d (sahilm %d, fzf %d); first is %s", tt.query, tt.want.group, tt.want.key, got, bySahilm, byFzf, first)
		}
	}
	if len(rankingQueries) < 20 {
		t.Errorf("only %d queries", len(rankingQueries))
	}
}

// fzfRanker orders labels with fzf's matching algorithm (FuzzyMatchV2, case-insensitive,
// accents folded) on runtime.GOMAXPROCS(0) goroutines, as fzf spreads its matching: by score,
// then shorter label, then earlier.
type fzfRanker struct {
	chars []util.Chars
	slabs []*util.Slab
	hits  [][]fzfHit
}

// fzfHit is a label fzf matched: its score, length in runes and index.
type fzfHit struct{ score, length, index int }

var fzfInit sync.Once

func newFzfRanker(labels []string) *fzfRanker {
	fzfInit.Do(func() { algo.Init("default") })
	r := &fzfRanker{}
	for _, l := range labels {
		r.chars = append(r.chars, util.ToChars([]byte(l)))
	}
	for range runtime.GOMAXPROCS(0) {
		r.slabs = append(r.slabs, util.MakeSlab(100*1024, 2048))
		r.hits = append(r.hits, nil)
	}
	return r
}

// rank returns the indexes of the labels matching query, best first.
func (r *fzfRanker) rank(query string) []int {
	pattern := algo.NormalizeRunes([]rune(query))
	for i, c := range pattern {
		pattern[i] = unicode.ToLower(c)
	}
	workers := len(r.slabs)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits := r.hits[w][:0]
			for i := w; i < len(r.chars); i += workers {
				res, _ := algo.FuzzyMatchV2(false, true, true, &r.chars[i], pattern, false, r.slabs[w])
				if res.Start >= 0 {
					hits = append(hits, fzfHit{res.Score, r.chars[i].Length(), i})
				}
			}
			r.hits[w] = hits
		}()
	}
	wg.Wait()
	var all []fzfHit
	for _, h := range r.hits {
		all = append(all, h...)
	}
	slices.SortFunc(all, func(a, b fzfHit) int { return cmp.Or(b.score-a.score, a.length-b.length, a.index-b.index) })
	out := make([]int, len(all))
	for i, h := range all {
		out[i] = h.index
	}
	return out
}

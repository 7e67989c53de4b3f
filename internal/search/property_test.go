package search

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/sahilm/fuzzy"
)

// The fast path must return what fuzzy.Find returns over the live labels in ID order, query and
// labels spelt without accents, truncated to k: same items, same order, same scores, same matched characters. Random corpora mix cases,
// separators, characters whose folding differs from lower-casing, CJK, invalid UTF-8 and NULs;
// queries are typed one key at a time with backspaces, while the index is edited in between.

// pieces are the material of random labels: words, separators and awkward characters.
var pieces = []string{
	"harbor", "Line", "desk", "SSO", "api", "Price", "incr", "zen", "Loop", "bright", "cx",
	"a", "b", "s", "k", "i", "e", "x", "Q3",
	" ", "-", "_", ".", "/", "\\", ":",
	"é", "É", "ß", "ẞ", "İ", "ı", "\u212A", "\u017F", "Σ", "σ", "ς", "µ", "Å", "\u212B",
	"漢", "字", "かな", "😀", "\xff", "\x00",
}

// queryRunes are extra characters queries may hold that labels mostly lack.
var queryRunes = []rune("aAsSkKiIeEzZ -_é\u212A\u017FßẞİıΣσ漢\ufffd")

func randomLabel(r *rand.Rand) string {
	var b strings.Builder
	for n := 1 + r.IntN(8); n > 0; n-- {
		p := pieces[r.IntN(len(pieces))]
		if p == "\x00" && r.IntN(4) > 0 {
			continue // keep NULs rare
		}
		b.WriteString(p)
	}
	return b.String()
}

// randomQuery is 1–6 runes, mostly a subsequence of some label with its case shuffled.
func randomQuery(r *rand.Rand, labels []string) []rune {
	n := 1 + r.IntN(6)
	var src []rune
	if len(labels) > 0 && r.IntN(5) > 0 {
		src = []rune(labels[r.IntN(len(labels))])
	}
	var q []rune
	for i := 0; i < len(src) && len(q) < n; i++ {
		if r.IntN(len(src)) < n*2 {
			q = append(q, src[i])
		}
	}
	for len(q) < n {
		q = append(q, queryRunes[r.IntN(len(queryRunes))])
	}
	for i, c := range q {
		switch r.IntN(4) {
		case 0:
			q[i] = unicode.ToUpper(c)
		case 1:
			q[i] = unicode.SimpleFold(c)
		}
	}
	return q
}

// useWorkers makes tiny corpora go through the parallel path, with more workers than cores.
func useWorkers(t *testing.T) {
	oldMin, oldLen := parallelMin, chunkLen
	parallelMin, chunkLen = 16, 7
	old := runtime.GOMAXPROCS(4)
	t.Cleanup(func() {
		parallelMin, chunkLen = oldMin, oldLen
		runtime.GOMAXPROCS(old)
	})
}

func TestSessionMatchesFuzzy(t *testing.T) {
	useWorkers(t)
	checks := 0
	for seed := uint64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewPCG(seed, 10))
		items := make([]Item, r.IntN(300))
		for i := range items {
			items[i] = Item{Kind: "k", Key: string(rune('a' + i%26)), Label: randomLabel(r), Ref: i}
		}
		ix := NewIndex(items)
		s := ix.NewSession()
		for range 15 {
			var typed []rune
			for _, c := range randomQuery(r, liveLabels(ix)) {
				typed = append(typed, c)
				if r.IntN(6) == 0 { // backspace, then type on
					checkSearch(t, s, ix, string(typed), r)
					typed = typed[:len(typed)-1]
				}
				if r.IntN(10) == 0 {
					editRandomly(r, ix)
				}
				checkSearch(t, s, ix, string(typed), r)
				checks++
			}
		}
	}
	t.Logf("%d keystrokes checked", checks)
}

func editRandomly(r *rand.Rand, ix *Index) {
	id := ID(r.IntN(len(ix.items) + 1))
	switch r.IntN(3) {
	case 0:
		ix.Add(Item{Label: randomLabel(r)})
	case 1:
		ix.Update(id, Item{Label: randomLabel(r)})
	default:
		ix.Remove(id)
	}
}

// liveLabels lists the live labels in ID order with, in ids, each one's ID.
func liveLabels(ix *Index) []string {
	var out []string
	for id := range ix.items {
		if ix.where[id] >= 0 {
			out = append(out, ix.item(int32(id)).Label)
		}
	}
	return out
}

func liveIDs(ix *Index) []ID {
	var out []ID
	for id := range ix.items {
		if ix.where[id] >= 0 {
			out = append(out, ID(id))
		}
	}
	return out
}

func checkSearch(t *testing.T, s *Session, ix *Index, q string, r *rand.Rand) {
	t.Helper()
	k := []int{1, 3, 10, 50, 0}[r.IntN(5)]
	labels, ids := liveLabels(ix), liveIDs(ix)
	unaccented := make([]string, len(labels))
	for i, l := range labels {
		unaccented[i] = unaccent(l)
	}
	want := fuzzy.Find(unaccent(q), unaccented)
	if k > 0 && len(want) > k {
		want = want[:k]
	}
	for name, got := range map[string][]Hit{"Session": s.Search(q, k), "Index": ix.Search(q, k)} {
		if len(got) != len(want) {
			t.Fatalf("%s.Search(%q, %d): %d hits, fuzzy %d", name, q, k, len(got), len(want))
		}
		for i, m := range want {
			wantPos := runePositions(m.Str, slices.Clone(m.MatchedIndexes))
			h := got[i]
			if h.ID != ids[m.Index] || h.Score != m.Score || !slices.Equal(h.Matched, wantPos) ||
				h.Item.Label != labels[m.Index] {
				t.Fatalf("%s.Search(%q, %d) hit %d = %d %q score %d at %v; fuzzy %d %q score %d at %v",
					name, q, k, i, h.ID, h.Item.Label, h.Score, h.Matched,
					ids[m.Index], m.Str, m.Score, wantPos)
			}
		}
	}
}

// A corpus large enough for real chunks, typed through a session, still agrees with fuzzy.
func TestLargeSessionMatchesFuzzy(t *testing.T) {
	oldMin, oldLen := parallelMin, chunkLen
	parallelMin, chunkLen = 1000, 300
	t.Cleanup(func() { parallelMin, chunkLen = oldMin, oldLen })
	r := rand.New(rand.NewPCG(99, 10))
	items := make([]Item, 5000)
	for i := range items {
		items[i] = Item{Label: randomLabel(r)}
	}
	ix := NewIndex(items)
	for _, q := range []string{"harbor", "sso", "price incr", "kſé", "zen desk"} {
		s := ix.NewSession()
		for i := range q {
			checkSearch(t, s, ix, q[:i+1], r)
		}
	}
}

// bound must never be below a score, or the top k could lose a match; and it should be reached,
// or pruning would be weaker than it can be (and a slightly wrong bound would go unnoticed).
func TestBoundHoldsAndIsReached(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 10))
	items := make([]Item, 3000)
	for i := range items {
		items[i] = Item{Label: randomLabel(r)}
	}
	ix := NewIndex(items)
	reached := map[int]bool{}
	var q foldedQuery
	for range 400 {
		query := string(randomQuery(r, liveLabels(ix)))
		if strings.IndexByte(query, 0) >= 0 {
			continue
		}
		q.set(query)
		f := make([]int, len(q.runes))
		for at := range ix.slots {
			e := &ix.slots[at]
			if !matches(ix.arena, e, &q, f) {
				continue
			}
			b := bound(ix.arena, e, &q, f)
			score, ok := scoreSlot(ix.arena, e, &q, f, nil)
			if !ok || score > b || score > ceiling(len(q.runes))-int(e.raw) {
				t.Fatalf("%q in %q: score %d (ok %v) above bound %d", query, ix.item(e.id).Label, score, ok, b)
			}
			if score == b && e.text != textOther {
				reached[len(q.runes)] = true
			}
		}
	}
	for n := 1; n <= 3; n++ {
		if !reached[n] {
			t.Errorf("bound never reached by a %d-rune query", n)
		}
	}
}

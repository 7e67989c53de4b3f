package search

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"unicode"

	"github.com/junegunn/fzf/src/algo"
	"github.com/junegunn/fzf/src/util"
)

// fzfTopper ranks labels with fzf's matching algorithm, the reference the index is measured
// against besides sahilm/fuzzy.
type fzfTopper struct {
	chars  []util.Chars
	lens   []int
	slabs  []*util.Slab
	scored [][]fzfHit
}

// fzfHit is one label fzf matched: its score, length and index.
type fzfHit struct{ score, length, index int }

var fzfInit sync.Once

func newFzfTopper(labels []string) *fzfTopper {
	fzfInit.Do(func() { algo.Init("default") })
	t := &fzfTopper{chars: make([]util.Chars, len(labels)), lens: make([]int, len(labels))}
	for i, l := range labels {
		t.chars[i] = util.ToChars([]byte(l))
		t.lens[i] = t.chars[i].Length()
	}
	for range runtime.GOMAXPROCS(0) {
		t.slabs = append(t.slabs, util.MakeSlab(100*1024, 2048))
		t.scored = append(t.scored, nil)
	}
	return t
}

// top returns the indexes of the best k labels for query, best first, matching on every
// goroutine at once.
func (t *fzfTopper) top(query string, k int) []int {
	pattern := algo.NormalizeRunes([]rune(query))
	for i, r := range pattern {
		pattern[i] = unicode.ToLower(r)
	}
	workers := len(t.slabs)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits := t.scored[w][:0]
			for i := w; i < len(t.chars); i += workers {
				res, _ := algo.FuzzyMatchV2(false, true, true, &t.chars[i], pattern, false, t.slabs[w])
				if res.Start >= 0 {
					hits = append(hits, fzfHit{res.Score, t.lens[i], i})
				}
			}
			t.scored[w] = hits
		}()
	}
	wg.Wait()
	var all []fzfHit
	for _, s := range t.scored {
		all = append(all, s...)
	}
	slices.SortFunc(all, func(a, b fzfHit) int {
		return cmp.Or(b.score-a.score, a.length-b.length, a.index-b.index)
	})
	out := make([]int, 0, k)
	for _, h := range all[:min(k, len(all))] {
		out = append(out, h.index)
	}
	return out
}

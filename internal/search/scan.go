package search

import (
	"bytes"
	"container/heap"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// Below parallelMin candidates one goroutine scans them all; above, workers take chunks of
// chunkLen candidates in turn. Variables so that tests can push small corpora through workers.
var (
	parallelMin = 32 << 10
	chunkLen    = 8 << 10
)

// cand is a match: its score, its item's ID and its slot.
type cand struct {
	score int
	id    int32
	slot  int32
}

// better is the order of results: higher score first, then lower ID (fuzzy's stable sort keeps
// equal scores in slice order).
func better(a, b cand) bool {
	return a.score > b.score || a.score == b.score && a.id < b.id
}

// topK keeps the best k candidates seen: a heap whose root is the worst of them.
type topK []cand

func (h topK) Len() int           { return len(h) }
func (h topK) Less(i, j int) bool { return better(h[j], h[i]) }
func (h topK) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *topK) Push(x any)        { *h = append(*h, x.(cand)) }
func (h *topK) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

// offer keeps c if it is among the best k so far. Appending then fixing, rather than
// heap.Push, spares boxing c in an interface.
func (h *topK) offer(c cand, k int) {
	switch {
	case len(*h) < k:
		*h = append(*h, c)
		heap.Fix(h, len(*h)-1)
	case k > 0 && better(c, (*h)[0]):
		(*h)[0] = c
		heap.Fix(h, 0)
	}
}

// worker is one goroutine's share of a scan: its best k so far and prefilter scratch.
type worker struct {
	top topK
	f   []int
}

// scan prefilters and scores candidate slots [0, total) (cands[i], or slot i when cands is
// nil) into s.workers' heaps. When out is not nil (len ≥ total) it returns out holding, in
// slot order, every candidate that matched or was skipped unexamined (see scanChunk).
func (s *Session) scan(cands []int32, total, k int, out []int32) []int32 {
	workers, size := 1, total
	if total >= parallelMin {
		size = chunkLen
		workers = min(runtime.GOMAXPROCS(0), (total+size-1)/size)
	}
	chunks := 0
	if total > 0 {
		chunks = (total + size - 1) / size
	}
	s.workers = resize(s.workers, workers)
	for w := range s.workers {
		s.workers[w].top = s.workers[w].top[:0]
	}
	s.counts = resize(s.counts, chunks)
	s.floor.Store(math.MinInt64)

	var next atomic.Int64
	work := func(w int) {
		for c := int(next.Add(1) - 1); c < chunks; c = int(next.Add(1) - 1) {
			lo := c * size
			s.counts[c] = s.scanChunk(cands, lo, min(lo+size, total), k, &s.workers[w], out)
		}
	}
	if workers == 1 {
		work(0)
	} else {
		var wg sync.WaitGroup
		var failure atomic.Value
		for w := 1; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() {
					if r := recover(); r != nil {
						failure.CompareAndSwap(nil, fmt.Sprint(r))
					}
				}()
				work(w)
			}()
		}
		work(0)
		wg.Wait()
		if r := failure.Load(); r != nil {
			panic("search worker: " + r.(string)) // surface it where the caller can see it
		}
	}
	if out == nil {
		return nil
	}
	n := 0
	for c, count := range s.counts {
		n += copy(out[n:], out[c*size:c*size+count])
	}
	return out[:n]
}

// scanChunk handles candidates [lo, hi) and writes the ones to keep for the next keystroke to
// out[lo:], in order. Two shortcuts keep most candidates from being scored, neither changing
// the results, because the floor is a score the final top k will reach:
//   - a match whose bound (see bound) is below the floor is kept but not scored;
//   - in the sorted slots, once even the best score a label of this length could get (see
//     ceiling) is below the floor, so is every later one: they are kept unexamined, for the
//     next keystroke to examine if its floor allows.
func (s *Session) scanChunk(cands []int32, lo, hi, k int, w *worker, out []int32) int {
	ix, q := s.ix, &s.q
	arena, slots := ix.arena, ix.slots
	w.f = resize(w.f, len(q.runes))
	top := ceiling(len(q.runes))
	n := 0
	published := int64(math.MinInt64)
	for i := lo; i < hi; i++ {
		at := int32(i)
		if cands != nil {
			at = cands[i]
		}
		sl := &slots[at]
		if int(at) < ix.sorted && int64(top-int(sl.raw)) < s.floor.Load() {
			// Keep the rest of the sorted slots as they are, and go on with the tail.
			end := hi
			if cands == nil {
				end = min(hi, ix.sorted)
				for j := i; j < end && out != nil; j++ {
					if !slots[j].dead {
						out[lo+n] = int32(j)
						n++
					}
				}
			} else {
				end = i + sort.Search(hi-i, func(j int) bool { return int(cands[i+j]) >= ix.sorted })
				if out != nil {
					n += copy(out[lo+n:], cands[i:end])
				}
			}
			i = end - 1
			continue
		}
		if !matches(arena, sl, q, w.f) {
			continue
		}
		if out != nil {
			out[lo+n] = at
		}
		n++
		if int64(bound(arena, sl, q, w.f)) < s.floor.Load() {
			continue
		}
		score, ok := scoreSlot(arena, sl, q, w.f, nil)
		if !ok {
			continue
		}
		w.top.offer(cand{score, sl.id, at}, k)
		if len(w.top) == k && int64(w.top[0].score) > published {
			published = raise(&s.floor, int64(w.top[0].score))
		}
	}
	return n
}

// raise lifts floor to at least v and returns its new value.
func raise(floor *atomic.Int64, v int64) int64 {
	for {
		old := floor.Load()
		if v <= old || floor.CompareAndSwap(old, v) {
			return max(old, v)
		}
	}
}

// matches is fuzzy's match test for slot e: q's runes in order in its folded text. It leaves
// the positions found in f (len(q.runes)) for bound and scoreEntry.
func matches(arena []byte, e *slot, q *foldedQuery, f []int) bool {
	if e.dead || e.text == textASCII && !q.ascii {
		return false // a query rune folds to non-ASCII, which ASCII text cannot hold
	}
	return prefilter(e.folded(arena), q, f)
}

// scoreSlot scores a matching slot; rec, when not nil, receives the matched byte offsets.
func scoreSlot(arena []byte, e *slot, q *foldedQuery, f, rec []int) (score int, ok bool) {
	if e.text == textOther {
		return scoreRunes(e.rawText(arena), q.runes, rec)
	}
	return scoreAligned(e.rawText(arena), e.folded(arena), q, f, e.text == textASCII, rec), true
}

// prefilter finds q's runes in order in folded text, each at its first occurrence after the
// previous one's, and records where in f. Folded text is valid UTF-8, so finding a rune's
// bytes finds the rune.
func prefilter(folded []byte, q *foldedQuery, f []int) bool {
	pos := 0
	if q.ascii {
		for p, c := range q.bytes {
			i := bytes.IndexByte(folded[pos:], c)
			if i < 0 {
				return false
			}
			f[p] = pos + i
			pos += i + 1
		}
		return true
	}
	for p := range q.runes {
		needle := q.bytes[q.offs[p]:q.offs[p+1]]
		var i int
		if len(needle) == 1 {
			i = bytes.IndexByte(folded[pos:], needle[0])
		} else {
			i = bytes.Index(folded[pos:], needle)
		}
		if i < 0 {
			return false
		}
		f[p] = pos + i
		pos += i + len(needle)
	}
	return true
}

// resize returns s with length n, reusing its storage when it can.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return append(s[:cap(s)], make([]T, n-cap(s))...)
	}
	return s[:n]
}

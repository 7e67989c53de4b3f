package search

import (
	"bytes"
	"container/heap"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Below parallelMin candidates one goroutine scans them all; above, workers take chunks of
// chunkLen candidates in turn. Variables so that tests can push small corpora through workers.
var (
	parallelMin = 32 << 10
	chunkLen    = 8 << 10
)

// cand is a match: its score and its item's ID.
type cand struct {
	score int
	id    int32
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

// scan prefilters and scores candidates [0, total) (cands[i], or item i when cands is nil)
// into s.heaps, one heap per worker. When out is not nil (len ≥ total) it returns out holding
// the IDs of every match in ascending order.
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
	s.heaps = resize(s.heaps, workers)
	for w := range s.heaps {
		s.heaps[w] = s.heaps[w][:0]
	}
	s.counts = resize(s.counts, chunks)

	var next atomic.Int64
	work := func(w int) {
		for c := int(next.Add(1) - 1); c < chunks; c = int(next.Add(1) - 1) {
			lo := c * size
			s.counts[c] = s.scanChunk(cands, lo, min(lo+size, total), k, &s.heaps[w], out)
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

// scanChunk handles candidates [lo, hi); the IDs of its matches go to out[lo:] in order.
func (s *Session) scanChunk(cands []int32, lo, hi, k int, h *topK, out []int32) int {
	ix, q := s.ix, &s.q
	arena, entries := ix.arena, ix.entries
	n := 0
	for i := lo; i < hi; i++ {
		id := int32(i)
		if cands != nil {
			id = cands[i]
		}
		e := &entries[id]
		if e.dead {
			continue
		}
		low := e.folded(arena)
		var score int
		var ok bool
		switch {
		case q.ascii:
			from := prefilterASCII(low, q.bytes)
			if from < 0 {
				continue
			}
			if e.ascii {
				score, ok = scoreASCII(e.rawText(arena), low, q.bytes, from, nil)
			} else {
				score, ok = scoreRunes(e.rawText(arena), q.runes, nil)
			}
		case e.ascii:
			continue // the query folds to a non-ASCII rune, which ASCII text cannot hold
		default:
			if !prefilterRunes(low, q) {
				continue
			}
			score, ok = scoreRunes(e.rawText(arena), q.runes, nil)
		}
		if !ok {
			continue
		}
		if out != nil {
			out[lo+n] = id
		}
		n++
		h.offer(cand{score, id}, k)
	}
	return n
}

// prefilterASCII finds the one-byte runes of pat in order in folded text and returns where the
// first one is, or -1 when they are not all there.
func prefilterASCII(folded, pat []byte) int {
	first := bytes.IndexByte(folded, pat[0])
	if first < 0 {
		return -1
	}
	pos := first + 1
	for _, c := range pat[1:] {
		i := bytes.IndexByte(folded[pos:], c)
		if i < 0 {
			return -1
		}
		pos += i + 1
	}
	return first
}

// prefilterRunes reports whether q's runes occur in order in folded text. Folded text is valid
// UTF-8, so finding a rune's bytes finds the rune.
func prefilterRunes(folded []byte, q *foldedQuery) bool {
	pos := 0
	for i := range q.runes {
		needle := q.bytes[q.offs[i]:q.offs[i+1]]
		var at int
		if len(needle) == 1 {
			at = bytes.IndexByte(folded[pos:], needle[0])
		} else {
			at = bytes.Index(folded[pos:], needle)
		}
		if at < 0 {
			return false
		}
		pos += at + len(needle)
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

package search

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Session answers the successive queries of one search box, keystroke by keystroke.
//
// Each search goes over candidate slots in slot order (shortest labels first, see Index):
//  1. prefilter: every folded query rune must occur in the slot's folded text, in order, found
//     with bytes.IndexByte (bytes.Index for a non-ASCII rune). This is exactly fuzzy's match
//     condition (see score.go), so it drops no match;
//  2. score the matches with fuzzy's scorer rewritten (score.go), unless a bound computed from
//     the prefilter's positions shows the match cannot reach the floor, the worst score in a
//     full top k found so far;
//  3. keep the best k in a heap ordered by score, then by ID (lower first on equal scores, the
//     tie-break fuzzy's stable sort gives), so nothing is sorted but the k winners.
//
// Once the floor is above what any label as long as the next sorted one could score, the rest
// of the sorted slots are set aside unexamined (the unsorted tail is still scanned): a one- or
// two-letter query that matches nearly everything is answered from the shortest labels.
//
// The candidates are every slot, unless an earlier query of the session is a subsequence of
// the new one ("har" of "harb", or of "hrb"): every label matching the new query matched that
// one too, so only what that query kept (its matches and what it set aside) is scanned. The
// session keeps a stack of such queries, so typing narrows and backspace returns to candidates
// already found. Large candidate sets are split in chunks that runtime.GOMAXPROCS(0)
// goroutines take in turn, each with its own heap, sharing the floor; the heaps merge under
// one total order, so the results never depend on timing. Buffers are kept across keystrokes;
// a search allocates little beyond the hits it returns.
//
// A Session is safe for concurrent use (searches run one at a time); any edit of the Index
// empties its stack.
type Session struct {
	ix      *Index
	mu      sync.Mutex
	version uint64
	levels  []level
	spare   [][]int32 // level buffers to reuse
	q       foldedQuery
	workers []worker
	floor   atomic.Int64 // the lowest score the top k can still need, shared by workers
	counts  []int
	rec     []int // prefilter scratch for the winners
	winners []cand
}

// level is an earlier query of the session with the slots it kept, ascending: every slot it
// matched, and maybe some it set aside unexamined.
type level struct {
	q   []rune
	ids []int32
}

// maxLevels bounds the session's stack (the oldest level goes first); maxSpare the level
// buffers it keeps for reuse.
const (
	maxLevels = 32
	maxSpare  = 8
)

// NewSession starts a search session over ix.
func (ix *Index) NewSession() *Session {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return &Session{ix: ix, version: ix.version}
}

// Search returns the best k matches of query, as fuzzy.Find would rank them (see Index), with
// matched rune positions for highlighting; k <= 0 returns every match. It keeps no candidates,
// so a search box should use a Session instead.
func (ix *Index) Search(query string, k int) []Hit {
	s := &Session{ix: ix}
	return s.search(query, k, false)
}

// Search returns the best k matches of query (every match if k <= 0), narrowing from the
// session's earlier queries when it can. The hits are the caller's to keep.
func (s *Session) Search(query string, k int) []Hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.search(query, k, true)
}

func (s *Session) search(query string, k int, keep bool) []Hit {
	// fuzzy matches nothing for an empty pattern, and nothing for one holding a NUL (texts are
	// cut at their first NUL, and a NUL pattern rune would have to match one).
	if query == "" || strings.IndexByte(query, 0) >= 0 {
		return nil
	}
	ix := s.ix
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if s.version != ix.version {
		for len(s.levels) > 0 {
			s.pop()
		}
		s.version = ix.version
	}
	s.q.set(query)
	for len(s.levels) > 0 && !isSubsequence(s.levels[len(s.levels)-1].q, s.q.runes) {
		s.pop()
	}
	var cands []int32 // nil: every item
	total := len(ix.slots)
	same := false
	if n := len(s.levels); n > 0 {
		top := s.levels[n-1]
		cands, total = top.ids, len(top.ids)
		same = slices.Equal(top.q, s.q.runes)
	}
	if k <= 0 || k > total {
		k = total
	}
	var out []int32
	if keep && !same {
		out = s.buffer(total)
	}
	if out = s.scan(cands, total, k, out); out != nil {
		s.push(slices.Clone(s.q.runes), out)
	}
	return s.hits(k)
}

// buffer returns a level buffer of length n: the smallest spare big enough, or a new one.
func (s *Session) buffer(n int) []int32 {
	best := -1
	for i, b := range s.spare {
		if cap(b) >= n && (best < 0 || cap(b) < cap(s.spare[best])) {
			best = i
		}
	}
	if best < 0 {
		return make([]int32, n)
	}
	b := s.spare[best]
	s.spare = slices.Delete(s.spare, best, best+1)
	return b[:n]
}

func (s *Session) push(q []rune, ids []int32) {
	if len(s.levels) == maxLevels {
		s.recycle(s.levels[0].ids)
		s.levels = slices.Delete(s.levels, 0, 1)
	}
	s.levels = append(s.levels, level{q: q, ids: ids})
}

func (s *Session) pop() {
	n := len(s.levels) - 1
	s.recycle(s.levels[n].ids)
	s.levels[n] = level{}
	s.levels = s.levels[:n]
}

// recycle keeps a level's buffer for later keystrokes, the largest few of them.
func (s *Session) recycle(ids []int32) {
	if len(s.spare) < maxSpare {
		s.spare = append(s.spare, ids[:0])
		return
	}
	least := 0
	for i, b := range s.spare {
		if cap(b) < cap(s.spare[least]) {
			least = i
		}
	}
	if cap(ids) > cap(s.spare[least]) {
		s.spare[least] = ids[:0]
	}
}

// hits merges the workers' heaps, orders the winners and scores them again to record where
// they matched. It runs under the index's read lock.
func (s *Session) hits(k int) []Hit {
	w := s.winners[:0]
	for _, wk := range s.workers {
		w = append(w, wk.top...)
	}
	slices.SortFunc(w, func(a, b cand) int {
		if better(a, b) {
			return -1
		}
		return 1
	})
	w = w[:min(k, len(w))]
	s.winners = w
	if len(w) == 0 {
		return nil
	}
	ix, n := s.ix, len(s.q.runes)
	out := make([]Hit, len(w))
	matched := make([]int, len(w)*n) // one backing array for every hit's positions
	s.rec = resize(s.rec, n)
	f := s.rec
	for i, c := range w {
		e := &ix.slots[c.slot]
		rec := matched[i*n : (i+1)*n : (i+1)*n]
		matches(ix.arena, e, &s.q, f)
		scoreSlot(ix.arena, e, &s.q, f, rec)
		if e.text != textASCII {
			runePositions(string(e.rawText(ix.arena)), rec)
		}
		out[i] = Hit{Item: ix.item(c.id), Matched: rec, Score: c.score, ID: ID(c.id)}
	}
	return out
}

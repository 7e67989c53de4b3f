package search

import (
	"slices"
	"strings"
	"unsafe"
)

// Ranked returns each kind's best perKind matches of query, best first, ranked the way a
// reader judges names (see labelTier): closer tiers first (the whole name, its start, a word's
// start, its initials, inside a word, letters apart), a match ending with a word first, then by
// fuzzy's score, then by ID. Kinds come in the order of their best match. Every item is
// examined, so it suits an index of names (competitors, features, plans, tags), where a short
// query's best match by tier may score low with fuzzy; Session is the fast path over many
// labels.
func (ix *Index) Ranked(query string, perKind int) []Hit {
	if strings.TrimSpace(query) == "" || strings.IndexByte(query, 0) >= 0 || perKind <= 0 {
		return nil
	}
	var q foldedQuery
	q.set(query)
	folded := foldString(strings.TrimSpace(query))
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	f := make([]int, len(q.runes))
	best := map[string][]rankedSlot{}
	var kinds []string
	for at := range ix.slots {
		sl := &ix.slots[at]
		if !matches(ix.arena, sl, &q, f) {
			continue
		}
		score, ok := scoreSlot(ix.arena, sl, &q, f, nil)
		if !ok {
			continue
		}
		r := rankedSlot{score: score, id: sl.id, slot: int32(at)}
		r.tier, r.whole, r.at = matchTier(arenaString(sl.rawText(ix.arena)), arenaString(sl.folded(ix.arena)), folded, true)
		kind := ix.kindOf(sl.id)
		if _, ok := best[kind]; !ok {
			kinds = append(kinds, kind)
		}
		best[kind] = keepBest(best[kind], r, perKind)
	}
	slices.SortStableFunc(kinds, func(a, b string) int { return best[a][0].compare(best[b][0]) })
	var out []Hit
	for _, kind := range kinds {
		for _, r := range best[kind] {
			sl := &ix.slots[r.slot]
			rec := tierPositions(arenaString(sl.rawText(ix.arena)), arenaString(sl.folded(ix.arena)), folded, r.tier, r.at)
			if rec == nil { // letters apart: where fuzzy matched them
				rec = make([]int, len(q.runes))
				matches(ix.arena, sl, &q, f)
				scoreSlot(ix.arena, sl, &q, f, rec)
				if sl.text != textASCII {
					runePositions(string(sl.rawText(ix.arena)), rec)
				}
			}
			out = append(out, Hit{Item: ix.item(r.id), Matched: rec, Score: r.score, ID: ID(r.id)})
		}
	}
	return out
}

// rankedSlot is a match as Ranked orders them.
type rankedSlot struct {
	tier  Tier
	whole bool
	at    int // where it matched as typed, in folded bytes, or -1
	score int
	id    int32
	slot  int32
}

// compare orders matches best first: closer tier, ending with a word, higher score, lower ID.
func (a rankedSlot) compare(b rankedSlot) int {
	switch {
	case a.tier != b.tier:
		return int(a.tier) - int(b.tier)
	case a.whole != b.whole:
		return boolRank(b.whole) - boolRank(a.whole)
	case a.score != b.score:
		return b.score - a.score
	}
	return int(a.id) - int(b.id)
}

// keepBest inserts r into best (ordered, at most k long) if it is among the best k.
func keepBest(best []rankedSlot, r rankedSlot, k int) []rankedSlot {
	i, _ := slices.BinarySearchFunc(best, r, rankedSlot.compare)
	if i >= k {
		return best
	}
	best = slices.Insert(best, i, r)
	return best[:min(len(best), k)]
}

// arenaString views arena bytes as a string without copying; the arena is not written while
// the index's read lock is held.
func arenaString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

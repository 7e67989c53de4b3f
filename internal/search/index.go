package search

import (
	"slices"
	"sync"
)

// ID is an item's handle in an Index: NewIndex numbers its items 0, 1, 2… in order and Add
// hands out the next number. An ID stays valid until its item is removed, and IDs are never
// reused, so ID order is insertion order.
type ID int32

// Index holds many short labels ready to be fuzzy-matched as sahilm/fuzzy would match them,
// only much faster.
//
// Searching (see Session) gives exactly fuzzy.Find(query, labels) truncated to k, where labels
// are the live items' labels in ID order and both the query and the labels are spelt without
// accents (see accents.go): best score first and, among equal scores, the lower ID first —
// what fuzzy's stable sort gives for the same slice.
//
// Each label is stored once in an arena, without accents (up to its first NUL, where fuzzy
// stops) and folded (see fold.go), and scanned in slot order: first every item as of the last layout,
// shortest label first (fuzzy takes a point off per byte, so long labels can often be skipped
// once short ones fill the top k), then a tail of items added or replaced since.
//
// An Index is safe for concurrent use: searches share a read lock, edits take the write lock.
// Add and Update cost O(len(label)) and Remove O(1), plus, once the tail or the slots of
// removed and replaced items outgrow a sixteenth and a quarter of the index, a new layout:
// O(total text), about 75 ms for 200,000 labels on 2 cores, amortized over those edits; it
// runs inside the edit that triggers it, and searches wait for it.
// Every edit makes the next keystroke of each Session scan from scratch.
type Index struct {
	mu      sync.RWMutex
	items   []Item  // by ID; zero once removed
	where   []int32 // by ID: its slot, or -1 once removed
	slots   []slot  // slots[:sorted] by (label length, ID), then the tail
	sorted  int
	arena   []byte
	live    int
	dead    int // slots of removed or replaced items
	version uint64
}

// slot locates one item's text in the arena.
type slot struct {
	id   int32
	off  uint32 // raw text at off, folded text right after
	raw  uint32 // raw length in bytes
	fold uint32 // folded length in bytes
	text textKind
	dead bool
}

// textKind says how a text can be scored.
type textKind uint8

const (
	textASCII   textKind = iota // folded is the lower case of raw
	textAligned                 // raw and folded share their byte offsets (é, ß, Σ, 漢…)
	textOther                   // offsets differ: scored by walking raw rune by rune
)

func (s *slot) rawText(arena []byte) []byte { return arena[s.off : s.off+s.raw] }
func (s *slot) folded(arena []byte) []byte {
	return arena[s.off+s.raw : s.off+s.raw+s.fold]
}

// NewIndex indexes items; item i gets ID i. Building costs one pass over the labels.
func NewIndex(items []Item) *Index { return IndexOf(slices.Clone(items)) }

// IndexOf is NewIndex for items the index may keep as they are: the caller hands the slice
// over and does not use it again, which spares a copy of it (tens of MB for the labels of a
// large catalog, at the moment memory peaks).
func IndexOf(items []Item) *Index {
	ix := &Index{items: items, where: make([]int32, len(items)), live: len(items)}
	ids := make([]int32, len(items))
	lengths := make([]int, len(items))
	size := 0
	for i, it := range items {
		ids[i] = int32(i)
		lengths[i] = unaccentedLen(matchable(it.Label))
		size += 2 * lengths[i]
	}
	ids = byLength(ids, func(id int32) int { return lengths[id] })
	ix.slots = make([]slot, 0, len(items))
	ix.arena = make([]byte, 0, size)
	for _, id := range ids {
		ix.where[id] = int32(len(ix.slots))
		ix.slots = append(ix.slots, ix.store(id, items[id].Label))
	}
	ix.sorted = len(ix.slots)
	return ix
}

// store appends a label's raw and folded text to the arena.
func (ix *Index) store(id int32, label string) slot {
	s := slot{id: id, off: uint32(len(ix.arena))}
	ix.arena = appendUnaccented(ix.arena, matchable(label))
	raw := arenaString(ix.arena[s.off:]) // read only, while the fold is appended after it
	s.raw = uint32(len(raw))
	ascii := isASCII(raw)
	var aligned bool
	ix.arena, aligned = appendFolded(ix.arena, raw, ascii)
	s.fold = uint32(len(ix.arena)) - s.off - s.raw
	switch {
	case ascii:
		s.text = textASCII
	case aligned:
		s.text = textAligned
	default:
		s.text = textOther
	}
	return s
}

// byLength orders ids by length, keeping the given order among equal lengths: a counting sort.
func byLength(ids []int32, length func(int32) int) []int32 {
	longest := 0
	for _, id := range ids {
		longest = max(longest, length(id))
	}
	if longest > 1<<16 {
		slices.SortStableFunc(ids, func(a, b int32) int { return length(a) - length(b) })
		return ids
	}
	starts := make([]int, longest+2)
	for _, id := range ids {
		starts[length(id)+1]++
	}
	for l := 1; l < len(starts); l++ {
		starts[l] += starts[l-1]
	}
	out := make([]int32, len(ids))
	for _, id := range ids {
		l := length(id)
		out[starts[l]] = id
		starts[l]++
	}
	return out
}

// relayout sorts every live item again, copying its text into a new arena without garbage.
func (ix *Index) relayout() {
	ids := make([]int32, 0, ix.live)
	size := 0
	for id, at := range ix.where {
		if at >= 0 {
			ids = append(ids, int32(id))
			size += ix.slots[at].size()
		}
	}
	ids = byLength(ids, func(id int32) int { return int(ix.slots[ix.where[id]].raw) })
	slots := make([]slot, 0, len(ids))
	arena := make([]byte, 0, size)
	for _, id := range ids {
		s := ix.slots[ix.where[id]]
		n := s.size()
		arena = append(arena, ix.arena[s.off:s.off+uint32(n)]...)
		s.off = uint32(len(arena) - n)
		ix.where[id] = int32(len(slots))
		slots = append(slots, s)
	}
	ix.slots, ix.arena, ix.sorted, ix.dead = slots, arena, len(slots), 0
}

func (s *slot) size() int { return int(s.raw + s.fold) }

// edited records an edit and lays the index out again once the tail or the dead slots grow.
func (ix *Index) edited() {
	ix.version++
	if tail := len(ix.slots) - ix.sorted; tail > max(512, ix.live/16) || ix.dead > max(512, len(ix.slots)/4) {
		ix.relayout()
	}
}

// Len is the number of live items.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Add indexes one more item and returns its ID.
func (ix *Index) Add(it Item) ID {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	id := int32(len(ix.items))
	ix.items = append(ix.items, it)
	ix.where = append(ix.where, int32(len(ix.slots)))
	ix.slots = append(ix.slots, ix.store(id, it.Label))
	ix.live++
	ix.edited()
	return ID(id)
}

// Update replaces the item with the given ID, keeping its place in the tie-break order. It
// reports false when there is no such live item.
func (ix *Index) Update(id ID, it Item) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !ix.has(id) {
		return false
	}
	ix.slots[ix.where[id]].dead = true
	ix.dead++
	ix.items[id] = it
	ix.where[id] = int32(len(ix.slots))
	ix.slots = append(ix.slots, ix.store(int32(id), it.Label))
	ix.edited()
	return true
}

// Remove drops the item with the given ID; it reports false when there is no such live item.
func (ix *Index) Remove(id ID) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !ix.has(id) {
		return false
	}
	ix.drop(id)
	ix.edited()
	return true
}

// RemoveFunc drops every live item for which del returns true (all of a deleted competitor's
// notes, say) and returns how many it dropped. It costs one pass over the items.
func (ix *Index) RemoveFunc(del func(Item) bool) int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	n := 0
	for id, at := range ix.where {
		if at >= 0 && del(ix.items[id]) {
			ix.drop(ID(id))
			n++
		}
	}
	if n > 0 {
		ix.edited()
	}
	return n
}

func (ix *Index) drop(id ID) {
	ix.slots[ix.where[id]].dead = true
	ix.dead++
	ix.where[id] = -1
	ix.items[id] = Item{}
	ix.live--
}

// Item returns the live item with the given ID.
func (ix *Index) Item(id ID) (Item, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !ix.has(id) {
		return Item{}, false
	}
	return ix.items[id], true
}

// Items returns the live items in ID order: the order that breaks ties between equal scores.
func (ix *Index) Items() []Item {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]Item, 0, ix.live)
	for id, at := range ix.where {
		if at >= 0 {
			out = append(out, ix.items[id])
		}
	}
	return out
}

func (ix *Index) has(id ID) bool {
	return id >= 0 && int(id) < len(ix.where) && ix.where[id] >= 0
}

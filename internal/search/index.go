package search

import (
	"slices"
	"strings"
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
// once short ones fill the top k), then a tail of items added or replaced since. Items are
// not kept as given: Item and the hits rebuild each from what the index holds (see items).
//
// An Index is safe for concurrent use: searches share a read lock, edits take the write lock.
// Add and Update cost O(len(label)) and Remove O(1), plus, once the tail or the slots of
// removed and replaced items outgrow a sixteenth and a quarter of the index, a new layout:
// O(total text), about 75 ms for 200,000 labels on 2 cores, amortized over those edits; it
// runs inside the edit that triggers it, and searches wait for it.
// Every edit makes the next keystroke of each Session scan from scratch.
type Index struct {
	mu sync.RWMutex
	// items holds each item by ID (zero once removed) in 16 bytes: its kind and key as numbers
	// in kinds and keys, its label as the raw text of its slot, or in labels when that text is
	// not the label itself (accents taken off, cut at a NUL). A large catalog's labels are
	// then held once, in the arena, not also as 800,000 strings.
	items   []record
	kinds   strTable
	keys    strTable
	labels  map[int32]string
	where   []int32 // by ID: its slot, or -1 once removed
	slots   []slot  // slots[:sorted] by (label length, ID), then the tail
	sorted  int
	arena   []byte
	live    int
	dead    int // slots of removed or replaced items
	version uint64
}

// record is an item as the index keeps it (see Index.items).
type record struct {
	ref       int
	kind, key uint32
}

// strTable numbers distinct strings (an item's kind, its key).
type strTable struct {
	byNum []string
	num   map[string]uint32
}

func (t *strTable) number(s string) uint32 {
	if n, ok := t.num[s]; ok {
		return n
	}
	if t.num == nil {
		t.num = map[string]uint32{}
	}
	n := uint32(len(t.byNum))
	t.byNum = append(t.byNum, s)
	t.num[s] = n
	return n
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

// NewIndex indexes items; item i gets ID i. Building costs one pass over the labels; the
// index keeps no reference to items.
func NewIndex(items []Item) *Index {
	b := NewBuilder(len(items))
	for _, it := range items {
		b.Add(it)
	}
	return b.Index()
}

// Builder gathers items one at a time for an Index, holding each only as what the index
// keeps of it (a record) and its label's bytes back to back: items read from the database
// one by one cost their text, not also a string and an Item each until the index is built.
type Builder struct {
	items       []record
	kinds, keys strTable
	// chunks hold the labels back to back; a chunk is never grown (nothing is copied as the
	// text grows) and a label never split. first[c] is the ID of the first label in chunks[c];
	// item i's label starts at offs[i] in its chunk.
	chunks [][]byte
	first  []int32
	offs   []uint32
}

// builderChunk is the size of a Builder's text chunks (a longer label gets one of its own).
const builderChunk = 1 << 20

// NewBuilder starts an index of about n items.
func NewBuilder(n int) *Builder {
	return &Builder{items: make([]record, 0, n), offs: make([]uint32, 0, n)}
}

// Add gathers the next item; the first gets ID 0.
func (b *Builder) Add(it Item) {
	id := int32(len(b.items))
	b.items = append(b.items, record{ref: it.Ref, kind: b.kinds.number(it.Kind), key: b.keys.number(it.Key)})
	last := len(b.chunks) - 1
	if last < 0 || len(b.chunks[last])+len(it.Label) > cap(b.chunks[last]) {
		b.chunks = append(b.chunks, make([]byte, 0, max(builderChunk, len(it.Label))))
		b.first = append(b.first, id)
		last++
	}
	b.offs = append(b.offs, uint32(len(b.chunks[last])))
	b.chunks[last] = append(b.chunks[last], it.Label...)
}

// Len is the number of items gathered so far.
func (b *Builder) Len() int { return len(b.items) }

// label is item id's label: a view of the Builder's text, valid until Index returns.
func (b *Builder) label(id int32) string {
	c, found := slices.BinarySearch(b.first, id)
	if !found {
		c--
	}
	chunk := b.chunks[c]
	end := uint32(len(chunk))
	if next := id + 1; int(next) < len(b.items) && (c+1 == len(b.first) || b.first[c+1] != next) {
		end = b.offs[next]
	}
	return arenaString(chunk[b.offs[id]:end])
}

// Index builds the index of the gathered items. The Builder is empty afterwards.
func (b *Builder) Index() *Index {
	n := len(b.items)
	ix := &Index{items: b.items, kinds: b.kinds, keys: b.keys, where: make([]int32, n), live: n, labels: map[int32]string{}}
	label := b.label // storeLabel copies what it keeps of a label
	ids := make([]int32, n)
	lengths := make([]int, n)
	size := 0
	for i := range n {
		ids[i] = int32(i)
		lengths[i] = unaccentedLen(matchable(label(int32(i))))
		size += 2 * lengths[i]
	}
	ids = byLength(ids, func(id int32) int { return lengths[id] })
	ix.slots = make([]slot, 0, n)
	ix.arena = make([]byte, 0, size)
	for _, id := range ids {
		ix.where[id] = int32(len(ix.slots))
		ix.slots = append(ix.slots, ix.storeLabel(id, label(id)))
	}
	ix.sorted = len(ix.slots)
	*b = Builder{}
	return ix
}

// keep records item id and stores its text, returning its slot.
func (ix *Index) keep(id int32, it Item) slot {
	ix.items[id] = record{ref: it.Ref, kind: ix.kinds.number(it.Kind), key: ix.keys.number(it.Key)}
	return ix.storeLabel(id, it.Label)
}

// storeLabel stores item id's text and keeps a copy of its label apart when that text is not
// the label itself.
func (ix *Index) storeLabel(id int32, label string) slot {
	s := ix.store(id, label)
	if arenaString(s.rawText(ix.arena)) != label {
		ix.labels[id] = strings.Clone(label)
	} else {
		delete(ix.labels, id)
	}
	return s
}

// item rebuilds the live item id.
func (ix *Index) item(id int32) Item {
	r := ix.items[id]
	label, own := ix.labels[id]
	if !own {
		label = string(ix.slots[ix.where[id]].rawText(ix.arena))
	}
	return Item{Kind: ix.kinds.byNum[r.kind], Key: ix.keys.byNum[r.key], Label: label, Ref: r.ref}
}

// kindOf is the kind of item id.
func (ix *Index) kindOf(id int32) string { return ix.kinds.byNum[ix.items[id].kind] }

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
	ix.items = append(ix.items, record{})
	ix.where = append(ix.where, int32(len(ix.slots)))
	ix.slots = append(ix.slots, ix.keep(id, it))
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
	ix.where[id] = int32(len(ix.slots))
	ix.slots = append(ix.slots, ix.keep(int32(id), it))
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

// RemoveFunc drops every live item for which del, given the item's kind, key and ref,
// returns true (all of a deleted competitor's notes, say), and returns how many it dropped.
// It costs one pass over the items and copies no label.
func (ix *Index) RemoveFunc(del func(kind, key string, ref int) bool) int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	n := 0
	for id, at := range ix.where {
		if at < 0 {
			continue
		}
		if r := ix.items[id]; del(ix.kinds.byNum[r.kind], ix.keys.byNum[r.key], r.ref) {
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
	ix.items[id] = record{}
	delete(ix.labels, int32(id))
	ix.live--
}

// Item returns the live item with the given ID.
func (ix *Index) Item(id ID) (Item, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if !ix.has(id) {
		return Item{}, false
	}
	return ix.item(int32(id)), true
}

// Items returns the live items in ID order: the order that breaks ties between equal scores.
func (ix *Index) Items() []Item {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]Item, 0, ix.live)
	for id, at := range ix.where {
		if at >= 0 {
			out = append(out, ix.item(int32(id)))
		}
	}
	return out
}

func (ix *Index) has(id ID) bool {
	return id >= 0 && int(id) < len(ix.where) && ix.where[id] >= 0
}

package search

import "sync"

// ID is an item's handle in an Index: NewIndex numbers its items 0, 1, 2… in order and Add
// hands out the next number. An ID stays valid until its item is removed, and IDs are never
// reused, so ID order is insertion order.
type ID int32

// Index holds many short labels ready to be fuzzy-matched as sahilm/fuzzy would match them,
// only much faster: each label is stored once, with a folded copy (see fold.go) that byte-level
// scans can reject non-matches against, in one contiguous arena.
//
// Searching (see Session) gives exactly fuzzy.Find(query, labels) truncated to k, where labels
// are the live items' labels in ID order: best score first and, among equal scores, the lower
// ID first — what fuzzy's stable sort gives for the same slice.
//
// An Index is safe for concurrent use: searches share a read lock, edits take the write lock.
// Edits cost O(len(label)) each (Remove O(1)); replaced and removed labels leave garbage in the
// arena that is compacted, O(arena), once it outweighs the live text. Every edit makes the next
// keystroke of each Session rescan from scratch.
type Index struct {
	mu      sync.RWMutex
	items   []Item  // by ID
	entries []entry // by ID
	arena   []byte  // raw then folded text of every entry
	live    int
	garbage int // arena bytes no entry points to any more
	version uint64
}

// entry locates one item's text in the arena.
type entry struct {
	off  uint32 // raw text (up to the label's first NUL) at off, folded text right after
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

func (e *entry) rawText(arena []byte) []byte { return arena[e.off : e.off+e.raw] }
func (e *entry) folded(arena []byte) []byte {
	return arena[e.off+e.raw : e.off+e.raw+e.fold]
}

// NewIndex indexes items; item i gets ID i. Building costs one pass over the labels.
func NewIndex(items []Item) *Index {
	size := 0
	for _, it := range items {
		size += 2 * len(it.Label)
	}
	ix := &Index{
		items:   make([]Item, 0, len(items)),
		entries: make([]entry, 0, len(items)),
		arena:   make([]byte, 0, size),
	}
	for _, it := range items {
		ix.add(it)
	}
	return ix
}

// add appends an item; the caller holds the write lock.
func (ix *Index) add(it Item) ID {
	id := ID(len(ix.items))
	ix.items = append(ix.items, it)
	ix.entries = append(ix.entries, ix.store(it.Label))
	ix.live++
	ix.version++
	return id
}

// store appends a label's raw and folded text to the arena.
func (ix *Index) store(label string) entry {
	raw := matchable(label)
	e := entry{off: uint32(len(ix.arena)), raw: uint32(len(raw))}
	ascii := isASCII(raw)
	ix.arena = append(ix.arena, raw...)
	var aligned bool
	ix.arena, aligned = appendFolded(ix.arena, raw, ascii)
	e.fold = uint32(len(ix.arena)) - e.off - e.raw
	switch {
	case ascii:
		e.text = textASCII
	case aligned:
		e.text = textAligned
	default:
		e.text = textOther
	}
	return e
}

// Len is the number of live items.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Add indexes one more item after all the others and returns its ID.
func (ix *Index) Add(it Item) ID {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.add(it)
}

// Update replaces the item with the given ID, keeping its place in the tie-break order. It
// reports false when there is no such live item.
func (ix *Index) Update(id ID, it Item) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !ix.has(id) {
		return false
	}
	ix.garbage += ix.entries[id].size()
	ix.items[id] = it
	ix.entries[id] = ix.store(it.Label)
	ix.version++
	ix.maybeCompact()
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
	ix.maybeCompact()
	return true
}

// RemoveFunc drops every live item for which del returns true (all of a deleted competitor's
// notes, say) and returns how many it dropped. It costs one pass over the items.
func (ix *Index) RemoveFunc(del func(Item) bool) int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	n := 0
	for id := range ix.items {
		if !ix.entries[id].dead && del(ix.items[id]) {
			ix.drop(ID(id))
			n++
		}
	}
	if n > 0 {
		ix.maybeCompact()
	}
	return n
}

func (ix *Index) drop(id ID) {
	ix.garbage += ix.entries[id].size()
	ix.entries[id] = entry{dead: true}
	ix.items[id] = Item{}
	ix.live--
	ix.version++
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
	for id, it := range ix.items {
		if !ix.entries[id].dead {
			out = append(out, it)
		}
	}
	return out
}

func (ix *Index) has(id ID) bool {
	return id >= 0 && int(id) < len(ix.entries) && !ix.entries[id].dead
}

func (e *entry) size() int { return int(e.raw + e.fold) }

// maybeCompact rewrites the arena without garbage once garbage is most of it.
func (ix *Index) maybeCompact() {
	if ix.garbage < 1<<16 || ix.garbage < len(ix.arena)/2 {
		return
	}
	arena := make([]byte, 0, len(ix.arena)-ix.garbage)
	for i := range ix.entries {
		e := &ix.entries[i]
		if e.dead {
			continue
		}
		off := uint32(len(arena))
		arena = append(arena, ix.arena[e.off:e.off+e.raw+e.fold]...)
		e.off = off
	}
	ix.arena, ix.garbage = arena, 0
}

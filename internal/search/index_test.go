package search

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/sahilm/fuzzy"
)

func TestIndexSearch(t *testing.T) {
	ix := NewIndex([]Item{
		{Kind: "competitor", Key: "harborline", Label: "Harborline"},
		{Kind: "feature", Key: "sla", Label: "SLA policies"},
		{Kind: "competitor", Key: "loopdesk", Label: "Loopdesk"},
		{Kind: "note", Key: "harborline", Label: "Café Société: Harborline lost", Ref: 7},
	})
	hits := ix.Search("hbl", 10)
	if len(hits) != 2 || hits[0].Item.Key != "harborline" || !reflect.DeepEqual(hits[0].Matched, []int{0, 3, 6}) {
		t.Fatalf("Search(hbl) = %+v", hits)
	}
	// Positions are runes, not bytes (é takes two); the l after a space scores best.
	if h := hits[1]; h.ID != 3 || h.Item.Ref != 7 || !reflect.DeepEqual(h.Matched, []int{14, 17, 25}) {
		t.Errorf("second hit = %+v", h)
	}
	if hits := ix.Search("o", 1); len(hits) != 1 {
		t.Errorf("k not applied: %d hits", len(hits))
	}
	if hits := ix.Search("o", 0); len(hits) != 4 {
		t.Errorf("k = 0 should return every match, got %d", len(hits))
	}
	for _, q := range []string{"", "h\x00", "zzz"} {
		if hits := ix.Search(q, 10); hits != nil {
			t.Errorf("Search(%q) = %v", q, hits)
		}
	}
}

// fuzzy folds with unicode.SimpleFold, not unicode.ToLower: check the index folds alike, once
// accents are dropped from query and labels alike.
func TestFoldingLikeFuzzy(t *testing.T) {
	ix := NewIndex([]Item{
		{Label: "İstanbul"}, {Label: "istanbul"}, {Label: "Straße"}, {Label: "STRAẞE"},
		{Label: "\u212Aelvin"}, {Label: "\u017Fite"}, {Label: "ΣΊΣΥΦΟΣ"}, {Label: "nul\x00after"},
		{Label: "bad\xffbyte"}, {Label: "漢字かな"},
	})
	labelsOf := func(hits []Hit) []string {
		var out []string
		for _, h := range hits {
			out = append(out, h.Item.Label)
		}
		return out
	}
	tests := map[string][]string{
		"i":       {"istanbul", "İstanbul", "\u017Fite", "\u212Aelvin"}, // İ is an I with a dot accent
		"İ":       {"istanbul", "İstanbul", "\u017Fite", "\u212Aelvin"},
		"ß":       {"Straße", "STRAẞE"},
		"k":       {"\u212Aelvin"},
		"S":       {"\u017Fite", "Straße", "STRAẞE", "istanbul", "İstanbul"},
		"σίσ":     {"ΣΊΣΥΦΟΣ"},
		"after":   nil, // text after a NUL is not matched
		"d\ufffd": {"bad\xffbyte"},
		"字な":      {"漢字かな"},
	}
	for q, want := range tests {
		got := labelsOf(ix.Search(q, 0))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %q, want %q", q, got, want)
		}
	}
}

// Accents fold both ways: a query with or without them finds labels with or without them.
func TestAccentsFoldBothWays(t *testing.T) {
	ix := NewIndex([]Item{
		{Label: "Müller GmbH"}, {Label: "Muller Freight"}, {Label: "Café Nord"}, {Label: "Cafe Sud"},
		{Label: "Kowalski & Søn"}, {Label: "Łódź Logistics"},
	})
	labelsOf := func(hits []Hit) []string {
		var out []string
		for _, h := range hits {
			out = append(out, h.Item.Label)
		}
		return out
	}
	tests := map[string][]string{
		"muller": {"Müller GmbH", "Muller Freight"},
		"Müller": {"Müller GmbH", "Muller Freight"},
		"MÜLLER": {"Müller GmbH", "Muller Freight"},
		"cafe":   {"Café Nord", "Cafe Sud"},
		"café":   {"Café Nord", "Cafe Sud"},
		"son":    {"Kowalski & Søn"},
		"lodz":   {"Łódź Logistics"},
	}
	// The matched characters are those of the label as written.
	if hits := ix.Search("muller", 1); len(hits) != 1 || !slices.Equal(hits[0].Matched, []int{0, 1, 2, 3, 4, 5}) {
		t.Errorf("Search(muller) = %+v, want Müller matched at 0…5", hits)
	}
	for q, want := range tests {
		got := labelsOf(ix.Search(q, 0))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %q, want %q", q, got, want)
		}
	}
	// Every rune of the Basic Multilingual Plane folds with the members of its orbit, and
	// fuzzy agrees they match.
	for r := rune(1); r < 0x10000; r++ {
		if unicode.Is(unicode.Cs, r) {
			continue
		}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if foldRune(f) != foldRune(r) {
				t.Fatalf("%U and %U fold apart", r, f)
			}
			if len(fuzzy.Find(string(r), []string{string(f)})) != 1 {
				t.Fatalf("fuzzy does not match %U with %U", r, f)
			}
		}
		if l := unicode.ToLower(r); foldRune(l) != foldRune(r) &&
			len(fuzzy.Find(string(r), []string{string(l)})) != 0 {
			t.Fatalf("fuzzy matches %U with %U, which fold apart", r, l)
		}
	}
}

func TestIndexEdits(t *testing.T) {
	ix := NewIndex([]Item{{Key: "a", Label: "alpha"}, {Key: "b", Label: "beta"}, {Key: "c", Label: "gamma"}})
	s := ix.NewSession()
	if hits := s.Search("a", 10); len(hits) != 3 {
		t.Fatalf("before edits: %d hits", len(hits))
	}
	d := ix.Add(Item{Key: "d", Label: "delta"})
	if d != 3 || ix.Len() != 4 {
		t.Fatalf("Add = %d, Len = %d", d, ix.Len())
	}
	if !ix.Update(1, Item{Key: "b", Label: "bravo"}) || !ix.Remove(0) || ix.Remove(0) || ix.Update(0, Item{}) {
		t.Fatal("Update/Remove reported wrongly")
	}
	if _, ok := ix.Item(0); ok {
		t.Error("removed item still there")
	}
	if it, ok := ix.Item(1); !ok || it.Label != "bravo" {
		t.Errorf("Item(1) = %v, %v", it, ok)
	}
	// The session sees the edits even though "a" was cached.
	var keys []string
	for _, h := range s.Search("a", 10) {
		keys = append(keys, h.Item.Key)
	}
	if !slices.Equal(keys, []string{"c", "b", "d"}) { // gamma's a comes soonest
		t.Errorf("after edits: %v", keys)
	}
	if n := ix.RemoveFunc(func(_, key string, _ int) bool { return key != "d" }); n != 2 || ix.Len() != 1 {
		t.Errorf("RemoveFunc removed %d, %d left", n, ix.Len())
	}
	if got := ix.Items(); len(got) != 1 || got[0].Key != "d" {
		t.Errorf("Items() = %v", got)
	}
}

func TestIndexLaysOutAgain(t *testing.T) {
	ix := NewIndex(nil)
	long := strings.Repeat("x", 1000)
	for i := range 2000 {
		ix.Add(Item{Label: long + string(rune('a'+i%26))})
	}
	for i := range 1500 {
		ix.Update(ID(i), Item{Label: long + "é"})
	}
	for i := 1500; i < 2000; i++ {
		ix.Remove(ID(i))
	}
	if tail := len(ix.slots) - ix.sorted; tail > 512 || ix.dead > 512 {
		t.Errorf("never laid out again: %d in the tail, %d dead", tail, ix.dead)
	}
	if live := 1500 * 2004; len(ix.arena) > 2*live {
		t.Errorf("arena keeps garbage: %d bytes", len(ix.arena))
	}
	for at, s := range ix.slots[:ix.sorted] {
		if at > 0 && s.raw < ix.slots[at-1].raw {
			t.Fatalf("slot %d is shorter than the one before", at)
		}
	}
	if hits := ix.Search("xé", 0); len(hits) != 1500 || hits[0].ID != 0 || hits[1499].ID != 1499 {
		t.Errorf("after layout: %d hits", len(hits))
	}
}

// Searches and edits from many goroutines: run with -race.
func TestConcurrentUse(t *testing.T) {
	useWorkers(t)
	items := make([]Item, 500)
	for i := range items {
		items[i] = Item{Label: fmt.Sprintf("Harborline note %d", i)}
	}
	ix := NewIndex(items)
	s := ix.NewSession()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				switch g {
				case 0:
					ix.Add(Item{Label: fmt.Sprint("harbor ", i)})
				case 1:
					ix.Update(ID(i), Item{Label: fmt.Sprint("renamed ", i)})
				default:
					s.Search("harbor"[:1+i%6], 10)
					ix.Search("note", 5)
				}
			}
		}()
	}
	wg.Wait()
	if hits := s.Search("renamed 4", 0); len(hits) != 14 { // 4, 14, 24, 34 and 40–49
		t.Errorf("after concurrent edits: %d hits", len(hits))
	}
}

// Ranked lists each kind's closest names first, however fuzzy scores them: the whole name, its
// start, a word's start, its initials, then letters apart.
func TestRankedOrdersEachKindByTier(t *testing.T) {
	ix := NewIndex([]Item{
		{Kind: "feature", Label: "Sessions"},
		{Kind: "feature", Label: "Sandbox environment"},
		{Kind: "feature", Label: "SAML single sign-on"},
		{Kind: "feature", Label: "Shared inbox"},
		{Kind: "tag", Label: "sso"},
		{Kind: "plan", Label: "Suite Professional"},
		{Kind: "feature", Label: "SSO enforcement"},
	})
	var got []string
	for _, h := range ix.Ranked("sso", 3) {
		got = append(got, h.Item.Kind+": "+h.Item.Label)
	}
	want := []string{"tag: sso", "feature: SSO enforcement", "feature: SAML single sign-on", "feature: Sessions", "plan: Suite Professional"}
	if !slices.Equal(got, want) {
		t.Errorf("Ranked(sso) = %q\nwant %q", got, want)
	}
	if hits := ix.Ranked("sso", 3); !slices.Equal(hits[2].Matched, []int{5, 12, 17}) {
		t.Errorf("SAML single sign-on matched at %v", hits[2].Matched)
	}
}

// The index keeps a label as its slot's text where that is the label itself, and the label
// apart where it is not (accents taken off for matching, cut at a NUL): items and hits give
// back every label exactly, through edits and a new layout.
func TestIndexGivesLabelsBackExactly(t *testing.T) {
	labels := []string{"Harborline", "Müller GmbH", "café crème", "cut\x00here", "ΣΊΣΥΦΟΣ", "KELVIN \u212a", "bad \xff byte", ""}
	items := make([]Item, len(labels))
	for i, l := range labels {
		items[i] = Item{Kind: []string{"note", "deal"}[i%2], Key: fmt.Sprintf("c%d", i%3), Label: l, Ref: 1000 + i}
	}
	ix := NewIndex(items)
	check := func(when string) {
		t.Helper()
		for id, want := range items {
			got, ok := ix.Item(ID(id))
			if want.Label == "\x01removed" {
				if ok {
					t.Errorf("%s: removed item %d is still there: %+v", when, id, got)
				}
				continue
			}
			if !ok || got != want {
				t.Errorf("%s: Item(%d) = %+v, %v; want %+v", when, id, got, ok, want)
			}
		}
		for _, h := range ix.NewSession().Search("c", 100) {
			if want := items[h.ID]; h.Item != want {
				t.Errorf("%s: hit %d is %+v, want %+v", when, h.ID, h.Item, want)
			}
		}
	}
	check("built")
	if n := len(ix.labels); n != 4 {
		t.Errorf("%d labels kept apart, want 4 (the accented ones and the one cut at its NUL)", n)
	}
	// Plain becomes accented and back; one removed; enough added for a new layout.
	ix.Update(0, Item{Kind: "note", Key: "c0", Label: "Hårbørline", Ref: 1000})
	items[0].Label = "Hårbørline"
	ix.Update(1, Item{Kind: "deal", Key: "c1", Label: "Muller GmbH", Ref: 1001})
	items[1].Label = "Muller GmbH"
	ix.Remove(2)
	items[2].Label = "\x01removed"
	for i := range 600 {
		it := Item{Kind: "deal", Key: "new", Label: fmt.Sprintf("Crème %d", i), Ref: i}
		ix.Add(it)
		items = append(items, it)
	}
	check("after edits and a new layout")
	if n := len(ix.labels); n != 4+1-2+600 {
		t.Errorf("%d labels kept apart after the edits, want %d", n, 4+1-2+600)
	}
}

// A Builder's text goes in chunks: labels at a chunk's end, longer than a chunk, and empty
// ones all come back whole.
func TestBuilderLabelsAcrossChunks(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	var want []string
	b := NewBuilder(0)
	for i := range 4000 {
		n := r.IntN(1200)
		switch i % 997 {
		case 5:
			n = builderChunk + r.IntN(100) // longer than a chunk
		case 6:
			n = 0
		}
		label := strings.Repeat(string(rune('a'+i%26)), n) + fmt.Sprint(i)
		if i%13 == 0 {
			label = ""
		}
		want = append(want, label)
		b.Add(Item{Key: "k", Label: label, Ref: i})
	}
	if len(b.chunks) < 3 {
		t.Fatalf("the test text fills %d chunks, want several", len(b.chunks))
	}
	ix := b.Index()
	for id, w := range want {
		if it, ok := ix.Item(ID(id)); !ok || it.Label != w || it.Ref != id {
			t.Fatalf("Item(%d) = %q (ref %d), %v; want %q", id, trim(it.Label), it.Ref, ok, trim(w))
		}
	}
}

func trim(s string) string {
	if len(s) > 40 {
		return s[:20] + "…" + s[len(s)-20:]
	}
	return s
}

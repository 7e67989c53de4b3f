package tui

import (
	"context"
	"errors"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// demoPalette is an open palette over the demo catalog with its label index built.
func demoPalette(t *testing.T) *palette {
	t.Helper()
	store, v := demoView(t)
	styles := NewStyles(nil, true)
	p := newPalette(context.Background(), store, &styles)
	p.SetSize(100, 30)
	p.SetData(v)
	msg := buildTextIndexCmd(context.Background(), store, 0)().(textIndexMsg)
	p.SetTextIndex(msg.index, msg.text)
	p.Open("")
	return p
}

// typeKey types one character and runs the name and label searches it starts, returning the
// command the labels' reply starts (the full-text search, or nil).
func typeKey(t *testing.T, p *palette, r rune) tea.Cmd {
	t.Helper()
	cmd := p.Update(keyRunes(string(r)))
	if cmd == nil {
		t.Fatalf("typing %q started no search", r)
	}
	msgs := []tea.Msg{cmd()}
	if batch, ok := msgs[0].(tea.BatchMsg); ok {
		msgs = nil
		for _, c := range batch {
			if c != nil {
				msgs = append(msgs, c())
			}
		}
	}
	for _, msg := range msgs {
		if names, ok := msg.(paletteNamesMsg); ok {
			if len(p.results) != 0 {
				t.Fatalf("typing %q kept the older results", r)
			}
			labels, ok := p.Update(names)().(paletteLabelsMsg)
			if !ok {
				t.Fatalf("the names of %q started no label search", r)
			}
			return p.Update(labels)
		}
	}
	t.Fatalf("typing %q started no name search", r)
	return nil
}

// Names, then labels are listed as soon as the fuzzy indexes answer; full text follows in a
// command of its own, and only for three characters or more unless nothing else was found.
func TestPaletteListsNamesFirstAndFullTextFromThreeCharacters(t *testing.T) {
	p := demoPalette(t)
	for _, r := range "ha" {
		if cmd := typeKey(t, p, r); cmd != nil {
			t.Fatalf("after %q a full-text search started", p.input.Value())
		}
		if len(p.results) == 0 || p.busy {
			t.Fatalf("after %q: %d results, busy %v", p.input.Value(), len(p.results), p.busy)
		}
	}
	text := typeKey(t, p, 'r')
	if text == nil || !p.busy {
		t.Fatal("three characters started no full-text search")
	}
	if len(p.results) == 0 || p.results[0].slug != "harborline" {
		t.Fatalf("names not listed before full text: %+v", p.results)
	}
	before := len(p.results)
	msg := text().(paletteTextMsg)
	if msg.err != nil || len(msg.found) == 0 {
		t.Fatalf("full text: %d hits, %v", len(msg.found), msg.err)
	}
	p.Update(msg)
	if p.busy || len(p.results) <= before {
		t.Errorf("full text did not add to the %d results (now %d, busy %v)", before, len(p.results), p.busy)
	}

	// Two letters no name or label holds go to full text at once.
	p.Open("")
	typeKey(t, p, 'q')
	if cmd := typeKey(t, p, 'x'); len(p.results) != 0 || cmd == nil {
		t.Errorf("nothing found by name, yet no full-text search (%d results)", len(p.results))
	}
}

// A newer keystroke ends the older query's full-text search, and a late reply to it is
// dropped.
func TestPaletteNewerKeystrokeCancelsOlderFullText(t *testing.T) {
	p := demoPalette(t)
	for _, r := range "ren" {
		typeKey(t, p, r)
	}
	old := p.cancel
	stale := typeKey(t, p, 'e')
	if old == nil || stale == nil {
		t.Fatal("no full-text search started")
	}
	p.Open("")
	for _, r := range "ostra" {
		typeKey(t, p, r)
	}
	msg := stale().(paletteTextMsg)
	if !errors.Is(msg.err, context.Canceled) {
		t.Errorf("older full-text search ended with %v, want context.Canceled", msg.err)
	}
	results := p.results
	p.Update(msg)
	if p.err != nil || len(p.results) != len(results) {
		t.Errorf("a stale reply changed the results: err %v, %d results (was %d)", p.err, len(p.results), len(results))
	}
}

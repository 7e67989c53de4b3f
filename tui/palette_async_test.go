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
// full-text search it started (unrun), or nil.
func typeKey(t *testing.T, p *palette, r rune) tea.Cmd {
	t.Helper()
	names, _ := split(p.Update(keyRunes(string(r))))
	if len(names) != 1 {
		t.Fatalf("typing %q started %d name searches", r, len(names))
	}
	if len(p.results) != 0 {
		t.Fatalf("typing %q kept the older results", r)
	}
	labels, text := split(p.Update(names[0]))
	if len(labels) != 1 {
		t.Fatalf("the names of %q started %d label searches", r, len(labels))
	}
	if _, later := split(p.Update(labels[0])); later != nil {
		text = later
	}
	return text
}

// split runs the palette's commands except the full-text search, which it returns unrun.
func split(cmd tea.Cmd) (msgs []tea.Msg, text tea.Cmd) {
	if cmd == nil {
		return nil, nil
	}
	var cmds []tea.Cmd
	// A full-text search is run only here, to tell it apart; its result is kept for the caller.
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		cmds = batch
	} else {
		cmds = []tea.Cmd{func() tea.Msg { return msg }}
	}
	for _, c := range cmds {
		if c == nil {
			continue
		}
		m := c()
		if tm, ok := m.(paletteTextMsg); ok {
			text = func() tea.Msg { return tm }
			continue
		}
		if _, ok := m.(paletteNamesMsg); ok || isLabels(m) {
			msgs = append(msgs, m)
		}
	}
	return msgs, text
}

func isLabels(m tea.Msg) bool { _, ok := m.(paletteLabelsMsg); return ok }

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

// A newer keystroke ends the older query's searches (its context, which the full-text search
// runs under), and a late reply to it is dropped.
func TestPaletteNewerKeystrokeCancelsOlderFullText(t *testing.T) {
	p := demoPalette(t)
	for _, r := range "ren" {
		typeKey(t, p, r)
	}
	older, gen := p.queryCtx, p.gen
	if older == nil || older.Err() != nil {
		t.Fatal("the query has no live context")
	}
	// The older query's full-text search, as it would run late.
	stale := paletteTextCmd(older, gen, "ren", p.store, p.owners, p.data.features)
	typeKey(t, p, 'e')
	if !errors.Is(older.Err(), context.Canceled) {
		t.Fatalf("a newer keystroke left the older query's context %v", older.Err())
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
	// Closing the palette ends the query too.
	current := p.queryCtx
	p.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if current.Err() == nil {
		t.Error("esc left the query's context open")
	}
}

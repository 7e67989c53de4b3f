package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/model"
)

// changesLimit is how many of the newest changes the Changes view reads.
const changesLimit = 200

// openChangesMsg asks the app to show the Changes view, on one competitor's changes when slug
// is set.
type openChangesMsg struct{ slug string }

// changesLoadedMsg carries the changes the view asked for; gen drops a stale reply.
type changesLoadedMsg struct {
	view    *changesView // the view that asked: the Changes view or a profile's Changes tab
	gen     int
	changes []model.Change
	lines   []string
	err     error
}

// changePeriods are the periods the view filters by, the first meaning all time.
var changePeriods = []struct {
	label string
	span  time.Duration
}{{"all time", 0}, {"last 7 days", 7 * 24 * time.Hour}, {"last 30 days", 30 * 24 * time.Hour}}

// changesView is the change history, newest first, one line each, filtered by competitor,
// kind, author and period; enter jumps to the changed record.
type changesView struct {
	styles *Styles
	keys   changesKeys
	me     string
	slug   string // "" for every competitor
	name   string
	kind   int // index into model.ChangeKinds + 1; 0 is every kind
	mine   bool
	period int
	gen    int

	changes []model.Change
	lines   []string
	loading bool
	err     error
	cursor  int
	width   int
	height  int
}

type changesKeys struct {
	Up, Down, Top, Bottom, Open, Kind, Author, Period, Back key.Binding
}

func newChangesView(styles *Styles, me string) *changesView {
	return &changesView{styles: styles, me: me, keys: changesKeys{
		Up:     key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:    key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom: key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to it")),
		Kind:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "kind")),
		Author: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "mine/everyone's")),
		Period: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "period")),
		Back:   key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
	}}
}

// Open shows the changes about slug (every competitor when ""), named name.
func (c *changesView) Open(slug, name string) {
	c.slug, c.name, c.cursor = slug, name, 0
}

// filter is what the view asks the history for, as of now.
func (c *changesView) filter(now time.Time) model.ChangeFilter {
	f := model.ChangeFilter{Competitor: c.slug, Limit: changesLimit}
	if c.kind > 0 {
		f.Kind = model.ChangeKinds[c.kind-1]
	}
	if c.mine {
		f.Author = c.me
	}
	if span := changePeriods[c.period].span; span > 0 {
		f.Since = now.Add(-span)
	}
	return f
}

// loadCmd reads the changes the filter selects and words them with names.
func (c *changesView) loadCmd(ctx context.Context, store *db.Store, names report.ChangeNames, now time.Time) tea.Cmd {
	c.gen++
	c.loading = true
	gen, f, loc := c.gen, c.filter(now), now.Location()
	return func() tea.Msg {
		chs, err := store.Changes(ctx, f)
		lines := make([]string, len(chs))
		for i, ch := range chs {
			lines[i] = report.ChangeLine(ch, names, loc)
		}
		return changesLoadedMsg{view: c, gen: gen, changes: chs, lines: lines, err: err}
	}
}

// SetChanges shows a load's result, unless a newer load was asked for since.
func (c *changesView) SetChanges(msg changesLoadedMsg) {
	if msg.gen != c.gen {
		return
	}
	c.loading, c.err = false, msg.err
	c.changes, c.lines = msg.changes, msg.lines
	c.cursor = max(0, min(c.cursor, len(c.lines)-1))
}

// SetSize gives the view its share of the terminal.
func (c *changesView) SetSize(width, height int) { c.width, c.height = width, height }

// ShortHelp lists the bindings for the footer.
func (c changesView) ShortHelp() []key.Binding {
	return []key.Binding{c.keys.Down, c.keys.Open, c.keys.Kind, c.keys.Author, c.keys.Period, c.keys.Back}
}

// FullHelp lists every binding.
func (c changesView) FullHelp() [][]key.Binding {
	return [][]key.Binding{c.ShortHelp(), {c.keys.Up, c.keys.Top, c.keys.Bottom}}
}

// changesFilterMsg asks the app to load a view's changes again after a filter changed.
type changesFilterMsg struct{ view *changesView }

// Update handles the view's keys.
func (c *changesView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	c.keys.Open.SetEnabled(len(c.changes) > 0)
	switch {
	case key.Matches(km, c.keys.Back):
		return func() tea.Msg { return backMsg{} }
	case key.Matches(km, c.keys.Down):
		c.cursor = min(c.cursor+1, max(0, len(c.lines)-1))
	case key.Matches(km, c.keys.Up):
		c.cursor = max(0, c.cursor-1)
	case key.Matches(km, c.keys.Top):
		c.cursor = 0
	case key.Matches(km, c.keys.Bottom):
		c.cursor = max(0, len(c.lines)-1)
	case key.Matches(km, c.keys.Kind):
		c.kind = (c.kind + 1) % (len(model.ChangeKinds) + 1)
		return actionCmd(changesFilterMsg{view: c})
	case key.Matches(km, c.keys.Author):
		c.mine = !c.mine
		return actionCmd(changesFilterMsg{view: c})
	case key.Matches(km, c.keys.Period):
		c.period = (c.period + 1) % len(changePeriods)
		return actionCmd(changesFilterMsg{view: c})
	case key.Matches(km, c.keys.Open) && c.cursor < len(c.changes):
		ch := c.changes[c.cursor]
		if ch.Competitor == "" || (ch.Kind == model.ChangeCompetitor && ch.Op == model.ChangeDelete) {
			return nil
		}
		return func() tea.Msg {
			return openProfileMsg{slug: ch.Competitor, tab: changeTab(ch), target: changeTarget(ch)}
		}
	}
	return nil
}

// changeTab is the profile tab that shows what a change touched.
func changeTab(ch model.Change) profileTab {
	switch ch.Kind {
	case model.ChangeCell:
		return tabFeatures
	case model.ChangePlan, model.ChangePrice:
		return tabPricing
	case model.ChangeCard:
		return tabCard
	case model.ChangeNote:
		return tabIntel
	case model.ChangeDeal:
		return tabWinLoss
	}
	return tabOverview
}

// changeTarget selects the changed row on its tab where the key names it.
func changeTarget(ch model.Change) jumpTarget {
	if ch.Kind == model.ChangeCell {
		return jumpTarget{featureKey: strings.TrimPrefix(ch.Key, ch.Competitor+"/")}
	}
	return jumpTarget{}
}

// View renders the filters and the changes, scrolled to keep the cursor shown.
func (c changesView) View() string {
	st := c.styles
	scope := "every competitor"
	if c.slug != "" {
		scope = c.name
	}
	kind, who := "every kind", "everyone"
	if c.kind > 0 {
		kind = string(model.ChangeKinds[c.kind-1])
	}
	if c.mine {
		who = c.me
	}
	sub := fmt.Sprintf(" · %s · %s · by %s · %s", scope, kind, who, changePeriods[c.period].label)
	lines := []string{truncate(st.Heading.Render("Changes")+st.Muted.Render(sub), c.width), ""}
	switch {
	case c.err != nil:
		lines = append(lines, truncate(st.Muted.Render("Cannot read the history: "+c.err.Error()), c.width))
	case c.loading && len(c.lines) == 0:
		lines = append(lines, st.Muted.Render("Loading…"))
	case len(c.lines) == 0:
		lines = append(lines, truncate(st.Muted.Render("No changes match. f, a and t change the filters."), c.width))
	}
	room := max(1, c.height-len(lines))
	start := max(0, min(c.cursor-room/2, len(c.lines)-room))
	for i := start; i < len(c.lines) && i < start+room; i++ {
		line := "  " + c.lines[i]
		if i == c.cursor {
			line = st.Selected.Render("▌ " + c.lines[i])
		}
		lines = append(lines, truncate(line, c.width))
	}
	return fitBlock(strings.Join(lines, "\n"), c.width, c.height)
}

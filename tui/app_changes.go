package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// sessionStartedMsg says where the change history stood when the app opened, and what
// others changed since this author last looked.
type sessionStartedMsg struct {
	last    int64
	changed map[string]int
	seen    bool // the author had looked before: a first open marks nothing as new
	err     error
	// watch carries the change watcher, when the session was asked to start one.
	watch *watchStartedMsg
}

// startSessionCmd reads where the history stands, counts what others changed since the
// author last opened the app, and remembers that they have now seen it. With watch, it then
// starts the change watcher: after that remembering, which is a commit of this app's own and
// would otherwise be reported as a change made elsewhere (and reload the catalog for nothing).
func startSessionCmd(ctx context.Context, store *db.Store, watch bool) tea.Cmd {
	return func() tea.Msg {
		msg := startSession(ctx, store)
		if watch {
			started := startWatch(ctx, store)
			msg.watch = &started
		}
		return msg
	}
}

// startSession is startSessionCmd's reading and remembering.
func startSession(ctx context.Context, store *db.Store) sessionStartedMsg {
	me := store.Origin().Author
	seen, err := store.SeenThrough(ctx, me)
	if err != nil {
		return sessionStartedMsg{err: err}
	}
	var changed map[string]int
	var last int64
	if seen > 0 {
		changed, last, err = store.ChangedSince(ctx, seen, me)
	} else {
		// A first open marks nothing as new: counting the whole history would be wasted
		// (and on a large catalog, slow).
		last, err = store.LastChangeID(ctx)
	}
	if err != nil {
		return sessionStartedMsg{err: err}
	}
	if last > seen {
		// Remembering is a courtesy: a read-only or damaged file keeps the old mark.
		store.MarkSeen(ctx, me, last)
	}
	return sessionStartedMsg{last: last, changed: changed, seen: seen > 0}
}

// sinceLastLooked words what others changed since the author last looked: "5 changes since
// you last looked: Harborline 3, Ticketry 2 · H shows them".
func sinceLastLooked(changed map[string]int, names report.ChangeNames) string {
	total := 0
	type count struct {
		name string
		n    int
	}
	var per []count
	for slug, n := range changed {
		total += n
		name := "the catalog"
		if slug != "" {
			name = names.Competitor(slug)
		}
		per = append(per, count{termtext.Line(name), n})
	}
	if total == 0 {
		return ""
	}
	slices.SortFunc(per, func(a, b count) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.name, b.name)
	})
	parts := make([]string, 0, 3)
	for i, c := range per {
		if i == 3 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", c.name, c.n))
	}
	noun := "changes"
	if total == 1 {
		noun = "change"
	}
	return fmt.Sprintf("%d %s since you last looked: %s · H shows them", total, noun, strings.Join(parts, ", "))
}

// changeNames names the competitors and features of the catalog in view.
func (m Model) changeNames() report.ChangeNames {
	return report.NewChangeNames(m.data.competitors, m.data.features)
}

func (a openChangesMsg) start(m *Model) tea.Cmd {
	name := ""
	if a.slug != "" {
		name = m.data.profile(a.slug).competitor.Name
	}
	m.changes.Open(a.slug, termtext.Line(name))
	m.open(m.changes)
	return m.changes.loadCmd(m.ctx, m.store, m.changeNames(), m.opts.Now())
}

func (a changesFilterMsg) start(m *Model) tea.Cmd {
	return a.view.loadCmd(m.ctx, m.store, m.changeNames(), m.opts.Now())
}

// historyShown is the competitor whose Changes tab is on screen, or "".
func (m Model) historyShown() string {
	if m.active != screenProfile || m.profile.tab != tabChanges || m.store == nil {
		return ""
	}
	return m.profile.Slug()
}

// loadHistoryTab reads the changes the profile's Changes tab shows when it has just come on
// screen or the catalog was read again (an edit, a change made elsewhere).
func (m Model) loadHistoryTab(before string, msg tea.Msg) tea.Cmd {
	slug := m.historyShown()
	if _, reloaded := msg.(catalogLoadedMsg); slug == "" || (slug == before && !reloaded) {
		return nil
	}
	m.profile.history.Open(slug, termtext.Line(m.data.profile(slug).competitor.Name))
	return m.profile.history.loadCmd(m.ctx, m.store, m.changeNames(), m.opts.Now())
}

// undoMsg asks to undo the user's last change of this session.
type undoMsg struct{}

func (undoMsg) start(m *Model) tea.Cmd {
	ctx, store, after, names := m.ctx, m.store, m.sessionStart, m.changeNames()
	slug := m.currentSlug()
	return func() tea.Msg {
		ch, err := store.UndoLast(ctx, store.Origin().Author, after)
		if errors.Is(err, db.ErrNotFound) {
			return savedMsg{status: "Nothing of yours to undo since rivals opened", slug: slug, tab: -1}
		}
		if err != nil {
			return savedMsg{err: fmt.Errorf("cannot undo: %w", err)}
		}
		return savedMsg{status: "Undone: " + report.ChangeSummary(ch, names), slug: slug, tab: -1}
	}
}

// showSinceLooked puts what others changed since the user last looked in the status bar, once
// the catalog that names the competitors has loaded.
func (m *Model) showSinceLooked() {
	if m.sinceLooked == nil || len(m.data.competitors) == 0 {
		return
	}
	if m.status == "" && m.err == nil {
		m.status = sinceLastLooked(m.sinceLooked, m.changeNames())
	}
	m.sinceLooked = nil
}

// sinceReviewMsg carries what changed about a competitor since its card was last reviewed.
type sinceReviewMsg struct {
	slug    string
	changes []model.Change
	err     error
}

// sinceReviewCmd reads what changed about doc's competitor since its card was reviewed; none
// for a card never reviewed (the whole sheet is then stale).
func sinceReviewCmd(ctx context.Context, store *db.Store, doc report.CardDoc, now time.Time) tea.Cmd {
	if store == nil || doc.Card == nil || doc.Card.LastReviewed.IsZero() {
		return nil
	}
	slug := doc.Competitor.Slug
	f := model.ChangeFilter{Competitor: slug, Since: report.ReviewSince(doc.Card.LastReviewed, now.Location())}
	return func() tea.Msg {
		chs, err := store.Changes(ctx, f)
		return sinceReviewMsg{slug: slug, changes: chs, err: err}
	}
}

// sinceReviewOf reads what changed about a competitor since its card's review.
func (m Model) sinceReviewOf(slug string) tea.Cmd {
	p := m.data.profile(slug)
	if p.competitor.IsSelf || p.card == nil {
		return nil
	}
	doc := report.CardDoc{Competitor: p.competitor, Card: p.card}
	return sinceReviewCmd(m.ctx, m.store, doc, m.opts.Now())
}

func (openChangesMsg) readsOnly() {}

func (changesFilterMsg) readsOnly() {}

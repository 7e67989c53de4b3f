package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// watchStartedMsg carries the watcher of the catalog file, once its connection is open.
type watchStartedMsg struct {
	watcher *db.Watcher
	err     error
}

// watchTickMsg says it is time to look for changes again.
type watchTickMsg struct{}

// catalogChangedMsg says whether someone else committed a change since the last look.
type catalogChangedMsg struct {
	changed bool
	err     error
}

// startWatchCmd opens the watcher's connection in the background.
func startWatchCmd(ctx context.Context, store *db.Store) tea.Cmd {
	return func() tea.Msg { return startWatch(ctx, store) }
}

// startWatch opens the watcher's connection.
func startWatch(ctx context.Context, store *db.Store) watchStartedMsg {
	w, err := store.Watch(ctx)
	return watchStartedMsg{watcher: w, err: err}
}

// checkChangedCmd asks the watcher whether anything changed.
func checkChangedCmd(ctx context.Context, w *db.Watcher) tea.Cmd {
	return func() tea.Msg {
		changed, err := w.Changed(ctx)
		return catalogChangedMsg{changed: changed, err: err}
	}
}

// nextWatchTick waits for the next look.
func nextWatchTick(every time.Duration) tea.Cmd {
	return tea.Tick(every, func(time.Time) tea.Msg { return watchTickMsg{} })
}

// sharedTickMsg says it is time to compare the shown snapshot with the shared catalog's version.
type sharedTickMsg struct{}

// nextSharedTick waits for the next comparison: twice per look of the shared watcher, which
// costs a session nothing but reading a number.
func nextSharedTick(every time.Duration) tea.Cmd {
	return tea.Tick(every/2, func(time.Time) tea.Msg { return sharedTickMsg{} })
}

// watch polls for changes made by another window or process (an import, a second rivals) and
// reloads the catalog when there are some. The reload keeps the user's place: the selection,
// the open profile and tab, the scroll position and any open form.
func (m Model) watch(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case watchStartedMsg:
		if msg.err != nil {
			return m, nil // the app works without it; saves still reload
		}
		m.watcher = msg.watcher
		return m, nextWatchTick(m.opts.WatchEvery)
	case watchTickMsg:
		if m.watcher == nil {
			return m, nil
		}
		if m.reloading || m.loading {
			return m, nextWatchTick(m.opts.WatchEvery) // look again once the load is in
		}
		return m, checkChangedCmd(m.ctx, m.watcher)
	case sharedTickMsg:
		next := nextSharedTick(m.opts.WatchEvery)
		key := viewKey{today: model.DateOf(m.opts.Now()), eagerRows: m.opts.EagerRows}
		if m.reloading || m.loading || m.opts.Shared.readyVersion(key) <= m.data.version {
			return m, next // nothing newer read yet
		}
		m.status = "The catalog was changed elsewhere; showing the latest"
		m.reindexAll = true
		m.gen++
		m.reloading = true
		return m, tea.Batch(loadCatalogCmd(m.ctx, m.store, m.loadRequest()), next)
	case catalogChangedMsg:
		next := nextWatchTick(m.opts.WatchEvery)
		if msg.err != nil || !msg.changed || m.loading {
			return m, next
		}
		return m.showChangedElsewhere(next)
	}
	return m, nil
}

// showChangedElsewhere reloads the catalog after someone else changed it, keeping the place.
func (m Model) showChangedElsewhere(next tea.Cmd) (tea.Model, tea.Cmd) {
	m.status = "The catalog was changed elsewhere; showing the latest"
	m.reindexAll = true // anything may have changed
	cmd := m.reload()
	return m, tea.Batch(cmd, next)
}

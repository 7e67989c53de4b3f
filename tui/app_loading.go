package tui

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/model"
)

// keptDetails is how many competitors' details a large catalog keeps loaded: browsing the list
// loads each selected one, and memory must not grow with the number browsed.
const keptDetails = 24

// allDealsKey marks the load of every deal in Model.requested.
const allDealsKey = "\x00all deals"

// loadRequest describes the next snapshot load: today, the size limit for loading whole and
// the competitors on screen, whose details a large catalog reads at once.
func (m Model) loadRequest() loadRequest {
	return loadRequest{today: model.DateOf(m.opts.Now()), eagerRows: m.opts.EagerRows, want: m.onScreen(), gen: m.gen,
		watcher: m.watcher, shared: m.opts.Shared}
}

// reload starts loading a new snapshot; replies to older loads are dropped from now on.
func (m *Model) reload() tea.Cmd {
	m.gen++
	m.reloading = true
	req := m.loadRequest()
	req.fresh = true
	return loadCatalogCmd(m.ctx, m.store, req)
}

// onScreen lists the competitors whose details the screens in view need: the one shown or
// selected, our own product (the battle card and call prep compare with it), the products
// compared, and the one a save is about to show.
func (m Model) onScreen() []string {
	slugs := []string{m.currentSlug(), m.data.selfSlug(), m.pendingSlug}
	if m.active == screenCompare {
		slugs = append(slugs, m.compare.Slugs()...)
	}
	return slugs
}

// requestDetails asks for the details the screens in view need and a large catalog has not
// loaded yet, each once per snapshot.
func (m *Model) requestDetails() tea.Cmd {
	if !m.data.lazy || m.store == nil || m.loading {
		return nil
	}
	var cmds []tea.Cmd
	for _, slug := range m.onScreen() {
		if p, ok := m.data.profiles[slug]; ok && !p.loaded && !m.requested[slug] {
			m.requested[slug] = true
			if m.opts.Shared != nil {
				cmds = append(cmds, loadSharedDetailsCmd(m.ctx, m.opts.Shared, m.data.gen, slug))
			} else {
				cmds = append(cmds, loadDetailsCmd(m.ctx, m.store, m.data.gen, slug))
			}
		}
	}
	if (m.active == screenDashboard || m.isOpen(m.reasons)) && !m.data.allDeals && !m.requested[allDealsKey] {
		m.requested[allDealsKey] = true
		if m.opts.Shared != nil {
			cmds = append(cmds, loadSharedDealsCmd(m.ctx, m.opts.Shared, m.data.gen))
		} else {
			cmds = append(cmds, loadAllDealsCmd(m.ctx, m.store, m.data.gen))
		}
	}
	return tea.Batch(cmds...)
}

// applyDetails puts loaded details into a copy of the snapshot and hands it to the screens.
func (m Model) applyDetails(msg tea.Msg) (tea.Model, tea.Cmd) {
	var err error
	switch msg := msg.(type) {
	case detailsLoadedMsg:
		if msg.gen != m.data.gen {
			return m, nil
		}
		if err = msg.err; err == nil {
			v := m.data.withDetails(msg.slug, msg.details)
			keep := m.onScreen()
			v, dropped := v.withoutDetails(keep, keptDetails)
			for _, slug := range dropped {
				delete(m.requested, slug)
			}
			m.setData(v, false)
		}
	case allDealsLoadedMsg:
		if msg.gen != m.data.gen {
			return m, nil
		}
		if err = msg.err; err == nil {
			v := m.data
			v.deals, v.allDeals = msg.deals, true
			m.setData(v, true)
		}
	}
	if err != nil {
		m.err = err
		return m, nil
	}
	return m, m.retryAfterLoad()
}

// setData hands a snapshot to every screen. The dashboard and the reason codes work over all
// deals; they are only recomputed when the deals changed.
func (m *Model) setData(v catalogView, dealsChanged bool) {
	m.data = v
	m.palette.SetData(v)
	m.home.SetData(v)
	m.profile.SetData(v, m.home.version)
	if m.active == screenCompare {
		m.compare.SetData(v)
	}
	if dealsChanged { // a new snapshot, or every deal loaded; the calculator needs only plans
		m.calc.SetData(v, m.home.version)
		m.dash.SetData(v, m.home.version)
		m.reasons.SetData(v, v.deals)
	}
}

// waitForDetails keeps a message that needs details not loaded yet; it is delivered again
// when the next details arrive.
func (m Model) waitForDetails(msg tea.Msg) Model {
	m.afterLoad = append(m.afterLoad, msg)
	m.status = "Loading…"
	return m
}

// retryAfterLoad delivers the waiting messages again.
func (m *Model) retryAfterLoad() tea.Cmd {
	waiting := m.afterLoad
	m.afterLoad = nil
	var cmds []tea.Cmd
	for _, msg := range waiting {
		cmds = append(cmds, func() tea.Msg { return msg })
	}
	if len(waiting) > 0 {
		m.status = ""
	}
	return tea.Batch(cmds...)
}

// noteEdited records what a save may have changed in the search index over note titles, deal
// accounts and card bullets: a competitor's records (updated in place once the catalog has
// reloaded), or, when a competitor is gone, anything.
func (m *Model) noteEdited(msg savedMsg) {
	switch {
	case msg.home:
		m.reindexAll = true
	case msg.slug != "":
		if !slices.Contains(m.reindexSlugs, msg.slug) {
			m.reindexSlugs = append(m.reindexSlugs, msg.slug)
		}
	}
}

// reindexCmd brings the search index over note titles, deal accounts and card bullets up to
// date after a load: built after the first (the list comes first), in place for the
// competitors edited here, or built again after a change made elsewhere or a deletion.
func (m *Model) reindexCmd() tea.Cmd {
	slugs, all := m.reindexSlugs, m.reindexAll
	m.reindexSlugs, m.reindexAll = nil, false
	switch {
	case m.store == nil:
		return nil
	case m.opts.Shared != nil:
		// Sessions share one index per data version and never change it: an edit moves the
		// version on, and the index for the new one is built once for everyone.
		if !all && len(slugs) == 0 && m.palette.TextIndex() != nil {
			return nil
		}
		return sharedTextIndexCmd(m.ctx, m.opts.Shared, m.gen)
	case all || m.palette.TextIndex() == nil:
		return buildTextIndexCmd(m.ctx, m.store, m.gen)
	case len(slugs) > 0:
		return updateTextIndexCmd(m.ctx, m.store, m.palette.TextIndex(), slugs)
	}
	return nil
}

// replayTypedAhead hands the keys pressed during the first load to the app in the order they
// were typed, now that the catalog is in (or failed to load): a search started at once (ctrl+k
// and a name) finds what it would have found a moment later.
func (m Model) replayTypedAhead(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	keys := m.typedAhead
	m.typedAhead = nil
	var next tea.Model = m
	cmds := []tea.Cmd{cmd}
	for _, k := range keys {
		var c tea.Cmd
		next, c = next.Update(k)
		cmds = append(cmds, c)
	}
	return next, tea.Batch(cmds...)
}

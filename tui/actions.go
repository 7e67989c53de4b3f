package tui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/model"
)

// action is a screen's request to open a form or a question on the catalog. Each kind is its
// own message type, started beside the form it opens, so a misspelt action does not compile.
type action interface {
	// start opens the form or question on m and returns the command it needs.
	start(m *Model) tea.Cmd
}

// actionCmd sends an action to the app.
func actionCmd(a action) tea.Cmd {
	return func() tea.Msg { return a }
}

// readingAction is an action that only reads the catalog, so a read-only session runs it too.
// Every other action may lead to a write and is refused there.
type readingAction interface {
	action
	readsOnly()
}

// localAction is an action that needs the machine the app runs on (a file written to its
// disk, $EDITOR started on it), so a remote session refuses it.
type localAction interface {
	action
	needsLocalMachine()
}

// ReadOnlyStatus is what an edit key says in a read-only session.
const ReadOnlyStatus = "read-only: ask an editor"

// remoteStatus is what a local-only key says over SSH.
const remoteStatus = "not over SSH: run it on your own machine (e.g. ssh … card NAME --format md > card.md)"

// startAction opens the form or question an action asks for; without a store there is
// nothing to edit. A read-only session refuses anything that may write, a remote one anything
// that needs this machine.
func (m Model) startAction(a action) (tea.Model, tea.Cmd) {
	if m.store == nil {
		return m, nil
	}
	m.status, m.err = "", nil
	if _, local := a.(localAction); local && m.opts.Remote {
		m.status = remoteStatus
		return m, nil
	}
	if _, reads := a.(readingAction); !reads && m.opts.ReadOnly {
		m.status = ReadOnlyStatus
		return m, nil
	}
	cmd := a.start(&m)
	return m, cmd
}

// applyCell puts a saved matrix cell into the snapshot and the open views without reloading
// the catalog: the competitor's profile gets a fresh copy with recomputed summaries.
func (m *Model) applyCell(cell model.Support) {
	old := m.data.profile(cell.Competitor)
	p := *old
	p.support = make(map[string]model.Support, len(old.support)+1)
	for k, v := range old.support {
		p.support[k] = v
	}
	p.support[cell.Feature] = cell
	var cells []model.Support
	for _, c := range p.support {
		cells = append(cells, c)
	}
	today := model.DateOf(m.opts.Now())
	p.matrix = model.SummarizeSupport(m.data.features, cells, today)
	p.staleFacts += p.matrix.Stale - old.matrix.Stale
	profiles := make(map[string]*profileData, len(m.data.profiles))
	for k, v := range m.data.profiles {
		profiles[k] = v
	}
	profiles[cell.Competitor] = &p
	m.data.profiles = profiles
	m.home.SetData(m.data)
	m.profile.SetData(m.data, m.home.version)
	m.compare.SetCell(cell)
}

// applyPending shows what a save asked for once the reloaded catalog has arrived.
func (m *Model) applyPending() {
	switch {
	case m.pendingHome:
		m.active = screenHome
	case m.pendingSlug != "":
		m.home.selectSlug(m.pendingSlug)
		if m.active == screenProfile || m.pendingTab >= 0 {
			tab := m.profile.tab
			if m.pendingTab >= 0 {
				tab = m.pendingTab
			}
			note := m.profile.note
			m.active = screenProfile
			m.profile.Open(m.pendingSlug, tab, jumpTarget{})
			if tab == tabPricing && m.pendingPlan != "" {
				m.profile.SelectPlanName(m.pendingPlan)
			}
			if tab == tabIntel {
				m.profile.selectNote(note) // after a delete: the neighbour
				if m.pendingNote != 0 {
					m.profile.SelectNoteID(m.pendingNote) // after a save: the note, wherever it moved
				}
			}
		}
	}
	m.pendingSlug, m.pendingTab, m.pendingHome, m.pendingNote, m.pendingPlan = "", -1, false, 0, ""
	m.layout()
}

package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// updateEditor gives the form on top every message except the ones the app must see (size,
// its own replies, ctrl+c). It reports whether the form took the message.
func (m Model) updateEditor(form *editor, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg, formDoneMsg, savedMsg, catalogLoadedMsg, deleteImpactMsg, cellSavedMsg:
		return nil, false
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.ForceQuit) {
			return tea.Quit, true
		}
	}
	return form.Update(msg), true
}

// startAction opens the form or question an actionMsg asks for.
func (m Model) startAction(a actionMsg) (tea.Model, tea.Cmd) {
	if m.store == nil {
		return m, nil
	}
	p := m.data.profile(a.slug)
	m.status, m.err = "", nil
	var ed *editor
	switch a.action {
	case "new":
		ed = competitorForm(m.ctx, m.store, model.Competitor{}, true, m.data, m.opts.Now)
	case "edit":
		ed = competitorForm(m.ctx, m.store, p.competitor, false, m.data, m.opts.Now)
	case "delete":
		return m, deleteImpactCmd(m.ctx, m.store, p.competitor)
	case "new-feature":
		ed = featureForm(m.ctx, m.store, model.Feature{Category: a.feature.Category}, true, m.data)
	case "edit-feature":
		ed = featureForm(m.ctx, m.store, a.feature, false, m.data)
	case "rename-category":
		ed = renameCategoryForm(m.ctx, m.store, a.feature.Category)
	case "delete-feature":
		f := a.feature
		question := fmt.Sprintf("Delete the feature %s? Its matrix cells go with it.", termtext.Line(f.Name))
		if !m.data.lazy { // a large catalog has not read every cell to count them
			n := 0
			for _, c := range m.data.competitors {
				if _, ok := m.data.profile(c.Slug).support[f.Key]; ok {
					n++
				}
			}
			question = fmt.Sprintf("Delete the feature %s? Its %d matrix cells go with it.", termtext.Line(f.Name), n)
		}
		m.ask(newConfirm(question, func() tea.Cmd { return deleteFeatureCmd(m.ctx, m.store, f) }))
		return m, nil
	case "verify-category":
		cat, slug := a.feature.Category, a.slug
		today := model.DateOf(m.opts.Now())
		c := newConfirm(fmt.Sprintf("Mark every recorded %s cell of %s as verified today (%s)?", termtext.Line(cat), termtext.Line(p.competitor.Name), today),
			func() tea.Cmd { return markVerifiedCmd(m.ctx, m.store, slug, cat, today) })
		c.keys.Yes.SetHelp("y", "yes")
		m.ask(c)
		return m, nil
	case "log-deal":
		deal := model.Deal{}
		if a.slug != "" && !p.competitor.IsSelf {
			deal.Competitors = []string{a.slug}
		}
		ed = dealForm(m.ctx, m.store, deal, m.data, model.DateOf(m.opts.Now()), m.data.homeCurrency())
	case "edit-deal":
		ed = dealForm(m.ctx, m.store, a.deal, m.data, model.DateOf(m.opts.Now()), m.data.homeCurrency())
	case "delete-deal":
		d := a.deal
		m.ask(newConfirm(fmt.Sprintf("Delete the %s deal %s (%s, %s)?", strings.ReplaceAll(string(d.Outcome), "_", " "), termtext.Line(d.Ref), termtext.Line(d.Account), d.ClosedAt),
			func() tea.Cmd { return deleteDealCmd(m.ctx, m.store, d) }))
		return m, nil
	case "edit-card", "edit-card-external":
		k := model.BattleCard{Competitor: a.slug}
		if p.card != nil {
			k = *p.card
		}
		if a.action == "edit-card" {
			ed = cardSectionForm(m.ctx, m.store, k, p.competitor.Name, model.DateOf(m.opts.Now()), "", "")
		} else {
			ed = cardEditorPickForm(k, p.competitor.Name)
		}
	case "copy-evidence":
		k := model.BattleCard{Competitor: a.slug}
		if p.card != nil {
			k = *p.card
		}
		today := model.DateOf(m.opts.Now())
		bullets := report.EvidenceBullets(m.data.cardDoc(a.slug, m.profile.quoteIn, today))
		if len(bullets) == 0 {
			m.status = "Nothing drafted from the catalog yet"
			return m, nil
		}
		ed = copyBulletForm(k, bullets, p.competitor.Name)
	case "export-card":
		if p.competitor.IsSelf {
			return m, nil
		}
		ed = cardExportForm(m.data.cardDoc(a.slug, m.profile.quoteIn, model.DateOf(m.opts.Now())), m.opts.WorkDir)
	case "new-plan":
		ed = planForm(m.ctx, m.store, model.PricePlan{Competitor: a.slug}, true, p.competitor.Name, model.DateOf(m.opts.Now()))
	case "edit-plan":
		ed = planForm(m.ctx, m.store, a.plan, false, p.competitor.Name, model.DateOf(m.opts.Now()))
	case "record-price":
		ed = recordPriceForm(m.ctx, m.store, a.plan, p.competitor.Name, model.DateOf(m.opts.Now()))
	case "delete-plan":
		pl := a.plan
		m.ask(newConfirm(fmt.Sprintf("Delete the plan %s of %s and its %d recorded prices?", termtext.Line(pl.Name), termtext.Line(p.competitor.Name), len(pl.Observations)),
			func() tea.Cmd { return deletePlanCmd(m.ctx, m.store, pl) }))
		return m, nil
	case "compare":
		rival := a.slug
		if p.competitor.IsSelf {
			rival = ""
		}
		m.open(m.picker)
		return m, m.picker.Open(m.data.competitors, rival)
	case "new-note":
		ed = noteForm(m.ctx, m.store, model.IntelNote{Competitor: a.slug, Date: model.DateOf(m.opts.Now())}, p.competitor.Name)
	case "edit-note":
		ed = noteForm(m.ctx, m.store, a.note, p.competitor.Name)
	case "delete-note":
		n := a.note
		m.ask(newConfirm("Delete the note “"+termtext.Line(n.Title)+"”?", func() tea.Cmd { return deleteNoteCmd(m.ctx, m.store, n) }))
		return m, nil
	default:
		return m, nil
	}
	return m, m.showForm(ed)
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
			m.profile.Open(m.pendingSlug, tab, "")
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

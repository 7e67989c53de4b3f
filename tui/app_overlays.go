package tui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// updateOverlays opens the analysis views (dashboard, reason codes, calculator) and applies
// their results. It reports whether it took the message.
func (m Model) updateOverlays(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case openDashboardMsg:
		if m.loading {
			return m, nil, true
		}
		if m.active != screenDashboard {
			m.previous = m.active
		}
		focus := ""
		if m.active == screenProfile && !m.data.profile(m.profile.Slug()).competitor.IsSelf {
			focus = m.profile.Slug()
		}
		m.dash.Focus(focus)
		m.active = screenDashboard
		m.layout()
		return m, nil, true
	case openReasonsMsg:
		m.open(m.reasons)
		return m, nil, true
	case reasonSavedMsg:
		if msg.err != nil {
			m.err, m.status = msg.err, ""
			return m, nil, true
		}
		m.err, m.status = nil, msg.status
		cmd := m.reload()
		return m, cmd, true
	case sectionFileMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, nil, true
		}
		return m, editSectionFileCmd(msg), true
	case sectionEditedMsg:
		return m, readSectionFileCmd(m.ctx, m.store, msg, model.DateOf(m.opts.Now())), true
	case copyBulletMsg:
		name := m.data.profile(msg.card.Competitor).competitor.Name
		return m, m.showForm(cardSectionForm(m.ctx, m.store, msg.card, name, model.DateOf(m.opts.Now()), msg.section, msg.text)), true
	case openPrepMsg:
		p := m.data.profile(msg.slug)
		if m.loading || p.competitor.Slug == "" {
			return m, nil, true
		}
		if p.competitor.IsSelf {
			m.err, m.status = nil, "Call prep is for a competitor: "+termtext.Line(p.competitor.Name)+" is our own product"
			return m, nil, true
		}
		if !m.data.ready(msg.slug, m.data.selfSlug()) {
			return m.waitForDetails(msg), nil, true
		}
		doc := m.data.cardDoc(msg.slug, m.profile.quoteIn, model.DateOf(m.opts.Now()))
		m.prep.Open(report.NewPrepSheet(doc))
		m.prepSlug = msg.slug
		m.open(m.prep)
		return m, sinceReviewCmd(m.ctx, m.store, doc, m.opts.Now()), true
	case sinceReviewMsg:
		if msg.err != nil {
			return m, nil, true
		}
		m.profile.SetSinceReview(msg.slug, msg.changes)
		if !m.isOpen(m.prep) || msg.slug != m.prepSlug || len(msg.changes) == 0 {
			return m, nil, true
		}
		doc := m.data.cardDoc(msg.slug, m.profile.quoteIn, model.DateOf(m.opts.Now()))
		doc.SinceReview = msg.changes
		m.prep.Refresh(report.NewPrepSheet(doc))
		return m, nil, true
	case cardExportedMsg:
		if msg.err != nil {
			m.err, m.status = msg.err, ""
		} else {
			m.err, m.status = nil, "Exported the battle card to "+shortenPath(msg.path)
		}
		return m, nil, true
	case openCalculatorMsg:
		if m.loading {
			return m, nil, true
		}
		m.calc.Open(m.data, m.home.version, msg.slugs)
		m.open(m.calc)
		return m, nil, true
	}
	return m, nil, false
}

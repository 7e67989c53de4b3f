package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// profileTab is one tab of the profile screen.
type profileTab int

// The profile tabs, in order (keys 1–7).
const (
	tabOverview profileTab = iota
	tabCard
	tabFeatures
	tabPricing
	tabWinLoss
	tabIntel
	tabChanges
	tabCount
)

var tabNames = [tabCount]string{"Overview", "Battle card", "Features", "Pricing", "Win/Loss", "Intel", "Changes"}

// Shorter tab names for when the full ones do not fit, still words a reader knows: first only
// the longest is shortened, then all of them.
var (
	shorterTabNames = [tabCount]string{"Overview", "Card", "Features", "Pricing", "Win/Loss", "Intel", "Changes"}
	shortTabNames   = [tabCount]string{"Overv.", "Card", "Feat.", "Price", "W/L", "Intel", "Chg."}
	tinyTabNames    = [tabCount]string{"Ov.", "Card", "Feat", "Price", "W/L", "Intel", "Chg"}
)

// backMsg asks the app to leave the current screen.
type backMsg struct{}

// profile shows one competitor in tabs, each a scrollable viewport.
type profile struct {
	styles *Styles
	keys   profileKeys
	today  model.Date

	data    catalogView
	version int
	// sinceReview holds, per competitor, what changed since its card's review, as read from
	// the history after the profile opened; reviewGen counts the readings, for the cache.
	sinceReview map[string][]model.Change
	reviewGen   int
	slug        string
	tab         profileTab
	width       int
	height      int

	vp viewport.Model
	// note is the selected intel note (Intel tab); noteStarts are the lines notes start on.
	note       int
	noteStarts []int
	// feature is the selected feature (Features tab); featureStarts are the lines they start on.
	feature       int
	featureStarts []int
	// plan is the selected plan (Pricing tab); planStarts are the lines they start on.
	plan       int
	planStarts []int
	// deal is the selected deal (Win/Loss tab) among those dealFilter keeps; dealStarts are
	// the lines they start on.
	deal       int
	dealStarts []int
	dealFilter dealFilter
	// quoteIn is the calculator's deal size, which the Pricing and Battle card tabs price at.
	quoteIn model.QuoteInput
	// cardSpot is the place on the battle card a search led to, marked and edited by enter;
	// cardStarts holds the line it starts on.
	cardSpot   cardSpot
	cardStarts []int
	// pendingJump is the row to select once the tab has loaded (a large catalog).
	pendingJump *jumpTarget
	// offsets remembers the scroll position of each tab while the profile is open.
	offsets [tabCount]int
	// content caches each tab's rendering; shared across model copies.
	content *map[string]tabRender
	// history is the Changes tab: the change history filtered to the competitor shown, with
	// the Changes view's own keys and filters. It is loaded whenever the tab is shown.
	history *changesView
}

func newProfile(styles *Styles, today model.Date) profile {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the profile's own bindings drive it
	cache := map[string]tabRender{}
	return profile{styles: styles, keys: newProfileKeys(), today: today, vp: vp, content: &cache, history: newChangesView(styles, ""),
		quoteIn: model.QuoteInput{Seats: model.DefaultSeats, Billing: model.PeriodYear}}
}

// Open shows a competitor on a tab, from the top, with the target's row selected and scrolled
// into view (see jumpTo).
func (p *profile) Open(slug string, tab profileTab, target jumpTarget) {
	if slug != p.slug {
		p.note, p.plan, p.deal, p.dealFilter = 0, 0, 0, dealFilter{}
	}
	p.slug, p.tab, p.cardSpot = slug, tab, cardSpot{}
	p.offsets = [tabCount]int{}
	p.refresh()
	p.vp.GotoTop()
	p.pendingJump = nil
	if !p.tabReady(tab) {
		p.pendingJump = &target // selected once the tab has loaded (see SetData)
		return
	}
	p.jumpTo(target)
}

// currentContent returns the rendered text of the current tab.
func (p profile) currentContent() string {
	return (*p.content)[p.cacheKey()].body
}

func (p profile) cacheKey() string {
	return fmt.Sprintf("%d.%d/%s/%d/%d/%d/%d/%d/%d/%+v/%+v/%+v", p.version, p.reviewGen, p.slug, p.tab, p.width, p.note, p.feature, p.plan, p.deal,
		p.quoteIn, p.dealFilter, p.cardSpot)
}

// SetSinceReview keeps what changed about a competitor since its card was reviewed, for the
// Battle card tab, keeping the place on the tab.
func (p *profile) SetSinceReview(slug string, changes []model.Change) {
	if p.sinceReview == nil {
		p.sinceReview = map[string][]model.Change{}
	}
	p.sinceReview[slug] = changes
	p.reviewGen++
	off := p.vp.YOffset
	p.refresh()
	p.vp.SetYOffset(off)
}

// SetQuoteInput sets the deal size the Pricing and Battle card tabs price at.
func (p *profile) SetQuoteInput(in model.QuoteInput) {
	p.quoteIn = in
	off := p.vp.YOffset
	p.refresh()
	p.vp.SetYOffset(off)
}

// updateKeys enables the bindings that apply to the current tab, so help shows the truth.
func (p *profile) updateKeys() {
	intel := p.tab == tabIntel
	features := p.tab == tabFeatures
	_, hasNote := p.selectedNote()
	_, hasFeature := p.selectedFeature()
	pricing := p.tab == tabPricing
	_, hasPlan := p.selectedPlan()
	p.keys.Edit.SetEnabled(!intel && !features && !pricing)
	p.keys.NewPlan.SetEnabled(pricing)
	p.keys.PricingFacts.SetEnabled(pricing)
	p.keys.EditPlan.SetEnabled(hasPlan)
	p.keys.DelPlan.SetEnabled(hasPlan)
	p.keys.RecordPrice.SetEnabled(hasPlan)
	pl, _ := p.selectedPlan()
	p.keys.CorrectPrice.SetEnabled(hasPlan && len(pl.Observations) > 0)
	p.keys.DeletePrice.SetEnabled(hasPlan && len(pl.Observations) > 0)
	p.keys.Calculator.SetEnabled(pricing || p.tab == tabCard || p.tab == tabOverview)
	winLoss := p.tab == tabWinLoss && !p.data.profile(p.slug).competitor.IsSelf
	_, hasDeal := p.selectedDeal()
	card := p.tab == tabCard && !p.data.profile(p.slug).competitor.IsSelf
	p.keys.Edit.SetEnabled(p.keys.Edit.Enabled() && !winLoss && !card)
	p.keys.EditCard.SetEnabled(card)
	p.keys.CopyCard.SetEnabled(card)
	hasCard := card && p.data.profile(p.slug).card != nil
	p.keys.NextClaim.SetEnabled(hasCard)
	p.keys.PrevClaim.SetEnabled(hasCard)
	p.keys.CopyFormat.SetEnabled(card)
	p.keys.EditSection.SetEnabled(card && p.cardSpot.section != "")
	p.keys.EditCardInEd.SetEnabled(card)
	p.keys.CopyEvidence.SetEnabled(card)
	rival := !p.data.profile(p.slug).competitor.IsSelf
	p.keys.ExportCard.SetEnabled(rival)
	p.keys.Prep.SetEnabled(rival)
	p.keys.EditDeal.SetEnabled(hasDeal)
	p.keys.DelDeal.SetEnabled(hasDeal)
	p.keys.FilterOutcome.SetEnabled(winLoss)
	p.keys.FilterSegment.SetEnabled(winLoss)
	p.keys.FilterDates.SetEnabled(winLoss)
	p.keys.EditCell.SetEnabled(hasFeature)
	p.keys.NewFeature.SetEnabled(features)
	p.keys.EditFeature.SetEnabled(hasFeature)
	p.keys.DelFeature.SetEnabled(hasFeature)
	p.keys.Verify.SetEnabled(hasFeature)
	p.keys.RenameCat.SetEnabled(hasFeature)
	if intel {
		p.keys.Down.SetHelp("↓/j", "next note")
		p.keys.Up.SetHelp("↑/k", "previous note")
	} else if features {
		p.keys.Down.SetHelp("↓/j", "next feature")
		p.keys.Up.SetHelp("↑/k", "previous feature")
	} else if pricing {
		p.keys.Down.SetHelp("↓/j", "next plan")
		p.keys.Up.SetHelp("↑/k", "previous plan")
	} else if winLoss {
		p.keys.Down.SetHelp("↓/j", "next deal")
		p.keys.Up.SetHelp("↑/k", "previous deal")
	} else {
		p.keys.Down.SetHelp("↓/j", "scroll down")
		p.keys.Up.SetHelp("↑/k", "scroll up")
	}
	p.keys.NewNote.SetEnabled(intel)
	p.keys.EditNote.SetEnabled(intel && hasNote)
	p.keys.DelNote.SetEnabled(intel && hasNote)
}

// SetData replaces the snapshot, keeping the tab and scroll position.
func (p *profile) SetData(v catalogView, version int) {
	selected, hadNote := p.selectedNote()
	selectedDeal, hadDeal := p.selectedDeal()
	p.data, p.version = v, version
	p.note = max(0, min(p.note, len(v.profile(p.slug).notes)-1))
	if hadNote { // stay on the same note when others were added or removed around it
		for i, n := range v.profile(p.slug).notes {
			if n.ID == selected.ID {
				p.note = i
			}
		}
	}
	p.feature = max(0, min(p.feature, len(v.features)-1))
	p.plan = max(0, min(p.plan, len(v.profile(p.slug).plans)-1))
	p.deal = max(0, min(p.deal, len(p.visibleDeals())-1))
	if hadDeal { // likewise for the deal under the cursor
		for i, d := range p.visibleDeals() {
			if d.Ref == selectedDeal.Ref {
				p.deal = i
			}
		}
	}
	off := p.vp.YOffset
	p.refresh()
	p.vp.SetYOffset(off)
	if p.pendingJump != nil && p.tabReady(p.tab) {
		target := *p.pendingJump
		p.pendingJump = nil
		p.jumpTo(target)
	}
}

// SetSize gives the screen its share of the terminal.
func (p *profile) SetSize(width, height int) {
	p.width, p.height = width, height
	p.vp.Width = width
	p.vp.Height = max(1, height-2) // tab bar and a blank line
	p.history.SetSize(width, p.vp.Height)
	off := p.vp.YOffset
	p.refresh()
	p.vp.SetYOffset(off)
}

// navigationKey reports whether a key leaves the tab or the profile, which works while a tab
// is still loading.
func (p profile) navigationKey(km tea.KeyMsg) bool {
	k := p.keys
	return key.Matches(km, k.Back) || key.Matches(km, k.NextTab) || key.Matches(km, k.PrevTab) || key.Matches(km, k.Tab) ||
		key.Matches(km, k.Calculator) || key.Matches(km, k.Compare)
}

// Slug returns the competitor shown.
func (p profile) Slug() string { return p.slug }

// refresh puts the current tab's rendering into the viewport.
func (p *profile) refresh() {
	if p.width <= 0 {
		return
	}
	cacheKey := p.cacheKey()
	r, ok := (*p.content)[cacheKey]
	if !ok {
		if len(*p.content) >= 64 { // old versions and sizes: start over rather than grow
			clear(*p.content)
		}
		r = p.renderTab(p.tab, p.width)
		r.body = fitWidth(r.body, p.width)
		(*p.content)[cacheKey] = r
	}
	switch p.tab {
	case tabIntel:
		p.noteStarts = r.starts
	case tabFeatures:
		p.featureStarts = r.starts
	case tabPricing:
		p.planStarts = r.starts
	case tabWinLoss:
		p.dealStarts = r.starts
	case tabCard:
		p.cardStarts = r.starts
	}
	body := r.body
	p.vp.SetContent(body)
	p.updateKeys()
}

// ShortHelp lists the main bindings for the footer.
func (p profile) ShortHelp() []key.Binding {
	if p.tab == tabChanges {
		return append([]key.Binding{p.keys.NextTab, p.keys.Tab}, p.history.ShortHelp()...)
	}
	return []key.Binding{p.keys.NextTab, p.keys.Tab, p.keys.Down, p.keys.Edit, p.keys.EditCell, p.keys.RecordPrice, p.keys.FilterOutcome, p.keys.EditDeal, p.keys.EditCard, p.keys.EditSection, p.keys.NewNote, p.keys.EditNote, p.keys.Prep, p.keys.Calculator, p.keys.Back}
}

// FullHelp lists every binding of the screen.
func (p profile) FullHelp() [][]key.Binding {
	if p.tab == tabChanges {
		return append([][]key.Binding{{p.keys.NextTab, p.keys.PrevTab, p.keys.Tab}}, p.history.FullHelp()...)
	}
	return [][]key.Binding{
		{p.keys.NextTab, p.keys.PrevTab, p.keys.Tab, p.keys.Back},
		{p.keys.Down, p.keys.Up, p.keys.PageDown, p.keys.PageUp, p.keys.Top, p.keys.Bottom},
		{p.keys.Edit, p.keys.NewNote, p.keys.EditNote, p.keys.DelNote, p.keys.Compare},
		{p.keys.EditCell, p.keys.NewFeature, p.keys.EditFeature, p.keys.DelFeature, p.keys.Verify, p.keys.RenameCat},
		{p.keys.RecordPrice, p.keys.CorrectPrice, p.keys.DeletePrice, p.keys.NewPlan, p.keys.EditPlan, p.keys.DelPlan, p.keys.PricingFacts, p.keys.Calculator},
		{p.keys.EditDeal, p.keys.DelDeal, p.keys.FilterOutcome, p.keys.FilterSegment, p.keys.FilterDates},
		{p.keys.EditCard, p.keys.EditSection, p.keys.EditCardInEd, p.keys.CopyEvidence, p.keys.NextClaim, p.keys.ExportCard, p.keys.CopyCard, p.keys.CopyFormat, p.keys.Prep},
	}
}

// Update handles the screen's keys.
func (p *profile) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if !p.tabReady(p.tab) && !p.navigationKey(km) {
		return nil // nothing to select or edit until the tab has loaded
	}
	if p.tab == tabChanges && !p.navigationKey(km) {
		return p.history.Update(km)
	}
	if a := p.itemAction(km); a != nil {
		return actionCmd(a)
	}
	switch {
	case key.Matches(km, p.keys.Back):
		return func() tea.Msg { return backMsg{} }
	case key.Matches(km, p.keys.NextTab):
		p.switchTab((p.tab + 1) % tabCount)
	case key.Matches(km, p.keys.PrevTab):
		p.switchTab((p.tab + tabCount - 1) % tabCount)
	case key.Matches(km, p.keys.Tab):
		p.switchTab(profileTab(km.Runes[0] - '1'))
	case key.Matches(km, p.keys.Edit):
		return actionCmd(editCompetitorMsg{slug: p.slug})
	case key.Matches(km, p.keys.Compare):
		return actionCmd(pickCompareMsg{slug: p.slug})
	case key.Matches(km, p.keys.EditCell):
		f, _ := p.selectedFeature()
		cell, ok := p.data.profile(p.slug).support[f.Key]
		if !ok {
			cell = model.Support{Competitor: p.slug, Feature: f.Key, Level: model.LevelUnknown}
		}
		return func() tea.Msg { return editCellMsg{cell: cell} }
	case key.Matches(km, p.keys.Prep), p.data.profile(p.slug).competitor.IsSelf && km.String() == "p":
		// On our own product the app says why there is no call prep.
		slug := p.slug
		return func() tea.Msg { return openPrepMsg{slug: slug} }
	case key.Matches(km, p.keys.Calculator):
		slug := p.slug
		return func() tea.Msg { return openCalculatorMsg{slugs: []string{slug}} }
	case key.Matches(km, p.keys.FilterOutcome), key.Matches(km, p.keys.FilterSegment), key.Matches(km, p.keys.FilterDates):
		p.cycleDealFilter(km)
	case key.Matches(km, p.keys.NextClaim):
		p.stepClaim(1)
	case key.Matches(km, p.keys.PrevClaim):
		p.stepClaim(-1)
	case p.tab == tabWinLoss && key.Matches(km, p.keys.Down):
		p.selectDeal(p.deal + 1)
	case p.tab == tabWinLoss && key.Matches(km, p.keys.Up):
		p.selectDeal(p.deal - 1)
	case p.tab == tabPricing && key.Matches(km, p.keys.Down):
		p.selectPlan(p.plan + 1)
	case p.tab == tabPricing && key.Matches(km, p.keys.Up):
		p.selectPlan(p.plan - 1)
	case p.tab == tabFeatures && key.Matches(km, p.keys.Down):
		p.selectFeature(p.feature + 1)
	case p.tab == tabFeatures && key.Matches(km, p.keys.Up):
		p.selectFeature(p.feature - 1)
	case p.tab == tabIntel && key.Matches(km, p.keys.Down):
		p.selectNote(p.note + 1)
	case p.tab == tabIntel && key.Matches(km, p.keys.Up):
		p.selectNote(p.note - 1)
	case key.Matches(km, p.keys.Down):
		p.vp.ScrollDown(1)
	case key.Matches(km, p.keys.Up):
		p.vp.ScrollUp(1)
	case key.Matches(km, p.keys.PageDown):
		p.vp.PageDown()
	case key.Matches(km, p.keys.PageUp):
		p.vp.PageUp()
	case key.Matches(km, p.keys.Top):
		p.vp.GotoTop()
	case key.Matches(km, p.keys.Bottom):
		p.vp.GotoBottom()
	}
	return nil
}

// itemAction maps the bindings that act on the selected note, feature, plan or deal, or on the
// battle card (each enabled only on its own tab), to the action they start; nil for any other
// key.
func (p profile) itemAction(km tea.KeyMsg) action {
	k := p.keys
	note := func() model.IntelNote { n, _ := p.selectedNote(); return n }
	feature := func() model.Feature { f, _ := p.selectedFeature(); return f }
	plan := func() model.PricePlan { pl, _ := p.selectedPlan(); return pl }
	deal := func() model.Deal { d, _ := p.selectedDeal(); return d }
	switch {
	case key.Matches(km, k.NewNote):
		return newNoteMsg{slug: p.slug}
	case key.Matches(km, k.EditNote):
		return editNoteMsg{note: note()}
	case key.Matches(km, k.DelNote):
		return deleteNoteMsg{note: note()}
	case key.Matches(km, k.NewFeature):
		return newFeatureMsg{category: feature().Category}
	case key.Matches(km, k.EditFeature):
		return editFeatureMsg{feature: feature()}
	case key.Matches(km, k.DelFeature):
		return deleteFeatureMsg{feature: feature()}
	case key.Matches(km, k.Verify):
		return verifyCategoryMsg{slug: p.slug, category: feature().Category}
	case key.Matches(km, k.RenameCat):
		return renameCategoryMsg{category: feature().Category}
	case key.Matches(km, k.NewPlan):
		return newPlanMsg{slug: p.slug}
	case key.Matches(km, k.EditPlan):
		return editPlanMsg{plan: plan()}
	case key.Matches(km, k.PricingFacts):
		return editPricingFactsMsg{slug: p.slug}
	case key.Matches(km, k.DelPlan):
		return deletePlanMsg{plan: plan()}
	case key.Matches(km, k.RecordPrice):
		return recordPriceMsg{plan: plan()}
	case key.Matches(km, k.CorrectPrice):
		return correctPriceMsg{plan: plan()}
	case key.Matches(km, k.DeletePrice):
		return deletePriceMsg{plan: plan()}
	case key.Matches(km, k.EditDeal):
		return editDealMsg{deal: deal()}
	case key.Matches(km, k.DelDeal):
		return deleteDealMsg{deal: deal()}
	case key.Matches(km, k.EditCard):
		return editCardMsg{slug: p.slug}
	case key.Matches(km, k.EditSection):
		return editCardMsg{slug: p.slug, section: p.cardSpot.section}
	case key.Matches(km, k.EditCardInEd):
		return editCardInEditorMsg{slug: p.slug}
	case key.Matches(km, k.CopyEvidence):
		return copyEvidenceMsg{slug: p.slug}
	case key.Matches(km, k.ExportCard):
		return exportCardMsg{slug: p.slug}
	case key.Matches(km, k.CopyCard):
		return copyCardMsg{slug: p.slug}

	case key.Matches(km, k.CopyFormat):
		return toggleCopyFormatMsg{}
	}
	return nil
}

// switchTab changes tab, remembering where each tab was scrolled to.
func (p *profile) switchTab(t profileTab) {
	if t < 0 || t >= tabCount || t == p.tab {
		return
	}
	p.pendingJump = nil
	p.offsets[p.tab] = p.vp.YOffset
	p.tab = t
	p.refresh()
	p.vp.SetYOffset(p.offsets[t])
}

// View renders the tab bar and the current tab.
func (p *profile) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	body := p.vp.View()
	if p.tab == tabChanges {
		body = p.history.View()
	}
	return fitBlock(p.tabBar()+"\n\n"+body, p.width, p.height)
}

// tabBar renders "Name  1 Overview  2 Battle card …". When that does not fit, the other tabs
// go by shorter names ("2 Card", then "1 Overv.  3 Feat."), then the competitor's name is
// cut, and only on the narrowest screens do the other tabs keep just their numbers.
func (p *profile) tabBar() string {
	st := p.styles
	name := termtext.Line(p.data.profile(p.slug).competitor.Name)
	render := func(labels [tabCount]string, nameWidth int, sep string) string {
		parts := []string{st.Heading.Render(truncate(name, nameWidth))}
		for i := range labels {
			label := fmt.Sprintf("%d %s", i+1, labels[i])
			if labels[i] == "" {
				label = fmt.Sprintf("%d", i+1)
			}
			if profileTab(i) == p.tab {
				label = fmt.Sprintf("%d %s", i+1, tabNames[i])
				parts = append(parts, st.TabActive.Render("["+label+"]")) // brackets show it without colour too
			} else {
				parts = append(parts, st.TabInactive.Render(label))
			}
		}
		return strings.Join(parts, sep)
	}
	full := lipgloss.Width(name)
	for _, try := range []struct {
		labels    [tabCount]string
		nameWidth int
		sep       string
	}{
		{tabNames, full, "  "},
		{shorterTabNames, full, "  "},
		{shortTabNames, full, "  "},
		{shortTabNames, min(full, 16), "  "},
		{shortTabNames, min(full, 16), " "},
		{tinyTabNames, min(full, 16), " "},
		{tinyTabNames, min(full, 12), " "},
		{[tabCount]string{}, min(full, 16), "  "},
	} {
		if bar := render(try.labels, try.nameWidth, try.sep); lipgloss.Width(bar) <= p.width {
			return bar
		}
	}
	return truncate(render([tabCount]string{}, min(full, 12), " "), p.width)
}

// renderTab renders one tab's full content at width.
func (p profile) renderTab(t profileTab, width int) tabRender {
	d := p.data.profile(p.slug)
	var r tabRender
	if !p.tabReady(t) {
		r.body = p.styles.Muted.Render("Loading " + termtext.Line(d.competitor.Name) + "…")
		return r
	}
	switch t {
	case tabOverview:
		r.body = renderSummary(p.styles, d, p.today, width, false)
	case tabCard:
		doc := report.CardDoc{}
		if !d.competitor.IsSelf {
			doc = p.data.cardDoc(p.slug, p.quoteIn, p.today)
			doc.SinceReview = p.sinceReview[p.slug]
		}
		var at int
		r.body, at = renderCard(p.styles, d, doc, p.today, p.cardSpot, width)
		if at >= 0 {
			r.starts = []int{at}
		}
	case tabFeatures:
		r.body, r.starts = renderFeatures(p.styles, p.data.features, d, p.today, p.feature, width)
	case tabPricing:
		r.body, r.starts = renderPricing(p.styles, d, p.data.quote([]string{p.slug}, p.quoteIn), p.today, p.plan, width)
	case tabWinLoss:
		r.body, r.starts = renderWinLoss(p.styles, d, p.data, p.dealFilter, p.today, p.deal, width)
	case tabIntel:
		r.body, r.starts = renderIntel(p.styles, d, p.note, width)
	}
	return r
}

// tabReady reports whether a tab's data is loaded. In a large catalog a competitor's cells,
// deals and notes arrive after the profile opens; the Pricing tab needs only plans, and the
// Battle card compares with our product, so it waits for both.
func (p profile) tabReady(t profileTab) bool {
	switch t {
	case tabPricing, tabChanges:
		return true
	case tabCard:
		return p.data.ready(p.slug, p.data.selfSlug())
	}
	return p.data.ready(p.slug)
}

// tabRender is one rendered tab: its text and, for list tabs, the line each item starts on.
type tabRender struct {
	body   string
	starts []int
}

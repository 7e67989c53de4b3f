package tui

// The profile's cursors: the selected note, feature, plan and deal of the list tabs.

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/model"
)

// SelectNoteID selects the Intel note with the given id, if it is shown.
func (p *profile) SelectNoteID(id int64) {
	for i, n := range p.data.profile(p.slug).notes {
		if n.ID == id {
			p.selectNote(i)
			return
		}
	}
}

// selectedNote returns the note under the cursor on the Intel tab.
func (p profile) selectedNote() (model.IntelNote, bool) {
	notes := p.data.profile(p.slug).notes
	if p.tab != tabIntel || p.note >= len(notes) {
		return model.IntelNote{}, false
	}
	return notes[p.note], true
}

// selectNote moves the note cursor and scrolls the note into view.
func (p *profile) selectNote(i int) {
	p.note = max(0, min(i, len(p.data.profile(p.slug).notes)-1))
	p.refresh()
	p.scrollTo(p.noteStarts, p.note)
}

// selectFeature moves the feature cursor and scrolls the feature into view.
func (p *profile) selectFeature(i int) {
	p.feature = max(0, min(i, len(p.data.features)-1))
	p.refresh()
	p.scrollTo(p.featureStarts, p.feature)
}

// scrollTo brings line starts[i] into view when it is not.
func (p *profile) scrollTo(starts []int, i int) {
	if i < 0 || i >= len(starts) {
		return
	}
	start := starts[i]
	if start < p.vp.YOffset || start >= p.vp.YOffset+p.vp.Height-3 {
		p.vp.SetYOffset(max(0, start-1))
	}
}

// selectPlan moves the plan cursor and scrolls the plan into view.
func (p *profile) selectPlan(i int) {
	p.plan = max(0, min(i, len(p.data.profile(p.slug).plans)-1))
	p.refresh()
	p.scrollTo(p.planStarts, p.plan)
}

// SelectPlanName selects the plan with the given name, if the competitor has one.
func (p *profile) SelectPlanName(name string) {
	for i, pl := range p.data.profile(p.slug).plans {
		if pl.Name == name {
			p.selectPlan(i)
			return
		}
	}
}

// selectedPlan returns the plan under the cursor on the Pricing tab.
func (p profile) selectedPlan() (model.PricePlan, bool) {
	plans := p.data.profile(p.slug).plans
	if p.tab != tabPricing || p.plan >= len(plans) {
		return model.PricePlan{}, false
	}
	return plans[p.plan], true
}

// visibleDeals are the deals the Win/Loss tab shows under its filter.
func (p profile) visibleDeals() []model.Deal {
	return p.dealFilter.apply(p.data.profile(p.slug).deals, p.slug, p.today)
}

// selectDeal moves the deal cursor and scrolls the deal into view.
func (p *profile) selectDeal(i int) {
	p.deal = max(0, min(i, len(p.visibleDeals())-1))
	p.refresh()
	p.scrollTo(p.dealStarts, p.deal)
}

// selectedDeal returns the deal under the cursor on the Win/Loss tab.
func (p profile) selectedDeal() (model.Deal, bool) {
	deals := p.visibleDeals()
	if p.tab != tabWinLoss || p.deal >= len(deals) {
		return model.Deal{}, false
	}
	return deals[p.deal], true
}

// cycleDealFilter moves one of the Win/Loss filters to its next value.
func (p *profile) cycleDealFilter(km tea.KeyMsg) {
	switch {
	case key.Matches(km, p.keys.FilterOutcome):
		outcomes := []string{}
		for _, o := range model.Outcomes {
			outcomes = append(outcomes, string(o))
		}
		p.dealFilter.outcome = model.Outcome(next(outcomes, string(p.dealFilter.outcome)))
	case key.Matches(km, p.keys.FilterSegment):
		p.dealFilter.segment = next(segmentsOf(p.data.profile(p.slug).deals), p.dealFilter.segment)
	case key.Matches(km, p.keys.FilterDates):
		p.dealFilter.span = (p.dealFilter.span + 1) % len(dateRanges)
	}
	p.deal = 0
	p.refresh()
	p.vp.GotoTop()
}

// selectedFeature returns the feature under the cursor on the Features tab.
func (p profile) selectedFeature() (model.Feature, bool) {
	if p.tab != tabFeatures || p.feature >= len(p.data.features) {
		return model.Feature{}, false
	}
	return p.data.features[p.feature], true
}

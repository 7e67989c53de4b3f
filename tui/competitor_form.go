package tui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// competitorDraft holds the form's text while the user edits a competitor.
type competitorDraft struct {
	taken                                          map[string]string // slug → name of every other competitor
	isSelf                                         bool
	creating                                       bool
	today                                          model.Date
	base                                           model.Competitor
	name, slug, website, positioning, segments, hq string
	founded, sizeBand, threat, status, tags        string
}

// competitor builds the competitor the draft describes (founded must already be numeric).
func (d *competitorDraft) competitor() model.Competitor {
	c := d.base
	c.Name, c.Website, c.Positioning, c.Headquarters = d.name, withScheme(d.website), d.positioning, d.hq
	c.IsSelf = d.isSelf
	c.Slug = d.slug
	if d.creating && strings.TrimSpace(d.slug) == "" {
		c.Slug = model.Slugify(d.name)
	}
	c.Segments, c.Tags = splitList(d.segments), splitList(d.tags)
	c.Founded, _ = strconv.Atoi(strings.TrimSpace(d.founded))
	c.SizeBand, c.Threat, c.Status = d.sizeBand, model.Threat(d.threat), model.Status(d.status)
	if c.IsSelf {
		c.Threat = model.ThreatNone
	}
	c.Normalize()
	return c
}

// check validates one field of the draft with the model's rules; a new competitor's slug (given
// or derived from the name) must also be free.
func (d *competitorDraft) check(field string) func(string) error {
	return func(string) error {
		c := d.competitor()
		if err := c.FieldProblem(field); err != nil {
			return fieldMessage(err)
		}
		if field == "founded" {
			if err := model.CheckFoundedYear(c.Founded, d.today); err != nil {
				return fieldMessage(err)
			}
		}
		if d.creating && (field == "slug" || (field == "name" && strings.TrimSpace(d.slug) == "")) {
			if other, ok := d.taken[c.Slug]; ok && c.Slug != "" {
				return fmt.Errorf("the slug %q is already %s's; choose another", c.Slug, other)
			}
		}
		return nil
	}
}

// problem is the draft's first problem as a *model.FieldError, checked before saving since
// ctrl+s saves without visiting every field.
func (d *competitorDraft) problem() error {
	for _, field := range []string{"name", "slug", "website", "positioning", "segments", "headquarters", "founded", "tags"} {
		if err := d.check(field)(""); err != nil {
			return &model.FieldError{Field: field, Msg: err.Error()}
		}
	}
	if s := strings.TrimSpace(d.founded); s != "" {
		if _, err := strconv.Atoi(s); err != nil {
			return &model.FieldError{Field: "founded", Msg: "a year such as 2014"}
		}
	}
	return d.competitor().Validate()
}

// competitorForm opens a form for a new competitor (c is zero) or for editing c.
func competitorForm(ctx context.Context, store *db.Store, c model.Competitor, creating bool, data catalogView, now func() time.Time) *editor {
	taken := map[string]string{}
	hasSelf := false
	for _, other := range data.competitors {
		if other.Slug != c.Slug {
			taken[other.Slug] = other.Name
			hasSelf = hasSelf || other.IsSelf
		}
	}
	d := &competitorDraft{taken: taken, isSelf: c.IsSelf, creating: creating, base: c, name: c.Name, slug: c.Slug, website: c.Website,
		positioning: c.Positioning, segments: strings.Join(c.Segments, ", "), hq: c.Headquarters,
		sizeBand: c.SizeBand, threat: string(c.Threat), status: string(c.Status), tags: strings.Join(c.Tags, ", ")}
	d.today = model.DateOf(now())
	if c.Founded != 0 {
		d.founded = strconv.Itoa(c.Founded)
	}
	if d.status == "" {
		d.status = string(model.StatusActive)
	}
	if creating && d.threat == "" {
		d.threat = string(model.ThreatMedium)
	}
	pages := func() []*huh.Group { return []*huh.Group{huh.NewGroup(d.fields(hasSelf)...)} }
	title := "New competitor"
	if !creating {
		title = "Edit " + c.Name
	}
	submit := func() tea.Cmd {
		comp := d.competitor()
		at := now()
		problem := d.problem()
		return func() tea.Msg {
			if problem != nil {
				return savedMsg{err: problem}
			}
			var saved model.Competitor
			var err error
			if creating {
				saved, err = store.CreateCompetitor(ctx, comp, at)
			} else {
				saved, err = store.SaveCompetitor(ctx, comp, at)
			}
			if err != nil {
				return savedMsg{err: err}
			}
			verb := "Saved"
			if creating {
				verb = "Created"
			}
			return savedMsg{status: verb + " " + saved.Name, slug: saved.Slug, tab: -1}
		}
	}
	return newEditor(title, submit, func() string { return fmt.Sprint(*d) }, pages)
}

// fields are the form's inputs over the draft.
func (d *competitorDraft) fields(hasSelf bool) []huh.Field {
	sizeOpts := []huh.Option[string]{huh.NewOption("unknown", "")}
	for _, b := range model.SizeBands {
		sizeOpts = append(sizeOpts, huh.NewOption(b, b))
	}
	var threatOpts []huh.Option[string]
	for _, t := range model.Threats {
		threatOpts = append(threatOpts, huh.NewOption(string(t), string(t)))
	}
	var statusOpts []huh.Option[string]
	for _, s := range model.Statuses {
		statusOpts = append(statusOpts, huh.NewOption(string(s), string(s)))
	}
	creating := d.creating
	fields := []huh.Field{
		huh.NewInput().Key("name").Title("Name *").DescriptionFunc(limited(fmt.Sprintf("Up to %d characters", model.MaxNameLen), &d.name, model.MaxNameLen), &d.name).Value(&d.name).Validate(d.check("name")),
	}
	if creating {
		fields = append(fields, huh.NewInput().Key("slug").Title("Slug").Description("Short id used on the command line; leave empty to derive it from the name").
			Value(&d.slug).Validate(d.check("slug")))
	}
	fields = append(fields,
		huh.NewInput().Key("website").Title("Website").Value(&d.website).Validate(d.check("website")),
		huh.NewText().Key("positioning").Title("Positioning").DescriptionFunc(limited("One line: how they describe themselves", &d.positioning, model.MaxShortLen), &d.positioning).Lines(2).Editor(editorCommand()...).
			Value(&d.positioning).Validate(d.check("positioning")),
		huh.NewInput().Key("segments").Title("Segments").Description("Comma-separated, e.g. smb, mid-market").Value(&d.segments).Validate(d.check("segments")),
		huh.NewInput().Key("headquarters").Title("Headquarters").DescriptionFunc(limited("City, country", &d.hq, model.MaxNameLen), &d.hq).Value(&d.hq).Validate(d.check("headquarters")),
		huh.NewInput().Key("founded").Title("Founded").Description("Year, not after this one").Value(&d.founded).Validate(func(s string) error {
			if s = strings.TrimSpace(s); s == "" {
				return nil
			}
			if _, err := strconv.Atoi(s); err != nil {
				return errors.New("a year such as 2014")
			}
			return d.check("founded")(s)
		}),
		huh.NewSelect[string]().Key("size_band").Title("Company size").Options(sizeOpts...).Value(&d.sizeBand).Filtering(false),
	)
	if creating && !hasSelf {
		fields = append(fields, huh.NewConfirm().Title("Is this our own product?").
			Description("Our product is the baseline of every comparison; the catalog has none yet").Value(&d.isSelf))
	}
	if !d.base.IsSelf {
		fields = append(fields, huh.NewSelect[string]().Key("threat").Title("Threat").Description("Ignored for our own product").
			Options(threatOpts...).Value(&d.threat).Filtering(false))
	}
	fields = append(fields,
		huh.NewSelect[string]().Key("status").Title("Status").Options(statusOpts...).Value(&d.status).Filtering(false),
		huh.NewInput().Key("tags").Title("Tags").Description("Comma-separated").Value(&d.tags).Validate(d.check("tags")),
	)
	return fields
}

// deleteImpactMsg carries what a competitor's deletion would take with it.
type deleteImpactMsg struct {
	slug, name string
	isSelf     bool
	impact     db.DeleteImpact
	err        error
}

func deleteImpactCmd(ctx context.Context, store *db.Store, c model.Competitor) tea.Cmd {
	return func() tea.Msg {
		imp, err := store.DeleteImpactOf(ctx, c.Slug)
		return deleteImpactMsg{slug: c.Slug, name: c.Name, isSelf: c.IsSelf, impact: imp, err: err}
	}
}

// describeImpact says in words what goes with a deleted competitor.
func describeImpact(name string, isSelf bool, d db.DeleteImpact) string {
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(d.Support, "feature-matrix cell", "feature-matrix cells")
	add(d.Plans, "pricing plan with its history", "pricing plans with their history")
	add(d.Notes, "intel note", "intel notes")
	add(d.Cards, "battle card", "battle cards")
	add(d.DealsOnlyThem, "deal that faced only them", "deals that faced only them")
	q := "Delete " + name + "?"
	if isSelf {
		q += " It is our own product: comparisons lose their baseline until another product is marked as ours."
	}
	if len(parts) > 0 {
		q += " This also deletes " + strings.Join(parts, ", ") + "."
	}
	if d.DealsShared > 0 {
		q += fmt.Sprintf(" %d deals that also faced other competitors are kept, without %s.", d.DealsShared, name)
	}
	return q
}

func deleteCompetitorCmd(ctx context.Context, store *db.Store, slug, name string) tea.Cmd {
	return func() tea.Msg {
		if err := store.DeleteCompetitor(ctx, slug); err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: "Deleted " + name, home: true}
	}
}

// newCompetitorMsg asks for the form of a new competitor.
type newCompetitorMsg struct{}

func (newCompetitorMsg) start(m *Model) tea.Cmd {
	return m.showForm(competitorForm(m.ctx, m.store, model.Competitor{}, true, m.data, m.opts.Now))
}

// editCompetitorMsg asks for the form of a competitor.
type editCompetitorMsg struct{ slug string }

func (a editCompetitorMsg) start(m *Model) tea.Cmd {
	return m.showForm(competitorForm(m.ctx, m.store, m.data.profile(a.slug).competitor, false, m.data, m.opts.Now))
}

// deleteCompetitorMsg asks to delete a competitor. The question comes once the store has
// counted what goes with it (deleteImpactMsg).
type deleteCompetitorMsg struct{ slug string }

func (a deleteCompetitorMsg) start(m *Model) tea.Cmd {
	return deleteImpactCmd(m.ctx, m.store, m.data.profile(a.slug).competitor)
}

package tui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// cellSavedMsg reports a saved matrix cell, applied to the views without reloading everything.
type cellSavedMsg struct {
	cell model.Support
	err  error
}

// cellForm edits one matrix cell; saving stamps it verified today.
func cellForm(ctx context.Context, store *db.Store, st *Styles, cell model.Support, feature, product string, today model.Date) *editor {
	level := string(cell.Level)
	note, src := cell.Note, cell.Source
	var levelOpts []huh.Option[string]
	for _, l := range model.Levels {
		levelOpts = append(levelOpts, huh.NewOption(st.Glyphs[l]+" "+string(l), string(l)))
	}
	draft := func() model.Support {
		c := cell
		c.Level, c.Note, c.Source, c.VerifiedAt = model.Level(level), note, withScheme(src), today
		c.Normalize()
		return c
	}
	check := func(field string) func(string) error {
		return func(string) error {
			err := draft().Validate()
			var fe *model.FieldError
			if errors.As(err, &fe) && fe.Field == field {
				return errors.New(fe.Msg)
			}
			return nil
		}
	}
	pages := func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(
			huh.NewSelect[string]().Key("level").Title("Level").Options(levelOpts...).Value(&level).Filtering(false),
			huh.NewInput().Key("note").Title("Note").Description("e.g. Enterprise plan only").Value(&note).Validate(check("note")),
			huh.NewInput().Key("source").Title("Source URL").Description("Where this was verified; saving marks it verified today").Value(&src).Validate(check("source")),
		)}
	}
	submit := func() tea.Cmd {
		c := draft()
		problem := c.Validate()
		return func() tea.Msg {
			if problem != nil {
				return cellSavedMsg{err: problem}
			}
			saved, err := store.SaveSupport(ctx, c)
			return cellSavedMsg{cell: saved, err: err}
		}
	}
	return newEditor(product+" · "+feature, submit, func() string { return level + "\x00" + note + "\x00" + src }, pages)
}

// featureForm opens a form for a new feature (creating) or for editing f. The key of a new
// feature is derived from its name unless given.
func featureForm(ctx context.Context, store *db.Store, f model.Feature, creating bool, data catalogView) *editor {
	taken := map[string]bool{}
	var categories []string
	seen := map[string]bool{}
	for _, other := range data.features {
		taken[other.Key] = other.Key != f.Key
		if !seen[other.Category] {
			seen[other.Category] = true
			categories = append(categories, other.Category)
		}
	}
	name, keyText, category, desc := f.Name, f.Key, f.Category, f.Description
	weight := strconv.Itoa(f.Weight)
	if creating {
		weight = "3"
	}
	draft := func() model.Feature {
		d := f
		d.Name, d.Category, d.Description = name, category, desc
		d.Key = strings.TrimSpace(keyText)
		if creating && d.Key == "" {
			d.Key = strings.ReplaceAll(model.Slugify(name), "-", "_")
		}
		d.Weight, _ = strconv.Atoi(weight)
		d.Normalize()
		return d
	}
	check := func(field string) func(string) error {
		return func(string) error {
			d := draft()
			err := d.Validate()
			var fe *model.FieldError
			if errors.As(err, &fe) && fe.Field == field {
				return errors.New(fe.Msg)
			}
			if creating && (field == "key" || (field == "name" && strings.TrimSpace(keyText) == "")) && taken[d.Key] {
				return fmt.Errorf("the key %q is already used by another feature", d.Key)
			}
			return nil
		}
	}
	var weightOpts []huh.Option[string]
	for w := 0; w <= model.MaxWeight; w++ {
		label := strconv.Itoa(w)
		switch w {
		case 0:
			label += " (not scored)"
		case model.MaxWeight:
			label += " (critical)"
		}
		weightOpts = append(weightOpts, huh.NewOption(label, strconv.Itoa(w)))
	}
	pages := func() []*huh.Group {
		fields := []huh.Field{huh.NewInput().Key("name").Title("Name *").DescriptionFunc(limited(fmt.Sprintf("Up to %d characters", model.MaxNameLen), &name, model.MaxNameLen), &name).Value(&name).Validate(check("name"))}
		if creating {
			fields = append(fields, huh.NewInput().Key("key").Title("Key").Description("Stable id for imports; leave empty to derive it from the name").
				Value(&keyText).Validate(check("key")))
		}
		fields = append(fields,
			huh.NewInput().Key("category").Title("Category *").Description("An existing one or a new one").Suggestions(categories).
				Value(&category).Validate(check("category")),
			huh.NewText().Key("description").Title("Description").Lines(3).Editor(editorCommand()...).Value(&desc).Validate(check("description")),
			huh.NewSelect[string]().Key("weight").Title("Weight").Description("How much it counts in scores").Options(weightOpts...).Value(&weight).Filtering(false),
		)
		return []*huh.Group{huh.NewGroup(fields...)}
	}
	title := "New feature"
	if !creating {
		title = "Edit feature " + f.Name
	}
	submit := func() tea.Cmd {
		d := draft()
		problem := d.Validate()
		if problem == nil {
			for _, field := range []string{"name", "key"} {
				if err := check(field)(""); err != nil {
					problem = &model.FieldError{Field: field, Msg: err.Error()}
					break
				}
			}
		}
		return func() tea.Msg {
			if problem != nil {
				return savedMsg{err: problem}
			}
			saved, err := store.SaveFeature(ctx, d)
			if err != nil {
				return savedMsg{err: err}
			}
			return savedMsg{status: "Saved feature " + saved.Name, tab: -1}
		}
	}
	return newEditor(title, submit, func() string { return fmt.Sprint(name, keyText, category, desc, weight) }, pages)
}

// renameCategoryForm asks for a category's new name; an existing name merges the two.
func renameCategoryForm(ctx context.Context, store *db.Store, from string) *editor {
	to := from
	pages := func() []*huh.Group {
		return []*huh.Group{huh.NewGroup(huh.NewInput().Key("name").Title("New name *").Description("Renaming to an existing category merges the two").
			Value(&to).Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("is required")
			}
			return nil
		}))}
	}
	submit := func() tea.Cmd {
		name := strings.TrimSpace(to)
		return func() tea.Msg {
			if name == "" {
				return savedMsg{err: &model.FieldError{Field: "name", Msg: "is required"}}
			}
			n, err := store.RenameCategory(ctx, from, name)
			if err != nil {
				return savedMsg{err: err}
			}
			return savedMsg{status: fmt.Sprintf("Moved %d features to %s", n, name), tab: -1}
		}
	}
	return newEditor("Rename category "+from, submit, func() string { return to }, pages)
}

func deleteFeatureCmd(ctx context.Context, store *db.Store, f model.Feature) tea.Cmd {
	return func() tea.Msg {
		if err := store.DeleteFeature(ctx, f.Key); err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: "Deleted feature " + f.Name, tab: -1}
	}
}

func markVerifiedCmd(ctx context.Context, store *db.Store, slug, name, category string, today model.Date) tea.Cmd {
	return func() tea.Msg {
		n, err := store.MarkVerified(ctx, slug, category, today)
		if err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: fmt.Sprintf("Marked %d %s cells of %s verified today", n, category, name), slug: slug, tab: tabFeatures}
	}
}

// newFeatureMsg asks for the form of a new feature, in the category of the one selected.
type newFeatureMsg struct{ category string }

func (a newFeatureMsg) start(m *Model) tea.Cmd {
	return m.showForm(featureForm(m.ctx, m.store, model.Feature{Category: a.category}, true, m.data))
}

// editFeatureMsg asks for the form of a feature.
type editFeatureMsg struct{ feature model.Feature }

func (a editFeatureMsg) start(m *Model) tea.Cmd {
	return m.showForm(featureForm(m.ctx, m.store, a.feature, false, m.data))
}

// renameCategoryMsg asks for the form renaming a category.
type renameCategoryMsg struct{ category string }

func (a renameCategoryMsg) start(m *Model) tea.Cmd {
	return m.showForm(renameCategoryForm(m.ctx, m.store, a.category))
}

// deleteFeatureMsg asks to delete a feature and its matrix cells, once the user says yes.
type deleteFeatureMsg struct{ feature model.Feature }

func (a deleteFeatureMsg) start(m *Model) tea.Cmd {
	ctx, store, f := m.ctx, m.store, a.feature
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
	m.ask(newConfirm(question, func() tea.Cmd { return deleteFeatureCmd(ctx, store, f) }))
	return nil
}

// verifyCategoryMsg asks to mark a competitor's recorded cells of a category verified today,
// once the user says yes.
type verifyCategoryMsg struct{ slug, category string }

func (a verifyCategoryMsg) start(m *Model) tea.Cmd {
	ctx, store, slug, cat := m.ctx, m.store, a.slug, a.category
	today := model.DateOf(m.opts.Now())
	name := m.data.profile(slug).competitor.Name
	c := newConfirm(fmt.Sprintf("Mark every recorded %s cell of %s as verified today (%s)?", termtext.Line(cat), termtext.Line(name), today),
		func() tea.Cmd { return markVerifiedCmd(ctx, store, slug, name, cat, today) })
	c.keys.Yes.SetHelp("y", "yes")
	m.ask(c)
	return nil
}

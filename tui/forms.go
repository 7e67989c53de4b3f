package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// formDoneMsg says the open form was submitted or cancelled.
type formDoneMsg struct{}

// savedMsg reports the outcome of a save or delete run in a command.
type savedMsg struct {
	status string // confirmation for the status bar
	slug   string // competitor to select afterwards ("" keeps the selection)
	tab    profileTab
	home   bool // go back to the home screen (the competitor is gone)
	noteID int64
	plan   string // plan to select afterwards, by name
	err    error
}

// editor is an open form: the huh form plus what to do with its values. It takes every
// message while it is on top (see updateEditor) and draws its own help.
type editor struct {
	title  string
	form   *huh.Form
	submit func() tea.Cmd
	styles *Styles
	width  int
	height int
}

// Update hands a message to the form.
func (e *editor) Update(msg tea.Msg) tea.Cmd {
	f, cmd := e.form.Update(msg)
	if form, ok := f.(*huh.Form); ok {
		e.form = form
	}
	return cmd
}

// View draws the title over the form.
func (e *editor) View() string {
	return fitBlock(e.styles.Heading.Render(termtext.Line(e.title))+"\n\n"+e.form.View(), e.width, e.height)
}

// SetSize gives the form the space under its title.
func (e *editor) SetSize(width, height int) {
	e.width, e.height = width, height
	// Title and blank line above; huh draws a blank line before its footer that its own height
	// does not count.
	e.form = e.form.WithWidth(width).WithHeight(max(1, height-3))
}

// ShortHelp is empty: the form shows its own help.
func (e *editor) ShortHelp() []key.Binding { return nil }

// FullHelp is empty: the form shows its own help.
func (e *editor) FullHelp() [][]key.Binding { return nil }

// newEditor wraps fields in a form whose completion is reported as formDoneMsg; esc cancels.
func newEditor(title string, submit func() tea.Cmd, groups ...*huh.Group) *editor {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	f := huh.NewForm(groups...).WithKeyMap(km).WithTheme(huh.ThemeCharm()).WithShowHelp(true)
	f.SubmitCmd = func() tea.Msg { return formDoneMsg{} }
	f.CancelCmd = func() tea.Msg { return formDoneMsg{} }
	return &editor{title: title, form: f, submit: submit}
}

// fieldMessage turns a model's field problem into the message a form shows under the field.
func fieldMessage(err error) error {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return errors.New(fe.Msg)
	}
	return err
}

// splitList turns "a, b, c" into a list.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// competitorDraft holds the form's text while the user edits a competitor.
type competitorDraft struct {
	taken                                          map[string]string // slug → name of every other competitor
	isSelf                                         bool
	creating                                       bool
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
		if d.creating && (field == "slug" || (field == "name" && strings.TrimSpace(d.slug) == "")) {
			if other, ok := d.taken[c.Slug]; ok && c.Slug != "" {
				return fmt.Errorf("the slug %q is already %s's; choose another", c.Slug, other)
			}
		}
		return nil
	}
}

// withScheme adds https:// to a web address typed without one.
func withScheme(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && !strings.Contains(s, "://") {
		return "https://" + s
	}
	return s
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
	if c.Founded != 0 {
		d.founded = strconv.Itoa(c.Founded)
	}
	if d.status == "" {
		d.status = string(model.StatusActive)
	}
	if creating && d.threat == "" {
		d.threat = string(model.ThreatMedium)
	}
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
	fields := []huh.Field{
		huh.NewInput().Title("Name").Value(&d.name).Validate(d.check("name")),
	}
	if creating {
		fields = append(fields, huh.NewInput().Title("Slug").Description("Short id used on the command line; leave empty to derive it from the name").
			Value(&d.slug).Validate(d.check("slug")))
	}
	fields = append(fields,
		huh.NewInput().Title("Website").Value(&d.website).Validate(d.check("website")),
		huh.NewText().Title("Positioning").Description("One line: how they describe themselves").Lines(2).Editor(editorCommand()...).
			Value(&d.positioning).Validate(d.check("positioning")),
		huh.NewInput().Title("Segments").Description("Comma-separated, e.g. smb, mid-market").Value(&d.segments).Validate(d.check("segments")),
		huh.NewInput().Title("Headquarters").Value(&d.hq).Validate(d.check("headquarters")),
		huh.NewInput().Title("Founded").Value(&d.founded).Validate(func(s string) error {
			if s = strings.TrimSpace(s); s == "" {
				return nil
			}
			if _, err := strconv.Atoi(s); err != nil {
				return errors.New("a year such as 2014")
			}
			return d.check("founded")(s)
		}),
		huh.NewSelect[string]().Title("Company size").Options(sizeOpts...).Value(&d.sizeBand).Filtering(false),
	)
	if creating && !hasSelf {
		fields = append(fields, huh.NewConfirm().Title("Is this our own product?").
			Description("Our product is the baseline of every comparison; the catalog has none yet").Value(&d.isSelf))
	}
	if !c.IsSelf {
		fields = append(fields, huh.NewSelect[string]().Title("Threat").Description("Ignored for our own product").
			Options(threatOpts...).Value(&d.threat).Filtering(false))
	}
	fields = append(fields,
		huh.NewSelect[string]().Title("Status").Options(statusOpts...).Value(&d.status).Filtering(false),
		huh.NewInput().Title("Tags").Description("Comma-separated").Value(&d.tags).Validate(d.check("tags")),
	)
	title := "New competitor"
	if !creating {
		title = "Edit " + c.Name
	}
	submit := func() tea.Cmd {
		comp := d.competitor()
		at := now()
		return func() tea.Msg {
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
	return newEditor(title, submit, huh.NewGroup(fields...))
}

// noteDraft holds the form's text while the user edits an intel note.
type noteDraft struct {
	base                   model.IntelNote
	date, title, body, src string
	tags                   string
}

func (d *noteDraft) note() model.IntelNote {
	n := d.base
	n.Date, _ = model.ParseDate(strings.TrimSpace(d.date))
	n.Title, n.Body, n.Source, n.Tags = d.title, d.body, d.src, splitList(d.tags)
	n.Normalize()
	return n
}

func (d *noteDraft) check(field string) func(string) error {
	return func(string) error { return fieldMessage(d.note().FieldProblem(field)) }
}

// noteForm opens a form for a new note (n.ID == 0) or for editing n.
func noteForm(ctx context.Context, store *db.Store, n model.IntelNote, competitorName string) *editor {
	d := &noteDraft{base: n, date: n.Date.String(), title: n.Title, body: n.Body, src: n.Source, tags: strings.Join(n.Tags, ", ")}
	fields := []huh.Field{
		huh.NewInput().Title("Date").Description("YYYY-MM-DD").Value(&d.date).Validate(func(s string) error {
			if _, err := model.ParseDate(strings.TrimSpace(s)); err != nil {
				return err
			}
			return d.check("date")(s)
		}),
		huh.NewInput().Title("Title").Value(&d.title).Validate(d.check("title")),
		huh.NewText().Title("Note").Description("ctrl+e opens " + editorName()).Editor(editorCommand()...).Lines(6).Value(&d.body).Validate(d.check("body")),
		huh.NewInput().Title("Source URL").Value(&d.src).Validate(d.check("source")),
		huh.NewInput().Title("Tags").Description("Comma-separated").Value(&d.tags).Validate(d.check("tags")),
	}
	title := "New note on " + competitorName
	if n.ID != 0 {
		title = "Edit note on " + competitorName
	}
	submit := func() tea.Cmd {
		note := d.note()
		return func() tea.Msg {
			saved, err := store.SaveNote(ctx, note)
			if err != nil {
				return savedMsg{err: err}
			}
			return savedMsg{status: "Saved note “" + saved.Title + "”", slug: saved.Competitor, tab: tabIntel, noteID: saved.ID}
		}
	}
	return newEditor(title, submit, huh.NewGroup(fields...))
}

// confirm is a yes/no question before something destructive. It takes only its answers and
// is done with once one is given.
type confirm struct {
	question string
	yes      func() tea.Cmd
	keys     confirmKeys
	styles   *Styles
	answered bool
	width    int
	height   int
}

type confirmKeys struct{ Yes, No key.Binding }

// Update takes the answer: yes starts the command the question guards.
func (c *confirm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, c.keys.Yes):
		c.answered = true
		return c.yes()
	case key.Matches(km, c.keys.No):
		c.answered = true
	}
	return nil
}

// finished reports whether the question has been answered.
func (c *confirm) finished() bool { return c.answered }

// View draws the question and how to answer it.
func (c *confirm) View() string {
	q := strings.Join(wrap(c.styles.Heading.Render(termtext.Line(c.question)), max(c.width-4, 8)), "\n")
	return fitBlock("\n"+q+"\n\n"+c.styles.Muted.Render(c.keys.Yes.Help().Key+" "+c.keys.Yes.Help().Desc+" · n cancel"), c.width, c.height)
}

// SetSize gives the question its share of the terminal.
func (c *confirm) SetSize(width, height int) { c.width, c.height = width, height }

// ShortHelp lists the question's answers.
func (c *confirm) ShortHelp() []key.Binding { return []key.Binding{c.keys.Yes, c.keys.No} }

// FullHelp lists the question's answers.
func (c *confirm) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }

func newConfirm(question string, yes func() tea.Cmd) *confirm {
	return &confirm{question: question, yes: yes, keys: confirmKeys{
		Yes: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, delete")),
		No:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "cancel")),
	}}
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

func deleteNoteCmd(ctx context.Context, store *db.Store, n model.IntelNote) tea.Cmd {
	return func() tea.Msg {
		if err := store.DeleteNote(ctx, n.ID); err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: "Deleted note “" + n.Title + "”", slug: n.Competitor, tab: tabIntel}
	}
}

// editorCommand is the external editor for long text: $VISUAL, else $EDITOR, else vi (which,
// unlike huh's default nano, every Unix has).
func editorCommand() []string {
	for _, env := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(os.Getenv(env)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

func editorName() string { return editorCommand()[0] }

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
	fields := []huh.Field{
		huh.NewSelect[string]().Title("Level").Options(levelOpts...).Value(&level).Filtering(false),
		huh.NewInput().Title("Note").Description("e.g. Enterprise plan only").Value(&note).Validate(check("note")),
		huh.NewInput().Title("Source URL").Description("Where this was verified; saving marks it verified today").Value(&src).Validate(check("source")),
	}
	submit := func() tea.Cmd {
		c := draft()
		return func() tea.Msg {
			saved, err := store.SaveSupport(ctx, c)
			return cellSavedMsg{cell: saved, err: err}
		}
	}
	return newEditor(product+" · "+feature, submit, huh.NewGroup(fields...))
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
	fields := []huh.Field{huh.NewInput().Title("Name").Value(&name).Validate(check("name"))}
	if creating {
		fields = append(fields, huh.NewInput().Title("Key").Description("Stable id for imports; leave empty to derive it from the name").
			Value(&keyText).Validate(check("key")))
	}
	fields = append(fields,
		huh.NewInput().Title("Category").Description("An existing one or a new one").Suggestions(categories).
			Value(&category).Validate(check("category")),
		huh.NewText().Title("Description").Lines(3).Editor(editorCommand()...).Value(&desc).Validate(check("description")),
		huh.NewSelect[string]().Title("Weight").Description("How much it counts in scores").Options(weightOpts...).Value(&weight).Filtering(false),
	)
	title := "New feature"
	if !creating {
		title = "Edit feature " + f.Name
	}
	submit := func() tea.Cmd {
		d := draft()
		return func() tea.Msg {
			saved, err := store.SaveFeature(ctx, d)
			if err != nil {
				return savedMsg{err: err}
			}
			return savedMsg{status: "Saved feature " + saved.Name, tab: -1}
		}
	}
	return newEditor(title, submit, huh.NewGroup(fields...))
}

// renameCategoryForm asks for a category's new name; an existing name merges the two.
func renameCategoryForm(ctx context.Context, store *db.Store, from string) *editor {
	to := from
	fields := []huh.Field{huh.NewInput().Title("New name").Description("Renaming to an existing category merges the two").
		Value(&to).Validate(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("is required")
		}
		return nil
	})}
	submit := func() tea.Cmd {
		name := strings.TrimSpace(to)
		return func() tea.Msg {
			n, err := store.RenameCategory(ctx, from, name)
			if err != nil {
				return savedMsg{err: err}
			}
			return savedMsg{status: fmt.Sprintf("Moved %d features to %s", n, name), tab: -1}
		}
	}
	return newEditor("Rename category "+from, submit, huh.NewGroup(fields...))
}

func deleteFeatureCmd(ctx context.Context, store *db.Store, f model.Feature) tea.Cmd {
	return func() tea.Msg {
		if err := store.DeleteFeature(ctx, f.Key); err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: "Deleted feature " + f.Name, tab: -1}
	}
}

func markVerifiedCmd(ctx context.Context, store *db.Store, slug, category string, today model.Date) tea.Cmd {
	return func() tea.Msg {
		n, err := store.MarkVerified(ctx, slug, category, today)
		if err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: fmt.Sprintf("Marked %d cells of %s verified today", n, category), slug: slug, tab: tabFeatures}
	}
}

package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// cardSectionForm edits one section of a competitor's battle card: pick the section, then edit
// its text (ctrl+e hands it to $EDITOR). Saving marks the card reviewed today. With preset,
// the form opens on that section with extra added to its text, for editing.
func cardSectionForm(ctx context.Context, store *db.Store, k model.BattleCard, product string, today model.Date, preset, extra string) *editor {
	section := model.CardSections[0].Key
	if preset != "" {
		section = preset
	}
	texts := map[string]*string{}
	for _, s := range model.CardSections {
		text := k.SectionText(s.Key)
		if s.Key == preset && extra != "" {
			text = appendToSection(s.Key, text, extra)
		}
		texts[s.Key] = &text
	}
	var ed *editor
	pages := func() []*huh.Group {
		var opts []huh.Option[string]
		groups := []*huh.Group{nil}
		for _, s := range model.CardSections {
			opts = append(opts, huh.NewOption(s.Title, s.Key))
			key := s.Key
			check := func(v string) error {
				c := k
				if err := c.SetSectionText(key, v); err != nil {
					return err
				}
				c.Normalize()
				return fieldMessage(c.Validate())
			}
			groups = append(groups, huh.NewGroup(
				huh.NewText().Key(key).Title(s.Title).Description(s.Help+ed.externalEditorHint(" ctrl+e opens "+editorName()+".")).
					Lines(12).CharLimit(model.MaxTextLen).Editor(editorCommand()...).Value(texts[key]).Validate(check),
			).WithHideFunc(func() bool { return section != key }))
		}
		groups[0] = huh.NewGroup(huh.NewSelect[string]().Title("Section").Options(opts...).Value(&section).Height(len(opts))).
			WithHideFunc(func() bool { return preset != "" })
		return groups
	}
	values := func() string {
		var b strings.Builder
		for _, s := range model.CardSections {
			b.WriteString(*texts[s.Key] + "\x00")
		}
		return b.String()
	}
	submit := func() tea.Cmd {
		c := k
		err := c.SetSectionText(section, *texts[section])
		c.LastReviewed = today
		return saveCardCmd(ctx, store, c, section, err)
	}
	ed = newEditor("Edit the battle card · "+termtext.Line(product), submit, values, pages)
	return ed
}

// saveCardCmd saves a card edited in one section (or reports the error that stopped it).
func saveCardCmd(ctx context.Context, store *db.Store, k model.BattleCard, section string, err error) tea.Cmd {
	return func() tea.Msg {
		if err == nil {
			_, err = store.SaveCard(ctx, k)
		}
		if err != nil {
			return savedMsg{err: err}
		}
		return savedMsg{status: fmt.Sprintf("Saved %s; card reviewed %s", sectionTitle(section), k.LastReviewed), slug: k.Competitor, tab: tabCard}
	}
}

func sectionTitle(key string) string {
	for _, s := range model.CardSections {
		if s.Key == key {
			return s.Title
		}
	}
	return key
}

// cardEditorPickForm asks which section to open in $EDITOR.
func cardEditorPickForm(k model.BattleCard, product string) *editor {
	section := model.CardSections[0].Key
	var opts []huh.Option[string]
	for _, s := range model.CardSections {
		opts = append(opts, huh.NewOption(s.Title, s.Key))
	}
	submit := func() tea.Cmd {
		return writeSectionFileCmd(k, section)
	}
	return newEditor("Open a section of "+termtext.Line(product)+"'s card in "+editorName(), submit, func() string { return section },
		func() []*huh.Group {
			return []*huh.Group{huh.NewGroup(huh.NewSelect[string]().Title("Section").Options(opts...).Value(&section).Height(len(opts)))}
		}).choosing()
}

// sectionFileMsg says a section's text is in a temporary file, ready for the editor.
type sectionFileMsg struct {
	card    model.BattleCard
	section string
	path    string
	err     error
}

// sectionEditedMsg says the editor closed on a section's file.
type sectionEditedMsg struct {
	card    model.BattleCard
	section string
	path    string
	err     error
}

// sectionHeader explains the file the editor shows; lines starting with "#" are dropped.
func sectionHeader(k model.BattleCard, section string) string {
	help := ""
	for _, s := range model.CardSections {
		if s.Key == section {
			help = s.Title + " (" + k.Competitor + "): " + s.Help
		}
	}
	return "# " + help + "\n# Lines starting with # are ignored. Save and quit to store it; an empty file clears the section.\n"
}

// writeSectionFileCmd writes the section's current text to a temporary file.
func writeSectionFileCmd(k model.BattleCard, section string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "rivals-card-*.txt")
		if err != nil {
			return sectionFileMsg{err: err}
		}
		_, err = f.WriteString(sectionHeader(k, section) + k.SectionText(section) + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return sectionFileMsg{card: k, section: section, path: f.Name(), err: err}
	}
}

// editSectionFileCmd runs $EDITOR on the file, suspending the TUI while it runs.
func editSectionFileCmd(msg sectionFileMsg) tea.Cmd {
	args := append(editorCommand(), msg.path)
	cmd := exec.Command(args[0], args[1:]...)
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		return sectionEditedMsg{card: msg.card, section: msg.section, path: msg.path, err: err}
	})
}

// readSectionFileCmd reads the edited file back and saves the section. The file is removed
// once the text is stored; when it cannot be, the error says where the text still is.
func readSectionFileCmd(ctx context.Context, store *db.Store, msg sectionEditedMsg, today model.Date) tea.Cmd {
	return func() tea.Msg {
		if msg.err != nil {
			return savedMsg{err: fmt.Errorf("%s: %w (your text is in %s)", editorName(), msg.err, msg.path)}
		}
		data, err := os.ReadFile(msg.path)
		if err != nil {
			return savedMsg{err: err}
		}
		var kept []string
		for _, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(line, "#") {
				kept = append(kept, line)
			}
		}
		k := msg.card
		if err := k.SetSectionText(msg.section, strings.Join(kept, "\n")); err != nil {
			return savedMsg{err: fmt.Errorf("%s: %w (your text is in %s)", sectionTitle(msg.section), err, msg.path)}
		}
		k.LastReviewed = today
		saved := saveCardCmd(ctx, store, k, msg.section, nil)()
		if s, ok := saved.(savedMsg); ok && s.err != nil {
			var fe *model.FieldError
			if errors.As(s.err, &fe) {
				s.err = fmt.Errorf("%s: %s (your text is in %s)", sectionTitle(msg.section), fe.Msg, msg.path)
			}
			return s
		}
		os.Remove(msg.path)
		return saved
	}
}

// appendToSection adds a line to a section's text: a new bullet, a sentence at the end of a
// paragraph, or an objection awaiting its response.
func appendToSection(key, text, extra string) string {
	sep := "\n"
	switch key {
	case "overview", "pricing_talk_track":
		sep = " "
	case "objections":
		extra = "Objection: " + extra + "\nResponse: "
		sep = "\n\n"
	}
	if strings.TrimSpace(text) == "" {
		return extra
	}
	return text + sep + extra
}

// copyBulletMsg asks for the section form with an evidence line added to a section.
type copyBulletMsg struct {
	card    model.BattleCard
	section string
	text    string
}

// copyBulletForm picks an evidence line and the section to copy it into. The line keeps its
// citation: it lands in the section as "text [src: cite | date | fact]".
func copyBulletForm(k model.BattleCard, bullets []report.EvidenceBullet, product string) *editor {
	var chosen, section string
	var bulletOpts, sectionOpts []huh.Option[string]
	for _, b := range bullets {
		line := b.Claim().Line()
		bulletOpts = append(bulletOpts, huh.NewOption(report.BulletTitle(b.Section)+": "+termtext.Line(b.Text), line))
	}
	for _, s := range model.CardSections {
		sectionOpts = append(sectionOpts, huh.NewOption(s.Title, s.Key))
	}
	if len(bullets) > 0 {
		chosen = bullets[0].Claim().Line()
	}
	section = string(model.SectionWhyWeWin)
	submit := func() tea.Cmd {
		return func() tea.Msg { return copyBulletMsg{card: k, section: section, text: chosen} }
	}
	return newEditor("Copy from the catalog into "+termtext.Line(product)+"'s card", submit, func() string { return chosen + "\x00" + section },
		func() []*huh.Group {
			return []*huh.Group{huh.NewGroup(
				huh.NewSelect[string]().Title("Line").Description("/ filters · the line keeps its citation").Options(bulletOpts...).Value(&chosen).Height(10),
				huh.NewSelect[string]().Title("Into").Options(sectionOpts...).Value(&section).Height(len(sectionOpts)),
			)}
		}).choosing()
}

// cardToEdit is a competitor's battle card, or a new one.
func (m *Model) cardToEdit(slug string) model.BattleCard {
	if p := m.data.profile(slug); p.card != nil {
		return *p.card
	}
	return model.BattleCard{Competitor: slug}
}

// editCardMsg asks for the form editing a section of a competitor's battle card: the given
// section, or the one picked first when none is given.
type editCardMsg struct{ slug, section string }

func (a editCardMsg) start(m *Model) tea.Cmd {
	name := m.data.profile(a.slug).competitor.Name
	return m.showForm(cardSectionForm(m.ctx, m.store, m.cardToEdit(a.slug), name, model.DateOf(m.opts.Now()), a.section, ""))
}

// editCardInEditorMsg asks which section of a competitor's battle card to open in $EDITOR.
type editCardInEditorMsg struct{ slug string }

func (a editCardInEditorMsg) start(m *Model) tea.Cmd {
	return m.showForm(cardEditorPickForm(m.cardToEdit(a.slug), m.data.profile(a.slug).competitor.Name))
}

// copyEvidenceMsg asks for the form copying a line drafted from the catalog into a
// competitor's battle card.
type copyEvidenceMsg struct{ slug string }

func (a copyEvidenceMsg) start(m *Model) tea.Cmd {
	today := model.DateOf(m.opts.Now())
	bullets := report.EvidenceBullets(m.data.cardDoc(a.slug, m.profile.quoteIn, today))
	if len(bullets) == 0 {
		m.status = "Nothing drafted from the catalog yet"
		return nil
	}
	return m.showForm(copyBulletForm(m.cardToEdit(a.slug), bullets, m.data.profile(a.slug).competitor.Name))
}

func (editCardInEditorMsg) needsLocalMachine() {}

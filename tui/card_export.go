package tui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/rivals-app/rivals/internal/atomicfile"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// cardExportForm exports a competitor's battle card: pick a format and a path (empty means the
// default, shown). An existing file is replaced only once the user says so.
func cardExportForm(doc report.CardDoc, workDir string) *editor {
	format := "html"
	var path string
	var opts []huh.Option[string]
	labels := map[string]string{"md": "Markdown", "html": "HTML page (prints to A4/Letter)", "json": "JSON, with the evidence", "txt": "plain text for chat or email",
		"slack": "Slack messages (mrkdwn)", "confluence": "HTML to paste into Confluence, Notion or Docs"}
	for _, f := range report.CardFormats {
		opts = append(opts, huh.NewOption(labels[f], f))
	}
	defaultPath := func() string {
		return filepath.Join(workDir, doc.Competitor.Slug+"-battle-card."+report.FormatExtension(format))
	}
	target := func() string {
		p := strings.TrimSpace(path)
		if p == "" {
			return defaultPath()
		}
		if strings.HasPrefix(p, "~/") {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, p[2:])
			}
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(workDir, p)
		}
		return p
	}
	submit := func() tea.Cmd {
		return exportCardCmd(doc, format, target(), false)
	}
	return newEditor("Export the battle card · "+termtext.Line(doc.Competitor.Name), submit, func() string { return format + "\x00" + path },
		func() []*huh.Group {
			return []*huh.Group{huh.NewGroup(
				huh.NewSelect[string]().Key("format").Title("Format").Options(opts...).Value(&format),
				huh.NewInput().Key("file").Title("File").DescriptionFunc(func() string { return "Empty for " + defaultPath() }, &format).
					Value(&path),
			)}
		})
}

// cardExportedMsg reports an export. When the file already existed, replace writes it anyway.
type cardExportedMsg struct {
	path    string
	err     error
	replace tea.Cmd
}

// exportCardCmd renders the card and writes it atomically, replacing a file only with force.
func exportCardCmd(doc report.CardDoc, format, path string, force bool) tea.Cmd {
	return func() tea.Msg {
		render, ok := report.CardRenderer(format)
		if !ok {
			return cardExportedMsg{err: fmt.Errorf("unknown format %q", format)}
		}
		// A killed export to the same file may have left its temporary sibling: clear it.
		atomicfile.RemoveStale(filepath.Dir(path), filepath.Base(path))
		err := atomicfile.Create(path, 0o600, force, func(w io.Writer) error { return render(w, doc) })
		switch {
		case errors.Is(err, atomicfile.ErrExists):
			return cardExportedMsg{path: path, err: &model.FieldError{Field: "file", Msg: shortenPath(path) + " already exists"},
				replace: exportCardCmd(doc, format, path, true)}
		case err != nil:
			err = &model.FieldError{Field: "file", Msg: fmt.Sprintf("could not write %s: %s", shortenPath(path), unwrapPathError(err))}
		}
		return cardExportedMsg{path: path, err: err}
	}
}

// unwrapPathError keeps the reason of an *os.PathError, whose own text repeats the path.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// defaultWorkDir is where exports go by default: the directory rivals was started in.
func defaultWorkDir() string {
	if d, err := os.Getwd(); err == nil {
		return d
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}

// exportCardMsg asks for the form exporting a rival's battle card.
type exportCardMsg struct{ slug string }

func (a exportCardMsg) start(m *Model) tea.Cmd {
	if m.data.profile(a.slug).competitor.IsSelf {
		return nil
	}
	return m.showForm(cardExportForm(m.data.cardDoc(a.slug, m.profile.quoteIn, model.DateOf(m.opts.Now())), m.opts.WorkDir))
}

// overwriteQuestion asks whether to replace the file an export found in its way, or returns
// nil for any other reply. Yes writes over it; no leaves the form open to choose another name.
func (m *Model) overwriteQuestion(form *editor, reply tea.Msg) *confirm {
	r, ok := reply.(cardExportedMsg)
	if !ok || r.replace == nil {
		return nil
	}
	c := newConfirm(shortenPath(r.path)+" already exists. Replace it?", func() tea.Cmd {
		form.saving = true
		return func() tea.Msg { return formResultMsg{form: form, reply: r.replace()} }
	})
	c.keys.Yes.SetHelp("y", "yes, replace")
	c.keys.No.SetHelp("n/esc", "keep it")
	return c
}

// An export only reads the catalog, but writes a file where the app runs.
func (exportCardMsg) readsOnly()         {}
func (exportCardMsg) needsLocalMachine() {}

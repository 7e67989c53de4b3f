package tui

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	osc52 "github.com/aymanbagabas/go-osc52/v2"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// newCopyKeys are the bindings that copy the card or call prep to the clipboard, and switch
// what they copy between Markdown and Slack mrkdwn.
func newCopyKeys() (copyKey, formatKey key.Binding) {
	return key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "copy")),
		key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy as Markdown/Slack"))
}

// copyCardMsg asks to copy a competitor's battle card, or its call prep, to the clipboard.
type copyCardMsg struct {
	slug string
	prep bool
}

// toggleCopyFormatMsg switches what ctrl+y copies between Markdown and Slack mrkdwn.
type toggleCopyFormatMsg struct{}

// copiedMsg reports a copy: the one-line confirmation, or why nothing was copied.
type copiedMsg struct {
	status string
	err    error
}

func (a toggleCopyFormatMsg) start(m *Model) tea.Cmd {
	m.copySlack = !m.copySlack
	m.status = "ctrl+y now copies " + copyFormatName(m.copySlack)
	return nil
}

func copyFormatName(slack bool) string {
	if slack {
		return "Slack mrkdwn"
	}
	return "Markdown"
}

func (a copyCardMsg) start(m *Model) tea.Cmd {
	slug := a.slug
	if slug == "" {
		slug = m.currentSlug()
	}
	p := m.data.profile(slug)
	if p.competitor.Slug == "" || p.competitor.IsSelf {
		return nil
	}
	doc := m.data.cardDoc(slug, m.profile.quoteIn, model.DateOf(m.opts.Now()))
	return copyCardCmd(m.opts.Clipboard, doc, a.prep, m.copySlack)
}

// copyCardCmd renders the card or the call prep (Markdown, or Slack mrkdwn) and writes it to the
// clipboard as an OSC 52 sequence on out, the program's own output: the terminal sets its
// clipboard, locally or at the far end of an SSH session.
func copyCardCmd(out io.Writer, doc report.CardDoc, prep, slack bool) tea.Cmd {
	return func() tea.Msg {
		render := report.CardMarkdown
		what := "battle card"
		switch {
		case prep && slack:
			render, what = report.PrepSlack, "call prep"
		case prep:
			render, what = report.PrepMarkdown, "call prep"
		case slack:
			render = report.CardSlack
		}
		var b bytes.Buffer
		if err := render(&b, doc); err != nil {
			return copiedMsg{err: err}
		}
		if out == nil {
			return copiedMsg{err: fmt.Errorf("no terminal to copy to")}
		}
		if _, err := io.WriteString(out, osc52.New(b.String()).String()); err != nil {
			return copiedMsg{err: fmt.Errorf("copy to the clipboard: %w", err)}
		}
		status := fmt.Sprintf("Copied the %s of %s as %s (%s characters)", what, termtext.Line(doc.Competitor.Name),
			copyFormatName(slack), model.FormatCount(int64(utf8.RuneCount(b.Bytes()))))
		if slack && strings.Contains(b.String(), report.SlackSplitMarker) {
			status += "; paste each ✂ part as its own message"
		}
		return copiedMsg{status: status}
	}
}

func (toggleCopyFormatMsg) readsOnly() {}

func (copyCardMsg) readsOnly() {}

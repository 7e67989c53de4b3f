package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// progressMinRows is the size from which an import shows its progress.
const progressMinRows = 10_000

// progressEvery is the shortest time between two redraws.
const progressEvery = 100 * time.Millisecond

// progress draws a one-line progress bar on stderr while a large file is read. It draws only
// when stderr is a terminal, so it never reaches pipes, logs or tests.
type progress struct {
	w     io.Writer // nil when stderr is not a terminal
	name  string
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, name string) *progress {
	if !isTerminal(w) {
		return &progress{}
	}
	return &progress{w: w, name: termtext.Line(name)}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update redraws the bar for rows read and read of total bytes, at most every progressEvery.
func (p *progress) update(rows int, read, total int64) {
	if p.w == nil || rows < progressMinRows || total <= 0 {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < progressEvery {
		return
	}
	p.last, p.shown = now, true
	const width = 30
	done := int(read * width / total)
	fmt.Fprintf(p.w, "\r%s [%s%s] %3d%% %s rows", p.name, strings.Repeat("█", done), strings.Repeat("░", width-done),
		read*100/total, model.FormatCount(int64(rows)))
}

// status shows a message in place of the bar.
func (p *progress) status(msg string) {
	if p.w == nil {
		return
	}
	p.shown = true
	fmt.Fprintf(p.w, "\r\x1b[K%s", termtext.Line(msg))
}

// clear removes the bar, if it was drawn.
func (p *progress) clear() {
	if p.w != nil && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

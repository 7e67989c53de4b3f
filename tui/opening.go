package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
)

// OpenStore opens the catalog the TUI shows. Run calls it in a command once the program has
// started, so the first frame is on screen while the database opens (and, on an old file,
// while its schema is upgraded).
type OpenStore func(ctx context.Context) (*db.Store, error)

// opening is the program's model until the store is open: it draws a one-line placeholder,
// remembers the terminal's size and the keys typed meanwhile, and becomes the app (New) when
// the store arrives, handing it the size and then the keys in the order they were typed, so
// a sales engineer who starts typing at once loses nothing. ctrl+c quits; a store that
// cannot be opened ends the program with that error (see Run).
type opening struct {
	ctx   context.Context
	open  OpenStore
	opts  Options
	size  *tea.WindowSizeMsg
	typed []tea.KeyMsg
	err   error
}

// storeOpenedMsg is the outcome of opening's command.
type storeOpenedMsg struct {
	store *db.Store
	err   error
}

func newOpening(ctx context.Context, open OpenStore, opts Options) opening {
	return opening{ctx: ctx, open: open, opts: opts}
}

// openAfter is how long after the program's start the store begins to open: just past its
// first frame, which Bubble Tea draws on its first tick. Opening SQLite, then building the
// app and starting its loads, at the moment of that tick held the frame back on a 2-core
// machine (from main to the frame: 13.5 ms median, up to 21 ms, against 9.9 ms, at most
// 10.4, when the open waited); the list comes one frame period later.
const openAfter = time.Second/FramesPerSecond + 2*time.Millisecond

// Init opens the store once the first frame is drawn.
func (o opening) Init() tea.Cmd {
	ctx, open := o.ctx, o.open
	return func() tea.Msg {
		wait := time.NewTimer(openAfter)
		defer wait.Stop()
		select {
		case <-wait.C:
		case <-ctx.Done():
			return storeOpenedMsg{err: ctx.Err()}
		}
		store, err := open(ctx)
		return storeOpenedMsg{store: store, err: err}
	}
}

// Update waits for the store, keeping what arrives meanwhile.
func (o opening) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case storeOpenedMsg:
		if msg.err != nil {
			o.err = msg.err
			return o, tea.Quit
		}
		return o.start(msg.store)
	case tea.WindowSizeMsg:
		o.size = &msg
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return o, tea.Quit
		}
		o.typed = append(o.typed, msg)
	}
	return o, nil
}

// start builds the app on the open store and gives it the terminal's size, then the keys
// typed so far.
func (o opening) start(store *db.Store) (tea.Model, tea.Cmd) {
	var app tea.Model = New(o.ctx, store, o.opts)
	cmds := []tea.Cmd{app.Init()}
	if o.size != nil {
		var cmd tea.Cmd
		app, cmd = app.Update(*o.size)
		cmds = append(cmds, cmd)
	}
	for _, k := range o.typed {
		var cmd tea.Cmd
		app, cmd = app.Update(k)
		cmds = append(cmds, cmd)
	}
	return app, tea.Batch(cmds...)
}

// View is the placeholder the app also draws before it knows the terminal's size, cut to
// the width once that is known.
func (o opening) View() string {
	const placeholder = "rivals · loading…"
	switch {
	case o.size == nil:
		return placeholder
	case o.size.Width <= 0 || o.size.Height <= 0:
		return ""
	}
	return truncate(placeholder, o.size.Width)
}

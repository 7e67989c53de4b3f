// Package tui is rivals' Bubble Tea interface. Every screen is a component with Update, View,
// SetSize and its own key bindings; all database access runs in commands, never in Update or
// View.
package tui

import (
	"context"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// FramesPerSecond is the frame rate the TUI's programs run at (Bubble Tea's highest): the
// first frame is drawn on the first tick, one frame period after the program starts.
const FramesPerSecond = 120

// Minimum terminal size; below it the app asks for more room instead of drawing a broken layout.
const (
	minWidth  = 40
	minHeight = 12
)

// Options configure the TUI.
type Options struct {
	// Demo marks the session as running on the temporary demo catalog.
	Demo bool
	// Now is the clock (time.Now when nil); staleness is judged against its date.
	Now func() time.Time
	// Renderer renders styles for the output terminal. Nil means plain text with no colour,
	// which is what tests want.
	Renderer *lipgloss.Renderer
	// ASCII draws level marks with ASCII characters (+ ~ - > ?) instead of ✓ ◐ ✗ ◷ ?.
	ASCII bool
	// WorkDir is where exports are written by default (the current directory when empty).
	WorkDir string
	// EagerRows is the catalog size (matrix cells, deals and notes) up to which everything is
	// loaded at startup; 0 means DefaultEagerRows, a negative value always loads per competitor.
	EagerRows int
	// WatchEvery is how often the app checks whether another window or process changed the
	// catalog, and reloads it if so; 0 turns the check off (tests drive it by hand).
	WatchEvery time.Duration
	// Clipboard is the program's output, where ctrl+y writes its OSC 52 copy sequence (Run uses
	// standard output, the program's own; a session over SSH passes its channel).
	Clipboard io.Writer
	// ReadOnly is a session that may read the catalog but not change it (a reader on the team
	// server): every edit key answers "read-only: ask an editor" instead of opening a form. The
	// store should be read-only too, so that the rule holds where data is written.
	ReadOnly bool
	// Remote is a session whose terminal is on another machine (over SSH): nothing runs or is
	// written on the machine the app runs on for it, so file exports and $EDITOR are refused.
	Remote bool
	// Shared, when set, is the catalog as every session of a server sees it: loaded once per
	// data version and reused, with one watch for changes instead of one per session.
	Shared *SharedCatalog
}

// WantsASCII reports whether the environment asks for plain output: NO_COLOR set, or a locale
// that is not UTF-8.
func WantsASCII(getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" {
		return true
	}
	for _, v := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if loc := strings.ToLower(getenv(v)); loc != "" {
			return !strings.Contains(loc, "utf-8") && !strings.Contains(loc, "utf8")
		}
	}
	return false
}

// Run starts the TUI, opens the catalog through open while the first frame is drawn, and
// blocks until the user quits or ctx is cancelled; every command that reads or writes the
// catalog runs under ctx. An error from open ends the program and is returned.
func Run(ctx context.Context, open OpenStore, opts Options) error {
	// At 120 frames a second the first frame is not held back for most of a 60 Hz tick.
	progOpts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx), tea.WithFPS(FramesPerSecond)}
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.NewRenderer(os.Stdout)
		opts.Renderer.SetHasDarkBackground(HasDarkBackground(os.Getenv))
		opts.ASCII = opts.ASCII || WantsASCII(os.Getenv)
	}
	// Library styles built on the default renderer must not query the terminal either.
	lipgloss.SetHasDarkBackground(opts.Renderer.HasDarkBackground())
	if os.Getenv("RIVALS_DEBUG") != "" {
		f, err := tea.LogToFile(os.Getenv("RIVALS_DEBUG"), "rivals")
		if err != nil {
			return err
		}
		defer f.Close()
	}
	if opts.WatchEvery == 0 {
		opts.WatchEvery = 2 * time.Second
	}
	if opts.Clipboard == nil {
		opts.Clipboard = os.Stdout
	}
	final, err := tea.NewProgram(newOpening(ctx, open, opts), progOpts...).Run()
	if o, ok := final.(opening); ok && err == nil {
		err = o.err
	}
	return err
}

// screen names the top-level screens.
type screen int

const (
	screenHome screen = iota
	screenProfile
	screenCompare
	screenDashboard
)

// Model is the root of the TUI: it owns the screens, the status bar and the help footer.
type Model struct {
	// ctx is the program's context: every command that reads or writes the catalog runs under
	// it, so quitting (or the caller cancelling) stops work still under way.
	ctx    context.Context
	store  *db.Store
	opts   Options
	styles *Styles
	keys   appKeys
	help   help.Model
	// helpScroll scrolls the expanded help when it is taller than the room it has.
	helpScroll helpScroller
	// copySlack makes ctrl+y copy Slack mrkdwn instead of Markdown.
	copySlack bool

	active   screen
	home     home
	profile  profile
	compare  compareView
	dash     dashboard
	previous screen // where esc leaves the compare view and the dashboard to

	// overlays are open over the active screen, the last opened on top (see component.go):
	// the palette, the compare picker, the calculator, call prep, the reason codes, a form or
	// a question.
	overlays []component
	// The overlays that keep their state while closed: the palette its search index, the
	// calculator its deal size, the reason codes their counts.
	palette *palette
	picker  *picker
	calc    *calculator
	prep    *prepView
	reasons *reasonList
	changes *changesView
	// sessionStart is the newest change when the app opened: u undoes the user's changes
	// made after it.
	sessionStart int64
	// sinceLooked counts per competitor what others changed since the user last opened the
	// app, until the status bar has said so (it waits for the catalog, to name them).
	sinceLooked map[string]int
	// prepSlug is the competitor call prep was last opened on.
	prepSlug string

	// After a save the catalog reloads; then this competitor (and tab, unless -1) is shown.
	pendingSlug string
	pendingTab  profileTab
	pendingHome bool
	pendingNote int64
	pendingPlan string

	data    catalogView
	loading bool
	// typedAhead holds the keys pressed before the first load was in, in order.
	typedAhead []tea.KeyMsg
	// gen numbers snapshot loads; requested holds the detail loads asked for in this one, and
	// afterLoad the messages that wait for details to arrive (see app_loading.go).
	gen       int
	requested map[string]bool
	afterLoad []tea.Msg
	// watcher notices changes committed by another window or process (see app_watch.go);
	// reloading is set while a reload is under way, which will show those changes anyway.
	watcher   *db.Watcher
	reloading bool
	// reindexSlugs and reindexAll say what the next reload must bring up to date in the
	// search index over note titles, deal accounts and card bullets (see reindexCmd).
	reindexSlugs []string
	reindexAll   bool
	err          error
	status       string // last confirmation
	width        int
	height       int
}

// New builds the root model; the catalog loads in a command started by Init. Commands run
// under ctx, the program's context.
func New(ctx context.Context, store *db.Store, opts Options) Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.WorkDir == "" {
		opts.WorkDir = defaultWorkDir()
	}
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.NewRenderer(io.Discard)
		opts.Renderer.SetColorProfile(termenv.Ascii)
		opts.Renderer.SetHasDarkBackground(true)
	}
	if opts.EagerRows == 0 {
		opts.EagerRows = DefaultEagerRows
	}
	styles := NewStyles(opts.Renderer, opts.ASCII)
	m := Model{ctx: ctx, store: store, opts: opts, styles: &styles, keys: newAppKeys(), help: help.New(), loading: true,
		requested: map[string]bool{}, helpScroll: newHelpScroller()}
	m.help.Styles = m.styles.Help
	today := model.DateOf(opts.Now())
	m.home = newHome(m.styles, today)
	if store != nil {
		m.home.dbPath = shortenPath(store.Path())
	}
	m.profile = newProfile(m.styles, today)
	m.palette = newPalette(ctx, store, m.styles)
	m.compare = newCompareView(m.styles, today)
	m.picker = newPicker(m.styles)
	m.calc = newCalculator(m.styles)
	m.prep = newPrepView(m.styles)
	m.dash = newDashboard(m.styles, today)
	m.reasons = newReasonList(m.styles)
	me := ""
	if store != nil {
		me = store.Origin().Author
	}
	m.changes = newChangesView(m.styles, me)
	m.profile.history.me = me
	m.pendingTab = -1
	return m
}

// Init starts loading the catalog.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{loadCatalogCmd(m.ctx, m.store, m.loadRequest())}
	if m.store != nil {
		// The text index is built once the first load is in (see reindexCmd): reading every
		// note title and deal account beside it would hold the list back on a large catalog.
		watch := m.opts.WatchEvery > 0 && m.opts.Shared == nil
		cmds = append(cmds, startSessionCmd(m.ctx, m.store, watch))
		if m.opts.WatchEvery > 0 && m.opts.Shared != nil {
			cmds = append(cmds, nextSharedTick(m.opts.WatchEvery)) // the server watches for everyone
		}
	}
	return tea.Batch(cmds...)
}

// isBackgroundMsg reports whether msg is the catalog loading or following changes made
// elsewhere: that work goes on under an open form, which never sees these messages.
func isBackgroundMsg(msg tea.Msg) bool {
	switch msg.(type) {
	case watchStartedMsg, watchTickMsg, catalogChangedMsg, detailsLoadedMsg, allDealsLoadedMsg,
		textIndexMsg, textIndexUpdatedMsg, sessionStartedMsg, changesLoadedMsg, sinceReviewMsg:
		return true
	}
	return false
}

// Update routes messages: sizes to every screen and overlay, keys to the top overlay or else
// the active screen. Then, in a large catalog, it asks for the details of whatever came into
// view.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	history := m.historyShown()
	next, cmd := m.update(msg)
	if nm, ok := next.(Model); ok && !nm.loading && len(nm.typedAhead) > 0 {
		return nm.replayTypedAhead(cmd)
	}
	if nm, ok := next.(Model); ok {
		more, tab := nm.requestDetails(), nm.loadHistoryTab(history, msg)
		if more != nil || tab != nil {
			return nm, tea.Batch(cmd, more, tab)
		}
	}
	return next, cmd
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if form, ok := m.top().(*editor); ok && !isBackgroundMsg(msg) {
		if next, cmd, handled := m.updateEditor(form, msg); handled {
			return next, cmd
		}
	}
	if next, cmd, handled := m.updateForms(msg); handled {
		return next, cmd
	}
	if next, cmd, handled := m.updateOverlays(msg); handled {
		return next, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.layout()
		return m, nil
	case catalogLoadedMsg:
		if msg.view.gen != m.gen {
			return m, nil // an older load finished after a newer one started
		}
		m.loading, m.reloading = false, false
		if msg.err != nil {
			m.err = msg.err
			return m, nil
		}
		m.requested = map[string]bool{}
		m.setData(msg.view, true)
		m.applyPending()
		m.showSinceLooked()
		var review tea.Cmd
		if m.active == screenProfile {
			review = m.sinceReviewOf(m.profile.Slug())
		}
		return m, tea.Batch(m.retryAfterLoad(), m.reindexCmd(), review)
	case textIndexMsg:
		if msg.gen == m.gen {
			if msg.err != nil {
				m.err = msg.err
			} else {
				m.palette.SetTextIndex(msg.index, msg.text)
			}
		}
		return m, nil
	case textIndexUpdatedMsg:
		if msg.err != nil {
			m.err = msg.err
		}
		return m, nil
	case detailsLoadedMsg, allDealsLoadedMsg:
		return m.applyDetails(msg)
	case sessionStartedMsg:
		if msg.err != nil {
			m.err = msg.err
		} else {
			m.sessionStart = msg.last
			if msg.seen {
				m.sinceLooked = msg.changed
				m.showSinceLooked()
			}
		}
		if msg.watch != nil {
			return m.watch(*msg.watch)
		}
		return m, nil
	case changesLoadedMsg:
		if msg.view != nil {
			msg.view.SetChanges(msg)
		}
		return m, nil
	case watchStartedMsg, watchTickMsg, catalogChangedMsg, sharedTickMsg:
		return m.watch(msg)
	case action:
		return m.startAction(msg)
	case deleteImpactMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, nil
		}
		slug, name := msg.slug, msg.name
		m.ask(newConfirm(describeImpact(name, msg.isSelf, msg.impact), func() tea.Cmd { return deleteCompetitorCmd(m.ctx, m.store, slug, name) }))
		return m, nil
	case copiedMsg:
		m.err, m.status = msg.err, msg.status
		return m, nil
	case savedMsg:
		if msg.err != nil {
			m.err, m.status = msg.err, ""
			return m, nil
		}
		m.err, m.status = nil, msg.status
		m.pendingSlug, m.pendingTab, m.pendingHome, m.pendingNote, m.pendingPlan = msg.slug, msg.tab, msg.home, msg.noteID, msg.plan
		m.noteEdited(msg)
		cmd := m.reload()
		return m, cmd
	case openProfileMsg:
		m.close(m.palette)
		m.close(m.changes)
		m.active = screenProfile
		m.profile.Open(msg.slug, msg.tab, msg.target)
		m.home.selectSlug(msg.slug)
		m.layout()
		return m, m.sinceReviewOf(msg.slug)
	case backMsg:
		if top := m.top(); top != nil {
			m.close(top)
			return m, nil
		}
		switch m.active {
		case screenDashboard, screenCompare:
			m.active = m.previous
		default:
			m.active = screenHome
		}
		m.layout()
		return m, nil
	case openCompareMsg:
		m.close(m.picker)
		if m.active != screenCompare {
			m.previous = m.active
		}
		m.active = screenCompare
		m.compare.Open(m.data, msg.slugs) // shows "loading" until the products' cells arrive
		m.layout()
		return m, nil
	case cellSavedMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, nil
		}
		m.applyCell(msg.cell)
		m.status = "Saved " + m.data.profile(msg.cell.Competitor).competitor.Name + " · " + m.data.featureName(msg.cell.Feature) + ": " + string(msg.cell.Level)
		return m, nil
	case paletteNamesMsg, paletteLabelsMsg, paletteTextMsg:
		return m, m.palette.Update(msg)
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			return m.splitKeys(msg)
		}
		if key.Matches(msg, m.keys.ForceQuit) {
			return m, tea.Quit
		}
		if m.loading && (len(m.typedAhead) > 0 || !key.Matches(msg, m.keys.Quit)) {
			// Typed before the catalog is in: kept for when it is (see replayTypedAhead);
			// q still quits at once, unless it follows other keys (it may be in a search).
			m.typedAhead = append(m.typedAhead, msg)
			return m, nil
		}
		// A confirmation or error has been seen once the user acts again.
		m.status = ""
		if !m.loading {
			m.err = nil
		}
		// The palette opens over anything but a question, which waits for its answer.
		if _, asking := m.top().(*confirm); key.Matches(msg, m.keys.Search) && !m.loading && !asking {
			m.open(m.palette)
			return m, m.palette.Open(m.currentSlug())
		}
		if !m.textFocused() {
			overlaid := m.top() != nil
			if m.help.ShowAll && m.helpScroll.Update(msg, m.helpLines(), m.helpRows()) {
				return m, nil // the help has the scrolling keys while it does not fit
			}
			switch {
			case key.Matches(msg, m.keys.Quit):
				return m, tea.Quit
			case !overlaid && key.Matches(msg, m.keys.LogDeal) && !m.loading:
				return m.startAction(logDealMsg{slug: m.currentSlug()})
			case !overlaid && key.Matches(msg, m.keys.Dashboard):
				return m, func() tea.Msg { return openDashboardMsg{} }
			case !overlaid && key.Matches(msg, m.keys.Changes) && !m.loading:
				if m.active == screenProfile {
					m.profile.switchTab(tabChanges) // the competitor's own changes
					return m, nil
				}
				return m.startAction(openChangesMsg{})
			case !overlaid && key.Matches(msg, m.keys.Undo) && !m.loading:
				return m.startAction(undoMsg{})
			case key.Matches(msg, m.keys.Help):
				m.help.ShowAll = !m.help.ShowAll
				m.helpScroll.offset = 0
				m.layout()
				return m, nil
			}
		}
	}
	return m.updateFocused(msg)
}

// updateFocused hands a message to whatever has the keyboard: the top overlay, else the active
// screen.
func (m Model) updateFocused(msg tea.Msg) (tea.Model, tea.Cmd) {
	top := m.top()
	cmd := m.focused().Update(msg)
	switch {
	case top == nil:
		m.layout() // the screen's help may have changed the footer's height
	case isFinished(top):
		m.close(top)
	}
	return m, cmd
}

// isFinished reports whether an overlay is done with, such as an answered question.
func isFinished(o component) bool {
	f, ok := o.(finisher)
	return ok && f.finished()
}

// currentSlug is the competitor in view: the open profile, else the home selection.
func (m Model) currentSlug() string {
	if m.active == screenProfile {
		return m.profile.Slug()
	}
	if slug := m.home.selectedSlug(); slug != "" {
		return slug
	}
	for _, c := range m.data.competitors {
		if c.IsSelf {
			return c.Slug
		}
	}
	return ""
}

// splitKeys handles several typed runes that arrived in one read (fast typing, key repeat, a
// terminal multiplexer) as separate key presses, so "jjj" moves three rows.
func (m Model) splitKeys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	var next tea.Model = m
	for _, r := range msg.Runes {
		var cmd tea.Cmd
		next, cmd = next.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return next, tea.Sequence(cmds...)
}

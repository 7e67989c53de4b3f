package tui

import "github.com/charmbracelet/bubbles/key"

// appKeys are the bindings that work on every screen.
type appKeys struct {
	Search    key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
	LogDeal   key.Binding
	Dashboard key.Binding
	Changes   key.Binding
	Undo      key.Binding
}

func newAppKeys() appKeys {
	return appKeys{
		Search:    key.NewBinding(key.WithKeys("ctrl+k"), key.WithHelp("ctrl+k", "search everything")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		LogDeal:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "log a deal")),
		Dashboard: key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "win/loss dashboard")),
		Changes:   key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "changes")),
		Undo:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo my last change")),
	}
}

// listKeys move a cursor through a list.
type listKeys struct {
	Up     key.Binding
	Down   key.Binding
	Top    key.Binding
	Bottom key.Binding
}

func newListKeys() listKeys {
	return listKeys{
		Up:     key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:    key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom: key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
	}
}

// homeKeys are the bindings of the home screen.
type homeKeys struct {
	listKeys
	Open         key.Binding
	Filter       key.Binding
	ClearFilter  key.Binding
	AcceptFilter key.Binding
	New          key.Binding
	Edit         key.Binding
	Delete       key.Binding
	Compare      key.Binding
	Calculator   key.Binding
	Prep         key.Binding
}

func newHomeKeys() homeKeys {
	return homeKeys{
		listKeys:     newListKeys(),
		Open:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open profile")),
		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		AcceptFilter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		New:          key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new competitor")),
		Edit:         key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Compare:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "compare")),
		Calculator:   newCalculatorKey(),
		Prep:         newPrepKey(),
	}
}

// profileKeys are the bindings of the profile screen.
type profileKeys struct {
	NextTab  key.Binding
	PrevTab  key.Binding
	Tab      key.Binding // 1–7, shown once in help
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Back     key.Binding
	Edit     key.Binding
	NewNote  key.Binding
	EditNote key.Binding
	DelNote  key.Binding
	Compare  key.Binding

	EditCell    key.Binding
	NewFeature  key.Binding
	EditFeature key.Binding
	DelFeature  key.Binding
	Verify      key.Binding
	RenameCat   key.Binding

	RecordPrice  key.Binding
	CorrectPrice key.Binding
	DeletePrice  key.Binding
	NewPlan      key.Binding
	EditPlan     key.Binding
	DelPlan      key.Binding
	// PricingFacts edits what sales ask about the pricing beyond the price list.
	PricingFacts key.Binding
	// CopyCard copies the battle card to the clipboard; CopyFormat switches Markdown/Slack.
	CopyCard, CopyFormat key.Binding
	// NextClaim and PrevClaim mark the next or previous claim of the card, showing its source.
	NextClaim, PrevClaim key.Binding
	Calculator           key.Binding

	EditCard      key.Binding
	EditSection   key.Binding
	EditCardInEd  key.Binding
	CopyEvidence  key.Binding
	ExportCard    key.Binding
	Prep          key.Binding
	EditDeal      key.Binding
	DelDeal       key.Binding
	FilterOutcome key.Binding
	FilterSegment key.Binding
	FilterDates   key.Binding
}

func newProfileKeys() profileKeys {
	return profileKeys{
		NextTab:  key.NewBinding(key.WithKeys("tab", "l", "right"), key.WithHelp("tab", "next tab")),
		PrevTab:  key.NewBinding(key.WithKeys("shift+tab", "h", "left"), key.WithHelp("shift+tab", "previous tab")),
		Tab:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7"), key.WithHelp("1-7", "go to tab")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b", "ctrl+u"), key.WithHelp("b", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", " ", "ctrl+d"), key.WithHelp("space", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Back:     key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit competitor")),
		NewNote:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new note")),
		EditNote: key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e/enter", "edit note")),
		DelNote:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete note")),
		Compare:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "compare")),

		EditCell:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit cell")),
		NewFeature:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new feature")),
		EditFeature: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit feature")),
		DelFeature:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete feature")),
		Verify:      key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "mark category verified")),
		RenameCat:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rename category")),

		RecordPrice:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "record price change")),
		CorrectPrice: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "correct a recorded price")),
		DeletePrice:  key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete a recorded price")),
		NewPlan:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new plan")),
		EditPlan:     key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e/enter", "edit plan")),
		DelPlan:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete plan")),
		PricingFacts: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "edit pricing facts")),
		CopyCard:     func() key.Binding { c, _ := newCopyKeys(); return c }(),
		CopyFormat:   func() key.Binding { _, f := newCopyKeys(); return f }(),
		NextClaim:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]/[", "next/previous claim and its source")),
		PrevClaim:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous claim")),
		Calculator:   newCalculatorKey(),

		EditCard:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit a section")),
		EditSection:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit the marked section")),
		EditCardInEd:  key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "edit a section in $EDITOR")),
		CopyEvidence:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy a catalog line into the card")),
		ExportCard:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export the battle card")),
		Prep:          newPrepKey(),
		EditDeal:      key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e/enter", "edit deal")),
		DelDeal:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete deal")),
		FilterOutcome: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outcome filter")),
		FilterSegment: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "segment filter")),
		FilterDates:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "date filter")),
	}
}

// newCalculatorKey is the binding that opens the price calculator.
func newCalculatorKey() key.Binding {
	return key.NewBinding(key.WithKeys("$"), key.WithHelp("$", "price calculator"))
}

// newPrepKey is the binding that opens the call-prep sheet.
func newPrepKey() key.Binding {
	return key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "call prep"))
}

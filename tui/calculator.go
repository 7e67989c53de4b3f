package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// openCalculatorMsg asks the app to open the price calculator on some products; none means
// every product in the catalog.
type openCalculatorMsg struct{ slugs []string }

// calcField names the calculator's inputs, in tab order.
type calcField int

const (
	fieldSeats calcField = iota
	fieldBilling
	fieldUsage
	fieldCount
)

// calculator prices products side by side for a deal size: seats, billing period and usage.
// Every keystroke re-prices from the in-memory snapshot (pure arithmetic, no I/O).
type calculator struct {
	styles *Styles
	keys   calculatorKeys

	data    catalogView
	version int
	chosen  []string // the products asked for; our own is always added
	all     bool     // price every product instead of the chosen ones

	in           model.QuoteInput // the last valid input
	seats, usage string           // what is typed
	focus        calcField
	problem      string // why the typed input is not valid
	quote        model.Quote
	units        []string // what the products' usage plans count, the default first
	table, notes []string // quote rendered at width, rebuilt when the quote or width changes
	offset       int      // first result row shown
	width        int
	height       int
}

type calculatorKeys struct {
	Next, Prev, Monthly, Yearly, Toggle, More, Less, Unit, All, Up, Down, Close key.Binding
}

func newCalculator(styles *Styles) *calculator {
	return &calculator{styles: styles,
		in: model.QuoteInput{Seats: model.DefaultSeats, Billing: model.PeriodYear},
		keys: calculatorKeys{
			Next:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
			Prev:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
			Monthly: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "billed monthly")),
			Yearly:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "billed yearly")),
			Toggle:  key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "switch billing")),
			More:    key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", "change by 1")),
			Less:    key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "minus 1")),
			Unit:    key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "usage unit")),
			All:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "all products")),
			Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
			Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
			Close:   key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc", "close")),
		}}
}

// Open starts the calculator on products (none: all of them), keeping the last deal size.
func (c *calculator) Open(data catalogView, version int, slugs []string) {
	c.chosen, c.all = slugs, len(slugs) == 0
	c.seats = strconv.Itoa(c.in.Seats)
	c.usage = ""
	if c.in.Usage > 0 {
		c.usage = strconv.FormatInt(c.in.Usage, 10)
	}
	c.focus, c.offset, c.problem = fieldSeats, 0, ""
	c.SetData(data, version)
}

// SetData re-prices on a fresh snapshot.
func (c *calculator) SetData(data catalogView, version int) {
	c.data, c.version = data, version
	c.reprice()
}

// Input returns the deal size last priced.
func (c calculator) Input() model.QuoteInput { return c.in }

// SetSize gives the calculator its share of the terminal.
func (c *calculator) SetSize(width, height int) {
	if width != c.width {
		c.width = width
		c.render()
	}
	c.height = height
	c.clampOffset()
}

// render lays the quote out at the current width, outside View so frames stay cheap.
func (c *calculator) render() {
	c.table = quoteTable(c.styles, c.quote, c.width)
	c.notes = append(quoteNotes(c.styles, c.quote, c.width), discountNotes(c.styles, c.quote, c.data.competitors, c.width)...)
}

// reprice reads the typed fields and prices again, keeping the last valid input when the typed
// one is not.
func (c *calculator) reprice() {
	in := c.in
	c.problem = ""
	seats, err := strconv.Atoi(c.seats)
	switch {
	case c.seats == "":
		c.problem = "seats: type a number of seats"
	case err != nil:
		c.problem = "seats: " + strconv.Quote(c.seats) + " is too large"
	default:
		in.Seats = seats
	}
	in.Usage = 0
	if c.usage != "" {
		u, err := strconv.ParseInt(c.usage, 10, 64)
		if err != nil {
			c.problem = "usage: " + strconv.Quote(c.usage) + " is too large"
		}
		in.Usage = u
	}
	if c.problem == "" {
		if err := in.Validate(); err != nil {
			c.problem = err.Error()
		} else {
			c.in = in
		}
	}
	slugs := c.chosen
	if c.all {
		slugs = nil
		for _, comp := range c.data.competitors {
			slugs = append(slugs, comp.Slug)
		}
	}
	c.quote = c.data.quote(slugs, c.in)
	c.units = c.data.usageUnits(slugs)
	c.keys.Unit.SetEnabled(len(c.units) > 1)
	c.render()
	c.clampOffset()
}

// ShortHelp lists the main bindings for the footer.
func (c calculator) ShortHelp() []key.Binding {
	return []key.Binding{c.keys.Next, c.keys.Monthly, c.keys.Yearly, c.keys.More, c.keys.All, c.keys.Close}
}

// FullHelp lists every binding of the calculator.
func (c calculator) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{c.keys.Next, c.keys.Prev, c.keys.More, c.keys.Less, c.keys.Unit},
		{c.keys.Monthly, c.keys.Yearly, c.keys.Toggle, c.keys.All},
		{c.keys.Up, c.keys.Down, c.keys.Close},
	}
}

// Update handles the calculator's keys: digits edit the focused number, everything else is a
// command, so no key is ever ambiguous.
func (c *calculator) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	field := c.focusedNumber()
	switch {
	case key.Matches(km, c.keys.Close):
		return func() tea.Msg { return backMsg{} }
	case key.Matches(km, c.keys.Next):
		c.focus = (c.focus + 1) % fieldCount
	case key.Matches(km, c.keys.Prev):
		c.focus = (c.focus + fieldCount - 1) % fieldCount
	case key.Matches(km, c.keys.Monthly):
		c.in.Billing = model.PeriodMonth
	case key.Matches(km, c.keys.Yearly):
		c.in.Billing = model.PeriodYear
	case key.Matches(km, c.keys.Toggle):
		if c.in.Billing == model.PeriodYear {
			c.in.Billing = model.PeriodMonth
		} else {
			c.in.Billing = model.PeriodYear
		}
	case key.Matches(km, c.keys.Unit):
		c.in.UsageUnit = nextUnit(c.units, c.usageUnit())
	case key.Matches(km, c.keys.All):
		c.all = !c.all || len(c.chosen) == 0
		c.offset = 0
	case key.Matches(km, c.keys.Up):
		c.offset--
	case key.Matches(km, c.keys.Down):
		c.offset++
	case key.Matches(km, c.keys.More), key.Matches(km, c.keys.Less):
		if field != nil {
			n, _ := strconv.ParseInt(*field, 10, 64)
			if key.Matches(km, c.keys.More) {
				n++
			} else {
				n = max(0, n-1)
			}
			*field = strconv.FormatInt(n, 10)
			if field == &c.usage && n == 0 {
				*field = ""
			}
		}
	case km.Type == tea.KeyBackspace || km.Type == tea.KeyDelete:
		if field != nil && *field != "" {
			*field = (*field)[:len(*field)-1]
		}
	case km.Type == tea.KeyRunes && field != nil:
		for _, r := range km.Runes {
			if r >= '0' && r <= '9' && len(*field) < 13 {
				*field = strings.TrimLeft(*field+string(r), "0")
			}
		}
	default:
		return nil
	}
	c.reprice()
	return nil
}

// usageUnit is what the usage figure counts: the one chosen, else the products' default.
func (c calculator) usageUnit() string {
	switch {
	case c.in.UsageUnit != "":
		return c.in.UsageUnit
	case len(c.units) > 0:
		return c.units[0]
	}
	return ""
}

// nextUnit is the unit after current in units (compared by what they count), wrapping round;
// the first when current is not among them.
func nextUnit(units []string, current string) string {
	if len(units) == 0 {
		return current
	}
	noun := model.ParseUsageUnit(current).Noun
	for i, u := range units {
		if model.ParseUsageUnit(u).Noun == noun {
			return units[(i+1)%len(units)]
		}
	}
	return units[0]
}

// focusedNumber is the typed text of the focused number field, or nil on the billing switch.
func (c *calculator) focusedNumber() *string {
	switch c.focus {
	case fieldSeats:
		return &c.seats
	case fieldUsage:
		return &c.usage
	}
	return nil
}

func (c *calculator) clampOffset() {
	c.offset = max(0, min(c.offset, len(c.quote.Products)-c.rowsShown()))
}

// rowsShown is about how many result rows fit under the inputs and the table header.
func (c calculator) rowsShown() int {
	return max(1, c.height-5)
}

// View renders the inputs and the priced products.
func (c calculator) View() string {
	if c.width <= 0 || c.height <= 0 {
		return ""
	}
	st := c.styles
	field := func(label, value string, f calcField) string {
		shown := value
		if c.focus == f {
			return st.Label.Render(label+" ") + st.Selected.Render("["+shown+"▏]")
		}
		if shown == "" {
			shown = "—"
		}
		return st.Label.Render(label+" ") + "[" + shown + "]"
	}
	billing := "yearly"
	if c.in.Billing == model.PeriodMonth {
		billing = "monthly"
	}
	usage := field("Usage/mo", c.usage, fieldUsage)
	if unit := c.usageUnit(); unit != "" {
		usage += " " + termtext.Line(model.ParseUsageUnit(unit).String())
		if c.keys.Unit.Enabled() {
			usage += st.Muted.Render(" (u: unit)")
		}
	}
	inputs := []string{field("Seats", c.seats, fieldSeats), field("Billing", billing, fieldBilling), usage}
	scope := "these products"
	if c.all {
		scope = "all products"
	}
	lines := []string{truncate(st.Heading.Render("Price calculator")+st.Muted.Render(" · "+scope+" · compared in "+c.quote.Currency), c.width)}
	lines = append(lines, wrapParts(inputs, "  ", c.width)...)
	if c.problem != "" {
		lines = append(lines, truncate(st.StatusError.Render(c.problem), c.width))
	} else {
		lines = append(lines, truncate(st.Muted.Render(termtext.Line(c.quote.Input.Describe())), c.width))
	}
	table, notes := c.table, c.notes
	avail := c.height - len(lines)
	// Notes get the room the whole table leaves. When the table must scroll, only the rates
	// are kept (they say how amounts were converted), and only if three rows still fit.
	noteRows := max(0, avail-len(table))
	if noteRows == 0 {
		noteRows = min(len(c.quote.Rates), max(0, avail-4))
	}
	noteRows = min(noteRows, len(notes))
	if tableRows := avail - noteRows; len(table) > 0 && tableRows > 0 {
		lines = append(lines, table[0])
		body := table[1:]
		start := min(c.offset, max(0, len(body)-(tableRows-1)))
		end := min(len(body), start+tableRows-1)
		lines = append(lines, body[start:end]...)
	}
	lines = append(lines, notes[:noteRows]...)
	return fitBlock(strings.Join(lines, "\n"), c.width, c.height)
}

// wrapParts joins parts with sep, starting a new line where the next part would not fit.
func wrapParts(parts []string, sep string, width int) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case lipgloss.Width(cur+sep+p) <= width:
			cur += sep + p
		default:
			lines = append(lines, truncate(cur, width))
			cur = p
		}
	}
	if cur != "" {
		lines = append(lines, truncate(cur, width))
	}
	return lines
}

// quoteNotes lists what a reader must know to trust the numbers: rates used or missing,
// assumptions, add-ons left out.
func quoteNotes(st *Styles, q model.Quote, width int) []string {
	var lines []string
	for _, n := range report.PriceNotes(q) {
		lines = append(lines, truncate(st.Muted.Render(n), width))
	}
	return lines
}

// discountNotes gives, for each priced product whose competitor has a typical discount, the
// yearly price after it beside the list price: "Harborline after typical discount (25%):
// $15,109/yr (list $20,145.00/yr)".
func discountNotes(st *Styles, q model.Quote, comps []model.Competitor, width int) []string {
	discount := map[string]int{}
	for _, c := range comps {
		discount[c.Slug] = c.Pricing.DiscountPercent
	}
	var lines []string
	for _, p := range q.Products {
		pct := discount[p.Slug]
		if pct == 0 || p.Best.Status != model.QuotePriced {
			continue
		}
		annual, cur := p.Best.Annual, p.Best.Currency
		if p.Comparable {
			annual, cur = p.Annual, q.Currency
		}
		after := model.PricingFacts{DiscountPercent: pct}.AfterDiscount(annual)
		line := fmt.Sprintf("%s after typical discount (%d%%): %s/yr (list %s/yr)", termtext.Line(p.Name), pct,
			model.FormatMoney(after, cur), model.FormatMoney(annual, cur))
		lines = append(lines, truncate(st.Muted.Render(line), width))
	}
	return lines
}

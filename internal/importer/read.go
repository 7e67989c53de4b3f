package importer

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// ReadFile reads one CSV or TSV file (data is its whole content, name is used in messages).
// The error is a *Problem when the file cannot be read as a table of a known kind at all; row
// problems are in Result.Errors and Result.Warnings.
func ReadFile(name string, data []byte, opt Options) (*Result, error) {
	if err := checkOptions(opt); err != nil {
		return nil, err
	}
	t, k, turned, err := openFile(name, data, opt, opt.Progress)
	if err != nil {
		return nil, err
	}
	return readTable(name, t, k, turned, opt)
}

// ReadFileAt is ReadFile for a file read where it lies: a deals table (Options.Kind) is read
// as its rows are, so that with Options.Batches memory holds a few batches however long the
// file (its text is checked as it is read, with the problems a whole read gives); any other
// file, or UTF-16 text, is read whole, up to MaxFileSize.
func ReadFileAt(f File, opt Options) (*Result, error) {
	if err := checkOptions(opt); err != nil {
		return nil, err
	}
	if opt.Kind != KindDeals || opt.Sheet {
		return readWhole(f, opt)
	}
	t, err := openFileTable(f, opt.Progress)
	if errors.Is(err, errReadWhole) {
		return readWhole(f, opt)
	}
	if err != nil {
		return nil, err
	}
	res, err := readTable(f.Name, t, newKnown(opt.Existing), false, opt)
	if p := t.textProblem(); err == nil && p != nil {
		return nil, p // as decode refuses a file before reading it
	}
	return res, err
}

// readWhole reads a file into memory, then as ReadFile does.
func readWhole(f File, opt Options) (*Result, error) {
	if f.Size > MaxFileSize {
		return nil, tooLarge(f.Name, int(min(f.Size, 1<<62)))
	}
	data, err := io.ReadAll(io.NewSectionReader(f.R, 0, f.Size))
	if err != nil {
		return nil, &Problem{File: f.Name, Msg: err.Error()}
	}
	return ReadFile(f.Name, data, opt)
}

// checkOptions refuses options with values out of their range.
func checkOptions(opt Options) error {
	switch opt.DateFormat {
	case "", DateMDY, DateDMY:
	default:
		return fmt.Errorf("date format %q must be %s or %s", opt.DateFormat, DateMDY, DateDMY)
	}
	if opt.Kind != "" && !slices.Contains(Kinds, opt.Kind) {
		return fmt.Errorf("kind %q must be one of %s", opt.Kind, strings.Join(Kinds, ", "))
	}
	if opt.Decimal != "" && opt.Decimal != DecimalComma && opt.Decimal != DecimalPoint {
		return fmt.Errorf("decimal separator %q must be %s or %s", opt.Decimal, DecimalPoint, DecimalComma)
	}
	if opt.Currency != "" && !model.ValidCurrency(opt.Currency) {
		return fmt.Errorf("currency %q is not an ISO 4217 code", opt.Currency)
	}
	return nil
}

// readTable reads the rows of an open table.
func readTable(name string, t *table, k *known, turned bool, opt Options) (*Result, error) {
	var err error
	rd := &reader{t: t, opt: opt, k: k,
		res: &Result{File: name, Kind: opt.Kind, Catalog: model.Catalog{Version: model.CatalogVersion}, tab: t, origins: map[string][]origin{}}}

	header := rd.header()
	if p := checkMapping(name, "", header, opt.Map); p != nil {
		return nil, p
	}
	if turned && rd.res.Kind == "" {
		rd.res.Kind, rd.res.Detected = KindMatrix, true
	}
	if rd.res.Kind == "" {
		rd.res.Detected = true
		if rd.res.Kind, err = rd.detect(); err != nil {
			return nil, err
		}
	}
	if p := checkMapping(name, rd.res.Kind, header, opt.Map); p != nil {
		return nil, p
	}
	rd.cols = mapColumns(rd.res.Kind, header, opt.Map)
	rd.res.cols = rd.cols
	switch rd.res.Kind {
	case KindCompetitors:
		rd.competitors()
	case KindFeatures:
		rd.features()
	case KindMatrix:
		if rd.cols.has("competitor") && rd.cols.has("level") {
			rd.matrixLong()
		} else {
			rd.matrixWide()
		}
	case KindPlans:
		rd.plans()
	case KindPrices:
		rd.prices()
	case KindDeals:
		rd.deals()
	case KindNotes:
		rd.notes()
	}
	if t.footer != nil {
		rd.res.Warnings = append(rd.res.Warnings, *t.footer)
	}
	rd.checkDecimals()
	if turned {
		rd.res.Shape = "products as rows"
	}
	rd.res.Rows = t.rows
	if t.rows == 0 && len(rd.res.Errors) == 0 {
		rd.headerWarnf(-1, "has a header but no rows")
	}
	rd.hintDates()
	rd.validate()
	byPlace := func(a, b Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	}
	slices.SortStableFunc(rd.res.Errors, byPlace)
	slices.SortStableFunc(rd.res.Warnings, byPlace)
	if t.progress != nil {
		t.progress(t.rows, t.size, t.size)
	}
	return rd.res, nil
}

// DetectKind says what kind of file data holds, from its header row and first rows, as
// ReadFile would without Options.Kind. It lets a caller read the files of a run in dependency
// order (see Kinds).
func DetectKind(name string, data []byte, opt Options) (string, error) {
	t, k, turned, err := openFile(name, data, opt, nil)
	if err != nil {
		return "", err
	}
	if turned {
		return KindMatrix, nil
	}
	rd := &reader{t: t, opt: opt, k: k, res: &Result{File: name}}
	return rd.detect()
}

// openFile opens the table of a file and, when its products are rows (--transpose, or
// detected), the table turned a quarter; turned says which.
func openFile(name string, data []byte, opt Options, progress func(int, int64, int64)) (t *table, k *known, turned bool, err error) {
	if opt.Sheet {
		t, err = openText(name, data, ',', sheetLayout, progress)
	} else {
		t, err = openTable(name, data, progress)
	}
	if err != nil {
		return nil, nil, false, err
	}
	k = newKnown(opt.Existing)
	turned = opt.Transpose
	if !turned && (opt.Kind == "" || opt.Kind == KindMatrix) {
		switch transposeLook(t, k) {
		case looksTransposed:
			turned = true
		case mayBeTransposed:
			if opt.Kind == KindMatrix {
				break // --kind matrix: the columns are products
			}
			return nil, nil, false, &Problem{File: name, Line: 1, Column: 1, Msg: "the header names features and the cells are levels: if products are the rows, pass --transpose; " +
				"if the columns are products, pass --kind matrix (an import never creates competitors named after features unasked)"}
		}
	}
	if turned {
		if t, err = transposed(t); err != nil {
			return nil, nil, false, err
		}
	}
	return t, k, turned, nil
}

// detect picks the kind of the file from its header; a features-like header with columns of
// matrix cells is a wide matrix.
func (rd *reader) detect() (string, error) {
	header := rd.header()
	feats := mapColumns(KindFeatures, header, rd.opt.Map)
	wide := 0
	if fits(KindFeatures, feats) {
		wide = len(rd.productColumns(feats, false))
	}
	return detectKind(rd.t.file, header, wide, rd.opt.Map)
}

// reader carries one file's reading state.
type reader struct {
	// commaAt is the first amount whose decimal separator was plainly a comma; pointReads are
	// the amounts such as 1.163 read with a decimal point by their currency's convention.
	commaAt    *Problem
	pointReads []Problem
	// undatedWarned is set once the warning about prices without a date has been given.
	undatedWarned bool
	t             *table
	opt           Options
	k             *known
	res           *Result
	cols          columns
	// required fields found missing from the header, reported once
	missing map[string]bool
	// warnedBlank marks columns without a header already warned about
	warnedBlank map[int]bool
	// evidence holds, per date order, the first date of the file that proved it; ambiguous
	// indexes the errors about ambiguous dates, which get it as a hint.
	evidence  map[string]string
	ambiguous []int
	// handed counts the records of each list already handed to Options.Batches; stopped is
	// set once no more are.
	handed  struct{ competitors, reasons, deals int }
	stopped bool
}

// handOn hands the deals read since the last batch to Options.Batches once BatchRows are
// waiting, or at the end of the table whatever is left, with the competitors and reason codes
// named since. The deals are first normalized and checked as validate checks a whole list,
// then dropped from the Result.
func (rd *reader) handOn(end bool) {
	c, h := &rd.res.Catalog, &rd.handed
	if rd.opt.Batches == nil || len(c.Deals) < BatchRows && !end {
		return
	}
	rd.res.dealsFrom = h.deals
	for i := range c.Deals {
		d := &c.Deals[i]
		d.Normalize()
		if err := d.Validate(); err != nil {
			rd.res.Errors = append(rd.res.Errors, rd.res.locate(model.KindDeals, h.deals+i, fieldOf(err), msgOf(err)))
		}
		rd.res.won = append(rd.res.won, d.Outcome == model.OutcomeWon)
	}
	b := model.Catalog{Version: model.CatalogVersion,
		Competitors: slices.Clone(c.Competitors[h.competitors:]),
		ReasonCodes: slices.Clone(c.ReasonCodes[h.reasons:]),
		Deals:       c.Deals}
	h.competitors, h.reasons, h.deals = len(c.Competitors), len(c.ReasonCodes), h.deals+len(c.Deals)
	c.Deals = nil
	rd.res.dealsFrom = h.deals
	if !end {
		c.Deals = make([]model.Deal, 0, BatchRows+1)
	}
	switch {
	case rd.stopped:
	case len(rd.res.Errors) > 0:
		rd.stopped = true
	case len(b.Deals)+len(b.Competitors)+len(b.ReasonCodes) > 0:
		rd.stopped = !rd.opt.Batches(b)
	}
}

// header returns the header for column mapping: a blank first cell (the corner of a
// comparison table) is taken as the feature column.
func (rd *reader) header() []string {
	h := slices.Clone(rd.t.header)
	if len(h) > 1 && h[0] == "" {
		h[0] = "feature"
	}
	return h
}

// each calls fn for every data row. Rows with the wrong number of fields are errors and are
// skipped; a syntax error ends the file.
func (rd *reader) each(fn func()) {
	for {
		ok, prob, fatal := rd.t.next()
		if prob != nil {
			rd.res.Errors = append(rd.res.Errors, *prob)
		}
		if !ok || fatal {
			return
		}
		if prob == nil {
			rd.checkHeaderless()
			fn()
		}
	}
}

// checkHeaderless warns, once per column, about values in a column without a header: they
// are not imported.
func (rd *reader) checkHeaderless() {
	for i, h := range rd.t.header {
		if h != "" || (i == 0 && len(rd.t.header) > 1 && rd.res.Kind == KindMatrix) || rd.warnedBlank[i] || rd.t.cell(i) == "" {
			continue
		}
		if rd.warnedBlank == nil {
			rd.warnedBlank = map[int]bool{}
		}
		rd.warnedBlank[i] = true
		rd.warnf(i, "column %d has no header; its values are not imported", i+1)
	}
}

// errorf records an error at column i of the current row (the row when i < 0).
func (rd *reader) errorf(i int, format string, args ...any) {
	rd.res.Errors = append(rd.res.Errors, *rd.t.problemf(i, format, args...))
}

// warnf records a warning at column i of the current row.
func (rd *reader) warnf(i int, format string, args ...any) {
	rd.res.Warnings = append(rd.res.Warnings, *rd.t.problemf(i, format, args...))
}

// headerWarnf records a warning about a header cell.
func (rd *reader) headerWarnf(i int, format string, args ...any) {
	rd.res.Warnings = append(rd.res.Warnings, rd.t.locate(origin{off: rd.t.headerOff}, i, fmt.Sprintf(format, args...)))
}

// headerErrorf records an error about the header (column i, or the whole row when i < 0).
func (rd *reader) headerErrorf(i int, format string, args ...any) {
	rd.res.Errors = append(rd.res.Errors, rd.t.locate(origin{off: rd.t.headerOff}, i, fmt.Sprintf(format, args...)))
}

// get returns the trimmed cell of a field in the current row ("" when the column is absent).
func (rd *reader) get(field string) string { return rd.t.cell(rd.cols.col(field)) }

// require reports, once, a field the kind cannot do without; it returns false when missing.
func (rd *reader) require(fields ...string) bool {
	ok := true
	for _, fd := range fields {
		if rd.cols.has(fd) {
			continue
		}
		ok = false
		if rd.missing == nil {
			rd.missing = map[string]bool{}
		}
		if !rd.missing[fd] {
			rd.missing[fd] = true
			rd.headerErrorf(-1, "%s files need a column for %s (%s)", rd.res.Kind, fd, synonyms(rd.res.Kind, fd))
		}
	}
	return ok
}

// synonyms lists the header names accepted for a field.
func synonyms(kind, field string) string {
	for _, fd := range specs[kind] {
		if fd.name == field {
			return quoteList(fd.names, 5)
		}
	}
	return ""
}

// warnUnused warns about columns the kind does not use, so a misspelt header is noticed.
func (rd *reader) warnUnused() {
	for _, i := range rd.cols.unused {
		if rd.t.header[i] == "" || slices.Contains(rd.cols.superseded, i) {
			continue // a blank header is warned about when a row has a value there
		}
		rd.headerWarnf(i, "column not imported: it means nothing to a %s file (see docs/import.md for the column names)", rd.res.Kind)
	}
}

// add records where the record just appended to a kind's list came from.
func (rd *reader) add(kind string, o origin) {
	rd.res.origins[kind] = append(rd.res.origins[kind], o)
}

// competitor resolves a competitor named in a cell of column col, creating it when unknown
// and allowed. It returns "" after recording an error.
func (rd *reader) competitor(name string, col int, o origin) string {
	if c, ok := rd.k.competitor(name); ok {
		return c.Slug
	}
	slug := model.Slugify(name)
	switch {
	case slug == "":
		rd.res.Errors = append(rd.res.Errors, rd.t.locate(o, col, fmt.Sprintf("%q is not a competitor name (no letters or digits)", name)))
		return ""
	case !rd.opt.CreateUnknown:
		rd.res.Errors = append(rd.res.Errors, rd.t.locate(o, col, fmt.Sprintf("unknown competitor %q (import it first, or allow new ones by not using --on-conflict fail)", name)))
		return ""
	}
	if msg := rd.k.listedNames(name); msg != "" {
		rd.res.Errors = append(rd.res.Errors, rd.t.locate(o, col, msg))
		return ""
	}
	c := model.Competitor{Slug: slug, Name: strings.Join(strings.Fields(name), " ")}
	if err := c.Validate(); err != nil {
		rd.res.Errors = append(rd.res.Errors, rd.t.locate(o, col, fmt.Sprintf("cannot create competitor %q: %v", name, err)))
		return ""
	}
	rd.res.Catalog.Competitors = append(rd.res.Catalog.Competitors, c)
	rd.add(model.KindCompetitors, origin{off: o.off, cell: col})
	rd.k.addCompetitor(c)
	w := rd.t.locate(o, col, fmt.Sprintf("new competitor %q (%s) will be created", c.Name, c.Slug))
	w.Creates = true
	rd.res.Warnings = append(rd.res.Warnings, w)
	return slug
}

// date reads the date in column col of the current row, recording an error when it is not one.
func (rd *reader) date(col int) (model.Date, bool) {
	text := rd.t.cell(col)
	d, proved, err := parseDate(text, rd.opt.DateFormat)
	if proved != "" && rd.evidence[proved] == "" {
		if rd.evidence == nil {
			rd.evidence = map[string]string{}
		}
		line, _ := rd.t.r.FieldPos(0)
		rd.evidence[proved] = fmt.Sprintf("%q on line %d", text, line)
	}
	if err != nil {
		var amb *ambiguousDate
		if errors.As(err, &amb) {
			rd.ambiguous = append(rd.ambiguous, len(rd.res.Errors))
		}
		rd.errorf(col, "%v", err)
		return d, false
	}
	return d, true
}

// pastDate reads the date in column col of a fact that already happened (field names it as
// the catalog does): like date, and not after today, checked as the app and the command line
// check it.
func (rd *reader) pastDate(col int, field string) model.Date {
	d, ok := rd.date(col)
	if ok {
		var fe *model.FieldError
		if err := model.CheckNotFuture(field, d, rd.opt.Today); errors.As(err, &fe) {
			rd.errorf(col, "%s", fe.Msg)
		}
	}
	return d
}

// hintDates adds to each ambiguous-date error the order the file's other dates show, if they
// all show one.
func (rd *reader) hintDates() {
	if len(rd.evidence) != 1 {
		return
	}
	for order, example := range rd.evidence {
		first := map[string]string{DateMDY: "month", DateDMY: "day"}[order]
		for _, i := range rd.ambiguous {
			rd.res.Errors[i].Msg += fmt.Sprintf(" (other dates in this file put the %s first, e.g. %s: --date-format %s)", first, example, order)
		}
	}
}

// list splits a cell holding several values: "a; b; c".
func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseBool reads yes/no cells of columns such as Add-on or Us.
func parseBool(s string) (bool, bool) {
	switch fold(s) {
	case "yes", "y", "true", "1", "x", "✓", "✔", "✅":
		return true, true
	case "no", "n", "false", "0", "", "-":
		return false, true
	}
	return false, false
}

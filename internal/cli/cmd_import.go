package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// maxListed is how many errors (and, separately, warnings) an import prints before counting
// the rest.
const maxListed = 20

// importFlags are the flags of rivals import.
type importFlags struct {
	dryRun                       bool
	kind, onConflict, dateFormat string
	currency                     string
	maps                         mapFlag
	mapFile                      string
	asOf                         string
	transpose                    bool
	sheet                        string
	decimal                      string
	conflict                     db.Conflict
	readOpts                     importer.Options
	rows                         int // CSV rows read, for the progress line
}

func setupImport(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	var f importFlags
	fs.BoolVar(&f.dryRun, "dry-run", false, "report what would change without writing anything")
	fs.StringVar(&f.kind, "kind", "", "what the CSV files hold: "+strings.Join(importer.Kinds, ", ")+" (default: detected from the header)")
	fs.StringVar(&f.onConflict, "on-conflict", string(db.ConflictUpdate), "stored records that differ: update them, skip them, or fail (fail also refuses new competitors)")
	fs.StringVar(&f.dateFormat, "date-format", "", "order of dates such as 03/04/2025 in CSV files: MDY or DMY")
	fs.StringVar(&f.currency, "currency", "", "ISO 4217 code of CSV amounts that name no currency")
	fs.StringVar(&f.asOf, "as-of", "", "the day prices without a date column were seen, YYYY-MM-DD (default: today)")
	fs.StringVar(&f.decimal, "decimal", "", "the decimal separator of CSV amounts such as 1.163: point or comma (default: the currency's own)")
	fs.StringVar(&f.sheet, "sheet", "", "the sheet of an .xlsx workbook to import (default: every sheet with values)")
	fs.BoolVar(&f.transpose, "transpose", false, "the comparison sheets have products as rows and features as columns")
	fs.StringVar(&f.mapFile, "map-file", "", "read --map pairs from FILE: CSV rows field,column, or field: column lines in a .yaml file")
	fs.Var(&f.maps, "map", "read FIELD from the column headed COLUMN (repeat for more; see the fields below)")
	return func(ctx context.Context, args []string) error {
		if err := f.check(a.now()); err != nil {
			return err
		}
		if err := a.readMapFile(&f); err != nil {
			return err
		}
		files, err := a.readImportFiles(args, f.sheet)
		if err != nil {
			return err
		}
		if err := refuseNotACatalog(files); err != nil {
			return err
		}
		if err := refuseNotText(files); err != nil {
			return err
		}
		a.source = importSource(args)
		// A dry run opens the file read-only: it works on read-only media and never upgrades.
		store, cleanup, err := a.openStoreWith(ctx, db.Options{Create: !f.dryRun, ReadOnly: f.dryRun})
		if f.dryRun && errors.Is(err, db.ErrNoDatabase) {
			// A dry run never creates the database: with none yet, compare against an empty one.
			store, cleanup, err = openScratch(ctx)
		}
		if err != nil {
			return err
		}
		defer cleanup()
		err = a.runImport(ctx, store, files, &f)
		if err != nil && !f.dryRun {
			// A refused import into a database it created leaves no empty database behind.
			store.CloseAndRemoveIfUnused(ctx)
		}
		return err
	}
}

// check validates the flags before any file is read.
func (f *importFlags) check(now time.Time) error {
	if f.kind != "" && !slices.Contains(importer.Kinds, f.kind) {
		return usagef("unknown --kind %q (want %s)", f.kind, strings.Join(importer.Kinds, ", "))
	}
	f.conflict = db.Conflict(f.onConflict)
	if !slices.Contains(db.Conflicts, f.conflict) {
		return usagef("unknown --on-conflict %q (want update, skip or fail)", f.onConflict)
	}
	f.dateFormat = strings.ToUpper(f.dateFormat)
	if f.dateFormat != "" && f.dateFormat != importer.DateMDY && f.dateFormat != importer.DateDMY {
		return usagef("unknown --date-format %q (want MDY or DMY)", f.dateFormat)
	}
	f.currency = strings.ToUpper(f.currency)
	if f.currency != "" && !model.ValidCurrency(f.currency) {
		return usagef("--currency %q is not an ISO 4217 code", f.currency)
	}
	if f.decimal = strings.ToLower(f.decimal); f.decimal != "" && f.decimal != importer.DecimalComma && f.decimal != importer.DecimalPoint {
		return usagef("unknown --decimal %q (want point or comma)", f.decimal)
	}
	if f.asOf != "" {
		d, err := model.ParseDate(f.asOf)
		if err != nil {
			return usagef("--as-of %q is not a date (YYYY-MM-DD)", f.asOf)
		}
		if today := model.DateOf(now); model.CheckNotFuture("as_of", d, today) != nil {
			return usagef("--as-of %s is after today (%s): prices are recorded as they were seen", d, today)
		}
		f.readOpts.AsOf = d
	}
	return nil
}

// mapFlag collects --map FIELD=COLUMN flags.
type mapFlag struct{ fields map[string]string }

func (m *mapFlag) String() string { return "" }

// Set records one FIELD=COLUMN; a field may be mapped once.
func (m *mapFlag) Set(v string) error {
	field, column, ok := strings.Cut(v, "=")
	field, column = strings.TrimSpace(field), strings.TrimSpace(column)
	if !ok || field == "" || column == "" {
		return fmt.Errorf("%q is not FIELD=COLUMN (e.g. competitors=Primary_Rival__c)", v)
	}
	if m.fields == nil {
		m.fields = map[string]string{}
	}
	if prev, dup := m.fields[field]; dup {
		return fmt.Errorf("%s is mapped twice (to %q and %q)", field, prev, column)
	}
	m.fields[field] = column
	return nil
}

// readMapFile adds the pairs of --map-file to those of --map; a field both give is an error.
func (a *app) readMapFile(f *importFlags) error {
	if f.mapFile == "" {
		return nil
	}
	data, err := readInputFile(f.mapFile, a.inputLimit())
	if err != nil {
		return err
	}
	pairs, err := importer.ParseMapFile(f.mapFile, data)
	if err != nil {
		return err
	}
	for field, column := range pairs {
		if prev, dup := f.maps.fields[field]; dup && prev != column {
			return usagef("%s is mapped by --map to %q and by %s to %q", field, prev, f.mapFile, column)
		}
		if f.maps.fields == nil {
			f.maps.fields = map[string]string{}
		}
		f.maps.fields[field] = column
	}
	return nil
}

// importFieldsHelp lists the fields --map can name, per kind of CSV file.
func importFieldsHelp() string {
	var b strings.Builder
	b.WriteString("Fields for --map, by kind of CSV file:\n")
	fields := importer.Fields()
	for _, k := range importer.Kinds {
		fmt.Fprintf(&b, "  %-12s %s\n", k, strings.Join(fields[k], ", "))
	}
	return b.String()
}

// runImport parses every file, then imports them as one catalog in one transaction.
func (a *app) runImport(ctx context.Context, store *db.Store, files []importFile, f *importFlags) error {
	if !f.dryRun {
		// Refused at once on a database a check found damaged, before reading what it holds.
		if err := store.RefuseIfDamaged(); err != nil {
			return err
		}
	}
	if len(files) == 1 && files[0].json {
		rep, err := a.importCatalogFileNamed(ctx, store, files[0], f)
		if err != nil {
			return err
		}
		return a.printImportDone(store, files, f, rep)
	}
	known, err := storedCatalog(ctx, store)
	if err != nil {
		return err
	}
	f.readOpts = importer.Options{DateFormat: f.dateFormat, Currency: f.currency, CreateUnknown: f.conflict != db.ConflictFail, Today: model.DateOf(a.now()), Map: f.maps.fields, AsOf: f.readOpts.AsOf, Transpose: f.transpose, Decimal: f.decimal}
	var parts []importer.Part
	var errs []error
	var warnings []importer.Problem
	// JSON catalogs first, then CSV files in dependency order, so prices find the plans and
	// deals the competitors read before them.
	for i := range files {
		if files[i].json || f.kind != "" && !files[i].lies {
			files[i].kind = f.kind
			continue
		}
		opt := f.readOpts
		opt.Existing, opt.Sheet = known, files[i].sheets != nil
		if files[i].lies {
			if err := a.settleLyingFile(&files[i], f.kind, opt); err != nil {
				return err
			}
			continue
		}
		if files[i].kind, err = importer.DetectKind(files[i].name, files[i].data, opt); err != nil {
			if len(files[i].sheets) > 1 {
				err = fmt.Errorf("%w (the workbook's sheets: %s; import one with --sheet NAME)", err, strings.Join(files[i].sheets, ", "))
			}
			errs = append(errs, err)
		}
	}
	if len(files) == 1 && files[0].kind == importer.KindDeals && !files[0].json {
		return a.importDealsTable(ctx, store, files[0], f, known)
	}
	if slices.ContainsFunc(files, func(f importFile) bool { return f.kind == importer.KindMatrix }) {
		// Only a matrix is matched against the stored cells, the largest list of a catalog.
		if known.Support, err = storedCells(ctx, store); err != nil {
			return err
		}
	}
	slices.SortStableFunc(files, func(x, y importFile) int { return rank(x) - rank(y) })
	for _, file := range files {
		if file.kind == "" && !file.json {
			continue // its kind could not be told; already reported
		}
		part, fileErrs, fileWarnings := a.readImportFile(file, f, known)
		errs = append(errs, fileErrs...)
		warnings = append(warnings, fileWarnings...)
		if part != nil {
			parts = append(parts, *part)
			known = extendKnown(known, part.Catalog)
		}
	}
	merged, mergeErrs := importer.Merge(parts)
	errs = append(errs, mergeErrs...)
	if len(errs) > 0 {
		a.printWarnings(warnings, true)
		return a.reportErrors(errs)
	}
	bar := newProgress(a.stderr, "")
	if f.rows >= progressMinRows {
		bar.status(fmt.Sprintf("writing %s rows to %s…", model.FormatCount(int64(f.rows)), store.Path()))
	}
	rep, err := store.Import(ctx, merged.Catalog, db.ImportOptions{DryRun: f.dryRun, Now: a.now(), OnConflict: f.conflict})
	bar.clear()
	a.printWarnings(warnings, err != nil)
	if err != nil {
		var re *db.RecordError
		if errors.As(err, &re) {
			return a.reportErrors([]error{merged.LocateError(re.Kind, re.Index, re.Err)})
		}
		return err
	}
	return a.printImportDone(store, files, f, rep)
}

// printImportDone says what an import did: which files, into which database, and the counts.
func (a *app) printImportDone(store *db.Store, files []importFile, f *importFlags, rep db.ImportReport) error {
	names := make([]string, len(files))
	for i, file := range files {
		names[i] = file.name
	}
	list := termtext.Line(strings.Join(names, ", "))
	switch {
	case f.dryRun:
		fmt.Fprintf(a.stdout, "dry run of %s: nothing was written\n", list)
	case rep.Changed():
		fmt.Fprintf(a.stdout, "imported %s into %s\n", list, store.Path())
	default:
		fmt.Fprintf(a.stdout, "%s: everything is already up to date\n", list)
	}
	return writeImportReport(a.stdout, rep)
}

// rank orders files for reading: JSON catalogs, then CSV files by kind.
func rank(f importFile) int {
	if f.json {
		return -1
	}
	return importer.KindRank(f.kind)
}

// readImportFile parses one file into a part of the run.
func (a *app) readImportFile(file importFile, f *importFlags, known model.Catalog) (*importer.Part, []error, []importer.Problem) {
	if file.json {
		cat, ix, err := catalog.Decode(file.name, file.data)
		if err != nil {
			return nil, []error{err}, nil
		}
		return &importer.Part{Catalog: cat, Locator: ix}, futureDates(cat, f.readOpts.Today, ix), nil
	}
	opt := f.readOpts
	opt.Existing, opt.Kind, opt.Sheet = known, file.kind, file.sheets != nil
	bar := newProgress(a.stderr, file.name)
	opt.Progress = bar.update
	var res *importer.Result
	var err error
	if file.lies {
		res, err = readLyingFile(file, opt)
	} else {
		res, err = importer.ReadFile(file.name, file.data, opt)
	}
	bar.clear()
	if err != nil {
		return nil, []error{err}, nil
	}
	res.Detected = f.kind == ""
	if res.Detected {
		fmt.Fprintln(a.stderr, termtext.Line(res.Describe()))
	}
	f.rows += res.Rows
	var errs []error
	for i := range res.Errors {
		errs = append(errs, &res.Errors[i])
	}
	return &importer.Part{Catalog: res.Catalog, Locator: res}, errs, res.Warnings
}

// futureDates reports the dates of a catalog file that lie after today (deals closed, prices
// seen, companies founded), located in the file, with the rules the app and CSV imports apply.
func futureDates(cat model.Catalog, today model.Date, ix *catalog.Index) []error {
	var errs []error
	eachFutureDate(cat, today, func(kind string, i int, err error) { errs = append(errs, ix.LocateError(kind, i, err)) })
	return errs
}

// eachFutureDate calls found for each record of cat with a date after today.
func eachFutureDate(cat model.Catalog, today model.Date, found func(kind string, i int, err error)) {
	for i, c := range cat.Competitors {
		if err := model.CheckFoundedYear(c.Founded, today); err != nil {
			found(model.KindCompetitors, i, err)
		}
	}
	for i, p := range cat.Plans {
		for j, o := range p.Observations {
			if err := model.CheckNotFuture("observed_at", o.ObservedAt, today); err != nil {
				found(model.KindPlans, i, model.Nested(fmt.Sprintf("observations[%d]", j), err))
			}
		}
	}
	for i, d := range cat.Deals {
		if err := model.CheckNotFuture("closed_at", d.ClosedAt, today); err != nil {
			found(model.KindDeals, i, err)
		}
	}
}

// storedCatalog loads what CSV files are matched against, from one snapshot: competitors,
// features, plans and reason codes. The matrix cells, which only a matrix file is matched
// against, are read by storedCells when one is imported.
func storedCatalog(ctx context.Context, store *db.Store) (model.Catalog, error) {
	var c model.Catalog
	snap, err := store.Snapshot(ctx)
	if err != nil {
		return c, err
	}
	defer snap.Close()
	if c.Competitors, err = snap.Competitors(ctx); err != nil {
		return c, err
	}
	if c.Features, err = snap.Features(ctx); err != nil {
		return c, err
	}
	if c.Plans, err = snap.Plans(ctx, ""); err != nil {
		return c, err
	}
	c.ReasonCodes, err = snap.ReasonCodes(ctx)
	return c, err
}

// storedCells loads every stored matrix cell, which a matrix file's cells are compared with
// (an unchanged cell keeps its note, source and verification date).
func storedCells(ctx context.Context, store *db.Store) ([]model.Support, error) {
	return store.Support(ctx, "")
}

// extendKnown adds what a file brings to what later files are matched against.
func extendKnown(known, add model.Catalog) model.Catalog {
	known.Competitors = append(slices.Clip(known.Competitors), add.Competitors...)
	known.Features = append(slices.Clip(known.Features), add.Features...)
	known.Support = append(slices.Clip(known.Support), add.Support...)
	known.Plans = append(slices.Clip(known.Plans), add.Plans...)
	known.ReasonCodes = append(slices.Clip(known.ReasonCodes), add.ReasonCodes...)
	return known
}

// printWarnings lists up to maxListed warnings on stderr, then how many more there were. Of
// an import refused, the warnings that announce records it would have created are left out.
func (a *app) printWarnings(ws []importer.Problem, refused bool) {
	if refused {
		ws = slices.DeleteFunc(slices.Clone(ws), func(w importer.Problem) bool { return w.Creates })
	}
	for i, w := range ws {
		if i == maxListed {
			fmt.Fprintf(a.stderr, "warning: … and %d more warnings\n", len(ws)-maxListed)
			break
		}
		fmt.Fprintf(a.stderr, "warning: %s\n", termtext.Line(w.String()))
	}
}

// reportErrors returns nil for no errors, the error itself for one (printed as the command's
// one-line error), and otherwise prints up to maxListed of them and returns a summary.
func (a *app) reportErrors(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	for i, err := range errs {
		if i == maxListed {
			fmt.Fprintf(a.stderr, "… and %d more\n", len(errs)-maxListed)
			break
		}
		fmt.Fprintln(a.stderr, termtext.Line(err.Error()))
	}
	return fmt.Errorf("%d errors; nothing was imported", len(errs))
}

// importSource names an import in the change history by its files: "import deals.csv".
func importSource(files []string) string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f)
	}
	return "import " + strings.Join(names, " ")
}

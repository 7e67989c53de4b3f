package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/model"
)

// errTableRefused stops the storing side of an import whose table turned out to have errors;
// the table's own errors are what is reported.
var errTableRefused = errors.New("the table has errors")

// importDealsTable imports a deals table, the one CSV file or sheet of an import, storing its
// deals while the rest are read: every importer.BatchRows deals go to the store as soon as
// they are read, with the competitors and reason codes they name first, so that reading and
// storing overlap on two processors. The outcome is the one of reading the whole table and
// then storing it: the same detection, warnings and errors, reported the same way, and one
// transaction that is committed only when the whole table read without an error.
func (a *app) importDealsTable(ctx context.Context, store *db.Store, file importFile, f *importFlags, known model.Catalog) error {
	batches := make(chan model.Catalog, 2)
	stored := make(chan struct{}) // the import is over: no more batches are taken
	f.readOpts.Batches = func(b model.Catalog) bool {
		select {
		case batches <- b:
			return true
		case <-stored:
			return false
		}
	}
	var part *importer.Part
	var errs []error
	var warnings []importer.Problem
	writing := newProgress(a.stderr, "")
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(batches)
		part, errs, warnings = a.readImportFile(file, f, known)
		if part != nil && len(errs) == 0 {
			_, mergeErrs := importer.Merge([]importer.Part{*part})
			errs = append(errs, mergeErrs...)
		}
		if len(errs) == 0 && f.rows >= progressMinRows {
			writing.status(fmt.Sprintf("writing the last of %s rows to %s…", model.FormatCount(int64(f.rows)), store.Path()))
		}
	}()
	next := func(kind string) (model.Catalog, bool, error) {
		if kind != model.KindDeals {
			return model.Catalog{}, false, nil
		}
		if b, ok := <-batches; ok {
			return b, true, nil
		}
		<-read
		if part == nil || len(errs) > 0 {
			return model.Catalog{}, false, errTableRefused
		}
		return model.Catalog{}, false, nil
	}
	kinds := []string{model.KindCompetitors, model.KindReasonCodes, model.KindDeals}
	rep, err := store.ImportKinds(ctx, kinds, db.ImportOptions{DryRun: f.dryRun, Now: a.now(), OnConflict: f.conflict}, next)
	close(stored)
	<-read
	writing.clear()
	a.printWarnings(warnings)
	if len(errs) > 0 {
		return a.reportErrors(errs)
	}
	var re *db.RecordError
	if errors.As(err, &re) {
		return a.reportErrors([]error{part.Locator.LocateError(re.Kind, re.Index, re.Err)})
	}
	if err != nil {
		return err
	}
	return a.printImportDone(store, []importFile{file}, f, rep)
}

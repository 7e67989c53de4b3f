package cli

import (
	"context"
	"errors"
	"sync"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/model"
)

// errDecodeFailed stops the storing side of an import whose file turned out to be refused;
// the file's own error is what is reported.
var errDecodeFailed = errors.New("the catalog file was refused")

// importCatalogFile imports one catalog JSON file, storing each kind of record while the
// next is decoded: the two overlap on two processors, and a kind's records are let go once
// stored. The outcome is the one of decoding the whole file and then storing it: the same
// refusals, reported the same way, in one transaction that writes nothing unless all of it
// is stored.
func (a *app) importCatalogFile(ctx context.Context, store *db.Store, file importFile, f *importFlags) (db.ImportReport, error) {
	today := model.DateOf(a.now())
	q := newKindQueue()
	type dateProblem struct {
		kind string
		i    int
		err  error
	}
	var dates []dateProblem
	var ix *catalog.Index
	var decodeErr error
	decoded := make(chan struct{})
	go func() {
		defer close(decoded)
		ix, decodeErr = catalog.DecodeKinds(file.name, file.data, func(kind string, part model.Catalog) {
			// Dates after today are refused, as when the whole file is read first.
			eachFutureDate(part, today, func(kind string, i int, err error) { dates = append(dates, dateProblem{kind, i, err}) })
			q.put(kind, part)
		})
		q.finish(decodeErr != nil || len(dates) > 0)
	}()
	rep, err := store.ImportKinds(ctx, catalog.Kinds(file.data), db.ImportOptions{Now: a.now(), OnConflict: f.conflict}, q.next)
	<-decoded
	switch {
	case decodeErr != nil:
		return rep, decodeErr
	case len(dates) > 0:
		errs := make([]error, len(dates))
		for i, d := range dates {
			errs[i] = ix.LocateError(d.kind, d.i, d.err)
		}
		return rep, a.reportErrors(errs)
	}
	var re *db.RecordError
	if errors.As(err, &re) {
		return rep, a.reportErrors([]error{ix.LocateError(re.Kind, re.Index, re.Err)})
	}
	return rep, err
}

// kindQueue hands the kinds of a catalog from the goroutine decoding it to the import
// storing it.
type kindQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	parts  map[string]model.Catalog
	done   bool // every kind the file holds is in parts, or was taken
	failed bool // the file is refused: the import must stop
}

func newKindQueue() *kindQueue {
	q := &kindQueue{parts: map[string]model.Catalog{}}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// put hands over the records of one kind.
func (q *kindQueue) put(kind string, part model.Catalog) {
	q.mu.Lock()
	q.parts[kind] = part
	q.mu.Unlock()
	q.cond.Broadcast()
}

// finish says the file is read: every kind not handed over has no records, or, when failed,
// the import must stop.
func (q *kindQueue) finish(failed bool) {
	q.mu.Lock()
	q.done, q.failed = true, failed
	q.mu.Unlock()
	q.cond.Broadcast()
}

// next waits for the records of kind and takes them: none when the file gives none.
func (q *kindQueue) next(kind string) (model.Catalog, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if q.failed {
			return model.Catalog{}, errDecodeFailed
		}
		if part, ok := q.parts[kind]; ok {
			delete(q.parts, kind)
			return part, nil
		}
		if q.done {
			return model.Catalog{}, nil
		}
		q.cond.Wait()
	}
}

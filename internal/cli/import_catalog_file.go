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
	rep, err := store.ImportKinds(ctx, catalog.Kinds(file.data), db.ImportOptions{Now: a.now(), OnConflict: f.conflict}, func(kind string) (model.Catalog, bool, error) { p, err := q.next(kind); return p, false, err })
	q.close()
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
// storing it. The decoder waits while a kind it handed over is not taken yet, so that at most
// two kinds are in memory at once (one being stored, one decoded and waiting), unless the
// import waits for a kind the file gives later, in which case it reads on.
type kindQueue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	parts   map[string]model.Catalog
	wanting string // the kind next waits for, "" while the import is storing
	done    bool   // every kind the file holds is in parts, or was taken
	failed  bool   // the file is refused: the import must stop
	closed  bool   // the import is over: nothing more is taken
}

func newKindQueue() *kindQueue {
	q := &kindQueue{parts: map[string]model.Catalog{}}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// put hands over the records of one kind, then waits until the import can use more.
func (q *kindQueue) put(kind string, part model.Catalog) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	q.parts[kind] = part
	q.cond.Broadcast()
	for !q.closed && len(q.parts) > 0 {
		if _, ok := q.parts[q.wanting]; q.wanting != "" && !ok {
			return // the import waits for a kind further on in the file
		}
		q.cond.Wait()
	}
}

// finish says the file is read: every kind not handed over has no records, or, when failed,
// the import must stop.
func (q *kindQueue) finish(failed bool) {
	q.mu.Lock()
	q.done, q.failed = true, failed
	q.mu.Unlock()
	q.cond.Broadcast()
}

// close says the import is over, so the decoder no longer waits for it.
func (q *kindQueue) close() {
	q.mu.Lock()
	q.closed = true
	clear(q.parts)
	q.mu.Unlock()
	q.cond.Broadcast()
}

// next waits for the records of kind and takes them: none when the file gives none.
func (q *kindQueue) next(kind string) (model.Catalog, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	defer q.cond.Broadcast()
	q.wanting = kind
	defer func() { q.wanting = "" }()
	q.cond.Broadcast()
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

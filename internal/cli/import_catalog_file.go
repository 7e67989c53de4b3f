package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/model"
)

// errDecodeFailed stops the storing side of an import whose file turned out to be refused;
// the file's own error is what is reported.
var errDecodeFailed = errors.New("the catalog file was refused")

// refuseNotACatalog refuses, before any database is opened, the one catalog JSON file of an
// import when it does not start as a JSON object (a binary file, a CSV file named .json, an
// empty one), with the message its import would give, so that such a refusal creates no
// database. Any other refusal is found while the file is stored, in the import's transaction.
func refuseNotACatalog(files []importFile) error {
	if len(files) != 1 || !files[0].json || files[0].data != nil {
		return nil
	}
	fh, err := os.Open(files[0].name)
	if err != nil {
		return err
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return err
	}
	head := make([]byte, 4096)
	n, _ := fh.ReadAt(head, 0)
	start := bytes.TrimLeft(bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(start) > 0 && start[0] == '{' || len(start) == 0 && n == len(head) {
		return nil // an object, or white space to read further: the import tells
	}
	st := catalog.NewStream(catalog.File{Name: files[0].name, R: fh, Size: fi.Size()}, catalog.StreamOptions{Reread: importer.MaxFileSize})
	_, err = st.Run(func(catalog.Batch) {})
	return err
}

// importCatalogFileNamed imports the one catalog JSON file of an import: read where it lies
// when it was named on the command line, else from memory.
func (a *app) importCatalogFileNamed(ctx context.Context, store *db.Store, file importFile, f *importFlags) (db.ImportReport, error) {
	if file.data != nil {
		return a.importCatalogFile(ctx, store, catalog.FileOf(file.name, file.data), f)
	}
	fh, err := os.Open(file.name)
	if err != nil {
		return db.ImportReport{}, err
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return db.ImportReport{}, err
	}
	if fi.Size() > MaxStreamedFile {
		return db.ImportReport{}, fmt.Errorf("%s: is %s; files over %s are not read (split it into smaller files)", file.name, importer.ByteSize(fi.Size()), importer.ByteSize(MaxStreamedFile))
	}
	return a.importCatalogFile(ctx, store, catalog.File{Name: file.name, R: fh, Size: fi.Size()}, f)
}

// importCatalogFile imports one catalog JSON file, read where it lies a batch of records at a
// time: each batch is stored while the next is decoded, so the two overlap on two processors
// and memory holds a few batches whatever the size of the file. The outcome is the one of
// decoding the whole file and then storing it: the same refusals, reported the same way, in
// one transaction that writes nothing unless all of it is stored.
func (a *app) importCatalogFile(ctx context.Context, store *db.Store, file catalog.File, f *importFlags) (db.ImportReport, error) {
	today := model.DateOf(a.now())
	st := catalog.NewStream(file, catalog.StreamOptions{Reread: importer.MaxFileSize})
	q := newBatchQueue()
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
		ix, decodeErr = st.Run(func(b catalog.Batch) {
			// Dates after today are refused, as when the whole file is read first.
			eachFutureDate(b.Records, today, func(kind string, i int, err error) {
				dates = append(dates, dateProblem{kind, b.First + i, err})
			})
			q.put(b)
		})
		q.finish(decodeErr != nil || len(dates) > 0)
	}()
	rep, err := store.ImportKinds(ctx, st.Kinds(), db.ImportOptions{DryRun: f.dryRun, Now: a.now(), OnConflict: f.conflict}, q.next)
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

// batchQueue hands batches of records from the goroutine decoding a catalog to the import
// storing it. The decoder waits while a batch it handed over is not taken yet, so that at
// most two are in memory at once (one being stored, one decoded and waiting), unless the
// import waits for a kind the file gives later, in which case it reads on.
type batchQueue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	pending []catalog.Batch
	wanting string // the kind next waits for, "" while the import is storing
	done    bool   // every batch of the file was handed over
	failed  bool   // the file is refused: the import must stop
	closed  bool   // the import is over: nothing more is taken
}

func newBatchQueue() *batchQueue {
	q := &batchQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// put hands over a batch, then waits until the import can use more.
func (q *batchQueue) put(b catalog.Batch) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	q.pending = append(q.pending, b)
	q.cond.Broadcast()
	for !q.closed && len(q.pending) > 0 {
		if q.wanting != "" && q.find(q.wanting) < 0 {
			return // the import waits for a kind further on in the file
		}
		q.cond.Wait()
	}
}

// find returns the place of the first pending batch of kind, or -1.
func (q *batchQueue) find(kind string) int {
	return slices.IndexFunc(q.pending, func(b catalog.Batch) bool { return b.Kind == kind })
}

// finish says the file is read: every batch was handed over, or, when failed, the import
// must stop.
func (q *batchQueue) finish(failed bool) {
	q.mu.Lock()
	q.done, q.failed = true, failed
	q.mu.Unlock()
	q.cond.Broadcast()
}

// close says the import is over, so the decoder no longer waits for it.
func (q *batchQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.pending = nil
	q.mu.Unlock()
	q.cond.Broadcast()
}

// next waits for the next batch of kind and takes it, saying whether more of kind follow:
// none when the file gives none.
func (q *batchQueue) next(kind string) (part model.Catalog, more bool, err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	defer q.cond.Broadcast()
	q.wanting = kind
	defer func() { q.wanting = "" }()
	q.cond.Broadcast()
	for {
		if q.failed {
			return model.Catalog{}, false, errDecodeFailed
		}
		if at := q.find(kind); at >= 0 {
			b := q.pending[at]
			q.pending = slices.Delete(q.pending, at, at+1)
			return b.Records, !b.Last, nil
		}
		if q.done {
			return model.Catalog{}, false, nil
		}
		q.cond.Wait()
	}
}

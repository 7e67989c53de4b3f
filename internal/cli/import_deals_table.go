package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

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
	if file.fh != nil {
		defer file.fh.Close() // after any error is located in it
	}
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
	// The reader refuses a ref used twice, naming both lines: the store need not look again.
	opt := db.ImportOptions{DryRun: f.dryRun, Now: a.now(), OnConflict: f.conflict, DistinctRefs: true}
	rep, err := store.ImportKinds(ctx, kinds, opt, next)
	close(stored)
	<-read
	writing.clear()
	a.printWarnings(warnings, len(errs) > 0 || err != nil)
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

// detectHead is how much of a CSV file read where it lies its kind is told from.
const detectHead = 1 << 20

// settleLyingFile settles the kind of a CSV file imported on its own and not read yet: the
// kind given, or the one its first rows show. A deals table stays where it lies, to be read
// as its rows are stored; any other file is read whole now.
func (a *app) settleLyingFile(file *importFile, kind string, opt importer.Options) error {
	file.kind = kind
	head, err := readHead(file.name, detectHead)
	if err != nil {
		return err
	}
	utf16 := bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF})
	if kind == "" && !utf16 {
		if file.kind, err = importer.DetectKind(file.name, head, opt); err != nil {
			return err
		}
	}
	if file.kind == importer.KindDeals && !utf16 {
		file.fh, err = os.Open(file.name)
		return err
	}
	// UTF-16 text is converted whole (and a head cut at a line end is not whole characters).
	if file.data, err = readInputFile(file.name, a.inputLimit()); err != nil {
		return err
	}
	file.lies = false
	if file.kind == "" {
		file.kind, err = importer.DetectKind(file.name, file.data, opt)
	}
	return err
}

// readHead reads up to n bytes from the start of a file, cut after its last whole line when
// the file goes on.
func readHead(name string, n int) ([]byte, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	head := make([]byte, n+1)
	read, err := io.ReadFull(fh, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if read <= n {
		return head[:read], nil
	}
	head = head[:n]
	if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
		head = head[:i+1]
	}
	return head, nil
}

// readLyingFile reads a CSV file imported on its own where it lies (see importer.ReadFileAt).
func readLyingFile(file importFile, opt importer.Options) (*importer.Result, error) {
	fi, err := file.fh.Stat()
	if err != nil {
		return nil, err
	}
	return importer.ReadFileAt(importer.File{Name: file.name, R: file.fh, Size: fi.Size()}, opt)
}

// refuseNotText refuses, before any database is opened, the one CSV file of an import when
// its start is not text an import reads: UTF-16 without a byte-order mark (or a file of zero
// bytes), or bytes that are not UTF-8, with the message a whole read gives. The rest of the
// file is checked as its rows are read, in the import's transaction.
func refuseNotText(files []importFile) error {
	if len(files) != 1 || !files[0].lies {
		return nil
	}
	head, err := readHead(files[0].name, 64<<10)
	if err != nil {
		return err
	}
	return importer.CheckTextStart(files[0].name, head)
}

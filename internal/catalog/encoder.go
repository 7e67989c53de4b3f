package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// Encoder writes a catalog record by record, in the canonical form Encode gives, without ever
// holding the whole catalog: the records of a kind must come together, kinds in the order of
// model.CatalogKinds, each kind's records in canonical order (as db.Snapshot.ExportEach gives
// them). Call Close to finish the file.
type Encoder struct {
	w    io.Writer
	buf  bytes.Buffer
	enc  *json.Encoder
	kind int // index in model.CatalogKinds of the list being written; -1 before the first
	err  error
	// out holds a record spelled by hand; str and strEnc escape the strings that need it.
	out    []byte
	str    bytes.Buffer
	strEnc *json.Encoder
}

// NewEncoder starts a catalog on w.
func NewEncoder(w io.Writer) *Encoder {
	e := &Encoder{w: w, kind: -1}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	// A record sits two levels deep: in the catalog object, in its kind's array.
	e.enc.SetIndent("    ", "  ")
	e.strEnc = newStringEncoder(&e.str)
	e.write([]byte("{\n  \"version\": " + strconv.Itoa(model.CatalogVersion)))
	return e
}

// write writes b, remembering the first error.
func (e *Encoder) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// Record writes one record of kind. A kind that comes after a later one, or an unknown kind,
// is an error.
func (e *Encoder) Record(kind string, v any) error {
	if e.err != nil {
		return e.err
	}
	k := slices.Index(model.CatalogKinds, kind)
	switch {
	case k < 0:
		return fmt.Errorf("catalog: unknown kind %q", kind)
	case k < e.kind:
		return fmt.Errorf("catalog: %s written after %s", kind, model.CatalogKinds[e.kind])
	case k > e.kind:
		if e.kind >= 0 {
			e.write([]byte("\n  ]"))
		}
		e.write([]byte(",\n  \"" + kind + "\": [\n    "))
		e.kind = k
	default:
		e.write([]byte(",\n    "))
	}
	var ok bool
	if e.out, ok = e.appendRecord(e.out[:0], v); ok {
		// Exports get printed to terminals too: escape characters that would act on one.
		e.write(termtext.JSONSafe(e.out))
		return e.err
	}
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return err
	}
	e.write(termtext.JSONSafe(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))))
	return e.err
}

// Close ends the catalog. It does not close the writer.
func (e *Encoder) Close() error {
	if e.kind >= 0 {
		e.write([]byte("\n  ]"))
	}
	e.write([]byte("\n}\n"))
	return e.err
}

// encodeBatch is how many records the reading side hands the encoding side at a time.
const encodeBatch = 512

// record is one record on its way from the reader to the encoder.
type record struct {
	kind string
	v    any
}

// EncodeFrom writes the catalog that each emits, record by record as Encoder.Record takes
// them, reading and encoding at once: each runs in the calling goroutine while the records it
// gave are encoded and written in another, a few batches behind, so that a large export takes
// about the longer of the two rather than their sum, and memory holds only the batches in
// flight. An error on either side stops both.
func EncodeFrom(w io.Writer, each func(emit func(kind string, record any) error) error) error {
	batches := make(chan []record, 4)
	free := make(chan []record, 6)
	done := make(chan error, 1)
	go func() {
		enc := NewEncoder(w)
		var err error
		for batch := range batches {
			for _, r := range batch {
				if err == nil {
					err = enc.Record(r.kind, r.v)
				}
			}
			if err != nil {
				// Tell the reader at once; keep draining so it is never stuck on a send.
				select {
				case done <- err:
				default:
				}
				continue
			}
			clear(batch)
			select {
			case free <- batch[:0]:
			default:
			}
		}
		if err == nil {
			err = enc.Close()
		}
		select {
		case done <- err:
		default:
		}
		close(done)
	}()
	batch := make([]record, 0, encodeBatch)
	send := func() error {
		select {
		case batches <- batch:
		case err := <-done:
			return err
		}
		select {
		case batch = <-free:
		default:
			batch = make([]record, 0, encodeBatch)
		}
		return nil
	}
	err := each(func(kind string, v any) error {
		batch = append(batch, record{kind, v})
		if len(batch) < encodeBatch {
			return nil
		}
		return send()
	})
	if err == nil && len(batch) > 0 {
		err = send()
	}
	close(batches)
	encErr := <-done
	if err != nil {
		return err
	}
	return encErr
}

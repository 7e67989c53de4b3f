package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/model"
)

// readInBatches reads a file with Options.Batches and returns the result and the batches'
// records joined in one catalog, and how many batches there were.
func readInBatches(t *testing.T, name string, data []byte, opt importer.Options) (*importer.Result, model.Catalog, int) {
	t.Helper()
	var joined model.Catalog
	n := 0
	opt.Batches = func(b model.Catalog) bool {
		n++
		joined.Competitors = append(joined.Competitors, b.Competitors...)
		joined.ReasonCodes = append(joined.ReasonCodes, b.ReasonCodes...)
		joined.Deals = append(joined.Deals, b.Deals...)
		return true
	}
	res, err := importer.ReadFile(name, data, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res, joined, n
}

// A deals table read in batches gives what a whole read gives: the same deals, competitors
// and reason codes (handed on in batches, none kept), the same errors and warnings, and the
// same places for errors the store may report about any deal. Checked on every deals
// fixture and on a generated table of several batches with new names late in it.
func TestBatchesAreAWholeRead(t *testing.T) {
	files := map[string][]byte{}
	for _, pattern := range []string{"*.csv", "*.tsv", "real/*.csv"} {
		names, _ := filepath.Glob(filepath.Join(fixtures, pattern))
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files[name] = data
		}
	}
	var b strings.Builder
	b.WriteString("Ref,Close Date,Outcome,Competitor,Amount,Currency,Win Reason,Loss Reason\n")
	rows := 2*importer.BatchRows + 300
	for i := range rows {
		comp, reason := "Harborline", "Price"
		if i == importer.BatchRows+5 {
			comp, reason = "Zephyrdesk", "Onboarding speed"
		}
		fmt.Fprintf(&b, "D-%05d,2025-%02d-%02d,%s,%s,%d,USD,%s,%s\n", i, i%12+1, i%28+1, []string{"won", "lost"}[i%2], comp, 1000+i, reason, reason)
	}
	files["generated.csv"] = []byte(b.String())
	checked := 0
	for name, data := range files {
		opt := options(t)
		opt.DateFormat = importer.DateMDY
		whole, err := importer.ReadFile(name, data, opt)
		if err != nil || whole.Kind != importer.KindDeals {
			continue
		}
		checked++
		t.Run(filepath.Base(name), func(t *testing.T) {
			res, joined, n := readInBatches(t, name, data, opt)
			if !reflect.DeepEqual(res.Errors, whole.Errors) || !reflect.DeepEqual(res.Warnings, whole.Warnings) {
				t.Errorf("errors %v\nwarnings %v\nwant %v\n%v", res.Errors, res.Warnings, whole.Errors, whole.Warnings)
			}
			if len(res.Catalog.Deals) != 0 {
				t.Errorf("%d deals kept", len(res.Catalog.Deals))
			}
			if len(whole.Errors) > 0 {
				return // the batches before the first error were handed on; the file is refused
			}
			joined.Normalize() // as the store does; a whole read normalizes as it checks
			if !reflect.DeepEqual(joined.Deals, whole.Catalog.Deals) || !reflect.DeepEqual(joined.Competitors, whole.Catalog.Competitors) || !reflect.DeepEqual(joined.ReasonCodes, whole.Catalog.ReasonCodes) {
				t.Errorf("batches differ from the whole read: %d/%d deals, %d/%d competitors, %d/%d reason codes",
					len(joined.Deals), len(whole.Catalog.Deals), len(joined.Competitors), len(whole.Catalog.Competitors), len(joined.ReasonCodes), len(whole.Catalog.ReasonCodes))
			}
			if want := (len(whole.Catalog.Deals) + importer.BatchRows - 1) / importer.BatchRows; n != max(want, 1) {
				t.Errorf("%d batches for %d deals", n, len(whole.Catalog.Deals))
			}
			for i := range whole.Catalog.Deals {
				for _, field := range []string{"reasons[0]", "amount", "ref"} {
					e := &model.FieldError{Field: field, Msg: "x"}
					if got, want := res.LocateError(model.KindDeals, i, e).Error(), whole.LocateError(model.KindDeals, i, e).Error(); got != want {
						t.Fatalf("deal %d, %s: located at %s, want %s", i, field, got, want)
					}
				}
			}
		})
	}
	if checked < 5 {
		t.Errorf("only %d deals tables checked", checked)
	}
}

// Once a row has an error no batch is handed on, and a false return stops the batches too.
func TestBatchesStop(t *testing.T) {
	var b strings.Builder
	b.WriteString("Ref,Close Date,Outcome,Competitor\n")
	rows := 3 * importer.BatchRows
	for i := range rows {
		outcome := "won"
		if i == importer.BatchRows+10 {
			outcome = "maybe"
		}
		fmt.Fprintf(&b, "D-%05d,2025-01-02,%s,Harborline\n", i, outcome)
	}
	_, joined, n := readInBatches(t, "deals.csv", []byte(b.String()), options(t))
	if n != 1 || len(joined.Deals) != importer.BatchRows {
		t.Errorf("%d batches of %d deals handed on past an error in the second batch", n, len(joined.Deals))
	}
	opt := options(t)
	calls := 0
	opt.Batches = func(model.Catalog) bool { calls++; return false }
	good := strings.Replace(b.String(), ",maybe,", ",won,", 1)
	if _, err := importer.ReadFile("deals.csv", []byte(good), opt); err != nil || calls != 1 {
		t.Errorf("%d calls after the receiver said stop (%v)", calls, err)
	}
}

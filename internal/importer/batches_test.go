package importer_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/model"
)

// collect sets opt.Batches to join the batches' records into joined, counting them in n.
func collect(opt *importer.Options, joined *model.Catalog, n *int) {
	opt.Batches = func(b model.Catalog) bool {
		*n++
		joined.Competitors = append(joined.Competitors, b.Competitors...)
		joined.ReasonCodes = append(joined.ReasonCodes, b.ReasonCodes...)
		joined.Deals = append(joined.Deals, b.Deals...)
		return true
	}
}

// readInBatches reads a file with Options.Batches and returns the result and the batches'
// records joined in one catalog, and how many batches there were.
func readInBatches(t *testing.T, name string, data []byte, opt importer.Options) (*importer.Result, model.Catalog, int) {
	t.Helper()
	var joined model.Catalog
	n := 0
	collect(&opt, &joined, &n)
	res, err := importer.ReadFile(name, data, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res, joined, n
}

// sameLocations checks that an error about any field of any deal is located in the same place
// by both results.
func sameLocations(t *testing.T, res, whole *importer.Result, fields ...string) {
	t.Helper()
	for i := range whole.Catalog.Deals {
		for _, field := range fields {
			e := &model.FieldError{Field: field, Msg: "x"}
			if got, want := res.LocateError(model.KindDeals, i, e).Error(), whole.LocateError(model.KindDeals, i, e).Error(); got != want {
				t.Fatalf("deal %d, %s: located at %s, want %s", i, field, got, want)
			}
		}
	}
}

// tableFixtures reads every CSV and TSV fixture, by path.
func tableFixtures(t *testing.T) map[string][]byte {
	t.Helper()
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
	return files
}

// A deals table read in batches gives what a whole read gives: the same deals, competitors
// and reason codes (handed on in batches, none kept), the same errors and warnings, and the
// same places for errors the store may report about any deal. Checked on every deals
// fixture and on a generated table of several batches with new names late in it.
func TestBatchesAreAWholeRead(t *testing.T) {
	files := tableFixtures(t)
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
			sameLocations(t, res, whole, "reasons[0]", "amount", "ref")
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

// readAt reads data as a file read where it lies, in batches.
func readAt(t *testing.T, name string, data []byte, opt importer.Options) (*importer.Result, model.Catalog, error) {
	t.Helper()
	var joined model.Catalog
	n := 0
	collect(&opt, &joined, &n)
	res, err := importer.ReadFileAt(importer.File{Name: name, R: bytes.NewReader(data), Size: int64(len(data))}, opt)
	joined.Normalize()
	return res, joined, err
}

// A deals table read where it lies, as its rows are, gives what reading it whole gives: the
// same records, errors, warnings and places, on every deals fixture, on a long table with a
// byte-order mark, CRLF line ends, Excel's sep= line or in UTF-16, and on files whose text is
// refused (not UTF-8, a row too long or too wide), refused with the same problem.
func TestReadFileAtIsReadFile(t *testing.T) {
	files := tableFixtures(t)
	var b strings.Builder
	b.WriteString("Ref,Close Date,Outcome,Competitor,Amount,Currency,Reason,Notes\n")
	for i := range 3 * importer.BatchRows {
		fmt.Fprintf(&b, "D-%05d,2025-%02d-%02d,%s,Harborline,%d,USD,Price,\"Café, \"\"naïve\"\" note\nsecond line %d\"\n", i, i%12+1, i%28+1, []string{"won", "lost"}[i%2], 1000+i, i)
	}
	long := b.String()
	files["long.csv"] = []byte(long)
	files["long-bom-crlf.csv"] = append([]byte("\xef\xbb\xbf"), strings.ReplaceAll(long, "\n", "\r\n")...)
	files["long-sep.csv"] = []byte("sep=;\n" + strings.ReplaceAll(long, ",", ";"))
	files["long-utf16.csv"] = utf16LE(long[:20000] + "\n")
	cut := strings.Index(long[200000:], "Café") + 200000
	files["bad-latin1.csv"] = []byte(long[:cut] + "Caf\xe9" + long[cut+5:])
	files["bad-wide.csv"] = []byte(long[:5000] + strings.Repeat(",", importer.MaxColumns+1) + "\n" + long[5000:])
	files["bad-long-row.csv"] = []byte(long[:7000] + "\n" + strings.Repeat("x", importer.MaxRowSize+10) + "\n")
	checked := 0
	for name, data := range files {
		opt := options(t)
		opt.DateFormat, opt.Kind = importer.DateMDY, importer.KindDeals
		whole, wholeErr := importer.ReadFile(name, data, opt)
		t.Run(filepath.Base(name), func(t *testing.T) {
			res, joined, err := readAt(t, name, data, opt)
			if fmt.Sprint(err) != fmt.Sprint(wholeErr) {
				t.Fatalf("error %v, want %v", err, wholeErr)
			}
			if wholeErr != nil {
				return
			}
			checked++
			if !reflect.DeepEqual(res.Errors, whole.Errors) || !reflect.DeepEqual(res.Warnings, whole.Warnings) || res.Rows != whole.Rows {
				t.Fatalf("errors %v\nwarnings %v\nrows %d\nwant %v\n%v\n%d", res.Errors, res.Warnings, res.Rows, whole.Errors, whole.Warnings, whole.Rows)
			}
			if len(whole.Errors) > 0 {
				return
			}
			if !reflect.DeepEqual(joined.Deals, whole.Catalog.Deals) || !reflect.DeepEqual(joined.Competitors, whole.Catalog.Competitors) {
				t.Errorf("read where it lies: %d deals, %d competitors; whole: %d, %d", len(joined.Deals), len(joined.Competitors), len(whole.Catalog.Deals), len(whole.Catalog.Competitors))
			}
			sameLocations(t, res, whole, "notes", "amount", "ref")
		})
	}
	if checked < 8 {
		t.Errorf("only %d files read in full", checked)
	}
}

// utf16LE encodes s as UTF-16, little-endian, with its byte-order mark.
func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// A ref used again thousands of rows later, in a file read where it lies (whose earlier rows
// are no longer held), is refused naming the line of its first use.
func TestRepeatedRefFoundFarApart(t *testing.T) {
	var b strings.Builder
	b.WriteString("Ref,Close Date,Outcome,Competitor\n")
	for i := range 3 * importer.BatchRows {
		ref := fmt.Sprintf("D-%05d", i)
		if i == 2*importer.BatchRows+7 {
			ref = "D-00010" // first used on line 12
		}
		fmt.Fprintf(&b, "%s,2025-01-02,won,Harborline\n", ref)
	}
	opt := options(t)
	opt.Kind = importer.KindDeals
	res, _, err := readAt(t, "deals.csv", []byte(b.String()), opt)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`deals.csv:%d:1 (Ref): ref "D-00010" is already used on line 12`, 2*importer.BatchRows+7+2)
	if len(res.Errors) != 1 || res.Errors[0].String() != want {
		t.Errorf("errors %v, want %s", res.Errors, want)
	}
}

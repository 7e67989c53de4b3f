package importer_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/internal/importer"
	"github.com/rivals-app/rivals/model"
)

func read(t *testing.T, name, text string, opt importer.Options) *importer.Result {
	t.Helper()
	res, err := importer.ReadFile(name, []byte(text), opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// A store error about a record comes back to the row and column it was read from.
func TestLocateError(t *testing.T) {
	data, err := os.ReadFile(fixtures + "/deals-long.csv")
	if err != nil {
		t.Fatal(err)
	}
	res := read(t, "deals-long.csv", string(data), options(t))
	tests := []struct {
		kind string
		i    int
		err  error
		want string
	}{
		{model.KindDeals, 2, &model.FieldError{Field: "competitors[1]", Msg: `unknown competitor "loopdesk"`}, `deals-long.csv:4:31 (competitors): unknown competitor "loopdesk"`},
		{model.KindDeals, 0, &model.FieldError{Field: "reasons[0]", Msg: "x"}, "deals-long.csv:2:44 (reasons): x"},
		{model.KindDeals, 3, &model.FieldError{Field: "ref", Msg: "x"}, "deals-long.csv:5:1 (ref): x"},
		{model.KindDeals, 1, errors.New("already stored: it differs"), "deals-long.csv:3:1: already stored: it differs"},
		{model.KindDeals, 9, errors.New("x"), "deals-long.csv: deals[9]: x"},
	}
	for _, tt := range tests {
		if got := res.LocateError(tt.kind, tt.i, tt.err).Error(); got != tt.want {
			t.Errorf("LocateError(%s, %d, %v) = %s; want %s", tt.kind, tt.i, tt.err, got, tt.want)
		}
	}
}

// Files of one run are merged into one catalog; a record given twice must agree.
func TestMerge(t *testing.T) {
	opt := options(t)
	a := read(t, "a.csv", "Ref,Close Date,Outcome,Competitor\nX-1,2026-01-02,won,Harborline\nX-2,2026-01-03,lost,Replyfox\n", opt)
	b := read(t, "b.csv", "Ref,Close Date,Outcome,Competitor\nX-2,2026-01-03,lost,Replyfox\nX-1,2026-01-02,lost,Harborline\n", opt)
	m, errs := importer.Merge([]importer.Part{{Catalog: a.Catalog, Locator: a}, {Catalog: b.Catalog, Locator: b}})
	if len(m.Catalog.Deals) != 2 {
		t.Errorf("merged %d deals, want 2 (X-2 is the same in both files)", len(m.Catalog.Deals))
	}
	if len(errs) != 1 || errs[0].Error() != `b.csv:3:1: deals "X-1" is also given, differently, at a.csv:2:1` {
		t.Errorf("errors %v", errs)
	}
	if got := m.LocateError(model.KindDeals, 1, &model.FieldError{Field: "outcome", Msg: "x"}).Error(); got != "a.csv:3:16 (Outcome): x" {
		t.Errorf("merged LocateError = %s", got)
	}
}

// Prices of a plan read in the same run join that plan; a store error about one of them points
// at the price row.
func TestMergePlanPrices(t *testing.T) {
	opt := options(t)
	plans := read(t, "plans.csv", "Competitor,Plan,Model,Currency,Period,Price,Date\nHarborline,Lite,per seat,USD,month,$10,2026-01-01\n", opt)
	opt.Existing.Plans = append(opt.Existing.Plans, plans.Catalog.Plans...)
	prices := read(t, "prices.csv", "Competitor,Plan,Date,Price\nHarborline,Lite,2026-02-01,$12\nHarborline,Lite,2026-03-01,$14\n", opt)
	m, errs := importer.Merge([]importer.Part{{Catalog: plans.Catalog, Locator: plans}, {Catalog: prices.Catalog, Locator: prices}})
	if len(errs) != 0 || len(m.Catalog.Plans) != 1 || len(m.Catalog.Plans[0].Observations) != 3 {
		t.Fatalf("merged plans %+v, errors %v", m.Catalog.Plans, errs)
	}
	got := m.LocateError(model.KindPlans, 0, &model.FieldError{Field: "observations[2].amount", Msg: "x"}).Error()
	if got != "prices.csv:3:28 (Price): x" {
		t.Errorf("LocateError of a merged observation = %s", got)
	}
}

// An ambiguous date says which order the file's other dates show.
func TestAmbiguousDateHint(t *testing.T) {
	res := read(t, "d.csv", "Ref,Close Date,Outcome,Competitor\nA,03/04/2026,won,Harborline\nB,03/14/2026,won,Harborline\n", options(t))
	want := `d.csv:2:3 (Close Date): "03/04/2026" is ambiguous (3 April or March 4); pass --date-format DMY or --date-format MDY (other dates in this file put the month first, e.g. "03/14/2026" on line 3: --date-format MDY)`
	if len(res.Errors) != 1 || res.Errors[0].String() != want {
		t.Errorf("errors %v", res.Errors)
	}
}

// Without permission to create competitors, an unknown product is an error.
func TestUnknownProductRefused(t *testing.T) {
	opt := options(t)
	opt.CreateUnknown = false
	res := read(t, "m.csv", "Feature,Tidewell,Zendoodle\nSSO,yes,no\n", opt)
	if len(res.Errors) != 1 || !strings.HasPrefix(res.Errors[0].String(), `m.csv:1:18 (Zendoodle): unknown competitor "Zendoodle"`) {
		t.Errorf("errors %v", res.Errors)
	}
}

// Kinds that need columns say which ones are missing; --kind overrides detection.
func TestMissingColumns(t *testing.T) {
	opt := options(t)
	opt.Kind = importer.KindNotes
	res := read(t, "n.csv", "Competitor,Title\nHarborline,x\n", opt)
	want := `n.csv:1:1: notes files need a column for date ("date", "noted at", "noted on", "published", "published on", and 4 more)`
	if len(res.Errors) != 1 || res.Errors[0].String() != want {
		t.Errorf("errors %v", res.Errors)
	}
}

// An undated price equal to the plan's newest stored price is not recorded again.
func TestUndatedPriceSeenAgain(t *testing.T) {
	opt := options(t)
	sheet := "Competitor,Plan,Period,Price\nReplyfox,Starter,month,%s\n"
	res := read(t, "p.csv", strings.Replace(sheet, "%s", "$22.00", 1), opt)
	if len(res.Errors) != 0 || len(res.Catalog.Plans) != 1 || len(res.Catalog.Plans[0].Observations) != 0 {
		t.Errorf("the stored price again: %v %+v", res.Errors, res.Catalog.Plans)
	}
	res = read(t, "p.csv", strings.Replace(sheet, "%s", "$24.00", 1), opt)
	if len(res.Errors) != 0 || len(res.Catalog.Plans[0].Observations) != 1 || res.Catalog.Plans[0].Observations[0].ObservedAt.String() != "2026-11-23" ||
		res.Catalog.Plans[0].Observations[0].AnnualDiscountPercent != 20 {
		t.Errorf("a new price: %v %+v", res.Errors, res.Catalog.Plans)
	}
}

// A header that fits two kinds equally asks which one it is.
func TestAmbiguousKind(t *testing.T) {
	_, err := importer.ReadFile("x.csv", []byte("Name\nAcme\n"), options(t))
	want := "x.csv:1:1: the header fits competitors and features equally well; pass --kind competitors or --kind features, or add the columns that tell them apart " +
		"(competitors: Name or Slug, then any of Website, Positioning, Segments, Headquarters, Founded, Size, Threat, Status, Tags; features: Feature or Key, then any of Category, Description, Weight)"
	if err == nil || err.Error() != want {
		t.Errorf("error %v", err)
	}
}

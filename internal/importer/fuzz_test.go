package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivals-app/rivals/model"
)

// fuzzExisting is a small stored catalog for the fuzzers to match names against.
var fuzzExisting = model.Catalog{
	Competitors: []model.Competitor{{Slug: "harborline", Name: "Harborline"}, {Slug: "replyfox", Name: "Replyfox"}},
	Features:    []model.Feature{{Key: "sso", Name: "Single sign-on", Category: "Security", Weight: 3}},
	Plans:       []model.PricePlan{{Competitor: "harborline", Name: "Growth", Model: model.ModelPerSeat, Currency: "USD", Period: model.PeriodMonth}},
	ReasonCodes: []model.ReasonCode{{Code: "price", Label: "Price"}},
}

// FuzzReadFile feeds arbitrary bytes through decoding, delimiter sniffing, kind detection and
// every kind's reader: nothing may panic, and every record must be locatable.
func FuzzReadFile(f *testing.F) {
	paths, _ := filepath.Glob("../../testdata/import/*")
	real, _ := filepath.Glob("../../testdata/import/real/*")
	paths = append(paths, real...)
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden") {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data, uint8(0), "")
		}
	}
	f.Add([]byte("Feature,A\n[1] x,\nY,Yes[1]\n"), uint8(3), "")
	f.Add([]byte("sep=;\na;b\n\"x\ny\";2\n"), uint8(0), "")
	f.Add([]byte("Stage,Close Date,Product,Rival__c\nClosed Won,2026-01-02,Suite,Harborline\n"), uint8(0), "competitors=Rival__c")
	f.Add([]byte("Stage,Close Date,Rival\nClosed Won,2026-01-02,Harborline\n"), uint8(6), "competitor=rival;close date=Stage")
	// mapping is --map as FIELD=COLUMN pairs separated by ";".
	f.Fuzz(func(t *testing.T, data []byte, kind uint8, mapping string) {
		opt := Options{Existing: fuzzExisting, CreateUnknown: kind&0x80 != 0, Today: model.MustParseDate("2026-11-23"), Currency: "USD"}
		for _, pair := range strings.Split(mapping, ";") {
			if field, column, ok := strings.Cut(pair, "="); ok {
				if opt.Map == nil {
					opt.Map = map[string]string{}
				}
				opt.Map[field] = column
			}
		}
		if k := int(kind&0x7f) % (len(Kinds) + 1); k > 0 {
			opt.Kind = Kinds[k-1]
		}
		res, err := ReadFile("fuzz.csv", data, opt)
		if err != nil {
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("ReadFile error is %T, not a *Problem: %v", err, err)
			}
			return
		}
		if !utf8.ValidString(res.Describe()) {
			t.Fatalf("invalid description %q", res.Describe())
		}
		for _, p := range append(res.Errors, res.Warnings...) {
			if p.Line < 0 || p.Column < 0 {
				t.Fatalf("problem at a negative place: %+v", p)
			}
		}
		c := res.Catalog
		for _, kind := range []struct {
			name string
			n    int
		}{{model.KindCompetitors, len(c.Competitors)}, {model.KindFeatures, len(c.Features)}, {model.KindSupport, len(c.Support)},
			{model.KindPlans, len(c.Plans)}, {model.KindReasonCodes, len(c.ReasonCodes)}, {model.KindDeals, len(c.Deals)}, {model.KindNotes, len(c.Notes)}} {
			for i := range kind.n {
				res.LocateError(kind.name, i, &model.FieldError{Field: "observations[0].amount", Msg: "x"})
				res.LocateError(kind.name, i, errors.New("x"))
			}
		}
		if len(res.Errors) == 0 {
			if _, errs := Merge([]Part{{Catalog: res.Catalog, Locator: res}, {Catalog: res.Catalog, Locator: res}}); len(errs) != 0 {
				t.Fatalf("a catalog merged with itself clashes: %v", errs)
			}
		}
	})
}

// FuzzParseCell checks that any matrix cell maps to a valid level without panicking.
func FuzzParseCell(f *testing.F) {
	for _, s := range []string{"Yes", "✅", "Yes (via plugin)[1]", "Enterprise only", "*", "[1]", "Yes¹²", "No - soon", "✔️Included", "(2)", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		level, note, marks, ok := ParseCell(s)
		if level == "" {
			if !ok || note != "" {
				t.Fatalf("ParseCell(%q): blank cell with note %q, ok %v", s, note, ok)
			}
			return
		}
		if err := (model.Support{Competitor: "a", Feature: "b", Level: level}).Validate(); err != nil {
			t.Fatalf("ParseCell(%q) = invalid level %q", s, level)
		}
		if utf8.ValidString(s) && len(note) > len(s) { // files are decoded to valid UTF-8 before cells are read
			t.Fatalf("ParseCell(%q) note %q is longer than the cell", s, note)
		}
		for _, m := range marks {
			if !strings.Contains(s, m) {
				t.Fatalf("ParseCell(%q) mark %q is not in the cell", s, m)
			}
		}
	})
}

// FuzzParseMoney checks that amounts parse to non-negative minor units of a valid currency.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"$1,200.00", "1.200,00 €", "EUR 1200", "12,5,0", "1 200,50", "(5)", "¥1,500", "kr 12", "1'000.5"} {
		f.Add(s, "USD", "")
		f.Add(s, "", "EUR")
	}
	f.Fuzz(func(t *testing.T, s, want, fallback string) {
		if want != "" && !model.ValidCurrency(want) || fallback != "" && !model.ValidCurrency(fallback) {
			return
		}
		n, cur, err := ParseMoney(s, want, fallback)
		if err != nil {
			return
		}
		if n < 0 || !model.ValidCurrency(cur) || (want != "" && cur != want) {
			t.Fatalf("ParseMoney(%q, %q, %q) = %d %q", s, want, fallback, n, cur)
		}
	})
}

// FuzzParseDate checks that every date accepted is a real, in-range day.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-04", "03/04/2025", "14.03.2025", "Mar 4, 2025", "45720", "3/14/25 10:00 AM", "2025-03-04T10:00Z"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, order uint8) {
		o := []string{"", DateMDY, DateDMY}[int(order)%3]
		d, err := ParseDate(s, o)
		if err != nil {
			return
		}
		back, err := model.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q, %q) = %s, which does not round-trip: %v", s, o, d, err)
		}
	})
}

package catalog

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// wholeValueJSON is how a catalog is spelled when encoding/json writes it as one value: the
// form the record-by-record Encoder must reproduce byte for byte.
func wholeValueJSON(t *testing.T, cat model.Catalog) string {
	t.Helper()
	cat.Version = model.CatalogVersion
	cat.Sort()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cat); err != nil {
		t.Fatal(err)
	}
	return string(termtext.JSONSafe(buf.Bytes()))
}

func TestEncoderWritesWhatOneValueWould(t *testing.T) {
	demo, err := os.ReadFile("../../testdata/demo/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	demoCat, _, err := Decode("catalog.json", demo)
	if err != nil {
		t.Fatal(err)
	}
	hostile := fullCatalog()
	hostile.Notes[0].Body = "bidi \u202e override, C1 \u009b, <html> & \"quotes\", line\nbreak, tab\t, \u2028"
	hostile.Competitors[1].Positioning = "zero\u200bwidth"
	onlyNotes := model.Catalog{Notes: fullCatalog().Notes}
	for name, cat := range map[string]model.Catalog{
		"demo": demoCat, "full": fullCatalog(), "hostile": hostile, "empty": {}, "notes only": onlyNotes,
	} {
		t.Run(name, func(t *testing.T) {
			want := wholeValueJSON(t, cat)
			var got bytes.Buffer
			if err := Encode(&got, cat); err != nil {
				t.Fatal(err)
			}
			if got.String() != want {
				t.Errorf("Encode =\n%s\nwant\n%s", got.String(), want)
			}
		})
	}
}

func TestEncoderRefusesKindsOutOfOrder(t *testing.T) {
	var b strings.Builder
	e := NewEncoder(&b)
	if err := e.Record(model.KindDeals, model.Deal{Ref: "D-1"}); err != nil {
		t.Fatal(err)
	}
	if err := e.Record(model.KindCompetitors, model.Competitor{Slug: "x"}); err == nil {
		t.Error("competitors after deals were accepted")
	}
	if err := e.Record("widgets", 1); err == nil {
		t.Error("an unknown kind was accepted")
	}
}

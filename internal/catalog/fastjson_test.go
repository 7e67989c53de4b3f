package catalog

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// texts are the spellings string fields are tried with: plain, and each kind of character
// encoding/json or the terminal escapes treat apart.
var texts = []string{"plain text", `a "quote"`, `back\slash`, "new\nline\ttab", "<b>&</b>", "café",
	"line\u2028separator", "del\u007f c1\u009b bidi\u202e", "not UTF-8 \xff"}

// fill sets field i of the struct *p to a value that is not empty, spelled with text.
func fill(t *testing.T, p reflect.Value, i int, text string) {
	t.Helper()
	f := p.Elem().Field(i)
	switch {
	case f.Type() == reflect.TypeFor[model.Date]():
		f.Set(reflect.ValueOf(model.MustParseDate("2025-03-04")))
	case f.Kind() == reflect.String:
		f.SetString(text)
	case f.Kind() == reflect.Int64 || f.Kind() == reflect.Int:
		f.SetInt(-1234567)
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
		f.Set(reflect.ValueOf([]string{text, "b"}))
	default:
		t.Fatalf("%s.%s: no test value for %s; teach fill and the hand-spelled encoder about it", p.Elem().Type(), p.Elem().Type().Field(i).Name, f.Type())
	}
}

// TestHandSpelledRecordsMatchEncodingJSON checks every field of the hand-spelled kinds, alone
// and all together, empty and not, plain and with escapes, against encoding/json.
func TestHandSpelledRecordsMatchEncodingJSON(t *testing.T) {
	check := func(t *testing.T, cat model.Catalog) {
		t.Helper()
		want := wholeValueJSON(t, cat)
		var got bytes.Buffer
		if err := Encode(&got, cat); err != nil {
			t.Fatal(err)
		}
		if got.String() != want {
			t.Errorf("Encode =\n%s\nwant\n%s", got.String(), want)
		}
	}
	kinds := []struct {
		name string
		new  func() any // a pointer to a zero record
		cat  func(v any) model.Catalog
	}{
		{"support", func() any { return &model.Support{} }, func(v any) model.Catalog { return model.Catalog{Support: []model.Support{*v.(*model.Support)}} }},
		{"deal", func() any { return &model.Deal{} }, func(v any) model.Catalog { return model.Catalog{Deals: []model.Deal{*v.(*model.Deal)}} }},
		{"note", func() any { return &model.IntelNote{} }, func(v any) model.Catalog { return model.Catalog{Notes: []model.IntelNote{*v.(*model.IntelNote)}} }},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			check(t, k.cat(k.new()))
			n := reflect.TypeOf(k.new()).Elem().NumField()
			for _, text := range texts {
				all := k.new()
				for i := range n {
					one := k.new()
					fill(t, reflect.ValueOf(one), i, text)
					check(t, k.cat(one))
					fill(t, reflect.ValueOf(all), i, text)
				}
				check(t, k.cat(all))
			}
		})
	}
	// A list that is empty but not nil.
	check(t, model.Catalog{Deals: []model.Deal{{Ref: "D", Competitors: []string{}, Reasons: []string{}}}})
}

package catalog

import (
	"slices"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

func TestKindsListsTheListsOfAFile(t *testing.T) {
	file := "\xef\xbb\xbf{\"version\": 1, \"notes\": [], \"competitors\": [{\"slug\": \"a\"}], \"notes\": [{}]}"
	if got, want := Kinds([]byte(file)), []string{model.KindCompetitors, model.KindNotes}; !slices.Equal(got, want) {
		t.Errorf("Kinds = %v, want %v", got, want)
	}
	// Cut anywhere, it never fails.
	for i := range len(file) {
		Kinds([]byte(file[:i]))
	}
	for _, s := range []string{"", "[]", "{", `{"`, `{"notes`, `{"notes": [`, `{"a\"`, "{\"notes\"\x00"} {
		Kinds([]byte(s))
	}
}

// TestDecodeKindsEmitsEachKindAfterItsLastList checks that every kind comes once, with all
// of its lists joined, and that what Decode gives is what DecodeKinds emits.
func TestDecodeKindsEmitsEachKindAfterItsLastList(t *testing.T) {
	file := `{"version": 1,
  "notes": [{"competitor": "a", "date": "2026-01-01", "title": "one"}],
  "competitors": [{"slug": "a", "name": "A"}],
  "notes": [{"competitor": "a", "date": "2026-01-02", "title": "two"}]}`
	var order []string
	var got model.Catalog
	if _, err := DecodeKinds("f.json", []byte(file), func(kind string, part model.Catalog) {
		order = append(order, kind)
		got.Competitors = append(got.Competitors, part.Competitors...)
		got.Notes = append(got.Notes, part.Notes...)
		if len(part.Competitors) > 0 && len(part.Notes) > 0 {
			t.Error("two kinds emitted at once")
		}
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{model.KindCompetitors, model.KindNotes}; !slices.Equal(order, want) {
		t.Errorf("emitted %v, want %v", order, want)
	}
	want, _, err := Decode("f.json", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want.Version = 0
	if !equalCatalogs(got, want) {
		t.Errorf("emitted %+v, Decode gives %+v", got, want)
	}
	// An error stops it, with Decode's message.
	bad := strings.Replace(file, `"two"`, `2`, 1)
	_, err = DecodeKinds("f.json", []byte(bad), func(string, model.Catalog) {})
	_, _, want2 := Decode("f.json", []byte(bad))
	if err == nil || want2 == nil || err.Error() != want2.Error() {
		t.Errorf("DecodeKinds error %v, Decode's %v", err, want2)
	}
}

func equalCatalogs(a, b model.Catalog) bool {
	return encodeString(a) == encodeString(b)
}

func encodeString(c model.Catalog) string {
	var b strings.Builder
	Encode(&b, c)
	return b.String()
}

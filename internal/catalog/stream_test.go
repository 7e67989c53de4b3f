package catalog

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

func TestStreamKindsListsTheListsOfAFile(t *testing.T) {
	file := "\xef\xbb\xbf{\"version\": 1, \"notes\": [], \"competitors\": [{\"slug\": \"a\"}], \"notes\": [{}]}"
	if got, want := NewStream(FileOf("f.json", []byte(file)), StreamOptions{}).Kinds(), []string{model.KindCompetitors, model.KindNotes}; !slices.Equal(got, want) {
		t.Errorf("Kinds = %v, want %v", got, want)
	}
	// A string may hold what looks like a list.
	tricky := `{"version": 1, "notes": [{"title": "x\"}], \"deals\": [\""}], "a\"b": 1}`
	if got, want := NewStream(FileOf("f.json", []byte(tricky)), StreamOptions{}).Kinds(), []string{model.KindNotes}; !slices.Equal(got, want) {
		t.Errorf("Kinds = %v, want %v", got, want)
	}
	// Cut anywhere, or not JSON at all, it never fails.
	for i := range len(file) {
		NewStream(FileOf("f.json", []byte(file[:i])), StreamOptions{}).Kinds()
	}
	for _, s := range []string{"", "[]", "{", `{"`, `{"notes`, `{"notes": [`, `{"a\"`, "{\"notes\"\x00", `]]]`} {
		NewStream(FileOf("f.json", []byte(s)), StreamOptions{}).Kinds()
	}
}

// streamAll runs a stream over data and gathers what it emits, checking that batches come in
// order: each kind's records numbered on without a gap, one last batch per kind, at its end.
func streamAll(t *testing.T, name string, data []byte, opt StreamOptions) (model.Catalog, *Index, error) {
	t.Helper()
	var got model.Catalog
	next := map[string]int{}
	ended := map[string]bool{}
	st := NewStream(FileOf(name, data), opt)
	ix, err := st.Run(func(b Batch) {
		if ended[b.Kind] {
			t.Errorf("%s: a batch after the last one", b.Kind)
		}
		if b.First != next[b.Kind] {
			t.Errorf("%s: batch starts at %d, want %d", b.Kind, b.First, next[b.Kind])
		}
		if n := b.Records.Len(); n > opt.BatchRecords && opt.BatchRecords > 0 {
			t.Errorf("%s: a batch of %d records, over %d", b.Kind, n, opt.BatchRecords)
		}
		next[b.Kind] += b.Records.Len()
		ended[b.Kind] = b.Last
		got.Append(b.Records)
	})
	if err == nil {
		for _, k := range st.Kinds() {
			if !ended[k] {
				t.Errorf("%s: no last batch", k)
			}
		}
		if len(ended) != len(st.Kinds()) {
			t.Errorf("emitted kinds %v, Kinds says %v", ended, st.Kinds())
		}
	}
	return got, ix, err
}

// TestStreamGivesWhatDecodeGives reads valid catalogs in batches of every size, through a
// window of a few bytes, and compares the records and their positions with Decode's.
func TestStreamGivesWhatDecodeGives(t *testing.T) {
	files := map[string]string{
		"small":    smallCatalog,
		"bom":      "\xef\xbb\xbf" + smallCatalog,
		"locate":   locateInput,
		"repeated": "{\"notes\": [{\"competitor\": \"a\", \"date\": \"2026-01-01\", \"title\": \"one\"}],\n\"competitors\": [{\"slug\": \"a\", \"name\": \"A\"}],\n\"notes\": [], \"version\": 1, \"notes\": [{\"competitor\": \"a\", \"date\": \"2026-01-02\", \"title\": \"two\"}]}",
		"empty":    `{"version": 1}`,
		"lists":    `{"version":1,"features":[],"deals":[ ]}`,
	}
	if demo, err := os.ReadFile("../../testdata/demo/catalog.json"); err == nil {
		files["demo"] = string(demo)
	}
	for name, file := range files {
		want, wix, err := Decode(name, []byte(file))
		if err != nil {
			t.Fatalf("%s: Decode: %v", name, err)
		}
		batches, chunks := []int{1, 2, 3, 7, 0}, []int64{1, 5, 64, 0}
		every := 1 // record whose position is compared
		if name == "demo" {
			batches, chunks, every = []int{1, 7, 0}, []int64{4096, 0}, 37
		}
		for _, batch := range batches {
			for _, chunk := range chunks {
				got, ix, err := streamAll(t, name, []byte(file), StreamOptions{BatchRecords: batch, readChunk: chunk})
				if err != nil {
					t.Fatalf("%s (batch %d, chunk %d): %v", name, batch, chunk, err)
				}
				got.Version = want.Version
				if !equalCatalogs(got, want) {
					t.Fatalf("%s (batch %d, chunk %d): streamed\n%s\nDecode gives\n%s", name, batch, chunk, encodeString(got), encodeString(want))
				}
				for _, kind := range model.CatalogKinds {
					if batch != 7 {
						break
					}
					for i := 0; i < len(wix.starts[kind]); i += every {
						g, w := ix.Locate(kind, i, "name", "m"), wix.Locate(kind, i, "name", "m")
						if *g != *w {
							t.Fatalf("%s: Locate(%s, %d) = %v, Decode's index says %v", name, kind, i, g, w)
						}
					}
				}
			}
		}
	}
}

// TestStreamRefusesWhatDecodeRefuses checks every file Decode refuses: read again whole, the
// error is Decode's; streamed to the end (as a file too large to read again is), it is too, as
// each of these files has one problem. (Where a file has several, Decode reports a problem
// with the text before one with a record; a stream that does not read the file again
// reports the first in file order.)
func TestStreamRefusesWhatDecodeRefuses(t *testing.T) {
	for _, tt := range decodeErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := streamAll(t, "c.json", []byte(tt.input), StreamOptions{BatchRecords: 2, Reread: 1 << 20})
			if err == nil || err.Error() != tt.want {
				t.Errorf("read again whole: %v\nwant %s", err, tt.want)
			}
			_, ix, err := streamAll(t, "c.json", []byte(tt.input), StreamOptions{BatchRecords: 2, Reread: -1, readChunk: 3})
			le, ok := err.(*LocatedError)
			if !ok || le.File != "c.json" || ix == nil {
				t.Fatalf("streamed: %v (%T), want a *LocatedError", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("streamed: %v\nwant %s", err, tt.want)
			}
		})
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

// FuzzStream checks that a stream accepts exactly what Decode accepts, with the same records,
// and, reading the file again whole, refuses it with Decode's error.
func FuzzStream(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), uint8(2))
	}
	for _, tt := range decodeErrorCases {
		f.Add([]byte(tt.input), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, batch uint8) {
		want, _, werr := Decode("fuzz.json", data)
		for _, reread := range []int64{-1, 1 << 30} {
			got, ix, err := streamAll(t, "fuzz.json", data, StreamOptions{BatchRecords: int(batch), Reread: reread, readChunk: 7})
			if ix == nil {
				t.Fatal("nil Index")
			}
			switch {
			case (err == nil) != (werr == nil):
				t.Fatalf("stream error %v, Decode error %v", err, werr)
			case err != nil && reread > 0 && err.Error() != werr.Error():
				t.Fatalf("stream error %v, Decode error %v", err, werr)
			case err == nil:
				got.Version = want.Version
				if !equalCatalogs(got, want) {
					t.Fatalf("streamed\n%s\nDecode gives\n%s", encodeString(got), encodeString(want))
				}
			}
		}
	})
}

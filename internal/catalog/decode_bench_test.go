package catalog

import (
	"os"
	"testing"
)

// BenchmarkDecodeDemo decodes the demo catalog: structure walk, key checks and records.
func BenchmarkDecodeDemo(b *testing.B) {
	data, err := os.ReadFile("../../testdata/demo/catalog.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Decode("catalog.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

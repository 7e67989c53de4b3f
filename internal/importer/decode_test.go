package importer

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, bigEndian bool) []byte {
	var b bytes.Buffer
	if bigEndian {
		b.Write([]byte{0xFE, 0xFF})
	} else {
		b.Write([]byte{0xFF, 0xFE})
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b.Write([]byte{byte(u >> 8), byte(u)})
		} else {
			b.Write([]byte{byte(u), byte(u >> 8)})
		}
	}
	return b.Bytes()
}

func TestDecode(t *testing.T) {
	text := "Feature,Tidewell\r\nSSO 🔐,✓\r\n"
	for _, in := range [][]byte{
		[]byte(text),
		append([]byte{0xEF, 0xBB, 0xBF}, text...),
		utf16Bytes(text, false),
		utf16Bytes(text, true),
	} {
		got, err := decode("f.csv", in)
		if err != nil || string(got) != text {
			t.Errorf("decode(% x…) = %q, %v", in[:4], got, err)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		{[]byte("Name\nCaf\xe9\n"), `f.csv:2:4: byte 0xE9 is not UTF-8 (the file may be in a legacy encoding such as Windows-1252); save it as "CSV UTF-8" or UTF-16 text`},
		{[]byte{0xFF, 0xFE, 'A', 0, 'B'}, "f.csv: is UTF-16 (it starts with a byte-order mark) but has an odd number of bytes; it is cut short or not UTF-16"},
		{[]byte{0xFF, 0xFE, 'A', 0, '\n', 0, 0x00, 0xDC}, "f.csv:2:1: is not valid UTF-16 (an unpaired surrogate)"},
		{utf16Bytes("Name,Website\nAcme,x\n", false)[2:], `f.csv: looks like UTF-16 text without a byte-order mark; save it as "CSV UTF-8" or as UTF-16 with a BOM`},
	}
	for _, tt := range tests {
		_, err := decode("f.csv", tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("decode(%q) error = %v; want %s", tt.in, err, tt.want)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want rune
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n1;2,5;3\n", ';'},
		{"a\tb\tc\n1\t2,5\t3\n", '\t'},
		{"Deal ID;Amount;Reason\nEU-1;1.200,00 €;\"Price; Timing\"\n", ';'},
		{"\"Name, legal\";Website\n\"Acme, Inc.\";https://acme.example.com\n", ';'},
		{"Name,Notes\nA,\"one; two; three\"\nB,\"four; five\"\n", ','},
		{"sep=;\nName,Website;x\n", ';'},
		{"Name\nAcme\n", ','},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("sniff(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestLimits(t *testing.T) {
	huge := make([]byte, MaxFileSize+1)
	_, err := ReadFile("big.csv", huge, Options{})
	if err == nil || err.Error() != "big.csv: is 256.1 MB; files over 256 MB are not read (split it into smaller files)" {
		t.Errorf("a file over the limit: %v", err)
	}
	field := strings.Repeat("x", MaxFieldSize+1)
	res, err := ReadFile("wide.csv", []byte("Competitor,Date,Title,Body\nHarborline,2026-01-01,T,"+field+"\n"), Options{CreateUnknown: true})
	if err != nil || len(res.Errors) != 1 || res.Errors[0].String() != "wide.csv:2:25 (Body): field is 2.1 MB; fields over 2 MB are not read" {
		t.Errorf("a field over the limit: %v %v", err, res.Errors)
	}
}

// TestRowLimits: a row of more than MaxColumns fields or MaxRowSize bytes is refused before
// encoding/csv splits it; quoted delimiters and line breaks are not counted as fields or rows.
func TestRowLimits(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"too many fields", "Competitor,Date,Title\nA,2026-01-01,T\n" + strings.Repeat(",", MaxColumns) + "\n",
			"f.csv:3:1: row has more than 10000 fields; rows with more are not read"},
		{"header with too many fields", strings.Repeat(";", MaxColumns+5),
			"f.csv:1:1: row has more than 10000 fields; rows with more are not read"},
		{"row too large", "Competitor,Date,Title,Body\n" + strings.Repeat(`"`+strings.Repeat("x", MaxFieldSize)+`",`, 8) + "x\n",
			"f.csv:2:1: row is over 16 MB; rows over 16 MB are not read"},
		{"quoted row too large", "Competitor,Date,Title,Body\n\"" + strings.Repeat("x\n", MaxRowSize/2+1) + "\"\n",
			"f.csv:2:1: row is over 16 MB; rows over 16 MB are not read"},
	}
	for _, tt := range tests {
		_, err := ReadFile("f.csv", []byte(tt.data), Options{CreateUnknown: true})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.want)
		}
	}
	// Delimiters and line breaks inside quotes are text: 20,000 commas in one field are fine.
	body := `"` + strings.Repeat(",\n", 2*MaxColumns) + `"`
	res, err := ReadFile("f.csv", []byte("Competitor,Date,Title,Body\nHarborline,2026-01-01,T,"+body+"\n"), Options{CreateUnknown: true})
	if err != nil || len(res.Errors) != 0 || len(res.Catalog.Notes) != 1 {
		t.Errorf("quoted delimiters: %v %v", err, res.Errors)
	}
}

// TestDelimiterRowMemory: reading a 4 MB row of nothing but delimiters must not cost hundreds
// of megabytes (encoding/csv spends about 150 bytes on each empty field it splits).
func TestDelimiterRowMemory(t *testing.T) {
	data := []byte("Competitor,Date,Title\n" + strings.Repeat(",", 4<<20) + "\n")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadFile("f.csv", data, Options{})
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Error("the row was read")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("reading a %d MB row allocated %d MB", len(data)>>20, n>>20)
	}
}

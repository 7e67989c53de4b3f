package importer

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rivals-app/rivals/model"
	"github.com/xuri/excelize/v2"
)

// FuzzSheets feeds arbitrary bytes to the workbook reader and every sheet it gives to the
// importer: nothing may panic, and every problem is a *Problem.
func FuzzSheets(f *testing.F) {
	wb := excelize.NewFile()
	wb.SetSheetRow("Sheet1", "A1", &[]any{"Competitor", "Feature", "Level"})
	wb.SetSheetRow("Sheet1", "A2", &[]any{"Harborline", "SSO", "yes\n(v2)"})
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes(), "")
	f.Add(b.Bytes(), "Sheet1")
	f.Add([]byte("PK\x03\x04 not really a zip"), "")
	f.Fuzz(func(t *testing.T, data []byte, only string) {
		sheets, err := Sheets("fuzz.xlsx", data, only)
		if err != nil {
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("Sheets error is %T, not a *Problem: %v", err, err)
			}
			return
		}
		for _, s := range sheets {
			opt := Options{Existing: fuzzExisting, CreateUnknown: true, Today: model.MustParseDate("2026-11-23"), Currency: "USD", Sheet: true}
			if _, err := ReadFile(s.File, s.Data, opt); err != nil {
				var p *Problem
				if !errors.As(err, &p) {
					t.Fatalf("ReadFile error is %T, not a *Problem: %v", err, err)
				}
			}
		}
	})
}

// Package importer reads the spreadsheets and CRM exports people already keep (CSV or TSV, in
// UTF-8 or UTF-16, with their own column names) into model values, so that `rivals import` can
// store them as one catalog. Every problem names the file, line, column and header it is about;
// problems that stop the import are errors, the rest (a cell read as "unknown", a column not
// used) are warnings. The package never touches the database: callers hand in what is already
// stored (Options.Existing) and get back a model.Catalog to import.
package importer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// Resource limits. A file or field beyond them is refused with a clear message rather than
// read: a spreadsheet of competitive data is nowhere near these sizes, so exceeding them means
// the wrong file was picked.
const (
	// MaxFileSize is the largest file read, in bytes (256 MB).
	MaxFileSize = 256 << 20
	// MaxFieldSize is the largest single cell, in bytes (2 MB): twice what the longest text
	// field can hold (100,000 characters of up to 4 bytes), so a field over it can never be
	// valid.
	MaxFieldSize = 2 << 20
	// MaxRowSize is the largest row, in bytes (16 MB).
	MaxRowSize = 16 << 20
	// MaxColumns is the most fields a row may have. Splitting a row costs encoding/csv about
	// 150 bytes per field, so a row of nothing but delimiters would otherwise take 150 times
	// its size in memory.
	MaxColumns = 10_000
)

// The kinds of file the importer reads, as named by --kind.
const (
	KindCompetitors = "competitors"
	KindFeatures    = "features"
	KindMatrix      = "matrix"
	KindPlans       = "plans"
	KindPrices      = "prices"
	KindDeals       = "deals"
	KindNotes       = "notes"
)

// Kinds lists the kinds in dependency order: a file of a later kind may refer to records of an
// earlier one (prices to plans, deals to competitors), so a run reads files in this order.
var Kinds = []string{KindCompetitors, KindFeatures, KindMatrix, KindPlans, KindPrices, KindDeals, KindNotes}

// KindRank returns a kind's place in Kinds (len(Kinds) when unknown).
func KindRank(kind string) int {
	for i, k := range Kinds {
		if k == kind {
			return i
		}
	}
	return len(Kinds)
}

// Date orders accepted by Options.DateFormat for dates written with slashes.
const (
	DateMDY = "MDY"
	DateDMY = "DMY"
)

// Options says how to read a file.
type Options struct {
	// Kind forces the kind of file (one of Kinds); empty detects it from the header row.
	Kind string
	// DateFormat settles dates such as 03/04/2025: DateMDY or DateDMY. Empty refuses them.
	DateFormat string
	// Currency is the ISO 4217 code of amounts that name no currency and have no currency
	// column; empty makes such amounts an error.
	Currency string
	// Existing is what is already known: the stored catalog plus the files read earlier in the
	// same run. Names in the file are matched against its competitors, features, plans and
	// reason codes; later entries of a list win over earlier ones with the same key.
	Existing model.Catalog
	// CreateUnknown creates competitors named in a file but not in Existing (with a warning);
	// when false they are errors.
	CreateUnknown bool
	// Today stamps matrix cells that are new or changed as verified, and dates plan prices that
	// come without a date. Zero leaves cells unverified and makes undated prices an error.
	Today model.Date
	// Decimal settles the decimal separator of amounts such as 1.163: DecimalPoint or
	// DecimalComma. Empty reads them by the currency's own convention, and refuses them when
	// the currency has none or the file elsewhere writes a decimal comma.
	Decimal string
	// Sheet says data is a workbook's sheet as Sheets built it (CSV text whose lines are the
	// sheet's rows); messages then give the sheet's row and column.
	Sheet bool
	// Transpose reads a comparison sheet laid out with products as rows and features as
	// columns (detected when the first column names known products; this settles it).
	Transpose bool
	// AsOf is the day prices that come without a date were seen (a plans table copied from
	// pricing pages); zero means Today. One warning says which day was used.
	AsOf model.Date
	// Map names the column that holds a field, for headers the importer does not know
	// ("competitors" → "Primary_Rival__c"): field (a field name or any header name that means
	// it, see Fields) → column header as written (matched ignoring case, spaces and
	// punctuation). A mapped column the file lacks, or a field its kind lacks, is an error.
	Map map[string]string
	// Progress, when set, is called about every 4,096 rows with the rows read so far and how
	// far into the file the reader is (bytes read of total).
	Progress func(rows int, read, total int64)
	// Batches, when set, is handed a deals table's records while the table is read, every
	// BatchRows deals and once at its end: the deals read since the last batch, normalized
	// and checked, and the competitors and reason codes they name for the first time, in a
	// catalog the receiver owns. Records are numbered across batches as in one list. Once
	// the file has an error no more batches are handed on, since it will not be imported; nor
	// once Batches returns false. The Result then keeps no deal, so that memory holds a few
	// batches however long the table; its errors and locations are those of a whole read.
	Batches func(model.Catalog) bool
}

// BatchRows is how many deals a batch handed to Options.Batches holds, the last one aside.
const BatchRows = 2048

// Problem is something wrong (or worth a warning) at one place in a file.
type Problem struct {
	File   string
	Line   int    // 1-based; 0 when the problem is about the whole file
	Column int    // 1-based, in characters
	Header string // the column's header as written in the file; may be empty
	Msg    string
	// Creates marks a warning that announces a record the import creates ("new competitor …
	// will be created"): true only if the import goes ahead, so it is not said of one refused.
	Creates bool
}

// String renders "FILE:LINE:COLUMN (Header): message", leaving out what is unknown.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(max(p.Column, 1)))
	}
	if p.Header != "" {
		b.WriteString(" (" + p.Header + ")")
	}
	b.WriteString(": " + p.Msg)
	return b.String()
}

// Error makes a Problem usable as an error.
func (p *Problem) Error() string { return p.String() }

// Result is what one file gave.
type Result struct {
	File string
	// Kind is one of Kinds; Shape says which layout of it was read ("CRM export", "wide").
	Kind, Shape string
	// Detected reports that Kind was found from the header rather than given.
	Detected bool
	// Catalog holds the records read, plus the competitors, features and reason codes the
	// file named that did not exist yet; but for a deals table read with Options.Batches, no
	// deal: each was handed on in its batch and is not kept.
	Catalog model.Catalog
	// Errors must be fixed before anything is imported; Warnings are reported and never fatal.
	Errors, Warnings []Problem
	// Rows is the number of data rows read (the header and blank rows not counted).
	Rows int

	tab     *table
	cols    columns
	origins map[string][]origin
	obs     [][]origin // for each plan of Catalog.Plans, where each observation came from
	// dealsFrom is the number in the whole list of Catalog.Deals[0], and won says of each deal
	// handed on (Options.Batches) whether it was won, which decides the column its reasons
	// are located in.
	dealsFrom int
	won       []bool
}

// Describe says what was read, for the line printed before importing:
// "deals.csv: detected deals (CRM export)".
func (r *Result) Describe() string {
	how := "read as"
	if r.Detected {
		how = "detected"
	}
	s := fmt.Sprintf("%s: %s %s", r.File, how, r.Kind)
	if r.Shape != "" {
		s += " (" + r.Shape + ")"
	}
	return s
}

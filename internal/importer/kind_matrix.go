package importer

import (
	"bytes"
	"encoding/csv"
	"slices"

	"github.com/rivals-app/rivals/model"
)

// sampleRows is how many rows kind detection looks at.
const sampleRows = 50

// productColumns returns the columns of a features-like header that are products of a wide
// matrix: with all, every column that is not a feature column; otherwise only those named
// after a known competitor or whose first values are mostly matrix cells (yes, no, ✓…).
func (rd *reader) productColumns(c columns, all bool) []int {
	var cand []int
	for _, i := range c.unused {
		if rd.t.header[i] != "" {
			cand = append(cand, i)
		}
	}
	if all || len(cand) == 0 {
		return cand
	}
	sample := rd.t.sample(sampleRows)
	var out []int
	for _, col := range cand {
		if _, ok := rd.k.competitor(rd.t.header[col]); ok {
			out = append(out, col)
			continue
		}
		filled, cells := 0, 0
		for _, rec := range sample {
			if col >= len(rec) || rec[col] == "" {
				continue
			}
			filled++
			if level, _, _, ok := ParseCell(rec[col]); ok && level != "" {
				cells++
			}
		}
		if filled > 0 && cells*2 >= filled {
			out = append(out, col)
		}
	}
	return out
}

// sample returns up to n data rows from the top of the file, without moving the reader.
func (t *table) sample(n int) [][]string {
	r := csv.NewReader(bytes.NewReader(t.data[t.bodyOff:]))
	r.Comma = t.comma
	r.FieldsPerRecord = -1
	var out [][]string
	for len(out) < n {
		rec, err := r.Read()
		if err != nil {
			break
		}
		out = append(out, rec)
	}
	return out
}

// cellDraft is a matrix cell read from a row, waiting for the footnotes at the bottom.
type cellDraft struct {
	sp    model.Support
	marks []string
	at    origin
	text  string // the cell as written, for messages
}

// featureRow is the first row of a wide matrix that named a feature.
type featureRow struct {
	key  string
	line int
	name string
}

// matrixWide reads a comparison sheet: one row per feature, one column per product. A row
// whose product cells are all blank is a footnote ("[1] Enterprise plan only") or, when there
// is no Category column, the heading of the features below it.
func (rd *reader) matrixWide() {
	rd.res.Shape = "wide"
	if !rd.cols.has("key") && !rd.require("name") {
		return
	}
	for _, field := range []string{"competitor", "level", "note", "source", "verified_at"} {
		if col := rd.cols.col(field); col >= 0 {
			rd.headerWarnf(col, "column not imported: in a matrix with one column per product it means nothing (rename it if it is a product)")
		}
	}
	prods := rd.productColumns(rd.cols, true)
	if len(prods) == 0 {
		rd.headerErrorf(-1, "a matrix needs one column per product beside the feature column")
		return
	}
	slugs := map[int]string{}
	byslug := map[string]int{}
	for _, col := range prods {
		slug := rd.competitor(rd.t.header[col], col, origin{off: rd.t.headerOff, cell: -1})
		if slug == "" {
			continue
		}
		if prev, dup := byslug[slug]; dup {
			rd.headerErrorf(col, "names the same product as column %d (%s)", prev+1, rd.t.header[prev])
			continue
		}
		byslug[slug], slugs[col] = col, slug
	}
	heading := ""
	footnotes := map[string]string{}
	var drafts []cellDraft
	seen := map[string]int{}
	nameCol, keyCol := rd.cols.col("name"), rd.cols.col("key")
	// A sheet may name a feature on two rows (under two sections, or spelt "graphQl API" where
	// a second source filled the gaps of "GraphQL API"): the rows merge cell by cell.
	rows := map[string]featureRow{} // folded key or name → the first row that named it
	cellAt := map[string]int{}      // competitor × feature → its draft
	lineOf := map[string]int{}      // competitor × feature → the line that set it
	rd.each(func() {
		blank := true
		for _, col := range prods {
			if rd.t.cell(col) != "" {
				blank = false
				break
			}
		}
		if name := rd.t.cell(nameCol); blank && rd.t.cell(keyCol) == "" {
			if mark, text, ok := footnote(name); ok {
				footnotes[mark] = text
				return
			}
			if !rd.cols.has("category") {
				heading = name
				return
			}
		}
		id := fold(rd.t.cell(keyCol))
		if id == "" {
			id = fold(rd.t.cell(nameCol))
		}
		line, _ := rd.t.r.FieldPos(0)
		key := ""
		if first, repeated := rows[id]; repeated {
			key = first.key
			rd.warnf(max(nameCol, keyCol), "names the feature of line %d (%s) again; their cells are merged", first.line, first.name)
		} else {
			var ok bool
			if key, ok = rd.feature(seen, heading); !ok {
				return
			}
			rows[id] = featureRow{key: key, line: line, name: rd.t.cell(max(nameCol, keyCol))}
		}
		for _, col := range prods {
			text := rd.t.cell(col)
			level, note, marks, known := ParseCell(text)
			if level == "" || slugs[col] == "" {
				continue
			}
			if !known {
				rd.warnf(col, "%q is not a level (yes, partial, no, roadmap, ✓, ✗…); kept as the note, level unknown", text)
			}
			ck := cellKey(slugs[col], key)
			if i, twice := cellAt[ck]; twice {
				d := &drafts[i]
				if d.sp.Level != level {
					rd.errorf(col, "%q here but %q on line %d for the same feature and product; keep one", text, d.text, lineOf[ck])
					continue
				}
				if note != d.sp.Note {
					d.sp.Note = joinNote(d.sp.Note, note)
				}
				for _, m := range marks {
					if !slices.Contains(d.marks, m) {
						d.marks = append(d.marks, m)
					}
				}
				continue
			}
			cellAt[ck], lineOf[ck] = len(drafts), line
			drafts = append(drafts, cellDraft{model.Support{Competitor: slugs[col], Feature: key, Level: level, Note: note}, marks, rd.t.here(col), text})
		}
	})
	for _, d := range drafts {
		for _, m := range d.marks {
			if text, ok := footnotes[m]; ok {
				m += " " + text
			}
			d.sp.Note = joinNote(d.sp.Note, m)
		}
		rd.addCell(d.sp, d.at, false)
	}
}

// addCell appends a matrix cell. A cell that keeps the stored level and gives no note (or the
// stored one) is the stored cell: its note, source and verification date stay. A new or
// changed cell is verified today, as an edit in the app is, unless the file dates it.
func (rd *reader) addCell(sp model.Support, at origin, dated bool) {
	old, ok := rd.k.cell(sp.Competitor, sp.Feature)
	switch {
	case ok && old.Level == sp.Level && (sp.Note == "" || sp.Note == old.Note):
		sp.Note = old.Note
		if sp.Source == "" {
			sp.Source = old.Source
		}
		if !dated {
			sp.VerifiedAt = old.VerifiedAt
		}
	case !dated:
		sp.VerifiedAt = rd.opt.Today
	}
	rd.res.Catalog.Support = append(rd.res.Catalog.Support, sp)
	rd.add(model.KindSupport, at)
}

// matrixLong reads one matrix cell per row: competitor, feature, level, note, source, date.
func (rd *reader) matrixLong() {
	rd.res.Shape = "long"
	rd.warnUnused()
	seen := map[string]int{}
	rd.each(func() {
		at := rd.t.here(-1)
		nerr := len(rd.res.Errors)
		compCol, levelCol := rd.cols.col("competitor"), rd.cols.col("level")
		slug := rd.competitor(rd.t.cell(compCol), compCol, at)
		key := ""
		if f, ok := rd.k.feats[rd.get("key")]; ok {
			key = f.Key
		} else if f, ok := rd.k.feature(rd.get("name")); ok && rd.get("key") == "" {
			key = f.Key
		} else {
			key, _ = rd.feature(map[string]int{}, "")
		}
		text := rd.t.cell(levelCol)
		level, note, marks, known := ParseCell(text)
		switch {
		case level == "":
			rd.errorf(levelCol, "is empty; want yes, partial, no, roadmap or unknown")
		case !known:
			rd.warnf(levelCol, "%q is not a level (yes, partial, no, roadmap, ✓, ✗…); kept as the note, level unknown", text)
		}
		for _, m := range marks {
			note = joinNote(note, m)
		}
		sp := model.Support{Competitor: slug, Feature: key, Level: level, Note: joinNote(note, rd.get("note")), Source: rd.get("source")}
		dated := false
		if v := rd.get("verified_at"); v != "" {
			sp.VerifiedAt, _ = rd.date(rd.cols.col("verified_at"))
			dated = true
		}
		if len(rd.res.Errors) > nerr || slug == "" || key == "" {
			return
		}
		if line, dup := seen[cellKey(slug, key)]; dup {
			rd.errorf(levelCol, "%s × %s is already set on line %d", slug, key, line)
			return
		}
		line, _ := rd.t.r.FieldPos(0)
		seen[cellKey(slug, key)] = line
		rd.addCell(sp, at, dated)
	})
}

// joinNote adds b to note a, separated by "; ".
func joinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

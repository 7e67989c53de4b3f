package importer

import "github.com/rivals-app/rivals/model"

// notes reads one intel note per row.
func (rd *reader) notes() {
	if !rd.require("competitor", "date", "title") {
		return
	}
	rd.warnUnused()
	seen := map[string]int{}
	rd.res.Catalog.Notes = make([]model.IntelNote, 0, rd.t.estimateRows())
	rd.each(func() {
		at, nerr := rd.t.here(-1), len(rd.res.Errors)
		compCol, dateCol, titleCol := rd.cols.col("competitor"), rd.cols.col("date"), rd.cols.col("title")
		n := model.IntelNote{Title: rd.t.cell(titleCol), Body: rd.get("body"), Source: rd.get("source"), Tags: list(rd.get("tags"))}
		n.Competitor = rd.competitor(rd.t.cell(compCol), compCol, at)
		n.Date, _ = rd.date(dateCol)
		if n.Title == "" {
			rd.errorf(titleCol, "is empty; a note needs a title")
		}
		if len(rd.res.Errors) > nerr {
			return
		}
		key := n.Competitor + "\x00" + n.Date.String() + "\x00" + n.Title
		if line, dup := seen[key]; dup {
			rd.errorf(titleCol, "the same competitor, date and title are already on line %d", line)
			return
		}
		line, _ := rd.t.r.FieldPos(0)
		seen[key] = line
		rd.res.Catalog.Notes = append(rd.res.Catalog.Notes, n)
		rd.add(model.KindNotes, at)
	})
}

package tui

import (
	"strings"

	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/model"
)

// quoteTable renders the priced products as a header and one row each, sorted as the quote
// is. When narrow, the least useful goes first: the monthly column, the plan column, then the
// money in the delta (the percentage stays).
func quoteTable(st *Styles, q model.Quote, width int) []string {
	head := report.QuoteHeader(q)
	if head.Delta == "" {
		head.Delta = head.Percent
	}
	rows := append([]report.QuoteRow{head}, report.QuoteRows(q, "a usage")...)
	for i := range rows[1:] {
		r := &rows[i+1]
		if r.Converted {
			r.Monthly, r.Annual = r.Monthly+"*", r.Annual+"*" // explained under the table
		}
		if r.Unit != "" {
			r.Plan += " · " + r.Unit // what the usage figure is counted in for this row
		}
	}
	widthOf := func(get func(report.QuoteRow) string, limit int) int {
		w := 0
		for _, r := range rows {
			w = max(w, len([]rune(get(r))))
		}
		return min(w, limit)
	}
	wProduct := widthOf(func(r report.QuoteRow) string { return r.Product }, 18)
	wPlan := widthOf(func(r report.QuoteRow) string { return r.Plan }, 28)
	wMonthly := widthOf(func(r report.QuoteRow) string { return r.Monthly }, 16)
	wAnnual := widthOf(func(r report.QuoteRow) string { return r.Annual }, 18)
	wDelta := widthOf(func(r report.QuoteRow) string { return r.Delta }, 24)
	showMonthly, showPlan := true, true
	total := func() int {
		t := wProduct + 2 + wAnnual + 2 + wDelta
		if showMonthly {
			t += wMonthly + 2
		}
		if showPlan {
			t += wPlan + 2
		}
		return t
	}
	if total() > width {
		showMonthly = false
	}
	if total() > width {
		showPlan = false
	}
	if total() > width {
		for i := range rows {
			rows[i].Delta = rows[i].Percent
		}
		wDelta = widthOf(func(r report.QuoteRow) string { return r.Delta }, 24)
	}
	if over := total() - width; over > 0 {
		wProduct = max(6, wProduct-over)
	}
	out := make([]string, 0, len(rows))
	for i, r := range rows {
		cells := []string{padRight(truncate(r.Product, wProduct), wProduct)}
		if showPlan {
			cells = append(cells, padRight(truncate(r.Plan, wPlan), wPlan))
		}
		if r.Problem != "" {
			cells = append(cells, r.Problem)
		} else {
			if showMonthly {
				cells = append(cells, padLeft(r.Monthly, wMonthly))
			}
			cells = append(cells, padLeft(r.Annual, wAnnual), r.Delta)
		}
		line := truncate(strings.Join(cells, "  "), width)
		switch {
		case i == 0:
			line = st.Label.Render(line)
		case r.Self:
			line = st.SelfMarker.Render(line)
		case r.Problem != "":
			line = st.Muted.Render(line)
		}
		out = append(out, line)
	}
	return out
}

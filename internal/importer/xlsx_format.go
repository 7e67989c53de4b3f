package importer

import (
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// formatter formats values through the workbook library while the sheet reader goes on: a
// goroutine takes the values as they come, and once the scan is done the reader takes its
// share of those left. Each works in its own column of the scratch sheet, with a row per
// style whose cell keeps that style, so a value costs the library two calls.
type formatter struct {
	wb      *excelize.File
	scratch string
	jobs    chan formatJob
	// rows gives each style its row in the scratch sheet (kept by the reader alone).
	rows map[int]int
	// worker is the goroutine's share, done once it has ended.
	worker *formatShare
	done   chan struct{}
}

// formatJob is a value to format, its job number, and the scratch row of its style.
type formatJob struct {
	job, row int
	key      formatKey
}

// formatShare is what one of the formatter's two hands formatted: values by job number,
// the scratch cells it has styled, and whether the library failed it.
type formatShare struct {
	column string
	values map[int]string
	styled map[int]bool
	failed bool
}

// format gives a value formatted under a style: at once when it was formatted before, else
// the number of the job that formats it (the same number for the same value).
func (r *sheetReader) format(key formatKey) (string, int, bool) {
	job, known := r.formatJobs[key]
	if known && job < len(r.formatted) {
		return r.formatted[job], -1, true
	}
	if !known {
		if r.formatter == nil && !r.startFormatter() {
			return "", -1, false
		}
		f := r.formatter
		row, ok := f.rows[key.style]
		if !ok {
			row = len(f.rows) + 1
			f.rows[key.style] = row
		}
		job = len(r.formatJobs)
		r.formatJobs[key] = job
		f.jobs <- formatJob{job: job, row: row, key: key}
	}
	return "", job, true
}

// startFormatter makes the scratch sheet, once per workbook, and starts the formatter's
// goroutine for the sheet being read.
func (r *sheetReader) startFormatter() bool {
	if r.scratch == "" {
		names := map[string]bool{}
		for _, n := range r.wb.GetSheetList() {
			names[strings.ToLower(n)] = true
		}
		name := "rivals format"
		for i := 2; names[strings.ToLower(name)]; i++ {
			name = "rivals format " + strconv.Itoa(i)
		}
		if _, err := r.wb.NewSheet(name); err != nil {
			return false
		}
		// The library loads the styles on first use, without a lock in this version: load
		// them before two hands format at once.
		if _, err := r.wb.GetStyle(0); err != nil {
			return false
		}
		r.scratch = name
	}
	f := &formatter{wb: r.wb, scratch: r.scratch, jobs: make(chan formatJob, 4096), rows: map[int]int{},
		worker: newFormatShare("A"), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		f.work(f.worker)
	}()
	r.formatter = f
	return true
}

func newFormatShare(column string) *formatShare {
	return &formatShare{column: column, values: map[int]string{}, styled: map[int]bool{}}
}

// work formats the values it takes until there are none left.
func (f *formatter) work(share *formatShare) {
	for j := range f.jobs {
		if share.failed {
			continue
		}
		v, ok := f.formatCell(share, j)
		share.values[j.job], share.failed = v, !ok
	}
}

// formatCell formats one value through the library in the hand's scratch cell for its style.
func (f *formatter) formatCell(share *formatShare, j formatJob) (string, bool) {
	cell := share.column + strconv.Itoa(j.row)
	// SetCellDefault keeps a number as written, and stores other text as an inline string;
	// the cell keeps its style.
	if err := f.wb.SetCellDefault(f.scratch, cell, j.key.value); err != nil {
		return "", false
	}
	if !share.styled[j.row] {
		if err := f.wb.SetCellStyle(f.scratch, cell, cell, j.key.style); err != nil {
			return "", false
		}
		share.styled[j.row] = true
	}
	v, err := f.wb.GetCellValue(f.scratch, cell)
	return v, err == nil
}

// finish ends the jobs, formats the reader's share of those left beside the goroutine, and
// returns every value by job number, or ok false when the library failed one.
func (f *formatter) finish() (map[int]string, bool) {
	close(f.jobs)
	mine := newFormatShare("B")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); <-f.done }()
	f.work(mine)
	wg.Wait()
	if f.worker.failed || mine.failed {
		return nil, false
	}
	for job, v := range mine.values {
		f.worker.values[job] = v
	}
	return f.worker.values, true
}

// finishFormats waits for the formatter, puts the values it gave in their cells, and drops
// the cells without a formula that it left empty at the end of their rows, with the padding
// before them. It reports
// whether every value could be formatted and the sheet was read (read).
func (r *sheetReader) finishFormats(grid [][]string, read bool) bool {
	f, pending, keep := r.formatter, r.pending, r.emptyFormulas
	r.formatter, r.pending, r.emptyFormulas = nil, nil, nil
	if f == nil {
		return read
	}
	values, ok := f.finish()
	if !ok {
		// Forget the values left unformatted, so that a later sheet formats them again
		// rather than waiting on jobs no formatter will do.
		for key, job := range r.formatJobs {
			if job >= len(r.formatted) {
				delete(r.formatJobs, key)
			}
		}
		return false
	}
	for job := len(r.formatted); job < len(r.formatJobs); job++ {
		r.formatted = append(r.formatted, values[job])
	}
	if !read {
		return false
	}
	if keep == nil {
		keep = map[[2]int]bool{}
	}
	var trim []int
	for _, p := range pending {
		v := r.formatted[p.job]
		grid[p.row][p.col] = v
		if p.formula {
			keep[[2]int{p.row, p.col}] = true
		} else if v == "" {
			trim = append(trim, p.row)
		}
	}
	for _, row := range trim {
		cells := grid[row]
		n := len(cells)
		for n > 0 && cells[n-1] == "" && !keep[[2]int{row, n - 1}] {
			n--
		}
		grid[row] = cells[:n]
	}
	return true
}

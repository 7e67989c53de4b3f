package model

// The dates of facts that already happened (a deal closed, a price seen, a rate set, a company
// founded) cannot lie after today. The TUI, the command line and the importer all check them
// with these functions, so a date is refused with the same words wherever it is typed.

// CheckNotFuture reports a date later than today as a *FieldError on field; the zero date and
// an unknown today (zero) pass.
func CheckNotFuture(field string, d, today Date) error {
	if !d.IsZero() && !today.IsZero() && today.Before(d) {
		return fieldErr(field, "%s is in the future", d)
	}
	return nil
}

// CheckFoundedYear reports a founding year later than today's year as a *FieldError on
// "founded"; 0 (not known) and an unknown today pass.
func CheckFoundedYear(year int, today Date) error {
	if year != 0 && !today.IsZero() && year > today.Year() {
		return fieldErr("founded", "%d is in the future", year)
	}
	return nil
}

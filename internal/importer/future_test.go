package importer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// Dates of things that already happened are refused when they lie after today, with the
// words the app and the command line use (model.CheckNotFuture, model.CheckFoundedYear).
func TestFutureDatesRefused(t *testing.T) {
	opt := options(t) // today is 2026-11-23
	msg := func(err error) string {
		var fe *model.FieldError
		if !errors.As(err, &fe) {
			t.Fatalf("%v is not a *model.FieldError", err)
		}
		return fe.Msg
	}
	tomorrow := model.MustParseDate("2026-11-24")
	for _, tc := range []struct{ name, text, want string }{
		{"deal", "Ref,Close Date,Outcome,Competitor\nX-1,2026-11-24,won,Harborline\n", msg(model.CheckNotFuture("closed_at", tomorrow, opt.Today))},
		{"price", "Competitor,Plan,Period,Price,Date\nReplyfox,Starter,month,$24.00,2026-11-24\n", msg(model.CheckNotFuture("observed_at", tomorrow, opt.Today))},
		{"founded", "Name,Founded\nZephyr,2027\n", msg(model.CheckFoundedYear(2027, opt.Today))},
	} {
		res := read(t, tc.name+".csv", tc.text, opt)
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Msg, tc.want) {
			t.Errorf("%s: errors %v, want one saying %q", tc.name, res.Errors, tc.want)
		}
		today := strings.ReplaceAll(strings.ReplaceAll(tc.text, "2026-11-24", "2026-11-23"), "2027", "2026")
		if res := read(t, tc.name+".csv", today, opt); len(res.Errors) != 0 {
			t.Errorf("%s dated today: %v", tc.name, res.Errors)
		}
	}
}

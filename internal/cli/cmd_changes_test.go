package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
)

// runAt runs rivals in-process like runCLIEnv, with the clock at now and "osuser" as the
// operating system's user name.
func runAt(t *testing.T, dir string, now time.Time, extra map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"HOME": dir, "XDG_DATA_HOME": filepath.Join(dir, "data")}
	for k, v := range extra {
		env[k] = v
	}
	a := &app{demoCatalog: demoCatalog,
		stdin:    strings.NewReader(""),
		stdout:   &out,
		stderr:   &errOut,
		getenv:   func(k string) string { return env[k] },
		now:      func() time.Time { return now },
		userName: func() string { return "osuser" },
		runTUI:   tuiThatOpens,
	}
	code := a.run(context.Background(), args)
	return result{code, out.String(), errOut.String()}
}

// changesSince reads the changes made after change id after, newest first.
func changesSince(t *testing.T, dbPath string, after int64) []model.Change {
	t.Helper()
	store, err := db.OpenExisting(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	chs, err := store.Changes(context.Background(), model.ChangeFilter{AfterID: after})
	if err != nil {
		t.Fatal(err)
	}
	return chs
}

func lastChange(t *testing.T, dbPath string) int64 {
	t.Helper()
	if chs := changesSince(t, dbPath, 0); len(chs) > 0 {
		return chs[0].ID
	}
	return 0
}

// Every command that writes leaves its changes in the history under the author the command
// line names (--author, else RIVALS_AUTHOR, else the user name) and the command as source.
func TestCommandsRecordTheirChanges(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	csv := writeFile(t, dir, "deals.csv", "ref,closed_at,outcome,competitor\nCSV-1,2026-11-20,won,harborline\nCSV-2,2026-11-21,lost,replyfox\n")
	cases := []struct {
		args   []string
		env    map[string]string
		author string
		source string
		kinds  string // "op kind" of each change, oldest first
	}{
		{[]string{"deal", "add", "--outcome", "lost", "--competitor", "harborline", "--reason", "price", "--ref", "T-1", "--date", "2026-11-22"},
			map[string]string{"RIVALS_AUTHOR": "ana"}, "ana", "deal add", "create deal"},
		{[]string{"deal", "delete", "T-1", "--author", "bo"}, map[string]string{"RIVALS_AUTHOR": "ana"}, "bo", "deal delete", "delete deal"},
		{[]string{"fx", "set", "EUR", "1.08"}, nil, "osuser", "fx set", "create fx"},
		{[]string{"reasons", "rename", "price", "Price and discounts"}, nil, "osuser", "reasons rename", "update reason"},
		{[]string{"import", csv}, nil, "osuser", "import deals.csv", "create deal,create deal"},
	}
	for _, tc := range cases {
		before := lastChange(t, dbPath)
		if r := runAt(t, dir, testNow, tc.env, append(tc.args, "--db", dbPath)...); r.code != 0 {
			t.Fatalf("%v: %s", tc.args, r.stderr)
		}
		chs := changesSince(t, dbPath, before)
		var got []string
		for i := len(chs) - 1; i >= 0; i-- {
			ch := chs[i]
			got = append(got, string(ch.Op)+" "+string(ch.Kind))
			if ch.Author != tc.author || ch.Source != tc.source || ch.Set != chs[0].Set {
				t.Errorf("%v: change by %q from %q in set %d, want %q from %q in one set", tc.args, ch.Author, ch.Source, ch.Set, tc.author, tc.source)
			}
		}
		if strings.Join(got, ",") != tc.kinds {
			t.Errorf("%v: changes %q, want %q", tc.args, got, tc.kinds)
		}
	}
	// A merge of reason codes is one change set: the deals that cited the code and the code.
	before := lastChange(t, dbPath)
	if r := runAt(t, dir, testNow, nil, "reasons", "merge", "total_cost", "price", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	chs := changesSince(t, dbPath, before)
	if len(chs) < 2 || chs[0].Op != model.ChangeDelete || chs[0].Kind != model.ChangeReason || chs[len(chs)-1].Set != chs[0].Set {
		t.Errorf("merge changes: %+v", chs)
	}
}

// The history reads newest first, one line each, filtered; JSON has the values.
func TestChangesCommand(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	r := runAt(t, dir, testNow, nil, "changes", "--since", "30d", "--db", dbPath)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	want := "#1090 2026-11-21 marta · Harborline · card: why they win +1\n" +
		"#1089 2026-11-19 sam · Nimbus Assist · intel: Buyers asking for usage caps after Nimbus bills\n" +
		"#1088 2026-11-17 marta · Harborline · Sandbox environment roadmap → yes\n" +
		"#1087 2026-11-14 sam · Ticketry · price Self-Hosted Enterprise $13,500.00 per year, unchanged (seen 2026-10-14)\n" +
		"#1086 2026-11-11 marta · Ticketry · price Self-Hosted Enterprise $12,000.00 → $13,500.00 per year (+12.5%)\n"
	if r.stdout != want {
		t.Errorf("changes --since 30d:\n%s\nwant:\n%s", r.stdout, want)
	}
	r = runAt(t, dir, testNow, nil, "changes", "--since", "30d", "--competitor", "harbor", "--author", "marta", "--kind", "cell", "--json", "--db", dbPath)
	var got []struct {
		model.Change
		Summary string `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != 1 {
		t.Fatalf("--json: %v %s %s", err, r.stdout, r.stderr)
	}
	if got[0].Key != "harborline/sandbox_environment" || !strings.Contains(string(got[0].Old), `"roadmap"`) || got[0].Summary != "Sandbox environment roadmap → yes" {
		t.Errorf("--json: %+v", got[0])
	}
	if r := runAt(t, dir, testNow, nil, "changes", "--kind", "colour", "--db", dbPath); r.code != exitUsage {
		t.Errorf("unknown kind: %d %s", r.code, r.stderr)
	}
	if r := runAt(t, dir, testNow, nil, "changes", "--since", "last tuesday", "--db", dbPath); r.code != exitUsage {
		t.Errorf("bad --since: %d %s", r.code, r.stderr)
	}
}

// revert undoes a change and records the undo; a change a later one built on is refused with
// the later one named; prune needs an explicit date and leaves the catalog alone.
func TestChangesRevertAndPrune(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	exported := func() string {
		r := runAt(t, dir, testNow, nil, "export", "catalog", "--db", dbPath)
		if r.code != 0 {
			t.Fatal(r.stderr)
		}
		return r.stdout
	}
	before := exported()
	if r := runAt(t, dir, testNow, nil, "deal", "add", "--outcome", "won", "--competitor", "replyfox", "--ref", "R-1", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	added := lastChange(t, dbPath)
	if r := runAt(t, dir, testNow, nil, "deal", "delete", "R-1", "--author", "jo", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := runAt(t, dir, testNow, nil, "changes", "revert", "1091", "--db", dbPath)
	if r.code != exitError || !strings.Contains(r.stderr, "jo") || !strings.Contains(r.stderr, "deal R-1") {
		t.Errorf("revert of a change a later one built on: %d %q", r.code, r.stderr)
	}
	deleted := lastChange(t, dbPath)
	for _, id := range []int64{deleted, added} {
		r = runAt(t, dir, testNow, nil, "changes", "revert", "#"+jsonInt(id), "--db", dbPath)
		if r.code != 0 || !strings.Contains(r.stdout, "Reverted change") {
			t.Fatalf("revert %d: %d %s %s", id, r.code, r.stdout, r.stderr)
		}
	}
	if after := exported(); after != before {
		t.Error("reverting the add and the delete did not bring the catalog back byte for byte")
	}
	if chs := changesSince(t, dbPath, deleted); len(chs) != 2 || chs[0].Reverts == 0 || chs[0].Source != "changes revert "+jsonInt(added) {
		t.Errorf("reverts recorded as %+v", chs)
	}
	if r := runAt(t, dir, testNow, nil, "changes", "prune", "--db", dbPath); r.code != exitUsage {
		t.Errorf("prune without --before: %d %s", r.code, r.stderr)
	}
	r = runAt(t, dir, testNow, nil, "changes", "prune", "--before", "2026-11-01", "--db", dbPath)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Removed 1085 changes") {
		t.Errorf("prune: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if exported() != before {
		t.Error("prune changed the catalog")
	}
}

func jsonInt(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// weekOfEdits makes, on the demo database, a week of the edits a team makes: from the TUI
// (through the store, as the TUI does) and from the command line, each on its own day.
func weekOfEdits(t *testing.T, dir, dbPath string) {
	t.Helper()
	ctx := context.Background()
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	opened, err := db.OpenExisting(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer opened.Close()
	as := func(who string, at time.Time) *db.Store {
		return opened.As(db.Origin{Author: who, Source: "tui", Now: func() time.Time { return at }})
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	cli := func(at time.Time, who string, args ...string) {
		t.Helper()
		if r := runAt(t, dir, at, map[string]string{"RIVALS_AUTHOR": who}, append(args, "--db", dbPath)...); r.code != 0 {
			t.Fatalf("%v: %s", args, r.stderr)
		}
	}
	plans, err := opened.Plans(ctx, "replyfox")
	must(err)
	for _, p := range plans {
		if p.Name == "Growth" {
			must(as("marta", day(24, 9)).RecordPrice(ctx, p.ID, model.PriceObservation{ObservedAt: model.MustParseDate("2026-11-24"),
				Amount: 5900, Source: "https://replyfox.example.com/pricing"}))
		}
	}
	cli(day(24, 11), "sam", "deal", "add", "--outcome", "lost", "--competitor", "harborline", "--reason", "price", "--amount", "24000", "--currency", "USD", "--date", "2026-11-24")
	cli(day(24, 15), "sam", "deal", "add", "--outcome", "won", "--competitor", "harborline", "--reason", "ease_of_use", "--date", "2026-11-24")
	_, err = as("marta", day(25, 9)).SaveSupport(ctx, model.Support{Competitor: "loopdesk", Feature: "crm_integration", Level: model.LevelYes,
		Note: "Salesforce and HubSpot, two-way", VerifiedAt: model.MustParseDate("2026-11-25")})
	must(err)
	_, err = as("marta", day(26, 14)).SaveNote(ctx, model.IntelNote{Competitor: "harborline", Date: model.MustParseDate("2026-11-26"),
		Title: "Harborline bundles AI resolutions into Suite Enterprise", Body: "Announced at their user conference.", Tags: []string{"pricing", "ai"}})
	must(err)
	card, err := opened.Card(ctx, "replyfox")
	must(err)
	card.Landmines = append(card.Landmines, model.Claims("Ask how the 20% annual discount renews in year two.")...)
	card.LastReviewed = model.MustParseDate("2026-11-27")
	_, err = as("marta", day(27, 16)).SaveCard(ctx, card)
	must(err)
	cli(day(27, 17), "sam", "fx", "set", "EUR", "1.08", "--date", "2026-11-27")
	_, err = as("marta", day(28, 10)).SaveFeature(ctx, model.Feature{Key: "voice_bots", Name: "Voice bots", Category: "AI & automation", Weight: 3})
	must(err)
	_, err = as("marta", day(28, 11)).SaveSupport(ctx, model.Support{Competitor: "harborline", Feature: "voice_bots", Level: model.LevelRoadmap})
	must(err)
	cli(day(29, 12), "sam", "deal", "add", "--outcome", "lost", "--competitor", "replyfox", "--reason", "price", "--date", "2026-11-29")
}

// The digest of a scripted week of edits on the demo, in every format.
func TestDigestGolden(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	weekOfEdits(t, dir, dbPath)
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for _, format := range []string{"md", "txt", "json"} {
		r := runAt(t, dir, now, nil, "digest", "--since", "7d", "--format", format, "--db", dbPath)
		if r.code != 0 {
			t.Fatal(r.stderr)
		}
		checkGolden(t, "digest_week."+format, r.stdout)
	}
}

// On first run the demo's digest of the last 30 days has something to say.
func TestDemoDigestShowsRecentHistory(t *testing.T) {
	r := runAt(t, t.TempDir(), time.Date(2031, 5, 1, 12, 0, 0, 0, time.UTC), nil, "digest", "--since", "30d", "--demo")
	for _, want := range []string{"Raised Self-Hosted Enterprise", "Shipped Sandbox environment", "Battle card edited", "New intel"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo digest lacks %q:\n%s%s", want, r.stdout, r.stderr)
		}
	}
}

// Call prep names what changed about the competitor since its card was last reviewed.
func TestPrepSaysWhatChangedSinceReview(t *testing.T) {
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	if r := runAt(t, dir, testNow, nil, "prep", "harborline", "--db", dbPath); strings.Contains(r.stdout, "changed since review") {
		t.Errorf("nothing changed since the review, yet:\n%s", r.stdout)
	}
	if r := runAt(t, dir, testNow, nil, "deal", "add", "--outcome", "lost", "--competitor", "harborline", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := runAt(t, dir, testNow, nil, "prep", "harborline", "--json", "--db", dbPath)
	if !strings.Contains(r.stdout, `"changed since review: 1 deal"`) {
		t.Errorf("prep after a deal was logged:\n%s%s", r.stdout, r.stderr)
	}
}

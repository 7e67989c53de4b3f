package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Each real CRM export imports in one command on an empty database, with the counts worked
// out by hand from the file: open deals skipped, the rest won or lost by their stage (or
// IsWon/IsClosed), and their competitors.
func TestImportRealCRMExports(t *testing.T) {
	tests := []struct {
		file        string
		flags       []string
		won, lost   int
		competitors int // created: those the closed deals name (an open deal creates none)
		skipped     string
	}{
		{"salesforce-report-details.csv", []string{"--date-format", "MDY", "--currency", "USD"}, 2, 2, 4, "2 open deal(s) skipped"},
		{"salesforce-api-export.csv", nil, 2, 2, 4, "1 open deal(s) skipped"},
		{"hubspot-deals-export.csv", []string{"--currency", "USD"}, 2, 1, 3, "2 open deal(s) skipped"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			dbPath := filepath.Join(dir, "x.db")
			args := append([]string{"import", filepath.Join(repoRoot, "testdata", "import", "real", tt.file), "--db", dbPath}, tt.flags...)
			r := runCLI(t, dir, args...)
			if r.code != 0 {
				t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.skipped) {
				t.Errorf("stderr lacks %q:\n%s", tt.skipped, r.stderr)
			}
			w := runCLI(t, dir, "winloss", "--json", "--db", dbPath)
			var got struct {
				Overall struct{ Won, Lost, NoDecision int } `json:"overall"`
			}
			if err := json.Unmarshal([]byte(w.stdout), &got); err != nil {
				t.Fatalf("winloss --json: %v\n%s", err, w.stdout)
			}
			if got.Overall.Won != tt.won || got.Overall.Lost != tt.lost {
				t.Errorf("won %d lost %d, want %d and %d", got.Overall.Won, got.Overall.Lost, tt.won, tt.lost)
			}
			l := runCLI(t, dir, "list", "--json", "--db", dbPath)
			var comps []struct{ Slug string }
			if err := json.Unmarshal([]byte(l.stdout), &comps); err != nil {
				t.Fatalf("list --json: %v", err)
			}
			if len(comps) != tt.competitors {
				t.Errorf("%d competitors, want %d: %v", len(comps), tt.competitors, comps)
			}
			again := runCLI(t, dir, args...)
			if again.code != 0 || !strings.Contains(again.stdout, "already up to date") {
				t.Errorf("a second import changed something: exit %d\n%s", again.code, again.stdout)
			}
		})
	}
}

// Prices copied without a date are recorded on --as-of, said in a warning; a day after today
// is a usage error.
func TestImportAsOf(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "init", "--demo", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	file := filepath.Join(repoRoot, "testdata", "import", "plans-undated.csv")
	if r := runCLI(t, dir, "import", file, "--as-of", "2026-12-01", "--db", dbPath); r.code != 2 || !strings.Contains(r.stderr, "after today") {
		t.Errorf("--as-of in the future: exit %d, %q", r.code, r.stderr)
	}
	r := runCLI(t, dir, "import", file, "--as-of", "2026-11-02", "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stderr, "prices without a date are recorded as seen on 2026-11-02 (--as-of)") {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	h := runCLI(t, dir, "price", "history", "replyfox", "--json", "--db", dbPath)
	if !strings.Contains(h.stdout, "2026-11-02") {
		t.Errorf("price history lacks the --as-of day:\n%s", h.stdout)
	}
}

// A Salesforce report's Type column becomes each deal's type, which winloss filters and
// groups by.
func TestWinLossByDealType(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	file := filepath.Join(repoRoot, "testdata", "import", "real", "salesforce-report-details.csv")
	if r := runCLI(t, dir, "import", file, "--date-format", "MDY", "--currency", "USD", "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := runCLI(t, dir, "winloss", "--by", "type", "--csv", "--db", dbPath)
	want := "key,label,won,lost,no_decision,decided,win_rate\nnew,new,2,1,0,3,0.667\nexpansion,expansion,0,1,0,1,0\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("winloss --by type: exit %d\n%s\nwant\n%s", r.code, r.stdout, want)
	}
	r = runCLI(t, dir, "winloss", "--type", "new", "--json", "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, `"type": "new"`) || !strings.Contains(r.stdout, `"decided": 3,`) {
		t.Errorf("winloss --type new: exit %d\n%s", r.code, r.stdout)
	}
	if r := runCLI(t, dir, "winloss", "--type", "merger", "--db", dbPath); r.code != 2 {
		t.Errorf("--type merger: exit %d, want 2", r.code)
	}
}

// --map-file keeps a mapping for exports made again and again; it and --map may not disagree.
func TestImportMapFile(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	opps := writeFile(t, dir, "opps.csv", "Opportunity Name,Stage,Close Date,Product,Amount,Primary_Rival__c\nAcme,Closed Lost,2026-03-04,Tidewell Suite,1000,Harborline\n")
	mapping := writeFile(t, dir, "salesforce.yaml", "competitors: Primary_Rival__c\n")
	r := runCLI(t, dir, "import", opps, "--map-file", mapping, "--currency", "USD", "--db", dbPath)
	if r.code != 0 || !strings.Contains(r.stdout, "deals") {
		t.Fatalf("import --map-file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, dir, "import", opps, "--map-file", mapping, "--map", "competitors=Product", "--currency", "USD", "--db", dbPath)
	if r.code != 2 || !strings.Contains(r.stderr, "competitors is mapped by --map") {
		t.Errorf("--map against --map-file: exit %d %q", r.code, r.stderr)
	}
}

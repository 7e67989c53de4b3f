package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/internal/report"
)

func TestCardMarkdownGolden(t *testing.T) {
	r := runCLI(t, t.TempDir(), "card", "harborline", "--demo")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	checkGolden(t, "card-harborline.md", r.stdout)
}

func TestCardHTMLToFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "h.html")
	r := runCLI(t, dir, "card", "harb", "--format", "html", "-o", out, "--demo")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	if !strings.HasPrefix(page, "<!doctype html>") || !strings.Contains(page, "<h1>Harborline</h1>") || !strings.HasSuffix(page, "</html>\n") {
		t.Errorf("not the Harborline page: %.120s", page)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %o, want 600", fi.Mode().Perm())
	}

	// A second export refuses to replace the file, in one line, and leaves it alone.
	if err := os.WriteFile(out, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, dir, "card", "harborline", "--format", "html", "-o", out, "--demo")
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "already exists (use --force") {
		t.Errorf("overwrite without --force: exit %d, %q", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(out); string(data) != "mine" {
		t.Errorf("the file was changed: %q", data)
	}
	if r = runCLI(t, dir, "card", "harborline", "--format", "html", "-o", out, "--force", "--demo"); r.code != 0 {
		t.Errorf("--force: exit %d, %s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(out); !strings.HasPrefix(string(data), "<!doctype html>") {
		t.Errorf("--force did not replace the file")
	}
}

func TestCardUnwritablePath(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"card", "harborline", "-o", filepath.Join(dir, "missing", "h.md")},
		{"card", "--all", "--dir", filepath.Join(dir, "file", "cards")},
	} {
		if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o600); err != nil {
			t.Fatal(err)
		}
		r := runCLI(t, dir, append(args, "--demo")...)
		if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "rivals card: cannot ") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, ".tmp-") {
			t.Errorf("the error names the temporary file: %q", r.stderr)
		}
	}
}

func TestCardAll(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "cards")
	for _, format := range report.CardFormats {
		r := runCLI(t, dir, "card", "--all", "--dir", out, "--format", format, "--demo")
		if r.code != 0 || r.stdout != "wrote 10 cards and an index to "+out+"\n" {
			t.Fatalf("--all --format %s: exit %d, %q %q", format, r.code, r.stdout, r.stderr)
		}
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, format := range report.CardFormats {
		var want []string
		for _, slug := range []string{"brightdesk", "casecraft", "harborline", "index", "loopdesk", "nimbus-assist", "ostra-cx", "quillon", "replyfox", "serviceplane", "ticketry"} {
			want = append(want, slug+"."+report.FormatExtension(format))
		}
		for _, w := range want {
			if !slices.Contains(names, w) {
				t.Errorf("%s not written", w)
			}
		}
	}
	if len(names) != 11*len(report.CardFormats) {
		t.Errorf("wrote %d files, want %d: %v", len(names), 11*len(report.CardFormats), names)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %o, want 700", fi.Mode().Perm())
	}
	var index []report.CardIndexEntry
	data, _ := os.ReadFile(filepath.Join(out, "index.json"))
	if err := json.Unmarshal(data, &index); err != nil || len(index) != 10 || index[0].File != "brightdesk.json" {
		t.Errorf("index.json: %v %+v", err, index)
	}
	md, _ := os.ReadFile(filepath.Join(out, "index.md"))
	if !strings.Contains(string(md), "| Harborline | critical | 2026-11-18 |  | 51.4% of 35 | [harborline.md](<harborline.md>) |") {
		t.Errorf("index.md:\n%s", md)
	}

	// Again: refused whole, nothing rewritten, unless --force.
	before, _ := os.Stat(filepath.Join(out, "harborline.md"))
	r := runCLI(t, dir, "card", "--all", "--dir", out, "--demo")
	if r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("second --all: exit %d, %q", r.code, r.stderr)
	}
	if after, _ := os.Stat(filepath.Join(out, "harborline.md")); !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("a refused export rewrote a card")
	}
	if r := runCLI(t, dir, "card", "--all", "--dir", out, "--force", "--demo"); r.code != 0 {
		t.Errorf("--all --force: exit %d, %s", r.code, r.stderr)
	}

	// A card that cannot be written half-way (a directory in its place) stops the export with
	// an error naming it, while the cards after it are still being read.
	blocked := t.TempDir()
	if err := os.Mkdir(filepath.Join(blocked, "harborline.md"), 0o700); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, dir, "card", "--all", "--dir", blocked, "--force", "--demo")
	if r.code != 1 || !strings.Contains(r.stderr, "harborline.md") {
		t.Errorf("--all onto a directory in a card's place: exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(blocked, "index.md")); err == nil {
		t.Errorf("an export that failed half-way wrote its index")
	}
}

func TestCardUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"card", "us"}, "our own product has no battle card"},
		{[]string{"card", "tidewell"}, "our own product has no battle card"},
		{[]string{"prep", "us"}, "our own product has no battle card"},
		{[]string{"card", "harborline", "--all", "--dir", dir}, "give a NAME or --all, not both"},
		{[]string{"card"}, "usage: rivals card NAME"},
		{[]string{"card", "--all"}, "--all needs --dir DIR"},
		{[]string{"card", "harborline", "--dir", dir}, "--dir only applies with --all"},
		{[]string{"card", "harborline", "--format", "pdf"}, `unknown --format "pdf"`},
		{[]string{"card", "a", "b"}, "usage:"},
	} {
		r := runCLI(t, dir, append(tt.args, "--demo")...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

func TestCardFromAUserDatabase(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "init", "--demo", "--db", dbPath); r.code != 0 {
		t.Fatalf("init: %s", r.stderr)
	}
	r := runCLI(t, dir, "card", "replyfox", "--format", "json", "--db", dbPath)
	var got struct {
		Competitor struct{ Slug string }
		Card       *struct{ Owner string }
		Bullets    []report.EvidenceBullet `json:"evidence_bullets"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || got.Competitor.Slug != "replyfox" || got.Card == nil || len(got.Bullets) == 0 {
		t.Errorf("card --format json: %v %+v %s", err, got, r.stderr)
	}
	if r := runCLI(t, dir, "card", "harborline", "--db", filepath.Join(dir, "none.db")); r.code != 1 {
		t.Errorf("card on a missing database: exit %d", r.code)
	}
}

func TestPrepGolden(t *testing.T) {
	r := runCLI(t, t.TempDir(), "prep", "harborline", "--demo")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	checkGolden(t, "prep-harborline.txt", r.stdout)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) > 60 {
		t.Errorf("prep is %d lines", len(lines))
	}
	// --width wraps for an 80-column terminal; without it each paragraph is one line.
	r = runCLI(t, t.TempDir(), "prep", "harborline", "--demo", "--width", "78")
	for _, l := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		if n := len([]rune(l)); n > 78 {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
	if r := runCLI(t, t.TempDir(), "prep", "harborline", "--demo", "--width", "5"); r.code != 2 {
		t.Errorf("--width 5: exit %d", r.code)
	}
}

func TestPrepJSON(t *testing.T) {
	r := runCLI(t, t.TempDir(), "prep", "harborline", "--json", "--demo")
	var p report.PrepSheet
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if p.Name != "Harborline" || len(p.WhyWeWin) != 3 || len(p.WhyTheyWin) != 3 || len(p.Landmines) != 3 || len(p.Objections) != 3 ||
		!strings.Contains(p.Price, "Harborline costs $5,100/yr more than Tidewell (+33.9%)") || !strings.HasPrefix(p.Record, "We won 18 of 35") || len(p.Freshness) != 5 ||
		len(p.Stale) != 1 || p.Stale[0] != "4 of 57 matrix cells" {
		t.Errorf("prep --json = %+v", p)
	}
}

package cli

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/atomicfile"
	"github.com/rivals-app/rivals/model"
)

// saveLoop saves into the demo database at path, over and over until it is killed, what the
// TUI's editors save: harborline's battle card, with every field carrying the round's number,
// and a new deal against two competitors citing two reasons. It prints "saved N" after each
// round.
func saveLoop(ctx context.Context, path string) error {
	opened, err := db.Open(ctx, path)
	if err != nil {
		return err
	}
	defer opened.Close()
	store := opened.As(db.Origin{Author: "loop", Source: "tui"})
	closed := model.MustParseDate("2026-11-20")
	for i := 1; ; i++ {
		v := fmt.Sprintf("v%d", i)
		card := model.BattleCard{Competitor: "harborline", Owner: "loop", LastReviewed: closed,
			Overview:   v + " overview",
			WhyWeWin:   model.Claims(v+" first", v+" second", v+" third"),
			Objections: []model.Objection{{Objection: v + " objection", Response: v + " response"}},
			Landmines:  model.Claims(v + " landmine")}
		if _, err := store.SaveCard(ctx, card); err != nil {
			return err
		}
		deal := model.Deal{Ref: fmt.Sprintf("K-%d", i), ClosedAt: closed, Outcome: model.OutcomeLost,
			Competitors: []string{"harborline", "replyfox"}, Reasons: []string{"price", "integration"}}
		if _, err := store.SaveDeal(ctx, deal, nil); err != nil {
			return err
		}
		fmt.Printf("saved %d\n", i)
	}
}

// A process killed with SIGKILL while saving cards and deals, as the TUI does, leaves a sound
// database in which each save is whole or absent: the card's fields all come from one save,
// and every deal has both its competitors and both its reasons.
func TestKilledSavesAreAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process and kills it")
	}
	dir := t.TempDir()
	dbPath := initDemo(t, dir)
	cmd := childMode(t, "save-loop", nil, dbPath)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	last := 0
	for last < 30 && lines.Scan() {
		last, _ = strconv.Atoi(strings.TrimPrefix(lines.Text(), "saved "))
	}
	if last < 30 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the save loop stopped after %d rounds: %s", last, stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for lines.Scan() { // rounds reported between the last read and the kill
		last, _ = strconv.Atoi(strings.TrimPrefix(lines.Text(), "saved "))
	}
	cmd.Wait()

	raw, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var check string
	if err := raw.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	// The round in flight when the kill came may or may not have been saved; no other.
	var overview string
	if err := raw.QueryRow(`SELECT k.overview FROM cards k JOIN competitors c ON c.id = k.competitor_id WHERE c.slug = 'harborline'`).Scan(&overview); err != nil {
		t.Fatal(err)
	}
	round, _ := strings.CutSuffix(overview, " overview")
	cardRound, err := strconv.Atoi(strings.TrimPrefix(round, "v"))
	if err != nil || cardRound < last || cardRound > last+1 {
		t.Errorf("card overview %q after %d reported rounds", overview, last)
	}
	var items, fromRound int
	err = raw.QueryRow(`SELECT count(*), count(CASE WHEN i.text LIKE ? || ' %' THEN 1 END) FROM card_items i
		JOIN competitors c ON c.id = i.competitor_id WHERE c.slug = 'harborline'`, round).Scan(&items, &fromRound)
	if err != nil {
		t.Fatal(err)
	}
	if items != 5 || fromRound != items {
		t.Errorf("card of %s has %d items, %d of them from that round; want 5 and 5", round, items, fromRound)
	}
	var deals, partial int
	if err := raw.QueryRow(`SELECT count(*), count(CASE WHEN
		(SELECT count(*) FROM deal_competitors dc WHERE dc.deal_id = d.id) <> 2 OR
		(SELECT count(*) FROM deal_reasons dr WHERE dr.deal_id = d.id) <> 2 THEN 1 END)
		FROM deals d WHERE d.ref LIKE 'K-%'`).Scan(&deals, &partial); err != nil {
		t.Fatal(err)
	}
	if deals < last || deals > last+1 || partial != 0 {
		t.Errorf("%d loop deals (%d partial) after %d reported rounds", deals, partial, last)
	}
	// Each save left its change in the history and no change outlived its save: one deal
	// created per stored loop deal, and the newest card change is the stored card.
	var dealChanges, orphans int
	if err := raw.QueryRow(`SELECT count(*), count(CASE WHEN NOT EXISTS (SELECT 1 FROM deals d WHERE d.ref = c.key) THEN 1 END)
		FROM changes c JOIN change_sets s ON s.id = c.set_id
		WHERE c.kind = 'deal' AND c.op = 'create' AND c.key LIKE 'K-%' AND s.author = 'loop'`).Scan(&dealChanges, &orphans); err != nil {
		t.Fatal(err)
	}
	if dealChanges != deals || orphans != 0 {
		t.Errorf("%d deal changes (%d without their deal) for %d loop deals", dealChanges, orphans, deals)
	}
	var cardChanges int
	var logged string
	if err := raw.QueryRow(`SELECT count(*), COALESCE((SELECT json_extract(new, '$.overview') FROM changes
		WHERE kind = 'card' AND key = 'harborline' ORDER BY id DESC LIMIT 1), '') FROM changes c JOIN change_sets s ON s.id = c.set_id
		WHERE c.kind = 'card' AND s.author = 'loop'`).Scan(&cardChanges, &logged); err != nil {
		t.Fatal(err)
	}
	// A round saves its card, then its deal, in two transactions: the kill may land between
	// them, so the card can be one round ahead of the deals, never more.
	if logged != overview || cardChanges != cardRound || deals < cardRound-1 || deals > cardRound {
		t.Errorf("newest card change %q for stored card %q; %d card changes for the card of round %d; %d loop deals",
			logged, overview, cardChanges, cardRound, deals)
	}
	if r := runCLI(t, dir, "check", "--db", dbPath); r.code != 0 || r.stdout != "ok\n" {
		t.Errorf("rivals check after the kill: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

// manyCardsCatalog is a catalog of n rivals, each with a battle card, and our own product.
func manyCardsCatalog(t *testing.T, dir string, n int) string {
	t.Helper()
	cat := model.Catalog{Version: 1, Competitors: []model.Competitor{{Slug: "us", Name: "Us", IsSelf: true}}}
	for i := range n {
		slug := fmt.Sprintf("rival-%04d", i)
		cat.Competitors = append(cat.Competitors, model.Competitor{Slug: slug, Name: fmt.Sprintf("Rival %04d", i)})
		cat.Cards = append(cat.Cards, model.BattleCard{Competitor: slug, Owner: "Pat", LastReviewed: model.MustParseDate("2026-10-01"),
			Overview: fmt.Sprintf("Rival %d sells to the same buyers.", i), WhyWeWin: model.Claims("Faster rollout", "Clearer pricing"),
			Landmines: model.Claims("Ask about their migration fees")})
	}
	data, err := json.Marshal(cat)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, "many.json", string(data))
}

// tempName matches the temporary siblings atomicfile writes through: ".NAME.tmp-RANDOM".
var tempName = regexp.MustCompile(`^\.(.+)\.tmp-[0-9]+$`)

// An export of every card killed with SIGKILL half-way leaves, under final names, only files
// that are whole; what it was writing stays in hidden temporary files, which the next export
// removes.
func TestKilledCardExportLeavesOnlyWholeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process and kills it")
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	if r := runCLI(t, dir, "import", manyCardsCatalog(t, dir, 300), "--db", dbPath); r.code != 0 {
		t.Fatal(r.stderr)
	}
	cards := filepath.Join(dir, "cards")
	cmd := child(t, nil, "card", "--all", "--dir", cards, "--db", dbPath)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(time.Minute)
wait:
	for {
		select {
		case err := <-exited:
			t.Skipf("the export finished (%v) before 10 cards were written; nothing to kill", err)
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("the export wrote fewer than 10 cards in a minute")
		case <-time.After(time.Millisecond):
			if entries, _ := os.ReadDir(cards); len(entries) >= 10 {
				break wait
			}
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-exited; err == nil {
		t.Skip("the export finished just before the kill")
	}

	entries, err := os.ReadDir(cards)
	if err != nil {
		t.Fatal(err)
	}
	var whole, leftovers []string
	for _, e := range entries {
		name := e.Name()
		if m := tempName.FindStringSubmatch(name); m != nil {
			leftovers = append(leftovers, m[1])
			continue
		}
		if strings.HasPrefix(name, ".") || name == "index.md" {
			t.Errorf("unexpected file %s after the kill", name)
			continue
		}
		slug := strings.TrimSuffix(name, ".md")
		want := runCLI(t, dir, "card", slug, "--db", dbPath)
		got, err := os.ReadFile(filepath.Join(cards, name))
		if err != nil || want.code != 0 || string(got) != want.stdout {
			t.Errorf("%s is not the whole card (%d of %d bytes)", name, len(got), len(want.stdout))
		}
		whole = append(whole, name)
	}
	t.Logf("killed with %d whole cards and %d temporary files", len(whole), len(leftovers))
	// The killed writer's locks died with it: its temporary files are seen as abandoned.
	if n, err := atomicfile.RemoveStale(cards, leftovers...); err != nil || n != len(leftovers) {
		t.Errorf("RemoveStale removed %d of %d leftovers (%v)", n, len(leftovers), err)
	}
}

// The next export clears what a killed export left behind, and nothing else.
func TestCardExportRemovesStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	cards := filepath.Join(dir, "cards")
	if err := os.Mkdir(cards, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".harborline.md.tmp-123", ".index.md.tmp-456", ".notes.tmp-1", "mine.txt"} {
		writeFile(t, cards, name, "half")
	}
	if r := runCLI(t, dir, "card", "--all", "--dir", cards, "--demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	for _, name := range []string{".harborline.md.tmp-123", ".index.md.tmp-456"} {
		if _, err := os.Stat(filepath.Join(cards, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still there", name)
		}
	}
	for _, name := range []string{".notes.tmp-1", "mine.txt", "harborline.md", "index.md"} {
		if _, err := os.Stat(filepath.Join(cards, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A single export clears its own file's leftovers too.
	out := filepath.Join(dir, "h.md")
	writeFile(t, dir, ".h.md.tmp-99", "half")
	if r := runCLI(t, dir, "card", "harborline", "-o", out, "--demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".h.md.tmp-99")); !os.IsNotExist(err) {
		t.Error("the single export left the stale temporary file")
	}
}

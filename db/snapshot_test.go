package db

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/rivals-app/rivals/model"
)

// catalogReader is what a Store and a Snapshot both read; the assignment below keeps their
// read methods alike.
type catalogReader interface {
	Competitors(context.Context) ([]model.Competitor, error)
	Competitor(context.Context, string) (model.Competitor, error)
	Features(context.Context) ([]model.Feature, error)
	Support(context.Context, string) ([]model.Support, error)
	Plans(context.Context, string) ([]model.PricePlan, error)
	ReasonCodes(context.Context) ([]model.ReasonCode, error)
	Deals(context.Context, DealFilter) ([]model.Deal, error)
	Cards(context.Context) ([]model.BattleCard, error)
	Card(context.Context, string) (model.BattleCard, error)
	Notes(context.Context, string) ([]model.IntelNote, error)
	Rates(context.Context) (model.FXTable, error)
	Tallies(context.Context, model.Date) (map[string]model.ProfileTally, error)
	DealFacets(context.Context) ([]string, []string, error)
	Stats(context.Context) (map[string]int, error)
	Labels(context.Context, string) ([]Label, error)
	Export(context.Context) (model.Catalog, error)
}

var _, _ catalogReader = (*Store)(nil), (*Snapshot)(nil)

// readings are every read a snapshot offers, each of acme where it takes a competitor.
var readings = []struct {
	name string
	read func(context.Context, catalogReader) (any, error)
}{
	{"Competitors", func(ctx context.Context, r catalogReader) (any, error) { return r.Competitors(ctx) }},
	{"Competitor", func(ctx context.Context, r catalogReader) (any, error) { return r.Competitor(ctx, "acme") }},
	{"Features", func(ctx context.Context, r catalogReader) (any, error) { return r.Features(ctx) }},
	{"Support", func(ctx context.Context, r catalogReader) (any, error) { return r.Support(ctx, "") }},
	{"Support of one", func(ctx context.Context, r catalogReader) (any, error) { return r.Support(ctx, "acme") }},
	{"Plans", func(ctx context.Context, r catalogReader) (any, error) { return r.Plans(ctx, "") }},
	{"Plans of one", func(ctx context.Context, r catalogReader) (any, error) { return r.Plans(ctx, "acme") }},
	{"ReasonCodes", func(ctx context.Context, r catalogReader) (any, error) { return r.ReasonCodes(ctx) }},
	{"Deals", func(ctx context.Context, r catalogReader) (any, error) { return r.Deals(ctx, DealFilter{}) }},
	{"Deals of one", func(ctx context.Context, r catalogReader) (any, error) {
		return r.Deals(ctx, DealFilter{Competitor: "acme"})
	}},
	{"Cards", func(ctx context.Context, r catalogReader) (any, error) { return r.Cards(ctx) }},
	{"Card", func(ctx context.Context, r catalogReader) (any, error) { return r.Card(ctx, "acme") }},
	{"Notes", func(ctx context.Context, r catalogReader) (any, error) { return r.Notes(ctx, "") }},
	{"Notes of one", func(ctx context.Context, r catalogReader) (any, error) { return r.Notes(ctx, "acme") }},
	{"Rates", func(ctx context.Context, r catalogReader) (any, error) { return r.Rates(ctx) }},
	{"Tallies", func(ctx context.Context, r catalogReader) (any, error) {
		return r.Tallies(ctx, model.MustParseDate("2026-11-23"))
	}},
	{"DealFacets", func(ctx context.Context, r catalogReader) (any, error) {
		segments, regions, err := r.DealFacets(ctx)
		return [2][]string{segments, regions}, err
	}},
	{"Stats", func(ctx context.Context, r catalogReader) (any, error) { return r.Stats(ctx) }},
	{"Labels", func(ctx context.Context, r catalogReader) (any, error) { return r.Labels(ctx, "") }},
	{"Labels of one", func(ctx context.Context, r catalogReader) (any, error) { return r.Labels(ctx, "acme") }},
	{"Export", func(ctx context.Context, r catalogReader) (any, error) { return r.Export(ctx) }},
}

// readAll runs every reading, by name.
func readAll(t *testing.T, r catalogReader) map[string]any {
	t.Helper()
	out := make(map[string]any, len(readings))
	for _, rd := range readings {
		v, err := rd.read(context.Background(), r)
		if err != nil {
			t.Fatalf("%s: %v", rd.name, err)
		}
		out[rd.name] = v
	}
	return out
}

// changeEverything commits, through its own store, a change that every reading sees: acme
// renamed, a feature with a cell, a price, a reason code, a deal of a new segment and region,
// a card bullet, a note and an exchange rate.
func changeEverything(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	d := model.MustParseDate
	sample := sampleCatalog()
	acme := sample.Competitors[1]
	acme.Name = "Acme Service Cloud"
	pro := sample.Plans[0]
	pro.Observations = []model.PriceObservation{{ObservedAt: d("2026-11-01"), Amount: 6900}}
	card := sample.Cards[0]
	card.WhyWeWin = append(card.WhyWeWin, model.Claim{Text: "Cheaper at scale"})
	change := model.Catalog{
		Version:     1,
		Competitors: []model.Competitor{acme},
		Features:    []model.Feature{{Key: "chat", Name: "Live chat", Category: "Channels", Weight: 2}},
		Support:     []model.Support{{Competitor: "acme", Feature: "chat", Level: model.LevelYes, VerifiedAt: d("2026-11-01")}},
		Plans:       []model.PricePlan{pro},
		ReasonCodes: []model.ReasonCode{{Code: "ux", Label: "Ease of use"}},
		Deals: []model.Deal{{Ref: "OPP-2", ClosedAt: d("2026-11-02"), Outcome: model.OutcomeWon, Competitors: []string{"acme"},
			Amount: 900000, Currency: "USD", Segment: "enterprise", Region: "emea", Reasons: []string{"ux"}, PrimaryReason: "ux"}},
		Cards: []model.BattleCard{card},
		Notes: []model.IntelNote{{Competitor: "acme", Date: d("2026-11-03"), Title: "Acme launched an AI agent"}},
	}
	if _, err := s.Import(ctx, change, ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRate(ctx, model.NewFXRate("EUR", "USD", 1_080_000, d("2026-11-20"))); err != nil {
		t.Fatal(err)
	}
}

// openPair opens two stores on one new file, as two processes would, the first holding the
// sample catalog. The second waits little for a lock, so a write a snapshot blocked would fail
// rather than wait.
func openPair(t *testing.T) (reader, writer *Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rivals.db")
	reader, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reader.Close() })
	if _, err := reader.Import(ctx, sampleCatalog(), ImportOptions{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	writer, err = OpenWith(ctx, path, Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { writer.Close() })
	return reader, writer
}

// A snapshot keeps the state it was taken in, for every read, those made before a write
// elsewhere and those made only after it, while that write neither waits for it nor fails;
// a new snapshot sees the write.
func TestSnapshotKeepsTheStateItWasTakenIn(t *testing.T) {
	for _, firstRead := range []string{"", "Competitors", "Export"} {
		name := "read " + firstRead + " before the write"
		if firstRead == "" {
			name = "nothing read before the write"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			reader, writer := openPair(t)
			before := readAll(t, reader)
			snap, err := reader.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer snap.Close()
			for _, rd := range readings {
				if rd.name == firstRead {
					if _, err := rd.read(ctx, snap); err != nil {
						t.Fatal(err)
					}
				}
			}
			changeEverything(t, writer)
			during := readAll(t, snap)
			after := readAll(t, reader)
			fresh, err := reader.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer fresh.Close()
			seen := readAll(t, fresh)
			for _, rd := range readings {
				if !reflect.DeepEqual(during[rd.name], before[rd.name]) {
					t.Errorf("%s: the snapshot shows a change committed after it was taken:\n%+v\nwant\n%+v", rd.name, during[rd.name], before[rd.name])
				}
				// Otherwise the comparison above could not fail.
				if reflect.DeepEqual(after[rd.name], before[rd.name]) {
					t.Errorf("%s: the change is not visible to this read at all", rd.name)
				}
				if !reflect.DeepEqual(seen[rd.name], after[rd.name]) {
					t.Errorf("%s: a new snapshot does not show the change:\n%+v\nwant\n%+v", rd.name, seen[rd.name], after[rd.name])
				}
			}
		})
	}
}

// walFrames checkpoints the log without waiting and reports how many frames it holds and how
// many of them are in the database file now.
func walFrames(t *testing.T, s *Store) (log, done int) {
	t.Helper()
	var busy int
	if err := s.db.QueryRowContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &done); err != nil {
		t.Fatal(err)
	}
	return log, done
}

// An open snapshot holds the log back from a checkpoint; closing it lets the checkpoint
// through. Closing twice is harmless, and a closed snapshot says so when read.
func TestSnapshotCloseReleasesIt(t *testing.T) {
	ctx := context.Background()
	reader, writer := openPair(t)
	snap, err := reader.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	changeEverything(t, writer)
	if log, done := walFrames(t, writer); done >= log {
		t.Fatalf("checkpointed %d of %d frames past an open snapshot", done, log)
	}
	if err := snap.Close(); err != nil {
		t.Fatal(err)
	}
	if log, done := walFrames(t, writer); done != log {
		t.Errorf("checkpointed %d of %d frames after the snapshot closed", done, log)
	}
	if err := snap.Close(); err != nil {
		t.Errorf("closing again: %v", err)
	}
	for _, rd := range readings {
		if _, err := rd.read(ctx, snap); !errors.Is(err, ErrSnapshotClosed) {
			t.Errorf("%s after Close: %v, want ErrSnapshotClosed", rd.name, err)
		}
	}
}

// Read closes the snapshot it hands out when the function returns.
func TestReadClosesItsSnapshot(t *testing.T) {
	ctx := context.Background()
	reader, writer := openPair(t)
	var kept *Snapshot
	err := reader.Read(ctx, func(snap *Snapshot) error {
		kept = snap
		_, err := snap.Competitors(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kept.Competitors(ctx); !errors.Is(err, ErrSnapshotClosed) {
		t.Errorf("read after Read returned: %v, want ErrSnapshotClosed", err)
	}
	changeEverything(t, writer)
	if log, done := walFrames(t, writer); done != log {
		t.Errorf("checkpointed %d of %d frames after Read returned", done, log)
	}
	want := errors.New("stop")
	if err := reader.Read(ctx, func(*Snapshot) error { return want }); err != want {
		t.Errorf("Read returned %v, want fn's error", err)
	}
}

// The context a snapshot was taken with bounds it: once it ends, reads fail and the log is
// free again.
func TestSnapshotEndsWithItsContext(t *testing.T) {
	reader, writer := openPair(t)
	ctx, cancel := context.WithCancel(context.Background())
	snap, err := reader.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := snap.Competitors(ctx); err == nil {
		t.Error("read through a snapshot whose context ended")
	}
	changeEverything(t, writer)
	// database/sql rolls the transaction back in the background once the context ends.
	deadline := time.Now().Add(5 * time.Second)
	for {
		log, done := walFrames(t, writer)
		if done == log {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("checkpointed %d of %d frames long after the snapshot's context ended", done, log)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := snap.Close(); err != nil {
		t.Errorf("Close after the context ended: %v", err)
	}
}

package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/bigcatalog"
	"github.com/rivals-app/rivals/model"
)

// BenchmarkRecentChangesLargeCatalog reads the newest 200 changes, as the Changes view and
// rivals changes open, from the large catalog's database after its full import and 10,000
// edits (cells, notes, deals, prices, cards). It reports the history's size: its entries and
// the bytes its tables and indexes take in the file.
func BenchmarkRecentChangesLargeCatalog(b *testing.B) {
	ctx := context.Background()
	shared, err := bigcatalog.Database(ctx, bigcatalog.Default())
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "large.db")
	if err := copyDB(shared, path); err != nil {
		b.Fatal(err)
	}
	opened, err := db.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer opened.Close()
	clock := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	s := opened.As(db.Origin{Author: "bench", Source: "tui", Now: func() time.Time { clock = clock.Add(time.Second); return clock }})
	if err := tenThousandEdits(ctx, s); err != nil {
		b.Fatal(err)
	}
	entries, bytes, err := historySize(path)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		chs, err := s.Changes(ctx, model.ChangeFilter{Limit: 200})
		if err != nil {
			b.Fatal(err)
		}
		if len(chs) != 200 {
			b.Fatalf("%d changes", len(chs))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/200")
	b.ReportMetric(float64(entries), "entries")
	b.ReportMetric(float64(bytes)/(1<<20), "history-MB")
}

// tenThousandEdits makes 10,000 edits one by one, as people do: matrix cells, notes, deals,
// prices and battle cards, in that proportion (4:2:2:1:1).
func tenThousandEdits(ctx context.Context, s *db.Store) error {
	comps, err := s.Competitors(ctx)
	if err != nil {
		return err
	}
	feats, err := s.Features(ctx)
	if err != nil {
		return err
	}
	levels := []model.Level{model.LevelYes, model.LevelPartial, model.LevelNo, model.LevelRoadmap}
	day := model.MustParseDate("2026-11-23")
	for i := range 10_000 {
		c := comps[1+i%(len(comps)-1)]
		var err error
		switch i % 10 {
		case 0, 1, 2, 3:
			_, err = s.SaveSupport(ctx, model.Support{Competitor: c.Slug, Feature: feats[i%len(feats)].Key, Level: levels[i%len(levels)], VerifiedAt: day})
		case 4, 5:
			_, err = s.SaveNote(ctx, model.IntelNote{Competitor: c.Slug, Date: day, Title: fmt.Sprintf("Edit %d", i), Body: "Heard on a call."})
		case 6, 7:
			_, err = s.SaveDeal(ctx, model.Deal{Ref: fmt.Sprintf("EDIT-%d", i), ClosedAt: day, Outcome: model.OutcomeLost, Competitors: []string{c.Slug}}, nil)
		case 8:
			var plans []model.PricePlan
			if plans, err = s.Plans(ctx, c.Slug); err == nil && len(plans) > 0 && plans[0].Model != model.ModelContactSales {
				err = s.RecordPrice(ctx, plans[0].ID, model.PriceObservation{ObservedAt: day.AddDays(i / 10), Amount: int64(1000 + i)})
			}
		case 9:
			card := model.BattleCard{Competitor: c.Slug, Owner: "bench", LastReviewed: day, Overview: fmt.Sprintf("Overview %d", i)}
			_, err = s.SaveCard(ctx, card)
		}
		if err != nil {
			return fmt.Errorf("edit %d: %w", i, err)
		}
	}
	return nil
}

// historySize counts the history's entries and the bytes its tables and indexes take.
func historySize(path string) (entries, bytes int64, err error) {
	raw, err := db.OpenWith(context.Background(), path, db.Options{ReadOnly: true})
	if err != nil {
		return 0, 0, err
	}
	defer raw.Close()
	err = raw.Read(context.Background(), func(snap *db.Snapshot) error {
		entries, bytes, err = snap.HistorySize(context.Background())
		return err
	})
	return entries, bytes, err
}

func copyDB(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

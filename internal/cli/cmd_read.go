package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
	"github.com/rivals-app/rivals/tui"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; otherwise the module
// version from the build info is used.
var version = ""

func setupTUI(a *app, _ *flag.FlagSet) func(context.Context, []string) error {
	return func(ctx context.Context, _ []string) error {
		// The TUI opens the store itself, so that its first frame does not wait for the
		// database; what opening says waits until the terminal is given back.
		var notices bytes.Buffer
		a.heldNotices = &notices
		opening := newTUIStore(a)
		err := a.runTUI(ctx, opening.open, tui.Options{Demo: a.demo, Now: a.now})
		opening.close()
		a.heldNotices = nil
		a.stderr.Write(notices.Bytes())
		return err
	}
}

func setupVersion(a *app, _ *flag.FlagSet) func(context.Context, []string) error {
	return func(context.Context, []string) error {
		v := version
		if v == "" {
			v = "dev"
			if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
				v = info.Main.Version
			}
		}
		fmt.Fprintf(a.stdout, "rivals %s (schema %d, catalog format %d)\n", v, db.SchemaVersion(), model.CatalogVersion)
		return nil
	}
}

// writeJSON prints v as indented JSON, with terminal-active characters escaped.
func writeJSON(w io.Writer, v any) error { return termtext.WriteJSON(w, v) }

// listedCompetitor is one row of `rivals list --json`; every field is always present.
type listedCompetitor struct {
	Slug      string       `json:"slug"`
	Name      string       `json:"name"`
	IsSelf    bool         `json:"is_self"`
	Segments  []string     `json:"segments"`
	Threat    model.Threat `json:"threat"`
	Status    model.Status `json:"status"`
	UpdatedAt time.Time    `json:"updated_at"`
}

func setupList(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(ctx context.Context, _ []string) error {
		snap, comps, cleanup, err := a.openCompetitors(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		if len(comps) == 0 {
			// On stderr, so JSON consumers still get a clean "[]".
			fmt.Fprintf(a.stderr, "note: %s holds no competitors yet; import a catalog (rivals import FILE) or load the demo (rivals init --demo)\n", snap.Path())
		}
		if *asJSON {
			rows := make([]listedCompetitor, 0, len(comps))
			for _, c := range comps {
				segs := c.Segments
				if segs == nil {
					segs = []string{}
				}
				rows = append(rows, listedCompetitor{c.Slug, c.Name, c.IsSelf, segs, c.Threat, c.Status, c.UpdatedAt})
			}
			return writeJSON(a.stdout, rows)
		}
		if len(comps) == 0 {
			return nil
		}
		tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SLUG\tNAME\tSELF\tSEGMENTS\tTHREAT\tSTATUS\tUPDATED")
		for _, c := range comps {
			self := ""
			if c.IsSelf {
				self = "yes"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Slug, termtext.Line(c.Name), self,
				termtext.Line(strings.Join(c.Segments, ", ")), orDash(string(c.Threat)), c.Status,
				c.UpdatedAt.Local().Format(model.DateLayout))
		}
		return tw.Flush()
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func setupShow(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(ctx context.Context, args []string) error {
		snap, cleanup, err := a.openSnapshot(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		p, err := loadProfile(ctx, snap, args[0], model.DateOf(a.now()))
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(a.stdout, p)
		}
		return report.ProfileText(a.stdout, p, model.DateOf(a.now()))
	}
}

// loadProfile resolves NAME and gathers the competitor's profile from one snapshot.
func loadProfile(ctx context.Context, snap *db.Snapshot, name string, today model.Date) (report.Profile, error) {
	var p report.Profile
	comps, err := snap.Competitors(ctx)
	if err != nil {
		return p, err
	}
	c, err := search.ResolveCompetitor(name, comps)
	if err != nil {
		return p, err
	}
	p.Competitor = c
	features, err := snap.Features(ctx)
	if err != nil {
		return p, err
	}
	cells, err := snap.Support(ctx, c.Slug)
	if err != nil {
		return p, err
	}
	p.Matrix = model.SummarizeSupport(features, cells, today)
	if p.Plans, err = snap.Plans(ctx, c.Slug); err != nil {
		return p, err
	}
	deals, err := snap.Deals(ctx, db.DealFilter{Competitor: c.Slug})
	if err != nil {
		return p, err
	}
	p.WinLossWindow = model.RecordWindow(today)
	p.WinLoss = model.TallyDeals(p.WinLossWindow.Select(deals))
	if r, ok := p.WinLoss.WinRate(); ok {
		p.WinRate = &r
	}
	if card, err := snap.Card(ctx, c.Slug); err == nil {
		p.Card = &card
	} else if !errors.Is(err, db.ErrNotFound) {
		return p, err
	}
	if p.Notes, err = snap.Notes(ctx, c.Slug); err != nil {
		return p, err
	}
	if p.Plans == nil {
		p.Plans = []model.PricePlan{}
	}
	if p.Notes == nil {
		p.Notes = []model.IntelNote{}
	}
	return p, nil
}

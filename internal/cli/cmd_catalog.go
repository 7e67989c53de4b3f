package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/model"
)

func setupInit(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	force := fs.Bool("force", false, "load the demo catalog even into a database that already holds data (records with the same keys are overwritten)")
	return func(ctx context.Context, _ []string) error {
		if *force && !a.demo {
			return usagef("--force only applies with --demo")
		}
		path, err := a.dbFile()
		if err != nil {
			return err
		}
		_, statErr := os.Stat(path)
		existed := statErr == nil
		store, err := a.openDB(ctx, path, db.Options{Create: true})
		if err != nil {
			return err
		}
		defer store.Close()
		if !a.demo {
			if existed {
				fmt.Fprintf(a.stdout, "%s is ready (schema version %d)\n", store.Path(), db.SchemaVersion())
			} else {
				fmt.Fprintf(a.stdout, "created %s\n", store.Path())
			}
			return nil
		}
		empty, err := store.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty && !*force {
			return fmt.Errorf("%s already holds a catalog; use --force to load the demo into it anyway", store.Path())
		}
		if err := checkDemoSelf(ctx, store, a.demoCatalog); err != nil {
			return err
		}
		if err := loadDemo(ctx, store, a.demoCatalog, a.now()); err != nil {
			return err
		}
		stats, err := store.Stats(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "loaded the demo catalog into %s: %d competitors, %d features, %d plans, %d deals, %d battle cards, %d notes\n",
			store.Path(), stats[model.KindCompetitors], stats[model.KindFeatures], stats[model.KindPlans],
			stats[model.KindDeals], stats[model.KindCards], stats[model.KindNotes])
		return nil
	}
}

// checkDemoSelf refuses to merge the demo into a database whose own product is another one:
// a catalog has exactly one "us".
func checkDemoSelf(ctx context.Context, store *db.Store, demo []byte) error {
	cat, _, err := catalog.Decode(demoFile, demo)
	if err != nil {
		return err
	}
	comps, err := store.Competitors(ctx)
	if err != nil {
		return err
	}
	for _, demo := range cat.Competitors {
		for _, c := range comps {
			if demo.IsSelf && c.IsSelf && c.Slug != demo.Slug {
				return fmt.Errorf("%s already has its own product (%s); the demo, whose own product is %s, cannot be merged into it", store.Path(), c.Slug, demo.Slug)
			}
		}
	}
	return nil
}

// writeImportReport prints new/updated/unchanged counts for every kind the files contained,
// and a skipped column when --on-conflict skip left stored records alone. Columns widen for
// counts that need it (a 100,000-row CRM import).
func writeImportReport(w io.Writer, rep db.ImportReport) error {
	names := []string{"new", "updated", "unchanged", "skipped"}
	widths := []int{5, 8, 10, 8}
	cols := 3
	counts := func(c *db.Counts) []int { return []int{c.New, c.Updated, c.Unchanged, c.Skipped} }
	var kinds []string
	for _, k := range model.CatalogKinds {
		c := rep.Kinds[k]
		if c == nil || c.New+c.Updated+c.Unchanged+c.Skipped == 0 {
			continue
		}
		kinds = append(kinds, k)
		if c.Skipped > 0 {
			cols = 4
		}
		for i, n := range counts(c) {
			widths[i] = max(widths[i], len(strconv.Itoa(n)))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s", "kind")
	for i := range cols {
		fmt.Fprintf(&b, " %*s", widths[i], names[i])
	}
	b.WriteString("\n")
	for _, k := range kinds {
		fmt.Fprintf(&b, "%-14s", k)
		for i, n := range counts(rep.Kinds[k])[:cols] {
			fmt.Fprintf(&b, " %*d", widths[i], n)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func setupExport(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	out := fs.String("o", "", "write to FILE instead of standard output (atomically; never replaces a file without --force)")
	force := fs.Bool("force", false, "replace FILE if it exists")
	return func(ctx context.Context, args []string) error {
		if args[0] != "catalog" {
			return usagef("cannot export %q (want: rivals export catalog)", args[0])
		}
		store, cleanup, err := a.openStore(ctx, readOnly)
		if err != nil {
			return err
		}
		defer cleanup()
		if *out == "" {
			bw := bufio.NewWriterSize(a.stdout, 64<<10)
			if err := exportCatalog(ctx, store, bw); err != nil {
				return err
			}
			return bw.Flush()
		}
		// The catalog is a team's private knowledge: readable by the owner only.
		return exportFile(*out, *force, func(w io.Writer) error { return exportCatalog(ctx, store, w) })
	}
}

// exportCatalog writes the catalog to w record by record from one snapshot, so that the export
// is one consistent state and memory does not grow with the catalog; reading and encoding
// overlap.
func exportCatalog(ctx context.Context, store *db.Store, w io.Writer) error {
	return store.Read(ctx, func(snap *db.Snapshot) error {
		return catalog.EncodeFrom(w, func(emit func(string, any) error) error { return snap.ExportEach(ctx, emit) })
	})
}

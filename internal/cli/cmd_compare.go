package cli

import (
	"bufio"
	"context"
	"flag"
	"io"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/model"
)

// compareFormats lists the output formats of rivals compare.
var compareFormats = []string{"table", "md", "csv", "json"}

func setupCompare(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	format := fs.String("format", "table", "output format: table, md, csv or json")
	diff := fs.Bool("diff", false, "only features where the products differ")
	category := fs.String("category", "", "only features of this category")
	out := fs.String("o", "", "write to FILE instead of standard output (atomically; never replaces a file without --force)")
	force := fs.Bool("force", false, "replace FILE if it exists")
	return func(ctx context.Context, args []string) error {
		if !slices.Contains(compareFormats, *format) {
			return usagef("unknown --format %q (want %s)", *format, strings.Join(compareFormats, ", "))
		}
		snap, comps, cleanup, err := a.openCompetitors(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		var products []model.Competitor
		seen := map[string]bool{}
		for _, name := range args {
			c, err := search.ResolveCompetitor(name, comps)
			if err != nil {
				return err
			}
			if seen[c.Slug] {
				return usagef("%s is named twice", c.Slug)
			}
			seen[c.Slug] = true
			products = append(products, c)
		}
		features, err := snap.Features(ctx)
		if err != nil {
			return err
		}
		// Only the compared products' cells: a matrix of many competitors is not read whole.
		var cells []model.Support
		for _, p := range products {
			theirs, err := snap.Support(ctx, p.Slug)
			if err != nil {
				return err
			}
			cells = append(cells, theirs...)
		}
		m := model.NewMatrix(products, features, cells)
		if *category != "" {
			if !slices.Contains(m.Categories(), *category) {
				return usagef("no category %q (have %s)", *category, strings.Join(m.Categories(), ", "))
			}
		}
		filter := model.MatrixFilter{DiffOnly: *diff, Category: *category}
		render := func(w io.Writer) error {
			switch *format {
			case "md":
				return report.CompareMarkdown(w, m, filter, report.UnicodeGlyphs)
			case "csv":
				return report.CompareCSV(w, m, filter)
			case "json":
				return report.CompareJSON(w, m, filter)
			}
			return report.CompareTable(w, m, filter, a.glyphs())
		}
		if *out != "" {
			return exportFile(*out, *force, render)
		}
		bw := bufio.NewWriter(a.stdout)
		if err := render(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
}

// glyphs picks Unicode level marks unless plain output is asked for (see unicode).
func (a *app) glyphs() report.Glyphs {
	if a.unicode() {
		return report.UnicodeGlyphs
	}
	return report.ASCIIGlyphs
}

// unicode reports whether symbols beyond ASCII may be printed: not when NO_COLOR asks for plain
// output, nor when the locale is not UTF-8.
func (a *app) unicode() bool {
	if a.getenv("NO_COLOR") != "" {
		return false
	}
	for _, v := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if loc := a.getenv(v); loc != "" {
			l := strings.ToLower(loc)
			return strings.Contains(l, "utf-8") || strings.Contains(l, "utf8")
		}
	}
	return true
}

package cli

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/atomicfile"
	"github.com/rivals-app/rivals/internal/report"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/model"
)

func setupCard(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	format := fs.String("format", "md", "output format: md, html, json, txt, slack or confluence")
	unverified := fs.Bool("include-unverified", false, "keep rumours (claims marked rumour) on the card")
	wrapAt := fs.Int("width", 0, "with --format txt: wrap paragraphs at N columns (default: one line each)")
	out := fs.String("o", "", "write to FILE instead of standard output (never replaces a file without --force)")
	force := fs.Bool("force", false, "replace files that already exist")
	all := fs.Bool("all", false, "export every competitor's card, and an index, into --dir")
	dir := fs.String("dir", "", "with --all: the directory to write into (created 0700 if missing)")
	return func(ctx context.Context, args []string) error {
		render, ok := report.CardRenderer(*format)
		if !ok {
			return usagef("unknown --format %q (want %s)", *format, strings.Join(report.CardFormats, ", "))
		}
		switch {
		case *all && len(args) > 0:
			return usagef("give a NAME or --all, not both")
		case !*all && len(args) == 0:
			return usagef("usage: rivals card NAME [flags] or rivals card --all --dir DIR [flags]")
		case *all && *dir == "":
			return usagef("--all needs --dir DIR")
		case *all && *out != "":
			return usagef("-o writes one card; with --all use --dir")
		case !*all && *dir != "":
			return usagef("--dir only applies with --all")
		case *wrapAt < 0 || (*wrapAt > 0 && *wrapAt < 20):
			return usagef("--width must be 20 columns or more")
		}
		opts := docOptions{unverified: *unverified, width: *wrapAt}
		snap, comps, cleanup, err := a.openCompetitors(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		today := model.DateOf(a.now())
		if *all {
			return a.writeAllCards(ctx, snap, comps, today, *format, *dir, *force, opts)
		}
		rival, err := resolveRival(args[0], comps)
		if err != nil {
			return err
		}
		reader, err := newCardReader(ctx, snap, comps)
		if err != nil {
			return err
		}
		doc, err := reader.doc(ctx, rival, today)
		if err != nil {
			return err
		}
		doc = opts.apply(doc)
		if *out == "" {
			bw := bufio.NewWriter(a.stdout)
			if err := render(bw, doc); err != nil {
				return err
			}
			return bw.Flush()
		}
		return exportFile(*out, *force, func(w io.Writer) error { return render(w, doc) })
	}
}

func setupPrep(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
	asJSON := fs.Bool("json", false, "print JSON (as --format json)")
	format := fs.String("format", "txt", "output format: txt, md, slack, confluence or json")
	unverified := fs.Bool("include-unverified", false, "keep rumours (claims marked rumour) on the sheet")
	wrapAt := fs.Int("width", 0, "with --format txt: wrap paragraphs at N columns (default: one line each)")
	return func(ctx context.Context, args []string) error {
		if *asJSON {
			*format = "json"
		}
		render, ok := report.PrepRenderer(*format)
		if !ok {
			return usagef("unknown --format %q (want %s)", *format, strings.Join(report.PrepFormats, ", "))
		}
		if *wrapAt < 0 || (*wrapAt > 0 && *wrapAt < 20) {
			return usagef("--width must be 20 columns or more")
		}
		snap, comps, cleanup, err := a.openCompetitors(ctx)
		if err != nil {
			return err
		}
		defer cleanup()
		rival, err := resolveRival(args[0], comps)
		if err != nil {
			return err
		}
		reader, err := newCardReader(ctx, snap, comps)
		if err != nil {
			return err
		}
		doc, err := reader.doc(ctx, rival, model.DateOf(a.now()))
		if err != nil {
			return err
		}
		if doc.Card != nil && !doc.Card.LastReviewed.IsZero() {
			since := report.ReviewSince(doc.Card.LastReviewed, a.now().Location())
			if doc.SinceReview, err = snap.Changes(ctx, model.ChangeFilter{Competitor: rival.Slug, Since: since}); err != nil {
				return err
			}
		}
		doc = docOptions{unverified: *unverified, width: *wrapAt}.apply(doc)
		bw := bufio.NewWriter(a.stdout)
		if err := render(bw, doc); err != nil {
			return err
		}
		return bw.Flush()
	}
}

// docOptions are the output choices of card and prep.
type docOptions struct {
	unverified bool
	width      int
}

// apply sets the choices on a doc.
func (o docOptions) apply(doc report.CardDoc) report.CardDoc {
	doc.IncludeUnverified, doc.Width = o.unverified, o.width
	return doc
}

// resolveRival resolves NAME to a competitor other than our own product, which has no card.
func resolveRival(name string, comps []model.Competitor) (model.Competitor, error) {
	c, err := search.ResolveCompetitor(name, comps)
	if err != nil {
		return c, err
	}
	if c.IsSelf {
		return c, usagef("our own product has no battle card")
	}
	return c, nil
}

// cardReader reads what a rival's card is drawn from: the catalog-wide lists (features, rates,
// reason labels) and our product's cells and plans once, then for each card only the rival's
// own rows through their indexes, so a card costs what the rival holds, not the catalog.
type cardReader struct {
	snap *db.Snapshot
	base report.CardSources
	// selfCells and selfPlans are our product's, read once for every card.
	selfCells []model.Support
	selfPlans []model.PricePlan
}

// newCardReader reads the parts every card shares, from the snapshot comps were listed from.
func newCardReader(ctx context.Context, snap *db.Snapshot, comps []model.Competitor) (*cardReader, error) {
	r := &cardReader{snap: snap, base: report.CardSources{Reasons: map[string]string{}}}
	for _, comp := range comps {
		if comp.IsSelf {
			r.base.Self = comp
		}
	}
	var err error
	if r.base.Features, err = snap.Features(ctx); err != nil {
		return nil, err
	}
	if r.base.Rates, err = snap.Rates(ctx); err != nil {
		return nil, err
	}
	codes, err := snap.ReasonCodes(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range codes {
		r.base.Reasons[c.Code] = c.Label
	}
	if slug := r.base.Self.Slug; slug != "" {
		if r.selfCells, err = snap.Support(ctx, slug); err != nil {
			return nil, err
		}
		if r.selfPlans, err = snap.Plans(ctx, slug); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// doc reads a rival's rows and builds its card page, with evidence priced at the calculator's
// default deal size. The evidence counts the deals of the record window only.
func (r *cardReader) doc(ctx context.Context, rival model.Competitor, today model.Date) (report.CardDoc, error) {
	window := model.RecordWindow(today)
	deals, err := r.snap.Deals(ctx, db.DealFilter{Competitor: rival.Slug, Since: window.Since, Until: window.Until})
	if err != nil {
		return report.CardDoc{}, err
	}
	rows, err := r.rowsWith(ctx, rival, deals)
	if err != nil {
		return report.CardDoc{}, err
	}
	return rows.doc(today), nil
}

// cardRows is what a rival's card is drawn from, as read.
type cardRows struct {
	src   report.CardSources
	rival model.Competitor
	card  *model.BattleCard
}

// doc builds the card page from the rows.
func (c cardRows) doc(today model.Date) report.CardDoc { return c.src.Doc(c.rival, c.card, today) }

// rowsWith reads a rival's rows but its deals, which are given.
func (r *cardReader) rowsWith(ctx context.Context, rival model.Competitor, deals []model.Deal) (cardRows, error) {
	src := r.base
	src.Deals = deals
	cells, err := r.snap.Support(ctx, rival.Slug)
	if err != nil {
		return cardRows{}, err
	}
	src.Cells = append(slices.Clip(r.selfCells), cells...)
	plans, err := r.snap.Plans(ctx, rival.Slug)
	if err != nil {
		return cardRows{}, err
	}
	src.Plans = map[string][]model.PricePlan{rival.Slug: plans}
	if src.Self.Slug != "" {
		src.Plans[src.Self.Slug] = r.selfPlans
	}
	if src.Notes, err = r.snap.Notes(ctx, rival.Slug); err != nil {
		return cardRows{}, err
	}
	var card *model.BattleCard
	switch k, err := r.snap.Card(ctx, rival.Slug); {
	case err == nil:
		card = &k
	case !errors.Is(err, db.ErrNotFound):
		return cardRows{}, err
	}
	return cardRows{src: src, rival: rival, card: card}, nil
}

// writeAllCards writes one card per competitor (our own product aside) into dir, then the
// index. Nothing is read or written when a file is in the way and force is not given; then
// each card is read, rendered and written in turn, reading the next cards while one is
// written, so memory holds a few cards at a time.
func (a *app) writeAllCards(ctx context.Context, snap *db.Snapshot, comps []model.Competitor, today model.Date, format, dir string, force bool, opts docOptions) error {
	render, _ := report.CardRenderer(format)
	index := "index." + report.FormatExtension(format)
	type job struct {
		rival model.Competitor
		file  string
	}
	var jobs []job
	for _, c := range comps {
		if c.IsSelf {
			continue
		}
		stem, err := cardFileStem(c.Slug)
		if err != nil {
			return err
		}
		jobs = append(jobs, job{c, stem + "." + report.FormatExtension(format)})
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return pathError("cannot create", dir, err)
	}
	names := []string{index}
	for _, j := range jobs {
		names = append(names, j.file)
	}
	if !force {
		// All or nothing: one file in the way stops the export before anything is written.
		for _, name := range names {
			if err := refuseExisting(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	// An export killed half-way left its temporary files (never a partial card under its own
	// name); clear them once, for every file about to be written.
	atomicfile.RemoveStale(dir, names...)
	// The cards' rows are read from the database on one goroutine, and the cards built,
	// rendered and written on this one, so that the two overlap; a few read cards wait at
	// most. The deals of the record window are read in one pass, competitor by competitor in
	// id order, so the cards are read in that order too.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Every card runs the same few queries: each is prepared once.
	prepared := snap.Prepared(ctx)
	defer prepared.Close()
	reader, err := newCardReader(ctx, prepared, comps)
	if err != nil {
		return err
	}
	type read struct {
		job  int
		rows cardRows
	}
	docs := make(chan read, 4)
	var readErr error
	go func() {
		defer close(docs)
		order := make([]int, len(jobs))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(x, y int) int { return cmp.Compare(jobs[x].rival.ID, jobs[y].rival.ID) })
		next := 0
		emit := func(deals []model.Deal) error {
			j := order[next]
			next++
			rows, err := reader.rowsWith(ctx, jobs[j].rival, deals)
			if err != nil {
				return err
			}
			select {
			case docs <- read{j, rows}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		window := model.RecordWindow(today)
		readErr = snap.EachCompetitorDeals(ctx, window.Since, window.Until, func(id int64, deals []model.Deal) error {
			for next < len(order) && jobs[order[next]].rival.ID < id {
				if err := emit(nil); err != nil {
					return err
				}
			}
			if next < len(order) && jobs[order[next]].rival.ID == id {
				return emit(deals)
			}
			return nil // our own product's deals
		})
		for readErr == nil && next < len(order) {
			readErr = emit(nil)
		}
	}()
	entries := make([]report.CardIndexEntry, len(jobs))
	written := 0
	for r := range docs {
		j := jobs[r.job]
		doc := opts.apply(r.rows.doc(today))
		if err := writeExport(filepath.Join(dir, j.file), force, func(w io.Writer) error { return render(w, doc) }); err != nil {
			cancel()
			for range docs {
			}
			return err
		}
		entries[r.job] = report.NewCardIndexEntry(doc, j.file)
		written++
	}
	if readErr != nil {
		return readErr
	}
	if written != len(jobs) {
		return fmt.Errorf("%d of %d cards were read", written, len(jobs))
	}
	if err := writeExport(filepath.Join(dir, index), force, func(w io.Writer) error {
		return report.CardIndex(w, format, today, entries)
	}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote %s and an index to %s\n", countOf(len(jobs), "card"), dir)
	return nil
}

// cardFileStem returns the name, less its extension, of a competitor's card file in an
// export directory. Only a valid slug (lower-case letters, digits and single dashes, at most
// 64) names a file, so no slug can climb out of the directory, name an absolute path or a
// hidden file, or carry a separator or a control character; slugs are validated when saved,
// and this is the last line of defence against a database written by something else. A slug
// that Windows keeps for a device (con, nul, com1…: with any extension, on any disk) or that
// the index takes gets an underscore, which no slug has: con_.md, index_.md.
func cardFileStem(slug string) (string, error) {
	if !model.ValidSlug(slug) {
		return "", fmt.Errorf("competitor slug %q cannot name a file (a slug is lower-case letters, digits and single dashes)", slug)
	}
	if reservedStem(slug) {
		return slug + "_", nil
	}
	return slug, nil
}

// reservedStem reports the names Windows reserves for devices, and the index's.
func reservedStem(s string) bool {
	switch s {
	case "con", "prn", "aux", "nul", "index":
		return true
	}
	return len(s) == 4 && (strings.HasPrefix(s, "com") || strings.HasPrefix(s, "lpt")) && s[3] >= '0' && s[3] <= '9'
}

// refuseExisting fails when path exists (as anything, a dangling link included).
func refuseExisting(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return existsError(path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return pathError("cannot write", path, err)
	}
	return nil
}

func existsError(path string) error {
	return fmt.Errorf("%s already exists (use --force to replace it)", path)
}

// exportFile writes an export atomically (atomicfile), 0600 like every file rivals writes,
// refusing to replace an existing file unless force. Errors name the file asked for, never
// the temporary file behind it. The temporary files of an earlier export of path that was
// killed are removed first.
func exportFile(path string, force bool, write func(io.Writer) error) error {
	atomicfile.RemoveStale(filepath.Dir(path), filepath.Base(path))
	return writeExport(path, force, write)
}

// writeExport is exportFile without the clean-up.
func writeExport(path string, force bool, write func(io.Writer) error) error {
	err := atomicfile.Create(path, 0o600, force, write)
	switch {
	case errors.Is(err, atomicfile.ErrExists):
		return existsError(path)
	case err != nil:
		return pathError("cannot write", path, err)
	}
	return nil
}

// pathError words a file-system failure in one line: "cannot write /x/h.html: permission
// denied".
func pathError(verb, path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError // from the rename into place
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("%s %s: %w", verb, path, err)
}

// countOf counts things: "1 card", "10 cards".
func countOf(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

package db

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/rivals-app/rivals/model"
)

// supportStep imports the matrix cells batch by batch. New cells (all of them, in a first
// import) go in multi-row inserts; stored ones are compared. When the new cells reach the
// stored ones' number (the import at least doubles the matrix), the matrix's secondary
// indexes are dropped and built once at the end.
type supportStep struct {
	im           *importer
	begun        bool
	comps, feats map[string]int64
	stored       map[[2]int64]bool
	seen         map[[2]int64]int
	fresh        *batcher
	newCells     int
	rebuild      func() error
	created      *bulkKeys
}

func (s *supportStep) begin() (err error) {
	im := s.im
	s.begun = true
	if s.comps, err = competitorIDs(im.ctx, im.tx); err != nil {
		return err
	}
	if s.feats, err = idMap(im.ctx, im.tx, `SELECT key, id FROM features`); err != nil {
		return err
	}
	if s.stored, err = storedPairs(im.ctx, im.tx, `SELECT competitor_id, feature_id FROM support`); err != nil {
		return err
	}
	s.fresh = newBatcher(im.ctx, im.tx, `INSERT OR FAIL INTO support (competitor_id, feature_id, level, note, source, verified_at) VALUES `, 6)
	s.seen = map[[2]int64]int{}
	if im.log != nil {
		s.created = &bulkKeys{}
	}
	return nil
}

func (s *supportStep) add(part model.Catalog, first int) (err error) {
	if len(part.Support) == 0 {
		return nil
	}
	im := s.im
	if !s.begun {
		if err := s.begin(); err != nil {
			return err
		}
	}
	var newCells []newCell
	for k, sp := range part.Support {
		i := first + k
		if err := sp.Validate(); err != nil {
			return recErr(model.KindSupport, i, err)
		}
		cid, err := resolve(s.comps, "competitor", "competitor", sp.Competitor)
		if err != nil {
			return recErr(model.KindSupport, i, err)
		}
		fid, err := resolve(s.feats, "feature", "feature", sp.Feature)
		if err != nil {
			return recErr(model.KindSupport, i, err)
		}
		if j := unique(s.seen, [2]int64{cid, fid}, i); j >= 0 {
			return recErr(model.KindSupport, i, &model.FieldError{Field: "feature", Msg: fmt.Sprintf("%s × %s is already set by support[%d]", sp.Competitor, sp.Feature, j)})
		}
		if !s.stored[[2]int64{cid, fid}] {
			newCells = append(newCells, newCell{key: [2]int64{cid, fid}, index: k})
			continue
		}
		if err := im.record(model.KindSupport, i, model.ChangeCell, sp.Competitor, cellKey(sp.Competitor, sp.Feature), sp, func() (change, error) { return upsertSupport(im.ctx, im.q, sp, cid, fid) }); err != nil {
			return err
		}
	}
	s.newCells += len(newCells)
	if s.rebuild == nil && s.newCells >= bulkDealsMin && s.newCells >= len(s.stored) {
		if s.rebuild, err = suspendSchema(im.ctx, im.tx, supportIndexes...); err != nil {
			return err
		}
	}
	// New cells go in key order: the matrix is keyed by (competitor, feature), so each batch
	// appends to the table instead of splitting pages all over it.
	slices.SortFunc(newCells, func(a, b newCell) int {
		return cmp.Or(cmp.Compare(a.key[0], b.key[0]), cmp.Compare(a.key[1], b.key[1]))
	})
	for _, c := range newCells {
		sp := part.Support[c.index]
		s.fresh.add(c.key[0], c.key[1], sp.Level, sp.Note, sp.Source, sp.VerifiedAt.String())
		im.rep.Kinds[model.KindSupport].add(inserted)
		s.created.add(sp.Competitor, cellKey(sp.Competitor, sp.Feature))
		if s.fresh.full() {
			if err := s.fresh.flushFull(); err != nil {
				return recErr(model.KindSupport, first+c.index, err)
			}
		}
	}
	return nil
}

func (s *supportStep) finish() error {
	if !s.begun {
		return nil
	}
	defer s.fresh.close()
	if err := s.fresh.flush(); err != nil {
		return err
	}
	if err := s.im.log.bulk(model.ChangeCell, s.created); err != nil {
		return err
	}
	// On an error the whole transaction rolls back, the indexes with it.
	if s.rebuild != nil {
		return s.rebuild()
	}
	return nil
}

// noteStep imports the notes batch by batch. New notes go in multi-row inserts; once they
// reach bulkDealsMin their search index is fed in one pass at the end, and once they also
// reach the stored notes' number the notes_competitor index is built again at the end too.
type noteStep struct {
	im               *importer
	begun            bool
	comps, stored    map[string]int64
	seen             map[string]int
	fresh            *batcher
	newNotes         int
	restore, rebuild func() error
	created          *bulkKeys
}

func (s *noteStep) begin() (err error) {
	im := s.im
	s.begun = true
	if s.comps, err = competitorIDs(im.ctx, im.tx); err != nil {
		return err
	}
	if s.stored, err = idMap(im.ctx, im.tx, `SELECT competitor_id || char(0) || noted_at || char(0) || title, id FROM notes`); err != nil {
		return err
	}
	s.fresh = newBatcher(im.ctx, im.tx, `INSERT OR FAIL INTO notes (competitor_id, noted_at, title, body, source, tags) VALUES `, 6)
	s.seen = map[string]int{}
	if im.log != nil {
		s.created = &bulkKeys{}
	}
	return nil
}

// storedKey is a note's key among the stored notes, or "" when its competitor is unknown.
func (s *noteStep) storedKey(n model.IntelNote) string {
	cid, ok := s.comps[n.Competitor]
	if !ok {
		return ""
	}
	return strconv.FormatInt(cid, 10) + "\x00" + n.Date.String() + "\x00" + n.Title
}

func (s *noteStep) add(part model.Catalog, first int) (err error) {
	if len(part.Notes) == 0 {
		return nil
	}
	im := s.im
	if !s.begun {
		if err := s.begin(); err != nil {
			return err
		}
	}
	for _, n := range part.Notes {
		if _, ok := s.stored[s.storedKey(n)]; !ok {
			s.newNotes++
		}
	}
	if s.restore == nil && s.newNotes >= bulkDealsMin {
		if err := s.fresh.flush(); err != nil {
			return err
		}
		if s.restore, err = deferIndexing(im.ctx, im.tx, "notes", "notes_fts_ai",
			`INSERT INTO notes_fts (rowid, title, body) SELECT id, title, body FROM notes WHERE id > ?`); err != nil {
			return err
		}
	}
	if s.rebuild == nil && s.newNotes >= bulkDealsMin && s.newNotes >= len(s.stored) {
		if s.rebuild, err = suspendSchema(im.ctx, im.tx, "notes_competitor"); err != nil {
			return err
		}
	}
	for k, n := range part.Notes {
		i := first + k
		if err := n.Validate(); err != nil {
			return recErr(model.KindNotes, i, err)
		}
		cid, err := resolve(s.comps, "competitor", "competitor", n.Competitor)
		if err != nil {
			return recErr(model.KindNotes, i, err)
		}
		if j := unique(s.seen, n.Competitor+"\x00"+n.Date.String()+"\x00"+n.Title, i); j >= 0 {
			return recErr(model.KindNotes, i, &model.FieldError{Field: "title", Msg: fmt.Sprintf("the same competitor, date and title are used by notes[%d]", j)})
		}
		if _, ok := s.stored[s.storedKey(n)]; !ok {
			s.fresh.add(cid, n.Date.String(), n.Title, n.Body, n.Source, encodeList(n.Tags))
			im.rep.Kinds[model.KindNotes].add(inserted)
			s.created.add(n.Competitor, noteKey(n))
			if s.fresh.full() {
				if err := s.fresh.flushFull(); err != nil {
					return recErr(model.KindNotes, i, err)
				}
			}
			continue
		}
		if err := im.record(model.KindNotes, i, model.ChangeNote, n.Competitor, noteKey(n), n, func() (change, error) { return upsertNote(im.ctx, im.q, n, cid) }); err != nil {
			return err
		}
	}
	return nil
}

func (s *noteStep) finish() error {
	if !s.begun {
		return nil
	}
	defer s.fresh.close()
	if err := s.fresh.flush(); err != nil {
		return err
	}
	if err := s.im.log.bulk(model.ChangeNote, s.created); err != nil {
		return err
	}
	// On an error the whole transaction rolls back, the trigger and index with it.
	for _, f := range []func() error{s.rebuild, s.restore} {
		if f != nil {
			if err := f(); err != nil {
				return err
			}
		}
	}
	return nil
}

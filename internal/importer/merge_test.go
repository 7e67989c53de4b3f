package importer

import (
	"testing"

	"github.com/rivals-app/rivals/model"
)

// fixedLocator locates every error at a fixed place, naming the record.
type fixedLocator struct{}

func (fixedLocator) LocateError(kind string, i int, err error) error {
	return &Problem{File: "one.json", Msg: kind + " " + string(rune('0'+i)) + ": " + err.Error()}
}

func TestMergeOfOneFileUsesItsListsAsTheyAre(t *testing.T) {
	cat := model.Catalog{
		Competitors: []model.Competitor{{Slug: "acme", Name: "Acme"}, {Slug: "zeta", Name: "Zeta"}},
		Support:     []model.Support{{Competitor: "acme", Feature: "sso", Level: model.LevelYes}, {Competitor: "zeta", Feature: "sso", Level: model.LevelNo}},
	}
	m, errs := Merge([]Part{{Catalog: cat, Locator: fixedLocator{}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if &m.Catalog.Support[0] != &cat.Support[0] || &m.Catalog.Competitors[0] != &cat.Competitors[0] {
		t.Error("the records of the one file were copied")
	}
	if m.Catalog.Version != model.CatalogVersion {
		t.Errorf("version %d", m.Catalog.Version)
	}
	if got := m.LocateError(model.KindSupport, 1, &model.FieldError{Field: "level", Msg: "bad"}).Error(); got != "one.json: support 1: level: bad" {
		t.Errorf("LocateError = %q", got)
	}
	// A file that gives one cell twice, the same way, is joined as before: the cell is kept once.
	cat.Support = append(cat.Support, cat.Support[0])
	m, errs = Merge([]Part{{Catalog: cat, Locator: fixedLocator{}}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(m.Catalog.Support) != 2 {
		t.Errorf("%d cells after joining a repeated one, want 2", len(m.Catalog.Support))
	}
}

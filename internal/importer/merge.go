package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// Locator maps a record of a file's catalog back to its place in the file. *Result is one; so
// is the index the catalog package builds for JSON files.
type Locator interface {
	LocateError(kind string, i int, err error) error
}

// Part is one file of a run: the catalog read from it and its locator.
type Part struct {
	Catalog model.Catalog
	Locator Locator
}

// ref is where a merged record came from: a part and the record's index there.
type ref struct{ part, index int }

// obsRef is where a merged plan's observation came from.
type obsRef struct{ part, plan, obs int }

// Merged is the catalog of several files as one, remembering where each record came from so an
// error the store reports about record i of a kind can be traced to its file, line and column.
type Merged struct {
	Catalog model.Catalog
	parts   []Part
	refs    map[string][]ref
	keys    map[string]map[string]int // kind → natural key → merged index
	obs     [][]obsRef                // for each merged plan, where each observation came from
	errs    []error
	// single is set when the merged catalog is the one part's, as it is: record i of a kind
	// is that part's record i.
	single bool
}

// firstHere is the message of the error located at the first of two records with one key.
const firstHere = "first given here"

// Merge joins parts in order. A record given by two files (same natural key) is kept once when
// both say the same thing and is an error otherwise; a plan's price observations from several
// files are joined into one plan.
func Merge(parts []Part) (*Merged, []error) {
	if len(parts) == 1 && !repeatsKeys(parts[0].Catalog) {
		// One file whose records all have keys of their own has nothing to join: its lists
		// are used as they are rather than copied (a large catalog's are hundreds of MB).
		cat := parts[0].Catalog
		cat.Version = model.CatalogVersion
		return &Merged{Catalog: cat, parts: parts, single: true}, nil
	}
	m := &Merged{Catalog: model.Catalog{Version: model.CatalogVersion}, parts: parts, refs: map[string][]ref{}, keys: map[string]map[string]int{}}
	m.presize(parts)
	// Deals are the big list of a large CRM import. A file's own deals have distinct refs (its
	// reader checks), so when only one file has deals they are taken as they are.
	deals, with := 0, 0
	for _, part := range parts {
		deals += len(part.Catalog.Deals)
		with += min(len(part.Catalog.Deals), 1)
	}
	m.Catalog.Deals = make([]model.Deal, 0, deals)
	m.refs[model.KindDeals] = make([]ref, 0, deals)
	if with > 1 {
		m.keys[model.KindDeals] = make(map[string]int, deals)
	}
	for p, part := range parts {
		c := part.Catalog
		for i, x := range c.Competitors {
			mergeInto(m, &m.Catalog.Competitors, model.KindCompetitors, x.Slug, p, i, x)
		}
		for i, x := range c.Features {
			mergeInto(m, &m.Catalog.Features, model.KindFeatures, x.Key, p, i, x)
		}
		for i, x := range c.Support {
			mergeInto(m, &m.Catalog.Support, model.KindSupport, cellKey(x.Competitor, x.Feature), p, i, x)
		}
		for i, x := range c.Plans {
			m.addPlan(p, i, x)
		}
		for i, x := range c.ReasonCodes {
			mergeInto(m, &m.Catalog.ReasonCodes, model.KindReasonCodes, x.Code, p, i, x)
		}
		if with == 1 {
			m.Catalog.Deals = append(m.Catalog.Deals, c.Deals...)
			for i := range c.Deals {
				m.refs[model.KindDeals] = append(m.refs[model.KindDeals], ref{p, i})
			}
		} else {
			for i, x := range c.Deals {
				mergeInto(m, &m.Catalog.Deals, model.KindDeals, x.Ref, p, i, x)
			}
		}
		for i, x := range c.Cards {
			mergeInto(m, &m.Catalog.Cards, model.KindCards, x.Competitor, p, i, x)
		}
		for i, x := range c.Notes {
			mergeInto(m, &m.Catalog.Notes, model.KindNotes, x.Competitor+" / "+x.Date.String()+" / "+x.Title, p, i, x)
		}
	}
	return m, m.errs
}

// presize makes room for every record of the parts at once: a large catalog's matrix would
// otherwise grow its lists and key maps many times over.
func (m *Merged) presize(parts []Part) {
	var n model.Catalog
	counts := map[string]int{}
	for _, part := range parts {
		c := part.Catalog
		counts[model.KindCompetitors] += len(c.Competitors)
		counts[model.KindFeatures] += len(c.Features)
		counts[model.KindSupport] += len(c.Support)
		counts[model.KindPlans] += len(c.Plans)
		counts[model.KindReasonCodes] += len(c.ReasonCodes)
		counts[model.KindCards] += len(c.Cards)
		counts[model.KindNotes] += len(c.Notes)
	}
	for kind, c := range counts {
		if kind != model.KindDeals && c > 0 {
			m.keys[kind] = make(map[string]int, c)
			m.refs[kind] = make([]ref, 0, c)
		}
	}
	n.Competitors = withRoom[model.Competitor](counts[model.KindCompetitors])
	n.Features = withRoom[model.Feature](counts[model.KindFeatures])
	n.Support = withRoom[model.Support](counts[model.KindSupport])
	n.Plans = withRoom[model.PricePlan](counts[model.KindPlans])
	n.ReasonCodes = withRoom[model.ReasonCode](counts[model.KindReasonCodes])
	n.Cards = withRoom[model.BattleCard](counts[model.KindCards])
	n.Notes = withRoom[model.IntelNote](counts[model.KindNotes])
	m.Catalog.Competitors, m.Catalog.Features, m.Catalog.Support = n.Competitors, n.Features, n.Support
	m.Catalog.Plans, m.Catalog.ReasonCodes, m.Catalog.Cards, m.Catalog.Notes = n.Plans, n.ReasonCodes, n.Cards, n.Notes
}

// withRoom is an empty list with room for n records, nil for none (as an empty kind stays).
func withRoom[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}

// seen returns the merged index of a record of kind with key, or records it as index next.
func (m *Merged) seen(kind, key string, next int, r ref) (int, bool) {
	keys := m.keys[kind]
	if keys == nil {
		keys = map[string]int{}
		m.keys[kind] = keys
	}
	if j, dup := keys[key]; dup {
		return j, true
	}
	keys[key] = next
	m.refs[kind] = append(m.refs[kind], r)
	return next, false
}

// mergeInto appends record i of part p to list unless a record with its key is there; that
// one must be equal.
func mergeInto[T any](m *Merged, list *[]T, kind, key string, p, i int, x T) {
	j, dup := m.seen(kind, key, len(*list), ref{p, i})
	if !dup {
		*list = append(*list, x)
		return
	}
	if !sameJSON((*list)[j], x) {
		m.conflict(kind, j, p, i, "", "", fmt.Sprintf("%s %q is also given, differently, at", kind, key))
	}
}

// conflict reports record i of part p as clashing with merged record j; firstField and
// field name the fields the clash is about in each ("" for the whole record).
func (m *Merged) conflict(kind string, j, p, i int, firstField, field, msg string) {
	where := strings.TrimSuffix(m.LocateError(kind, j, &model.FieldError{Field: firstField, Msg: firstHere}).Error(), ": "+firstHere)
	m.errs = append(m.errs, m.parts[p].Locator.LocateError(kind, i, &model.FieldError{Field: field, Msg: msg + " " + where}))
}

// addPlan merges a plan: a plan already given by an earlier file must have the same terms, and
// its observations join that plan's (an observation of the same date must be equal).
func (m *Merged) addPlan(p, i int, x model.PricePlan) {
	refs := make([]obsRef, len(x.Observations))
	for k := range refs {
		refs[k] = obsRef{p, i, k}
	}
	j, dup := m.seen(model.KindPlans, planKey(x.Competitor, x.Name), len(m.Catalog.Plans), ref{p, i})
	if !dup {
		x.Observations = slices.Clone(x.Observations)
		m.Catalog.Plans = append(m.Catalog.Plans, x)
		m.obs = append(m.obs, refs)
		return
	}
	have := &m.Catalog.Plans[j]
	terms := func(pl model.PricePlan) model.PricePlan { pl.Observations = nil; return pl }
	if !sameJSON(terms(*have), terms(x)) {
		m.conflict(model.KindPlans, j, p, i, "", "", fmt.Sprintf("plan %q of %s is also given, with other terms, at", x.Name, x.Competitor))
		return
	}
	for k, o := range x.Observations {
		e := slices.IndexFunc(have.Observations, func(h model.PriceObservation) bool { return h.ObservedAt == o.ObservedAt })
		switch {
		case e < 0:
			have.Observations = append(have.Observations, o)
			m.obs[j] = append(m.obs[j], refs[k])
		case !sameJSON(have.Observations[e], o):
			m.conflict(model.KindPlans, j, p, i, fmt.Sprintf("observations[%d].observed_at", e), fmt.Sprintf("observations[%d].observed_at", k),
				fmt.Sprintf("a different price on %s is also given at", o.ObservedAt))
		}
	}
}

// LocateError traces an error about record i of a kind of the merged catalog to its file.
func (m *Merged) LocateError(kind string, i int, err error) error {
	if m.single {
		return m.parts[0].Locator.LocateError(kind, i, err)
	}
	refs := m.refs[kind]
	if i < 0 || i >= len(refs) {
		return err
	}
	var fe *model.FieldError
	if kind == model.KindPlans && errors.As(err, &fe) {
		if k, rest, ok := observationField(fe.Field); ok && i < len(m.obs) && k < len(m.obs[i]) {
			o := m.obs[i][k]
			field := fmt.Sprintf("observations[%d]", o.obs)
			if rest != "" {
				field += "." + rest
			}
			return m.parts[o.part].Locator.LocateError(kind, o.plan, &model.FieldError{Field: field, Msg: fe.Msg})
		}
	}
	r := refs[i]
	return m.parts[r.part].Locator.LocateError(kind, r.index, err)
}

// repeatsKeys reports whether two records of a kind in cat have the natural key Merge joins
// them by (deals aside: Merge joins those only across files).
func repeatsKeys(cat model.Catalog) bool {
	return repeats(cat.Competitors, func(x model.Competitor) string { return x.Slug }) ||
		repeats(cat.Features, func(x model.Feature) string { return x.Key }) ||
		repeats(cat.Support, func(x model.Support) string { return cellKey(x.Competitor, x.Feature) }) ||
		repeats(cat.Plans, func(x model.PricePlan) string { return planKey(x.Competitor, x.Name) }) ||
		repeats(cat.ReasonCodes, func(x model.ReasonCode) string { return x.Code }) ||
		repeats(cat.Cards, func(x model.BattleCard) string { return x.Competitor }) ||
		repeats(cat.Notes, func(x model.IntelNote) string { return x.Competitor + " / " + x.Date.String() + " / " + x.Title })
}

// repeats reports whether two records of list have the same key.
func repeats[T any](list []T, key func(T) string) bool {
	seen := make(map[string]struct{}, len(list))
	for _, x := range list {
		k := key(x)
		if _, dup := seen[k]; dup {
			return true
		}
		seen[k] = struct{}{}
	}
	return false
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

package importer

import (
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// known indexes what a file's names are matched against: the records of Options.Existing and
// those the file itself creates.
type known struct {
	comps   map[string]model.Competitor // slug → competitor
	compBy  map[string]string           // folded slug or name → slug
	feats   map[string]model.Feature    // key → feature
	featBy  map[string]string           // folded key or name → key
	reasons map[string]model.ReasonCode // code → reason code
	reasBy  map[string]string           // folded code or label → code
	plans   map[string]model.PricePlan  // planKey → plan
	// support maps cellKey → cell, built from cells the first time a matrix asks (see cell):
	// a catalog's matrix is the largest list, and only a matrix file needs it.
	support map[string]model.Support
	cells   []model.Support
}

func newKnown(c model.Catalog) *known {
	k := &known{
		comps: map[string]model.Competitor{}, compBy: map[string]string{},
		feats: map[string]model.Feature{}, featBy: map[string]string{},
		reasons: map[string]model.ReasonCode{}, reasBy: map[string]string{},
		plans: map[string]model.PricePlan{}, cells: c.Support,
	}
	for _, x := range c.Competitors {
		k.addCompetitor(x)
	}
	for _, x := range c.Features {
		k.addFeature(x)
	}
	for _, x := range c.ReasonCodes {
		k.addReason(x)
	}
	for _, p := range c.Plans {
		k.addPlan(p)
	}
	return k
}

// cell returns the known cell of a competitor and feature.
func (k *known) cell(slug, feature string) (model.Support, bool) {
	if k.support == nil {
		k.support = make(map[string]model.Support, len(k.cells))
		for _, s := range k.cells {
			k.support[cellKey(s.Competitor, s.Feature)] = s
		}
	}
	s, ok := k.support[cellKey(slug, feature)]
	return s, ok
}

// fold is how names are compared: case and surrounding space ignored, inner runs of space as one.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func planKey(slug, name string) string    { return slug + "\x00" + fold(name) }
func cellKey(slug, feature string) string { return slug + "\x00" + feature }

func (k *known) addCompetitor(c model.Competitor) {
	k.comps[c.Slug] = c
	k.compBy[c.Slug] = c.Slug
	for _, n := range []string{fold(c.Name), model.Slugify(c.Name)} {
		if _, taken := k.compBy[n]; !taken && n != "" {
			k.compBy[n] = c.Slug
		}
	}
}

// competitor finds a competitor by slug or name, ignoring case ("Ostra CX", "ostra-cx").
func (k *known) competitor(name string) (model.Competitor, bool) {
	slug, ok := k.compBy[fold(name)]
	if !ok {
		slug, ok = k.compBy[model.Slugify(name)]
	}
	if !ok {
		return model.Competitor{}, false
	}
	return k.comps[slug], true
}

func (k *known) addFeature(f model.Feature) {
	k.feats[f.Key] = f
	k.featBy[f.Key] = f.Key
	for _, n := range []string{fold(f.Name), model.Slugify(f.Name)} {
		if _, taken := k.featBy[n]; !taken && n != "" {
			k.featBy[n] = f.Key
		}
	}
}

// feature finds a feature by key or name, ignoring case.
func (k *known) feature(name string) (model.Feature, bool) {
	key, ok := k.featBy[fold(name)]
	if !ok {
		key, ok = k.featBy[model.Slugify(name)]
	}
	if !ok {
		return model.Feature{}, false
	}
	return k.feats[key], true
}

func (k *known) addReason(r model.ReasonCode) {
	k.reasons[r.Code] = r
	k.reasBy[r.Code] = r.Code
	for _, n := range []string{fold(r.Label), model.ReasonCodeOf(r.Label)} {
		if _, taken := k.reasBy[n]; !taken && n != "" {
			k.reasBy[n] = r.Code
		}
	}
}

// reason finds a reason code by code or label, ignoring case ("Price", "price", "PRICE").
func (k *known) reason(text string) (model.ReasonCode, bool) {
	code, ok := k.reasBy[fold(text)]
	if !ok {
		code, ok = k.reasBy[model.ReasonCodeOf(text)]
	}
	if !ok {
		return model.ReasonCode{}, false
	}
	return k.reasons[code], true
}

func (k *known) addPlan(p model.PricePlan) {
	k.plans[planKey(p.Competitor, p.Name)] = p
}

// featureKey derives a feature key from a name: "SSO / SAML" gives "sso-saml".
func featureKey(name string) string { return model.Slugify(name) }

// listedNames explains why a new competitor may not be named name when the name is plainly a
// list of several ("ostra-cx; loopdesk", or "Harborline, Replyfox" when both are known): such a
// cell names competitors, it is never one new competitor. It returns "" for a fine name.
func (k *known) listedNames(name string) string {
	if strings.Contains(name, ";") {
		return fmt.Sprintf("%q is a list (separated by \";\"), not one competitor's name; give one competitor per row", name)
	}
	for _, sep := range []string{",", "/", "|", " & ", " and "} {
		parts := strings.Split(name, sep)
		if len(parts) < 2 {
			continue
		}
		known := 0
		for _, p := range parts {
			if _, ok := k.competitor(strings.TrimSpace(p)); ok {
				known++
			}
		}
		if known == len(parts) {
			return fmt.Sprintf("%q names %d known competitors (separated by %q), not one new competitor; give one competitor per row", name, known, strings.TrimSpace(sep))
		}
	}
	return ""
}

package model

import "sort"

// Credit is what a support level is worth in a coverage score: yes 1, partial ½, anything
// else (no, roadmap, unknown) 0. Roadmap earns nothing because it cannot be sold today.
func Credit(l Level) float64 {
	switch l {
	case LevelYes:
		return 1
	case LevelPartial:
		return 0.5
	}
	return 0
}

// Score is a weighted coverage score: Earned out of Possible weight points.
type Score struct {
	Earned   float64 `json:"earned"`
	Possible float64 `json:"possible"`
}

// Ratio returns Earned/Possible in [0, 1], or 0 when nothing is possible.
func (s Score) Ratio() float64 {
	if s.Possible == 0 {
		return 0
	}
	return s.Earned / s.Possible
}

// Matrix is a side-by-side comparison: products (the first is the baseline, normally our own)
// against features, with each product's cell per feature. A missing cell is unknown.
type Matrix struct {
	Products []Competitor
	Features []Feature
	// Cells maps product slug → feature key → cell.
	Cells map[string]map[string]Support
}

// Cell returns a product's support for a feature (unknown when none is recorded).
func (m Matrix) Cell(slug, feature string) Support {
	if c, ok := m.Cells[slug][feature]; ok {
		return c
	}
	return Support{Competitor: slug, Feature: feature, Level: LevelUnknown}
}

// Level returns a product's support level for a feature.
func (m Matrix) Level(slug, feature string) Level { return m.Cell(slug, feature).Level }

// Differs reports whether the products do not all have the same level for a feature.
func (m Matrix) Differs(feature string) bool {
	for _, p := range m.Products[1:] {
		if m.Level(p.Slug, feature) != m.Level(m.Products[0].Slug, feature) {
			return true
		}
	}
	return false
}

// ProductScore is one product's weighted coverage, overall and per category.
type ProductScore struct {
	Slug       string           `json:"slug"`
	Overall    Score            `json:"overall"`
	ByCategory map[string]Score `json:"by_category"`
}

// Scores computes each product's weighted coverage: the sum over features of weight × credit,
// out of the sum of weights. Features of weight 0 do not count.
func (m Matrix) Scores() []ProductScore {
	out := make([]ProductScore, len(m.Products))
	for i, p := range m.Products {
		ps := ProductScore{Slug: p.Slug, ByCategory: map[string]Score{}}
		for _, f := range m.Features {
			if f.Weight <= 0 {
				continue
			}
			w := float64(f.Weight)
			earned := w * Credit(m.Level(p.Slug, f.Key))
			ps.Overall.Earned += earned
			ps.Overall.Possible += w
			c := ps.ByCategory[f.Category]
			c.Earned += earned
			c.Possible += w
			ps.ByCategory[f.Category] = c
		}
		out[i] = ps
	}
	return out
}

// HeadToHead counts, for the baseline against one rival, the scored features where the
// baseline's credit is higher (Wins), lower (Losses) or equal (Ties).
type HeadToHead struct {
	Rival  string `json:"rival"`
	Wins   int    `json:"wins"`
	Losses int    `json:"losses"`
	Ties   int    `json:"ties"`
}

// Outcome compares the baseline with a rival on one feature: +1 the baseline wins, -1 it
// loses, 0 a tie.
func (m Matrix) Outcome(rival, feature string) int {
	ours := Credit(m.Level(m.Products[0].Slug, feature))
	theirs := Credit(m.Level(rival, feature))
	switch {
	case ours > theirs:
		return 1
	case ours < theirs:
		return -1
	}
	return 0
}

// HeadToHeads compares the baseline (first product) with every other product, feature by
// feature, over features with a weight.
func (m Matrix) HeadToHeads() []HeadToHead {
	var out []HeadToHead
	for _, p := range m.Products[1:] {
		h := HeadToHead{Rival: p.Slug}
		for _, f := range m.Features {
			if f.Weight <= 0 {
				continue
			}
			switch m.Outcome(p.Slug, f.Key) {
			case 1:
				h.Wins++
			case -1:
				h.Losses++
			default:
				h.Ties++
			}
		}
		out = append(out, h)
	}
	return out
}

// MatrixFilter selects the rows of a comparison.
type MatrixFilter struct {
	// DiffOnly keeps features where the products' levels are not all the same.
	DiffOnly bool
	// Category keeps one category ("" keeps all).
	Category string
	// WeLose keeps features where some rival beats the baseline; WeWin where the baseline
	// beats some rival. Both set keeps either.
	WeLose, WeWin bool
}

// Filter returns the comparison restricted to the features f keeps; products are unchanged.
func (m Matrix) Filter(f MatrixFilter) Matrix {
	out := m
	out.Features = nil
	for _, feat := range m.Features {
		if f.Category != "" && feat.Category != f.Category {
			continue
		}
		if f.DiffOnly && !m.Differs(feat.Key) {
			continue
		}
		if f.WeLose || f.WeWin {
			lose, win := false, false
			for _, p := range m.Products[1:] {
				switch m.Outcome(p.Slug, feat.Key) {
				case 1:
					win = true
				case -1:
					lose = true
				}
			}
			if !(f.WeLose && lose) && !(f.WeWin && win) {
				continue
			}
		}
		out.Features = append(out.Features, feat)
	}
	return out
}

// Categories returns the distinct categories of the features, in feature order.
func (m Matrix) Categories() []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range m.Features {
		if !seen[f.Category] {
			seen[f.Category] = true
			out = append(out, f.Category)
		}
	}
	return out
}

// NewMatrix builds a comparison of products (baseline first) over features, ordered by
// category then name, from the cells of all products.
func NewMatrix(products []Competitor, features []Feature, cells []Support) Matrix {
	m := Matrix{Products: products, Cells: map[string]map[string]Support{}}
	m.Features = append([]Feature(nil), features...)
	sort.SliceStable(m.Features, func(i, j int) bool {
		if m.Features[i].Category != m.Features[j].Category {
			return m.Features[i].Category < m.Features[j].Category
		}
		return m.Features[i].Name < m.Features[j].Name
	})
	wanted := map[string]bool{}
	for _, p := range products {
		wanted[p.Slug] = true
		m.Cells[p.Slug] = map[string]Support{}
	}
	for _, c := range cells {
		if wanted[c.Competitor] {
			m.Cells[c.Competitor][c.Feature] = c
		}
	}
	return m
}

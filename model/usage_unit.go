package model

import (
	"cmp"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// UsageUnit is what a usage figure counts, read from a plan's unit text: "1k tickets" is
// blocks of Per = 1,000 of the Noun "ticket". Two units measure the same thing when their
// nouns are equal; a figure in one converts to the other by the ratio of their Per.
type UsageUnit struct {
	// Per is how many of Noun one unit stands for: 1,000 for "1k tickets", 1 for "AI resolution".
	Per int64
	// Noun is the singular, lower-case thing counted: "ticket", "ai resolution".
	Noun string
	// Name is the noun as written, in the plural, for sentences: "tickets", "AI resolutions".
	Name string
}

// ParseUsageUnit reads a plan's unit: an optional leading count with a k or m suffix ("1k",
// "10k", "1M", "1,000", "100") and the thing counted. Text it cannot read is a noun of its own,
// so it only ever matches itself. The empty unit reads as "unit".
func ParseUsageUnit(s string) UsageUnit {
	fields := strings.Fields(s)
	per := int64(1)
	if len(fields) > 1 {
		if n, ok := parseUnitCount(fields[0]); ok {
			per, fields = n, fields[1:]
		}
	}
	name := strings.Join(fields, " ")
	if name == "" {
		name = "unit"
	}
	return UsageUnit{Per: per, Noun: singular(strings.ToLower(name)), Name: pluralUnit(name)}
}

// String is the unit as one block of it is said: "1k tickets", "AI resolution".
func (u UsageUnit) String() string {
	if u.Per == 1 {
		return u.Name
	}
	return formatUnitCount(u.Per) + " " + u.Name
}

// parseUnitCount reads "1k", "10K", "1m", "1,000" or "250" as a positive count.
func parseUnitCount(s string) (int64, bool) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1_000, s[:len(s)-1]
	case strings.HasSuffix(s, "m"), strings.HasSuffix(s, "M"):
		mult, s = 1_000_000, s[:len(s)-1]
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	if err != nil || n < 1 || n > MaxQuoteUsage/mult {
		return 0, false
	}
	return n * mult, true
}

// formatUnitCount writes a block size the short way: 1000 → "1k", 2500 → "2,500".
func formatUnitCount(n int64) string {
	switch {
	case n%1_000_000 == 0:
		return strconv.FormatInt(n/1_000_000, 10) + "M"
	case n%1_000 == 0:
		return strconv.FormatInt(n/1_000, 10) + "k"
	}
	return FormatCount(n)
}

// singular drops a plural ending from the last word, so "tickets" and "ticket" are one noun.
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "ss"):
		return s
	case strings.HasSuffix(s, "s") && len(s) > 2:
		return s[:len(s)-1]
	}
	return s
}

// usesUsage reports whether a plan's price depends on the usage figure.
func usesUsage(p PricePlan) bool {
	return p.Model == ModelUsage || p.Model == ModelTiered
}

// UsageUnits lists the things the products' usage-priced plans count, each once, in the order
// a usage figure should default to: our product's first, then the most used, then catalog
// order. Each is named at one of it ("tickets", not "1k tickets"), so a figure typed in it
// converts to every plan counting the same thing. Add-ons are left out: no cost counts them.
func UsageUnits(products []Competitor, plans map[string][]PricePlan) []string {
	type seen struct {
		name        string
		self, count int
		first       int
	}
	byNoun := map[string]*seen{}
	var order []*seen
	for _, c := range products {
		for _, p := range plans[c.Slug] {
			if !usesUsage(p) || p.AddOn {
				continue
			}
			u := ParseUsageUnit(p.Unit)
			s := byNoun[u.Noun]
			if s == nil {
				s = &seen{name: u.Name, first: len(order)}
				byNoun[u.Noun] = s
				order = append(order, s)
			}
			s.count++
			if c.IsSelf {
				s.self++
			}
		}
	}
	slices.SortStableFunc(order, func(a, b *seen) int {
		if c := cmp.Compare(b.self, a.self); c != 0 {
			return c
		}
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		return cmp.Compare(a.first, b.first)
	})
	out := make([]string, len(order))
	for i, s := range order {
		out[i] = s.name
	}
	return out
}

// planUsage converts the input's monthly usage into units of the plan over one of the plan's
// periods. It reports false, with a note saying why, when the plan counts something else; a
// figure that is not a whole number of the plan's blocks is rounded up to the next block.
func planUsage(p PricePlan, in QuoteInput) (*big.Int, string, bool) {
	usage := new(big.Int).SetInt64(in.Usage)
	if p.Period == PeriodYear {
		usage.Mul(usage, big.NewInt(12))
	}
	if in.UsageUnit == "" {
		return usage, "", true
	}
	from, to := ParseUsageUnit(in.UsageUnit), ParseUsageUnit(p.Unit)
	if from.Noun != to.Noun {
		return nil, "counts " + to.Name + ", not " + from.Name, false
	}
	if from.Per == to.Per {
		return usage, "", true
	}
	total := new(big.Int).Mul(usage, big.NewInt(from.Per))
	units, rest := new(big.Int).QuoRem(total, big.NewInt(to.Per), new(big.Int))
	given := FormatCount(in.Usage) + " " + from.Name
	if from.Per != 1 {
		given = FormatCount(in.Usage) + " × " + from.String()
	}
	if p.Period == PeriodYear {
		given = "12 × " + given
	}
	if rest.Sign() != 0 {
		units.Add(units, big.NewInt(1))
		return units, given + " billed as " + countOf(units) + " × " + to.String() + " (rounded up)", true
	}
	return units, given + " = " + countOf(units) + " × " + to.String(), true
}

// countOf writes a count with thousands separators.
func countOf(n *big.Int) string {
	if n.IsInt64() {
		return FormatCount(n.Int64())
	}
	return n.String()
}

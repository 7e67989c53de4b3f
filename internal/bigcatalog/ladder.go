package bigcatalog

// Scale is one rung of the ladder the scale benchmarks run: the large catalog's competitors
// and matrix with a given number of deals and notes.
type Scale struct {
	// Name labels the rung in benchmark names ("10k", "100k", "400k").
	Name string
	Options
}

// Ladder is the sizes start-up and the read commands are measured at, so their growth with
// deal count shows: 10,000, 100,000 and 400,000 deals and as many notes, each with the 1,000
// competitors and 500-feature matrix of Default.
func Ladder() []Scale {
	var out []Scale
	for _, r := range []struct {
		name string
		n    int
	}{{"10k", 10_000}, {"100k", 100_000}, {"400k", 400_000}} {
		o := Default()
		o.Deals, o.Notes = r.n, r.n
		out = append(out, Scale{Name: r.name, Options: o})
	}
	return out
}

// ReadScale is the catalog the read commands are measured on: 500,000 deals among 1,000
// competitors, with the default matrix and notes.
func ReadScale() Options {
	o := Default()
	o.Deals = 500_000
	return o
}

// WideMatrix is the catalog a comparison of two products over a 5,000-feature matrix is
// measured on: 50 competitors, so the matrix stays at 250,000 cells, and few deals.
func WideMatrix() Options {
	return Options{Competitors: 50, Features: 5000, Deals: 1000, Notes: 1000, Seed: 1}
}

package importer

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// field is one thing a kind of file can hold, with the header names that mean it (normalized
// by normHeader), most preferred first.
type field struct {
	name  string
	names []string
}

// f builds a field from its name and header synonyms.
func f(name string, names ...string) field { return field{name: name, names: names} }

// Header synonyms shared by several kinds.
var (
	competitorNames = []string{"competitor", "competitors", "competitor(s)", "vendor", "vendors", "company", "product",
		"competitor name", "vendor name", "company name", "product name", "primary competitor", "competing vendor", "competing vendors", "competition"}
	dateNames   = []string{"date", "observed", "observed at", "observed on", "as of", "seen", "seen on", "checked", "checked on", "price date", "effective date", "effective"}
	sourceNames = []string{"source", "source url", "url", "link", "pricing page"}
	noteNames   = []string{"note", "notes", "comment", "comments", "remarks"}
)

// specs lists every kind's columns. Plain "name" means a competitor in a competitors file and
// a feature in a features or matrix file; "company" means a competitor everywhere but in deals,
// where CRM exports use it for the customer.
var specs = map[string][]field{
	KindCompetitors: {
		f("slug", "slug", "key", "handle", "competitor slug"),
		f("name", append([]string{"name"}, competitorNames[:11]...)...),
		f("website", "website", "web site", "url", "homepage", "site", "web"),
		f("positioning", "positioning", "tagline", "one liner", "oneliner", "description", "summary", "pitch"),
		f("segments", "segments", "segment", "market segment", "market segments", "target segment", "target segments", "markets"),
		f("headquarters", "headquarters", "hq", "hq location", "location", "based in"),
		f("founded", "founded", "year founded", "founded year", "founded in", "founding year"),
		f("size_band", "size band", "size", "company size", "employees", "employee count", "headcount", "number of employees"),
		f("threat", "threat", "threat level", "risk"),
		f("status", "status"),
		f("tags", "tags", "tag", "labels"),
		f("is_self", "is self", "self", "us", "ours", "our product", "is us", "own product"),
	},
	KindFeatures: featureFields,
	KindMatrix: append(slices.Clip(featureFields),
		f("competitor", competitorNames...),
		f("level", "level", "support", "supported", "support level", "availability", "value"),
		f("note", noteNames...),
		f("source", sourceNames...),
		f("verified_at", "verified", "verified at", "verified on", "last verified", "as of", "checked", "checked on"),
	),
	KindPlans: {
		f("competitor", competitorNames...),
		f("name", planNames...),
		f("model", "model", "pricing model", "pricing", "billing model", "charge model", "price model", "type"),
		f("currency", "currency", "currency code", "ccy"),
		f("period", "period", "billing period", "billing", "billed", "per", "interval", "billing cycle", "billing interval"),
		f("unit", "unit", "per unit", "pricing unit", "price unit", "metric"),
		f("min_seats", "min seats", "minimum seats", "min users", "minimum users", "seat minimum", "min"),
		f("max_seats", "max seats", "maximum seats", "max users", "maximum users", "up to", "seat limit", "max"),
		f("add_on", "add on", "addon", "is add on", "add on?"),
		f("included", "included", "includes", "what's included", "whats included", "highlights", "features"),
		f("source", sourceNames...),
		f("amount", priceNames...),
		f("observed_at", dateNames...),
		f("annual_discount_percent", "annual discount", "annual discount %", "annual discount percent", "yearly discount", "discount"),
		f("note", noteNames...),
	},
	KindPrices: {
		f("competitor", competitorNames...),
		f("name", planNames...),
		f("observed_at", dateNames...),
		f("amount", priceNames...),
		f("currency", "currency", "currency code", "ccy"),
		f("included_units", "included units", "included", "units included"),
		f("overage_amount", "overage", "overage amount", "overage price", "per extra unit"),
		f("annual_discount_percent", "annual discount", "annual discount %", "annual discount percent", "yearly discount", "discount"),
		f("source", sourceNames...),
		f("note", noteNames...),
	},
	KindDeals: {
		f("ref", "ref", "id", "opportunity id", "deal id", "record id", "opportunity", "opp id", "crm id", "hs object id", "opportunityid"),
		f("account", "account", "account name", "customer", "opportunity name", "company", "company name", "associated company", "deal name", "dealname", "client", "prospect", "name"),
		f("closed_at", "close date", "closed at", "closed", "closedate", "closed date", "closed on", "date", "close", "decision date"),
		f("outcome", "outcome", "stage", "won/lost", "won lost", "win/loss", "result", "deal stage", "dealstage", "status", "opportunity stage", "stagename", "stage name"),
		f("is_won", "iswon", "is won"),
		f("is_closed", "isclosed", "is closed"),
		f("competitors", "competitor", "competitors", "competitor(s)", "main competitor(s)", "main competitors", "maincompetitors", "primary competitor",
			"vendor", "vendors", "competing vendor", "competing vendors", "competition"),
		f("amount", "amount", "acv", "deal size", "value", "deal value", "arr", "annual contract value", "contract value", "tcv", "opportunity amount"),
		f("currency", "currency", "amount currency", "currency code", "opportunity currency", "deal currency", "currencyisocode", "currency iso code"),
		f("type", "type", "deal type", "dealtype", "opportunity type", "business type"),
		f("segment", "segment", "market segment", "customer segment"),
		f("region", "region", "territory", "geo", "sales region"),
		f("stage", "last stage", "stage reached", "furthest stage", "lost at stage"),
		f("reasons", "reasons", "reason", "win/loss reason", "win loss reason", "reason codes", "reason code"),
		f("win_reason", "win reason", "win reasons", "closed won reason", "won reason", "reason won"),
		f("loss_reason", "loss reason", "loss reasons", "closed lost reason", "lost reason", "reason lost"),
		f("primary_reason", "primary reason", "main reason"),
		f("quote", "quote", "buyer quote", "customer quote", "verbatim"),
		f("notes", noteNames...),
		f("source", "source", "record source"),
	},
	KindNotes: {
		f("competitor", competitorNames...),
		f("date", "date", "noted at", "noted on", "published", "published on", "seen", "seen on", "created", "created at"),
		f("title", "title", "headline", "subject", "summary"),
		f("body", "body", "text", "details", "content", "description", "note", "notes"),
		f("source", sourceNames...),
		f("tags", "tags", "tag", "labels", "topics"),
	},
}

var (
	featureFields = []field{
		f("key", "key", "feature key", "feature id", "id", "slug"),
		f("name", "feature", "features", "name", "feature name", "capability", "capabilities"),
		f("category", "category", "feature category", "group", "section", "area", "module"),
		f("description", "description", "details", "definition"),
		f("weight", "weight", "importance", "priority"),
	}
	planNames  = []string{"plan", "plan name", "tier", "edition", "package", "plan tier"}
	priceNames = []string{"amount", "price", "list price", "cost", "price per unit", "monthly price", "list"}
)

// expects says, for the unknown-kind message, which columns each kind needs.
var expects = []struct{ kind, cols string }{
	{KindCompetitors, "Name or Slug, then any of Website, Positioning, Segments, Headquarters, Founded, Size, Threat, Status, Tags"},
	{KindFeatures, "Feature or Key, then any of Category, Description, Weight"},
	{KindMatrix, "Feature (and optionally Category), then one column per product; or Competitor, Feature, Level"},
	{KindPlans, "Competitor, Plan, Model or Period, then any of Currency, Unit, Min Seats, Price, Date"},
	{KindPrices, "Competitor, Plan, Date, Amount, then any of Currency, Note, Source"},
	{KindDeals, "Outcome (or Stage), Close Date, Competitor, then any of Ref, Account, Amount, Currency, Reason, Win Reason, Loss Reason"},
	{KindNotes, "Competitor, Date, Title, then any of Body, Source, Tags"},
}

// normHeader folds a header for matching: lower case, a Salesforce custom field's "__c" suffix
// dropped, "_", "-", ".", ":" and "*" as spaces, runs of spaces as one. A trailing currency in parentheses ("Amount (EUR)") is split off and
// returned.
func normHeader(h string) (name, currency string) {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.TrimSuffix(h, "__c") // a Salesforce custom field's API name: MainCompetitors__c
	if open := strings.LastIndexByte(h, '('); open >= 0 && strings.HasSuffix(h, ")") {
		if code := strings.ToUpper(strings.TrimSpace(h[open+1 : len(h)-1])); model.ValidCurrency(code) {
			currency, h = code, h[:open]
		}
	}
	h = strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', '.', ':', '*', '\u00a0':
			return ' '
		}
		return r
	}, h)
	return strings.Join(strings.Fields(h), " "), currency
}

// columns is a header mapped onto a kind's fields.
type columns struct {
	idx    map[string]int // field → column
	unused []int          // columns that mean nothing for the kind
	// superseded are the unused columns that name a field another column names better
	// ("Deal Name" beside "Associated Company"): documented, so not worth a warning.
	superseded []int
	currency   map[int]string // column → currency named in its header
}

// col returns the column of a field, or -1.
func (c columns) col(field string) int {
	if i, ok := c.idx[field]; ok {
		return i
	}
	return -1
}

func (c columns) has(field string) bool { return c.col(field) >= 0 }

// mapColumns maps each header onto a field of kind. When two headers mean the same field the
// one with the more preferred name wins and the other is unused.
func mapColumns(kind string, header []string, mapping map[string]string) columns {
	c := columns{idx: map[string]int{}, currency: map[int]string{}}
	rank := map[string]int{}
	mapped := map[int]bool{}
	for fieldName, column := range mapping {
		fd, ok := mappedField(kind, fieldName)
		i := columnOf(header, column)
		if ok && i >= 0 {
			c.idx[fd], rank[fd], mapped[i] = i, -1, true
		}
	}
	for i, h := range header {
		name, cur := normHeader(h)
		if cur != "" {
			c.currency[i] = cur
		}
		if mapped[i] {
			continue
		}
		found := false
		for _, fd := range specs[kind] {
			r := slices.Index(fd.names, name)
			if r < 0 {
				continue
			}
			found = true
			if j, taken := c.idx[fd.name]; taken {
				if rank[fd.name] <= r {
					c.unused = append(c.unused, i)
					c.superseded = append(c.superseded, i)
					break
				}
				c.unused = append(c.unused, j)
				c.superseded = append(c.superseded, j)
			}
			c.idx[fd.name], rank[fd.name] = i, r
			break
		}
		if !found {
			c.unused = append(c.unused, i)
		}
	}
	slices.Sort(c.unused)
	return c
}

// mappedField finds the field of kind a --map names: its own name ("competitors", "closed_at") or
// any header name that means it ("competitor", "close date").
func mappedField(kind, name string) (string, bool) {
	n, _ := normHeader(name)
	for _, fd := range specs[kind] {
		if n == strings.ReplaceAll(fd.name, "_", " ") || slices.Contains(fd.names, n) {
			return fd.name, true
		}
	}
	return "", false
}

// columnOf finds the column whose header is column, matched as headers are (ignoring case,
// spaces and punctuation); -1 when there is none.
func columnOf(header []string, column string) int {
	want, _ := normHeader(column)
	for i, h := range header {
		if n, _ := normHeader(h); n == want && want != "" {
			return i
		}
	}
	return -1
}

// Fields lists the fields each kind of CSV file accepts, by kind, in the order of Kinds: what
// --map can name.
func Fields() map[string][]string {
	out := map[string][]string{}
	for _, k := range Kinds {
		for _, fd := range specs[k] {
			out[k] = append(out[k], fd.name)
		}
	}
	return out
}

// checkMapping refuses a --map whose column the file lacks, or whose field the file's kind
// lacks.
func checkMapping(file, kind string, header []string, mapping map[string]string) *Problem {
	for _, fieldName := range slices.Sorted(maps.Keys(mapping)) {
		column := mapping[fieldName]
		if columnOf(header, column) < 0 {
			return &Problem{File: file, Line: 1, Column: 1, Msg: fmt.Sprintf("--map %s=%s: the file has no column %q (its columns: %s)", fieldName, column, column, quoteList(header, 12))}
		}
		if kind != "" {
			if _, ok := mappedField(kind, fieldName); !ok {
				return &Problem{File: file, Line: 1, Column: 1, Msg: fmt.Sprintf("--map %s=%s: a %s file has no field %q (its fields: %s)", fieldName, column, kind, fieldName, strings.Join(Fields()[kind], ", "))}
			}
		}
	}
	return nil
}

// fits reports whether a header mapped onto a kind has what the kind needs to be recognized.
func fits(kind string, c columns) bool {
	switch kind {
	case KindCompetitors:
		return c.has("name") || c.has("slug")
	case KindFeatures:
		return c.has("name") || c.has("key")
	case KindMatrix:
		return c.has("competitor") && (c.has("name") || c.has("key")) && c.has("level")
	case KindPlans:
		return c.has("competitor") && c.has("name") && (c.has("model") || c.has("period"))
	case KindPrices:
		return c.has("competitor") && c.has("name") && c.has("amount")
	case KindDeals:
		return (c.has("outcome") || c.has("is_won")) && c.has("closed_at")
	case KindNotes:
		return c.has("competitor") && c.has("title") && c.has("date")
	}
	return false
}

// detectKind picks the kind whose columns explain the most of the header. wide reports how
// many columns of a features-like header hold matrix cells (see productColumns); a header with
// such columns is a wide matrix.
func detectKind(file string, header []string, wide int, mapping map[string]string) (string, error) {
	best, bestScore, tied := "", 0, []string{}
	for _, k := range Kinds {
		if k == KindMatrix && wide > 0 {
			continue // scored as features + product columns below
		}
		c := mapColumns(k, header, mapping)
		if !fits(k, c) {
			continue
		}
		score := len(header) - len(c.unused)
		if k == KindFeatures && wide > 0 {
			k, score = KindMatrix, score+wide
		}
		switch {
		case score > bestScore:
			best, bestScore, tied = k, score, []string{k}
		case score == bestScore:
			tied = append(tied, k)
		}
	}
	if len(tied) > 1 {
		var cols []string
		for _, e := range expects {
			if slices.Contains(tied, e.kind) {
				cols = append(cols, e.kind+": "+e.cols)
			}
		}
		return "", &Problem{File: file, Line: 1, Column: 1, Msg: fmt.Sprintf("the header fits %s equally well; pass --kind %s, or add the columns that tell them apart (%s)",
			strings.Join(tied, " and "), strings.Join(tied, " or --kind "), strings.Join(cols, "; "))}
	}
	if best == "" {
		return "", unknownKind(file, header)
	}
	if p := lookalike(file, header, best, bestScore, mapping); p != nil {
		return "", p
	}
	return best, nil
}

// lookalike refuses a detection that another kind would explain better: a header with more
// columns of another kind than of the one detected is that other kind with a column missing
// or misspelt (a deals file whose "Close Date" became "closing_dt" must not import as
// competitors). It returns nil when the detected kind is the best reading.
func lookalike(file string, header []string, detected string, score int, mapping map[string]string) *Problem {
	other, otherScore := "", score
	for _, k := range Kinds {
		if k == detected || k == KindMatrix || (detected == KindMatrix && k == KindFeatures) {
			continue
		}
		c := mapColumns(k, header, mapping)
		if n := len(header) - len(c.unused); n > otherScore {
			other, otherScore = k, n
		}
	}
	if other == "" {
		return nil
	}
	c := mapColumns(other, header, mapping)
	var found []string
	for i, h := range header {
		if !slices.Contains(c.unused, i) {
			found = append(found, h)
		}
	}
	return &Problem{File: file, Line: 1, Column: 1, Msg: fmt.Sprintf(
		"the header reads like %s (%s) but lacks %s, so it would import as %s with %d of its %d columns; fix the header, or pass --kind %s to import it as %s",
		kindArticle(other), quoteList(found, 6), strings.Join(missing(other, c), " and "), detected, score, len(header), detected, detected)}
}

// kindArticle names a kind of file in a sentence: "a deals file".
func kindArticle(kind string) string {
	return "a " + kind + " file"
}

// missing names what a header mapped onto kind lacks to be recognized as that kind.
func missing(kind string, c columns) []string {
	need := func(fields ...string) string {
		var names []string
		for _, fd := range specs[kind] {
			if slices.Contains(fields, fd.name) {
				names = append(names, fd.names[:min(3, len(fd.names))]...)
			}
		}
		label := map[string]string{"closed_at": "close date", "name": "name", "model": "pricing model or billing period", "amount": "price"}[fields[0]]
		if label == "" {
			label = strings.ReplaceAll(fields[0], "_", " ")
		}
		return fmt.Sprintf("a %s column (%s)", label, quoteList(names, 6))
	}
	var out []string
	switch kind {
	case KindCompetitors, KindFeatures:
		if !c.has("name") && !c.has("key") && !c.has("slug") {
			out = append(out, need("name"))
		}
	case KindPlans:
		for _, f := range []string{"competitor", "name"} {
			if !c.has(f) {
				out = append(out, need(f))
			}
		}
		if !c.has("model") && !c.has("period") {
			out = append(out, need("model", "period"))
		}
	case KindPrices:
		for _, f := range []string{"competitor", "name", "amount"} {
			if !c.has(f) {
				out = append(out, need(f))
			}
		}
	case KindDeals:
		for _, f := range []string{"outcome", "closed_at"} {
			if !c.has(f) {
				out = append(out, need(f))
			}
		}
	case KindNotes:
		for _, f := range []string{"competitor", "title", "date"} {
			if !c.has(f) {
				out = append(out, need(f))
			}
		}
	}
	if len(out) == 0 {
		out = append(out, "a column it needs")
	}
	return out
}

// unknownKind explains which columns each kind expects.
func unknownKind(file string, header []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "cannot tell what this file holds from its header (%s); pass --kind or name the columns as one of these kinds:", quoteList(header, 6))
	for i, e := range expects {
		if i > 0 {
			b.WriteString(";")
		}
		fmt.Fprintf(&b, " %s: %s", e.kind, e.cols)
	}
	return &Problem{File: file, Line: 1, Column: 1, Msg: b.String()}
}

// quoteList renders up to n items as "a", "b", … for messages.
func quoteList(items []string, n int) string {
	var parts []string
	for i, it := range items {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(items)-n))
			break
		}
		parts = append(parts, fmt.Sprintf("%q", it))
	}
	return strings.Join(parts, ", ")
}

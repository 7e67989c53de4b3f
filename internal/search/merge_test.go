package search

import (
	"slices"
	"strings"
	"testing"
)

// name, label and text build the hits each search hands to Merge, in its own order.
func name(kind, key, label, owner string, matched ...int) Found {
	return Found{Hit: Hit{Item: Item{Kind: kind, Key: key, Label: label}, Matched: matched}, Source: FromNames, Owner: owner}
}

func label(kind, key string, ref int, text, owner string, matched ...int) Found {
	return Found{Hit: Hit{Item: Item{Kind: kind, Key: key, Label: text, Ref: ref}, Matched: matched}, Source: FromLabels, Owner: owner}
}

func text(kind, key string, ref int, snippet, owner string) Found {
	return Found{Hit: Hit{Item: Item{Kind: kind, Key: key, Label: snippet, Ref: ref}}, Source: FromText, Owner: owner,
		Snippet: []string{snippet}}
}

// flat lists the merged results as "group: label", in order.
func flat(groups []Group) []string {
	var out []string
	for _, g := range groups {
		for _, r := range g.Results {
			out = append(out, g.Kind+": "+r.Item.Label)
		}
	}
	return out
}

func TestMergeRanksNamesAboveText(t *testing.T) {
	tests := []struct {
		name  string
		query string
		found []Found
		want  []string
	}{{
		name:  "sla lists the SLA features before notes and cards",
		query: "sla",
		found: []Found{
			label("note", "harborline", 1, "Harborline misses SLA on enterprise tickets", "Harborline"),
			label("card_item", "tidewell", 2, "Ask about their SLA credits", "Tidewell"),
			text("note", "caseCraft", 3, "…the SLA clause was…", "CaseCraft"),
			text("card", "harborline", 4, "…no SLA below…", "Harborline"),
			name("feature", "sla-policies", "SLA policies", ""),
			name("feature", "sla-reporting", "SLA reporting", ""),
		},
		want: []string{"feature: SLA policies", "feature: SLA reporting",
			"note: Harborline misses SLA on enterprise tickets", "note: …the SLA clause was…",
			"card: Ask about their SLA credits", "card: …no SLA below…"},
	}, {
		name:  "exact over prefix over word over substring over scattered over text",
		query: "port",
		found: []Found{
			text("note", "a", 1, "…port…", "A"),
			name("plan", "a", "Passport tier", "A"),
			name("feature", "f1", "Fast port", ""),
			name("feature", "f2", "Portals", ""),
			name("feature", "f3", "Port", ""),
			name("feature", "f4", "Export", ""),
		},
		want: []string{"feature: Port", "feature: Portals", "feature: Fast port", "feature: Export",
			"plan: Passport tier", "note: …port…"},
	}, {
		name:  "letters apart rank above long text when nothing matches as typed",
		query: "prt",
		found: []Found{
			text("note", "a", 1, "…prt…", "A"),
			name("tag", "b", "p-o-r-t", "B"),
		},
		want: []string{"competitor: p-o-r-t", "note: …prt…"},
	}, {
		name:  "a competitor's name from its start comes before its tag and a plan inside a word",
		query: "harb",
		found: []Found{
			name("tag", "tidewell", "harbour-ops", "Tidewell"),
			name("plan", "ostra", "Sharbot plan", "Ostra"),
			name("competitor", "harborline", "Harborline", ""),
			name("slug", "harborline", "harborline", "Harborline"),
		},
		want: []string{"competitor: Harborline", "competitor: harbour-ops", "plan: Sharbot plan"},
	}, {
		name:  "case and accents do not matter",
		query: "CAFÉ",
		found: []Found{name("feature", "x", "Le café", ""), name("feature", "y", "café", "")},
		want:  []string{"feature: café", "feature: Le café"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flat(Merge(tt.query, tt.found))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Merge(%q)\n got %q\nwant %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestMergeTiers(t *testing.T) {
	for _, tt := range []struct {
		query, label string
		want         Tier
	}{
		{"sla", "SLA", TierExact},
		{" sla ", "sla", TierExact},
		{"sla", "SLA policies", TierPrefix},
		{"sla", "Custom SLA rules", TierWord},
		{"sla", "Priority/SLA", TierWord},
		{"sla", "Translation", TierSubstring},
		{"sla", "Translation SLAs", TierWord}, // the second occurrence starts a word
		{"sla", "Self-learning agents", TierAcronym},
		{"sso", "SAML single sign-on", TierAcronym},
		{"cc", "CaseCraft", TierAcronym}, // a capital inside a word starts one
		{"soc", "SOC 2 Type II", TierPrefix},
		{"sla", "Social messaging", TierFuzzy},
		{"muller", "Müller GmbH", TierPrefix},
		{"café", "Cafe Nord", TierPrefix},
	} {
		groups := Merge(tt.query, []Found{name("feature", "k", tt.label, "")})
		if len(groups) != 1 || groups[0].Results[0].Tier != tt.want {
			t.Errorf("%q in %q: %+v, want tier %d", tt.query, tt.label, groups, tt.want)
		}
	}
	if got := Merge("x", []Found{text("note", "a", 1, "no x here", "A")}); got[0].Results[0].Tier != TierText {
		t.Errorf("full text ranks as %d", got[0].Results[0].Tier)
	}
}

func TestMergeListsEachRecordOnce(t *testing.T) {
	groups := Merge("harb", []Found{
		name("slug", "harborline", "harborline", "Harborline"),
		name("competitor", "harborline", "Harborline", ""),
		name("tag", "harborline", "harbor-ops", "Harborline"),
		label("note", "harborline", 7, "Harbor pricing", "Harborline"),
		text("note", "harborline", 7, "…Harbor…", "Harborline"),
		text("note", "harborline", 8, "…Harbor again…", "Harborline"),
		text("feature", "harbor-sync", 3, "…harbor…", "Harbor sync"),
		name("feature", "harbor-sync", "Harbor sync", ""),
	})
	got := flat(groups)
	want := []string{"competitor: Harborline", "feature: Harbor sync", "note: Harbor pricing", "note: …Harbor again…"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if c := groups[0].Results[0].Item.Kind; c != "competitor" {
		t.Errorf("the competitor is listed by its %s, not its name", c)
	}
}

func TestMergeDropsLettersApartOnlyWhenSomethingMatchesAsTyped(t *testing.T) {
	social := Found{Hit: Hit{Item: Item{Kind: "feature", Key: "social", Label: "Social messaging"}, Matched: []int{0, 4, 8}}, Source: FromNames}
	escalation := Found{Hit: Hit{Item: Item{Kind: "feature", Key: "esc", Label: "Escalation paths"}, Matched: []int{1, 4, 5}}, Source: FromNames}
	got := flat(Merge("sla", []Found{social, escalation, name("feature", "sla", "SLA policies", "")}))
	if want := []string{"feature: SLA policies"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := flat(Merge("sla", []Found{social, escalation})); !slices.Equal(got, []string{"feature: Social messaging", "feature: Escalation paths"}) {
		t.Errorf("with nothing closer: %q", got)
	}
}

func TestMergeDropsScatteredLetterMatchesInLabels(t *testing.T) {
	sentence := "Sales lead asked about response times"
	groups := Merge("sla", []Found{
		label("note", "a", 1, sentence, "A", 0, 2, 11), // S·a·l… l·e·a: three runs for one word
		label("note", "a", 2, "Slow art", "A", 0, 1, 5),
		name("feature", "f", "Sales lead scoring", "", 0, 2, 6), // a name is kept
	})
	if got, want := flat(groups), []string{"feature: Sales lead scoring", "note: Slow art"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMergeGroupsInOrderOfTheirBestResult(t *testing.T) {
	groups := Merge("renewal", []Found{
		text("card", "a", 1, "…renewal…", "A"),
		text("note", "a", 2, "…renewal…", "A"),
		text("note", "b", 3, "…renewal…", "B"),
		label("deal", "a", 4, "Renewal Co (D-1)", "A"),
		name("plan", "a", "Renewal saver", "A"),
	})
	var kinds []string
	for _, g := range groups {
		kinds = append(kinds, g.Kind+":"+strings.Repeat("x", len(g.Results)))
	}
	if want := []string{"plan:x", "deal:x", "card:x", "note:xx"}; !slices.Equal(kinds, want) {
		t.Errorf("groups %q, want %q", kinds, want)
	}
	if groups[3].More {
		t.Error("a group no search cut short says there are more")
	}
	limited := text("note", "c", 9, "…renewal…", "C")
	limited.Limited = true
	if g := Merge("renewal", []Found{limited}); !g[0].More {
		t.Error("a group a search cut short does not say there are more")
	}
	if Count(groups) != 5 {
		t.Errorf("Count = %d", Count(groups))
	}
	if Merge("  ", []Found{name("feature", "f", "x", "")}) != nil {
		t.Error("a blank query found something")
	}
}

func TestResultDescribeSaysWhatAndWhose(t *testing.T) {
	for _, tt := range []struct {
		found Found
		want  string
	}{
		{name("tag", "harborline", "enterprise-suite", "Harborline"), "tag enterprise-suite · Harborline"},
		{name("feature", "sla", "SLA policies", ""), "feature · SLA policies"},
		{name("competitor", "harborline", "Harborline", ""), "competitor · Harborline"},
		{name("slug", "harborline", "harborline", "Harborline"), "slug harborline · Harborline"},
		{name("plan", "tidewell", "Scale", "Tidewell"), "plan Scale · Tidewell"},
		{label("note", "tidewell", 1, "Price rise", "Tidewell"), "note Price rise · Tidewell"},
		{label("deal", "tidewell", 1, "Acme (D-7)", "Tidewell"), "deal Acme (D-7) · Tidewell"},
		{label("card_item", "tidewell", 1, "Ask about SLA", "Tidewell"), "card line Ask about SLA · Tidewell"},
		{text("card", "tidewell", 1, "…SLA…", "Tidewell"), "battle card …SLA… · Tidewell"},
		{text("feature", "sla", 1, "…credits…", "SLA policies"), "feature description …credits… · SLA policies"},
	} {
		r := Merge(tt.found.Item.Label, []Found{tt.found})[0].Results[0]
		before, after := r.Describe()
		if got := before + r.Item.Label + after; got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// BenchmarkMerge ranks what the palette gets for one keystroke at most: 10 names, 8 labels and
// 8 full-text hits of each of five kinds.
func BenchmarkMerge(b *testing.B) {
	var found []Found
	for i := range 10 {
		found = append(found, name("feature", strings.Repeat("k", i+1), "SLA feature number "+strings.Repeat("x", i), ""))
	}
	for i := range 8 {
		found = append(found, label("note", "harborline", i, "Harborline missed the SLA on ticket "+strings.Repeat("y", i), "Harborline"))
	}
	for _, kind := range []string{"note", "card", "card_item", "deal", "feature"} {
		for i := range 8 {
			found = append(found, text(kind, "tidewell", 100+i, "…the SLA clause was…", "Tidewell"))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Merge("sla", found)
	}
}

// Names matched as typed or by their initials come before labels; among them a feature or
// competitor before a tag, the closer tier first, and a match that ends with a word first.
func TestMergeRanksNamesByHowTheyMatch(t *testing.T) {
	got := flat(Merge("sso", []Found{
		label("note", "a", 1, "Scale sales calls: SSO and audit logs", "A"),
		name("tag", "a", "sso", "A"),
		name("feature", "saml", "SAML single sign-on", ""),
	}))
	if want := []string{"feature: SAML single sign-on", "competitor: sso", "note: Scale sales calls: SSO and audit logs"}; !slices.Equal(got, want) {
		t.Errorf("sso: got %q\nwant %q", got, want)
	}
	got = flat(Merge("soc", []Found{
		name("feature", "social", "Social messaging", ""),
		name("feature", "soc2", "SOC 2 Type II", ""),
	}))
	if want := []string{"feature: SOC 2 Type II", "feature: Social messaging"}; !slices.Equal(got, want) {
		t.Errorf("soc: got %q\nwant %q", got, want)
	}
	got = flat(Merge("on-prem", []Found{
		name("plan", "quillon", "On-Premises", "Quillon"),
		name("feature", "onprem", "On-premises deployment", ""),
		name("tag", "quillon", "on-prem", "Quillon"),
	}))
	if want := []string{"feature: On-premises deployment", "plan: On-Premises", "competitor: on-prem"}; !slices.Equal(got, want) {
		t.Errorf("on-prem: got %q\nwant %q", got, want)
	}
}

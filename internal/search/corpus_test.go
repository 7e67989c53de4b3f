package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
)

// A synthetic catalog for benchmarks: the kinds of short text the TUI's global search holds,
// generated deterministically from word lists with a fixed seed. About one label in ten holds
// non-ASCII text (accented account names, typographic quotes and dashes).

var (
	rivalHeads = strings.Fields("Harbor Bright Loop Ostra Zen Nimbus Tide Pulse Beacon Kite Summit " +
		"Quill Relay Cobalt Lumen Vertex Ember Nova Atlas Crest Drift Echo Fable Grove Helix Iris " +
		"Juniper Keel Lark Maple North Orbit Pine Quartz River Sable Trail Umber Vale Wren")
	rivalTails = strings.Fields("line desk ly hub flow deck works stack base point dock wise loop " +
		"cast scale forge grid mint path beam desk.io _CX Assist HQ Support")
	featureMods = strings.Fields("Custom Bulk Advanced Shared Automated Multi-brand Role-based " +
		"Real-time Scheduled Native Unlimited Granular Offline Embedded Guided Smart SLA-aware " +
		"Omnichannel Private Public")
	featureNouns = []string{"ticket routing", "SLA policies", "reporting", "SSO (SAML)", "API access",
		"webhooks", "knowledge base", "chat widget", "CSAT surveys", "macros", "audit log",
		"data export", "sandbox", "AI summaries", "voice channel", "SCIM provisioning",
		"custom fields", "dashboards", "approval flows", "email templates", "onboarding checklists",
		"rate limits", "field permissions", "price books", "renewal alerts"}
	tiers    = strings.Fields("Free Starter Team Growth Pro Business Enterprise Plus")
	periods  = []string{"monthly", "annual", "per seat", "per agent / month", "2-year"}
	accounts = []string{"Acme Logistics", "Globex", "Initech", "Umbrella Health", "Müller GmbH",
		"Société Générale Assurances", "Hooli", "Stark Freight", "Wayne Retail", "Tyrell Labs",
		"Kowalski & Søn", "Oceanic Air", "Soylent Foods", "Vandelay Imports", "Nakatomi Trading",
		"Cyberdyne", "Wonka Industries", "Duff Brewing", "Gringotts", "Ollivanders"}
	quotes = []string{"their SSO setup took weeks", "price increase at renewal was the dealbreaker",
		"API was missing webhooks we needed", "the chat widget felt dated", "support answered in minutes",
		"we could not justify the Enterprise tier", "migration from %s was painless",
		"reporting is weaker than %s", "AI summaries sold the exec team", "too many add-ons to price",
		"SCIM provisioning only on the top plan", "onboarding took a full quarter",
		"they discounted 30% to keep us", "legal blocked the data residency terms",
		"%s had better mobile apps", "the sandbox saved our rollout"}
	noteForms = []string{"%s raised prices on the %s plan", "%s launched %s", "%s price increase for %s tier",
		"Call notes: %s renewal Q%d", "%s is hiring for %s", "Win/loss: %s vs %s",
		"%s deprecates %s", "Analyst briefing: %s roadmap", "%s partners with %s",
		"Pricing page change at %s (%s)", "Rumour: %s layoffs", "%s outage postmortem"}
	cardForms = []string{"Why we win: faster %s than %s", "Landmine: ask %s about %s",
		"Objection: %s is cheaper — Response: total cost of %s", "Proof point: %s switched from %s",
		"Trap: %s charges extra for %s", "Talk track: %s migration in a week"}
)

// corpus is about 207,000 labels: 1,000 rivals (names and slugs), 500 features, 8,000 plans,
// 400 tags, 20,000 battle-card lines, 88,000 note titles and 88,000 deal quotes.
var corpus = sync.OnceValue(func() []Item {
	r := rand.New(rand.NewPCG(2024, 10))
	pick := func(words []string) string { return words[r.IntN(len(words))] }
	var items []Item
	add := func(kind, key, label string) {
		items = append(items, Item{Kind: kind, Key: key, Label: label, Ref: len(items)})
	}
	var rivals []string
	for _, h := range rivalHeads {
		for _, t := range rivalTails {
			name := h + t
			if t == "_CX" || t == "Assist" || t == "HQ" || t == "Support" {
				name = h + " " + strings.TrimPrefix(t, "_")
			}
			rivals = append(rivals, name)
			slug := strings.NewReplacer(" ", "-", ".", "-").Replace(strings.ToLower(name))
			add("competitor", slug, name)
			add("slug", slug, slug)
		}
	}
	var features []string
	for len(features) < 500 {
		features = append(features, pick(featureMods)+" "+pick(featureNouns))
	}
	for i, f := range features {
		add("feature", fmt.Sprint("f", i), f)
	}
	for _, rv := range rivals {
		for _, t := range r.Perm(len(tiers))[:8] {
			add("plan", rv, fmt.Sprintf("%s %s (%s)", rv, tiers[t], pick(periods)))
		}
	}
	for i := range 400 {
		add("tag", fmt.Sprint("t", i), fmt.Sprintf("%s-%s", strings.ToLower(pick(featureMods)), pick(tiers)))
	}
	fill := func(form string) string {
		args := []any{pick(rivals)}
		switch {
		case strings.Contains(form, "%d"):
			args = append(args, 1+r.IntN(4))
		case strings.Contains(form, " vs ") || strings.Contains(form, " from ") || strings.Contains(form, "partners"):
			args = append(args, pick(rivals))
		case strings.Count(form, "%s") == 2:
			args = append(args, strings.ToLower(pick(features)))
		}
		return fmt.Sprintf(form, args...)
	}
	for range 20000 {
		add("card", pick(rivals), fill(pick(cardForms)))
	}
	for range 88000 {
		add("note", pick(rivals), fill(pick(noteForms)))
	}
	for range 88000 {
		q := strings.Replace(pick(quotes), "%s", pick(rivals), 1)
		form := "%s: \"%s\""
		if r.IntN(8) == 0 {
			form = "%s: “%s”" // pasted with typographic quotes
		}
		add("deal", pick(rivals), fmt.Sprintf(form, pick(accounts), q))
	}
	return items
})

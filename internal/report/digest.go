package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// Digest topics, most important first: the order of a competitor's sentences.
const (
	TopicPrice    = "price"
	TopicCatalog  = "catalog"
	TopicMatrix   = "matrix"
	TopicWinRate  = "win rate"
	TopicIntel    = "intel"
	TopicCard     = "card"
	TopicPlan     = "plans"
	TopicOther    = "other"
	catalogHeader = "Catalog"
)

var topicOrder = []string{TopicPrice, TopicCatalog, TopicMatrix, TopicWinRate, TopicIntel, TopicCard, TopicPlan, TopicOther}

// Digest is what changed over a period, per competitor, in sentences.
type Digest struct {
	Since  time.Time     `json:"since"`
	Until  time.Time     `json:"until"`
	Groups []DigestGroup `json:"competitors"`
	// Counts is how many changes each author made in the period.
	Counts map[string]int `json:"changes_by_author,omitempty"`
}

// DigestGroup is one competitor's part of a digest ("" slug: the catalog as a whole).
type DigestGroup struct {
	Slug      string       `json:"slug,omitempty"`
	Name      string       `json:"name"`
	Sentences []DigestLine `json:"changes"`
}

// DigestLine is one sentence of a digest.
type DigestLine struct {
	Topic string `json:"topic"`
	Text  string `json:"text"`
}

// netChange is a record's change over the period: as it was before the first change and as
// it is after the last.
type netChange struct {
	first, last model.Change
}

// NewDigest sums up changes (newest first, as the history reads them) made in [since, until):
// each record's change over the period in one sentence, grouped per competitor, by importance.
// deals are every deal now stored, for the win-rate moves the period's new deals made.
func NewDigest(changes []model.Change, names ChangeNames, deals []model.Deal, since, until time.Time) Digest {
	d := Digest{Since: since, Until: until, Counts: map[string]int{}}
	type recKey struct {
		kind model.ChangeKind
		key  string
	}
	nets := map[recKey]*netChange{}
	var order []recKey
	for i := len(changes) - 1; i >= 0; i-- {
		ch := changes[i]
		d.Counts[ch.Author]++
		kind := ch.Kind
		if kind == model.ChangePrice {
			kind = model.ChangePlan
		}
		k := recKey{kind, ch.Key}
		if n, ok := nets[k]; ok {
			n.last = ch
			continue
		}
		nets[k] = &netChange{first: ch, last: ch}
		order = append(order, k)
	}
	groups := map[string]*DigestGroup{}
	add := func(slug, topic, text string) {
		g, ok := groups[slug]
		if !ok {
			name := catalogHeader
			if slug != "" {
				name = names.Competitor(slug)
			}
			g = &DigestGroup{Slug: slug, Name: termtext.Line(name)}
			groups[slug] = g
		}
		g.Sentences = append(g.Sentences, DigestLine{Topic: topic, Text: termtext.Line(text)})
	}
	newDeals := map[string]int{}
	imported := map[string]int{}
	for _, k := range order {
		n := nets[k]
		slug := n.last.Competitor
		if slug == "" {
			slug = n.first.Competitor
		}
		if n.first.Op == model.ChangeCreate && n.last.Op == model.ChangeDelete {
			continue // came and went within the period
		}
		if n.first.Op == model.ChangeCreate && n.last.New == nil && n.last.Op != model.ChangeDelete {
			// Created in bulk by an import: counted, not described one by one.
			if k.kind == model.ChangeDeal {
				newDeals[slug]++
			} else {
				imported[slug+"\x00"+string(k.kind)]++
			}
			continue
		}
		if k.kind == model.ChangeDeal && n.first.Op == model.ChangeCreate {
			newDeals[slug]++
			continue
		}
		topic, text := digestSentence(k.kind, n, names)
		if text != "" {
			add(slug, topic, text)
		}
	}
	for slug, count := range newDeals {
		add(slug, TopicWinRate, winRateMove(slug, count, deals, names))
	}
	for key, count := range imported {
		slug, kind, _ := strings.Cut(key, "\x00")
		add(slug, TopicOther, fmt.Sprintf("%d %s records imported.", count, kind))
	}
	for _, g := range groups {
		slices.SortStableFunc(g.Sentences, func(a, b DigestLine) int {
			return cmp.Compare(slices.Index(topicOrder, a.Topic), slices.Index(topicOrder, b.Topic))
		})
		d.Groups = append(d.Groups, *g)
	}
	// Competitors with the most important news first; the catalog as a whole last.
	slices.SortFunc(d.Groups, func(a, b DigestGroup) int {
		if (a.Slug == "") != (b.Slug == "") {
			if a.Slug == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(
			cmp.Compare(slices.Index(topicOrder, a.Sentences[0].Topic), slices.Index(topicOrder, b.Sentences[0].Topic)),
			cmp.Compare(len(b.Sentences), len(a.Sentences)),
			strings.Compare(a.Name, b.Name))
	})
	return d
}

// digestSentence words one record's change over the period.
func digestSentence(kind model.ChangeKind, n *netChange, names ChangeNames) (string, string) {
	ch := model.Change{Kind: kind, Op: n.last.Op, Competitor: n.last.Competitor, Key: n.last.Key, Old: n.first.Old, New: n.last.New}
	switch {
	case n.first.Op == model.ChangeCreate && n.last.Op != model.ChangeDelete:
		ch.Op = model.ChangeCreate
	case n.first.Op == model.ChangeDelete && n.last.Op != model.ChangeDelete:
		ch.Op = model.ChangeUpdate
	}
	if ch.Old != nil && ch.New != nil {
		ch.Fields = model.ChangedFields(ch.Old, ch.New)
		if len(ch.Fields) == 0 {
			return "", "" // changed and changed back
		}
	}
	switch kind {
	case model.ChangePlan:
		old, new, hasOld, hasNew := decodePair[model.PricePlan](ch)
		switch {
		case hasOld && hasNew:
			if text := priceSentence(old, new); text != "" {
				return TopicPrice, text
			}
			if slices.Equal(ch.Fields, []string{"observations"}) {
				return "", ""
			}
			return TopicPlan, fmt.Sprintf("Plan %s edited%s.", new.Name, fieldsSuffix(ch))
		case hasNew:
			s := "New plan " + new.Name
			if o, ok := new.Latest(); ok {
				s += " at " + ObservationPrice(new, o)
			}
			return TopicPrice, s + "."
		case hasOld:
			return TopicPrice, "Plan " + old.Name + " removed."
		}
	case model.ChangeCell:
		old, new, hasOld, hasNew := decodePair[model.Support](ch)
		feature := names.Feature(strings.TrimPrefix(ch.Key, ch.Competitor+"/"))
		switch {
		case hasOld && hasNew && old.Level == new.Level:
			return "", ""
		case hasOld && hasNew && new.Level == model.LevelYes:
			return TopicMatrix, fmt.Sprintf("Shipped %s (%s → yes).", feature, old.Level)
		case hasOld && hasNew:
			return TopicMatrix, fmt.Sprintf("%s: %s → %s.", feature, old.Level, new.Level)
		case hasNew:
			return TopicMatrix, fmt.Sprintf("%s: %s (new in the matrix).", feature, new.Level)
		case hasOld:
			return TopicMatrix, fmt.Sprintf("%s: no longer recorded (was %s).", feature, old.Level)
		}
	case model.ChangeCard:
		if ch.Op == model.ChangeUpdate {
			old, new, _, _ := decodePair[model.BattleCard](ch)
			return TopicCard, "Battle card edited: " + strings.Join(CardSectionsChanged(old, new), ", ") + "."
		}
		return TopicCard, "Battle card " + opWords(ch.Op, "written", "edited", "deleted") + "."
	case model.ChangeNote:
		var v model.IntelNote
		decodeEither(ch, &v)
		return TopicIntel, opWords(ch.Op, "New intel", "Intel edited", "Intel removed") + ": " + v.Title + " (" + v.Date.String() + ")."
	case model.ChangeCompetitor:
		return TopicCatalog, opWords(ch.Op, "Added to the catalog.", "Profile edited"+fieldsSuffix(ch)+".", "Removed from the catalog.")
	case model.ChangeFeature:
		name := names.Feature(ch.Key)
		var f model.Feature
		if decodeEither(ch, &f) && f.Name != "" {
			name = f.Name
		}
		return TopicCatalog, opWords(ch.Op, "New feature in the matrix: ", "Feature edited: ", "Feature removed: ") + name + fieldsSuffix(ch) + "."
	case model.ChangeFX:
		return TopicOther, opWords(ch.Op, "Exchange rate set: ", "Exchange rate set: ", "Exchange rate removed: ") + rateOf(ch) + "."
	case model.ChangeDeal:
		return TopicWinRate, "Deal " + ch.Key + " " + opWords(ch.Op, "logged", "edited", "deleted") + fieldsSuffix(ch) + "."
	}
	return TopicOther, ChangeSummary(ch, names) + "."
}

// priceSentence words a change of a plan's current price: "Raised Suite Growth from $79.00 to
// $89.00 per agent/month (+12.7%)."; "" when its current price did not change.
func priceSentence(old, new model.PricePlan) string {
	a, okA := old.Latest()
	b, okB := new.Latest()
	if !okA || !okB {
		return ""
	}
	x, ok1 := new.Headline(a)
	y, ok2 := new.Headline(b)
	if !ok1 || !ok2 || x == y {
		return ""
	}
	verb := "Raised"
	if y < x {
		verb = "Cut"
	}
	s := fmt.Sprintf("%s %s from %s to %s", verb, new.Name, ObservationBrief(new, a), ObservationPrice(new, b))
	if t, ok := model.ChangeTenths(x, y); ok {
		s += " (" + model.FormatPercentTenths(t) + ")"
	}
	return s + ", seen " + b.ObservedAt.String() + "."
}

// winRateMove words what the period's new deals did to the win rate against a competitor:
// "4 new deals (1 won, 3 lost): win rate 52.0% of 25 → 48.3% of 29."
func winRateMove(slug string, count int, deals []model.Deal, names ChangeNames) string {
	var all []model.Deal
	for _, d := range deals {
		if slices.Contains(d.Competitors, slug) {
			all = append(all, d)
		}
	}
	// The newest deals by close date stand for the period's; the history names them by ref,
	// but a digest only needs their count and outcomes.
	slices.SortStableFunc(all, func(a, b model.Deal) int { return a.ClosedAt.Compare(b.ClosedAt) })
	count = min(count, len(all))
	before := model.TallyDeals(all[:len(all)-count])
	fresh := model.TallyDeals(all[len(all)-count:])
	after := model.TallyDeals(all)
	deals1 := "deals"
	if count == 1 {
		deals1 = "deal"
	}
	s := fmt.Sprintf("%d new %s (%d won, %d lost", count, deals1, fresh.Won, fresh.Lost)
	if fresh.NoDecision > 0 {
		s += fmt.Sprintf(", %d no decision", fresh.NoDecision)
	}
	s += "): win rate " + before.RateText() + " → " + after.RateText()
	if fresh.Decided() < SmallSample {
		s += " (small sample: one deal more or less moves it a lot)"
	}
	return s + "."
}

// DigestText writes a digest as plain text.
func DigestText(w io.Writer, d Digest, loc *time.Location) error {
	return writeDigest(w, d, loc, false)
}

// DigestMarkdown writes a digest as Markdown, ready to paste into a weekly update.
func DigestMarkdown(w io.Writer, d Digest, loc *time.Location) error {
	return writeDigest(w, d, loc, true)
}

func writeDigest(w io.Writer, d Digest, loc *time.Location, md bool) error {
	var b strings.Builder
	title := fmt.Sprintf("What changed %s – %s", d.Since.In(loc).Format("2006-01-02"), d.Until.In(loc).Format("2006-01-02"))
	if md {
		fmt.Fprintf(&b, "# %s\n", title)
	} else {
		fmt.Fprintf(&b, "%s\n%s\n", title, strings.Repeat("=", len([]rune(title))))
	}
	if len(d.Groups) == 0 {
		b.WriteString("\nNothing changed.\n")
	}
	for _, g := range d.Groups {
		name := g.Name
		if md {
			name = mdEscape(name)
			fmt.Fprintf(&b, "\n## %s\n\n", name)
		} else {
			fmt.Fprintf(&b, "\n%s\n", name)
		}
		for _, s := range g.Sentences {
			text := s.Text
			if md {
				text = mdEscape(text)
			}
			if md {
				fmt.Fprintf(&b, "- %s\n", text)
			} else {
				fmt.Fprintf(&b, "  - %s\n", text)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DigestJSON writes a digest as JSON.
func DigestJSON(w io.Writer, d Digest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/rivals-app/rivals/internal/termtext"
	"github.com/rivals-app/rivals/model"
)

// ChangeNames resolves the slugs and keys changes name to what people call them; a record
// deleted since keeps its key.
type ChangeNames struct {
	Competitors map[string]string
	Features    map[string]string
}

// NewChangeNames indexes the catalog's competitor and feature names.
func NewChangeNames(comps []model.Competitor, feats []model.Feature) ChangeNames {
	n := ChangeNames{Competitors: map[string]string{}, Features: map[string]string{}}
	for _, c := range comps {
		n.Competitors[c.Slug] = c.Name
	}
	for _, f := range feats {
		n.Features[f.Key] = f.Name
	}
	return n
}

// Competitor names a competitor by slug.
func (n ChangeNames) Competitor(slug string) string {
	if name, ok := n.Competitors[slug]; ok {
		return name
	}
	return slug
}

// Feature names a feature by key.
func (n ChangeNames) Feature(key string) string {
	if name, ok := n.Features[key]; ok {
		return name
	}
	return key
}

// ChangeLine is one change on one line, newest-first lists' unit: "#42 2026-11-30 marta ·
// Harborline · price Suite Growth $79.00 → $89.00 per agent/month (+12.7%)". The date is
// shown in loc. The text is clean.
func ChangeLine(ch model.Change, n ChangeNames, loc *time.Location) string {
	who := termtext.Line(ch.Author)
	where := "catalog"
	if ch.Competitor != "" {
		where = n.Competitor(ch.Competitor)
	}
	return termtext.Line(fmt.Sprintf("#%d %s %s · %s · %s", ch.ID, ch.At.In(loc).Format("2006-01-02"), who, where, ChangeSummary(ch, n)))
}

// ChangeSummary says what a change did in a few words: "price Suite Growth $79.00 → $89.00
// per agent/month (+12.7%)", "Native voice partial → yes", "card: why they win +1".
func ChangeSummary(ch model.Change, n ChangeNames) string {
	s := changeWhat(ch, n)
	if ch.Reverts != 0 {
		s = fmt.Sprintf("undo of set %d: %s", ch.Reverts, s)
	}
	return termtext.Line(s)
}

func changeWhat(ch model.Change, n ChangeNames) string {
	switch ch.Kind {
	case model.ChangePrice, model.ChangePlan:
		return planChange(ch)
	case model.ChangeCell:
		return cellChange(ch, n)
	case model.ChangeCard:
		return "card: " + strings.Join(CardChanges(ch), ", ")
	case model.ChangeNote:
		var v model.IntelNote
		if !decodeEither(ch, &v) {
			// Created in bulk: the key, competitor/date/title, still names it.
			_, v.Title, _ = strings.Cut(strings.TrimPrefix(ch.Key, ch.Competitor+"/"), "/")
		}
		return opWords(ch.Op, "intel", "intel edited", "intel removed") + ": " + v.Title + fieldsSuffix(ch)
	case model.ChangeDeal:
		return dealChange(ch)
	case model.ChangeFeature:
		name := n.Feature(ch.Key)
		var v model.Feature
		if decodeEither(ch, &v) && v.Name != "" {
			name = v.Name
		}
		return opWords(ch.Op, "new feature", "feature edited", "feature removed") + " " + name + fieldsSuffix(ch)
	case model.ChangeCompetitor:
		return opWords(ch.Op, "added", "profile edited", "deleted") + fieldsSuffix(ch)
	case model.ChangeReason:
		return opWords(ch.Op, "new reason code", "reason code edited", "reason code removed") + " " + ch.Key + fieldsSuffix(ch)
	case model.ChangeFX:
		return opWords(ch.Op, "rate", "rate", "rate removed") + " " + rateOf(ch)
	}
	return string(ch.Op) + " " + string(ch.Kind) + " " + ch.Key
}

// opWords picks the words for what was done.
func opWords(op model.ChangeOp, create, update, del string) string {
	switch op {
	case model.ChangeCreate:
		return create
	case model.ChangeDelete:
		return del
	}
	return update
}

// fieldsSuffix lists an update's changed fields: " (name, weight)".
func fieldsSuffix(ch model.Change) string {
	if ch.Op != model.ChangeUpdate || len(ch.Fields) == 0 {
		return ""
	}
	fields := slices.DeleteFunc(slices.Clone(ch.Fields), func(f string) bool { return f == "updated_at" })
	if len(fields) == 0 {
		return ""
	}
	return " (" + strings.ReplaceAll(strings.Join(fields, ", "), "_", " ") + ")"
}

// decodeEither reads the record after the change, or before it when it was deleted.
func decodeEither(ch model.Change, v any) bool {
	b := ch.New
	if b == nil {
		b = ch.Old
	}
	return b != nil && json.Unmarshal(b, v) == nil
}

// decodePair reads the record before and after the change.
func decodePair[T any](ch model.Change) (old, new T, hasOld, hasNew bool) {
	hasOld = ch.Old != nil && json.Unmarshal(ch.Old, &old) == nil
	hasNew = ch.New != nil && json.Unmarshal(ch.New, &new) == nil
	return
}

// cellChange words a matrix cell change: "Native voice partial → yes".
func cellChange(ch model.Change, n ChangeNames) string {
	old, new, hasOld, hasNew := decodePair[model.Support](ch)
	feature := n.Feature(strings.TrimPrefix(ch.Key, ch.Competitor+"/"))
	switch {
	case hasOld && hasNew && old.Level != new.Level:
		return fmt.Sprintf("%s %s → %s", feature, old.Level, new.Level)
	case hasOld && hasNew && old.VerifiedAt != new.VerifiedAt && old.Note == new.Note && old.Source == new.Source:
		return fmt.Sprintf("%s verified %s", feature, new.VerifiedAt)
	case hasOld && hasNew:
		return feature + " edited" + fieldsSuffix(ch)
	case hasNew:
		return fmt.Sprintf("%s set to %s", feature, new.Level)
	case ch.Op == model.ChangeCreate:
		return feature + " set"
	}
	return feature + " cleared (was " + string(old.Level) + ")"
}

// dealChange words a deal change: "deal OPP-1 lost, $12,000.00".
func dealChange(ch model.Change) string {
	old, new, hasOld, hasNew := decodePair[model.Deal](ch)
	d := new
	if !hasNew {
		d = old
	}
	what := "deal " + ch.Key
	if hasOld || hasNew {
		what += " " + strings.ReplaceAll(string(d.Outcome), "_", " ")
		if d.Amount > 0 {
			what += ", " + model.FormatMoney(d.Amount, d.Currency)
		}
	}
	switch ch.Op {
	case model.ChangeCreate:
		return "new " + what
	case model.ChangeDelete:
		return what + " deleted"
	}
	return what + fieldsSuffix(ch)
}

// planChange words a plan's change; for its prices the newest price recorded or corrected,
// against the one before it: "price Suite Growth $79.00 → $89.00 per agent/month (+12.7%)".
func planChange(ch model.Change) string {
	old, new, hasOld, hasNew := decodePair[model.PricePlan](ch)
	switch {
	case !hasOld && !hasNew:
		return opWords(ch.Op, "new plan", "plan edited", "plan removed") + " " + strings.TrimPrefix(ch.Key, ch.Competitor+"/")
	case !hasOld:
		s := "new plan " + new.Name
		if o, ok := new.Latest(); ok {
			s += " " + ObservationPrice(new, o)
		}
		return s
	case !hasNew:
		return "plan removed " + old.Name
	case ch.Kind == model.ChangePlan:
		return "plan edited " + new.Name + fieldsSuffix(ch)
	}
	return "price " + PriceMove(old, new)
}

// PriceMove words the change of a plan's price history: the newest price recorded or
// corrected against the one before it, "Suite Growth $79.00 → $89.00 per agent/month
// (+12.7%)"; a price removed, "Suite Growth: price of 2026-03-01 removed".
func PriceMove(old, new model.PricePlan) string {
	before := map[model.Date]model.PriceObservation{}
	for _, o := range old.Observations {
		before[o.ObservedAt] = o
	}
	at := -1
	for i, o := range new.Observations {
		if b, ok := before[o.ObservedAt]; !ok || !sameObservation(b, o) {
			if at < 0 || new.Observations[at].ObservedAt.Before(o.ObservedAt) {
				at = i
			}
		}
	}
	if at < 0 {
		now := map[model.Date]bool{}
		for _, o := range new.Observations {
			now[o.ObservedAt] = true
		}
		for _, o := range old.Observations {
			if !now[o.ObservedAt] {
				return fmt.Sprintf("%s: price of %s removed", new.Name, o.ObservedAt)
			}
		}
		return new.Name + " unchanged"
	}
	o := new.Observations[at]
	prev, found := before[o.ObservedAt]
	if !found {
		for _, p := range new.Observations {
			if p.ObservedAt.Before(o.ObservedAt) && (!found || prev.ObservedAt.Before(p.ObservedAt)) {
				prev, found = p, true
			}
		}
	}
	if !found {
		return fmt.Sprintf("%s %s (first price, seen %s)", new.Name, ObservationPrice(new, o), o.ObservedAt)
	}
	a, ok1 := new.Headline(prev)
	b, ok2 := new.Headline(o)
	if ok1 && ok2 && a == b {
		return fmt.Sprintf("%s %s, unchanged (seen %s)", new.Name, ObservationPrice(new, o), o.ObservedAt)
	}
	s := fmt.Sprintf("%s %s → %s", new.Name, ObservationBrief(new, prev), ObservationPrice(new, o))
	if t, ok := headlineChange(new, prev, o); ok {
		s += " (" + model.FormatPercentTenths(t) + ")"
	}
	return s
}

// PriceRise reports the headline change of the newest price a plan's history change recorded,
// in tenths of a percent, and whether it has one.
func PriceRise(old, new model.PricePlan) (int64, bool) {
	before := map[model.Date]model.PriceObservation{}
	for _, o := range old.Observations {
		before[o.ObservedAt] = o
	}
	var o, prev model.PriceObservation
	found := false
	for _, x := range new.Observations {
		if b, ok := before[x.ObservedAt]; !ok || !sameObservation(b, x) {
			o, found = x, true
		}
	}
	if !found {
		return 0, false
	}
	prevFound := false
	if b, ok := before[o.ObservedAt]; ok {
		prev, prevFound = b, true
	} else {
		for _, p := range new.Observations {
			if p.ObservedAt.Before(o.ObservedAt) {
				prev, prevFound = p, true
			}
		}
	}
	if !prevFound {
		return 0, false
	}
	return headlineChange(new, prev, o)
}

func sameObservation(a, b model.PriceObservation) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// CardChanges lists what a card change changed, section by section: "overview", "why they win
// +1", "reviewed 2026-11-18".
func CardChanges(ch model.Change) []string {
	old, new, hasOld, hasNew := decodePair[model.BattleCard](ch)
	switch {
	case !hasOld && !hasNew:
		return []string{opWords(ch.Op, "created", "edited", "deleted")}
	case !hasOld:
		return []string{"created"}
	case !hasNew:
		return []string{"deleted"}
	}
	return CardSectionsChanged(old, new)
}

// CardSectionsChanged lists the sections of a card that differ between two versions of it.
func CardSectionsChanged(old, new model.BattleCard) []string {
	var out []string
	if old.Overview != new.Overview {
		out = append(out, "overview")
	}
	for _, s := range model.CardListSections {
		a, b := old.List(s), new.List(s)
		if slices.Equal(a, b) {
			continue
		}
		name := strings.ReplaceAll(string(s), "_", " ")
		switch d := len(b) - len(a); {
		case d > 0:
			out = append(out, fmt.Sprintf("%s +%d", name, d))
		case d < 0:
			out = append(out, fmt.Sprintf("%s %d", name, d))
		default:
			out = append(out, name)
		}
	}
	if !slices.Equal(old.Objections, new.Objections) {
		out = append(out, "objections")
	}
	if old.PricingTalkTrack != new.PricingTalkTrack {
		out = append(out, "pricing")
	}
	if old.Owner != new.Owner {
		out = append(out, "owner")
	}
	if len(out) == 0 && old.LastReviewed != new.LastReviewed {
		out = append(out, "reviewed "+new.LastReviewed.String())
	}
	return out
}

// ChangesText writes changes one line each.
func ChangesText(w io.Writer, changes []model.Change, n ChangeNames, loc *time.Location) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "No changes.")
		return err
	}
	for _, ch := range changes {
		if _, err := fmt.Fprintln(w, ChangeLine(ch, n, loc)); err != nil {
			return err
		}
	}
	return nil
}

// ChangesJSON writes changes as a JSON array, each with its one-line summary.
func ChangesJSON(w io.Writer, changes []model.Change, n ChangeNames) error {
	type line struct {
		model.Change
		Summary string `json:"summary"`
	}
	out := make([]line, len(changes))
	for i, ch := range changes {
		out[i] = line{ch, ChangeSummary(ch, n)}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// rateOf words the exchange rate a change names: "1 EUR = 1.08 USD (set 2026-11-27)".
func rateOf(ch model.Change) string {
	var r model.FXRate
	decodeEither(ch, &r)
	micros, err := model.ParseRate(r.Rate)
	if err != nil {
		return r.Currency + "/" + r.Base
	}
	return model.NewFXRate(r.Currency, r.Base, micros, r.SetOn).String()
}

// ReviewSince is the moment after which a change is news to a card reviewed on day: the start
// of the next day (a change made on the day of the review may be what it reviewed).
func ReviewSince(day model.Date, loc *time.Location) time.Time {
	t := day.AddDays(1).Time()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// ChangedSinceReview words which parts of a competitor changed since its card was reviewed,
// from the changes made since: "changed since review: pricing, 2 matrix cells, 1 intel note";
// "" when nothing did. Edits of the card itself are reviews, and are left out; so are records
// an import created (what a file brings in existed before it was imported: the first import of
// a catalog does not make every card look unreviewed).
func ChangedSinceReview(changes []model.Change) string {
	counts := map[model.ChangeKind]int{}
	for _, ch := range changes {
		if ch.Imported && ch.Op == model.ChangeCreate {
			continue
		}
		counts[ch.Kind]++
	}
	var parts []string
	if counts[model.ChangePrice]+counts[model.ChangePlan] > 0 {
		parts = append(parts, "pricing")
	}
	if counts[model.ChangeCompetitor] > 0 {
		parts = append(parts, "profile")
	}
	for _, k := range []struct {
		kind      model.ChangeKind
		one, many string
	}{{model.ChangeCell, "matrix cell", "matrix cells"}, {model.ChangeNote, "intel note", "intel notes"}, {model.ChangeDeal, "deal", "deals"}} {
		switch n := counts[k.kind]; {
		case n == 1:
			parts = append(parts, "1 "+k.one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, k.many))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "changed since review: " + strings.Join(parts, ", ")
}

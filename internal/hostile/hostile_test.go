package hostile

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivals-app/rivals/internal/catalog"
	"github.com/rivals-app/rivals/model"
)

var update = flag.Bool("update", false, "rewrite testdata/hostile/catalog.json")

// structured are the string fields that hold keys, references or enumerations, which
// validation keeps to a fixed alphabet; every other string field is free text and must hold a
// payload.
var structured = []string{"slug", "key", "code", "competitor", "competitors", "feature", "level", "threat", "status",
	"size_band", "model", "currency", "period", "outcome", "reasons", "primary_reason", "Deal.source", "Deal.type",
	"confidence", "visibility", "freemium"}

// walkText calls fn with the type and JSON name of every string (and string list item) of v.
func walkText(v reflect.Value, owner, name string, fn func(owner, name, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(owner, name, v.String())
	case reflect.Slice:
		for i := range v.Len() {
			walkText(v.Index(i), owner, name, fn)
		}
	case reflect.Struct:
		walkFields(v, v.Type().Name(), fn)
	}
}

// walkFields walks the fields of a struct as owner's; an embedded struct's fields (a claim's
// citation) are its owner's too.
func walkFields(v reflect.Value, owner string, fn func(owner, name, s string)) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct:
			walkFields(v.Field(i), owner, fn)
		case !f.IsExported() || tag == "-" || tag == "":
		default:
			walkText(v.Field(i), owner, tag, fn)
		}
	}
}

func TestEveryTextFieldIsHostile(t *testing.T) {
	cat, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]int{}
	walkText(reflect.ValueOf(cat), "Catalog", "", func(owner, name, s string) {
		if slices.Contains(structured, name) || slices.Contains(structured, owner+"."+name) {
			return
		}
		if s == "" && name == "source" && (owner == "Claim" || owner == "Objection") {
			return // a claim need not cite anything; the cited ones hold payloads
		}
		fields[owner+"."+name]++
		if strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ") == "" {
			t.Errorf("%s.%s holds plain text %q", owner, name, s)
		}
	})
	// Every text field of the format is there: a new field must get payloads too.
	for _, want := range []string{"Competitor.name", "Competitor.website", "Competitor.positioning", "Competitor.segments",
		"Competitor.headquarters", "Competitor.tags", "Feature.name", "Feature.category", "Feature.description",
		"Support.note", "Support.source", "PricePlan.name", "PricePlan.unit", "PricePlan.included", "PricePlan.source",
		"PriceObservation.source", "PriceObservation.note", "ReasonCode.label", "ReasonCode.description", "Deal.ref",
		"Deal.account", "Deal.segment", "Deal.region", "Deal.stage", "Deal.quote", "Deal.notes", "BattleCard.owner",
		"BattleCard.overview", "Claim.text", "Claim.source", "BattleCard.pricing_talk_track", "Objection.objection",
		"Objection.response", "Objection.source", "BattleCard.quick_read", "BattleCard.do_not_say", "PricingFacts.contract_terms", "IntelNote.title", "IntelNote.body", "IntelNote.source", "IntelNote.tags"} {
		if fields[want] == 0 {
			t.Errorf("no %s in the catalog", want)
		}
		delete(fields, want)
	}
	for f := range fields {
		t.Errorf("text field %s is not in the list above: add it, and check the catalog gives it payloads", f)
	}
}

// validate normalizes and validates every record, failing when normalizing changes one (the
// catalog must import as it is, so that it round-trips).
func validate(t *testing.T, cat model.Catalog) {
	t.Helper()
	before := cat
	before.Competitors = slices.Clone(cat.Competitors)
	cat.Normalize()
	if !reflect.DeepEqual(before.Competitors, cat.Competitors) {
		t.Error("normalizing changed a competitor")
	}
	check := func(kind string, i int, err error) {
		if err != nil {
			t.Errorf("%s[%d]: %v", kind, i, err)
		}
	}
	for i, r := range cat.Competitors {
		check("competitors", i, r.Validate())
	}
	for i, r := range cat.Features {
		check("features", i, r.Validate())
	}
	for i, r := range cat.Support {
		check("support", i, r.Validate())
	}
	for i, r := range cat.Plans {
		check("plans", i, r.Validate())
	}
	for i, r := range cat.ReasonCodes {
		check("reason_codes", i, r.Validate())
	}
	for i, r := range cat.Deals {
		check("deals", i, r.Validate())
	}
	for i, r := range cat.Cards {
		check("cards", i, r.Validate())
	}
	for i, r := range cat.Notes {
		check("notes", i, r.Validate())
	}
}

func TestCatalogIsValid(t *testing.T) {
	cat, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	validate(t, cat)
	plain, err := PlainCatalog()
	if err != nil {
		t.Fatal(err)
	}
	validate(t, plain)
}

func TestInflate(t *testing.T) {
	cat, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if err := Inflate(&cat); err != nil {
		t.Fatal(err)
	}
	validate(t, cat)
	rival := slices.IndexFunc(cat.Competitors, func(c model.Competitor) bool { return c.Slug == Rival })
	card := slices.IndexFunc(cat.Cards, func(c model.BattleCard) bool { return c.Competitor == Rival })
	if n := len(cat.Competitors[rival].Tags); n != ListItems {
		t.Errorf("%d tags", n)
	}
	if n := len(cat.Cards[card].WhyWeWin); n != ListItems {
		t.Errorf("%d bullets", n)
	}
	if n := len(cat.Notes); n < ListItems {
		t.Errorf("%d notes", n)
	}
	if n := utf8.RuneCountInString(cat.Cards[card].Overview); n < model.MaxTextLen-200 || n > model.MaxTextLen {
		t.Errorf("overview of %d characters, want about %d", n, model.MaxTextLen)
	}
}

// TestCommittedCatalogIsCurrent: testdata/hostile/catalog.json is Catalog in export form
// (go test ./internal/hostile -update rewrites it).
func TestCommittedCatalogIsCurrent(t *testing.T) {
	cat, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := catalog.Encode(&b, cat); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(Dir(), "catalog.json")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, b.Bytes()) {
		t.Errorf("%s is not current (%v); run go test ./internal/hostile -update", path, err)
	}
}

func TestChecksCatchWhatTheyShould(t *testing.T) {
	for _, s := range []string{"a\x1b[2J", "a\x07", "a\x00", "\u009b1m", "\u202e", "\u2066", "\u200b", "a\x7f", "\xff", "a\rb"} {
		if Terminal(s) == nil {
			t.Errorf("Terminal(%q) passed", s)
		}
	}
	if err := Terminal("Café ✓ 👨‍👩‍👧 e\u0301\n\tok"); err != nil {
		t.Errorf("Terminal refused plain text: %v", err)
	}
	for _, page := range []string{`<p><script>x</script></p>`, `<a href="javascript:alert(1)">x</a>`, `<a href="https://evil.example/">x</a>`,
		`<p onclick="x">y</p>`, `<img src=x>`, `<a href="//evil.example/x">x</a>`, `<p style="x">y</p>`} {
		if HTML(page) == nil {
			t.Errorf("HTML(%q) passed", page)
		}
	}
	if err := HTML(`<p class="x">&lt;script&gt;</p><a href="h.html">h</a>`); err != nil {
		t.Errorf("HTML refused a plain page: %v", err)
	}
	for _, data := range []string{"a,=1\n", "a\n+1\n", "-1,b\n", "@x,b\n", "\"\tx\",b\n", "a,b\nc\n"} {
		if CSV(data) == nil {
			t.Errorf("CSV(%q) passed", data)
		}
	}
	if err := CSV("a,'=1\nb,c\n"); err != nil {
		t.Errorf("CSV refused neutralised cells: %v", err)
	}
	for _, doc := range []string{"a <b>", "| a | b |\n|---|---|\n| x | y | z |\n", "&#60;b"} {
		if Markdown(doc) == nil {
			t.Errorf("Markdown(%q) passed", doc)
		}
	}
	if err := Markdown("| a \\| b | c |\n|---|---|\n| x | y |\n[f](<a%3Eb.md>) &lt;&amp;\n"); err != nil {
		t.Errorf("Markdown refused a plain document: %v", err)
	}
	if got := MarkdownShape("# t\n\n- a\n1. b\n| x |\n> q\n---\ntext"); strings.Join(got, ",") != "h1,blank,item text,ordered text,table 2,quote text,rule,text" {
		t.Errorf("MarkdownShape = %v", got)
	}
}

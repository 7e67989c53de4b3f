package importer_test

import (
	"strings"
	"testing"

	"github.com/rivals-app/rivals/internal/importer"
)

// --map names the column of a field the importer does not know by its header, by the field's
// name or any header name that means it; a column the file lacks, or a field its kind lacks,
// is refused.
func TestMapNamesTheColumn(t *testing.T) {
	const file = "Opportunity Name,Stage,Close Date,Product,Amount,Primary_Rival__c\nAcme,Closed Lost,2026-03-04,Tidewell Suite,1000,Harborline\n"
	for _, field := range []string{"competitors", "competitor", "Competitor(s)"} {
		opt := options(t)
		opt.Currency, opt.Map = "USD", map[string]string{field: "primary rival"}
		res := read(t, "opps.csv", file, opt)
		if len(res.Errors) != 0 || len(res.Catalog.Deals) != 1 {
			t.Fatalf("--map %s: errors %v, %d deals", field, res.Errors, len(res.Catalog.Deals))
		}
		if got := res.Catalog.Deals[0].Competitors; len(got) != 1 || got[0] != "harborline" {
			t.Errorf("--map %s: competitors %v, want [harborline]", field, got)
		}
	}
	refused := []struct {
		mapping map[string]string
		want    string
	}{
		{map[string]string{"competitors": "Rival"}, `opps.csv:1:1: --map competitors=Rival: the file has no column "Rival"`},
		{map[string]string{"rival": "Primary_Rival__c"}, `--map rival=Primary_Rival__c: a deals file has no field "rival" (its fields: ref, account,`},
	}
	for _, tt := range refused {
		opt := options(t)
		opt.Currency, opt.Map = "USD", tt.mapping
		_, err := importer.ReadFile("opps.csv", []byte(file), opt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("--map %v: error %v, want %q", tt.mapping, err, tt.want)
		}
	}
	// Without --map, the file's only candidate is a column of our own products: refused, and
	// the error says which flag settles it.
	opt := options(t)
	opt.Currency = "USD"
	res := read(t, "opps.csv", file, opt)
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Msg, "--map competitors=COLUMN") || len(res.Catalog.Competitors) != 0 {
		t.Errorf("product column: errors %v, %d competitors", res.Errors, len(res.Catalog.Competitors))
	}
}

// A mapping kept in a file: CSV (with or without its header) or YAML.
func TestParseMapFile(t *testing.T) {
	want := map[string]string{"competitors": "Primary_Rival__c", "account": "Customer: legal name"}
	for name, text := range map[string]string{
		"map.csv":  "field,column\ncompetitors,Primary_Rival__c\naccount,Customer: legal name\n",
		"map.yaml": "# Salesforce custom fields\ncompetitors: Primary_Rival__c   # the rival picklist\naccount: \"Customer: legal name\"\n",
	} {
		got, err := importer.ParseMapFile(name, []byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(want) || got["competitors"] != want["competitors"] || got["account"] != want["account"] {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	for name, text := range map[string]string{
		"twice.csv": "competitors,A\ncompetitors,B\n",
		"three.csv": "competitors,A,B\n",
		"bad.yml":   "competitors Primary\n",
	} {
		if _, err := importer.ParseMapFile(name, []byte(text)); err == nil || !strings.HasPrefix(err.Error(), name+":") {
			t.Errorf("%s: error %v, want one naming the file and line", name, err)
		}
	}
}

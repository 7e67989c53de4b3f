package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rivals-app/rivals/model"
)

// A rumour is in no export and no call prep unless the doc includes unverified claims; then it
// shows with its "?" marker. The claims line says how many were left out.
func TestRumoursStayOutUnlessAsked(t *testing.T) {
	doc := demoCardDoc(t, "harborline")
	k := *doc.Card
	k.WhyWeWin = append(append([]model.Claim{}, k.WhyWeWin...), model.Claim{Text: "Their CFO is leaving",
		Citation: model.Citation{Source: "call with ACME", Confidence: model.ConfidenceRumour}})
	k.Objections = append(append([]model.Objection{}, k.Objections...), model.Objection{Objection: "They are stable",
		Response: "Their CTO resigned last week", Citation: model.Citation{Confidence: model.ConfidenceRumour}})
	doc.Card = &k
	outputs := func(d CardDoc) map[string]string {
		out := map[string]string{}
		for _, f := range CardFormats {
			r, _ := CardRenderer(f)
			out["card "+f] = render(t, func(b *bytes.Buffer) error { return r(b, d) })
		}
		for _, f := range PrepFormats {
			r, _ := PrepRenderer(f)
			out["prep "+f] = render(t, func(b *bytes.Buffer) error { return r(b, d) })
		}
		return out
	}
	for name, out := range outputs(doc) {
		if strings.Contains(out, "CFO is leaving") || strings.Contains(out, "CTO resigned") {
			t.Errorf("%s shows a rumour", name)
		}
	}
	if md := outputs(doc)["card md"]; !strings.Contains(md, "2 rumours (left out; --include-unverified shows them)") {
		t.Error("the claims line does not say rumours were left out")
	}
	doc.IncludeUnverified = true
	for name, out := range outputs(doc) {
		if strings.HasPrefix(name, "prep") {
			continue // prep keeps the first three of each list, the rumours are further down
		}
		if !strings.Contains(out, "Their CFO is leaving") {
			t.Errorf("%s with --include-unverified lacks the rumour", name)
		}
	}
	if md := outputs(doc)["card md"]; !strings.Contains(md, "Their CFO is leaving ? *(call with ACME)*") {
		t.Error("the rumour has no ? marker")
	}
}

package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"math"
	"strconv"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// crmHeaders are header names only CRM opportunity exports use; one of them makes a deals file
// a "CRM export", whose Stage column may hold open stages (skipped) and whose deals are
// sourced "crm".
var crmHeaders = []string{"stage", "stagename", "iswon", "isclosed", "deal stage", "dealstage", "opportunity stage", "opportunity id", "opportunity name",
	"record id", "hs object id", "deal name", "dealname", "closed lost reason", "closed won reason"}

// skipped tallies rows left out for one reason, reported as one warning at the first of them.
type skipped struct {
	count int
	first Problem
}

// dealState is what a deals file remembers between rows.
type dealState struct {
	crm      bool
	refs     map[uint64]int32    // a ref's hash → line of its first use (see firstUse)
	seed     maphash.Seed        // what refs are hashed with, new for each file
	derived  map[string]int      // derived ref → times seen
	compsOf  map[string][]string // competitor cell → slugs (names resolve once per distinct cell)
	reasonOf map[string]string   // reason text → code
	// outcomes caches what each outcome or stage text means
	outcomes map[string]outcomeOf
	// reasonsOf caches the reasons worked out for a row's reason cells
	reasonsOf map[reasonCells]model.Deal
	skips     map[string]*skipped // reason for skipping → tally
	order     []string
	// open tallies the deals skipped for an open stage, openByStage per stage as written.
	open        skipped
	openByStage map[string]int
	openOrder   []string
	// oddTypes counts deal types that mean none of new, expansion, renewal or churn.
	oddType      Problem
	oddTypes     map[string]int
	oddTypeOrder []string
}

// skipType notes a deal type that is none of new, expansion, renewal or churn: the deal is
// kept without a type, and one warning names every such value.
func (st *dealState) skipType(rd *reader, text string, col int) {
	if st.oddTypes == nil {
		st.oddTypes = map[string]int{}
		st.oddType = *rd.t.problem(col, "")
	}
	if st.oddTypes[text] == 0 {
		st.oddTypeOrder = append(st.oddTypeOrder, text)
	}
	st.oddTypes[text]++
}

// skipOpen leaves out a deal whose stage is still open, tallied per stage for one warning.
func (st *dealState) skipOpen(rd *reader, stage string, col int) {
	if st.open.count == 0 {
		st.open.first = *rd.t.problem(col, "")
		st.openByStage = map[string]int{}
	}
	st.open.count++
	if st.openByStage[stage] == 0 {
		st.openOrder = append(st.openOrder, stage)
	}
	st.openByStage[stage]++
}

func (rd *reader) deals() {
	st := &dealState{refs: map[uint64]int32{}, seed: maphash.MakeSeed(), derived: map[string]int{}, compsOf: map[string][]string{},
		reasonOf: map[string]string{}, reasonsOf: map[reasonCells]model.Deal{}, outcomes: map[string]outcomeOf{}, skips: map[string]*skipped{}}
	rows := rd.t.estimateRows()
	if rd.opt.Batches != nil {
		rows = min(rows, BatchRows+1) // the deals of one batch are kept at a time
	}
	rd.res.Catalog.Deals = make([]model.Deal, 0, rows)
	rd.res.origins[model.KindDeals] = make([]origin, 0, rd.t.estimateRows())
	rd.res.Shape = "long format"
	for _, h := range rd.t.header {
		if n, _ := normHeader(h); containsString(crmHeaders, n) {
			st.crm, rd.res.Shape = true, "CRM export"
			break
		}
	}
	if !rd.cols.has("is_won") && !rd.require("outcome") {
		return
	}
	if !rd.require("closed_at") || !rd.requireCompetitors() {
		return
	}
	rd.warnUnused()
	rd.each(func() {
		rd.deal(st)
		rd.handOn(false)
	})
	rd.handOn(true)
	if st.open.count > 0 {
		var stages []string
		for _, stage := range st.openOrder {
			stages = append(stages, fmt.Sprintf("%s %d", stage, st.openByStage[stage]))
		}
		st.open.first.Msg = fmt.Sprintf("%d open deal(s) skipped, the first here (stages neither won nor lost: %s)", st.open.count, strings.Join(stages, ", "))
		rd.res.Warnings = append(rd.res.Warnings, st.open.first)
	}
	if len(st.oddTypes) > 0 {
		var vals []string
		for _, v := range st.oddTypeOrder {
			vals = append(vals, fmt.Sprintf("%q %d", v, st.oddTypes[v]))
		}
		st.oddType.Msg = fmt.Sprintf("deal types that are none of new, expansion, renewal or churn are left empty (%s), the first here", strings.Join(vals, ", "))
		rd.res.Warnings = append(rd.res.Warnings, st.oddType)
	}
	for _, key := range st.order {
		s := st.skips[key]
		s.first.Msg = fmt.Sprintf("%s: %d row(s) skipped, the first here", key, s.count)
		rd.res.Warnings = append(rd.res.Warnings, s.first)
	}
}

// productHeaders name a column of our own products in a deals file: what we sold, never a
// competitor.
var productHeaders = []string{"product", "products", "product name", "opportunity product", "product family", "product line"}

// requireCompetitors insists on a column of competitors. A column of our own products is not
// one: when it is all the file has, the error names it and the flag that says which column
// holds the competitors.
func (rd *reader) requireCompetitors() bool {
	if rd.cols.has("competitors") {
		return true
	}
	for i, h := range rd.t.header {
		if n, _ := normHeader(h); containsString(productHeaders, n) {
			rd.headerErrorf(i, "deals files need a column of competitors; %q names our own products, not competitors; name the column that holds the competitors with --map competitors=COLUMN", h)
			return false
		}
	}
	return rd.require("competitors")
}

// skip leaves the current row out, tallied under why; the warning points at column col of the
// first row skipped for that reason.
func (st *dealState) skip(rd *reader, why string, col int) {
	s, ok := st.skips[why]
	if !ok {
		s = &skipped{first: *rd.t.problem(col, "")}
		st.skips[why] = s
		st.order = append(st.order, why)
	}
	s.count++
}

func (rd *reader) deal(st *dealState) {
	o := rd.t.here(-1)
	nerr := len(rd.res.Errors)
	outCol := rd.cols.col("outcome")
	text := rd.t.cell(outCol)
	out, cached := st.outcomes[text]
	if !cached {
		out.outcome, out.open, out.ok = parseOutcome(text)
		st.outcomes[text] = out
	}
	outcome, open, ok := out.outcome, out.open, out.ok
	if rd.cols.has("is_won") {
		// IsWon and IsClosed, when the export has them, say what the stage's name may not:
		// a custom stage such as "Signed" is closed and won.
		var flagged bool
		if outcome, open, flagged = rd.closedFlags(); !flagged {
			return
		}
		ok = true
		if text == "" {
			text = string(outcome)
			if open {
				text = "open"
			}
		}
		if !open && out.ok && out.outcome == model.OutcomeNoDecision && outcome == model.OutcomeLost {
			outcome = model.OutcomeNoDecision // closed, not won, and the stage says no decision
		}
	}
	switch {
	case text == "":
		rd.errorf(outCol, "is empty; want won, lost or no decision (or a CRM stage such as Closed Won)")
		return
	case open && st.crm:
		st.skipOpen(rd, text, outCol)
		return
	case !ok:
		rd.errorf(outCol, "%q is not an outcome; want won, lost or no decision (or a CRM stage such as Closed Won)", rd.t.cell(outCol))
	}
	// The deal is built in its place in the list, which it leaves again unless it is kept.
	n := len(rd.res.Catalog.Deals)
	rd.res.Catalog.Deals = append(rd.res.Catalog.Deals, model.Deal{Outcome: outcome})
	d := &rd.res.Catalog.Deals[n]
	kept := false
	defer func() {
		if !kept {
			rd.res.Catalog.Deals[n] = model.Deal{}
			rd.res.Catalog.Deals = rd.res.Catalog.Deals[:n]
		}
	}()
	d.ClosedAt = rd.pastDate(rd.cols.col("closed_at"), "closed_at")
	compCol := rd.cols.col("competitors")
	cell := rd.t.cell(compCol)
	slugs, seen := st.compsOf[cell]
	if !seen {
		for _, name := range rd.competitorNames(cell, compCol) {
			if noneWord(name) {
				continue
			}
			slug := rd.competitor(name, compCol, o)
			if slug == "" {
				slugs = nil
				break
			}
			if !containsString(slugs, slug) {
				slugs = append(slugs, slug)
			}
		}
		if len(rd.res.Errors) == nerr {
			st.compsOf[cell] = slugs
		}
	}
	if len(slugs) == 0 && len(rd.res.Errors) == nerr {
		st.skip(rd, "no competitor named (in "+rd.t.headerOf(compCol)+")", compCol)
		return
	}
	d.Competitors = slugs
	rd.dealAmount(d)
	rd.dealReasons(d, st, o)
	d.Account = rd.get("account")
	if v := rd.get("type"); v != "" {
		if t, ok := model.ParseDealType(v); ok {
			d.Type = t
		} else {
			st.skipType(rd, v, rd.cols.col("type"))
		}
	}
	d.Segment = rd.get("segment")
	d.Region = rd.get("region")
	d.Stage = rd.get("stage")
	d.Quote = rd.get("quote")
	d.Notes = rd.get("notes")
	if src := fold(rd.get("source")); src != "" {
		d.Source = src
	} else if st.crm {
		d.Source = "crm"
	}
	if len(rd.res.Errors) > nerr {
		return
	}
	refCol := rd.cols.col("ref")
	d.Ref = rd.t.cell(refCol)
	if d.Ref == "" {
		d.Ref = derivedRef(*d, st)
	} else if line, dup := st.firstUse(rd, d.Ref, refCol); dup {
		rd.errorf(refCol, "ref %q is already used on line %d", d.Ref, line)
		return
	}
	line, _ := rd.t.r.FieldPos(0)
	if h := maphash.String(st.seed, d.Ref); st.refs[h] == 0 {
		st.refs[h] = int32(min(line, math.MaxInt32))
	}
	kept = true
	rd.add(model.KindDeals, o)
}

// dealAmount reads the amount and currency columns into d.
func (rd *reader) dealAmount(d *model.Deal) {
	amountCol, curCol := rd.cols.col("amount"), rd.cols.col("currency")
	want := rd.cols.currency[amountCol]
	if c := rd.t.cell(curCol); c != "" {
		code, ok := currencyCode(c)
		if !ok {
			rd.errorf(curCol, "%q is not an ISO 4217 currency code", c)
			return
		}
		want = code
	}
	text := rd.t.cell(amountCol)
	if text == "" {
		return
	}
	n, cur, err := rd.money(text, want, rd.opt.Currency, amountCol)
	if err != nil {
		rd.errorf(amountCol, "%v", err)
		return
	}
	d.Amount, d.Currency = n, cur
}

// dealReasons reads the reason columns that apply to d's outcome: Win Reason for won deals,
// Loss Reason for the others, Reason(s) for all.
func (rd *reader) dealReasons(d *model.Deal, st *dealState, o origin) {
	use, ignore := "loss_reason", "win_reason"
	if d.Outcome == model.OutcomeWon {
		use, ignore = "win_reason", "loss_reason"
	}
	if col := rd.cols.col(ignore); rd.t.cell(col) != "" {
		rd.warnf(col, "ignored: this deal is %s", strings.ReplaceAll(string(d.Outcome), "_", " "))
	}
	key := reasonCells{won: d.Outcome == model.OutcomeWon}
	for i, field := range []string{"reasons", use, "primary_reason"} {
		key.cells[i] = rd.t.cell(rd.cols.col(field))
	}
	if got, ok := st.reasonsOf[key]; ok {
		d.Reasons, d.PrimaryReason = got.Reasons, got.PrimaryReason
		return
	}
	nerr := len(rd.res.Errors)
	for i, field := range []string{"reasons", use, "primary_reason"} {
		col := rd.cols.col(field)
		for _, text := range list(key.cells[i]) {
			if noneWord(text) {
				continue
			}
			code := rd.reason(text, col, o, st)
			switch {
			case code == "":
			case field == "primary_reason":
				if !containsString(d.Reasons, code) {
					d.Reasons = append([]string{code}, d.Reasons...)
				}
				d.PrimaryReason = code
			case !containsString(d.Reasons, code):
				d.Reasons = append(d.Reasons, code)
			}
		}
	}
	if d.PrimaryReason == "" && len(d.Reasons) > 0 {
		d.PrimaryReason = d.Reasons[0]
	}
	if len(rd.res.Errors) == nerr {
		st.reasonsOf[key] = model.Deal{Reasons: d.Reasons, PrimaryReason: d.PrimaryReason}
	}
}

// closedFlags reads the IsWon and IsClosed columns of a CRM export: closed and won is won,
// closed and not won is lost, not closed is open (IsWon alone: won, or else lost). flagged is
// false after recording an error for a cell that is not true or false.
func (rd *reader) closedFlags() (outcome model.Outcome, open, flagged bool) {
	wonCol, closedCol := rd.cols.col("is_won"), rd.cols.col("is_closed")
	won, ok := parseBool(rd.t.cell(wonCol))
	if !ok {
		rd.errorf(wonCol, "%q is not true or false", rd.t.cell(wonCol))
		return "", false, false
	}
	closed := true
	if closedCol >= 0 {
		if closed, ok = parseBool(rd.t.cell(closedCol)); !ok {
			rd.errorf(closedCol, "%q is not true or false", rd.t.cell(closedCol))
			return "", false, false
		}
	}
	switch {
	case !closed:
		return "", true, true
	case won:
		return model.OutcomeWon, false, true
	}
	return model.OutcomeLost, false, true
}

// competitorNames splits a cell of competitors on ";" (CRM multi-select fields) and ","
// ("Harborline, Replyfox"). A piece that is a company's legal form ("CaseCraft, Inc.") makes the
// cell an error: it is one company's name written with a comma, or a list, and the importer
// does not guess which.
func (rd *reader) competitorNames(cell string, col int) []string {
	var out []string
	for _, part := range list(cell) {
		if _, ok := rd.k.competitor(part); ok || !strings.Contains(part, ",") {
			out = append(out, part)
			continue
		}
		for _, p := range strings.Split(part, ",") {
			p = strings.TrimSpace(p)
			if legalForm(p) {
				rd.errorf(col, "%q: is %q a competitor? write the company without its legal form (%q), and separate competitors with \";\"",
					part, p, strings.TrimSpace(part[:strings.Index(part, ",")]))
				return nil
			}
			if p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// legalForm reports a company's legal form written on its own: "Inc.", "LLC", "GmbH".
func legalForm(s string) bool {
	switch strings.TrimSuffix(strings.ToLower(strings.ReplaceAll(s, " ", "")), ".") {
	case "inc", "llc", "ltd", "limited", "gmbh", "ag", "sa", "s.a", "sas", "bv", "nv", "plc", "corp", "co", "pty", "pty.ltd", "srl", "spa", "oy", "ab", "as", "aps", "kk", "lp", "llp":
		return true
	}
	return false
}

// outcomeOf is what an outcome cell says (see parseOutcome).
type outcomeOf struct {
	outcome  model.Outcome
	open, ok bool
}

// reasonCells are the reason cells of a row (reasons, win or loss reason, primary reason):
// rows with the same cells and outcome cite the same reasons, worked out once.
type reasonCells struct {
	won   bool
	cells [3]string
}

// reason resolves a reason by code or label, creating a reason code when it is new.
func (rd *reader) reason(text string, col int, o origin, st *dealState) string {
	if code, ok := st.reasonOf[text]; ok {
		return code
	}
	if r, ok := rd.k.reason(text); ok {
		st.reasonOf[text] = r.Code
		return r.Code
	}
	r := model.ReasonCode{Code: model.ReasonCodeOf(text), Label: strings.Join(strings.Fields(text), " ")}
	if err := r.Validate(); err != nil {
		rd.errorf(col, "cannot make a reason code of %q: %v", text, err)
		return ""
	}
	rd.k.addReason(r)
	rd.res.Catalog.ReasonCodes = append(rd.res.Catalog.ReasonCodes, r)
	rd.add(model.KindReasonCodes, origin{off: o.off, cell: col})
	rd.warnf(col, "new reason code %q (%s) will be created", r.Label, r.Code)
	rd.res.Warnings[len(rd.res.Warnings)-1].Creates = true
	st.reasonOf[text] = r.Code
	return r.Code
}

// firstUse returns the line of the row that used ref first, if any. Only refs' hashes are
// held (a million refs would otherwise hold tens of MB): a row whose ref has the same hash is
// read again to compare the refs themselves, so two refs that only share a hash are told
// apart. (Then only the first is held: should the second be used again, the store refuses
// the repeat by its unique ref, with a less precise message.)
func (st *dealState) firstUse(rd *reader, ref string, col int) (int, bool) {
	line, seen := st.refs[maphash.String(st.seed, ref)]
	if !seen || rd.t.cellAt(int(line), col) != ref {
		return 0, false
	}
	return int(line), true
}

// derivedRef makes a ref for a deal that has none from what identifies it, so importing the
// same file again finds the same deals. Identical rows get -2, -3… in file order.
func derivedRef(d model.Deal, st *dealState) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\x00%s", d.ClosedAt, fold(d.Account), strings.Join(d.Competitors, ";"), d.Amount, d.Currency)
	ref := "CSV-" + hex.EncodeToString(h.Sum(nil)[:6])
	st.derived[ref]++
	if n := st.derived[ref]; n > 1 {
		ref += "-" + strconv.Itoa(n)
	}
	return ref
}

// parseOutcome reads an outcome or a CRM stage. open reports a stage that is not closed.
func parseOutcome(s string) (out model.Outcome, open, ok bool) {
	v := strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '/' || r == ':' || r == '(' || r == ')'
	}), " ")
	v = strings.TrimPrefix(strings.TrimPrefix(v, "closed "), "close ")
	switch v {
	case "won", "win", "w", "closedwon", "closed won", "won deal":
		return model.OutcomeWon, false, true
	case "lost", "loss", "l", "closedlost", "closed lost", "lost deal", "lose":
		return model.OutcomeLost, false, true
	case "no decision", "nodecision", "no deal", "nd", "no decision made", "closed no decision", "no_decision", "stalled no decision":
		return model.OutcomeNoDecision, false, true
	}
	return "", true, false
}

// noneWord reports cell values that mean "nothing": "none", "n/a", "-".
func noneWord(s string) bool {
	switch fold(s) {
	case "", "none", "n/a", "na", "-", "—", "no competitor", "no competition", "unknown", "null":
		return true
	}
	return false
}

// currencyCode reads a currency cell: an ISO code in any case, or a sign with one meaning.
func currencyCode(s string) (string, bool) {
	code := strings.ToUpper(strings.TrimSpace(s))
	if model.ValidCurrency(code) {
		return code, true
	}
	if c, ok := currencySigns[strings.ToLower(strings.TrimSpace(s))]; ok && model.ValidCurrency(c) {
		return c, true
	}
	if fam, ok := families[strings.TrimSpace(s)]; ok {
		return fam[0], true
	}
	return "", false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

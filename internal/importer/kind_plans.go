package importer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// plans reads one pricing plan per row, optionally with its current price (an observation
// dated by the Date column, else today). A stored plan of the same competitor and name is the
// starting point: empty cells and absent columns keep what is stored.
func (rd *reader) plans() {
	if !rd.require("competitor", "name") {
		return
	}
	rd.warnUnused()
	if !rd.cols.has("model") {
		rd.headerWarnf(-1, "no Model column: new plans are per_seat (contact_sales when the price says so)")
	}
	if !rd.cols.has("period") {
		rd.headerWarnf(-1, "no Period column: new plans are priced per month")
	}
	seen := map[string]int{}
	rd.each(func() { rd.plan(seen) })
}

func (rd *reader) plan(seen map[string]int) {
	at, nerr := rd.t.here(-1), len(rd.res.Errors)
	compCol, nameCol := rd.cols.col("competitor"), rd.cols.col("name")
	slug := rd.competitor(rd.t.cell(compCol), compCol, at)
	name := rd.t.cell(nameCol)
	if name == "" {
		rd.errorf(nameCol, "is empty; want the plan's name")
	}
	if slug == "" || name == "" {
		return
	}
	pk := planKey(slug, name)
	if line, dup := seen[pk]; dup {
		rd.errorf(nameCol, "plan %q of %s is already on line %d", name, slug, line)
		return
	}
	line, _ := rd.t.r.FieldPos(0)
	seen[pk] = line
	old, exists := rd.k.plans[pk]
	p := old
	p.ID, p.Observations = 0, nil
	if !exists {
		p = model.PricePlan{Competitor: slug, Name: name}
	}
	if v := rd.get("model"); v != "" {
		if p.Model = parseModel(v); p.Model == "" {
			rd.errorf(rd.cols.col("model"), "%q is not a pricing model; want per seat, flat, usage, tiered or contact sales", v)
		}
	}
	if v := rd.get("period"); v != "" {
		if p.Period = parsePeriod(v); p.Period == "" {
			rd.errorf(rd.cols.col("period"), "%q is not a billing period; want month or year", v)
		}
	}
	if v := rd.get("currency"); v != "" {
		code, ok := currencyCode(v)
		if !ok {
			rd.errorf(rd.cols.col("currency"), "%q is not an ISO 4217 currency code", v)
		}
		p.Currency = code
	}
	for field, dst := range map[string]*string{"unit": &p.Unit, "included": &p.Included, "source": &p.Source} {
		if v := rd.get(field); v != "" {
			*dst = v
		}
	}
	rd.count("min_seats", &p.MinSeats)
	rd.count("max_seats", &p.MaxSeats)
	if v := rd.get("add_on"); v != "" {
		b, ok := parseBool(v)
		if !ok {
			rd.errorf(rd.cols.col("add_on"), "%q is not yes or no", v)
		}
		p.AddOn = b
	}
	amountCol := rd.cols.col("amount")
	if price := rd.t.cell(amountCol); contactWord(price) {
		if p.Model == "" {
			p.Model = model.ModelContactSales
		}
	} else if price != "" {
		rd.planPrice(&p, old, price)
	}
	if p.Model == "" {
		p.Model = model.ModelPerSeat
	}
	if p.Period == "" {
		p.Period = model.PeriodMonth
	}
	if p.Currency == "" {
		p.Currency = rd.opt.Currency
	}
	if p.Currency == "" {
		rd.errorf(max(rd.cols.col("currency"), amountCol), "the plan has no currency; add a Currency column, write it in the price ($49, 49 EUR) or pass --currency CODE")
	}
	if exists && len(old.Observations) > 0 {
		for _, c := range []struct{ field, was, now string }{
			{"currency", old.Currency, p.Currency}, {"model", string(old.Model), string(p.Model)}, {"period", string(old.Period), string(p.Period)},
		} {
			if c.was != c.now {
				rd.errorf(rd.cols.col(c.field), "plan %q has %d stored prices in %s; changing it to %s would rewrite its history (add a new plan instead)", name, len(old.Observations), c.was, c.now)
			}
		}
	}
	if len(rd.res.Errors) > nerr {
		return
	}
	rd.k.addPlan(p)
	rd.res.Catalog.Plans = append(rd.res.Catalog.Plans, p)
	rd.add(model.KindPlans, at)
	obs := make([]origin, len(p.Observations))
	for i := range obs {
		obs[i] = at
	}
	rd.res.obs = append(rd.res.obs, obs)
}

// undatedPrice is the day a price without a date was seen: --as-of, else today. The first
// time, a warning says which day it was; zero when neither is known.
func (rd *reader) undatedPrice() model.Date {
	day, why := rd.opt.AsOf, "--as-of"
	if day.IsZero() {
		day, why = rd.opt.Today, "today; pass --as-of DATE for the day the prices were copied"
	}
	if !day.IsZero() && !rd.undatedWarned {
		rd.undatedWarned = true
		rd.headerWarnf(-1, "prices without a date are recorded as seen on %s (%s)", day, why)
	}
	return day
}

// planPrice reads the current price of a plans row into an observation of p. An undated price
// that is the stored plan's newest price is not recorded again, so importing the same sheet
// another day changes nothing.
func (rd *reader) planPrice(p *model.PricePlan, stored model.PricePlan, price string) {
	o := model.PriceObservation{Note: rd.get("note")}
	if fold(price) == "free" {
		price = "0"
	}
	n, cur, err := rd.money(price, p.Currency, rd.opt.Currency, rd.cols.col("amount"))
	if err != nil {
		rd.errorf(rd.cols.col("amount"), "%v", err)
		return
	}
	o.Amount, p.Currency = n, cur
	if v := rd.get("observed_at"); v != "" {
		o.ObservedAt = rd.pastDate(rd.cols.col("observed_at"), "observed_at")
	} else if o.ObservedAt = rd.undatedPrice(); o.ObservedAt.IsZero() {
		rd.errorf(rd.cols.col("amount"), "a price needs the date it was seen; add a Date column")
	}
	last, seen := stored.Latest()
	if seen && rd.get("annual_discount_percent") == "" {
		o.AnnualDiscountPercent = last.AnnualDiscountPercent // an empty cell keeps what is stored
	}
	rd.percent("annual_discount_percent", &o.AnnualDiscountPercent)
	if seen && rd.get("observed_at") == "" && last.Amount == o.Amount &&
		last.AnnualDiscountPercent == o.AnnualDiscountPercent && stored.Currency == p.Currency {
		return
	}
	p.Observations = append(p.Observations, o)
}

// prices reads price observations of plans already known (stored, or read earlier in the same
// run), one per row.
func (rd *reader) prices() {
	if !rd.require("competitor", "name", "amount") {
		return
	}
	rd.warnUnused()
	index := map[string]int{}
	dates := map[string]int{}
	rd.each(func() {
		at, nerr := rd.t.here(-1), len(rd.res.Errors)
		compCol, nameCol, amountCol := rd.cols.col("competitor"), rd.cols.col("name"), rd.cols.col("amount")
		c, ok := rd.k.competitor(rd.t.cell(compCol))
		if !ok {
			rd.errorf(compCol, "unknown competitor %q (prices are recorded for existing plans)", rd.t.cell(compCol))
			return
		}
		pk := planKey(c.Slug, rd.t.cell(nameCol))
		plan, ok := rd.k.plans[pk]
		if !ok {
			rd.errorf(nameCol, "%s has no plan %q%s", c.Name, rd.t.cell(nameCol), rd.plansOf(c.Slug))
			return
		}
		if plan.Model == model.ModelTiered {
			rd.errorf(nameCol, "plan %q is tiered: its tiers cannot come from a CSV row; import them in catalog JSON", plan.Name)
			return
		}
		o := model.PriceObservation{Source: rd.get("source"), Note: rd.get("note")}
		var err error
		if dateCol := rd.cols.col("observed_at"); dateCol >= 0 {
			o.ObservedAt = rd.pastDate(dateCol, "observed_at")
		} else if o.ObservedAt = rd.undatedPrice(); o.ObservedAt.IsZero() {
			rd.errorf(amountCol, "a price needs the date it was seen; add a Date column")
		}
		if v := rd.get("currency"); v != "" {
			if code, ok := currencyCode(v); !ok || code != plan.Currency {
				rd.errorf(rd.cols.col("currency"), "%q: plan %q is priced in %s", v, plan.Name, plan.Currency)
			}
		}
		if price := rd.t.cell(amountCol); plan.Model == model.ModelContactSales {
			if price != "" && !contactWord(price) {
				rd.errorf(amountCol, "plan %q is contact sales; it has no list price", plan.Name)
			}
		} else if o.Amount, _, err = rd.money(price, plan.Currency, "", amountCol); err != nil {
			rd.errorf(amountCol, "%v", err)
		}
		if v := rd.get("included_units"); v != "" {
			n, err := strconv.ParseInt(strings.NewReplacer(",", "", " ", "").Replace(v), 10, 64)
			if err != nil || n < 0 {
				rd.errorf(rd.cols.col("included_units"), "%q is not a whole number of units", v)
			}
			o.IncludedUnits = n
		}
		if v := rd.get("overage_amount"); v != "" {
			if o.OverageAmount, o.UnitDecimals, err = rd.unitPrice(v, plan.Currency, rd.cols.col("overage_amount")); err != nil {
				rd.errorf(rd.cols.col("overage_amount"), "%v", err)
			}
		}
		rd.percent("annual_discount_percent", &o.AnnualDiscountPercent)
		if len(rd.res.Errors) > nerr {
			return
		}
		dk := pk + "\x00" + o.ObservedAt.String()
		if line, dup := dates[dk]; dup {
			rd.errorf(max(rd.cols.col("observed_at"), nameCol), "plan %q already has a price on %s (line %d)", plan.Name, o.ObservedAt, line)
			return
		}
		line, _ := rd.t.r.FieldPos(0)
		dates[dk] = line
		i, ok := index[pk]
		if !ok {
			p := plan
			p.ID, p.Observations = 0, nil
			i = len(rd.res.Catalog.Plans)
			index[pk] = i
			rd.res.Catalog.Plans = append(rd.res.Catalog.Plans, p)
			rd.add(model.KindPlans, at)
			rd.res.obs = append(rd.res.obs, nil)
		}
		rd.res.Catalog.Plans[i].Observations = append(rd.res.Catalog.Plans[i].Observations, o)
		rd.res.obs[i] = append(rd.res.obs[i], at)
	})
}

// plansOf lists a competitor's known plans for a message: " (its plans: Starter, Pro)".
func (rd *reader) plansOf(slug string) string {
	var names []string
	for _, p := range rd.k.plans {
		if p.Competitor == slug {
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 {
		return " (it has no plans yet: import them first, e.g. from a plans file)"
	}
	slices.Sort(names)
	return " (its plans: " + strings.Join(names, ", ") + ")"
}

// count reads a whole number of seats into dst; "unlimited", "-" and blank leave it.
func (rd *reader) count(field string, dst *int) {
	v := rd.get(field)
	switch fold(v) {
	case "", "-", "—", "unlimited", "n/a", "none":
		return
	}
	n, err := strconv.Atoi(strings.NewReplacer(",", "", " ", "").Replace(v))
	if err != nil || n < 0 {
		rd.errorf(rd.cols.col(field), "%q is not a whole number of seats", v)
		return
	}
	*dst = n
}

// percent reads "20%" or "20" into dst.
func (rd *reader) percent(field string, dst *int) {
	v := strings.TrimSpace(strings.TrimSuffix(rd.get(field), "%"))
	if v == "" {
		return
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 100 {
		rd.errorf(rd.cols.col(field), "%q is not a percentage from 0 to 100", rd.get(field))
		return
	}
	*dst = n
}

// parseModel reads a pricing model as pricing pages word it.
func parseModel(s string) model.PricingModel {
	switch strings.NewReplacer("_", " ", "-", " ", "/", " ").Replace(fold(s)) {
	case "per seat", "seat", "per user", "user", "per agent", "agent", "per seat per month", "per license", "seat based":
		return model.ModelPerSeat
	case "flat", "flat rate", "fixed", "flat fee", "fixed price":
		return model.ModelFlat
	case "usage", "usage based", "metered", "pay as you go", "consumption":
		return model.ModelUsage
	case "tiered", "volume", "tiers", "volume based":
		return model.ModelTiered
	case "contact sales", "contact", "custom", "quote", "contact us", "enterprise quote":
		return model.ModelContactSales
	}
	return ""
}

// parsePeriod reads a billing period: month, monthly, /mo, year, annual…
func parsePeriod(s string) model.Period {
	switch strings.Trim(fold(s), "/ ") {
	case "month", "monthly", "mo", "per month", "a month", "m", "mth", "billed monthly":
		return model.PeriodMonth
	case "year", "yearly", "annual", "annually", "yr", "per year", "a year", "y", "billed annually", "billed yearly":
		return model.PeriodYear
	}
	return ""
}

// contactWord reports prices that are not a number: "Contact sales", "Custom".
func contactWord(s string) bool {
	switch fold(s) {
	case "contact", "contact sales", "contact us", "custom", "custom pricing", "quote", "talk to sales", "call us", "let's talk", "get a quote", "request a quote":
		return true
	}
	return false
}

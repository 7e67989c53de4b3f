package importer

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rivals-app/rivals/model"
)

// defaultCategory holds features that come without a category.
const defaultCategory = "General"

// defaultWeight is the weight of new features that come without one: every feature counts the
// same in comparison scores until someone weighs them (0 would leave them out of the scores).
const defaultWeight = 1

// competitors reads one competitor per row. A row about a stored competitor (same slug, or
// same name when there is no slug column) starts from the stored record: empty cells and
// absent columns keep what is stored.
func (rd *reader) competitors() {
	if !rd.cols.has("slug") && !rd.require("name") {
		return
	}
	rd.warnUnused()
	seen := map[string]int{}
	rd.each(func() {
		nameCol, slugCol := rd.cols.col("name"), rd.cols.col("slug")
		name, slug := rd.t.cell(nameCol), rd.t.cell(slugCol)
		var c model.Competitor
		if old, ok := rd.k.comps[slug]; ok && slug != "" {
			c = old
		} else if old, ok := rd.k.competitor(name); ok && slug == "" && name != "" {
			c = old
		} else if msg := rd.k.listedNames(name); msg != "" && slug == "" {
			rd.errorf(nameCol, "%s", msg)
			return
		}
		storedName := c.Name
		c.Segments, c.Tags = slices.Clone(c.Segments), slices.Clone(c.Tags)
		c.ID, c.CreatedAt, c.UpdatedAt = 0, time.Time{}, time.Time{} // the store keeps its own timestamps
		switch {
		case slug != "":
			c.Slug = slug
		case c.Slug == "":
			c.Slug = model.Slugify(name)
		}
		if c.Slug == "" {
			rd.errorf(max(nameCol, slugCol), "needs a name (or a slug)")
			return
		}
		if line, dup := seen[c.Slug]; dup {
			rd.errorf(max(nameCol, slugCol), "competitor %q is already on line %d", c.Slug, line)
			return
		}
		line, _ := rd.t.r.FieldPos(0)
		seen[c.Slug] = line
		set := func(field string, dst *string) {
			if v := rd.get(field); v != "" {
				*dst = v
			}
		}
		set("name", &c.Name)
		if c.Name == "" {
			c.Name = name
		}
		if storedName != "" && c.Name == c.Slug && storedName != c.Slug {
			// A cell that gives the slug ("harborline") names the competitor; it does not
			// rename Harborline to its own slug.
			c.Name = storedName
		}
		set("website", &c.Website)
		set("positioning", &c.Positioning)
		set("headquarters", &c.Headquarters)
		if v := rd.get("segments"); v != "" {
			c.Segments = list(v)
		}
		if v := rd.get("tags"); v != "" {
			c.Tags = list(v)
		}
		if v := rd.get("founded"); v != "" {
			year, err := strconv.Atoi(v)
			var fe *model.FieldError
			if err != nil {
				rd.errorf(rd.cols.col("founded"), "%q is not a year", v)
			} else if err := model.CheckFoundedYear(year, rd.opt.Today); errors.As(err, &fe) {
				rd.errorf(rd.cols.col("founded"), "%s", fe.Msg)
			}
			c.Founded = year
		}
		if v := rd.get("size_band"); v != "" {
			band, ok := sizeBand(v)
			if !ok {
				rd.errorf(rd.cols.col("size_band"), "%q is not a company size; want a number of employees or one of %s", v, strings.Join(model.SizeBands, ", "))
			}
			c.SizeBand = band
		}
		if v := rd.get("threat"); v != "" {
			c.Threat = model.Threat(fold(v))
		}
		if v := rd.get("status"); v != "" {
			c.Status = model.Status(fold(v))
		}
		if v := rd.get("is_self"); v != "" {
			self, ok := parseBool(v)
			if !ok {
				rd.errorf(rd.cols.col("is_self"), "%q is not yes or no", v)
			}
			c.IsSelf = self
		}
		c.Normalize()
		rd.res.Catalog.Competitors = append(rd.res.Catalog.Competitors, c)
		rd.add(model.KindCompetitors, rd.t.here(-1))
		rd.k.addCompetitor(c)
	})
}

// sizeBand reads a company size: one of model.SizeBands ("51-200", "5000+", also with an en
// dash) or a head count, which is put in its band.
func sizeBand(s string) (string, bool) {
	v := strings.NewReplacer(" ", "", "–", "-", "—", "-", ",", "").Replace(s)
	if slices.Contains(model.SizeBands, v) {
		return v, true
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, "+"))
	if err != nil || n < 1 {
		return "", false
	}
	for _, b := range model.SizeBands {
		lo, hi, _ := strings.Cut(b, "-")
		l, _ := strconv.Atoi(strings.TrimSuffix(lo, "+"))
		h, err := strconv.Atoi(hi)
		if n >= l && (err != nil || n <= h) {
			return b, true
		}
	}
	return "", false
}

// features reads one feature per row, starting from the stored feature of the same key (or
// name) when there is one.
func (rd *reader) features() {
	if !rd.cols.has("key") && !rd.require("name") {
		return
	}
	rd.warnUnused()
	if !rd.cols.has("category") {
		rd.headerWarnf(-1, "no Category column: new features go under %q", defaultCategory)
	}
	seen := map[string]int{}
	rd.each(func() { rd.feature(seen, "") })
}

// feature reads the feature of the current row (features files and matrix rows), appending it
// to the result when it is new or, in a features file, always. heading is the category of the
// section a matrix row sits in. It returns the feature's key.
func (rd *reader) feature(seen map[string]int, heading string) (string, bool) {
	nameCol, keyCol := rd.cols.col("name"), rd.cols.col("key")
	name, key := rd.t.cell(nameCol), rd.t.cell(keyCol)
	col := max(nameCol, keyCol)
	if name == "" && key == "" {
		rd.errorf(col, "needs a feature name (or a key)")
		return "", false
	}
	var f model.Feature
	old, exists := rd.k.feats[key]
	if !exists || key == "" {
		old, exists = rd.k.feature(name)
		if exists && key != "" && old.Key != key {
			exists = false
		}
	}
	if exists {
		f = old
	} else {
		f.Key = key
		if f.Key == "" {
			f.Key = featureKey(name)
		}
	}
	if line, dup := seen[f.Key]; dup {
		rd.errorf(col, "feature %q is already on line %d", f.Key, line)
		return "", false
	}
	line, _ := rd.t.r.FieldPos(0)
	seen[f.Key] = line
	matrix := rd.res.Kind == KindMatrix
	if exists && matrix {
		return f.Key, true // a matrix fills cells; it leaves stored features as they are
	}
	f.ID = 0
	if name != "" {
		f.Name = name
	}
	if v := rd.get("category"); v != "" {
		f.Category = v
	} else if f.Category == "" {
		f.Category = heading
		if f.Category == "" {
			f.Category = defaultCategory
		}
	}
	if v := rd.get("description"); v != "" {
		f.Description = v
	}
	if v := rd.get("weight"); v != "" {
		w, err := strconv.Atoi(v)
		if err != nil {
			rd.errorf(rd.cols.col("weight"), "%q is not a weight; want a whole number from 0 to %d", v, model.MaxWeight)
		}
		f.Weight = w
	} else if !exists {
		f.Weight = defaultWeight
	}
	f.Normalize()
	rd.res.Catalog.Features = append(rd.res.Catalog.Features, f)
	rd.add(model.KindFeatures, rd.t.here(-1))
	rd.k.addFeature(f)
	return f.Key, true
}

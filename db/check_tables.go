package db

import (
	"context"
	"regexp"
	"sort"
	"strconv"
)

// Where integrity_check's problems point: a b-tree by its root page ("Tree 16 page 94…", "On
// tree page 16…"), an index by name ("row 5 missing from index x", "wrong # of entries in
// index x") or a table by name ("NULL value in deals.ref").
var (
	problemRoot  = regexp.MustCompile(`(?:Tree|On tree page) (\d+)`)
	problemIndex = regexp.MustCompile(`index (\w+)`)
	problemTable = regexp.MustCompile(`(?:NULL value in|CHECK constraint failed in|non-unique entry in index) (\w+)`)
)

// DamagedTables names the tables that rep's problems fall in, sorted: those whose pages or
// indexes the check found damaged, and those holding rows whose references are
// broken. It returns nil when it cannot tell (the file's own table list is unreadable, or the
// problems name no b-tree).
func (s *Store) DamagedTables(ctx context.Context, rep CheckReport) []string {
	byRoot, byName := map[int]string{}, map[string]string{}
	rows, err := s.db.QueryContext(ctx, "SELECT name, tbl_name, rootpage FROM sqlite_master WHERE rootpage > 0")
	if err != nil {
		return nil
	}
	for rows.Next() {
		var name, table string
		var root int
		if rows.Scan(&name, &table, &root) == nil {
			byRoot[root], byName[name] = table, table
		}
	}
	if rows.Close() != nil || rows.Err() != nil {
		return nil
	}
	found := map[string]bool{}
	for _, line := range rep.Integrity {
		for _, m := range problemRoot.FindAllStringSubmatch(line, -1) {
			if root, err := strconv.Atoi(m[1]); err == nil && byRoot[root] != "" {
				found[byRoot[root]] = true
			}
		}
		for _, re := range []*regexp.Regexp{problemIndex, problemTable} {
			for _, m := range re.FindAllStringSubmatch(line, -1) {
				if t := byName[m[1]]; t != "" {
					found[t] = true
				}
			}
		}
	}
	for _, p := range rep.ForeignKeys {
		found[p.Table] = true
	}
	if len(found) == 0 {
		return nil
	}
	out := make([]string, 0, len(found))
	for t := range found {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

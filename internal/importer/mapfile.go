package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// ParseMapFile reads a column mapping kept in a file, for --map-file: either a CSV of two
// columns, field then column (a header row "field,column" is skipped), or, for a file named
// .yaml or .yml, one "field: column" per line ("#" starts a comment; values may be quoted).
// Errors name the file and line.
func ParseMapFile(name string, data []byte) (map[string]string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".yaml" || ext == ".yml" {
		return parseMapYAML(name, data)
	}
	return parseMapCSV(name, data)
}

func parseMapYAML(name string, data []byte) (map[string]string, error) {
	out := map[string]string{}
	for i, line := range strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") || line == "---" {
			continue
		}
		field, column, ok := strings.Cut(line, ":")
		if !ok {
			return nil, &Problem{File: name, Line: i + 1, Column: 1, Msg: fmt.Sprintf("%q is not field: column", line)}
		}
		field, column = unquoteYAML(strings.TrimSpace(field)), strings.TrimSpace(column)
		if j := strings.Index(column, " #"); j >= 0 && !strings.HasPrefix(column, `"`) && !strings.HasPrefix(column, "'") {
			column = strings.TrimSpace(column[:j])
		}
		column = unquoteYAML(column)
		if err := addMapping(out, field, column); err != nil {
			return nil, &Problem{File: name, Line: i + 1, Column: 1, Msg: err.Error()}
		}
	}
	return out, nil
}

// unquoteYAML removes the double or single quotes around a scalar.
func unquoteYAML(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}

func parseMapCSV(name string, data []byte) (map[string]string, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	out := map[string]string{}
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, &Problem{File: name, Line: line, Column: 1, Msg: err.Error()}
		}
		if allBlank(rec) {
			continue
		}
		if len(rec) != 2 {
			return nil, &Problem{File: name, Line: line, Column: 1, Msg: fmt.Sprintf("has %d fields; want two: field,column", len(rec))}
		}
		field, column := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if first && strings.EqualFold(field, "field") && strings.EqualFold(column, "column") {
			continue
		}
		if err := addMapping(out, field, column); err != nil {
			return nil, &Problem{File: name, Line: line, Column: 1, Msg: err.Error()}
		}
	}
}

// addMapping adds field → column, refusing a blank side or a field mapped twice.
func addMapping(m map[string]string, field, column string) error {
	switch {
	case field == "" || column == "":
		return fmt.Errorf("needs a field and a column (field,column)")
	case m[field] != "":
		return fmt.Errorf("%s is mapped twice (to %q and %q)", field, m[field], column)
	}
	m[field] = column
	return nil
}

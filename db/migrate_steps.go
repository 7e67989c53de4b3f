package db

import (
	"context"
	"database/sql"
	"regexp"
	"strings"
)

// addColumn matches a migration's "ALTER TABLE t ADD COLUMN c" statement.
var addColumn = regexp.MustCompile(`(?is)^ALTER\s+TABLE\s+(\w+)\s+ADD\s+(?:COLUMN\s+)?(\w+)`)

// applyMigration runs a migration's statements one by one, so that running again a migration
// whose changes are partly in the file already (a file whose user_version was set back) is
// safe: its CREATE statements say IF NOT EXISTS, and an ADD COLUMN of a column the table
// already has is skipped, since SQLite has no IF NOT EXISTS for it.
func applyMigration(ctx context.Context, tx *sql.Tx, body string) error {
	for _, stmt := range splitStatements(body) {
		if m := addColumn.FindStringSubmatch(stmt); m != nil {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ? COLLATE NOCASE", m[1], m[2]).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
		}
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// splitStatements cuts SQL text into statements at semicolons outside quotes and comments,
// dropping comments and empty statements; a trigger ends at the semicolon after its END.
func splitStatements(body string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '-' && i+1 < len(body) && body[i+1] == '-':
			for i < len(body) && body[i] != '\n' {
				i++
			}
			cur.WriteByte('\n')
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(body) && body[j] != c {
				j++
			}
			if j >= len(body) {
				j = len(body) - 1
			}
			cur.WriteString(body[i : j+1])
			i = j
		case c == ';' && inTriggerBody(cur.String()):
			cur.WriteByte(c)
		case c == ';':
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}

// triggerStart and triggerEnd tell a CREATE TRIGGER statement and the END that closes its body.
var (
	triggerStart = regexp.MustCompile(`(?is)^CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TRIGGER\b`)
	triggerEnd   = regexp.MustCompile(`(?is)\bEND\s*$`)
)

// inTriggerBody reports whether the statement so far is a CREATE TRIGGER whose body has not
// ended, so a semicolon belongs to a statement inside it.
func inTriggerBody(stmt string) bool {
	stmt = strings.TrimSpace(stmt)
	return triggerStart.MatchString(stmt) && !triggerEnd.MatchString(stmt)
}

package server

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"unicode"

	gossh "golang.org/x/crypto/ssh"
)

// Role is what a user of the team server may do.
type Role string

// The roles of the users file.
const (
	// RoleReader may read everything and change nothing.
	RoleReader Role = "reader"
	// RoleEditor may also change the catalog.
	RoleEditor Role = "editor"
	// RoleAdmin is an editor who may also reload the users file (ssh host users reload).
	RoleAdmin Role = "admin"
)

// MayEdit reports whether the role may change the catalog.
func (r Role) MayEdit() bool { return r == RoleEditor || r == RoleAdmin }

// User is someone the server lets in: their name (the author of their changes) and role.
type User struct {
	Name string
	Role Role
}

// Users maps public keys (by their SHA256 fingerprint) to the users they belong to.
type Users struct {
	byKey map[string]User
}

// Lookup returns the user whose key this is.
func (u *Users) Lookup(key gossh.PublicKey) (User, bool) {
	if u == nil {
		return User{}, false
	}
	user, ok := u.byKey[gossh.FingerprintSHA256(key)]
	return user, ok
}

// Len is the number of keys known.
func (u *Users) Len() int {
	if u == nil {
		return 0
	}
	return len(u.byKey)
}

// maxUsersFile is the largest users file read: a team's keys fit in far less.
const maxUsersFile = 4 << 20

// LoadUsers reads a users file: one line per key, "ROLE NAME KEY-TYPE BASE64 [comment]"
// (editor marta ssh-ed25519 AAAA… marta@laptop), with # comments and blank lines. A mistake
// is reported with its line number.
func LoadUsers(path string) (*Users, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) > maxUsersFile {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, maxUsersFile)
	}
	users, err := ParseUsers(data)
	if err != nil {
		return nil, fmt.Errorf("%s %w", path, err)
	}
	return users, nil
}

// ParseUsers reads the text of a users file (see LoadUsers).
func ParseUsers(data []byte) (*Users, error) {
	users := &Users{byKey: map[string]User{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		user, key, err := parseUserLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		fp := gossh.FingerprintSHA256(key)
		if had, dup := users.byKey[fp]; dup {
			return nil, fmt.Errorf("line %d: this key is already %s's", n, had.Name)
		}
		users.byKey[fp] = user
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line too long: %w", err)
	}
	return users, nil
}

// parseUserLine reads one "ROLE NAME KEY-TYPE BASE64 [comment]" line.
func parseUserLine(line string) (User, gossh.PublicKey, error) {
	fields := strings.Fields(line)
	if len(fields) < 4 {
		return User{}, nil, fmt.Errorf("want ROLE NAME KEY-TYPE KEY [comment], like: editor marta ssh-ed25519 AAAA…")
	}
	role := Role(fields[0])
	switch role {
	case RoleReader, RoleEditor, RoleAdmin:
	default:
		return User{}, nil, fmt.Errorf("unknown role %q (want reader, editor or admin)", clip(fields[0]))
	}
	name := fields[1]
	if err := checkName(name); err != nil {
		return User{}, nil, err
	}
	key, _, _, _, err := gossh.ParseAuthorizedKey([]byte(strings.Join(fields[2:], " ")))
	if err != nil {
		return User{}, nil, fmt.Errorf("%s's key: %v", name, err)
	}
	return User{Name: name, Role: role}, key, nil
}

// checkName refuses names that could not be shown or logged plainly.
func checkName(name string) error {
	if len(name) > 64 {
		return fmt.Errorf("name %q is longer than 64 characters", clip(name))
	}
	for _, r := range name {
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return fmt.Errorf("name %q holds a character that is not printable", clip(name))
		}
	}
	return nil
}

// clip shortens a bad value for an error message, without its control characters.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

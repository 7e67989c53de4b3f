package server

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/model"
	gossh "golang.org/x/crypto/ssh"
)

func testPublicKey(t *testing.T) (gossh.PublicKey, string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	key, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return key, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key)))
}

func TestParseUsers(t *testing.T) {
	marta, martaLine := testPublicKey(t)
	rui, ruiLine := testPublicKey(t)
	stranger, _ := testPublicKey(t)
	users, err := ParseUsers([]byte("# team\n\neditor marta " + martaLine + " marta@laptop\n  reader rui " + ruiLine + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := users.Lookup(marta); !ok || u != (User{Name: "marta", Role: RoleEditor}) {
		t.Errorf("marta: %+v %v", u, ok)
	}
	if u, ok := users.Lookup(rui); !ok || u.Role != RoleReader || u.Role.MayEdit() {
		t.Errorf("rui: %+v %v", u, ok)
	}
	if _, ok := users.Lookup(stranger); ok {
		t.Error("an unknown key was found")
	}
	bad := []struct{ text, want string }{
		{"editor marta\n", "line 1: want ROLE NAME KEY-TYPE KEY"},
		{"# x\nowner marta " + martaLine + "\n", `line 2: unknown role "owner"`},
		{"editor marta ssh-ed25519 AAAAnot-a-key\n", "line 1: marta's key"},
		{"editor marta " + martaLine + "\nreader rui " + martaLine + "\n", "line 2: this key is already marta's"},
		{"editor " + strings.Repeat("m", 65) + " " + martaLine + "\n", "line 1: name"},
	}
	for _, c := range bad {
		_, err := ParseUsers([]byte(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
	}
}

func TestHostKeyIsMadeOnceAndKeptPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "host")
	first, err := LoadOrCreateHostKey(path)
	if err != nil || !first.Created {
		t.Fatalf("first start: %v %v", err, first.Created)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key file: %v %v", err, fi.Mode())
	}
	again, err := LoadOrCreateHostKey(path)
	if err != nil || again.Created || again.Fingerprint() != first.Fingerprint() {
		t.Fatalf("second start: %v created=%v %s vs %s", err, again.Created, again.Fingerprint(), first.Fingerprint())
	}
	if !strings.HasPrefix(first.Fingerprint(), "SHA256:") || first.Signer.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("key %s %s", first.Signer.PublicKey().Type(), first.Fingerprint())
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateHostKey(path); err == nil || !strings.Contains(err.Error(), "read by others") {
		t.Errorf("a world-readable host key: %v", err)
	}
}

func TestAuthLimiter(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	l := newAuthLimiter(3, time.Minute, func() time.Time { return now })
	for range 3 {
		if l.blocked("10.0.0.1") {
			t.Fatal("blocked before the limit")
		}
		l.fail("10.0.0.1")
	}
	if !l.blocked("10.0.0.1") || l.blocked("10.0.0.2") {
		t.Error("the limit is per address")
	}
	now = now.Add(time.Minute)
	if l.blocked("10.0.0.1") {
		t.Error("still blocked after the minute")
	}
}

// A reader's store is the read-only connection: a write through it fails in the database,
// whatever a screen asks for.
func TestReadersHoldAStoreThatCannotWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "team.db")
	writer, err := db.OpenWith(ctx, path, db.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	reader, err := db.OpenWith(ctx, path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	signer, err := gossh.NewSignerFromKey(ed25519.NewKeyFromSeed(make([]byte, 32)))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Reader: reader, Writer: writer, HostKey: HostKey{Signer: signer},
		Run: func(context.Context, Command) int { return 0 }})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	c := model.Competitor{Slug: "zephyrdesk", Name: "Zephyrdesk"}
	if _, err := s.storeFor(User{Name: "rui", Role: RoleReader}, "test").SaveCompetitor(ctx, c, now); !errors.Is(err, db.ErrReadOnly) {
		t.Errorf("a reader's write: %v, want ErrReadOnly", err)
	}
	editor := s.storeFor(User{Name: "marta", Role: RoleEditor}, "test")
	if _, err := editor.SaveCompetitor(ctx, c, now); err != nil {
		t.Fatalf("an editor's write: %v", err)
	}
	if got := editor.Origin(); got.Author != "marta" || got.Source != "test" {
		t.Errorf("an editor writes as %+v", got)
	}
}

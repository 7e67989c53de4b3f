// Package server is rivals' team server: an SSH server (charmbracelet/wish) that puts one
// catalog in front of a team. A session with a terminal gets the full TUI; a command line
// (ssh host card harborline) runs the CLI's read commands, and editors' writes, against the
// served database. Who may do what comes from a users file of public keys, and the rule is
// enforced where data is written: readers only ever hold read-only connections.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/tui"
	gossh "golang.org/x/crypto/ssh"
)

// Defaults for Config's zero values.
const (
	DefaultMaxSessions = 100
	DefaultIdleTimeout = 30 * time.Minute
	// ShutdownGrace is how long a stopping server lets sessions finish (writes commit)
	// before it closes the connections still open.
	ShutdownGrace = 8 * time.Second
	// authFailuresPerMinute is how many failed logins an address may make in a minute.
	authFailuresPerMinute = 20
)

// Command is one command line a user runs over SSH (ssh host card harborline).
type Command struct {
	Args           []string
	User           User
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Config is what a server needs: the stores, who may come in, and how to run commands.
type Config struct {
	// Reader is the served database opened read-only: readers' sessions and the catalog every
	// session shares read through it.
	Reader *db.Store
	// Writer is the same database opened for writing, for editors' sessions.
	Writer *db.Store
	// HostKey is the server's identity.
	HostKey HostKey
	// UsersFile is the users file, re-read by ReloadUsers ("" for none: only
	// AllowReadAnyone lets anyone in).
	UsersFile string
	// AllowReadAnyone lets in keys the users file does not know, as readers named by the
	// key's fingerprint.
	AllowReadAnyone bool
	// MaxSessions is how many sessions may be open at once (DefaultMaxSessions when 0).
	MaxSessions int
	// IdleTimeout closes a connection with no traffic for that long (DefaultIdleTimeout when
	// 0; negative: never).
	IdleTimeout time.Duration
	// WatchEvery is how often the server looks for changes to the catalog, for every session
	// (1 s when 0); sessions compare their snapshot with it twice as often, so each sees
	// another's change within about 1.5 s plus the time to read it.
	WatchEvery time.Duration
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Run runs a command line for a user and returns its exit status (cli.Main with a Remote).
	Run func(ctx context.Context, c Command) int
	// CommandName names the command of a command line for the log ("card", "price history").
	CommandName func(args []string) string
	// Log receives connections, sessions and their outcome; never catalog text or keys.
	Log *log.Logger
}

// Server is a running team server.
type Server struct {
	cfg     Config
	ssh     *ssh.Server
	shared  *tui.SharedCatalog
	limiter *authLimiter

	users    atomic.Pointer[Users]
	reloadMu sync.Mutex

	stopping atomic.Bool
	active   atomic.Int64
	mu       sync.Mutex
	quitters map[int64]func() // every open TUI session's way to quit, by session number
	nextID   int64
}

// userKey is where a connection's context keeps the user its key belongs to.
type userKey struct{}

// New makes a server from cfg and reads the users file; a malformed file is refused with the
// line it trips on.
func New(cfg Config) (*Server, error) {
	if cfg.Reader == nil || cfg.Writer == nil || cfg.Run == nil || cfg.HostKey.Signer == nil {
		return nil, errors.New("server: Reader, Writer, Run and HostKey are required")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.WatchEvery <= 0 {
		cfg.WatchEvery = time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = log.New(io.Discard)
	}
	if cfg.CommandName == nil {
		cfg.CommandName = func(args []string) string { return args[0] }
	}
	s := &Server{cfg: cfg, limiter: newAuthLimiter(authFailuresPerMinute, time.Minute, cfg.Now), quitters: map[int64]func(){}}
	users := &Users{}
	if cfg.UsersFile != "" {
		var err error
		if users, err = LoadUsers(cfg.UsersFile); err != nil {
			return nil, err
		}
	}
	s.users.Store(users)
	opts := []ssh.Option{
		wish.WithPublicKeyAuth(s.authorize),
		func(srv *ssh.Server) error {
			srv.AddHostKey(cfg.HostKey.Signer)
			srv.ConnCallback = s.accept
			srv.Handler = s.handle
			return nil
		},
	}
	if cfg.IdleTimeout > 0 {
		opts = append(opts, wish.WithIdleTimeout(cfg.IdleTimeout))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, err
	}
	s.ssh = srv
	return s, nil
}

// Users returns how many keys the users file in use holds.
func (s *Server) Users() int { return s.users.Load().Len() }

// ReloadUsers re-reads the users file. A malformed file keeps the users in use, and the error
// says why. Open sessions keep the role they came in with.
func (s *Server) ReloadUsers() error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	if s.cfg.UsersFile == "" {
		return errors.New("no users file was given (--users)")
	}
	users, err := LoadUsers(s.cfg.UsersFile)
	if err != nil {
		s.cfg.Log.Error("users file not reloaded; the previous users stay", "err", err)
		return err
	}
	s.users.Store(users)
	s.cfg.Log.Info("users file reloaded", "keys", users.Len())
	return nil
}

// Serve accepts connections on ln until ctx is cancelled, then stops: it accepts no more, tells
// the open TUI sessions and closes them, lets commands under way finish (their writes commit)
// for up to ShutdownGrace, and closes what is left. hangups, when not nil, asks for the users
// file to be re-read.
func (s *Server) Serve(ctx context.Context, ln net.Listener, hangups <-chan struct{}) error {
	// Library styles built on lipgloss's default renderer must never query a terminal.
	lipgloss.SetHasDarkBackground(true)
	s.shared = tui.NewSharedCatalog(s.cfg.Reader, s.cfg.WatchEvery)
	defer s.shared.Close()
	served := make(chan error, 1)
	go func() { served <- s.ssh.Serve(ln) }()
	for {
		select {
		case <-hangups:
			_ = s.ReloadUsers() // logged; the previous users stay
			continue
		case err := <-served:
			if errors.Is(err, ssh.ErrServerClosed) {
				return nil
			}
			return err
		case <-ctx.Done():
		}
		break
	}
	return s.shutdown(served)
}

// shutdown stops the server: see Serve.
func (s *Server) shutdown(served <-chan error) error {
	s.stopping.Store(true)
	s.cfg.Log.Info("shutting down", "sessions", s.active.Load())
	grace, cancel := context.WithTimeout(context.Background(), ShutdownGrace)
	defer cancel()
	// Shutdown closes the listeners at once, then waits for connections a client may keep
	// open without a session: the sessions are what must finish.
	go func() { _ = s.ssh.Shutdown(grace) }()
	s.mu.Lock()
	for _, quit := range s.quitters {
		quit()
	}
	s.mu.Unlock()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for s.active.Load() > 0 {
		select {
		case <-grace.Done():
			s.cfg.Log.Warn("sessions still open after the grace period are closed", "sessions", s.active.Load())
			_ = s.ssh.Close()
			<-served
			return nil
		case <-tick.C:
		}
	}
	_ = s.ssh.Close()
	<-served
	return nil
}

// accept refuses at once a connection from an address that failed to log in too often.
func (s *Server) accept(ctx ssh.Context, conn net.Conn) net.Conn {
	if s.stopping.Load() || s.limiter.blocked(hostOf(conn.RemoteAddr())) {
		conn.Close()
		return nil
	}
	return conn
}

// authorize lets in the keys of the users file (and any key with AllowReadAnyone, as a reader
// named by its fingerprint). Failures count against the address.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	addr := hostOf(ctx.RemoteAddr())
	if s.limiter.blocked(addr) {
		return false
	}
	user, ok := s.users.Load().Lookup(key)
	if !ok && s.cfg.AllowReadAnyone {
		user, ok = User{Name: gossh.FingerprintSHA256(key), Role: RoleReader}, true
	}
	if !ok {
		s.limiter.fail(addr)
		s.cfg.Log.Warn("key refused", "addr", addr, "key", gossh.FingerprintSHA256(key))
		return false
	}
	ctx.SetValue(userKey{}, user)
	return true
}

// hostOf is the address without its port: limits apply to a machine, not a connection.
func hostOf(addr net.Addr) string {
	if addr == nil {
		return ""
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}

// storeFor is the store a user's session or command writes through: readers get the
// read-only connection, so no screen can turn into a write for them.
func (s *Server) storeFor(u User, source string) *db.Store {
	base := s.cfg.Reader
	if u.Role.MayEdit() {
		base = s.cfg.Writer
	}
	return base.As(db.Origin{Author: u.Name, Source: source, Now: s.cfg.Now})
}

// register keeps a TUI session's way to quit, for shutdown; the returned func forgets it.
func (s *Server) register(quit func()) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	id := s.nextID
	s.quitters[id] = quit
	if s.stopping.Load() {
		go quit()
	}
	return func() {
		s.mu.Lock()
		delete(s.quitters, id)
		s.mu.Unlock()
	}
}

// errBusy is what a session is told when MaxSessions are open.
var errBusy = fmt.Errorf("the server is busy; try again in a minute")

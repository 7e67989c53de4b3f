package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
	"github.com/rivals-app/rivals/tui"
)

// Exit statuses of the server's own answers (commands keep the CLI's).
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// ShutdownNotice is what open TUI sessions are told when the server stops.
const ShutdownNotice = "rivals: the server is shutting down; your saved changes are kept. Reconnect in a moment."

// handle serves one session: the TUI when the client has a terminal and names no command,
// else the command line. A panic ends the session, never the server.
func (s *Server) handle(sess ssh.Session) {
	user, _ := sess.Context().Value(userKey{}).(User)
	args := sess.Command()
	_, _, hasPty := sess.Pty()
	what := "tui"
	if len(args) > 0 {
		what = s.commandName(args)
	}
	addr := hostOf(sess.RemoteAddr())
	n := s.active.Add(1)
	defer s.active.Add(-1)
	start := time.Now()
	s.cfg.Log.Info("connect", "user", user.Name, "role", string(user.Role), "addr", addr, "command", what)
	code := exitError
	func() {
		defer func() {
			if r := recover(); r != nil {
				// The panic's value may quote catalog text: the log names the session only.
				s.cfg.Log.Error("session failed with a panic", "user", user.Name, "command", what)
				code = exitError
			}
		}()
		code = s.serve(sess, user, args, hasPty, n)
	}()
	s.cfg.Log.Info("disconnect", "user", user.Name, "role", string(user.Role), "command", what,
		"duration", time.Since(start).Round(time.Millisecond), "exit", code)
	_ = sess.Exit(code)
}

// serve picks what the session runs and returns its exit status.
func (s *Server) serve(sess ssh.Session, user User, args []string, hasPty bool, open int64) int {
	switch {
	case user.Name == "":
		return answer(sess, exitError, "rivals: not authorised")
	case s.stopping.Load():
		return answer(sess, exitError, "rivals: the server is shutting down; try again in a moment")
	case open > int64(s.cfg.MaxSessions):
		return answer(sess, exitError, "rivals: "+errBusy.Error())
	case len(args) == 0 && !hasPty:
		return answer(sess, exitUsage, "rivals: the TUI needs a terminal: connect with ssh -t, or name a command (ssh HOST list)")
	case len(args) == 0:
		return s.runTUI(sess, user)
	case args[0] == "users":
		return s.usersCommand(sess, user, args[1:])
	}
	return s.cfg.Run(sess.Context(), Command{Args: args, User: user, Stdin: sess, Stdout: sess, Stderr: sess.Stderr()})
}

// commandName names a command line for the log, without its arguments (which may quote
// catalog text).
func (s *Server) commandName(args []string) string {
	if args[0] == "users" {
		if len(args) > 1 && args[1] == "reload" {
			return "users reload"
		}
		return "users"
	}
	return s.cfg.CommandName(args)
}

// answer writes one line to the session's standard error and returns code.
func answer(sess ssh.Session, code int, msg string) int {
	fmt.Fprintln(sess.Stderr(), msg)
	return code
}

// usersCommand runs "users reload": an admin re-reads the users file.
func (s *Server) usersCommand(sess ssh.Session, user User, args []string) int {
	if len(args) != 1 || args[0] != "reload" {
		return answer(sess, exitUsage, "rivals users: usage: users reload")
	}
	if user.Role != RoleAdmin {
		return answer(sess, exitError, "rivals users reload: only an admin may reload the users file")
	}
	if err := s.ReloadUsers(); err != nil {
		return answer(sess, exitError, "rivals users reload: "+err.Error()+"; the previous users stay")
	}
	fmt.Fprintf(sess, "users file reloaded: %d keys\n", s.Users())
	return exitOK
}

// runTUI runs the TUI for one session, at the client's size and in its terminal's colours,
// until the user quits, the client goes or the server stops.
func (s *Server) runTUI(sess ssh.Session, user User) int {
	pty, windows, _ := sess.Pty()
	env := sessionEnv(append(sess.Environ(), "TERM="+pty.Term))
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	opts := tui.Options{
		Renderer:   sessionRenderer(sess, pty.Term, env),
		ASCII:      tui.WantsASCII(env.Getenv),
		ReadOnly:   !user.Role.MayEdit(),
		Remote:     true,
		Shared:     s.shared,
		Clipboard:  sess,
		WatchEvery: s.cfg.WatchEvery,
		Now:        s.cfg.Now,
	}
	model := tui.New(ctx, s.storeFor(user, "tui over ssh"), opts)
	p := tea.NewProgram(model, tea.WithInput(sess), tea.WithOutput(sess), tea.WithAltScreen(),
		tea.WithFPS(tui.FramesPerSecond), tea.WithContext(ctx), tea.WithoutSignalHandler())
	forget := s.register(p.Quit)
	defer forget()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case w, ok := <-windows:
				if !ok {
					return
				}
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	_, err := p.Run()
	if s.stopping.Load() {
		fmt.Fprint(sess, "\r\n"+ShutdownNotice+"\r\n")
		return exitOK
	}
	switch {
	case err == nil, errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrProgramPanic):
		return exitOK
	case errors.Is(err, tea.ErrProgramPanic):
		s.cfg.Log.Error("session's TUI failed with a panic", "user", user.Name)
	}
	return exitError
}

// sessionRenderer is a lipgloss renderer on the session's output: colours as the client's
// TERM and COLORTERM allow, a dark or light theme from RIVALS_THEME or COLORFGBG (dark when
// neither says). It never queries the client's terminal, which could hold the session up.
func sessionRenderer(out io.Writer, term string, env sessionEnv) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(out, termenv.WithEnvironment(env), termenv.WithUnsafe())
	if term == "" || term == "dumb" || env.Getenv("NO_COLOR") != "" {
		r.SetColorProfile(termenv.Ascii)
	} else {
		r.SetColorProfile(termenv.NewOutput(io.Discard, termenv.WithEnvironment(env), termenv.WithUnsafe()).EnvColorProfile())
	}
	r.SetHasDarkBackground(tui.HasDarkBackground(env.Getenv))
	return r
}

// sessionEnv is the environment the client sent (TERM from its pty request, and whatever
// variables it passed), for termenv and the theme.
type sessionEnv []string

// Environ implements termenv.Environ.
func (e sessionEnv) Environ() []string { return e }

// Getenv implements termenv.Environ: the last value sent for k wins.
func (e sessionEnv) Getenv(k string) string {
	for i := len(e) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(e[i], k+"="); ok {
			return v
		}
	}
	return ""
}

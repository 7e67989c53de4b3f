package server

import (
	"sync"
	"time"
)

// authLimiter counts failed logins per remote address: past max failures within a window, the
// address is refused until the window ends, so keys cannot be guessed at speed.
type authLimiter struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	addrs map[string]*failures
}

// failures are one address's failed logins in the current window.
type failures struct {
	since time.Time
	count int
}

// limiterForget is how many addresses are kept before expired ones are dropped.
const limiterForget = 4096

func newAuthLimiter(max int, window time.Duration, now func() time.Time) *authLimiter {
	return &authLimiter{max: max, window: window, now: now, addrs: map[string]*failures{}}
}

// blocked reports whether addr has failed too often in the current window.
func (l *authLimiter) blocked(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.addrs[addr]
	if f == nil {
		return false
	}
	if l.now().Sub(f.since) >= l.window {
		delete(l.addrs, addr)
		return false
	}
	return f.count >= l.max
}

// fail records a failed login from addr.
func (l *authLimiter) fail(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.addrs) >= limiterForget {
		for a, f := range l.addrs {
			if now.Sub(f.since) >= l.window {
				delete(l.addrs, a)
			}
		}
	}
	f := l.addrs[addr]
	if f == nil || now.Sub(f.since) >= l.window {
		f = &failures{since: now}
		l.addrs[addr] = f
	}
	f.count++
}

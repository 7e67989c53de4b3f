package db

import (
	"context"
	"database/sql"
	"sync"
)

// Watcher tells whether anyone else (another process, or another connection of this one)
// committed a change to the database since it last looked. It holds one connection of its own
// and reads SQLite's data_version, which costs no I/O beyond a lock check; a screen can poll it
// every second or two.
type Watcher struct {
	mu      sync.Mutex
	conn    *sql.Conn
	version int64
}

// Watch starts watching the database for changes committed from now on.
func (s *Store) Watch(ctx context.Context) (*Watcher, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	w := &Watcher{conn: conn}
	if err := conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&w.version); err != nil {
		conn.Close()
		return nil, err
	}
	return w, nil
}

// Changed reports whether a change was committed since the last call (or since Watch). It is
// safe for concurrent use.
func (w *Watcher) Changed(ctx context.Context) (bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var v int64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return false, err
	}
	changed := v != w.version
	w.version = v
	return changed, nil
}

// Close releases the watcher's connection.
func (w *Watcher) Close() error { return w.conn.Close() }

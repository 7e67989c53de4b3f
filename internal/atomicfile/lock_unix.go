//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// locksWork says whether lock and tryLock can tell a live writer from a dead one.
const locksWork = true

// lock takes an exclusive flock on f, released when f is closed or its process dies.
func lock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// tryLock reports whether f's exclusive flock could be taken, which means no writer holds it.
func tryLock(f *os.File) bool { return lock(f) == nil }

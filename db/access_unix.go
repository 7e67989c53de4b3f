//go:build unix

package db

import "syscall"

// writable reports whether this process may write path, as the kernel would decide: for the
// owner of a 0400 file, on a read-only mount, or in a directory without write permission, it
// may not.
func writable(path string) bool {
	const wOK = 0x2 // W_OK
	return syscall.Access(path, wOK) == nil
}

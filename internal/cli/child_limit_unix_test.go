//go:build unix

package cli

import (
	"os/signal"
	"syscall"
)

// canLimitFileSize says whether setFileSizeLimit works here.
const canLimitFileSize = true

// setFileSizeLimit lowers this process's RLIMIT_FSIZE to n bytes and ignores SIGXFSZ, so that
// writes beyond n fail with EFBIG, as writes to a full disk fail with ENOSPC.
func setFileSizeLimit(n uint64) error {
	signal.Ignore(syscall.SIGXFSZ)
	return syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n})
}

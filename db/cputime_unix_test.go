//go:build unix

package db

import (
	"syscall"
	"time"
)

// processCPU is the processor time this process has used so far, user and system, on every
// thread: what a benchmark's work cost, however many other programs share the machine.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

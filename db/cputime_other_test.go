//go:build !unix

package db

import "time"

// processCPU is unknown without getrusage(2): benchmarks then report no processor time.
func processCPU() (time.Duration, bool) { return 0, false }

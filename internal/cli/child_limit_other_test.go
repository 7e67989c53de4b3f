//go:build !unix

package cli

import "errors"

// canLimitFileSize says whether setFileSizeLimit works here.
const canLimitFileSize = false

func setFileSizeLimit(uint64) error { return errors.New("no file size limit on this platform") }

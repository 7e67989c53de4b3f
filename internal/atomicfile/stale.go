package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
)

// RemoveStale removes from dir the temporary files that writers of the named files left when
// they were killed before finishing (".NAME.tmp-RANDOM"), and returns how many it removed. A
// temporary file whose writer is still at work is locked, and is left alone. Where the
// platform offers no file locks, nothing is removed.
func RemoveStale(dir string, names ...string) (int, error) {
	if !locksWork || len(names) == 0 {
		return 0, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	prefixes := make([]string, len(names))
	for i, name := range names {
		prefixes[i] = tempPrefix(name)
	}
	removed := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), ".") {
			continue
		}
		for _, p := range prefixes {
			if strings.HasPrefix(e.Name(), p) && len(e.Name()) > len(p) {
				if removeIfAbandoned(filepath.Join(dir, e.Name())) {
					removed++
				}
				break
			}
		}
	}
	return removed, nil
}

// removeIfAbandoned removes path when no writer holds its lock.
func removeIfAbandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if !tryLock(f) {
		return false
	}
	return os.Remove(path) == nil
}

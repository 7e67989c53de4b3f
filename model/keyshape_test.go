package model

import (
	"regexp"
	"testing"
)

// The byte-by-byte key checks accept exactly what the patterns of the format accept.
var (
	slugPattern       = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	featureKeyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)
	codePattern       = regexp.MustCompile(`^[a-z0-9][a-z0-9_]*$`)
)

var keySeeds = []string{"", "a", "-", "a-", "-a", "a-b", "a--b", "ab-cd-9", "A", "a_b", "a.b", "_a", ".a", "0",
	"a\n", "é", "a b", "a\x00", "abc\xff", "sso.saml_v2-x", "price_gap", "a-_b"}

func checkKeyShapes(t *testing.T, s string) {
	if got, want := slugShaped(s), slugPattern.MatchString(s); got != want {
		t.Errorf("slugShaped(%q) = %v, want %v", s, got, want)
	}
	if got, want := keyShaped(s, "_.-"), featureKeyPattern.MatchString(s); got != want {
		t.Errorf("feature key %q: %v, want %v", s, got, want)
	}
	if got, want := keyShaped(s, "_"), codePattern.MatchString(s); got != want {
		t.Errorf("code %q: %v, want %v", s, got, want)
	}
}

func TestKeyShapesMatchPatterns(t *testing.T) {
	for _, s := range keySeeds {
		checkKeyShapes(t, s)
	}
}

func FuzzKeyShapes(f *testing.F) {
	for _, s := range keySeeds {
		f.Add(s)
	}
	f.Fuzz(checkKeyShapes)
}

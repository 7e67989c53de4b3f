// Package arch holds no code: its test keeps rivals' imports pointing one way,
//
//	main → internal/cli → tui → internal/report, internal/search → db → model
//
// with the importer, the catalog format and the small helpers (termtext, atomicfile) beside
// them. The table in arch_test.go is the rule; a new package is added to it on purpose.
package arch

// Package model holds rivals' domain types, their validation and the pure domain logic built on
// them. It imports only the standard library so every other package can depend on it.
package model

import (
	"errors"
	"fmt"
	"strings"
)

// FieldError reports that one field of a record is invalid. Field uses the catalog JSON name
// (for example "threat" or "observations[2].amount") so the message can be traced back to the
// input a user wrote.
type FieldError struct {
	Field string
	Msg   string
}

// Error implements error as "field: message".
func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

// fieldErr builds a *FieldError with a formatted message.
func fieldErr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Nested returns a copy of err with its field path prefixed by parent, so validation of a
// nested value ("tiers[1].amount") can be reported against its container ("observations[0]").
// Errors that are not *FieldError are returned unchanged.
func Nested(parent string, err error) error {
	var fe *FieldError
	if !errors.As(err, &fe) {
		return err
	}
	field := parent
	if fe.Field != "" {
		if strings.HasPrefix(fe.Field, "[") {
			field += fe.Field
		} else {
			field += "." + fe.Field
		}
	}
	return &FieldError{Field: field, Msg: fe.Msg}
}

// oneOf formats the allowed values of an enumeration for an error message.
func oneOf[T ~string](values []T) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = string(v)
	}
	return "must be one of " + strings.Join(parts, ", ")
}

// firstProblem runs checks in order and returns the first error.
func firstProblem(checks []func() error) error {
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// fieldProblem returns the first error about field (or one of its items, "field[2]"), as a
// *FieldError, ignoring problems with other fields.
func fieldProblem(checks []func() error, field string) error {
	for _, check := range checks {
		err := check()
		var fe *FieldError
		if errors.As(err, &fe) && (fe.Field == field || strings.HasPrefix(fe.Field, field+"[") || strings.HasPrefix(fe.Field, field+".")) {
			return err
		}
	}
	return nil
}

// Package contingent looks children up in «Контингент», the region's
// registry of pupils, by their identity document. Two registries answer
// the same interface: the built-in one, loaded from the region's CSV
// extracts by `navigator contingent import`, and an HTTP client for a
// region that runs its own registry service.
package contingent

import (
	"context"
	"errors"

	"navigator"
	"navigator/internal/store"
)

// Record is a child as the registry knows it.
type Record struct {
	LastName       string                 `json:"last_name"`
	FirstName      string                 `json:"first_name"`
	Patronymic     string                 `json:"patronymic"`
	BirthDate      navigator.Date         `json:"birth_date"`
	Sex            string                 `json:"sex"`
	DocumentType   navigator.DocumentType `json:"document_type"`
	DocumentSeries string                 `json:"document_series"`
	DocumentNumber string                 `json:"document_number"`
	SNILS          string                 `json:"snils"`
}

// Query asks for a child by the identity document; a birth date, when
// given, must match too.
type Query struct {
	DocumentType navigator.DocumentType
	Series       string
	Number       string
	BirthDate    navigator.Date
}

// Errors of Lookup.
var (
	ErrNotFound    = errors.New("contingent: no such child")
	ErrUnavailable = errors.New("contingent: the registry did not answer")
)

// Registry finds children.
type Registry interface {
	Lookup(ctx context.Context, q Query) (*Record, error)
}

// Keys seal and open the registry's personal data.
type Keys interface {
	store.Sealer
	Open(sealed []byte) (string, error)
}

// hashDomain is the domain of the documents' keyed hashes in the
// registry (store.rotate computes the same).
const hashDomain = "contingent"

// documentText is how the registry keeps a document sealed: series and
// number, tab-separated.
func documentText(series, number string) string { return series + "\t" + number }

package contingent

import (
	"context"
	"fmt"
	"strings"

	"navigator"
	"navigator/internal/store"
)

// Builtin is the registry kept in the Навигатор's own database.
type Builtin struct {
	db   *store.DB
	keys Keys
}

// NewBuiltin returns the built-in registry.
func NewBuiltin(db *store.DB, keys Keys) *Builtin { return &Builtin{db: db, keys: keys} }

// Lookup finds a child by the document, typed in any of its usual forms.
func (b *Builtin) Lookup(ctx context.Context, q Query) (*Record, error) {
	series, number, err := navigator.NormalizeDocument(q.DocumentType, q.Series, q.Number)
	if err != nil {
		return nil, err
	}
	row, err := b.db.ContingentByDocument(ctx, string(q.DocumentType), b.keys.Hash(hashDomain, navigator.DocumentKey(q.DocumentType, series, number)))
	if navigator.ErrorKind(err) == navigator.KindNotFound {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	if !q.BirthDate.IsZero() && row.BirthDate != q.BirthDate {
		return nil, ErrNotFound
	}
	rec := &Record{LastName: row.LastName, FirstName: row.FirstName, Patronymic: row.Patronymic, BirthDate: row.BirthDate,
		Sex: row.Sex, DocumentType: navigator.DocumentType(row.DocumentType)}
	if doc, err := b.keys.Open(row.DocumentSealed); err == nil {
		rec.DocumentSeries, rec.DocumentNumber, _ = strings.Cut(doc, "\t")
	}
	if len(row.SNILSSealed) > 0 {
		if s, err := b.keys.Open(row.SNILSSealed); err == nil {
			rec.SNILS = s
		}
	}
	return rec, nil
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"navigator"
)

// ContingentRow is a registry record as stored: the document and СНИЛС
// sealed, the document found by its keyed hash.
type ContingentRow struct {
	LastName, FirstName, Patronymic string
	BirthDate                       navigator.Date
	Sex, DocumentType               string
	DocumentSealed                  []byte
	DocumentHash                    string
	SNILSSealed                     []byte
}

// importBatch is how many rows go into one INSERT.
const importBatch = 200

// ImportContingent loads registry records in one transaction: all or
// none. next returns the next row, or false at the end; an error from it
// rolls everything back. A record with a document already in the registry
// replaces it.
func (db *DB) ImportContingent(ctx context.Context, next func() (ContingentRow, bool, error)) (int, error) {
	n := 0
	err := db.Update(ctx, func(tx *Tx) error {
		batch := make([]ContingentRow, 0, importBatch)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			if err := insertContingent(ctx, tx, batch); err != nil {
				return err
			}
			n += len(batch)
			batch = batch[:0]
			return nil
		}
		for {
			row, ok, err := next()
			if err != nil {
				return err
			}
			if !ok {
				return flush()
			}
			batch = append(batch, row)
			if len(batch) == importBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

func insertContingent(ctx context.Context, tx *Tx, rows []ContingentRow) error {
	var b strings.Builder
	b.WriteString(`INSERT INTO contingent_records (last_name, first_name, patronymic, birth_date, sex, document_type,
		document_sealed, document_hash, snils_sealed, imported_at) VALUES `)
	args := make([]any, 0, len(rows)*10)
	now := tx.Now()
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
		var snils any
		if len(r.SNILSSealed) > 0 {
			snils = r.SNILSSealed
		}
		args = append(args, r.LastName, r.FirstName, r.Patronymic, r.BirthDate, r.Sex, r.DocumentType, r.DocumentSealed, r.DocumentHash, snils, now)
	}
	b.WriteString(` ON CONFLICT (document_type, document_hash) DO UPDATE SET last_name = excluded.last_name,
		first_name = excluded.first_name, patronymic = excluded.patronymic, birth_date = excluded.birth_date, sex = excluded.sex,
		document_sealed = excluded.document_sealed, snils_sealed = excluded.snils_sealed, imported_at = excluded.imported_at`)
	if _, err := tx.Exec(ctx, b.String(), args...); err != nil {
		if c, _ := violation(err); c == uniqueViolation || strings.Contains(err.Error(), "cannot affect row a second time") {
			return navigator.Errorf(navigator.KindInvalid, "В файле один и тот же документ встречается дважды рядом: оставьте одну строку.")
		}
		return fmt.Errorf("import contingent: %w", err)
	}
	return nil
}

// ContingentByDocument finds a registry record by the document's hash.
func (db *DB) ContingentByDocument(ctx context.Context, docType, docHash string) (*ContingentRow, error) {
	var r ContingentRow
	err := db.queryRow(ctx, `SELECT last_name, first_name, patronymic, birth_date, sex, document_type, document_sealed, document_hash, snils_sealed
		FROM contingent_records WHERE document_type = ? AND document_hash = ?`, docType, docHash).Scan(&r.LastName, &r.FirstName,
		&r.Patronymic, &r.BirthDate, &r.Sex, &r.DocumentType, &r.DocumentSealed, &r.DocumentHash, &r.SNILSSealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("В «Контингенте» такого документа нет.")
	}
	if err != nil {
		return nil, fmt.Errorf("contingent: %w", err)
	}
	return &r, nil
}

// ContingentCount returns the number of registry records.
func (db *DB) ContingentCount(ctx context.Context) (int64, error) {
	var n int64
	err := db.queryRow(ctx, "SELECT count(*) FROM contingent_records").Scan(&n)
	return n, err
}

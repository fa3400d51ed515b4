package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"navigator"
)

// ContingentRow is a «Контингент» registry record as stored: the document
// and СНИЛС sealed, the document found by its keyed hash.
type ContingentRow struct {
	LastName, FirstName, Patronymic string
	BirthDate                       navigator.Date
	Sex, DocumentType               string
	DocumentSealed                  []byte
	DocumentHash                    string
	SNILSSealed                     []byte // nil: no СНИЛС
}

// contingentBatch is how many rows go into one INSERT: 10 values a row,
// well under either engine's limit of bound values.
const contingentBatch = 100

// importCacheKiB is SQLite's page cache during an import. The unique
// index on the hashes takes rows in random order; with the default 2 MB
// cache every insert would read its index page back from the log.
const importCacheKiB = 256 << 10

// ImportContingent loads registry records in one transaction: all or
// none. rows calls yield for every record and returns nil at the end; an
// error from rows or from yield rolls everything back. A record whose
// document (type and hash) is already in the registry replaces it. The
// caller must refuse the same document twice in one load (contingent.Import
// does): the engines differ on it within one batch. Full batches go
// through one statement prepared in the transaction.
func (db *DB) ImportContingent(ctx context.Context, rows func(yield func(ContingentRow) error) error) (int, error) {
	n := 0
	if db.engine == SQLite {
		// Statement journals go to memory rather than to temporary files.
		var cache, temp int64
		if err := db.write.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
			return 0, fmt.Errorf("import contingent: %w", err)
		}
		if err := db.write.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&temp); err != nil {
			return 0, fmt.Errorf("import contingent: %w", err)
		}
		if _, err := db.write.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d; PRAGMA temp_store = MEMORY", importCacheKiB)); err != nil {
			return 0, fmt.Errorf("import contingent: %w", err)
		}
		// The one write connection lives on: give its memory back.
		defer func() {
			_, _ = db.write.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = %d; PRAGMA temp_store = %d", cache, temp))
		}()
	}
	err := db.Update(ctx, func(tx *Tx) error {
		full, err := tx.tx.PrepareContext(ctx, rebind(db.engine, contingentInsert(contingentBatch)))
		if err != nil {
			return fmt.Errorf("import contingent: %w", err)
		}
		defer full.Close()
		batch := make([]ContingentRow, 0, contingentBatch)
		args := make([]any, 0, contingentBatch*10)
		now := tx.Now()
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			args = args[:0]
			for _, r := range batch {
				var snils any
				if len(r.SNILSSealed) > 0 {
					snils = r.SNILSSealed
				}
				args = append(args, r.LastName, r.FirstName, r.Patronymic, r.BirthDate.String(), r.Sex, r.DocumentType,
					r.DocumentSealed, r.DocumentHash, snils, now)
			}
			var err error
			if len(batch) == contingentBatch {
				_, err = full.ExecContext(ctx, args...)
			} else {
				_, err = tx.Exec(ctx, contingentInsert(len(batch)), args...)
			}
			if err != nil {
				if c, _ := violation(err); c == uniqueViolation || strings.Contains(err.Error(), "cannot affect row a second time") {
					return navigator.Errorf(navigator.KindInvalid, "В файле один и тот же документ встречается дважды: оставьте одну строку.")
				}
				return fmt.Errorf("import contingent: %w", err)
			}
			n += len(batch)
			batch = batch[:0]
			return nil
		}
		err = rows(func(r ContingentRow) error {
			batch = append(batch, r)
			if len(batch) == contingentBatch {
				return flush()
			}
			return nil
		})
		if err != nil {
			return err
		}
		return flush()
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// contingentInsert is an upsert of n records.
func contingentInsert(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO contingent_records (last_name, first_name, patronymic, birth_date, sex, document_type,
		document_sealed, document_hash, snils_sealed, imported_at) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	}
	b.WriteString(` ON CONFLICT (document_type, document_hash) DO UPDATE SET last_name = excluded.last_name,
		first_name = excluded.first_name, patronymic = excluded.patronymic, birth_date = excluded.birth_date, sex = excluded.sex,
		document_sealed = excluded.document_sealed, snils_sealed = excluded.snils_sealed, imported_at = excluded.imported_at`)
	return b.String()
}

// ContingentByDocument finds a registry record by the document's type and
// keyed hash; a navigator.NotFound error when there is none.
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

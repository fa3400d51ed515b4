package store

import (
	"context"
	"fmt"
	"strings"

	"navigator"
)

// Rotator opens values sealed with any key of the ring, seals them with
// the key in force and hashes with it.
type Rotator interface {
	Open(sealed []byte) (string, error)
	Seal(plaintext string) []byte
	Hash(domain, value string) string
	chainKeys
}

// RotateSummary counts what a rotation sealed again.
type RotateSummary struct {
	Children, Registry, SecondFactors, Letters int
	// AuditLinks is how many links of the audit chain were keyed anew;
	// AuditBroken the first entry whose old link did not hold (0: none),
	// which the new chain records in an entry of its own.
	AuditLinks  int
	AuditBroken int64
}

// RotateSecrets seals every СНИЛС, document, second-factor secret and letter
// waiting in the outbox again with the key in force, recomputes the look-up
// hashes and keys the audit chain anew, in one transaction: after it the
// old key can leave the ring.
func (db *DB) RotateSecrets(ctx context.Context, r Rotator) (*RotateSummary, error) {
	sum := &RotateSummary{}
	err := db.Update(ctx, func(tx *Tx) error {
		if err := rotateChildren(ctx, tx, r, sum); err != nil {
			return err
		}
		if err := rotateRegistry(ctx, tx, r, sum); err != nil {
			return err
		}
		for _, table := range []string{"staff", "site_users"} {
			if err := rotateTOTP(ctx, tx, r, table, sum); err != nil {
				return err
			}
		}
		if err := rotateOutbox(ctx, tx, r, sum); err != nil {
			return err
		}
		return rotateAudit(ctx, tx, r, sum)
	})
	if err != nil {
		return nil, fmt.Errorf("rotate secrets: %w", err)
	}
	return sum, nil
}

type sealedRow struct {
	id            int64
	kind          string
	first, second []byte
}

func readSealed(ctx context.Context, tx *Tx, q string) ([]sealedRow, error) {
	rows, err := tx.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sealedRow
	for rows.Next() {
		var s sealedRow
		if err := rows.Scan(&s.id, &s.kind, &s.first, &s.second); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func rotateChildren(ctx context.Context, tx *Tx, r Rotator, sum *RotateSummary) error {
	rows, err := readSealed(ctx, tx, `SELECT id, COALESCE(document_type, ''), snils_sealed, document_sealed FROM children
		WHERE snils_sealed IS NOT NULL OR document_sealed IS NOT NULL`)
	if err != nil {
		return err
	}
	for _, row := range rows {
		var snilsSealed, snilsHash, docSealed, docHash any
		if row.first != nil {
			snils, err := r.Open(row.first)
			if err != nil {
				return fmt.Errorf("child %d: СНИЛС: %w", row.id, err)
			}
			snilsSealed, snilsHash = r.Seal(snils), r.Hash("snils", snils)
		}
		if row.second != nil {
			key, err := r.Open(row.second)
			if err != nil {
				return fmt.Errorf("child %d: document: %w", row.id, err)
			}
			docSealed, docHash = r.Seal(key), r.Hash("document", key)
		}
		if _, err := tx.Exec(ctx, `UPDATE children SET snils_sealed = ?, snils_hash = ?, document_sealed = ?, document_hash = ? WHERE id = ?`,
			snilsSealed, snilsHash, docSealed, docHash, row.id); err != nil {
			return fmt.Errorf("child %d: %w", row.id, err)
		}
		sum.Children++
	}
	return nil
}

func rotateRegistry(ctx context.Context, tx *Tx, r Rotator, sum *RotateSummary) error {
	rows, err := readSealed(ctx, tx, "SELECT id, document_type, document_sealed, snils_sealed FROM contingent_records")
	if err != nil {
		return err
	}
	for _, row := range rows {
		doc, err := r.Open(row.first)
		if err != nil {
			return fmt.Errorf("registry record %d: %w", row.id, err)
		}
		series, number, _ := strings.Cut(doc, "\t")
		var snils any
		if row.second != nil {
			s, err := r.Open(row.second)
			if err != nil {
				return fmt.Errorf("registry record %d: СНИЛС: %w", row.id, err)
			}
			snils = r.Seal(s)
		}
		hash := r.Hash("contingent", navigator.DocumentKey(navigator.DocumentType(row.kind), series, number))
		if _, err := tx.Exec(ctx, "UPDATE contingent_records SET document_sealed = ?, document_hash = ?, snils_sealed = ? WHERE id = ?",
			r.Seal(doc), hash, snils, row.id); err != nil {
			return fmt.Errorf("registry record %d: %w", row.id, err)
		}
		sum.Registry++
	}
	return nil
}

func rotateTOTP(ctx context.Context, tx *Tx, r Rotator, table string, sum *RotateSummary) error {
	rows, err := readSealed(ctx, tx, "SELECT id, '', totp_secret, NULL FROM "+table+" WHERE totp_secret IS NOT NULL")
	if err != nil {
		return err
	}
	for _, row := range rows {
		s, err := r.Open(row.first)
		if err != nil {
			return fmt.Errorf("%s %d: second factor: %w", table, row.id, err)
		}
		if _, err := tx.Exec(ctx, "UPDATE "+table+" SET totp_secret = ? WHERE id = ?", r.Seal(s), row.id); err != nil {
			return err
		}
		sum.SecondFactors++
	}
	return nil
}

// rotateOutbox seals again the letters not sent yet.
func rotateOutbox(ctx context.Context, tx *Tx, r Rotator, sum *RotateSummary) error {
	rows, err := readSealed(ctx, tx, "SELECT id, '', body_sealed, NULL FROM mail_outbox WHERE body_sealed IS NOT NULL")
	if err != nil {
		return err
	}
	for _, row := range rows {
		body, err := r.Open(row.first)
		if err != nil {
			return fmt.Errorf("letter %d: %w", row.id, err)
		}
		if _, err := tx.Exec(ctx, "UPDATE mail_outbox SET body_sealed = ? WHERE id = ?", r.Seal(body), row.id); err != nil {
			return fmt.Errorf("letter %d: %w", row.id, err)
		}
		sum.Letters++
	}
	return nil
}

// rotateAudit keys the audit chain with the key in force. A link that did
// not hold under the old keys is not laundered by the new ones: an entry
// at the chain's end names it.
func rotateAudit(ctx context.Context, tx *Tx, r Rotator, sum *RotateSummary) error {
	var err error
	if sum.AuditLinks, sum.AuditBroken, err = rechain(ctx, tx, r, false); err != nil {
		return err
	}
	if sum.AuditBroken == 0 {
		return nil
	}
	return appendAudit(ctx, tx, r, AuditEntry{ActorRole: "system", Action: "audit.chain_rekeyed",
		Details: fmt.Sprintf("при смене ключа цепочка журнала была нарушена на записи %d", sum.AuditBroken)})
}

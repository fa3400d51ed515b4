package store

import (
	"context"
	"fmt"
)

// auditLockKey is the first key of the chains' two-key advisory locks on
// PostgreSQL; the second is the chain (a municipality's id, or 0).
const auditLockKey = 7421

// lockChain serializes the writers of one audit chain on PostgreSQL until
// the transaction ends (SQLite has one writer). Writers of other chains do
// not wait: a chain per municipality is the point, one lock for the whole
// region made every audited write of the region queue behind each other.
//
// A transaction that writes entries of two chains holds both locks;
// PostgreSQL breaks a cycle of such transactions with a deadlock error.
// The periodic jobs audit one item per transaction, so they hold one.
func lockChain(ctx context.Context, tx *Tx, chain int64) error {
	if tx.engine != Postgres {
		return nil
	}
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(?, ?)", auditLockKey, chain); err != nil {
		return fmt.Errorf("audit lock of chain %d: %w", chain, err)
	}
	return nil
}

// lockAllChains takes the lock of every chain there is, in ascending
// order, for a rewrite of the whole journal (keying, key rotation). Chains
// are the region's and the municipalities' (auditChainOf never yields
// another), plus any the journal holds, so that even a forged chain key is
// walked under a lock.
func lockAllChains(ctx context.Context, tx *Tx) error {
	if tx.engine != Postgres {
		return nil
	}
	chains, err := knownChains(ctx, tx, true)
	if err != nil {
		return err
	}
	for _, c := range chains {
		if err := lockChain(ctx, tx, c); err != nil {
			return err
		}
	}
	return nil
}

// knownChains lists the region's chain and every municipality's, in
// ascending order; with inJournal, also the keys found in the journal
// (a full scan of the chain index: for rewrites, not for every minute).
func knownChains(ctx context.Context, tx *Tx, inJournal bool) ([]int64, error) {
	q := "SELECT 0 AS k UNION SELECT id FROM municipalities"
	if inJournal {
		q += " UNION SELECT DISTINCT chain FROM audit_log"
	}
	rows, err := tx.Query(ctx, q+" ORDER BY k")
	if err != nil {
		return nil, fmt.Errorf("audit chains: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("audit chains: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

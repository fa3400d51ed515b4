package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"navigator/internal/secret"
)

// auditKeyedMark is the setting written once the chain is keyed: after it
// an unkeyed link is a forgery, never a leftover.
const auditKeyedMark = "audit_chain"

// chainKeys computes and checks the chain's keyed links (*secret.Keys).
type chainKeys interface {
	ChainHash(data []byte) string
	ChainHashOK(data []byte, link string) bool
}

// ChainCheck is what a walk found in one chain of the journal.
type ChainCheck struct {
	Chain    int64 // a municipality's id, or RegionChain
	Entries  int64
	HeadID   int64  // the chain's newest entry
	HeadHash string // its link
	// Broken is the chain's first entry that was altered, follows a
	// removed one, was moved from another chain or carries a link not
	// made with the installation's key; 0 if the chain is intact.
	Broken  int64
	Unkeyed bool // Broken's link is not keyed at all
}

// AuditCheck is what a walk of every chain of the audit journal found.
type AuditCheck struct {
	Entries int64 // of all chains
	HeadID  int64 // the newest entry of any chain, 0 for an empty journal
	// Broken is the first broken entry of any chain (the lowest number),
	// 0 when every chain is intact; Unkeyed as in its chain.
	Broken  int64
	Unkeyed bool
	Chains  []ChainCheck // by chain key, the region's first; only chains with entries
}

// VerifyAudit walks every chain with the installation's keys, in one pass
// over the journal in entry order.
func (db *DB) VerifyAudit(ctx context.Context) (*AuditCheck, error) {
	if db.keys == nil {
		return nil, errors.New("verify audit: the store has no keys")
	}
	chains := map[int64]*ChainCheck{}
	err := db.View(ctx, func(tx *Tx) error {
		return walkAudit(ctx, tx, func(e *AuditEntry) (bool, error) {
			c := chains[e.Chain]
			if c == nil {
				c = &ChainCheck{Chain: e.Chain}
				chains[e.Chain] = c
			}
			prev := c.HeadHash
			c.Entries++
			c.HeadID, c.HeadHash = e.ID, e.Hash
			if c.Broken == 0 && (e.PrevHash != prev || !db.keys.ChainHashOK(chainInput(prev, e), e.Hash)) {
				c.Broken = e.ID
				c.Unkeyed = !strings.HasPrefix(e.Hash, secret.ChainPrefix)
			}
			return true, nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("verify audit: %w", err)
	}
	out := &AuditCheck{}
	for _, c := range chains {
		out.Chains = append(out.Chains, *c)
		out.Entries += c.Entries
		out.HeadID = max(out.HeadID, c.HeadID)
		if c.Broken != 0 && (out.Broken == 0 || c.Broken < out.Broken) {
			out.Broken, out.Unkeyed = c.Broken, c.Unkeyed
		}
	}
	sort.Slice(out.Chains, func(i, j int) bool { return out.Chains[i].Chain < out.Chains[j].Chain })
	return out, nil
}

// ChainHead is a chain's newest entry: what a checkpoint records of it.
type ChainHead struct {
	Chain int64
	ID    int64
	Hash  string
}

// AuditHeads returns the newest entry of every chain that has one, by
// chain key: one index probe per chain, cheap enough for every minute.
func (db *DB) AuditHeads(ctx context.Context) ([]ChainHead, error) {
	var out []ChainHead
	err := db.View(ctx, func(tx *Tx) error {
		chains, err := knownChains(ctx, tx, false)
		if err != nil {
			return err
		}
		for _, c := range chains {
			h := ChainHead{Chain: c}
			err := tx.QueryRow(ctx, "SELECT id, hash FROM audit_log WHERE chain = ? ORDER BY id DESC LIMIT 1", c).Scan(&h.ID, &h.Hash)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			out = append(out, h)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit heads: %w", err)
	}
	return out, nil
}

// AuditLink returns the link of entry id of chain, and false when the
// chain has no such entry.
func (db *DB) AuditLink(ctx context.Context, chain, id int64) (string, bool, error) {
	var link string
	err := db.queryRow(ctx, "SELECT hash FROM audit_log WHERE id = ? AND chain = ?", id, chain).Scan(&link)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("audit link %d of chain %d: %w", id, chain, err)
	}
	return link, true, nil
}

// walkAudit calls fn for every entry in order.
func walkAudit(ctx context.Context, tx *Tx, fn func(*AuditEntry) (bool, error)) error {
	return walkAuditFrom(ctx, tx, 0, -1, fn)
}

// walkAuditFrom calls fn for up to limit entries after id (all when limit
// is negative), in order, until fn says stop.
func walkAuditFrom(ctx context.Context, tx *Tx, after int64, limit int, fn func(*AuditEntry) (bool, error)) error {
	q := "SELECT " + auditColumns + " FROM audit_log WHERE id > ? ORDER BY id"
	args := []any{after}
	if limit >= 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		more, err := fn(&e)
		if err != nil || !more {
			return err
		}
	}
	return rows.Err()
}

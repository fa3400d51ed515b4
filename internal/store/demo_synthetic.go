package store

import (
	"context"
	"fmt"

	"navigator"
)

// SyntheticRegion grows the demo region to a benchmark's size and checks
// the outcome of a rush: for the benchmarks and their tests only, apart
// from *DB so that the production store's API carries none of it.
type SyntheticRegion struct{ db *DB }

// Synthetic is the synthetic-region tools of db.
func Synthetic(db *DB) SyntheticRegion { return SyntheticRegion{db: db} }

// GrowCatalog copies the published programs, with their modules, groups
// and schedules, until there are at least target of them: a synthetic
// catalog for load tests and benchmarks. Each copy is one transaction of
// many programs.
func (sr SyntheticRegion) GrowCatalog(ctx context.Context, target int) error {
	db := sr.db
	for {
		var n int
		if err := db.queryRow(ctx, "SELECT count(*) FROM programs WHERE status = 'published'").Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("grow catalog: no programs to copy")
		}
		if n >= target {
			return sr.analyze(ctx)
		}
		if err := db.Update(ctx, func(tx *Tx) error { return copyPrograms(ctx, tx, min(n, target-n, 2000)) }); err != nil {
			return fmt.Errorf("grow catalog: %w", err)
		}
	}
}

func copyPrograms(ctx context.Context, tx *Tx, limit int) error {
	ids, err := tx.ids(ctx, "SELECT id FROM programs WHERE status = 'published' ORDER BY id LIMIT ?", limit)
	if err != nil {
		return err
	}
	for i, id := range ids {
		newID, err := tx.InsertID(ctx, `INSERT INTO programs (organization_id, municipality_id, title, description, direction, registry,
				age_from, age_to, form_of_study, ovz, address, status, published_at, created_at, updated_at)
			SELECT organization_id, municipality_id, title || ' (группа ' || ? || ')', description, direction, registry,
				age_from, age_to, form_of_study, ovz, address, status, published_at, created_at, updated_at FROM programs WHERE id = ?`,
			fmt.Sprint(i+1), id)
		if err != nil {
			return err
		}
		mids, err := tx.ids(ctx, "SELECT id FROM modules WHERE program_id = ?", id)
		if err != nil {
			return err
		}
		for _, m := range mids {
			nm, err := tx.InsertID(ctx, `INSERT INTO modules (program_id, name, hours, months, price, normative_cost, min_children, max_children)
				SELECT ?, name, hours, months, price, normative_cost, min_children, max_children FROM modules WHERE id = ?`, newID, m)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO groups (module_id, program_id, name, capacity, accepting, starts_on, ends_on, teacher)
				SELECT ?, ?, name, capacity, accepting, starts_on, ends_on, teacher FROM groups WHERE module_id = ?`, nm, newID, m); err != nil {
				return err
			}
		}
		if err := refreshProgram(ctx, tx, newID); err != nil {
			return err
		}
	}
	return nil
}

// SyntheticFamily is one family of a load test: a parent with a session,
// and a child confirmed by an operator with an accounting certificate.
type SyntheticFamily struct {
	SiteUserID int64
	ChildID    int64
}

// AddSyntheticFamilies adds one family for each session token hash, in
// the municipality, confirmed and issued a certificate by operatorID of
// officeID through the same steps as «Подтвердить» and «Выдать
// сертификат». Families are written a few hundred per transaction.
func (sr SyntheticRegion) AddSyntheticFamilies(ctx context.Context, municipalityID, operatorID, officeID int64, birth navigator.Date, tokenHashes []string) ([]SyntheticFamily, error) {
	db := sr.db
	out := make([]SyntheticFamily, 0, len(tokenHashes))
	const chunk = 250
	for start := 0; start < len(tokenHashes); start += chunk {
		hashes := tokenHashes[start:min(start+chunk, len(tokenHashes))]
		err := db.Update(ctx, func(tx *Tx) error {
			for i, h := range hashes {
				n := start + i
				u, err := tx.InsertID(ctx, `INSERT INTO site_users (municipality_id, last_name, first_name, patronymic, phone, email, password_hash,
						email_verified, resident_rf, consent_at, created_at, updated_at)
					VALUES (?, 'Нагрузочная', 'Семья', '', '+79990000000', ?, '', TRUE, FALSE, ?, ?, ?)`,
					municipalityID, fmt.Sprintf("rush-%d-%d@load.example.ru", tx.Now().UnixNano(), n), tx.Now(), tx.Now(), tx.Now())
				if err != nil {
					return fmt.Errorf("family %d: %w", n, mapError(err))
				}
				c, err := tx.InsertID(ctx, `INSERT INTO children (site_user_id, last_name, first_name, patronymic, birth_date, sex, created_at, updated_at)
					VALUES (?, 'Нагрузочный', 'Ребёнок', '', ?, 'male', ?, ?)`, u, birth, tx.Now(), tx.Now())
				if err != nil {
					return fmt.Errorf("child %d: %w", n, mapError(err))
				}
				if err := confirmChild(ctx, tx, c, operatorID, officeID, nil, ""); err != nil {
					return fmt.Errorf("confirm %d: %w", n, err)
				}
				if _, err := issueCertificate(ctx, tx, Issue{ChildID: c, Type: navigator.CertificateAccounting, StaffID: operatorID, OrganizationID: officeID}); err != nil {
					return fmt.Errorf("issue %d: %w", n, err)
				}
				if _, err := tx.Exec(ctx, `INSERT INTO sessions (id, role, subject_id, created_at, last_seen_at, expires_at, ip, user_agent)
					VALUES (?, 'parent', ?, ?, ?, ?, '127.0.0.1', 'navigator bench rush')`, h, u, tx.Now(), tx.Now(), tx.Now().Add(navigator.SessionAbsolute)); err != nil {
					return fmt.Errorf("session %d: %w", n, err)
				}
				out = append(out, SyntheticFamily{SiteUserID: u, ChildID: c})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("synthetic families: %w", err)
		}
	}
	return out, nil
}

// SeatCheck is what the rush left in one group.
type SeatCheck struct {
	GroupID     int64
	Capacity    int
	SeatsTaken  int // the group's counter
	Holding     int // applications that hold a seat
	Waiting     int
	OutOfOrder  int // seat holders that arrived after someone still waiting
	FirstWaiter int64
}

// CheckSeats recounts every group's seats from its applications and finds
// order violations: an application holding a seat that arrived (has a
// larger id) after one that still waits.
func (sr SyntheticRegion) CheckSeats(ctx context.Context, groupIDs []int64) ([]SeatCheck, error) {
	db := sr.db
	var out []SeatCheck
	err := db.View(ctx, func(tx *Tx) error {
		for _, g := range groupIDs {
			c := SeatCheck{GroupID: g}
			if err := tx.QueryRow(ctx, `SELECT capacity, seats_taken,
					(SELECT count(*) FROM applications WHERE group_id = g.id AND holds_seat = TRUE),
					(SELECT count(*) FROM applications WHERE group_id = g.id AND status = 'waitlisted'),
					COALESCE((SELECT min(id) FROM applications WHERE group_id = g.id AND status = 'waitlisted'), 0)
				FROM groups g WHERE g.id = ?`, g).Scan(&c.Capacity, &c.SeatsTaken, &c.Holding, &c.Waiting, &c.FirstWaiter); err != nil {
				return fmt.Errorf("check group %d: %w", g, err)
			}
			if c.FirstWaiter > 0 {
				if err := tx.QueryRow(ctx, "SELECT count(*) FROM applications WHERE group_id = ? AND holds_seat = TRUE AND id > ?",
					g, c.FirstWaiter).Scan(&c.OutOfOrder); err != nil {
					return err
				}
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// LedgerMismatches counts certificates whose balance or reserve differs
// from what their ledger entries of the certificate's period add up to:
// balance = nominal − reserve + release − expire, and reserve = reserve −
// release − charge; and the same in hours for a social certificate's
// hours. Zero means every certificate's money and hours are exact.
func (sr SyntheticRegion) LedgerMismatches(ctx context.Context) (int, error) {
	db := sr.db
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM certificates s LEFT JOIN (
			SELECT certificate_id, period_id,
				SUM(CASE WHEN unit <> 'rub' THEN 0 WHEN kind = 'nominal' THEN amount WHEN kind = 'reserve' THEN -amount WHEN kind = 'release' THEN amount WHEN kind = 'expire' THEN -amount ELSE 0 END) AS balance,
				SUM(CASE WHEN unit <> 'rub' THEN 0 WHEN kind = 'reserve' THEN amount WHEN kind = 'release' THEN -amount WHEN kind = 'charge' THEN -amount ELSE 0 END) AS reserve,
				SUM(CASE WHEN unit <> 'hour' THEN 0 WHEN kind = 'nominal' THEN amount WHEN kind = 'reserve' THEN -amount WHEN kind = 'release' THEN amount WHEN kind = 'expire' THEN -amount ELSE 0 END) AS hours_balance,
				SUM(CASE WHEN unit <> 'hour' THEN 0 WHEN kind = 'reserve' THEN amount WHEN kind = 'release' THEN -amount WHEN kind = 'charge' THEN -amount ELSE 0 END) AS hours_reserve
			FROM ledger_entries GROUP BY certificate_id, period_id
		) l ON l.certificate_id = s.id AND l.period_id = s.period_id
		WHERE s.balance <> COALESCE(l.balance, 0) OR s.reserve <> COALESCE(l.reserve, 0)
			OR s.hours_balance <> COALESCE(l.hours_balance, 0) OR s.hours_reserve <> COALESCE(l.hours_reserve, 0)`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("ledger check: %w", err)
	}
	return n, nil
}

// ClearApplications removes the applications of the groups, with their
// idempotency keys, and frees the seats: a rush benchmark repeats on the
// same region. Only for synthetic regions.
func (sr SyntheticRegion) ClearApplications(ctx context.Context, groupIDs []int64) error {
	db := sr.db
	err := db.Update(ctx, func(tx *Tx) error {
		for _, g := range groupIDs {
			if _, err := tx.Exec(ctx, `DELETE FROM idempotency_keys WHERE actor IN
					(SELECT 'parent:' || site_user_id FROM applications WHERE group_id = ?)`, g); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "DELETE FROM applications WHERE group_id = ?", g); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "UPDATE groups SET seats_taken = 0 WHERE id = ?", g); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return sr.Settle(ctx)
}

// analyze vacuums and refreshes PostgreSQL's statistics after a bulk
// load, as any bulk load should be followed; the benchmark does not wait
// for autovacuum (which may be off). Without statistics a planner that
// believes a program has 669 groups joins them to every module by hashing
// the whole table: a program page took 80 ms instead of 0.3. Without the
// visibility map the catalog's counts read the heap: 113 ms instead of 6.
// SQLite's planner needs none.
func (sr SyntheticRegion) analyze(ctx context.Context) error {
	if sr.db.engine != Postgres {
		return nil
	}
	if _, err := sr.db.write.ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
		return fmt.Errorf("vacuum analyze: %w", err)
	}
	return nil
}

// Settle makes the tables a rush writes as they would be after a quiet
// night: on PostgreSQL it vacuums away the rows a previous run deleted
// and refreshes the planner's statistics after a bulk load, so that each
// run of the benchmark starts from the same state and not from the last
// run's dead rows. SQLite needs nothing.
func (sr SyntheticRegion) Settle(ctx context.Context) error {
	db := sr.db
	if db.engine != Postgres {
		return nil
	}
	if _, err := db.write.ExecContext(ctx, "VACUUM ANALYZE applications, idempotency_keys, groups, programs, children, certificates, site_users, sessions"); err != nil {
		return fmt.Errorf("settle: %w", err)
	}
	return nil
}

package reportdb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"navigator"
	"navigator/internal/report"
	"navigator/internal/store"
)

// ReportCertificates counts certificates issued per day (in the region's
// zone), municipality, office and type. The rows are grouped here rather
// than in SQL: the day of an instant in the region's zone is computed the
// same way on both engines.
func (q *Queries) Certificates(ctx context.Context, f report.Filter) ([]report.CertificateRow, error) {
	var w where
	w.id("s.municipality_id", f.MunicipalityID)
	w.id("s.organization_id", f.OfficeID)
	w.days("s.issued_at", f.From, f.To)
	type key struct {
		day      string
		mun, org int64
		certType string
	}
	counts := map[key]*report.CertificateRow{}
	err := q.db.View(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, `SELECT s.issued_at, s.municipality_id, m.name, COALESCE(s.organization_id, 0), COALESCE(o.name, ''), s.type
			FROM certificates s JOIN municipalities m ON m.id = s.municipality_id LEFT JOIN organizations o ON o.id = s.organization_id`+w.sql(), w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var at time.Time
			var r report.CertificateRow
			if err := rows.Scan(&at, &r.MunicipalityID, &r.Municipality, &r.OfficeID, &r.Office, &r.Type); err != nil {
				return err
			}
			r.Day = navigator.Today(at)
			k := key{r.Day.String(), r.MunicipalityID, r.OfficeID, r.Type}
			if c := counts[k]; c != nil {
				c.Count++
				continue
			}
			r.Count = 1
			counts[k] = &r
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report certificates: %w", err)
	}
	out := make([]report.CertificateRow, 0, len(counts))
	for _, r := range counts {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b report.CertificateRow) int {
		return cmp.Or(a.Day.Time().Compare(b.Day.Time()), cmp.Compare(a.Municipality, b.Municipality),
			cmp.Compare(a.Office, b.Office), cmp.Compare(typeOrder(a.Type), typeOrder(b.Type)))
	})
	return out, nil
}

func typeOrder(t string) int {
	return map[string]int{"financing": 1, "accounting": 2, "unconfirmed": 3}[t]
}

// ReportCoverage compares, per municipality, the children with a
// certificate in force with the children of the municipality its admin
// entered for the current period.
func (q *Queries) Coverage(ctx context.Context, f report.Filter) ([]report.CoverageRow, error) {
	out := []report.CoverageRow{}
	err := q.db.View(ctx, func(tx *store.Tx) error {
		var w where
		w.id("m.id", f.MunicipalityID)
		rows, err := tx.Query(ctx, `SELECT m.id, m.name, COALESCE(mp.children_total, 0) FROM municipalities m
			LEFT JOIN municipality_periods mp ON mp.municipality_id = m.id AND mp.period_id = (SELECT id FROM periods WHERE is_current = TRUE)`+
			w.sql()+" ORDER BY m.name"+q.bytewise()+", m.id", w.args...)
		if err != nil {
			return err
		}
		index := map[int64]int{}
		for rows.Next() {
			var r report.CoverageRow
			if err := rows.Scan(&r.MunicipalityID, &r.Municipality, &r.ChildrenTotal); err != nil {
				rows.Close()
				return err
			}
			index[r.MunicipalityID] = len(out)
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var c where
		c.add("status <> 'closed'")
		c.id("municipality_id", f.MunicipalityID)
		rows, err = tx.Query(ctx, "SELECT municipality_id, type, count(*) FROM certificates"+c.sql()+" GROUP BY municipality_id, type", c.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var mun, n int64
			var t string
			if err := rows.Scan(&mun, &t, &n); err != nil {
				return err
			}
			i, ok := index[mun]
			if !ok {
				continue
			}
			r := &out[i]
			r.WithCertificate += n
			switch navigator.CertificateType(t) {
			case navigator.CertificateFinancing:
				r.Financing += n
			case navigator.CertificateAccounting:
				r.Accounting += n
			default:
				r.Unconfirmed += n
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report coverage: %w", err)
	}
	for i := range out {
		out[i].SetPercent()
	}
	return out, nil
}

package store_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// Files as their first bytes say.
var (
	pdfFile  = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
	pngFile  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	jpegFile = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")
)

// fullChecklist confirms every requirement.
func fullChecklist() navigator.Checklist {
	return navigator.Checklist{Licence: true, LicenceNumber: "Л035-01234-55/00123456", NotLiquidated: true, NoTaxArrears: true,
		NotOffshore: true, StaffCleared: true, SiteInfo: true, SiteURL: "https://ddt.example.ru"}
}

// freeProvider is a demo provider without an entry in the registry, and
// a staff account to write the audit as.
func freeProvider(t *testing.T, db *store.DB, skip int) (org, staff int64) {
	t.Helper()
	ctx := context.Background()
	must(t, db.View(ctx, func(tx *store.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT id FROM organizations WHERE is_provider = TRUE AND id NOT IN (SELECT organization_id FROM executors)
			ORDER BY id LIMIT 1 OFFSET ?`, skip).Scan(&org); err != nil {
			return err
		}
		return tx.QueryRow(ctx, "SELECT min(id) FROM staff").Scan(&staff)
	}))
	return org, staff
}

func auditOf(staff int64, action string) *store.AuditEntry {
	return &store.AuditEntry{ActorRole: "provider", ActorID: staff, Action: action, IP: "127.0.0.1"}
}

// TestExecutorRegistry walks an entry through every transition on both
// engines: the checklist's validation, the documents' limits, the
// decisions allowed from each status, the reopening after a refusal and
// an exclusion, and what the public registry shows.
func TestExecutorRegistry(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			db := seeded(t, engine)
			ctx := context.Background()
			org, staff := freeProvider(t, db, 0)
			other, _ := freeProvider(t, db, 1)

			if _, err := db.ApplyExecutor(ctx, org, staff, navigator.Checklist{}, nil, auditOf(staff, "executor.apply")); navigator.ErrorKind(err) != navigator.KindInvalid {
				t.Fatalf("an empty checklist: %v", err)
			}
			x, err := db.ApplyExecutor(ctx, org, staff, fullChecklist(),
				[]store.NewExecutorDocument{{Requirement: navigator.ReqLicence, Name: `C:\scans\лицензия "новая".pdf`, Body: pdfFile}}, auditOf(staff, "executor.apply"))
			if err != nil {
				t.Fatal(err)
			}
			if x.Status != navigator.ExecutorPending || len(x.Documents) != 1 || x.Documents[0].Name != "лицензия _новая_.pdf" ||
				x.Documents[0].ContentType != "application/pdf" || !x.IncludedOn.IsZero() || x.Checklist.LicenceNumber == "" {
				t.Fatalf("the application: %+v", x)
			}
			if _, err := db.ApplyExecutor(ctx, org, staff, fullChecklist(), nil, nil); navigator.ErrorKind(err) != navigator.KindConflict {
				t.Fatalf("applying twice: %v", err)
			}

			// The documents' limits.
			for _, c := range []struct {
				name string
				org  int64
				doc  store.NewExecutorDocument
				kind navigator.Kind
			}{
				{"html named .pdf", org, store.NewExecutorDocument{Requirement: navigator.ReqLicence, Name: "x.pdf", Body: []byte("<html><script>alert(1)</script></html>")}, navigator.KindInvalid},
				{"a zip", org, store.NewExecutorDocument{Requirement: navigator.ReqLicence, Name: "x.pdf", Body: []byte("PK\x03\x04rest")}, navigator.KindInvalid},
				{"over 5 MB", org, store.NewExecutorDocument{Requirement: navigator.ReqLicence, Name: "big.pdf", Body: append(pdfFile, bytes.Repeat([]byte{' '}, navigator.MaxExecutorDocument)...)}, navigator.KindInvalid},
				{"empty", org, store.NewExecutorDocument{Requirement: navigator.ReqLicence, Name: "x.pdf"}, navigator.KindInvalid},
				{"an unknown requirement", org, store.NewExecutorDocument{Requirement: "passport", Name: "x.pdf", Body: pdfFile}, navigator.KindInvalid},
				{"another organization's", other, store.NewExecutorDocument{Requirement: navigator.ReqLicence, Name: "x.pdf", Body: pdfFile}, navigator.KindNotFound},
				{"a png", org, store.NewExecutorDocument{Requirement: navigator.ReqNotLiquidated, Name: "выписка.png", Body: pngFile}, ""},
				{"a jpeg", org, store.NewExecutorDocument{Requirement: navigator.ReqStaffCleared, Name: "справки.jpg", Body: jpegFile}, ""},
			} {
				if _, err := db.AttachExecutorDocument(ctx, x.ID, c.org, c.doc, auditOf(staff, "executor.document")); navigator.ErrorKind(err) != c.kind {
					t.Errorf("%s: %v, want %q", c.name, err, c.kind)
				}
			}
			// Including needs the tax certificate.
			if _, err := db.DecideExecutor(ctx, x.ID, staff, navigator.DecideInclude, "", nil); navigator.ErrorCode(err) != "documents_missing" {
				t.Fatalf("including without the tax certificate: %v", err)
			}
			var last int64
			for i := 3; i < navigator.MaxExecutorDocuments; i++ {
				d, err := db.AttachExecutorDocument(ctx, x.ID, org, store.NewExecutorDocument{Requirement: navigator.ReqNoTaxArrears, Name: fmt.Sprintf("справка-%d.pdf", i), Body: pdfFile}, nil)
				if err != nil {
					t.Fatalf("document %d: %v", i+1, err)
				}
				last = d.ID
			}
			if _, err := db.AttachExecutorDocument(ctx, x.ID, org, store.NewExecutorDocument{Requirement: navigator.ReqNoTaxArrears, Name: "лишний.pdf", Body: pdfFile}, nil); navigator.ErrorKind(err) != navigator.KindInvalid {
				t.Fatalf("the eleventh document: %v", err)
			}
			if err := db.DeleteExecutorDocument(ctx, x.ID, last, other, nil); navigator.ErrorKind(err) != navigator.KindNotFound {
				t.Fatalf("another organization deletes: %v", err)
			}
			must(t, db.DeleteExecutorDocument(ctx, x.ID, last, org, nil))
			f, err := db.ExecutorDocumentFile(ctx, x.ID, x.Documents[0].ID)
			if err != nil || !bytes.Equal(f.Body, pdfFile) {
				t.Fatalf("the download: %v", err)
			}
			if _, err := db.ExecutorDocumentFile(ctx, x.ID+1000, x.Documents[0].ID); navigator.ErrorKind(err) != navigator.KindNotFound {
				t.Fatalf("a document of another entry: %v", err)
			}

			public := func(status navigator.ExecutorStatus) []store.PublicExecutor {
				t.Helper()
				list, err := db.PublicExecutors(ctx, x.MunicipalityID, status)
				must(t, err)
				var mine []store.PublicExecutor
				for _, p := range list {
					if p.OrganizationID == org {
						mine = append(mine, p)
					}
				}
				return mine
			}
			if len(public(navigator.ExecutorIncluded)) != 0 || len(public(navigator.ExecutorPending)) != 1 {
				t.Fatal("a pending application is in the registry")
			}

			// The transitions, in order.
			today := navigator.Today(db.Now())
			steps := []struct {
				name     string
				decision navigator.ExecutorDecision
				reason   string
				kind     navigator.Kind
				status   navigator.ExecutorStatus
			}{
				{"exclude a pending one", navigator.DecideExclude, "причина", navigator.KindConflict, navigator.ExecutorPending},
				{"include", navigator.DecideInclude, "", "", navigator.ExecutorIncluded},
				{"include twice", navigator.DecideInclude, "", navigator.KindConflict, navigator.ExecutorIncluded},
				{"refuse an included one", navigator.DecideRefuse, "причина", navigator.KindConflict, navigator.ExecutorIncluded},
				{"exclude without a reason", navigator.DecideExclude, " ", navigator.KindInvalid, navigator.ExecutorIncluded},
				{"exclude", navigator.DecideExclude, "Лицензия приостановлена", "", navigator.ExecutorExcluded},
				{"include an excluded one", navigator.DecideInclude, "", navigator.KindConflict, navigator.ExecutorExcluded},
			}
			for _, s := range steps {
				got, err := db.DecideExecutor(ctx, x.ID, staff, s.decision, s.reason, auditOf(staff, "executor.decide"))
				if navigator.ErrorKind(err) != s.kind {
					t.Fatalf("%s: %v, want %q", s.name, err, s.kind)
				}
				cur, err := db.Executor(ctx, x.ID)
				must(t, err)
				if cur.Status != s.status {
					t.Fatalf("%s: %s, want %s", s.name, cur.Status, s.status)
				}
				if s.kind == "" && got.Status != s.status {
					t.Fatalf("%s answered %s", s.name, got.Status)
				}
				if s.name == "include" {
					if cur.IncludedOn != today || cur.DecidedAt == nil {
						t.Fatalf("included on %v, want %v", cur.IncludedOn, today)
					}
					if p := public(navigator.ExecutorIncluded); len(p) != 1 || p[0].IncludedOn != today || p[0].Name == "" {
						t.Fatalf("the public registry: %+v", p)
					}
				}
			}
			if _, err := db.AttachExecutorDocument(ctx, x.ID, org, store.NewExecutorDocument{Requirement: navigator.ReqLicence, Name: "x.pdf", Body: pdfFile}, nil); navigator.ErrorKind(err) != navigator.KindConflict {
				t.Fatalf("a document to an excluded entry: %v", err)
			}
			if len(public(navigator.ExecutorIncluded)) != 0 || len(public(navigator.ExecutorExcluded)) != 1 {
				t.Fatal("the excluded entry is still in the registry")
			}

			// Re-applying reopens the same entry, refusing keeps the reason, and again.
			again, err := db.ApplyExecutor(ctx, org, staff, fullChecklist(), nil, auditOf(staff, "executor.apply"))
			if err != nil || again.ID != x.ID || again.Status != navigator.ExecutorPending || again.Reason != "" || !again.IncludedOn.IsZero() || again.DecidedAt != nil {
				t.Fatalf("re-applying after the exclusion: %+v %v", again, err)
			}
			if _, err := db.DecideExecutor(ctx, x.ID, staff, navigator.DecideRefuse, "", nil); navigator.ErrorKind(err) != navigator.KindInvalid {
				t.Fatalf("a refusal without a reason: %v", err)
			}
			refused, err := db.DecideExecutor(ctx, x.ID, staff, navigator.DecideRefuse, "Справка о недоимке просрочена", nil)
			if err != nil || refused.Reason != "Справка о недоимке просрочена" {
				t.Fatalf("refusing: %+v %v", refused, err)
			}
			mine, err := db.ExecutorOf(ctx, org)
			if err != nil || mine.ID != x.ID || mine.Status != navigator.ExecutorRefused {
				t.Fatalf("the organization's entry: %+v %v", mine, err)
			}
			if again, err := db.ApplyExecutor(ctx, org, staff, fullChecklist(), nil, nil); err != nil || again.ID != x.ID || again.Status != navigator.ExecutorPending {
				t.Fatalf("re-applying after the refusal: %+v %v", again, err)
			}
			if _, err := db.ExecutorOf(ctx, other); navigator.ErrorKind(err) != navigator.KindNotFound {
				t.Fatalf("an organization that never applied: %v", err)
			}

			// Every change is in the journal, under the organization.
			var n int
			must(t, db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, "SELECT count(*) FROM audit_log WHERE subject_kind = 'organization' AND subject_id = ? AND action LIKE 'executor.%'", org).Scan(&n)
			}))
			if n != 6 { // two applications, two documents, include, exclude
				t.Fatalf("%d audit entries, want 6", n)
			}
		})
	}
}

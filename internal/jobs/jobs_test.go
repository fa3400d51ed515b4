package jobs

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

func TestCloseAdultCertificatesTask(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := db.SetRegion(ctx, navigator.Region{Code: "55", Name: "Регион"}); err != nil {
			t.Fatal(err)
		}
		m := navigator.Municipality{Code: "01", Name: "г. Блестящий"}
		if err := db.CreateMunicipality(ctx, &m); err != nil {
			t.Fatal(err)
		}
		u, err := db.CreateSiteUser(ctx, store.NewSiteUser{SiteUserInput: navigator.SiteUserInput{MunicipalityID: m.ID, LastName: "А", FirstName: "Б",
			Phone: "+79990000000", Email: "a@example.ru"}, ConsentOnline: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		today := navigator.Today(time.Now()).Time()
		adult := navigator.NewDate(today.Year()-18, today.Month(), today.Day())
		young := navigator.NewDate(today.Year()-17, today.Month(), today.Day())
		var numbers []string
		for _, birth := range []navigator.Date{adult, young} {
			c, err := db.CreateChild(ctx, u.ID, navigator.ChildInput{BirthDate: birth, Sex: navigator.Male}, nil)
			if err != nil {
				t.Fatal(err)
			}
			cert, err := db.IssueCertificate(ctx, store.Issue{ChildID: c.ID, Type: navigator.CertificateUnconfirmed}, nil)
			if err != nil {
				t.Fatal(err)
			}
			numbers = append(numbers, cert.Number)
		}
		var changed atomic.Int64
		Run(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), Tasks(db), Options{Claims: db, Observe: func(name string, n int64, err error, d time.Duration) {
			if err == nil {
				changed.Add(n)
			}
		}})
		deadline := time.Now().Add(10 * time.Second)
		for {
			c, err := db.Certificate(ctx, numbers[0])
			if err != nil {
				t.Fatal(err)
			}
			if c.Status == navigator.CertificateClosed {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the certificate of an 18-year-old was not closed")
			}
			time.Sleep(20 * time.Millisecond)
		}
		for changed.Load() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the run that closed the certificate was not reported to the observer")
			}
			time.Sleep(20 * time.Millisecond)
		}
		if c, _ := db.Certificate(ctx, numbers[1]); c.Status != navigator.CertificateActive {
			t.Fatalf("a 17-year-old's certificate is %s", c.Status)
		}
	})
}

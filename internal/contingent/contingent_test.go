package contingent_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"navigator"
	"navigator/internal/contingent"
	"navigator/internal/secret"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

func keys(t testing.TB) *secret.Keys {
	k, err := secret.New("contingent-test-secret-0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

const extract = "\ufeff" + contingent.Header + "\n" +
	"Семёнова,Алёна,Игоревна,2016-04-12,female,birth_certificate,IV-МЮ,123456,112-233-445 95\n" +
	"Ершов,Пётр,,2011-09-01,male,passport,45 12,654321,\n" +
	"Smith,John,,2014-02-03,male,foreign,,X1234567,\n"

func TestImportAndLookup(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		k := keys(t)
		n, err := contingent.Import(ctx, db, k, strings.NewReader(extract), nil)
		if err != nil || n != 3 {
			t.Fatalf("import: %d, %v", n, err)
		}
		reg := contingent.NewBuiltin(db, k)
		for _, q := range []contingent.Query{
			{DocumentType: navigator.DocBirthCertificate, Series: "IV-МЮ", Number: "123456"},
			{DocumentType: navigator.DocBirthCertificate, Series: "iv mю", Number: "123 456"},
			{DocumentType: navigator.DocBirthCertificate, Series: "IV-MЮ", Number: "123456", BirthDate: navigator.NewDate(2016, 4, 12)},
		} {
			rec, err := reg.Lookup(ctx, q)
			if err != nil || rec.LastName != "Семёнова" || rec.SNILS != "11223344595" || rec.DocumentSeries != "IV-МЮ" {
				t.Fatalf("lookup %+v: %+v, %v", q, rec, err)
			}
		}
		for _, q := range []contingent.Query{
			{DocumentType: navigator.DocBirthCertificate, Series: "IV-МЮ", Number: "123457"},
			{DocumentType: navigator.DocBirthCertificate, Series: "IV-МЮ", Number: "123456", BirthDate: navigator.NewDate(2016, 4, 13)},
			{DocumentType: navigator.DocPassport, Series: "IV-МЮ", Number: "123456"},
		} {
			if _, err := reg.Lookup(ctx, q); !errors.Is(err, contingent.ErrNotFound) && navigator.ErrorKind(err) != navigator.KindInvalid {
				t.Errorf("lookup %+v: %v, want not found", q, err)
			}
		}
		if rec, err := reg.Lookup(ctx, contingent.Query{DocumentType: navigator.DocPassport, Series: "4512", Number: "654321"}); err != nil || rec.FirstName != "Пётр" {
			t.Fatalf("passport: %+v %v", rec, err)
		}
		// A newer extract replaces the record of the same document.
		newer := contingent.Header + "\nСемёнова,Алёна,Игоревна,2016-04-12,female,birth_certificate,IV-МЮ,123456,\n"
		if _, err := contingent.Import(ctx, db, k, strings.NewReader(newer), nil); err != nil {
			t.Fatal(err)
		}
		if c, _ := db.ContingentCount(ctx); c != 3 {
			t.Fatalf("%d records after re-import, want 3", c)
		}
		rec, _ := reg.Lookup(ctx, contingent.Query{DocumentType: navigator.DocBirthCertificate, Series: "IV-МЮ", Number: "123456"})
		if rec.SNILS != "" {
			t.Fatal("the re-imported record kept the old СНИЛС")
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, c := range []struct {
			name, csv, want string
		}{
			{"bad birth date on line 3", contingent.Header + "\nА,Б,,2015-01-01,male,passport,4512,000001,\nВ,Г,,2015-13-01,male,passport,4512,000002,\n", "line 3: birth_date"},
			{"bad snils on line 2", contingent.Header + "\nА,Б,,2015-01-01,male,passport,4512,000001,112-233-445 96\n", "line 2: snils"},
			{"bad series", contingent.Header + "\nА,Б,,2015-01-01,male,birth_certificate,IIII-МЮ,123456,\n", "line 2: document_series"},
			{"same document twice", contingent.Header + "\nА,Б,,2015-01-01,male,passport,4512,000001,\nВ,Г,,2015-01-01,male,passport,45 12,000001,\n", "line 3: document: the same document as on line 2"},
			{"wrong field count", contingent.Header + "\nА,Б,,2015-01-01,male\n", "line 2: expected 9 fields"},
			{"wrong header", "фамилия,имя\n", "line 1: the header must be"},
			{"name with digits", contingent.Header + "\nА1,Б,,2015-01-01,male,passport,4512,000001,\n", "line 2: last_name"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := contingent.Import(ctx, db, keys(t), strings.NewReader(c.csv), nil)
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("error %v, want %q", err, c.want)
				}
				if n, _ := db.ContingentCount(ctx); n != 0 {
					t.Fatalf("%d records loaded from a bad file", n)
				}
			})
		}
	})
}

func TestHTTPClient(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		switch r.URL.Query().Get("number") {
		case "123456":
			w.Write([]byte(`{"last_name":"Семёнова","first_name":"Алёна","birth_date":"2016-04-12","sex":"female","document_type":"birth_certificate","document_series":"IV-МЮ","document_number":"123456"}`))
		case "000404":
			http.NotFound(w, r)
		case "000500":
			if n%2 == 1 {
				http.Error(w, "busy", 500)
				return
			}
			w.Write([]byte(`{"last_name":"Ершов","first_name":"Пётр","birth_date":"2011-09-01","sex":"male"}`))
		case "000999":
			<-r.Context().Done() // answers only when the client has given up
		case "000777":
			w.Write([]byte(`{"last_name":`))
		}
	}))
	defer srv.Close()
	c := contingent.NewHTTPClient(srv.URL, 300*time.Millisecond, 2, srv.Client())
	ctx := context.Background()
	q := func(n string) contingent.Query {
		return contingent.Query{DocumentType: navigator.DocBirthCertificate, Series: "iv-мю", Number: n}
	}
	if rec, err := c.Lookup(ctx, q("123456")); err != nil || rec.FirstName != "Алёна" || rec.BirthDate.String() != "2016-04-12" {
		t.Fatalf("found: %+v %v", rec, err)
	}
	if _, err := c.Lookup(ctx, q("000404")); !errors.Is(err, contingent.ErrNotFound) {
		t.Fatalf("404: %v", err)
	}
	calls.Store(0)
	if rec, err := c.Lookup(ctx, q("000500")); err != nil || rec.LastName != "Ершов" {
		t.Fatalf("500 then 200: %+v %v", rec, err)
	}
	start := time.Now()
	if _, err := c.Lookup(ctx, q("000999")); !errors.Is(err, contingent.ErrUnavailable) {
		t.Fatalf("hanging: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("a hanging registry held the operator %v", d)
	}
	if _, err := c.Lookup(ctx, q("000777")); !errors.Is(err, contingent.ErrUnavailable) {
		t.Fatalf("malformed: %v", err)
	}
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	start = time.Now()
	if _, err := c.Lookup(short, q("000999")); !errors.Is(err, contingent.ErrUnavailable) || time.Since(start) > time.Second {
		t.Fatalf("cancelled: %v after %v", err, time.Since(start))
	}
	wrongDate := q("123456")
	wrongDate.BirthDate = navigator.NewDate(2016, 4, 13)
	if _, err := c.Lookup(ctx, wrongDate); !errors.Is(err, contingent.ErrNotFound) {
		t.Fatalf("another birth date: %v", err)
	}
	down := contingent.NewHTTPClient("http://127.0.0.1:1", 200*time.Millisecond, 1, nil)
	if _, err := down.Lookup(ctx, q("123456")); !errors.Is(err, contingent.ErrUnavailable) {
		t.Fatalf("down: %v", err)
	}
}

// TestImportMillion loads 1,000,000 synthetic rows when
// NAVIGATOR_BENCH_MILLION=1 and prints the rate; the suite skips it.
func TestImportMillion(t *testing.T) {
	t.Parallel()
	if os.Getenv("NAVIGATOR_BENCH_MILLION") == "" {
		t.Skip("set NAVIGATOR_BENCH_MILLION=1 to import 1,000,000 rows")
	}
	const rows = 1_000_000
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		pr, pw := newPipe()
		go func() {
			fmt.Fprintln(pw, contingent.Header)
			for i := 0; i < rows; i++ {
				fmt.Fprintf(pw, "Иванова,Мария,Петровна,2015-%02d-%02d,female,birth_certificate,%s-МЮ,%06d,\n", 1+i%12, 1+i%28, []string{"I", "II", "III", "IV", "V"}[i/1_000_000%5], i)
			}
			pw.Close()
		}()
		start := time.Now()
		reports := 0
		n, err := contingent.Import(context.Background(), db, keys(t), pr, func(int) { reports++ })
		if err != nil || n != rows {
			t.Fatalf("%d, %v", n, err)
		}
		if reports != rows/contingent.ProgressEvery {
			t.Errorf("%d progress reports, want %d", reports, rows/contingent.ProgressEvery)
		}
		d := time.Since(start)
		t.Logf("%s: %d rows in %v: %.0f rows/s", db.Engine(), n, d.Round(time.Millisecond), float64(n)/d.Seconds())
	})
}

// synthetic writes an extract of n rows with distinct documents of all
// three types.
func synthetic(n int) string {
	var b strings.Builder
	b.WriteString(contingent.Header + "\n")
	for i := 0; i < n; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "Иванова,Мария,Петровна,2015-%02d-%02d,female,birth_certificate,%s-МЮ,%06d,\n", 1+i%12, 1+i%28, []string{"I", "II", "III", "IV", "V"}[i%5], i)
		case 1:
			fmt.Fprintf(&b, "Petrov,Ivan,,2010-%02d-%02d,male,passport,%04d,%06d,\n", 1+i%12, 1+i%28, 1000+i%9000, i)
		default:
			fmt.Fprintf(&b, "O'Brien,Anna-Maria,,2012-01-02,female,foreign,AB,N%d,\n", i)
		}
	}
	return b.String()
}

func TestImportTwentyThousand(t *testing.T) {
	t.Parallel()
	const rows = 20_000
	csv := synthetic(rows)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		k := keys(t)
		start := time.Now()
		n, err := contingent.Import(ctx, db, k, strings.NewReader(csv), nil)
		if err != nil || n != rows {
			t.Fatalf("import: %d, %v", n, err)
		}
		t.Logf("%s: %d rows in %v", db.Engine(), n, time.Since(start).Round(time.Millisecond))
		if c, _ := db.ContingentCount(ctx); c != rows {
			t.Fatalf("%d records", c)
		}
		// Loading the same extract again replaces every record.
		if n, err := contingent.Import(ctx, db, k, strings.NewReader(csv), nil); err != nil || n != rows {
			t.Fatalf("re-import: %d, %v", n, err)
		}
		if c, _ := db.ContingentCount(ctx); c != rows {
			t.Fatalf("%d records after re-import", c)
		}
		reg := contingent.NewBuiltin(db, k)
		rec, err := reg.Lookup(ctx, contingent.Query{DocumentType: navigator.DocPassport, Series: "10 01", Number: "№ 000 001"})
		if err != nil || rec.LastName != "Petrov" || rec.DocumentSeries != "1001" || rec.DocumentNumber != "000001" {
			t.Fatalf("passport: %+v %v", rec, err)
		}
		rec, err = reg.Lookup(ctx, contingent.Query{DocumentType: navigator.DocBirthCertificate, Series: "ⅲ мю", Number: "019 992"})
		if err != nil || rec.FirstName != "Мария" || rec.DocumentSeries != "III-МЮ" {
			t.Fatalf("birth certificate: %+v %v", rec, err)
		}
	})
}

func TestManyBadLinesAreCountedAndNothingLoaded(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(contingent.Header + "\n")
	b.WriteString("Иванов,Иван,,2015-01-01,male,passport,4512,000001,\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "Иванов,Иван,,2015-01-01,boy,passport,4512,%06d,\n", i+2)
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, err := contingent.Import(ctx, db, keys(t), strings.NewReader(b.String()), nil)
		var bad *contingent.BadRows
		if !errors.As(err, &bad) || len(bad.Lines) != 20 || !bad.More {
			t.Fatalf("error %v, want 20 bad lines and more", err)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "line 3: sex:") || !strings.Contains(msg, "more than 19 other bad lines") || strings.Contains(msg, "\n") {
			t.Fatalf("message %q", msg)
		}
		if n, _ := db.ContingentCount(ctx); n != 0 {
			t.Fatalf("%d records loaded", n)
		}
	})
}

// TestNoPlainPersonalDataInTheFile imports a record and looks for its
// СНИЛС and document in the SQLite file's bytes.
func TestNoPlainPersonalDataInTheFile(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	csv := contingent.Header + "\nСемёнова,Алёна,Игоревна,2016-04-12,female,birth_certificate,XIV-ЖЩ,987650,112-233-445 95\n" +
		"Ершов,Пётр,,2011-09-01,male,passport,7319,864213,\n"
	if _, err := contingent.Import(ctx, db, keys(t), strings.NewReader(csv), nil); err != nil {
		t.Fatal(err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for _, f := range []string{db.Path(), db.Path() + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		raw = append(raw, b...)
	}
	if !strings.Contains(string(raw), "Семёнова") {
		t.Fatal("the name is not in the file: wrong file read")
	}
	for _, plain := range []string{"11223344595", "112-233-445", "987650", "XIV-ЖЩ", "ЖЩ", "864213", "7319"} {
		if strings.Contains(string(raw), plain) {
			t.Errorf("%q is in the database file in plain text", plain)
		}
	}
}

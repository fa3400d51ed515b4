package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"navigator/internal/contingent"
	"navigator/internal/storetest"
)

const registryCSV = "last_name,first_name,patronymic,birth_date,sex,document_type,document_series,document_number,snils\n" +
	"Семёнова,Алёна,Игоревна,2016-04-12,female,birth_certificate,IV-МЮ,123456,112-233-445 95\n" +
	"Ершов,Пётр,,2011-09-01,male,passport,4512,654321,\n"

// TestSeed004ThroughAPI: the operator enters the birth certificate typed
// with Latin look-alikes, finds the child in «Контингент», takes its data,
// confirms and generates the number; a child not in the registry is
// issued with data typed by hand, and the record says which.
func TestSeed004ThroughAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			if _, err := contingent.Import(context.Background(), e.db, e.keys, strings.NewReader(registryCSV), nil); err != nil {
				t.Fatal(err)
			}
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			me := call(t, e, op, "GET", "/api/v1/me", "", 200)
			u := call(t, e, op, "POST", "/api/v1/admin/site-users", fmt.Sprintf(`{"municipality_id": %.0f, "last_name": "Семёнов",
				"first_name": "Игорь", "patronymic": "Петрович", "phone": "+79131234567", "email": "semenov@example.ru"}`, me["municipality_id"]), 201)
			c := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", id(u)),
				`{"last_name": "Семенова", "first_name": "Алена", "birth_date": "2016-04-12", "sex": "female"}`, 201)
			path := fmt.Sprintf("/api/v1/admin/children/%d", id(c))

			// «IV-MЮ» with a Latin M is the same document.
			res := call(t, e, op, "POST", "/api/v1/admin/contingent/lookup", fmt.Sprintf(`{"child_id": %d,
				"document_type": "birth_certificate", "series": "iv-MЮ", "number": "123456", "birth_date": "2016-04-12"}`, id(c)), 200)
			rec, _ := res["record"].(map[string]any)
			if res["found"] != true || rec["last_name"] != "Семёнова" || rec["first_name"] != "Алёна" {
				t.Fatalf("lookup %v", res)
			}
			// Not found, and a malformed document.
			if nf := call(t, e, op, "POST", "/api/v1/admin/contingent/lookup", fmt.Sprintf(`{"child_id": %d, "document_type": "birth_certificate",
				"series": "I-АБ", "number": "000001", "birth_date": "2016-04-12"}`, id(c)), 200); nf["found"] != false {
				t.Fatalf("unknown document found: %v", nf)
			}
			call(t, e, op, "POST", "/api/v1/admin/contingent/lookup", fmt.Sprintf(`{"child_id": %d, "document_type": "birth_certificate",
				"series": "IIII-МЮ", "number": "12", "birth_date": "2016-04-12"}`, id(c)), 422)

			// The operator takes the registry's data, confirms, generates the number.
			call(t, e, op, "PATCH", path, `{"last_name": "Семёнова", "first_name": "Алёна", "patronymic": "Игоревна", "snils": "112-233-445 95",
				"document_type": "birth_certificate", "document_series": "IV-МЮ", "document_number": "123456"}`, 200)
			call(t, e, op, "POST", path+"/confirm", `{}`, 200)
			cert := call(t, e, op, "POST", path+"/certificate", `{"type": "accounting", "data_source": "contingent", "papers_kept": true}`, 201)
			if cert["data_source"] != "contingent" {
				t.Fatalf("certificate %v", cert)
			}
			child := call(t, e, op, "GET", path, "", 200)
			if child["document"] != "Свидетельство о рождении IV-МЮ № 123456" || child["first_name"] != "Алёна" {
				t.Fatalf("child %v", child)
			}

			// A child the registry does not know: typed by hand, and said so.
			c2 := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", id(u)),
				`{"last_name": "Семёнов", "first_name": "Лев", "birth_date": "2019-02-02", "sex": "male"}`, 201)
			p2 := fmt.Sprintf("/api/v1/admin/children/%d", id(c2))
			call(t, e, op, "POST", p2+"/confirm", `{"snils": "08765430300"}`, 200)
			cert2 := call(t, e, op, "POST", p2+"/certificate", `{"type": "accounting", "data_source": "contingent_not_found"}`, 201)
			if cert2["data_source"] != "contingent_not_found" {
				t.Fatalf("certificate %v", cert2)
			}
		})
	}
}

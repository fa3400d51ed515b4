package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"navigator/internal/storetest"
)

// TestOfficeSummary: «Где получить сертификат» publishes the region's
// summary — offices and responsible persons per municipality, counted
// here from the demo region by hand — and each municipality's offices
// with their hours and responsible persons; the API gives the same.
func TestOfficeSummary(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			offices, persons := map[string]int{}, map[string]int{}
			total := 0
			for _, o := range e.region.Organizations {
				if o.IsCertificateOffice {
					offices[o.MunicipalityCode]++
					persons[o.MunicipalityCode] += len(o.Responsible)
					total++
				}
			}
			var sum struct {
				Items []struct {
					Municipality struct {
						ID   int64  `json:"id"`
						Code string `json:"code"`
					} `json:"municipality"`
					Offices     int `json:"offices"`
					Responsible int `json:"responsible_persons"`
				} `json:"items"`
				Region struct {
					Offices int `json:"offices"`
				} `json:"region"`
			}
			resp, body := e.do(t, "GET", "/api/v1/certificate-offices/summary", "")
			if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &sum) != nil {
				t.Fatalf("summary: %d %s", resp.StatusCode, body)
			}
			if len(sum.Items) != len(e.region.Municipalities) || sum.Region.Offices != total {
				t.Fatalf("summary of %d municipalities, %d offices; want %d, %d", len(sum.Items), sum.Region.Offices, len(e.region.Municipalities), total)
			}
			var zarechny int64
			for _, it := range sum.Items {
				if it.Offices != offices[it.Municipality.Code] || it.Responsible != persons[it.Municipality.Code] {
					t.Errorf("municipality %s: %d offices, %d persons; want %d, %d", it.Municipality.Code, it.Offices, it.Responsible,
						offices[it.Municipality.Code], persons[it.Municipality.Code])
				}
				if it.Municipality.Code == "02" {
					zarechny = it.Municipality.ID
				}
			}
			resp, page := e.do(t, "GET", "/offices", "")
			if resp.StatusCode != 200 || !strings.Contains(page, "Сводная информация по муниципалитетам") || !strings.Contains(page, "Всего по региону") {
				t.Fatalf("offices page: %d %s", resp.StatusCode, trim(page))
			}
			// One municipality: its offices with hours and responsible persons, no other's.
			_, page = e.do(t, "GET", fmt.Sprintf("/offices?municipality_id=%d", zarechny), "")
			for _, o := range e.region.Organizations {
				if !o.IsCertificateOffice {
					continue
				}
				has := strings.Contains(page, o.Schedule) && strings.Contains(page, o.Responsible[0].FullName)
				if o.MunicipalityCode == "02" && !has {
					t.Errorf("office %s of Заречный is missing its hours or responsible person", o.Key)
				}
				if o.MunicipalityCode != "02" && strings.Contains(page, o.Responsible[0].FullName) {
					t.Errorf("office %s of another municipality is shown", o.Key)
				}
			}
		})
	}
}

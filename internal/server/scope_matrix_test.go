package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"navigator"
	"navigator/internal/secret"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// The scope matrix: every route of the management system — its API and
// its pages — is called as every role, against an object inside the caller's place (municipality
// «г. Блестящий», ДДТ «Центральный») and one outside it (г. Заречный), and
// must answer as designed:
//
//	ok   — allowed: anything but 401, 403 and 404 (a 422 for the empty body is fine; a 5xx fails)
//	401  — not signed in (a page sends such a caller to /login)
//	403  — the role may not do this at all
//	404  — the object is outside the caller's scope, so it "does not exist"
//
// A route under /api/v1/admin/ or /admin that the table does not list
// fails the test: a new endpoint needs its row, and so its scope decided.
//
// Run with NAVIGATOR_SCOPE_MATRIX=print to print what the server answers
// now, as rows to paste after review.

var matrixRoles = []string{"anonymous", "parent", "operator", "provider", "municipal_admin", "regional_admin"}

// scopeMatrix: for each route, the answers of the roles in matrixRoles'
// order for the object inside, then "|", then for the object outside. A
// route without an object has one half.
var scopeMatrix = map[string]string{
	"DELETE /api/v1/admin/staff/{id}/sessions/{ref}": "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"GET /admin":                                              "401 403 ok ok ok ok",
	"GET /admin/audit":                                        "401 403 403 403 ok ok",
	"GET /admin/certification":                                "401 403 403 403 403 ok",
	"GET /admin/children/{id}":                                "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"GET /admin/children/{id}/application.pdf":                "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"GET /admin/children/{id}/consent.pdf":                    "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"GET /admin/directions":                                   "401 403 ok ok ok ok",
	"GET /admin/municipalities":                               "401 403 403 403 403 ok",
	"GET /admin/municipalities/{id}/settings":                 "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"GET /admin/municipality-settings":                        "401 403 403 403 ok ok",
	"GET /admin/organizations":                                "401 403 403 403 ok ok",
	"GET /admin/organizations/new":                            "401 403 403 403 ok ok",
	"GET /admin/organizations/{id}":                           "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"GET /admin/periods":                                      "401 403 ok ok ok ok",
	"GET /admin/periods/{id}":                                 "401 403 ok ok ok ok",
	"GET /admin/programs":                                     "401 403 403 ok 403 403",
	"GET /admin/applications":                                 "401 403 403 ok 403 403",
	"GET /api/v1/admin/applications/{id}/contract/pdf":        "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"GET /admin/programs/{id}":                                "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"GET /admin/programs/{id}/groups/{group}":                 "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"GET /admin/quick-issue":                                  "401 403 ok 403 403 403",
	"GET /admin/registries":                                   "401 403 403 403 ok ok",
	"GET /admin/report-jobs/{id}":                             "401 403 404 404 ok 404 | 401 403 404 404 404 ok",
	"GET /admin/report-jobs/{id}/file":                        "401 403 404 404 ok 404 | 401 403 404 404 404 ok",
	"GET /admin/reports":                                      "401 403 ok ok ok ok",
	"GET /admin/reports/{name}":                               "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"GET /admin/site-users":                                   "401 403 ok 403 ok ok",
	"GET /admin/site-users/new":                               "401 403 ok 403 ok 403",
	"GET /admin/site-users/{id}":                              "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"GET /admin/staff":                                        "401 403 403 403 ok ok",
	"GET /admin/staff/new":                                    "401 403 403 403 ok ok",
	"GET /admin/staff/{id}":                                   "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"GET /api/v1/admin/applications":                          "401 403 403 ok 403 403",
	"GET /api/v1/admin/audit":                                 "401 403 403 403 ok ok",
	"GET /api/v1/admin/certificates/{number}":                 "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"GET /api/v1/admin/certificates/{number}/pdf":             "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"GET /api/v1/admin/certification":                         "401 403 403 403 403 ok",
	"GET /api/v1/admin/children/{id}":                         "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"GET /api/v1/admin/directions":                            "401 403 ok ok ok ok",
	"GET /api/v1/admin/groups/{id}/roster":                    "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"GET /api/v1/admin/municipalities/{id}/settings":          "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"GET /api/v1/admin/organizations":                         "401 403 403 403 ok ok",
	"GET /api/v1/admin/organizations/{id}":                    "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"GET /api/v1/admin/periods":                               "401 403 ok ok ok ok",
	"GET /api/v1/admin/programs":                              "401 403 403 ok 403 403",
	"GET /api/v1/admin/programs/{id}":                         "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"GET /api/v1/admin/report-jobs/{id}":                      "401 403 404 404 ok 404 | 401 403 404 404 404 ok",
	"GET /api/v1/admin/report-jobs/{id}/file":                 "401 403 404 404 ok 404 | 401 403 404 404 404 ok",
	"GET /api/v1/admin/report-settings":                       "401 403 ok ok ok ok",
	"GET /api/v1/admin/nominal-ceiling":                       "401 403 403 403 ok ok",
	"GET /api/v1/admin/reports/{name}":                        "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"GET /api/v1/admin/site-users":                            "401 403 ok 403 ok ok",
	"GET /api/v1/admin/site-users/{id}":                       "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"GET /api/v1/admin/site-users/{id}/children":              "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"GET /api/v1/admin/staff":                                 "401 403 403 403 ok ok",
	"GET /api/v1/admin/staff/{id}":                            "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"PATCH /api/v1/admin/certificates/{number}":               "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"PATCH /api/v1/admin/children/{id}":                       "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"PATCH /api/v1/admin/directions/{code}":                   "401 403 403 403 403 ok",
	"PATCH /api/v1/admin/groups/{id}":                         "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"PATCH /api/v1/admin/municipalities/{id}":                 "401 403 403 403 403 ok | 401 403 403 403 403 ok",
	"PATCH /api/v1/admin/programs/{id}":                       "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"PATCH /api/v1/admin/report-settings":                     "401 403 403 403 403 ok",
	"PATCH /api/v1/admin/site-users/{id}":                     "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"POST /admin/applications/{id}":                           "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /admin/certification/{id}":                          "401 403 403 403 403 ok | 401 403 403 403 403 ok",
	"POST /admin/children/{id}":                               "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"POST /admin/children/{id}/accept-registry":               "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"POST /admin/children/{id}/certificate":                   "401 403 ok 403 403 403 | 401 403 404 403 404 403",
	"POST /admin/children/{id}/certificate/change":            "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"POST /admin/children/{id}/confirm":                       "401 403 ok 403 403 403 | 401 403 404 403 404 403",
	"POST /admin/children/{id}/generate":                      "401 403 ok 403 403 403 | 401 403 404 403 404 403",
	"POST /admin/children/{id}/lookup":                        "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"POST /admin/children/{id}/snils":                         "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"POST /admin/directions/{code}":                           "401 403 403 403 403 ok",
	"POST /admin/municipalities":                              "401 403 403 403 403 ok",
	"POST /admin/municipalities/{id}":                         "401 403 403 403 403 ok | 401 403 403 403 403 ok",
	"POST /admin/municipalities/{id}/settings":                "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"POST /admin/municipality-settings":                       "401 403 403 403 ok ok",
	"POST /admin/organizations":                               "401 403 403 403 ok ok",
	"POST /admin/organizations/{id}":                          "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"POST /admin/periods":                                     "401 403 403 403 403 ok",
	"POST /admin/periods/{id}":                                "401 403 403 403 403 ok",
	"POST /admin/programs":                                    "401 403 403 ok 403 403",
	"POST /admin/programs/{id}/certification":                 "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /admin/programs/{id}":                               "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /admin/programs/{id}/groups":                        "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /admin/programs/{id}/groups/{group}":                "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /admin/programs/{id}/status":                        "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /admin/quick-issue":                                 "401 403 ok 403 403 403",
	"POST /admin/reports/settings":                            "401 403 403 403 403 ok",
	"POST /admin/nominal-ceiling":                             "401 403 403 403 403 ok",
	"POST /admin/reports/{name}/jobs":                         "401 403 ok 403 ok ok | 401 403 ok 403 ok ok",
	"POST /admin/site-users":                                  "401 403 ok 403 ok 403",
	"POST /admin/site-users/{id}":                             "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"POST /admin/site-users/{id}/children":                    "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"POST /admin/site-users/{id}/verify-email":                "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"POST /admin/staff":                                       "401 403 403 403 ok ok",
	"POST /admin/staff/{id}/sessions/{ref}/end":               "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"POST /admin/staff/{id}/{action}":                         "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"POST /api/v1/admin/applications/{id}/accept":             "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /api/v1/admin/applications/{id}/end":                "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /api/v1/admin/applications/{id}/enroll":             "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /api/v1/admin/applications/{id}/reject":             "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /api/v1/admin/children/{id}/achievements":           "401 ok 403 ok 403 403 | 401 404 403 404 403 403",
	"POST /api/v1/admin/children/{id}/certificate":            "401 403 ok 403 403 403 | 401 403 404 403 403 403",
	"POST /api/v1/admin/children/{id}/confirm":                "401 403 ok 403 403 403 | 401 403 404 403 403 403",
	"POST /api/v1/admin/contingent/lookup":                    "401 403 ok 403 ok 403",
	"POST /api/v1/admin/municipalities":                       "401 403 403 403 403 ok",
	"POST /api/v1/admin/organizations":                        "401 403 403 403 ok ok",
	"POST /api/v1/admin/periods":                              "401 403 403 403 403 ok",
	"POST /api/v1/admin/programs":                             "401 403 403 ok 403 403",
	"POST /api/v1/admin/programs/{id}/certification":          "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /api/v1/admin/programs/{id}/certification/decision": "401 403 403 403 403 ok | 401 403 403 403 403 ok",
	"POST /api/v1/admin/programs/{id}/groups":                 "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /api/v1/admin/reports/{name}/jobs":                  "401 403 ok 403 ok ok | 401 403 404 403 404 ok",
	"POST /api/v1/admin/site-users":                           "401 403 ok 403 ok 403",
	"POST /api/v1/admin/site-users/{id}/children":             "401 403 ok 403 ok 403 | 401 403 404 403 404 403",
	"POST /api/v1/admin/staff":                                "401 403 403 403 ok ok",
	"POST /api/v1/admin/staff/{id}/{action}":                  "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"PUT /api/v1/admin/municipalities/{id}/settings":          "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"PUT /api/v1/admin/municipalities/{id}/social-order":      "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"PUT /api/v1/admin/nominal-ceiling":                       "401 403 403 403 403 ok",
	"PUT /api/v1/admin/organizations/{id}":                    "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"PUT /api/v1/admin/periods/{id}":                          "401 403 403 403 403 ok",
	"GET /admin/executor":                                     "401 403 403 ok 403 403",
	"POST /admin/executor":                                    "401 403 403 ok 403 403",
	"POST /admin/executor/documents":                          "401 403 403 ok 403 403",
	"POST /admin/executor/documents/{doc}/delete":             "401 403 403 404 403 403 | 401 403 403 404 403 403",
	"GET /admin/social-order":                                 "401 403 403 403 ok ok",
	"POST /admin/social-order":                                "401 403 403 403 ok ok",
	"GET /admin/municipalities/{id}/social-order":             "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"POST /admin/municipalities/{id}/social-order":            "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"GET /admin/executors":                                    "401 403 403 403 ok ok",
	"GET /admin/executors/{id}":                               "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"POST /admin/executors/{id}/decision":                     "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"GET /admin/executors/{id}/documents/{doc}":               "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"GET /api/v1/admin/executors":                             "401 403 403 403 ok ok",
	"POST /api/v1/admin/executors":                            "401 403 403 ok 403 403",
	"GET /api/v1/admin/executors/{id}":                        "401 403 403 404 ok ok | 401 403 403 404 404 ok",
	"POST /api/v1/admin/executors/{id}/decision":              "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"POST /api/v1/admin/executors/{id}/documents":             "401 403 403 404 403 403 | 401 403 403 404 403 403",
	"GET /api/v1/admin/executors/{id}/documents/{doc}":        "401 403 403 403 ok ok | 401 403 403 403 404 ok",
	"DELETE /api/v1/admin/executors/{id}/documents/{doc}":     "401 403 403 404 403 403 | 401 403 403 404 403 403",
	"GET /api/v1/admin/groups/{id}/attendance":                "401 403 403 ok ok ok | 401 403 403 404 404 ok",
	"PUT /api/v1/admin/groups/{id}/attendance/{date}":         "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"GET /api/v1/admin/agreements":                            "401 403 403 ok ok ok",
	"GET /api/v1/admin/agreements/{id}":                       "401 403 403 ok ok ok | 401 403 403 404 404 ok",
	"GET /api/v1/admin/agreements/{id}/pdf":                   "401 403 403 ok ok ok | 401 403 403 404 404 ok",
	"GET /api/v1/admin/executor-reports":                      "401 403 403 ok ok ok",
	"POST /api/v1/admin/executor-reports":                     "401 403 403 ok 403 403",
	"GET /api/v1/admin/executor-reports/{id}":                 "401 403 403 ok ok ok | 401 403 403 404 404 ok",
	"POST /api/v1/admin/executor-reports/{id}/submit":         "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /api/v1/admin/executor-reports/{id}/accept":         "401 403 403 403 ok 403 | 401 403 403 403 404 403",
	"POST /api/v1/admin/executor-reports/{id}/return":         "401 403 403 403 ok 403 | 401 403 403 403 404 403",
	"GET /api/v1/admin/executor-reports/{id}/register":        "401 403 403 ok ok ok | 401 403 403 404 404 ok",
	"GET /admin/groups/{id}/attendance":                       "401 403 403 ok ok ok | 401 403 403 404 404 ok",
	"POST /admin/groups/{id}/attendance/{date}":               "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"GET /admin/executor-reports":                             "401 403 403 ok ok ok",
	"POST /admin/executor-reports":                            "401 403 403 ok 403 403",
	"GET /admin/executor-reports/{id}":                        "401 403 403 ok ok ok | 401 403 403 404 404 ok",
	"POST /admin/executor-reports/{id}/submit":                "401 403 403 ok 403 403 | 401 403 403 404 403 403",
	"POST /admin/executor-reports/{id}/accept":                "401 403 403 403 ok 403 | 401 403 403 403 404 403",
	"POST /admin/executor-reports/{id}/return":                "401 403 403 403 ok 403 | 401 403 403 403 404 403",
	"GET /admin/agreements":                                   "401 403 403 ok ok ok",
	"GET /admin/agreements/{id}":                              "401 403 403 ok ok ok | 401 403 403 404 404 ok",
}

// matrixWorld is the objects of the matrix, inside and outside the place
// of the demo staff of «г. Блестящий».
type matrixWorld struct {
	siteUser, child, program, group, application, organization, staff, municipality [2]int64
	certificate                                                                     [2]string
	reportJob                                                                       [2]int64
	executor, document                                                              [2]int64 // the demo entries: included in «г. Блестящий», pending in г. Заречный
	executorReport, agreement                                                       [2]int64
	period                                                                          int64
}

func TestScopeMatrix(t *testing.T) {
	t.Parallel()
	print := os.Getenv("NAVIGATOR_SCOPE_MATRIX") == "print"
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			tokens := map[string][]string{"anonymous": nil}
			tokens["parent"] = staffToken(t, e, familyOf(t, e, "01").Email, "demo-parent-2026")
			for role, email := range map[string]string{"operator": "operator@demo.example.ru", "provider": "provider@demo.example.ru",
				"municipal_admin": "blestyashchiy@demo.example.ru", "regional_admin": "region@demo.example.ru"} {
				tokens[role] = staffToken(t, e, email, e.staffPassword(email))
			}
			w := newMatrixWorld(t, e, tokens)

			// Every admin route has its row, and every row a route.
			known := map[string]bool{}
			for _, p := range e.server.Patterns() {
				if !strings.Contains(p, " /api/v1/admin/") && !strings.Contains(p, " /admin") {
					continue
				}
				known[p] = true
				if _, ok := scopeMatrix[p]; !ok && !print {
					t.Errorf("route %q has no row in the scope matrix: decide who may call it and add the row", p)
				}
			}
			for p := range scopeMatrix {
				if !known[p] {
					t.Errorf("the scope matrix lists %q, which is not a route", p)
				}
			}
			patterns := make([]string, 0, len(known))
			for p := range known {
				patterns = append(patterns, p)
			}
			sort.Strings(patterns)
			var printed []string
			for _, p := range patterns {
				method, path, _ := strings.Cut(p, " ")
				halves := []string{"in"}
				if strings.Contains(path, "{") && !strings.Contains(path, "{code}") && !strings.Contains(path, "/periods/") {
					halves = append(halves, "out")
				}
				// Denials first, then the allowed calls, which may change things.
				want := strings.Split(scopeMatrix[p], "|")
				got := make([][]string, len(halves))
				for hi, half := range halves {
					got[hi] = make([]string, len(matrixRoles))
					var expect []string
					if hi < len(want) {
						expect = strings.Fields(want[hi])
					}
					order := rolesDenialsFirst(expect)
					for _, ri := range order {
						role := matrixRoles[ri]
						url := w.path(t, e, path, half)
						status, body := matrixCall(t, e, p, method, url, tokens[role])
						answer := fmt.Sprint(status)
						if status >= 500 {
							t.Errorf("%s as %s on the object %s: %d, a server error: %s", p, role, half, status, trim(body))
						}
						if status != 401 && status != 403 && status != 404 {
							answer = "ok"
						}
						got[hi][ri] = answer
						if !print && ri < len(expect) && expect[ri] != answer {
							t.Errorf("%s as %s on the object %s: %s (%d), want %s: %s", p, role, half, answer, status, expect[ri], trim(body))
						}
					}
				}
				parts := make([]string, len(got))
				for i, g := range got {
					parts[i] = strings.Join(g, " ")
				}
				printed = append(printed, fmt.Sprintf("\t%q: %q,", p, strings.Join(parts, " | ")))
			}
			if print {
				fmt.Println(strings.Join(printed, "\n"))
			}
		})
	}
}

// rolesDenialsFirst orders the roles so that the calls expected to be
// refused run before the allowed ones.
func rolesDenialsFirst(expect []string) []int {
	var denied, allowed []int
	for i := range matrixRoles {
		if i < len(expect) && expect[i] == "ok" {
			allowed = append(allowed, i)
		} else {
			denied = append(denied, i)
		}
	}
	return append(denied, allowed...)
}

// matrixBodies are bodies that reach the scope check with a real change
// where an empty one would stop at validation for everyone alike.
var matrixBodies = map[string]string{
	"PATCH /api/v1/admin/certificates/{number}":          `{"status": "active"}`,
	"PATCH /api/v1/admin/report-settings":                `{"advance_share_percent": 80}`,
	"PUT /api/v1/admin/municipalities/{id}/social-order": `{"year": 2030, "regime": "pfdo", "directions": []}`,
	"PUT /api/v1/admin/nominal-ceiling":                  `{"financing_nominal_ceiling": "80000.00"}`,
}

// matrixCall makes one call of the matrix without following redirects: a
// page that sends the caller to /login answers 401 here.
func matrixCall(t *testing.T, e *env, pattern, method, url string, auth []string) (int, string) {
	t.Helper()
	var rd io.Reader
	page := !strings.Contains(pattern, "/api/")
	body := matrixBody(pattern, method)
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.srv.URL+url, rd)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case page && method == "POST":
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case body != "":
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(auth); i += 2 {
		req.Header.Set(auth[i], auth[i+1])
	}
	client := *e.srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		return http.StatusUnauthorized, string(b)
	}
	return resp.StatusCode, string(b)
}

func matrixBody(pattern, method string) string {
	if !strings.Contains(pattern, "/api/") {
		return "" // a page's form, empty
	}
	if b, ok := matrixBodies[pattern]; ok {
		return b
	}
	if method == "GET" || method == "DELETE" {
		return ""
	}
	return "{}"
}

// staffPassword is a demo staff account's password.
func (e *env) staffPassword(email string) string {
	for _, s := range e.region.Staff {
		if s.Email == email {
			return s.Password
		}
	}
	return ""
}

// familyOf is the first demo family of a municipality.
func familyOf(t *testing.T, e *env, code string) struct{ Email string } {
	for _, f := range e.region.Families {
		if f.MunicipalityCode == code && len(f.Children) > 0 {
			return struct{ Email string }{f.Email}
		}
	}
	t.Fatalf("no family in %s", code)
	return struct{ Email string }{}
}

func newMatrixWorld(t *testing.T, e *env, tokens map[string][]string) *matrixWorld {
	t.Helper()
	ctx := context.Background()
	w := &matrixWorld{}
	one := func(q string, args ...any) int64 {
		var id int64
		if err := e.db.View(ctx, func(tx *store.Tx) error { return tx.QueryRow(ctx, q, args...).Scan(&id) }); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return id
	}
	codes := [2]string{"01", "02"}
	orgs := [2]string{"provider@demo.example.ru", "provider.zarechny@demo.example.ru"}
	ops := [2]string{"operator@demo.example.ru", "operator.zarechny@demo.example.ru"}
	for i, code := range codes {
		w.municipality[i] = one("SELECT id FROM municipalities WHERE code = ?", code)
		w.siteUser[i] = one("SELECT min(u.id) FROM site_users u JOIN children c ON c.site_user_id = u.id JOIN certificates s ON s.child_id = c.id WHERE u.municipality_id = ?", w.municipality[i])
		w.child[i] = one("SELECT min(c.id) FROM children c JOIN certificates s ON s.child_id = c.id WHERE c.site_user_id = ?", w.siteUser[i])
		w.certificate[i] = fmt.Sprint(one("SELECT CAST(number AS BIGINT) FROM certificates WHERE child_id = ?", w.child[i]))
		w.organization[i] = one("SELECT organization_id FROM staff WHERE email = ?", orgs[i])
		w.program[i] = one("SELECT min(id) FROM programs WHERE organization_id = ?", w.organization[i])
		w.group[i] = one("SELECT min(id) FROM groups WHERE program_id = ?", w.program[i])
		w.staff[i] = one("SELECT id FROM staff WHERE email = ?", ops[i])
		if err := e.db.Update(ctx, func(tx *store.Tx) error {
			var err error
			w.application[i], err = tx.InsertID(ctx, `INSERT INTO applications (child_id, group_id, site_user_id, status, holds_seat, created_at, status_changed_at)
				VALUES (?, ?, ?, 'pending', TRUE, ?, ?)`, w.child[i], w.group[i], w.siteUser[i], tx.Now(), tx.Now())
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	w.period = one("SELECT id FROM periods WHERE is_current = TRUE")
	for i := range codes {
		w.executor[i] = one("SELECT id FROM executors WHERE municipality_id = ?", w.municipality[i])
		w.document[i] = one("SELECT min(id) FROM executor_documents WHERE executor_id = ?", w.executor[i])
		// An executor's report sent to each municipality, and an agreement by
		// social certificate of each (a finished application of its own).
		if err := e.db.Update(ctx, func(tx *store.Tx) error {
			var err error
			if w.executorReport[i], err = tx.InsertID(ctx, `INSERT INTO executor_reports (organization_id, municipality_id, month, status, formed_at)
				VALUES (?, ?, '2026-01', 'submitted', ?)`, w.organization[i], w.municipality[i], tx.Now()); err != nil {
				return err
			}
			app, err := tx.InsertID(ctx, `INSERT INTO applications (child_id, group_id, site_user_id, status, holds_seat, created_at, status_changed_at)
				VALUES (?, ?, ?, 'completed', FALSE, ?, ?)`, w.child[i], w.group[i], w.siteUser[i], tx.Now(), tx.Now())
			if err != nil {
				return err
			}
			w.agreement[i], err = tx.InsertID(ctx, `INSERT INTO contracts (application_id, certificate_id, number, status, starts_on, ends_on, price_per_month,
				certificate_monthly, family_monthly, unit, hours_monthly, hour_cost) SELECT ?, id, ?, 'ended', '2026-01-01', '2026-05-31', 0, 0, 0, 'hour', 800, 15000
				FROM certificates WHERE child_id = ?`, app, fmt.Sprintf("Д-M%06d", app), w.child[i])
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	// Report jobs: one of the municipal admin (inside), one of the regional admin (outside).
	for i, role := range []string{"municipal_admin", "regional_admin"} {
		j := call(t, e, tokens[role], "POST", "/api/v1/admin/reports/certificates/jobs", `{"format": "csv"}`, 202)
		w.reportJob[i] = id(j)
	}
	return w
}

// path fills a route's wildcards with the object inside ("in") or outside
// ("out") the callers' place.
func (w *matrixWorld) path(t *testing.T, e *env, pattern, half string) string {
	i := 0
	if half == "out" {
		i = 1
	}
	seg := strings.Split(pattern, "/")
	query := ""
	for k, s := range seg {
		if !strings.HasPrefix(s, "{") {
			continue
		}
		kind := seg[k-1]
		var v string
		switch s {
		case "{number}":
			v = w.certificate[i]
		case "{code}":
			v = "art"
		case "{name}":
			v = "certificates"
			if half == "out" {
				query = fmt.Sprintf("?municipality_id=%d", w.municipality[1])
			}
		case "{action}":
			v = "enable"
		case "{date}":
			v = navigator.Today(time.Now()).String()
		case "{ref}":
			v = w.session(t, e, w.staff[i])
		default:
			v = fmt.Sprint(map[string]int64{"site-users": w.siteUser[i], "children": w.child[i], "programs": w.program[i], "certification": w.program[i], "groups": w.group[i],
				"applications": w.application[i], "municipalities": w.municipality[i], "organizations": w.organization[i], "staff": w.staff[i],
				"report-jobs": w.reportJob[i], "periods": w.period, "executors": w.executor[i], "documents": w.document[i],
				"executor-reports": w.executorReport[i], "agreements": w.agreement[i]}[kind])
		}
		seg[k] = v
	}
	return strings.Join(seg, "/") + query
}

// session opens a session of a staff account and returns its reference.
func (w *matrixWorld) session(t *testing.T, e *env, staffID int64) string {
	t.Helper()
	id := secret.TokenHash(secret.Token())
	if err := e.db.CreateSession(context.Background(), &navigator.Session{ID: id, Role: navigator.RoleOperator, SubjectID: staffID,
		CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	return id[:store.SessionRefLen]
}

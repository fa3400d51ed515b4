package navigator

import (
	"strings"
	"testing"
)

func TestExecutorDecisionNext(t *testing.T) {
	for _, c := range []struct {
		d      ExecutorDecision
		from   ExecutorStatus
		reason string
		to     ExecutorStatus
		kind   Kind
		field  string
	}{
		{DecideInclude, ExecutorPending, "", ExecutorIncluded, "", ""},
		{DecideRefuse, ExecutorPending, "Нет лицензии", ExecutorRefused, "", ""},
		{DecideRefuse, ExecutorPending, "  ", "", KindInvalid, "reason"},
		{DecideExclude, ExecutorIncluded, "Лицензия приостановлена", ExecutorExcluded, "", ""},
		{DecideExclude, ExecutorIncluded, "", "", KindInvalid, "reason"},
		{DecideExclude, ExecutorPending, "причина", "", KindConflict, ""},
		{DecideInclude, ExecutorIncluded, "", "", KindConflict, ""},
		{DecideInclude, ExecutorRefused, "", "", KindConflict, ""},
		{DecideRefuse, ExecutorExcluded, "причина", "", KindConflict, ""},
		{"approve", ExecutorPending, "", "", KindInvalid, "decision"},
		{DecideRefuse, ExecutorPending, strings.Repeat("я", MaxExecutorReason+1), "", KindInvalid, "reason"},
	} {
		to, err := c.d.Next(c.from, c.reason)
		if to != c.to || ErrorKind(err) != c.kind {
			t.Errorf("%s from %s: %s, %v; want %s, %s", c.d, c.from, to, err, c.to, c.kind)
		}
		var e *Error
		if c.field != "" && (!asErr(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != c.field) {
			t.Errorf("%s from %s: %v, want the field %s", c.d, c.from, err, c.field)
		}
	}
	for _, s := range append(ExecutorStatuses, "nonsense") {
		if title := s.Title(); title == "" || title == string(s) {
			t.Errorf("%s has no Russian title", s)
		}
	}
}

func asErr(err error, e **Error) bool {
	var ok bool
	*e, ok = err.(*Error)
	return ok
}

func TestChecklistValidate(t *testing.T) {
	full := Checklist{Licence: true, LicenceNumber: "Л035-01234-77/00123456", NotLiquidated: true, NoTaxArrears: true,
		NotOffshore: true, StaffCleared: true, SiteInfo: true, SiteURL: "https://ddt.example.ru"}
	for _, c := range []struct {
		name   string
		change func(*Checklist)
		fields []string
	}{
		{"everything confirmed", func(*Checklist) {}, nil},
		{"a sole teacher needs no licence", func(c *Checklist) { c.SoleTeacher, c.Licence, c.LicenceNumber = true, false, "" }, nil},
		{"no licence", func(c *Checklist) { c.Licence = false }, []string{"checklist.licence"}},
		{"no licence number", func(c *Checklist) { c.LicenceNumber = "  " }, []string{"checklist.licence_number"}},
		{"tax arrears", func(c *Checklist) { c.NoTaxArrears = false }, []string{"checklist.no_tax_arrears"}},
		{"staff not cleared", func(c *Checklist) { c.StaffCleared = false }, []string{"checklist.staff_cleared"}},
		{"bad site", func(c *Checklist) { c.SiteURL = "ddt.example.ru" }, []string{"checklist.site_url"}},
		{"nothing", func(c *Checklist) { *c = Checklist{} }, []string{"checklist.licence", "checklist.not_liquidated", "checklist.no_tax_arrears",
			"checklist.not_offshore", "checklist.staff_cleared", "checklist.site_info", "checklist.licence_number", "checklist.site_url"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := full
			c.change(&cl)
			err := cl.Validate()
			var got []string
			var e *Error
			if asErr(err, &e) {
				for _, f := range e.Fields {
					if f.Message == "" {
						t.Errorf("%s has no message", f.Field)
					}
					got = append(got, f.Field)
				}
			}
			if strings.Join(got, " ") != strings.Join(c.fields, " ") {
				t.Errorf("fields %v, want %v (%v)", got, c.fields, err)
			}
		})
	}
	if err := full.MissingDocuments([]string{ReqLicence}); ErrorCode(err) != "documents_missing" || !strings.Contains(ErrorMessage(err), "справка налогового органа") {
		t.Errorf("missing the tax certificate: %v", err)
	}
	if err := full.MissingDocuments([]string{ReqLicence, ReqNoTaxArrears}); err != nil {
		t.Errorf("every document attached: %v", err)
	}
	if err := (Checklist{SoleTeacher: true}).MissingDocuments([]string{ReqNoTaxArrears}); err != nil {
		t.Errorf("a sole teacher needs no licence: %v", err)
	}
}

func TestCheckExecutorDocument(t *testing.T) {
	for _, c := range []struct {
		req, sniffed string
		size         int
		field        string
	}{
		{ReqLicence, "application/pdf", 1000, ""},
		{ReqNoTaxArrears, "image/png", MaxExecutorDocument, ""},
		{ReqLicence, "image/jpeg", 10, ""},
		{ReqLicence, "text/html; charset=utf-8", 10, "file"},
		{ReqLicence, "application/octet-stream", 10, "file"},
		{ReqLicence, "application/pdf", MaxExecutorDocument + 1, "file"},
		{ReqLicence, "application/pdf", 0, "file"},
		{"passport", "application/pdf", 10, "requirement"},
	} {
		err := CheckExecutorDocument(c.req, c.sniffed, c.size)
		var e *Error
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%+v: %v", c, err)
		case c.field != "" && (!asErr(err, &e) || e.Fields[0].Field != c.field):
			t.Errorf("%+v: %v, want the field %s", c, err, c.field)
		}
	}
}

func TestSanitizeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Лицензия.pdf":                    "Лицензия.pdf",
		`C:\Users\Пётр\скан "1".pdf`:      "скан _1_.pdf",
		"../../etc/passwd":                "passwd",
		"a\r\nContent-Type: x.png":        "a__Content-Type_ x.png",
		"":                                "документ",
		"...":                             "документ",
		strings.Repeat("я", 150) + ".pdf": strings.Repeat("я", 100),
	} {
		if got := SanitizeFileName(in); got != want {
			t.Errorf("SanitizeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

package printing

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pdfText extracts the text of a PDF with pdftotext, or skips (fails in CI)
// without it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 20)])
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing: CI must install poppler-utils")
		}
		t.Skip("pdftotext (Debian poppler-utils) is missing: PDF text not checked")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

var day = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func TestRender(t *testing.T) {
	for _, c := range []struct {
		name   string
		render func() ([]byte, error)
		want   []string
	}{
		{"certificate", func() ([]byte, error) {
			return RenderCertificate(CertificateBlank{RegionName: "Омская область", ChildName: "Семёнова Алёна Игоревна", BirthDate: "12.04.2016",
				Number: "5501000123", TypeTitle: "Сертификат учёта", Office: "Дом детского творчества «Центральный»", Municipality: "г. Блестящий", IssuedAt: day})
		}, []string{"СЕРТИФИКАТ", "№ 5501000123", "Сертификат учёта", "Семёнова Алёна Игоревна", "«Центральный»", "24.11.2026", "18 лет",
			"Руководитель уполномоченной организации", "подпись", "расшифровка подписи", "М. П."}},
		{"financing certificate with its nominal", func() ([]byte, error) {
			return RenderCertificate(CertificateBlank{Number: "5501000125", TypeTitle: "Сертификат финансирования", IssuedAt: day, Office: "ДДТ «Центральный»",
				Nominal: "25 000,00 руб.", Period: "2026/2027 учебный год"})
		}, []string{"Номинал на 2026/2027 учебный год: 25 000,00 руб.", "М. П."}},
		{"certificate without personal data", func() ([]byte, error) {
			return RenderCertificate(CertificateBlank{Number: "5501000124", TypeTitle: "Сертификат учёта", IssuedAt: day})
		}, []string{"Ребёнок: —", "запрошен в личном кабинете"}},
		{"application", func() ([]byte, error) {
			return RenderApplication(Application{RegionName: "Омская область", Office: "ДДТ «Центральный»", ParentName: "Семёнов Игорь Петрович",
				ParentPhone: "+7 (913) 123-45-67", ChildName: "Семёнова Алёна Игоревна", ChildBirthDate: "12.04.2016", ChildSex: "женский",
				DocumentTitle: "Свидетельство о рождении IV-МЮ № 123456", SNILS: "112-233-445 95", Date: day, ParentFemale: new(bool)})
		}, []string{"ЗАЯВЛЕНИЕ", "Прошу предоставить моему ребёнку сертификат", "IV-МЮ № 123456", "112-233-445 95", "Семёнов Игорь Петрович",
			"Руководителю организации: ДДТ «Центральный»", "Заявитель: Семёнов Игорь Петрович", "Регион: Омская область.", "детей ознакомлен. "}},
		{"consent", func() ([]byte, error) {
			return RenderConsent(Consent{RegionName: "Омской области", Operator: "Дом детского творчества «Центральный»",
				ParentName: "Семёнов Игорь Петрович", ChildName: "Семёнова Алёна Игоревна", ChildBirthDate: "12.04.2016", Date: day})
		}, []string{"СОГЛАСИЕ", "152-ФЗ", "СНИЛС", "Семёнова Алёна Игоревна", "до достижения ребёнком 18 лет"}},
		{"contract", func() ([]byte, error) {
			return RenderContract(Contract{Number: "Д-000042", Status: "Договор-оферта: принять до 15.12.2026 включительно",
				Provider: "Дом детского творчества «Центральный»", ProviderINN: "5501234567", ParentName: "Семёнов Игорь Петрович",
				ChildName: "Семёнова Алёна Игоревна", ChildBirthDate: "12.04.2016", Certificate: "5501000123", Program: "Рисование",
				Direction: "Художественная", Hours: 72, Group: "Группа 1", Schedule: []string{"Пн 15:00–16:30, каб. 12", "Чт 15:00–16:30"},
				StartsOn: "01.12.2026", EndsOn: "31.05.2027", Months: 6, Price: "3 500,00", CertificatePays: "3 000,00", FamilyPays: "500,00",
				History: []string{"05.12.2026 10:00 — Организатор принял заявку"}, Date: day})
		}, []string{"ДОГОВОР № Д-000042", "принять до 15.12.2026", "Семёнова Алёна Игоревна", "72 часа", "6 месяцев", "Чт 15:00–16:30",
			"Оплачивает семья: 500,00 руб. в месяц", "расторгнуть договор досрочно", "Организатор принял заявку"}},
		{"agreement", func() ([]byte, error) {
			return RenderAgreement(Agreement{Number: "СФО-000042", ContractNumber: "Д-000042", Municipality: "Социальный район", Executor: "ДДТ «Центральный»",
				ExecutorINN: "5501234567", Child: "Семёнова Алёна Игоревна", ChildBirth: "12.04.2016", Certificate: "6101000123", Program: "Рисование",
				StartsOn: "01.12.2026", EndsOn: "31.05.2027", Months: 6, HoursMonthly: "8 ч", Hours: "48 ч", HourCost: "150,00 руб.", Amount: "7 200,00 руб.", Charged: "0 ч", Date: day})
		}, []string{"СОГЛАШЕНИЕ № СФО-000042", "189-ФЗ", "Семёнова Алёна Игоревна", "6 месяцев", "Объём всего: 48 ч", "Нормативная стоимость часа: 150,00 руб.", "журналом посещаемости"}},
		{"long text wraps and flows", func() ([]byte, error) {
			long := strings.Repeat("Очень-длинное-название-организации ", 60)
			return RenderApplication(Application{Office: long, ParentName: long, ChildName: "Ёжиков Пётр", Date: day})
		}, []string{"Ёжиков Пётр", "ЗАЯВЛЕНИЕ"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			pdf, err := c.render()
			if err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("NAVIGATOR_SHOTS"); dir != "" {
				_ = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".pdf"), pdf, 0o600)
			}
			text := pdfText(t, pdf)
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("PDF text lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

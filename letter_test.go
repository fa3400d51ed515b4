package navigator

import (
	"strings"
	"testing"
)

func TestStatusLetter(t *testing.T) {
	base := StatusLetter{Number: "12", Program: "Рисование", Group: "Группа 1", ParentFirstName: "Елена", ParentPatronymic: "Сергеевна",
		ChildFirstName: "Алёна", ChildSex: Female}
	with := func(f func(*StatusLetter)) StatusLetter { l := base; f(&l); return l }
	for _, tc := range []struct {
		name    string
		letter  StatusLetter
		subject string
		has     []string
		lacks   []string
	}{
		{"enrolled girl", with(func(l *StatusLetter) { l.Status = AppEnrolled }), "Заявка № 12: Алёна зачислена",
			[]string{"Здравствуйте, Елена Сергеевна!", "ребёнок: Алёна", "Алёна зачислена в группу"}, []string{"зачислен "}},
		{"enrolled boy", with(func(l *StatusLetter) { l.Status = AppEnrolled; l.ChildFirstName = "Миша"; l.ChildSex = Male }), "Заявка № 12: Миша зачислен",
			[]string{"Миша зачислен в группу"}, []string{"зачислена"}},
		{"enrolled, no name", with(func(l *StatusLetter) { l.Status = AppEnrolled; l.ChildFirstName = ""; l.ChildSex = Female }), "Заявка № 12: Ребёнок зачислен",
			[]string{"Ребёнок зачислен в группу"}, []string{"зачислена", "ребёнок:"}},
		{"accepted girl", with(func(l *StatusLetter) { l.Status = AppAccepted }), "Заявка № 12: принята",
			[]string{"Алёна будет зачислена", "предлагает договор"}, nil},
		{"rejected with reason", with(func(l *StatusLetter) {
			l.Status = AppRejected
			l.Reason = "Группа для детей с подготовкой."
		}), "Заявка № 12: отклонена",
			[]string{"Организатор отклонил заявку.", "Причина: Группа для детей с подготовкой.\n", "другую группу"}, []string{".."}},
		{"cancelled on expiry", with(func(l *StatusLetter) {
			l.Status = AppCancelled
			l.Reason = "договор не принят в срок"
		}), "Заявка № 12: отменена",
			[]string{"Причина: договор не принят в срок."}, nil},
		{"pending keeps no reason", with(func(l *StatusLetter) { l.Status = AppPending; l.Reason = "старое" }), "Заявка № 12: на рассмотрении",
			[]string{"место в группе закреплено"}, []string{"Причина"}},
		{"completed girl", with(func(l *StatusLetter) { l.Status = AppCompleted }), "Заявка № 12: завершена",
			[]string{"Алёна завершила обучение"}, nil},
		{"no parent name", with(func(l *StatusLetter) { l.Status = AppWaitlisted; l.ParentFirstName = ""; l.ParentPatronymic = "" }), "Заявка № 12: в очереди",
			[]string{"Здравствуйте!\n"}, nil},
		{"placeholder parent", with(func(l *StatusLetter) {
			l.Status = AppPending
			l.ParentFirstName, l.ParentPatronymic = PlaceholderFirstName, PlaceholderPatronymic
		}), "Заявка № 12: на рассмотрении", []string{"Здравствуйте!\n"}, []string{"Внесения"}},
		{"first name only", with(func(l *StatusLetter) { l.Status = AppPending; l.ParentPatronymic = "" }), "Заявка № 12: на рассмотрении",
			[]string{"Здравствуйте, Елена!"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if s := tc.letter.Subject(); s != tc.subject {
				t.Errorf("subject %q, want %q", s, tc.subject)
			}
			body := tc.letter.Body()
			for _, w := range tc.has {
				if !strings.Contains(body, w) {
					t.Errorf("the letter lacks %q:\n%s", w, body)
				}
			}
			for _, w := range tc.lacks {
				if strings.Contains(body, w) {
					t.Errorf("the letter has %q:\n%s", w, body)
				}
			}
		})
	}
}

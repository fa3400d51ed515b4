package navigator

import (
	"fmt"
	"strings"
)

// StatusLetter is the letter that tells a parent what became of an
// application: it greets the parent by name, names the child and agrees
// with the child's sex («Алёна зачислена», «Миша зачислен»), and carries
// the reason of a rejection or a cancellation.
type StatusLetter struct {
	Number           string // the application's number as written
	Status           ApplicationStatus
	Program, Group   string
	ParentFirstName  string
	ParentPatronymic string
	ChildFirstName   string
	ChildSex         Sex
	Reason           string
}

// Placeholder data of seed 000 for a parent who refuses to give theirs:
// «Без Внесения Данных», +7 (111) 111-11-11.
const (
	PlaceholderLastName   = "Без"
	PlaceholderFirstName  = "Внесения"
	PlaceholderPatronymic = "Данных"
	PlaceholderPhone      = "+71111111111"
)

// Subject is the letter's subject line.
func (l StatusLetter) Subject() string {
	what := strings.ToLower(l.Status.Title())
	if l.Status == AppEnrolled {
		what = l.child(false) + " " + l.agree("зачислен", "зачислена")
	}
	return "Заявка № " + l.Number + ": " + what
}

// Body is the letter's text. The enrolment rush writes one for every
// application inside the one SQLite lane, so it is put together with
// plain writes, not fmt.
func (l StatusLetter) Body() string {
	var b strings.Builder
	b.Grow(512)
	for _, s := range []string{l.greeting(), "\n\nЗаявка № ", l.Number, " на программу «", l.Program, "» (группа «", l.Group, "»)"} {
		b.WriteString(s)
	}
	if name := strings.TrimSpace(l.ChildFirstName); name != "" {
		b.WriteString(", ребёнок: ")
		b.WriteString(name)
	}
	b.WriteString(".\n")
	b.WriteString(l.news())
	if reason := strings.TrimSpace(l.Reason); reason != "" && (l.Status == AppRejected || l.Status == AppCancelled) {
		fmt.Fprintf(&b, "\nПричина: %s", strings.TrimRight(reason, "."))
		b.WriteString(".")
	}
	if l.Status == AppRejected {
		b.WriteString("\nМожно выбрать другую группу или программу в каталоге.")
	}
	b.WriteString("\n\nВсе заявки — в личном кабинете, раздел «История заявок».\n")
	return b.String()
}

// greeting is «Здравствуйте, Елена Сергеевна!».
func (l StatusLetter) greeting() string { return Greeting(l.ParentFirstName, l.ParentPatronymic) }

// Greeting is «Здравствуйте, Елена Сергеевна!», or a plain «Здравствуйте!»
// when the person's name is not known or is seed 000's placeholder.
func Greeting(firstName, patronymic string) string {
	first, patronymic := strings.TrimSpace(firstName), strings.TrimSpace(patronymic)
	if first == "" || (first == PlaceholderFirstName && patronymic == PlaceholderPatronymic) {
		return "Здравствуйте!"
	}
	if patronymic != "" {
		first += " " + patronymic
	}
	return "Здравствуйте, " + first + "!"
}

// news is what happened, in a sentence or two.
func (l StatusLetter) news() string {
	switch l.Status {
	case AppPending:
		return "Заявка на рассмотрении, место в группе закреплено. Организатор рассмотрит её и сообщит решение по электронной почте."
	case AppAccepted:
		return fmt.Sprintf("Организатор принял заявку и предлагает договор. Прочтите его и примите в личном кабинете до указанного срока — после этого %s %s.",
			l.child(true), l.agree("будет зачислен", "будет зачислена"))
	case AppEnrolled:
		return fmt.Sprintf("%s %s в группу. Занятия идут по договору; его условия и история — на странице заявки.",
			l.child(false), l.agree("зачислен", "зачислена"))
	case AppWaitlisted:
		return "Свободных мест нет: заявка в очереди. Когда место освободится, оно перейдёт к первой заявке в очереди, и мы сообщим об этом."
	case AppRejected:
		return "Организатор отклонил заявку."
	case AppCancelled:
		return "Заявка отменена, место освобождено."
	case AppCompleted:
		return fmt.Sprintf("%s %s обучение по программе.", l.child(false), l.agree("завершил", "завершила"))
	}
	return l.Status.Text()
}

// child is the child's first name, or «ребёнок» («Ребёнок» at the start
// of a sentence, lower is false) when the name is not known.
func (l StatusLetter) child(lower bool) string {
	if name := strings.TrimSpace(l.ChildFirstName); name != "" {
		return name
	}
	if lower {
		return "ребёнок"
	}
	return "Ребёнок"
}

// agree picks the word that agrees with the child's sex; a child not
// named is «ребёнок», which is masculine.
func (l StatusLetter) agree(masculine, feminine string) string {
	if l.ChildSex == Female && strings.TrimSpace(l.ChildFirstName) != "" {
		return feminine
	}
	return masculine
}

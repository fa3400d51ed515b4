package navigator

// ApplicationStatus is where an application is.
type ApplicationStatus string

// Application statuses of API.md.
const (
	AppPending    ApplicationStatus = "pending"
	AppAccepted   ApplicationStatus = "accepted"
	AppEnrolled   ApplicationStatus = "enrolled"
	AppWaitlisted ApplicationStatus = "waitlisted"
	AppRejected   ApplicationStatus = "rejected"
	AppCancelled  ApplicationStatus = "cancelled"
	AppCompleted  ApplicationStatus = "completed"
)

// Text says in plain Russian what the status means and what happens next.
func (s ApplicationStatus) Text() string {
	switch s {
	case AppPending:
		return "Место за ребёнком закреплено. Организатор рассмотрит заявку и сообщит решение по электронной почте."
	case AppAccepted:
		return "Организатор принял заявку и предлагает договор. Прочтите его и примите в личном кабинете до указанного срока — после этого ребёнок будет зачислен."
	case AppEnrolled:
		return "Занятия идут по договору; его условия и историю можно открыть на странице заявки."
	case AppWaitlisted:
		return "Свободных мест нет: заявка в очереди. Когда место освободится, оно перейдёт к первой заявке в очереди, и мы сообщим об этом."
	case AppRejected:
		return "Организатор отклонил заявку. Причина указана ниже; можно выбрать другую группу или программу."
	case AppCancelled:
		return "Заявка отменена, место освобождено."
	case AppCompleted:
		return "Обучение по программе завершено."
	}
	return string(s)
}

// Title is the short Russian name of the status.
func (s ApplicationStatus) Title() string {
	return map[ApplicationStatus]string{AppPending: "На рассмотрении", AppAccepted: "Принята", AppEnrolled: "Ребёнок зачислен",
		AppWaitlisted: "В очереди", AppRejected: "Отклонена", AppCancelled: "Отменена", AppCompleted: "Завершена"}[s]
}

// Live reports whether the application still counts: it holds a seat or
// waits for one.
func (s ApplicationStatus) Live() bool {
	return s == AppPending || s == AppAccepted || s == AppEnrolled || s == AppWaitlisted
}

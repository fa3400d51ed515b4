package navigator

import "unicode/utf8"

// minDescription is the least a published program's description says.
const minDescription = 30

// CanPublish tells whether a program has what a parent needs before it
// enters the catalog: the ages it is for, a description, and at least one
// group that takes applications. Each thing missing is a field error
// (code not_ready) saying what to add.
func CanPublish(description string, ageFrom, ageTo int, groups []Group, today Date) error {
	var f Fields
	if ageTo == 0 || ageFrom > ageTo {
		f.Add("age_from", "not_ready", "Укажите, для какого возраста программа: «от» и «до».")
	}
	if utf8.RuneCountInString(description) < minDescription {
		f.Add("description", "not_ready", "Опишите программу для родителей: чем занимаются дети, чему научатся, что взять с собой — не меньше 30 знаков.")
	}
	open := false
	for _, g := range groups {
		open = open || g.TakesApplications(today)
	}
	if !open {
		f.Add("groups", "not_ready", "Добавьте хотя бы одну группу с открытой записью и расписанием — без неё записаться нельзя.")
	}
	return f.Err()
}

package service

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"navigator"
)

// SNILSConflictsPerDay is how many СНИЛС already given to another child a
// staff account may type in a day: a typo or two, not a walk through the
// numbers to learn which exist.
const SNILSConflictsPerDay = 10

// snilsFree refuses a СНИЛС another child already has. Only a child in the
// caller's own scope is named; for one outside it the message says no more
// than that the number cannot be saved. Each such attempt is audited with
// both children, and an account gets SNILSConflictsPerDay of them a day.
func (s *Service) snilsFree(ctx context.Context, a navigator.Actor, childID int64, hash string) error {
	other, municipality, err := s.db.ChildBySNILS(ctx, hash)
	if err != nil || other == 0 || other == childID {
		return err
	}
	e := entry(a, "child.snils_conflict")
	e.SubjectKind, e.SubjectID, e.Details = "child", childID, "other_child="+strconv.FormatInt(other, 10)
	if err := s.db.Audit(ctx, *e); err != nil {
		return err
	}
	ok, wait, err := s.db.TakeAttempt(ctx, "snils-conflict:"+string(a.Role)+":"+strconv.FormatInt(a.ID, 10), SNILSConflictsPerDay, 24*time.Hour)
	if err != nil {
		return err
	}
	if !ok {
		e := navigator.Errorf(navigator.KindTooMany, "За сутки введено слишком много СНИЛС, уже указанных у других детей. Обратитесь к администратору региона.")
		e.RetryAfter = wait
		return e
	}
	if familyScope(a, municipality) {
		return navigator.Invalid(navigator.FieldError{Field: "snils", Code: "taken",
			Message: fmt.Sprintf("Этот СНИЛС уже указан у ребёнка № %d вашего муниципалитета. Проверьте номер или откройте карточку того ребёнка.", other)})
	}
	return navigator.Invalid(navigator.FieldError{Field: "snils", Code: "taken", Message: navigator.SNILSNotSaved})
}

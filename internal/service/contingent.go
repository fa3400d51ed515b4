package service

import (
	"context"
	"errors"
	"strconv"
	"time"

	"navigator"
	"navigator/internal/contingent"
	"navigator/internal/ru"
	"navigator/internal/store"
)

// LookupTimeout is how long an operator waits for «Контингент» before
// filling the data by hand.
const LookupTimeout = 4 * time.Second

// LookupResult is what «Контингент» said about a document.
type LookupResult struct {
	Found       bool               `json:"found"`
	Unavailable bool               `json:"unavailable,omitempty"`
	Record      *contingent.Record `json:"record"`
}

// LookupsPerHour is how many «Контингент» look-ups one staff account makes
// in an hour: enough for a day at the office's window, too few to walk the
// regional registry.
const LookupsPerHour = 60

// ContingentLookup finds a child in «Контингент» by the identity document,
// as a step of confirming that child: the child must be in the caller's
// scope, the birth date must match the registry's record or nothing is
// revealed, an account makes at most LookupsPerHour look-ups, and the
// audit entry names the child and whether the record matched. A registry
// that does not answer in time is reported as unavailable, so that the
// issuance goes on with data typed by hand.
func (s *Service) ContingentLookup(ctx context.Context, a navigator.Actor, childID int64, q contingent.Query) (*LookupResult, error) {
	if err := require(a, navigator.PermManageFamilies); err != nil {
		return nil, err
	}
	if childID <= 0 {
		return nil, navigator.Invalid(navigator.FieldError{Field: "child_id", Code: "required",
			Message: "Укажите ребёнка, которого подтверждаете."})
	}
	if _, err := s.staffChild(ctx, a, childID); err != nil {
		return nil, err
	}
	if !q.DocumentType.Valid() {
		return nil, navigator.Invalid(navigator.FieldError{Field: "document_type", Code: "unknown",
			Message: "Тип документа — birth_certificate, passport или foreign."})
	}
	if q.BirthDate.IsZero() {
		return nil, navigator.Invalid(navigator.FieldError{Field: "birth_date", Code: "required",
			Message: "Укажите дату рождения ребёнка: без неё «Контингент» не ищет."})
	}
	series, number, err := navigator.NormalizeDocument(q.DocumentType, q.Series, q.Number)
	if err != nil {
		return nil, err
	}
	q.Series, q.Number = series, number
	if err := s.takeLookup(ctx, a); err != nil {
		return nil, err
	}
	e := entry(a, "contingent.lookup")
	e.SubjectKind, e.SubjectID = "child", childID
	if s.registry == nil {
		e.Details = "unavailable"
		return &LookupResult{Unavailable: true}, s.db.Audit(ctx, *e)
	}
	lctx, cancel := context.WithTimeout(ctx, LookupTimeout)
	defer cancel()
	rec, err := s.registry.Lookup(lctx, q)
	res := &LookupResult{Found: err == nil && rec != nil && rec.BirthDate == q.BirthDate}
	switch {
	case res.Found:
		res.Record, e.Details = rec, "matched"
	case err == nil || errors.Is(err, contingent.ErrNotFound):
		e.Details = "not_matched"
	default:
		res.Unavailable, e.Details = true, "unavailable"
	}
	if err := s.db.Audit(ctx, *e); err != nil {
		return nil, err
	}
	return res, nil
}

// takeLookup counts a look-up against the account's hourly allowance
// before the registry is asked.
func (s *Service) takeLookup(ctx context.Context, a navigator.Actor) error {
	key := "contingent:" + string(a.Role) + ":" + strconv.FormatInt(a.ID, 10)
	ok, wait, err := s.db.TakeAttempt(ctx, key, LookupsPerHour, time.Hour)
	if err != nil || ok {
		return err
	}
	e := navigator.Errorf(navigator.KindTooMany, "Вы сделали %s в «Контингент» за час. Попробуйте снова через %s.",
		ru.Count(LookupsPerHour, "запрос", "запроса", "запросов"), ru.Count(int(wait.Minutes())+1, "минуту", "минуты", "минут"))
	e.RetryAfter = wait
	return e
}

// AcceptContingent takes the child's names, birth date, sex and СНИЛС from
// the registry's record, as the operator chose on the comparison screen.
func (s *Service) AcceptContingent(ctx context.Context, a navigator.Actor, childID int64, q contingent.Query) (*navigator.Child, error) {
	c, err := s.staffChild(ctx, a, childID)
	if err != nil {
		return nil, err
	}
	q.BirthDate = c.BirthDate
	res, err := s.ContingentLookup(ctx, a, childID, q)
	if err != nil {
		return nil, err
	}
	if !res.Found {
		msg := "Ребёнок не найден в «Контингенте»: заполните данные вручную."
		if res.Unavailable {
			msg = "«Контингент» не отвечает: заполните данные вручную и продолжайте выдачу."
		}
		return nil, navigator.Errorf(navigator.KindConflict, "%s", msg)
	}
	rec := res.Record
	in := navigator.ChildInput{LastName: rec.LastName, FirstName: rec.FirstName, Patronymic: rec.Patronymic, BirthDate: rec.BirthDate, Sex: navigator.Sex(rec.Sex)}
	if err := in.Validate(s.today()); err != nil {
		return nil, err
	}
	up := store.ChildUpdate{Input: &in, DataSource: "contingent"}
	if rec.SNILS != "" && !(c.Confirmed && c.HasSNILS) {
		up.SNILSSealed, up.SNILSHash = s.keys.Seal(rec.SNILS), s.keys.Hash("snils", rec.SNILS)
		if err := s.snilsFree(ctx, a, childID, up.SNILSHash); err != nil {
			return nil, err
		}
	}
	e := entry(a, "child.update")
	e.Details = "from_contingent"
	rec2, err := s.db.UpdateChild(ctx, childID, up, e)
	if err != nil {
		return nil, err
	}
	return s.childView(rec2, true), nil
}

package service

import (
	"context"
	"errors"
	"time"

	"navigator"
	"navigator/internal/contingent"
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

// ContingentLookup finds a child in «Контингент» by the identity document.
// A registry that does not answer in time is reported as unavailable, so
// that the issuance goes on with data typed by hand.
func (s *Service) ContingentLookup(ctx context.Context, a navigator.Actor, q contingent.Query) (*LookupResult, error) {
	if err := requireStaff(a, navigator.RoleOperator, navigator.RoleMunicipalAdmin); err != nil {
		return nil, err
	}
	if !q.DocumentType.Valid() {
		return nil, navigator.Invalid(navigator.FieldError{Field: "document_type", Code: "unknown",
			Message: "Тип документа — birth_certificate, passport или foreign."})
	}
	series, number, err := navigator.NormalizeDocument(q.DocumentType, q.Series, q.Number)
	if err != nil {
		return nil, err
	}
	q.Series, q.Number = series, number
	e := entry(a, "contingent.lookup")
	if s.registry == nil {
		e.Details = "unavailable"
		return &LookupResult{Unavailable: true}, s.db.Audit(ctx, *e)
	}
	lctx, cancel := context.WithTimeout(ctx, LookupTimeout)
	defer cancel()
	rec, err := s.registry.Lookup(lctx, q)
	res := &LookupResult{Found: err == nil, Record: rec}
	switch {
	case err == nil:
		e.Details = "found"
	case errors.Is(err, contingent.ErrNotFound):
		e.Details = "not_found"
	default:
		res.Unavailable, e.Details = true, "unavailable"
	}
	if err := s.db.Audit(ctx, *e); err != nil {
		return nil, err
	}
	return res, nil
}

// AcceptContingent takes the child's names, birth date, sex and СНИЛС from
// the registry's record, as the operator chose on the comparison screen.
func (s *Service) AcceptContingent(ctx context.Context, a navigator.Actor, childID int64, q contingent.Query) (*navigator.Child, error) {
	c, err := s.staffChild(ctx, a, childID)
	if err != nil {
		return nil, err
	}
	res, err := s.ContingentLookup(ctx, a, q)
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
	}
	e := entry(a, "child.update")
	e.Details = "from_contingent"
	rec2, err := s.db.UpdateChild(ctx, childID, up, e)
	if err != nil {
		return nil, err
	}
	return s.childView(rec2, true), nil
}

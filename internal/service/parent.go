package service

import (
	"context"

	"navigator"
	"navigator/internal/store"
)

// parentChild loads one of the parent's own children.
func (s *Service) parentChild(ctx context.Context, a navigator.Actor, id int64) (*store.ChildRecord, error) {
	if !a.SignedIn() {
		return nil, navigator.Errorf(navigator.KindUnauthorized, "Войдите в личный кабинет.")
	}
	if a.Role != navigator.RoleParent {
		return nil, forbidden("Это действие личного кабинета родителя.")
	}
	c, err := s.db.Child(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.SiteUserID != a.ID || c.Deleted {
		return nil, notFound()
	}
	return c, nil
}

// MyChildren returns the parent's children, the СНИЛС masked.
func (s *Service) MyChildren(ctx context.Context, a navigator.Actor) ([]*navigator.Child, error) {
	if a.Role != navigator.RoleParent {
		return nil, forbidden("Это раздел личного кабинета родителя.")
	}
	recs, err := s.db.ChildrenOf(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	out := []*navigator.Child{}
	for i := range recs {
		if !recs[i].Deleted {
			out = append(out, s.childView(&recs[i], false))
		}
	}
	return out, nil
}

// MyChild returns one of the parent's children.
func (s *Service) MyChild(ctx context.Context, a navigator.Actor, id int64) (*navigator.Child, error) {
	c, err := s.parentChild(ctx, a, id)
	if err != nil {
		return nil, err
	}
	return s.childView(c, false), nil
}

// AddMyChild adds a child in the cabinet's «Дети» tab.
func (s *Service) AddMyChild(ctx context.Context, a navigator.Actor, in navigator.ChildInput) (*navigator.Child, error) {
	if a.Role != navigator.RoleParent {
		return nil, forbidden("Это раздел личного кабинета родителя.")
	}
	if err := in.ValidateNamed(s.today()); err != nil {
		return nil, err
	}
	c, err := s.db.CreateChild(ctx, a.ID, in, nil)
	if err != nil {
		return nil, err
	}
	return s.childView(c, false), nil
}

// RequestCertificate is «Получить сертификат»: an unconfirmed certificate
// with its number at once; an office turns it into an accounting or
// financing one when it confirms the child.
func (s *Service) RequestCertificate(ctx context.Context, a navigator.Actor, childID int64) (*navigator.Certificate, error) {
	c, err := s.parentChild(ctx, a, childID)
	if err != nil {
		return nil, err
	}
	typ := navigator.CertificateUnconfirmed
	if c.Confirmed {
		typ = navigator.CertificateAccounting // an office already checked the child
	}
	return s.db.IssueCertificate(ctx, store.Issue{ChildID: childID, Type: typ, DataSource: "manual"}, nil)
}

// UpdateMyChild edits a child in the cabinet until an office confirms
// the data; after that only an office may change it.
func (s *Service) UpdateMyChild(ctx context.Context, a navigator.Actor, id int64, in navigator.ChildInput) (*navigator.Child, error) {
	c, err := s.parentChild(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if c.Confirmed {
		return nil, navigator.Errorf(navigator.KindConflict, "Данные ребёнка подтверждены организацией: изменить их можно только там, с документами.")
	}
	if err := in.ValidateNamed(s.today()); err != nil {
		return nil, err
	}
	rec, err := s.db.UpdateChild(ctx, id, store.ChildUpdate{Input: &in}, nil)
	if err != nil {
		return nil, err
	}
	return s.childView(rec, false), nil
}

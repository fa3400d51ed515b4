package service

import (
	"context"
	"strings"

	"navigator"
	"navigator/internal/store"
)

// childView turns a stored child into what the reader may see: the СНИЛС
// and document in the clear only when reveal is set, masked otherwise.
func (s *Service) childView(c *store.ChildRecord, reveal bool) *navigator.Child {
	v := c.Child
	if len(c.SNILSSealed) > 0 {
		if snils, err := s.keys.Open(c.SNILSSealed); err == nil {
			v.SNILS = navigator.MaskSNILS(snils)
			if reveal {
				v.SNILS = navigator.FormatSNILS(snils)
			}
		}
	}
	if len(c.DocumentSealed) > 0 {
		if key, err := s.keys.Open(c.DocumentSealed); err == nil {
			t, series, number := splitDocumentKey(key)
			v.Document = t.Title() + " " + navigator.MaskDocument(series, number)
			if reveal {
				v.Document = documentText(t, series, number)
			}
		}
	}
	return &v
}

// splitDocumentKey reads back what navigator.DocumentKey wrote.
func splitDocumentKey(key string) (navigator.DocumentType, string, string) {
	parts := strings.SplitN(key, "|", 3)
	if len(parts) != 3 {
		return "", "", key
	}
	return navigator.DocumentType(parts[0]), parts[1], parts[2]
}

// staffChild loads a child the staff actor may see, or a not-found error.
func (s *Service) staffChild(ctx context.Context, a navigator.Actor, id int64) (*store.ChildRecord, error) {
	if err := require(a, navigator.PermReadFamilies); err != nil {
		return nil, err
	}
	c, err := s.db.Child(ctx, id)
	if err != nil {
		return nil, err
	}
	if !familyScope(a, c.MunicipalityID) {
		return nil, notFound()
	}
	return c, nil
}

// Children is the user card's «Дети» tab.
func (s *Service) Children(ctx context.Context, a navigator.Actor, siteUserID int64) ([]*navigator.Child, error) {
	if _, err := s.SiteUser(ctx, a, siteUserID); err != nil {
		return nil, err
	}
	recs, err := s.db.ChildrenOf(ctx, siteUserID)
	if err != nil {
		return nil, err
	}
	out := make([]*navigator.Child, len(recs))
	for i := range recs {
		out[i] = s.childView(&recs[i], false)
	}
	return out, nil
}

// Child opens «Редактирование ребенка» for authorized staff: the СНИЛС and
// document in the clear, and the read audited.
func (s *Service) Child(ctx context.Context, a navigator.Actor, id int64) (*navigator.Child, error) {
	c, err := s.staffChild(ctx, a, id)
	if err != nil {
		return nil, err
	}
	e := entry(a, "child.read")
	e.SubjectKind, e.SubjectID = "child", id
	if err := s.db.Audit(ctx, *e); err != nil {
		return nil, err
	}
	return s.childView(c, true), nil
}

// AddChild adds a child to a site user's card on the parent's behalf.
func (s *Service) AddChild(ctx context.Context, a navigator.Actor, siteUserID int64, in navigator.ChildInput) (*navigator.Child, error) {
	if err := require(a, navigator.PermManageFamilies); err != nil {
		return nil, err
	}
	u, err := s.db.SiteUser(ctx, siteUserID)
	if err != nil {
		return nil, err
	}
	if !familyScope(a, u.MunicipalityID) {
		return nil, notFound()
	}
	if err := in.Validate(s.today()); err != nil {
		return nil, err
	}
	c, err := s.db.CreateChild(ctx, siteUserID, in, entry(a, "child.create"))
	if err != nil {
		return nil, err
	}
	return s.childView(c, true), nil
}

// ChildChange is an edit of the child card; nil fields stay.
type ChildChange struct {
	Input          *navigator.ChildInput
	Deleted        *bool
	SNILS          *string // "" clears it
	DocumentType   *navigator.DocumentType
	DocumentSeries string
	DocumentNumber string
}

// UpdateChild saves the child card.
func (s *Service) UpdateChild(ctx context.Context, a navigator.Actor, id int64, ch ChildChange) (*navigator.Child, error) {
	c, err := s.staffChild(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if a.Role == navigator.RoleRegionalAdmin {
		return nil, forbidden("Данные детей меняют операторы и администраторы муниципалитета.")
	}
	var up store.ChildUpdate
	var fields navigator.Fields
	details := ""
	if ch.Input != nil {
		if err := ch.Input.Validate(s.today()); err != nil {
			return nil, err
		}
		up.Input, details = ch.Input, "names,birth_date,sex"
	}
	up.Deleted = ch.Deleted
	if ch.Deleted != nil {
		details += ",deleted"
	}
	if ch.SNILS != nil {
		snils := navigator.NormalizeSNILS(*ch.SNILS)
		if snils == "" {
			if c.Confirmed && c.ResidentRF {
				fields.Add("snils", "required", "У подтверждённого ребёнка резидента РФ СНИЛС нельзя удалить.")
			}
			up.ClearSNILS = true
		} else if code, msg := navigator.ValidateSNILS(snils); code != "" {
			fields.Add("snils", code, msg)
		} else {
			up.SNILSSealed, up.SNILSHash = s.keys.Seal(snils), s.keys.Hash("snils", snils)
			if err := s.snilsFree(ctx, a, id, up.SNILSHash); err != nil {
				return nil, err
			}
		}
		details += ",snils"
	}
	if ch.DocumentType != nil {
		series, number, err := navigator.NormalizeDocument(*ch.DocumentType, ch.DocumentSeries, ch.DocumentNumber)
		if err != nil {
			return nil, err
		}
		key := navigator.DocumentKey(*ch.DocumentType, series, number)
		up.DocumentType, up.DocumentSealed, up.DocumentHash = string(*ch.DocumentType), s.keys.Seal(key), s.keys.Hash("document", key)
		details += ",document"
	}
	if err := fields.Err(); err != nil {
		return nil, err
	}
	e := entry(a, "child.update")
	e.Details = details
	rec, err := s.db.UpdateChild(ctx, id, up, e)
	if err != nil {
		return nil, err
	}
	return s.childView(rec, true), nil
}

// documentText is how a document is kept sealed and shown: «Свидетельство
// о рождении IV-МЮ № 123456».
func documentText(t navigator.DocumentType, series, number string) string {
	text := t.Title()
	if series != "" {
		text += " " + series
	}
	return text + " № " + number
}

// Confirm is «Подтвердить» and «Да»: the operator checked the child's data
// in person. A СНИЛС given here is recorded first.
func (s *Service) Confirm(ctx context.Context, a navigator.Actor, id int64, snils string) (*navigator.Child, error) {
	if err := require(a, navigator.PermIssueCertificates); err != nil {
		return nil, err
	}
	c, err := s.staffChild(ctx, a, id)
	if err != nil {
		return nil, err
	}
	var sealed []byte
	var hash string
	if snils = navigator.NormalizeSNILS(snils); snils != "" {
		if code, msg := navigator.ValidateSNILS(snils); code != "" {
			return nil, navigator.Invalid(navigator.FieldError{Field: "snils", Code: code, Message: msg})
		}
		sealed, hash = s.keys.Seal(snils), s.keys.Hash("snils", snils)
		if err := s.snilsFree(ctx, a, id, hash); err != nil {
			return nil, err
		}
	} else if c.ResidentRF && !c.HasSNILS {
		return nil, navigator.Invalid(navigator.FieldError{Field: "snils", Code: "required",
			Message: "Для подтверждения нужен СНИЛС ребёнка: родитель — резидент РФ. Если у семьи нет гражданства РФ, снимите отметку «Резидент РФ» в карточке пользователя."})
	}
	rec, err := s.db.Confirm(ctx, id, a.ID, a.OrganizationID, sealed, hash, entry(a, "child.confirm"))
	if err != nil {
		return nil, err
	}
	return s.childView(rec, true), nil
}

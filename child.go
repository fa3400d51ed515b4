package navigator

import (
	"strings"
	"time"
)

// Sex of a child.
type Sex string

// Sexes.
const (
	Male   Sex = "male"
	Female Sex = "female"
)

// Valid reports whether s is male or female.
func (s Sex) Valid() bool { return s == Male || s == Female }

// Title is the Russian word as the child card shows it.
func (s Sex) Title() string {
	switch s {
	case Male:
		return "Мужской"
	case Female:
		return "Женский"
	}
	return ""
}

// SexOfPatronymic tells a person's sex from a Russian patronymic
// («Сергеевна», «Ильинична», «Кызы» → female; «Сергеевич», «Ильич»,
// «Оглы» → male); ok is false when the patronymic does not tell.
func SexOfPatronymic(patronymic string) (sex Sex, ok bool) {
	p := strings.ToLower(strings.TrimSpace(patronymic))
	switch {
	case p == "":
		return "", false
	case strings.HasSuffix(p, "вна") || strings.HasSuffix(p, "чна") || strings.HasSuffix(p, "кызы") || strings.HasSuffix(p, "гызы"):
		return Female, true
	case strings.HasSuffix(p, "вич") || strings.HasSuffix(p, "ич") || strings.HasSuffix(p, "оглы") || strings.HasSuffix(p, "улы"):
		return Male, true
	}
	return "", false
}

// Child is a site user's child. Names may be absent (seed 000); the birth
// date and sex are required. SNILS and the document are never kept here in
// the clear except when an authorized reader asked for them.
type Child struct {
	ID             int64         `json:"id"`
	SiteUserID     int64         `json:"site_user_id"`
	LastName       string        `json:"last_name"`
	FirstName      string        `json:"first_name"`
	Patronymic     string        `json:"patronymic"`
	BirthDate      Date          `json:"birth_date"`
	Sex            Sex           `json:"sex"`
	Deleted        bool          `json:"deleted"`
	HasSNILS       bool          `json:"has_snils"`
	SNILS          string        `json:"snils,omitempty"` // masked unless the reader may see it
	DocumentType   string        `json:"document_type,omitempty"`
	Document       string        `json:"document,omitempty"` // masked unless the reader may see it
	DataSource     string        `json:"data_source"`
	Confirmed      bool          `json:"confirmed"`
	Confirmation   *Confirmation `json:"confirmation"`
	Certificate    *Certificate  `json:"certificate"`
	MunicipalityID int64         `json:"municipality_id"` // the parent's
	CreatedAt      time.Time     `json:"created_at"`
}

// FullName is the child's name, or «Без ФИО» when none was given.
func (c *Child) FullName() string {
	n := strings.TrimSpace(strings.Join(strings.Fields(c.LastName+" "+c.FirstName+" "+c.Patronymic), " "))
	if n == "" {
		return "Без ФИО"
	}
	return n
}

// Confirmation says who checked the child's data in person.
type Confirmation struct {
	ID               int64     `json:"id"`
	StaffID          int64     `json:"staff_id"`
	StaffName        string    `json:"staff_name"`
	OrganizationID   int64     `json:"organization_id"`
	OrganizationName string    `json:"organization_name"`
	Email            string    `json:"email"`
	Phone            string    `json:"phone"`
	WithoutSNILS     bool      `json:"without_snils"`
	At               time.Time `json:"at"`
}

// ChildInput is what a parent or an operator types about a child.
type ChildInput struct {
	LastName   string `json:"last_name"`
	FirstName  string `json:"first_name"`
	Patronymic string `json:"patronymic"`
	BirthDate  Date   `json:"birth_date"`
	Sex        Sex    `json:"sex"`
}

// Validate checks the child's data on the day today: a birth date in the
// past and under 18 years ago, a known sex, names of letters.
func (in *ChildInput) Validate(today Date) error {
	var f Fields
	in.LastName, in.FirstName, in.Patronymic = cleanName(in.LastName), cleanName(in.FirstName), cleanName(in.Patronymic)
	for _, n := range []struct{ field, value string }{{"last_name", in.LastName}, {"first_name", in.FirstName}, {"patronymic", in.Patronymic}} {
		if n.value != "" && !ValidName(n.value) {
			f.Add(n.field, "format", "Только буквы, пробел, дефис и апостроф, не длиннее 60 символов.")
		}
	}
	switch {
	case in.BirthDate.IsZero():
		f.Add("birth_date", "required", "Укажите дату рождения ребёнка.")
	case today.Before(in.BirthDate):
		f.Add("birth_date", "future", "Дата рождения не может быть в будущем.")
	case in.BirthDate.AgeOn(today) >= 18:
		f.Add("birth_date", "too_old", "Ребёнку уже исполнилось 18 лет: сертификат выдаётся детям от 0 до 18 лет.")
	}
	if !in.Sex.Valid() {
		f.Add("sex", "required", "Укажите пол ребёнка.")
	}
	return f.Err()
}

// ValidateNamed is Validate for a child a parent adds in the cabinet: the
// child has a name. Only an office's flow for a family that refuses to
// give personal data (seed 000) makes a child without one.
func (in *ChildInput) ValidateNamed(today Date) error {
	err := in.Validate(today)
	if in.FirstName != "" {
		return err
	}
	var f Fields
	if e, ok := err.(*Error); ok {
		f = e.Fields
	}
	f.Add("first_name", "required", "Укажите имя ребёнка.")
	return f.Err()
}

// cleanName trims and folds inner spaces.
func cleanName(s string) string { return strings.Join(strings.Fields(s), " ") }

// ValidName reports whether s looks like a person's name: letters,
// spaces, hyphens and apostrophes, at most 60 characters.
func ValidName(s string) bool {
	if s == "" || len([]rune(s)) > 60 {
		return false
	}
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '\'' || r == '’':
		case r >= 'а' && r <= 'я', r >= 'А' && r <= 'Я', r == 'ё', r == 'Ё':
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		default:
			return false
		}
	}
	return true
}

package navigator

import "strings"

// SiteUserInput is the registration form of the seed, in its order; an
// operator registering a parent on their behalf fills the same fields
// without the consent checkbox (a paper consent is recorded instead).
type SiteUserInput struct {
	MunicipalityID int64  `json:"municipality_id"`
	LastName       string `json:"last_name"`
	FirstName      string `json:"first_name"`
	Patronymic     string `json:"patronymic"`
	Phone          string `json:"phone"`
	Email          string `json:"email"`
	Password       string `json:"password"`
}

// Validate checks and normalizes the fields; the password rules are
// checked by the caller, which knows whether one is required.
func (in *SiteUserInput) Validate() error {
	var f Fields
	if in.MunicipalityID <= 0 {
		f.Add("municipality_id", "required", "Выберите муниципалитет.")
	}
	in.LastName, in.FirstName, in.Patronymic = cleanName(in.LastName), cleanName(in.FirstName), cleanName(in.Patronymic)
	if in.LastName == "" {
		f.Add("last_name", "required", "Введите фамилию.")
	} else if !ValidName(in.LastName) {
		f.Add("last_name", "format", "Фамилия: только буквы, пробел, дефис и апостроф.")
	}
	if in.FirstName == "" {
		f.Add("first_name", "required", "Введите имя.")
	} else if !ValidName(in.FirstName) {
		f.Add("first_name", "format", "Имя: только буквы, пробел, дефис и апостроф.")
	}
	if in.Patronymic != "" && !ValidName(in.Patronymic) {
		f.Add("patronymic", "format", "Отчество: только буквы, пробел, дефис и апостроф.")
	}
	if p, ok := NormalizePhone(in.Phone); ok {
		in.Phone = p
	} else {
		f.Add("phone", "format", "Телефон — мобильный номер: +7 (___) ___-__-__.")
	}
	if e, ok := NormalizeEmail(in.Email); ok {
		in.Email = e
	} else {
		f.Add("email", "format", "Введите адрес электронной почты, например ivanova@example.ru.")
	}
	return f.Err()
}

// SiteUserPatch changes the fields of the user card «Основные» that are
// given (nil leaves a field as it is).
type SiteUserPatch struct {
	LastName       *string `json:"last_name"`
	FirstName      *string `json:"first_name"`
	Patronymic     *string `json:"patronymic"`
	Phone          *string `json:"phone"`
	Email          *string `json:"email"`
	MunicipalityID *int64  `json:"municipality_id"`
	ResidentRF     *bool   `json:"resident_rf"`
	EmailVerified  *bool   `json:"email_verified"`
}

// Apply validates the patch against u and writes it into u.
func (p *SiteUserPatch) Apply(u *SiteUser) error {
	in := SiteUserInput{MunicipalityID: u.MunicipalityID, LastName: u.LastName, FirstName: u.FirstName,
		Patronymic: u.Patronymic, Phone: u.Phone, Email: u.Email}
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&in.LastName, p.LastName)
	set(&in.FirstName, p.FirstName)
	set(&in.Patronymic, p.Patronymic)
	set(&in.Phone, p.Phone)
	set(&in.Email, p.Email)
	if p.MunicipalityID != nil {
		in.MunicipalityID = *p.MunicipalityID
	}
	if err := in.Validate(); err != nil {
		return err
	}
	u.MunicipalityID, u.LastName, u.FirstName, u.Patronymic, u.Phone, u.Email =
		in.MunicipalityID, in.LastName, in.FirstName, in.Patronymic, in.Phone, in.Email
	if p.ResidentRF != nil {
		u.ResidentRF = *p.ResidentRF
	}
	if p.EmailVerified != nil {
		u.EmailVerified = *p.EmailVerified
	}
	return nil
}

// FullName is «Фамилия Имя Отчество».
func (u *SiteUser) FullName() string {
	return strings.Join(strings.Fields(u.LastName+" "+u.FirstName+" "+u.Patronymic), " ")
}

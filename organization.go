package navigator

// Organization is a provider of programs, a certificate office, or both.
type Organization struct {
	ID                  int64    `json:"id"`
	MunicipalityID      int64    `json:"municipality_id"`
	Name                string   `json:"name"`
	ShortName           string   `json:"short_name,omitempty"`
	Type                string   `json:"type,omitempty"`
	INN                 string   `json:"inn,omitempty"`
	Address             string   `json:"address"`
	Phone               string   `json:"phone"`
	Email               string   `json:"email"`
	Website             string   `json:"website,omitempty"`
	Schedule            string   `json:"schedule"`
	IsProvider          bool     `json:"is_provider"`
	IsCertificateOffice bool     `json:"is_certificate_office"`
	Responsible         []Person `json:"responsible_persons"`
}

// Person is a responsible person of an organization.
type Person struct {
	ID       int64  `json:"-"`
	FullName string `json:"full_name"`
	Position string `json:"position"`
	Phone    string `json:"phone"`
	Email    string `json:"email"`
}

// OfficeFilter selects certificate offices.
type OfficeFilter struct {
	MunicipalityID int64
}

// OrganizationTypes are the kinds of organization a municipal admin picks
// from.
var OrganizationTypes = []string{
	"Учреждение дополнительного образования",
	"Общеобразовательная школа",
	"Спортивная школа",
	"Детский сад",
	"Учреждение культуры",
	"Многофункциональный центр",
	"Орган управления образованием",
	"Некоммерческая организация",
	"Частная организация",
	"Индивидуальный предприниматель",
}

// Validate checks an organization: its name, type, INN, contacts, and
// that a certificate office publishes what parents need to find it — an
// address, a phone, its hours and at least one responsible person.
func (o *Organization) Validate() error {
	var f Fields
	if o.MunicipalityID == 0 {
		f.Add("municipality_id", "required", "Укажите муниципалитет.")
	}
	if o.Name == "" {
		f.Add("name", "required", "Укажите полное название организации.")
	} else if len([]rune(o.Name)) > 300 {
		f.Add("name", "too_long", "Название — не длиннее 300 знаков.")
	}
	if o.Type != "" && !oneOf(o.Type, OrganizationTypes) {
		f.Add("type", "unknown", "Выберите тип организации из списка.")
	}
	if o.INN != "" && !ValidINN(o.INN) {
		f.Add("inn", "checksum", "ИНН — 10 цифр для организации или 12 для индивидуального предпринимателя, с верными контрольными цифрами.")
	}
	if !normalizeContact(&o.Phone, NormalizePhone) {
		f.Add("phone", "format", "Телефон в виде +7 (XXX) XXX-XX-XX.")
	}
	if !normalizeContact(&o.Email, NormalizeEmail) {
		f.Add("email", "format", "Укажите адрес электронной почты, например info@example.ru.")
	}
	if !o.IsProvider && !o.IsCertificateOffice {
		f.Add("is_provider", "no_role", "Отметьте, что организация ведёт программы, выдаёт сертификаты, или и то и другое.")
	}
	if o.IsCertificateOffice {
		if o.Address == "" {
			f.Add("address", "required", "Укажите адрес: его увидят родители на странице «Где получить сертификат».")
		}
		if o.Phone == "" {
			f.Add("phone", "required", "Укажите телефон: его увидят родители на странице «Где получить сертификат».")
		}
		if o.Schedule == "" {
			f.Add("schedule", "required", "Укажите часы приёма, например «пн–пт 9:00–18:00».")
		}
		if len(o.Responsible) == 0 {
			f.Add("responsible", "required", "Укажите хотя бы одно ответственное лицо.")
		}
	}
	for i := range o.Responsible {
		p := &o.Responsible[i]
		if p.FullName == "" {
			f.Add("responsible", "name_required", "У ответственного лица укажите ФИО.")
		}
		if !normalizeContact(&p.Phone, NormalizePhone) {
			f.Add("responsible", "phone_format", "Телефон ответственного лица — в виде +7 (XXX) XXX-XX-XX.")
		}
		if !normalizeContact(&p.Email, NormalizeEmail) {
			f.Add("responsible", "email_format", "Адрес электронной почты ответственного лица указан неверно.")
		}
	}
	return f.Err()
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// normalizeContact rewrites an optional phone or e-mail in its normal form;
// it reports false when a value is given and is not one.
func normalizeContact(v *string, normalize func(string) (string, bool)) bool {
	if *v == "" {
		return true
	}
	n, ok := normalize(*v)
	if ok {
		*v = n
	}
	return ok
}

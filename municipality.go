package navigator

import "regexp"

// Region is the single region the installation serves.
type Region struct {
	Code string `json:"code"` // 2 digits, the first two of every certificate number
	Name string `json:"name"`
}

// Municipality is a district or city of the region.
type Municipality struct {
	ID   int64  `json:"id"`
	Code string `json:"code"` // 2 digits, the second two of a certificate number
	Name string `json:"name"`
}

var twoDigits = regexp.MustCompile(`^[0-9]{2}$`)

// Validate checks the municipality's fields.
func (m *Municipality) Validate() error {
	var f Fields
	if !twoDigits.MatchString(m.Code) {
		f.Add("code", "format", "Код муниципалитета — две цифры, например 07.")
	}
	if m.Name == "" {
		f.Add("name", "required", "Укажите название муниципалитета.")
	}
	return f.Err()
}

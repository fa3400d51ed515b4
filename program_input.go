package navigator

import "strings"

// ProgramInput is what a provider writes about a program.
type ProgramInput struct {
	Title         string        `json:"title"`
	Description   string        `json:"description"`
	Direction     string        `json:"direction"`
	AgeFrom       int           `json:"age_from"`
	AgeTo         int           `json:"age_to"`
	Registry      Registry      `json:"registry"`
	FormOfStudy   FormOfStudy   `json:"form_of_study"`
	OVZ           bool          `json:"ovz"`
	Address       string        `json:"address"`
	Status        ProgramStatus `json:"status"`
	PricePerMonth Money         `json:"price_per_month"` // the first module's price when no modules are given
	NormativeCost Money         `json:"normative_cost"`
	Modules       []Module      `json:"modules"`
}

// Validate checks the program's fields.
func (p *ProgramInput) Validate() error {
	var f Fields
	p.Title, p.Description, p.Address = strings.TrimSpace(p.Title), strings.TrimSpace(p.Description), strings.TrimSpace(p.Address)
	if p.Title == "" || len([]rune(p.Title)) > 200 {
		f.Add("title", "required", "Название программы — от 1 до 200 символов.")
	}
	if len([]rune(p.Description)) > 5000 {
		f.Add("description", "too_long", "Описание — не длиннее 5000 символов.")
	}
	if !ValidDirection(p.Direction) {
		f.Add("direction", "unknown", "Выберите направленность из списка.")
	}
	if p.AgeFrom < 0 || p.AgeTo > 18 || p.AgeFrom > p.AgeTo {
		f.Add("age_from", "range", "Возраст — от 0 до 18 лет, и «от» не больше «до».")
	}
	if !p.Registry.Valid() {
		f.Add("registry", "unknown", "Выберите реестр: сертифицированные, бюджетные или платные программы.")
	}
	if p.FormOfStudy == "" {
		p.FormOfStudy = FormFullTime
	}
	if !p.FormOfStudy.Valid() {
		f.Add("form_of_study", "unknown", "Выберите форму обучения: очная, очно-заочная или дистанционная.")
	}
	switch p.Status {
	case "":
		p.Status = ProgramDraft
	case ProgramDraft, ProgramPublished, ProgramArchived:
	default:
		f.Add("status", "unknown", "Статус — черновик, опубликована или в архиве.")
	}
	if len(p.Modules) == 0 {
		p.Modules = []Module{{Name: "1-й год обучения", Months: 9, PricePerMonth: p.PricePerMonth, NormativeCost: p.NormativeCost, MinChildren: 1, MaxChildren: 30}}
	}
	for i := range p.Modules {
		m := &p.Modules[i]
		if m.Name == "" {
			m.Name = "1-й год обучения"
		}
		if m.Months == 0 {
			m.Months = 9
		}
		if m.MaxChildren == 0 {
			m.MaxChildren = 30
		}
		switch {
		case m.PricePerMonth < 0 || m.NormativeCost < 0:
			f.Add("price_per_month", "negative", "Цена и нормативная стоимость не могут быть отрицательными.")
		case p.Registry == RegistryBudget && m.PricePerMonth != 0:
			f.Add("price_per_month", "budget", "Бюджетная программа бесплатна для семьи: цена — 0.")
		case p.Registry != RegistryBudget && m.PricePerMonth == 0:
			f.Add("price_per_month", "required", "Укажите цену в месяц.")
		case p.Registry == RegistryCertified && m.NormativeCost == 0:
			f.Add("normative_cost", "required", "Для сертифицированной программы укажите нормативную стоимость.")
		case m.Months < 1 || m.Months > 12 || m.MinChildren < 0 || m.MaxChildren < m.MinChildren:
			f.Add("modules", "range", "Модуль: от 1 до 12 месяцев, наполняемость «от» не больше «до».")
		}
	}
	return f.Err()
}

// GroupInput is what a provider writes about a group.
type GroupInput struct {
	ModuleID  int64         `json:"module_id"`
	Name      string        `json:"name"`
	Capacity  int           `json:"capacity"`
	Accepting *bool         `json:"accepting"`
	StartsOn  Date          `json:"starts_on"`
	EndsOn    Date          `json:"ends_on"`
	Teacher   string        `json:"teacher"`
	Schedule  []ScheduleRow `json:"schedule"`
}

// Validate checks a new group, or a change when partial is set.
func (g *GroupInput) Validate(partial bool) error {
	var f Fields
	g.Name = strings.TrimSpace(g.Name)
	if (!partial || g.Name != "") && (g.Name == "" || len([]rune(g.Name)) > 100) {
		f.Add("name", "required", "Название группы — от 1 до 100 символов.")
	}
	if (!partial || g.Capacity != 0) && (g.Capacity < 1 || g.Capacity > 500) {
		f.Add("capacity", "range", "Мест в группе — от 1 до 500.")
	}
	if !partial && (g.StartsOn.IsZero() || g.EndsOn.IsZero() || g.EndsOn.Before(g.StartsOn)) {
		f.Add("starts_on", "range", "Укажите даты начала и окончания занятий; окончание — не раньше начала.")
	}
	for _, r := range g.Schedule {
		if r.Weekday < 1 || r.Weekday > 7 || len(r.Start) != 5 || len(r.End) != 5 || r.End <= r.Start {
			f.Add("schedule", "format", "Расписание: день недели от 1 до 7, время «ЧЧ:ММ», окончание позже начала.")
			break
		}
	}
	return f.Err()
}

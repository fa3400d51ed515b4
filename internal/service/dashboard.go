package service

import (
	"context"
	"math"

	"navigator"
	"navigator/internal/report"
)

// Figure is one number of the dashboard.
type Figure struct {
	Label string
	Value string
}

// Chart is one chart of the dashboard, drawn as SVG, with the report
// that holds its figures as a table.
type Chart struct {
	Title  string
	SVG    string
	Report report.Name
}

// Dashboard is the reports page's summary for the actor's scope.
type Dashboard struct {
	Figures []Figure
	Charts  []Chart
}

// Dashboard gathers the figures and charts of the actor's role: the
// region or the municipality for admins, the office's certificates for an
// operator, the organization's groups and applications for a provider.
func (s *Service) Dashboard(ctx context.Context, a navigator.Actor) (*Dashboard, error) {
	if err := require(a, navigator.PermReadReports); err != nil {
		return nil, err
	}
	d := &Dashboard{}
	switch a.Role {
	case navigator.RoleRegionalAdmin, navigator.RoleMunicipalAdmin:
		if err := s.coverageCharts(ctx, a, d); err != nil {
			return nil, err
		}
		if err := s.issuedChart(ctx, a, d); err != nil {
			return nil, err
		}
		if err := s.applicationsChart(ctx, a, d); err != nil {
			return nil, err
		}
		if err := s.moneyChart(ctx, a, d); err != nil {
			return nil, err
		}
		if err := s.socialOrderChart(ctx, a, d); err != nil {
			return nil, err
		}
	case navigator.RoleOperator:
		if err := s.issuedChart(ctx, a, d); err != nil {
			return nil, err
		}
	case navigator.RoleProvider:
		if err := s.fillChart(ctx, a, d); err != nil {
			return nil, err
		}
		if err := s.applicationsChart(ctx, a, d); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (s *Service) coverageCharts(ctx context.Context, a navigator.Actor, d *Dashboard) error {
	res, err := s.Report(ctx, a, report.Coverage, report.Filter{})
	if err != nil {
		return err
	}
	rows := res.Items.([]report.CoverageRow)
	var children, with int64
	labels := make([]string, len(rows))
	series := []report.Series{{Name: "Финансирования"}, {Name: "Учёта"}, {Name: "Не подтверждённые"}}
	for i, r := range rows {
		children += r.ChildrenTotal
		with += r.WithCertificate
		labels[i] = r.Municipality + " (" + report.Percent(r.CoveragePercent) + ")"
		series[0].Values = append(series[0].Values, r.Financing)
		series[1].Values = append(series[1].Values, r.Accounting)
		series[2].Values = append(series[2].Values, r.Unconfirmed)
	}
	total := report.CoverageRow{ChildrenTotal: children, WithCertificate: with}
	total.SetPercent()
	d.Figures = append(d.Figures, Figure{"Детей с сертификатом", report.Thousands(with)},
		Figure{"Детей в муниципалитетах", report.Thousands(children)}, Figure{"Охват", report.Percent(total.CoveragePercent)})
	d.Charts = append(d.Charts, Chart{Title: "Сертификаты по типам и охват", Report: report.Coverage,
		SVG: report.StackedChart("Сертификаты по муниципалитетам и типам, в скобках — охват", labels, series)})
	return nil
}

func (s *Service) issuedChart(ctx context.Context, a navigator.Actor, d *Dashboard) error {
	res, err := s.Report(ctx, a, report.Certificates, report.Filter{})
	if err != nil {
		return err
	}
	var points []report.Bar
	byType := map[string]int64{}
	var total int64
	for _, r := range res.Items.([]report.CertificateRow) {
		day := r.Day.Russian()
		if len(points) == 0 || points[len(points)-1].Label != day {
			points = append(points, report.Bar{Label: day})
		}
		points[len(points)-1].Value += r.Count
		byType[r.Type] += r.Count
		total += r.Count
	}
	if a.Role == navigator.RoleOperator {
		d.Figures = append(d.Figures, Figure{"Выдано сертификатов организацией", report.Thousands(total)})
		var bars []report.Bar
		for _, t := range []navigator.CertificateType{navigator.CertificateFinancing, navigator.CertificateAccounting, navigator.CertificateUnconfirmed} {
			bars = append(bars, report.Bar{Label: t.Title(), Value: byType[string(t)]})
		}
		d.Charts = append(d.Charts, Chart{Title: "Выдано по типам", Report: report.Certificates, SVG: report.BarChart("Выданные сертификаты по типам", bars, nil)})
	}
	d.Charts = append(d.Charts, Chart{Title: "Выдача по дням", Report: report.Certificates, SVG: report.LineChart("Выдано сертификатов по дням", points)})
	return nil
}

func (s *Service) applicationsChart(ctx context.Context, a navigator.Actor, d *Dashboard) error {
	res, err := s.Report(ctx, a, report.Applications, report.Filter{})
	if err != nil {
		return err
	}
	byStatus := map[string]int64{}
	var total int64
	for _, r := range res.Items.([]report.ApplicationRow) {
		byStatus[r.Status] += r.Count
		total += r.Count
	}
	var bars []report.Bar
	for _, st := range []navigator.ApplicationStatus{navigator.AppPending, navigator.AppAccepted, navigator.AppEnrolled, navigator.AppWaitlisted,
		navigator.AppRejected, navigator.AppCancelled, navigator.AppCompleted} {
		bars = append(bars, report.Bar{Label: st.Title(), Value: byStatus[string(st)]})
	}
	d.Figures = append(d.Figures, Figure{"Заявок", report.Thousands(total)})
	d.Charts = append(d.Charts, Chart{Title: "Заявки по статусам", Report: report.Applications, SVG: report.BarChart("Заявки по статусам", bars, nil)})
	return nil
}

func (s *Service) moneyChart(ctx context.Context, a navigator.Actor, d *Dashboard) error {
	res, err := s.Report(ctx, a, report.MoneyMunicipalities, report.Filter{})
	if err != nil {
		return err
	}
	var nominal, reserved, charged navigator.Money
	var bars []report.Bar
	for _, r := range res.Items.([]report.MoneyRow) {
		nominal += r.Nominal
		reserved += r.Reserved
		charged += r.Charged
		bars = append(bars, report.Bar{Label: r.Name, Value: int64(r.Nominal)})
	}
	d.Figures = append(d.Figures, Figure{"Номиналы сертификатов", nominal.Russian()}, Figure{"В резерве по договорам", reserved.Russian()},
		Figure{"Списано", charged.Russian()})
	d.Charts = append(d.Charts, Chart{Title: "Номиналы по муниципалитетам", Report: report.MoneyMunicipalities,
		SVG: report.BarChart("Номиналы сертификатов финансирования по муниципалитетам", bars, func(v int64) string { return navigator.Money(v).Russian() })})
	return nil
}

// socialOrderChart shows, where a social order is published for this
// year, how much of each direction's ordered hours applications and
// contracts hold, over the municipalities in the actor's scope.
func (s *Service) socialOrderChart(ctx context.Context, a navigator.Actor, d *Dashboard) error {
	res, err := s.Report(ctx, a, report.SocialOrder, report.Filter{})
	if err != nil {
		return err
	}
	rows := res.Items.([]report.SocialOrderRow)
	if len(rows) == 0 {
		return nil
	}
	ordered, held := map[string]int64{}, map[string]int64{}
	var total, given int64
	for _, r := range rows {
		ordered[r.Direction] += int64(r.Hours)
		held[r.Direction] += int64(r.HoursContracted)
		total += int64(r.Hours)
		given += int64(r.HoursGiven)
	}
	var bars []report.Bar
	for _, dir := range navigator.Directions {
		if o, ok := ordered[dir.Code]; ok && o > 0 {
			bars = append(bars, report.Bar{Label: dir.Name, Value: (held[dir.Code]*1000 + o/2) / o})
		}
	}
	d.Figures = append(d.Figures, Figure{"Социальный заказ, человеко-часов", navigator.Hours(total).Amount()},
		Figure{"Оказано по социальному заказу", navigator.Hours(given).Russian()})
	d.Charts = append(d.Charts, Chart{Title: "Социальный заказ: занято по направленностям", Report: report.SocialOrder,
		SVG: report.BarChart("Занято договорами и заявками, % заказанных часов", bars, func(v int64) string { return report.Percent(float64(v) / 10) })})
	return nil
}

func (s *Service) fillChart(ctx context.Context, a navigator.Actor, d *Dashboard) error {
	res, err := s.Report(ctx, a, report.Fill, report.Filter{})
	if err != nil {
		return err
	}
	var capacity, taken int64
	var bars []report.Bar
	for _, r := range res.Items.([]report.FillRow) {
		capacity += r.Capacity
		taken += r.SeatsTaken
		bars = append(bars, report.Bar{Label: r.Program + " — " + r.Group, Value: int64(math.Round(r.FillPercent * 10))})
	}
	total := report.FillRow{Capacity: capacity, SeatsTaken: taken}
	total.SetPercent()
	d.Figures = append(d.Figures, Figure{"Мест в группах", report.Thousands(capacity)}, Figure{"Занято мест", report.Thousands(taken)},
		Figure{"Наполняемость", report.Percent(total.FillPercent)})
	d.Charts = append(d.Charts, Chart{Title: "Наполняемость групп", Report: report.Fill,
		SVG: report.BarChart("Наполняемость групп, %", bars, func(v int64) string { return report.Percent(float64(v) / 10) })})
	return nil
}

package navigator

// OfficeSummary is one municipality's line of the region's summary of
// certificate offices, as the regional authority publishes it.
type OfficeSummary struct {
	Municipality Municipality `json:"municipality"`
	Offices      int          `json:"offices"`
	Responsible  int          `json:"responsible_persons"`
}

// SummarizeOffices counts the offices and their responsible persons of
// each municipality, in the municipalities' order, and the region's total.
func SummarizeOffices(ms []Municipality, offices []Organization) (rows []OfficeSummary, total OfficeSummary) {
	at := map[int64]int{}
	for i, m := range ms {
		at[m.ID] = i
		rows = append(rows, OfficeSummary{Municipality: m})
	}
	for _, o := range offices {
		i, ok := at[o.MunicipalityID]
		if !ok || !o.IsCertificateOffice {
			continue
		}
		rows[i].Offices++
		rows[i].Responsible += len(o.Responsible)
		total.Offices++
		total.Responsible += len(o.Responsible)
	}
	total.Municipality = Municipality{Name: "Всего по региону"}
	return rows, total
}

package demo

// municipalities are the demo region's cities and districts.
func municipalities() []Municipality {
	return []Municipality{
		{Code: "01", Name: "г. Блестящий", FinancingNominal: 2_500_000, FinancingQuota: 4000, BudgetLimit: 3, ChildrenTotal: 21400},
		{Code: "02", Name: "г. Заречный", FinancingNominal: 2_200_000, FinancingQuota: 2500, BudgetLimit: 3, ChildrenTotal: 14300},
		{Code: "03", Name: "г. Светлогорск", FinancingNominal: 2_000_000, FinancingQuota: 1800, BudgetLimit: 2, ChildrenTotal: 9800},
		{Code: "04", Name: "Азовский район", FinancingNominal: 1_800_000, FinancingQuota: 900, BudgetLimit: 2, ChildrenTotal: 5200},
		{Code: "05", Name: "Берёзовский район", FinancingNominal: 1_800_000, FinancingQuota: 800, BudgetLimit: 2, ChildrenTotal: 4700},
		{Code: "06", Name: "Калачинский район", FinancingNominal: 1_700_000, FinancingQuota: 700, BudgetLimit: 2, ChildrenTotal: 4100},
		{Code: "07", Name: "Тарский район", FinancingNominal: 1_600_000, FinancingQuota: 650, BudgetLimit: 2, ChildrenTotal: 3900},
		{Code: "08", Name: "Луговской район", FinancingNominal: 1_500_000, FinancingQuota: 500, BudgetLimit: 2, ChildrenTotal: 3100},
		{Code: "09", Name: "Исилькульский район", FinancingNominal: 1_500_000, FinancingQuota: 550, BudgetLimit: 2, ChildrenTotal: 3300},
	}
}

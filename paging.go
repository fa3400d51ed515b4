package navigator

// The one paging rule of every list, API and page alike (API.md): pages
// count from 1; a page holds per_page items, 1 to MaxPerPage, and the
// list's own default when per_page is missing or out of range; the
// answer carries the total of all matches.

// MaxPerPage is the most items a page may hold.
const MaxPerPage = 100

// DefaultPerPage is a list's page size unless it has its own.
const DefaultPerPage = 20

// Paging is a normalized page of a list.
type Paging struct {
	Page, PerPage int
}

// PageOf normalizes the asked page and size; def is the list's default
// size.
func PageOf(page, perPage, def int) Paging {
	if def < 1 || def > MaxPerPage {
		def = DefaultPerPage
	}
	if perPage < 1 {
		perPage = def
	}
	return Paging{Page: max(page, 1), PerPage: min(perPage, MaxPerPage)}
}

// Offset is how many items come before the page.
func (p Paging) Offset() int { return (max(p.Page, 1) - 1) * p.PerPage }

// Pages is how many pages total items fill (at least one).
func (p Paging) Pages(total int) int {
	if p.PerPage < 1 {
		return 1
	}
	return max((total+p.PerPage-1)/p.PerPage, 1)
}

package server

import (
	"net/url"
	"strconv"
)

// pager is the «Показаны 31–60 из 245» line and the links to the pages
// around the current one, the same under every list.
type pager struct {
	Page, Pages, Total int
	From, To           int
	Prev, Next         string
	Links              []pageLink
}

type pageLink struct {
	Page    int
	URL     string
	Current bool
}

// newPager pages total items perPage at a time; query is the list's
// filter without the page.
func newPager(path string, query url.Values, page, perPage, total int) pager {
	p := pager{Page: max(page, 1), Total: total, Pages: max((total+perPage-1)/perPage, 1)}
	if total > 0 {
		p.From = (p.Page-1)*perPage + 1
		p.To = min(p.Page*perPage, total)
	}
	link := func(n int) string {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		if n > 1 {
			q.Set("page", strconv.Itoa(n))
		}
		if len(q) == 0 {
			return path
		}
		return path + "?" + q.Encode()
	}
	if p.Page > 1 {
		p.Prev = link(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.Next = link(p.Page + 1)
	}
	for n := max(1, p.Page-3); n <= min(p.Pages, p.Page+3); n++ {
		p.Links = append(p.Links, pageLink{Page: n, URL: link(n), Current: n == p.Page})
	}
	return p
}

// Summary is «Заявок: 245, показаны 31–60.» with the list's label: a
// count after a colon needs no declension.
func (p pager) Summary(label string) string {
	if p.Total == 0 {
		return "Ничего не найдено."
	}
	out := label + ": " + strconv.Itoa(p.Total)
	if p.Pages > 1 {
		out += ", показаны " + strconv.Itoa(p.From) + "–" + strconv.Itoa(p.To)
	}
	return out + "."
}

package server

import (
	"net/http"
	"net/url"
	"strconv"

	"navigator"
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

// pagingOf is the page a list request asks for (page and per_page of the
// query), normalized by the one paging rule with the list's default size.
func pagingOf(r *http.Request, def int) navigator.Paging {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	perPage, _ := strconv.Atoi(q.Get("per_page"))
	return navigator.PageOf(page, perPage, def)
}

// withoutPage is a list's query without its page, for newPager.
func withoutPage(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		if k != "page" {
			out[k] = v
		}
	}
	return out
}

// newPager pages total items as pg asks; query is the list's filter
// without the page.
func newPager(path string, query url.Values, pg navigator.Paging, total int) pager {
	pg = navigator.PageOf(pg.Page, pg.PerPage, pg.PerPage)
	p := pager{Page: pg.Page, Total: total, Pages: pg.Pages(total)}
	if total > 0 {
		p.From = pg.Offset() + 1
		p.To = min(pg.Offset()+pg.PerPage, total)
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

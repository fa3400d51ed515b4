package store

import (
	"fmt"
	"strings"

	"navigator"
	"navigator/internal/ru"
)

// maxQueryStems bounds the work one search query can ask for.
const maxQueryStems = 8

// catalogQueries are the two reads of a catalog page, run in one
// snapshot: the page itself and the count of every match. Without a
// window over every match, an ordered index can serve the page.
type catalogQueries struct {
	page, count         string
	pageArgs, countArgs []any
}

// catalogQuery builds the reads of the normalized, valid filter f; false
// when its query has only stop words or punctuation, so nothing matches.
func (db *DB) catalogQuery(f navigator.ProgramFilter) (catalogQueries, bool) {
	var (
		from      = "programs p JOIN organizations o ON o.id = p.organization_id"
		countFrom = "programs p" // the count needs no organization
		where     = []string{"p.status = 'published'"}
		args      []any
		score     = "0"
	)
	stems := ru.QueryStems(f.Query, maxQueryStems)
	if len(stems) > 0 {
		switch db.engine {
		case SQLite:
			terms := make([]string, len(stems))
			for i, s := range stems {
				terms[i] = `"` + s + `"*`
			}
			// bm25() cannot sit beside a window function, so it is
			// computed in a subquery.
			from = `(SELECT rowid AS id, -bm25(programs_fts, 10.0, 1.0) AS score FROM programs_fts WHERE programs_fts MATCH ?) AS m
				JOIN programs p ON p.id = m.id JOIN organizations o ON o.id = p.organization_id`
			countFrom = "(SELECT rowid AS id FROM programs_fts WHERE programs_fts MATCH ?) AS m JOIN programs p ON p.id = m.id"
			args = append(args, strings.Join(terms, " "))
			score = "m.score"
		case Postgres:
			terms := make([]string, len(stems))
			for i, s := range stems {
				terms[i] = s + ":*"
			}
			from += ", to_tsquery('simple', ?) AS query"
			countFrom += ", to_tsquery('simple', ?) AS query"
			args = append(args, strings.Join(terms, " & "))
			where = append(where, "p.search_tsv @@ query")
			score = "ts_rank(p.search_tsv, query)"
		}
	} else if strings.TrimSpace(f.Query) != "" {
		return catalogQueries{}, false
	}
	if f.Direction != "" {
		where, args = append(where, "p.direction = ?"), append(args, f.Direction)
	}
	if f.MunicipalityID != 0 {
		where, args = append(where, "p.municipality_id = ?"), append(args, f.MunicipalityID)
	}
	if f.Age != 0 {
		where, args = append(where, "p.age_from <= ? AND p.age_to >= ?"), append(args, f.Age, f.Age)
	}
	if f.Registry != "" {
		where, args = append(where, "p.registry = ?"), append(args, string(f.Registry))
	}
	if f.Free {
		where = append(where, "p.min_price = 0")
	}
	if f.FormOfStudy != "" {
		where, args = append(where, "p.form_of_study = ?"), append(args, string(f.FormOfStudy))
	}
	if f.OVZ {
		where = append(where, "p.ovz = TRUE")
	}
	order := map[navigator.ProgramSort]string{
		navigator.SortRelevance: "score DESC, p.published_at DESC, p.id",
		navigator.SortTitle:     "p.title" + db.bytewise() + ", p.id",
		navigator.SortPriceAsc:  "p.min_price, p.id",
		navigator.SortNewest:    "p.published_at DESC, p.id",
	}[f.Sort]
	if len(stems) == 0 && f.Sort == navigator.SortRelevance {
		order = "p.published_at DESC, p.id" // nothing to rank by: newest first, as the index keeps them
	}
	return catalogQueries{
		page: fmt.Sprintf("SELECT %s, %s AS score FROM %s WHERE %s ORDER BY %s LIMIT ? OFFSET ?",
			programColumns, score, from, strings.Join(where, " AND "), order),
		count:     fmt.Sprintf("SELECT count(*) FROM %s WHERE %s", countFrom, strings.Join(where, " AND ")),
		pageArgs:  append(append([]any(nil), args...), f.PerPage, (f.Page-1)*f.PerPage),
		countArgs: args,
	}, true
}

package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"navigator/internal/demo"
	"navigator/internal/password"
	"navigator/internal/ru"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// demoFamilyPassword is the password of every demo family account.
const demoFamilyPassword = "demo-parent-2026"

func demoCmd(ctx context.Context, args []string, getenv env, s stdio) error {
	fs := newFlags("demo", s)
	var db dbConfig
	db.register(fs, getenv)
	if err := parse(fs, args, s); err != nil {
		return err
	}
	keys, err := db.keys()
	if err != nil {
		return err
	}
	st, err := db.open(ctx, keys)
	if err != nil {
		return err
	}
	defer st.Close()
	empty, err := st.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("the database already has a region: the demo region goes only into an empty database")
	}
	return seedIfEmpty(ctx, st, keys, s.out)
}

// seedIfEmpty fills an empty database with the demo region and prints
// the demo accounts; a database with a region is left as it is.
func seedIfEmpty(ctx context.Context, st *store.DB, keys *secret.Keys, out io.Writer) error {
	empty, err := st.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	r := demo.Generate()
	sum, err := store.Demo(st).Seed(ctx, r, keys, password.Hash, demoFamilyPassword)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Демонстрационный регион «%s»: %s, %s (уполномоченных на выдачу сертификатов: %d), %s, %s, %s, %s, %s.\n", r.Name,
		ru.Count(sum.Municipalities, "муниципалитет", "муниципалитета", "муниципалитетов"),
		ru.Count(sum.Organizations, "организация", "организации", "организаций"),
		sum.Offices,
		ru.Count(sum.Programs, "программа", "программы", "программ"),
		ru.Count(sum.Groups, "группа", "группы", "групп"),
		ru.Count(sum.Families, "семья", "семьи", "семей"),
		ru.Count(sum.Children, "ребёнок", "ребёнка", "детей"),
		ru.Count(sum.Certificates, "сертификат", "сертификата", "сертификатов"))
	fmt.Fprintln(out, "Демонстрационные учётные записи (только для демо-режима). Сотрудники входят с кодом второго фактора:")
	fmt.Fprintln(out, "его показывает страница /demo/codes, или добавьте секрет из последней колонки в приложение-аутентификатор.")
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	for _, a := range r.Staff {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", a.Role, a.Email, a.Password, a.TOTPSecret)
	}
	for _, f := range r.Families[:min(2, len(r.Families))] {
		fmt.Fprintf(tw, "  parent\t%s\t%s\n", f.Email, demoFamilyPassword)
	}
	return tw.Flush()
}

package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"navigator"
	"navigator/internal/auth"
	"navigator/internal/password"
)

func staff(ctx context.Context, args []string, getenv env, s stdio) error {
	if len(args) == 0 || args[0] != "add" {
		return usageError{"staff: use navigator staff add --email E --role R [--organization ID] [--municipality ID] --password-stdin"}
	}
	fs := newFlags("staff add", s)
	var db dbConfig
	db.register(fs, getenv)
	email := fs.String("email", "", "e-mail of the account")
	role := fs.String("role", "", "operator, provider, municipal_admin or regional_admin")
	name := fs.String("name", "", "full name")
	org := fs.Int64("organization", 0, "organization ID (operator, provider)")
	mun := fs.Int64("municipality", 0, "municipality ID (municipal_admin)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := parse(fs, args[1:], s); err != nil {
		return err
	}
	if !*fromStdin {
		return usageError{"staff add: --password-stdin is required: passwords are never given on the command line"}
	}
	line, err := bufio.NewReader(s.in).ReadString('\n')
	if err != nil && line == "" {
		return fmt.Errorf("staff add: no password on standard input")
	}
	pw := strings.TrimRight(line, "\r\n")
	if err := password.Check(pw); err != nil {
		return fmt.Errorf("staff add: %s", err.Error())
	}
	st := &navigator.Staff{Email: *email, FullName: *name, Role: navigator.Role(*role), OrganizationID: *org, MunicipalityID: *mun}
	if err := st.Validate(); err != nil {
		return fmt.Errorf("staff add: %s", describe(err))
	}
	keys, err := db.keys()
	if err != nil {
		return err
	}
	dbh, err := db.open(ctx, keys)
	if err != nil {
		return err
	}
	defer dbh.Close()
	if err := dbh.CreateStaff(ctx, st, password.Hash(pw)); err != nil {
		return fmt.Errorf("staff add: %s", describe(err))
	}
	fmt.Fprintf(s.out, "Сотрудник #%d %s (%s) создан.\n", st.ID, st.Email, st.Role.Title())
	if st.Role.NeedsSecondFactor() {
		e, err := auth.New(dbh, keys, nil).EnrollTOTP(ctx, st.ID, st.Email)
		if err != nil {
			return err
		}
		fmt.Fprintln(s.out, e.URL)
		fmt.Fprintln(s.out, "Резервные коды (каждый действует один раз; сохраните их в надёжном месте):", strings.Join(e.RecoveryCodes, " "))
	}
	return nil
}

// describe writes a domain error for a terminal: its message and fields.
func describe(err error) string {
	var e *navigator.Error
	if !asError(err, &e) {
		return err.Error()
	}
	if len(e.Fields) <= 1 {
		return e.Message
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return strings.Join(parts, "; ")
}

// Package rush is the morning enrolment opens, as a benchmark: a
// synthetic region whose families all apply at once through the real HTTP
// stack, the figures of that rush, and the two baselines it is measured
// against. `navigator bench rush` prints its report; the tests use it to
// check that seats and the wait list stay exact under load and across a
// crash.
package rush

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"navigator"
	"navigator/internal/demo"
	"navigator/internal/password"
	"navigator/internal/secret"
	"navigator/internal/service"
	"navigator/internal/store"
)

// Config is the shape of one rush.
type Config struct {
	Families int  // families that apply, one child each
	Groups   int  // groups they apply to
	Clients  int  // simultaneous HTTP clients
	Single   bool // every family goes for the first group
	Seats    int  // seats per group; 0: the seats of the groups take 60 % of the families
}

// Validate checks the numbers.
func (c *Config) Validate() error {
	switch {
	case c.Families < 1 || c.Families > 1_000_000:
		return errors.New("--families must be from 1 to 1000000")
	case c.Groups < 1 || c.Groups > 10_000:
		return errors.New("--groups must be from 1 to 10000")
	case c.Clients < 1 || c.Clients > 20_000:
		return errors.New("--clients must be from 1 to 20000")
	case c.Seats < 0 || c.Seats > 500:
		return errors.New("--seats must be from 0 to 500")
	}
	return nil
}

// seats is the capacity of each group.
func (c *Config) seats() int {
	if c.Seats > 0 {
		return c.Seats
	}
	per := c.Families * 6 / 10 / c.Groups
	if c.Single {
		per = c.Families * 6 / 10
	}
	return min(max(per, 1), 500)
}

// SpreadWorkers is how many workers the spread baseline commits from at
// once, each on its own group. PostgreSQL flushes the commits waiting at
// the same moment together, so many independent writers reach a far
// higher rate than one: that, not the one-connection rate, is what the
// lanes' group commit has to beat there.
const SpreadWorkers = 16

// Region is the synthetic region of a rush.
type Region struct {
	Families  []store.SyntheticFamily
	Tokens    []string // each family's session token, for the Authorization header
	Groups    []int64  // the groups applied to
	Target    []int64  // the group each family applies to
	Baseline  int64    // a group outside the rush for the commit-rate baseline
	Spread    []int64  // SpreadWorkers groups outside the rush, Baseline first, for the spread baseline
	Capacity  int
	Birthdate navigator.Date
}

// Build fills an empty database with the demo region and adds the rush's
// program, its groups and its families: each family's child confirmed and
// issued an accounting certificate by the demo operator, each parent
// signed in.
func Build(ctx context.Context, db *store.DB, keys *secret.Keys, svc *service.Service, cfg Config) (*Region, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, errors.New("the database already has a region: the rush needs an empty database")
	}
	d := demo.Generate()
	if _, err := store.Demo(db).Seed(ctx, d, keys, password.Hash, "rush-parent-password"); err != nil {
		return nil, fmt.Errorf("demo region: %w", err)
	}
	operator, err := actorByEmail(ctx, db, "operator@demo.example.ru")
	if err != nil {
		return nil, err
	}
	provider, err := actorByEmail(ctx, db, "provider@demo.example.ru")
	if err != nil {
		return nil, err
	}
	r := &Region{Capacity: cfg.seats(), Birthdate: navigator.NewDate(2016, 3, 1)}
	prog, err := svc.CreateProgram(ctx, provider, navigator.ProgramInput{
		Title:       "Робототехника: набор в день открытия",
		Description: "Программа, на которую записывается весь регион в первые минуты записи.",
		Direction:   navigator.Directions[0].Code, AgeFrom: 5, AgeTo: 17,
		Registry: navigator.RegistryBudget, FormOfStudy: navigator.FormFullTime,
		Address: "г. Блестящий, ул. Ленина, 1",
	})
	if err != nil {
		return nil, fmt.Errorf("rush program: %w", err)
	}
	if len(prog.Modules) == 0 {
		return nil, errors.New("rush program has no module")
	}
	accepting := true
	for i := 0; i < cfg.Groups+SpreadWorkers; i++ {
		capacity := r.Capacity
		if i >= cfg.Groups {
			capacity = 500 // the baselines' groups
		}
		g, err := svc.CreateGroup(ctx, provider, prog.ID, navigator.GroupInput{ModuleID: prog.Modules[0].ID,
			Name: fmt.Sprintf("Группа %d", i+1), Capacity: capacity, Accepting: &accepting,
			StartsOn: navigator.NewDate(2026, 9, 1), EndsOn: navigator.NewDate(2027, 5, 31)})
		if err != nil {
			return nil, fmt.Errorf("rush group: %w", err)
		}
		switch {
		case i < cfg.Groups:
			r.Groups = append(r.Groups, g)
		case i == cfg.Groups:
			r.Baseline = g
			fallthrough
		default:
			r.Spread = append(r.Spread, g)
		}
	}
	// Its groups are open: now it may enter the catalog.
	in := navigator.ProgramInput{Title: prog.Title, Description: prog.Description, Direction: prog.Direction, AgeFrom: prog.AgeFrom, AgeTo: prog.AgeTo,
		Registry: prog.Registry, FormOfStudy: prog.FormOfStudy, Address: prog.Address, Modules: prog.Modules, Status: navigator.ProgramPublished}
	if _, err := svc.UpdateProgram(ctx, provider, prog.ID, in); err != nil {
		return nil, fmt.Errorf("rush program: %w", err)
	}
	r.Tokens = make([]string, cfg.Families)
	hashes := make([]string, cfg.Families)
	for i := range r.Tokens {
		r.Tokens[i] = secret.Token()
		hashes[i] = secret.TokenHash(r.Tokens[i])
	}
	if r.Families, err = store.Synthetic(db).AddSyntheticFamilies(ctx, operator.MunicipalityID, operator.ID, operator.OrganizationID, r.Birthdate, hashes); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(2026, 9))
	r.Target = make([]int64, cfg.Families)
	for i := range r.Target {
		r.Target[i] = r.Groups[0]
		if !cfg.Single {
			r.Target[i] = r.Groups[rng.IntN(len(r.Groups))]
		}
	}
	// After the bulk load, as after any quiet night: fresh statistics.
	if err := store.Synthetic(db).Settle(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

func actorByEmail(ctx context.Context, db *store.DB, email string) (navigator.Actor, error) {
	c, err := db.CredentialsByEmail(ctx, email)
	if err != nil {
		return navigator.Actor{}, fmt.Errorf("demo account %s: %w", email, err)
	}
	return db.ActorOf(ctx, c.Role, c.ID)
}

// timeout bounds one request of a client.
const timeout = 30 * time.Second

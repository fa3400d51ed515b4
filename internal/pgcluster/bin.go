// Package pgcluster runs private PostgreSQL servers for tests and bench
// commands: a primary made with initdb in a folder of its own, streaming
// standbys made from it with pg_basebackup -R, each on its own loopback
// port. A server can be stopped, killed with SIGKILL as a dying machine
// would be, and a standby promoted. Nothing here is global: every server
// is a value, and the caller removes it with Remove.
package pgcluster

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// DefaultBin is where Debian installs the PostgreSQL 15 server programs.
const DefaultBin = "/usr/lib/postgresql/15/bin"

// EnvBin names the variable that points at another folder of them.
const EnvBin = "NAVIGATOR_PG_BIN"

// ErrNoBinaries says the server programs are not installed.
var ErrNoBinaries = errors.New("PostgreSQL server binaries (initdb, postgres, pg_basebackup) not found: apt-get install postgresql-15, or set " + EnvBin)

// Bin finds the folder of initdb, postgres and pg_basebackup: getenv's
// EnvBin, else DefaultBin.
func Bin(getenv func(string) string) (string, error) {
	dir := getenv(EnvBin)
	if dir == "" {
		dir = DefaultBin
	}
	for _, p := range []string{"initdb", "postgres", "pg_basebackup"} {
		if st, err := os.Stat(filepath.Join(dir, p)); err != nil || st.IsDir() {
			return "", ErrNoBinaries
		}
	}
	return dir, nil
}

// owner is the OS account the servers run as. initdb and postgres refuse
// to run as root, so a root caller runs them as the postgres account;
// anyone else runs them as themselves.
type owner struct {
	cred *syscall.Credential // nil: the caller's own
	uid  int
	gid  int
}

func findOwner() (owner, error) {
	if os.Geteuid() != 0 {
		return owner{uid: os.Geteuid(), gid: os.Getegid()}, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return owner{}, fmt.Errorf("running as root needs the postgres account for the servers: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return owner{cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, uid: uid, gid: gid}, nil
}

// command makes a command that runs as the owner in a process group of
// its own, so that Kill takes the server's children with it.
func (o owner) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: o.cred}
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	return cmd
}

// mkdir makes a private folder the owner can write.
func (o owner) mkdir(parent, pattern string) (string, error) {
	dir, err := os.MkdirTemp(parent, pattern)
	if err != nil {
		return "", fmt.Errorf("temp folder: %w", err)
	}
	if err := os.Chown(dir, o.uid, o.gid); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("give %s to the server's account: %w", dir, err)
	}
	return dir, nil
}

package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"navigator/internal/checkpoint"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// dbConfig is what every command that touches the database takes.
type dbConfig struct {
	url     string
	dataDir string
	secret  string
}

func (c *dbConfig) register(fs *flag.FlagSet, getenv env) {
	fs.StringVar(&c.url, "db", or(getenv("NAVIGATOR_DB"), store.DefaultURL), "database: sqlite:PATH or postgres://… (NAVIGATOR_DB)")
	fs.StringVar(&c.dataDir, "data-dir", getenv("NAVIGATOR_DATA_DIR"), "folder for the secret key when it is not given (NAVIGATOR_DATA_DIR; default: the SQLite file's folder or data)")
	fs.StringVar(&c.secret, "secret", getenv("NAVIGATOR_SECRET"), "secret key for encryption and signing, 32+ characters (NAVIGATOR_SECRET)")
}

// open opens and migrates the database; keys, when given, seal what the
// store keeps sealed (letters in the outbox) and key the audit chain.
func (c *dbConfig) open(ctx context.Context, keys *secret.Keys) (*store.DB, error) {
	db, err := store.Open(ctx, c.url)
	if err != nil {
		return nil, err
	}
	if keys != nil {
		db.UseKeys(keys)
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if keys != nil {
		// A journal written before the chain was keyed is keyed now, once.
		if _, _, err := db.KeyAuditChain(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// dir is the folder of the secret file: --data-dir, or the SQLite file's
// folder, or data.
func (c *dbConfig) dir() string {
	if c.dataDir != "" {
		return c.dataDir
	}
	if path, ok := strings.CutPrefix(c.url, "sqlite:"); ok {
		return filepath.Dir(path)
	}
	return "data"
}

// keys returns the encryption keys: from --secret, or from the secret file
// in the data folder, created on first run.
func (c *dbConfig) keys() (*secret.Keys, error) {
	s := c.secret
	if s == "" {
		var err error
		if s, err = secret.LoadOrCreate(c.dir()); err != nil {
			return nil, err
		}
	}
	k, err := secret.New(s)
	if err != nil {
		return nil, fmt.Errorf("%w (set NAVIGATOR_SECRET or --secret)", err)
	}
	return k, nil
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// checkpoints is the audit checkpoints' file in the data folder.
func (c *dbConfig) checkpoints() string { return filepath.Join(c.dir(), checkpoint.FileName) }

// secretFile is the secret's file in the data folder.
func (c *dbConfig) secretFile() string { return filepath.Join(c.dir(), "secret.key") }

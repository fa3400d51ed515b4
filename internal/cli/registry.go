package cli

import (
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"navigator/internal/contingent"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// registryConfig chooses the «Контингент» registry: the built-in one
// loaded by `navigator contingent import`, or a region's own service.
type registryConfig struct {
	url     string
	timeout time.Duration
	retries int
}

func (c *registryConfig) register(fs *flag.FlagSet, getenv env) {
	fs.StringVar(&c.url, "contingent-url", getenv("NAVIGATOR_CONTINGENT_URL"), "address of the region's «Контингент» service; empty: the built-in registry (NAVIGATOR_CONTINGENT_URL)")
	fs.DurationVar(&c.timeout, "contingent-timeout", 3*time.Second, "how long one look-up in «Контингент» may take")
	fs.IntVar(&c.retries, "contingent-retries", 2, "retries of a failed look-up")
}

func (c *registryConfig) registry(db *store.DB, keys *secret.Keys) (contingent.Registry, error) {
	if c.url == "" {
		return contingent.NewBuiltin(db, keys), nil
	}
	u, err := url.Parse(c.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usageError{fmt.Sprintf("serve: --contingent-url %q is not an http(s) address", c.url)}
	}
	if c.timeout <= 0 || c.retries < 0 {
		return nil, usageError{"serve: --contingent-timeout must be positive and --contingent-retries not negative"}
	}
	return contingent.NewHTTPClient(c.url, c.timeout, c.retries, &http.Client{}), nil
}

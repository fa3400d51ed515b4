package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"navigator/internal/auth"
	"navigator/internal/checkpoint"
	"navigator/internal/jobs"
	"navigator/internal/mail"
	"navigator/internal/metrics"
	"navigator/internal/password"
	"navigator/internal/server"
	"navigator/internal/service"
)

func serve(ctx context.Context, args []string, getenv env, s stdio) error {
	fs := newFlags("serve", s)
	var db dbConfig
	db.register(fs, getenv)
	addr := fs.String("addr", or(getenv("NAVIGATOR_ADDR"), ":8080"), "address to listen on (NAVIGATOR_ADDR)")
	demoMode := fs.Bool("demo", getenv("NAVIGATOR_DEMO") == "1", "fill an empty database with the demo region first (NAVIGATOR_DEMO=1)")
	secure := fs.Bool("secure-cookies", getenv("NAVIGATOR_SECURE_COOKIES") == "1", "mark cookies Secure: the site is served over HTTPS (NAVIGATOR_SECURE_COOKIES=1)")
	trustProxy := fs.Bool("trust-proxy", getenv("NAVIGATOR_TRUST_PROXY") == "1", "take the client's address from X-Forwarded-For set by the reverse proxy (NAVIGATOR_TRUST_PROXY=1)")
	baseURL := fs.String("base-url", or(getenv("NAVIGATOR_BASE_URL"), "http://localhost:8080"), "the site's public address for links in letters (NAVIGATOR_BASE_URL)")
	smtpURL := fs.String("smtp-url", getenv("NAVIGATOR_SMTP_URL"), "mail server: smtp://user:password@host:port?tls=starttls|tls|none; empty: letters wait in the outbox (NAVIGATOR_SMTP_URL)")
	mailFrom := fs.String("mail-from", or(getenv("NAVIGATOR_MAIL_FROM"), "navigator@localhost"), "sender of the letters (NAVIGATOR_MAIL_FROM)")
	var adm admissionFlags
	adm.register(fs)
	metricsToken := fs.String("metrics-token", getenv("NAVIGATOR_METRICS_TOKEN"), "bearer token that may read /metrics from another machine; without it only loopback may (NAVIGATOR_METRICS_TOKEN)")
	var reg registryConfig
	reg.register(fs, getenv)
	dbConns := fs.Int("db-conns", 32, "connections to PostgreSQL at most; several servers on one database share its max_connections")
	var replicas replicaFlags
	replicas.register(fs, getenv)
	logFormat := fs.String("log", or(getenv("NAVIGATOR_LOG"), "text"), "log format: text or json (NAVIGATOR_LOG)")
	if err := parse(fs, args, s); err != nil {
		return err
	}
	if err := adm.validate(); err != nil {
		return err
	}
	if err := replicas.validate(db.url); err != nil {
		return err
	}
	// Hidden on purpose: only the tests of several servers shorten every
	// task's period to watch them share the runs; no region wants it.
	var jobsEvery time.Duration
	if v := getenv("NAVIGATOR_JOBS_EVERY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 100*time.Millisecond {
			return usageError{fmt.Sprintf("serve: NAVIGATOR_JOBS_EVERY=%q: a duration of at least 100ms", v)}
		}
		jobsEvery = d
	}
	log, err := newLogger(*logFormat, s)
	if err != nil {
		return err
	}
	keys, err := db.keys()
	if err != nil {
		return err
	}
	// Listen before the slow start-up, so a port in use fails at once.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, unwrapNet(err))
	}
	defer ln.Close()
	st, err := db.open(ctx, keys)
	if err != nil {
		return err
	}
	defer st.Close()
	st.LimitConns(*dbConns)
	st.UseLogger(log)
	if err := replicas.use(ctx, st); err != nil {
		return err
	}
	demoPages := false
	if *demoMode {
		if err := seedIfEmpty(ctx, st, keys, s.out); err != nil {
			return err
		}
		// The demo's pages show every letter and code: only for a
		// database the demo made, never for a region's real one.
		if demoPages, err = st.IsDemo(ctx); err != nil {
			return err
		}
		if !demoPages {
			log.Warn("--demo on a database the demo did not make: the demo pages stay off")
		}
	}
	registry, err := reg.registry(st, keys)
	if err != nil {
		return err
	}
	// One gate bounds every password hash of the process, sign-in and
	// sign-up alike: each holds 19 MiB while it runs.
	hashes := password.DefaultGate()
	svc := service.New(service.Deps{DB: st, Keys: keys, Registry: registry, BaseURL: *baseURL, Passwords: hashes})
	mx := metrics.New(st)
	srv, err := server.New(adm.apply(server.Config{SecureCookies: secureCookies(*secure, *baseURL), TrustProxy: *trustProxy, Demo: demoPages,
		Metrics: mx, MetricsToken: *metricsToken}), auth.New(st, keys, hashes), svc, log)
	if err != nil {
		return err
	}
	httpSrv := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	jobCtx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	tasks := jobs.Tasks(st)
	tasks = append(tasks, jobs.Reports(svc, 2*time.Second))
	if *smtpURL != "" {
		sender, err := mail.ParseURL(*smtpURL, *mailFrom)
		if err != nil {
			return usageError{"serve: " + err.Error()}
		}
		tasks = append(tasks, jobs.SendMail(st, sender))
	} else if !*demoMode {
		log.Warn("no mail server: letters wait in the outbox until --smtp-url is set")
	}
	jobs.Run(jobCtx, log, tasks, jobs.Options{Claims: st, Observe: mx.Job, Every: jobsEvery})
	// The audit journal's anchor outside the database: a signed checkpoint
	// every minute and at shutdown, in the data folder and in the log.
	if err := os.MkdirAll(db.dir(), 0o700); err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	marks := checkpoint.NewKeeper(db.checkpoints(), keys, chainHeads(st), log)
	marksDone := make(chan struct{})
	go func() { defer close(marksDone); marks.Run(jobCtx, time.Minute) }()
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	fmt.Fprintf(s.out, "Навигатор работает: http://%s/ (база %s). Остановить: Ctrl+C.\n", displayAddr(ln.Addr()), st.Engine())
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	stopJobs()
	<-marksDone
	if err := marks.Mark(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("audit checkpoint at shutdown: %w", err)
	}
	return nil
}

func newLogger(format string, s stdio) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(s.err, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(s.err, nil)), nil
	}
	return nil, usageError{fmt.Sprintf("serve: unknown log format %q: use text or json", format)}
}

func unwrapNet(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

// displayAddr makes ":8080" into "localhost:8080" for the message.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// secureCookies says whether cookies are marked Secure: when asked, and
// whenever the site's public address is https, so that a forgotten flag
// never sends a session over plain HTTP.
func secureCookies(asked bool, baseURL string) bool {
	return asked || strings.HasPrefix(strings.ToLower(strings.TrimSpace(baseURL)), "https://")
}

package cluster_test

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"navigator/internal/cluster"
	"navigator/internal/cluster/clustertest"
	"navigator/internal/mail/mailtest"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestMailOnceThroughThreeServers queues letters and starts three servers
// that each send the outbox every second to one mail server: every letter
// arrives exactly once, whichever server's claim won each second. Before
// the claims each server sent the outbox on its own ticker, and two of
// them could send the same letter at once.
func TestMailOnceThroughThreeServers(t *testing.T) {
	t.Parallel()
	hap := clustertest.HAProxy(t)
	ctx := context.Background()
	u := storetest.URL(t, store.Postgres)
	db, _ := migrated(t, ctx, u, 4)
	const letters = 150 // three runs of the sender's fifty
	for i := range letters {
		if err := db.QueueMail(ctx, store.Mail{To: fmt.Sprintf("parent%d@example.ru", i), Subject: "Заявка принята", Body: "Здравствуйте!"}); err != nil {
			t.Fatal(err)
		}
	}
	box := &mailtest.Inbox{}
	srv := smtp.NewServer(box)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	port, err := cluster.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	clustertest.Start(t, cluster.Config{HAProxy: hap, DB: u, Secret: testSecret, Servers: 3,
		Args: []string{"--db-conns", "4", "--smtp-url", fmt.Sprintf("smtp://127.0.0.1:%d?tls=none", port)},
		Env:  []string{"NAVIGATOR_JOBS_EVERY=1s"}})
	deadline := time.Now().Add(30 * time.Second)
	for {
		unsent, err := db.UnsentMail(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(unsent) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("letters still unsent after 30 s; %d arrived", len(box.Letters()))
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond) // a letter sent twice would arrive by now
	got := map[string]int{}
	for _, l := range box.Letters() {
		got[l.To]++
	}
	for i := range letters {
		if to := fmt.Sprintf("parent%d@example.ru", i); got[to] != 1 {
			t.Errorf("%s got %d letters, want 1", to, got[to])
		}
	}
	runs, err := db.JobRuns(ctx, "send_mail", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	servers := map[string]bool{}
	for _, r := range runs {
		servers[r.Server] = true
	}
	t.Logf("%d letters in %d runs of send_mail by %d servers", len(box.Letters()), len(runs), len(servers))
}

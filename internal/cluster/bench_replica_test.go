package cluster_test

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"navigator/internal/cluster/clustertest"
	"navigator/internal/pgcluster"
)

// TestBenchCatalogServersReplica runs `navigator bench catalog --servers 2
// --replica URL` small on a private primary and its streaming standby:
// every read is measured through two servers reading the catalog from the
// replica and through one on the primary alone, the ratios are printed,
// nothing is shed or failed, and the servers' /metrics show the replica
// serving catalog reads.
func TestBenchCatalogServersReplica(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("bench catalog seeds a region: skipped with -short")
	}
	clustertest.HAProxy(t)
	primary, standby := primaryAndStandby(t)
	out := runBench(t, "bench", "catalog", "--db", primary, "--servers", "2", "--replica", standby,
		"--programs", "300", "--clients", "8", "--runs", "1", "--each", "300ms")
	for _, want := range []string{"Реплика догнала основную базу", "Отношение «2 сервера с репликой» / «1 сервер без реплики», медианы:"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	_, ratios, _ := strings.Cut(out, "Отношение")
	for _, read := range []string{"главная", "каталог с фильтрами", "поиск по словоформе", "страница программы", "API: список программ"} {
		for _, side := range []string{"1 сервер без реплики", "2 сервера с репликой"} {
			f := strings.Fields(lineWithAll(out, read, side))
			if len(f) == 0 {
				t.Errorf("no row of %q on %q:\n%s", read, side, out)
				continue
			}
			if f[0] != "8" || f[len(f)-1] != "0" {
				t.Errorf("%q on %q: clients %s, shed %s, want 8 and 0:\n%s", read, side, f[0], f[len(f)-1], out)
			}
		}
		// клиентов, the read's words, then four ratios, each a number.
		f := strings.Fields(lineWithAll(ratios, read))
		if len(f) < 5 {
			t.Errorf("no ratio of %q:\n%s", read, out)
			continue
		}
		for _, v := range f[len(f)-4:] {
			if _, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64); err != nil {
				t.Errorf("ratio of %q: %q is not a number:\n%s", read, v, out)
			}
		}
	}
	m := regexp.MustCompile(`с реплик (\d+), с основной базы (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no replica reads from /metrics:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n == 0 {
		t.Errorf("the replica served no catalog reads:\n%s", out)
	}
	checkReplicaUp(t, out, "s1", "s2")
}

// TestBenchRushServersReplica runs `navigator bench rush --servers 2
// --replica URL` small: the two servers read the catalog from the replica,
// the one they are compared with does not, and both are measured, with
// the ratio, in the same run.
func TestBenchRushServersReplica(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("bench rush builds a region: skipped with -short")
	}
	clustertest.HAProxy(t)
	primary, standby := primaryAndStandby(t)
	out := runBench(t, "bench", "rush", "--db", primary, "--servers", "2", "--replica", standby,
		"--families", "200", "--groups", "4", "--clients", "20", "--runs", "1", "--baseline", "200ms")
	for _, want := range []string{"Реплика догнала основную базу", "2 сервера с репликой, ещё 1 сервер без реплики и два HAProxy",
		"прогон 1, 1 сервер без реплики за HAProxy", "прогон 1, 2 сервера с репликой за HAProxy",
		"2 сервера с репликой / 1 сервер без реплики: заявок/с", "переполненных групп 0, нарушений очереди 0",
		"Всего чтений каталога: с реплик "} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	checkReplicaUp(t, out, "s1", "s2")
}

// checkReplicaUp checks that the report says each server found its
// replica up.
func checkReplicaUp(t *testing.T, out string, servers ...string) {
	t.Helper()
	for _, s := range servers {
		if l := lineWithAll(out, "  "+s+": реплика 127.0.0.1:"); !strings.Contains(l, "доступна") {
			t.Errorf("%s does not report the replica up: %q\n%s", s, l, out)
		}
	}
}

// primaryAndStandby starts a private PostgreSQL server with an empty
// database and a streaming standby of it, both removed when the test
// ends, and returns the database's URL on each.
func primaryAndStandby(t *testing.T) (primary, standby string) {
	t.Helper()
	bin := pgcluster.Require(t)
	ctx := context.Background()
	p, err := pgcluster.InitPrimary(ctx, pgcluster.Options{Bin: bin, Conf: []string{"fsync = off"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Remove() })
	if err := p.Exec(ctx, "postgres", "CREATE DATABASE navigator"); err != nil {
		t.Fatal(err)
	}
	s, err := p.Standby(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Remove() })
	if err := p.WaitStreaming(ctx, "r1", false); err != nil {
		t.Fatal(err)
	}
	return p.URL("navigator"), s.URL("navigator")
}

// runBench runs the navigator binary with args and returns its output.
func runBench(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(clustertest.Binary(t), args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s\n%s", strings.Join(args[:2], " "), err, out.String(), errb.String())
	}
	t.Logf("%s:\n%s", strings.Join(args, " "), out.String())
	return out.String()
}

// lineWithAll is the first line of out holding every one of parts.
func lineWithAll(out string, parts ...string) string {
	for _, l := range strings.Split(out, "\n") {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(l, p)
		}
		if ok {
			return l
		}
	}
	return ""
}

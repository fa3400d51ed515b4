package cluster_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"navigator/internal/cluster"
	"navigator/internal/jobs"
	"navigator/internal/store"
)

// watchedTasks are the tasks the job subtest checks: quick ones, so that
// each run is over well within its one-second period.
var watchedTasks = []string{"recount_free_seats", "purge_rate_counters", "close_adult_certificates", "expire_contract_offers"}

// testJobsOnce: with every task due each second on three servers, each
// due time is run once, by the server whose claim won, with no period
// left out; the runs each server reports in /metrics are exactly its rows
// in job_runs. Then one server stops, and the other two still run every
// due time once.
func testJobsOnce(t *testing.T, r *region) {
	names := map[string]string{} // host:pid → s1…
	for _, s := range r.Servers {
		names[serverName(s)] = s.Name
	}
	// The servers may have been up for less than five due times when the
	// subtests before this one were quick: wait for them.
	waitForRuns(t, r.db, 5, 15*time.Second)
	// Just after a due time: its runs are over and the next have not begun.
	sleepPast(400 * time.Millisecond)
	upTo := time.Now().Truncate(time.Second)
	for _, s := range r.Servers {
		ran := jobRunsOf(t, s)
		for _, task := range watchedTasks {
			rows := runsOf(t, r.db, task, time.Time{}, upTo)
			mine := 0
			for _, row := range rows {
				if names[row.Server] == s.Name {
					mine++
				}
			}
			if ran[task] != mine {
				t.Errorf("%s: %s reports %d runs, job_runs has %d of its claims", task, s.Name, ran[task], mine)
			}
		}
	}
	for _, task := range watchedTasks {
		rows := runsOf(t, r.db, task, time.Time{}, upTo)
		checkEverySecond(t, task, rows, names)
		if len(rows) < 5 {
			t.Errorf("%s ran %d times, want a run every second", task, len(rows))
		}
	}
	stopped := r.Servers[2]
	if err := stopped.Stop(); err != nil {
		t.Fatal(err)
	}
	after := time.Now().Truncate(time.Second).Add(time.Second)
	time.Sleep(3 * time.Second)
	sleepPast(400 * time.Millisecond)
	upTo = time.Now().Truncate(time.Second)
	for _, task := range watchedTasks {
		rows := runsOf(t, r.db, task, after, upTo)
		if len(rows) < 3 {
			t.Errorf("%s: %d runs in the 3 s after %s stopped", task, len(rows), stopped.Name)
		}
		checkEverySecond(t, task, rows, names)
		for _, row := range rows {
			if names[row.Server] == stopped.Name {
				t.Errorf("%s at %s was run by the stopped %s", task, row.DueAt.Format(time.TimeOnly), stopped.Name)
			}
		}
	}
}

// waitForRuns waits until every watched task has n runs claimed, or the
// limit has passed (the checks that follow then say what is missing).
func waitForRuns(t *testing.T, db *store.DB, n int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for _, task := range watchedTasks {
		for len(runsOf(t, db, task, time.Time{}, time.Now())) < n && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
	}
}

func serverName(s *cluster.Server) string {
	return strings.SplitN(jobs.ServerName(), ":", 2)[0] + ":" + strconv.Itoa(s.Pid())
}

// sleepPast sleeps until d after the next whole second.
func sleepPast(d time.Duration) {
	now := time.Now()
	time.Sleep(now.Truncate(time.Second).Add(time.Second + d).Sub(now))
}

// runsOf are the rows of task due in [from, upTo].
func runsOf(t *testing.T, db *store.DB, task string, from, upTo time.Time) []store.JobRun {
	t.Helper()
	rows, err := db.JobRuns(context.Background(), task, from)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.JobRun
	for _, r := range rows {
		if !r.DueAt.After(upTo) {
			out = append(out, r)
		}
	}
	return out
}

// checkEverySecond checks that the runs are one a second without a gap,
// each finished without error by a server of the cluster.
func checkEverySecond(t *testing.T, task string, rows []store.JobRun, names map[string]string) {
	t.Helper()
	for i, row := range rows {
		if row.FinishedAt == nil || row.Error != "" {
			t.Errorf("%s at %s: finished %v, error %q", task, row.DueAt.Format(time.TimeOnly), row.FinishedAt, row.Error)
		}
		if names[row.Server] == "" {
			t.Errorf("%s at %s run by %q, not a server of the cluster", task, row.DueAt.Format(time.TimeOnly), row.Server)
		}
		// The first due time is the servers' start, not a whole second.
		if i > 1 && row.DueAt.Sub(rows[i-1].DueAt) != time.Second {
			t.Errorf("%s: due %s then %s: a period was not run", task, rows[i-1].DueAt.Format(time.TimeOnly), row.DueAt.Format(time.TimeOnly))
		}
	}
}

// jobRunsOf reads a server's /metrics: how many runs of each task it
// made, whatever their result.
func jobRunsOf(t *testing.T, s *cluster.Server) map[string]int {
	t.Helper()
	resp, err := http.Get(s.URL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics of %s: %d", s.Name, resp.StatusCode)
	}
	runs := map[string]int{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "navigator_job_runs_total{")
		if !ok {
			continue
		}
		labels, value, _ := strings.Cut(line, "} ")
		var job string
		for _, l := range strings.Split(labels, ",") {
			if v, ok := strings.CutPrefix(l, `job="`); ok {
				job = strings.TrimSuffix(v, `"`)
			}
		}
		n, err := strconv.ParseFloat(value, 64)
		if err != nil {
			t.Fatal(fmt.Errorf("metrics line %q: %w", sc.Text(), err))
		}
		runs[job] += int(n)
	}
	return runs
}

package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"navigator/internal/store"
)

// ReplicaSource gives the read replicas as the store's lag watcher last
// saw them.
type ReplicaSource interface {
	ReplicaStats() (stats []store.ReplicaStat, primaryReads int64)
}

var (
	descReplicaUp    = prometheus.NewDesc("navigator_db_replica_up", "1 when the read replica answered the last lag check as a streaming replica.", []string{"replica"}, nil)
	descReplicaLag   = prometheus.NewDesc("navigator_db_replica_lag_seconds", "How far the read replica's replay is behind the primary's WAL, at the last check.", []string{"replica"}, nil)
	descReplicaUsed  = prometheus.NewDesc("navigator_db_replica_used", "1 when catalog reads go to the replica: it is up and within --db-replica-max-lag.", []string{"replica"}, nil)
	descReplicaReads = prometheus.NewDesc("navigator_db_catalog_reads_total", "Catalog reads by who served them: a replica's host:port, or primary.", []string{"served_by"}, nil)
	descReplicaFails = prometheus.NewDesc("navigator_db_replica_failed_reads_total", "Catalog reads the replica failed; the primary served them again.", []string{"replica"}, nil)
)

// replicaCollector reads the replicas' state at scrape time; it asks no
// database, the lag watcher has already done so.
type replicaCollector struct{ src ReplicaSource }

func (c *replicaCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descReplicaUp, descReplicaLag, descReplicaUsed, descReplicaReads, descReplicaFails} {
		ch <- d
	}
}

func (c *replicaCollector) Collect(ch chan<- prometheus.Metric) {
	stats, primary := c.src.ReplicaStats()
	if stats == nil {
		return // no replicas: nothing to show
	}
	for _, r := range stats {
		ch <- prometheus.MustNewConstMetric(descReplicaUp, prometheus.GaugeValue, b2f(r.Up), r.Name)
		ch <- prometheus.MustNewConstMetric(descReplicaLag, prometheus.GaugeValue, r.Lag.Seconds(), r.Name)
		ch <- prometheus.MustNewConstMetric(descReplicaUsed, prometheus.GaugeValue, b2f(r.Used), r.Name)
		ch <- prometheus.MustNewConstMetric(descReplicaReads, prometheus.CounterValue, float64(r.Reads), r.Name)
		ch <- prometheus.MustNewConstMetric(descReplicaFails, prometheus.CounterValue, float64(r.Fails), r.Name)
	}
	ch <- prometheus.MustNewConstMetric(descReplicaReads, prometheus.CounterValue, float64(primary), "primary")
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

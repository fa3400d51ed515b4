package server_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// load sends n GET requests from c clients and returns the requests per
// second and the sorted latencies.
func load(b *testing.B, client *http.Client, urls []string, n, c int) (float64, []time.Duration) {
	lat := make([]time.Duration, n)
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				t0 := time.Now()
				resp, err := client.Get(urls[i%len(urls)])
				if err != nil {
					b.Error(err)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Errorf("%s: %d", urls[i%len(urls)], resp.StatusCode)
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	rate := float64(n) / time.Since(start).Seconds()
	slices.Sort(lat)
	return rate, lat
}

// BenchmarkCatalogSearch50k searches a catalog of 50,000 programs through
// the real HTTP stack on loopback with 8 clients, and reports p50 and p95
// and requests per second against the server's trivial /healthz in the
// same run, and the bytes and time to first byte of the home page and a
// program page.
//
//	go test ./internal/server -run '^$' -bench CatalogSearch50k -benchtime 1x -count 3 -timeout 60m
func BenchmarkCatalogSearch50k(b *testing.B) {
	queries := []string{"рисованию", "шахматам", "робототехника", "футболом", "вокалу", "программированию", "краеведению", "английский язык"}
	for _, engine := range storetest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			e := newEnvB(b, engine)
			if err := store.Synthetic(e.db).GrowCatalog(context.Background(), 50_000); err != nil {
				b.Fatal(err)
			}
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			var urls []string
			for _, q := range queries {
				urls = append(urls, e.srv.URL+"/api/v1/programs?q="+url.QueryEscape(q))
				urls = append(urls, e.srv.URL+"/api/v1/programs?q="+url.QueryEscape(q)+"&age=10&page=2")
			}
			const n, c = 2000, 8
			load(b, client, urls, 200, c) // warm up
			b.ResetTimer()
			for b.Loop() {
				baseRate, _ := load(b, client, []string{e.srv.URL + "/healthz"}, n, c)
				rate, lat := load(b, client, urls, n, c)
				b.ReportMetric(rate, "search_req/s")
				b.ReportMetric(float64(lat[n/2].Microseconds())/1000, "p50_ms")
				b.ReportMetric(float64(lat[n*95/100].Microseconds())/1000, "p95_ms")
				b.ReportMetric(rate/baseRate, "x_healthz")
			}
			b.StopTimer()
			for _, page := range []string{"/", "/programs/1"} {
				t0 := time.Now()
				resp, err := client.Get(e.srv.URL + page)
				if err != nil {
					b.Fatal(err)
				}
				ttfb := time.Since(t0)
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				b.Logf("%s %s: %d bytes, time to first byte %v", engine, page, len(body), ttfb.Round(time.Microsecond))
			}
		})
	}
}
